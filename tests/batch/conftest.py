import functools

import pytest

from kongchuo import regions
from kongchuo.batch import Feed, build_census, intake, rows_from_mappings, synthetic_feeds
from kongchuo.policy import FEICHENG


@functools.cache
def _inputs(children, seed):
    county = synthetic_feeds(children, seed=seed)
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
    return county, census, regs, marks


@pytest.fixture(scope="session")
def synthetic_inputs():
    """A generated county taken in (by size, seed): county, census, registrations, attendance."""
    return _inputs
