"""A synthetic county taken in and merged: the inputs the reconciliation tests share."""

from kongchuo import regions
from kongchuo.batch import Feed, build_census, intake, rows_from_mappings, synthetic_feeds
from kongchuo.policy import FEICHENG


def taken_in(county):
    """A generated county's census, 学籍 records and attendance marks, after intake."""
    taken = {
        feed: intake(
            rows_from_mappings(rows),
            feed,
            source=feed.value,
            as_of=county.as_of,
            policy=FEICHENG,
            jurisdictions=regions.FEICHENG_UNITS,
            schools=county.schools,
        )
        for feed, rows in county.rows.items()
    }
    census = build_census(*taken.values())
    regs = [r.value for r in taken[Feed.REGISTRATION].records]
    marks = [r.value for r in taken[Feed.ATTENDANCE].records]
    return census, regs, marks


def county_inputs(children, seed):
    """The county of ``children`` generated from ``seed``, and its inputs taken in."""
    county = synthetic_feeds(children, seed=seed)
    return (county, *taken_in(county))
