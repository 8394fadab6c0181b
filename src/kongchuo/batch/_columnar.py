"""The columnar path of :func:`~kongchuo.batch.reconcile` (列式比对), on polars.

The joins of 三比对 — which registrations are on roll, which child has one, two or
none, who has attendance records, whose household status rules out a roll entry —
run as polars group-bys over flat columns, and so do the counts of days absent
and on leave per student and the masking of the keys. Most children come out of
them with nothing to find — no attendance record, or too few days absent without
leave for any finding, at the school that holds the registration — and their
:class:`~kongchuo.batch.StudentBand` is built straight from the columns. Every
other child goes through the same per-child comparison as the pure-Python path,
so the findings, their messages and their order are the same by construction
(and a property test checks the whole result is equal).

polars is an optional extra (``pip install 'kongchuo[columnar]'``), imported here
only; :func:`~kongchuo.batch.reconcile` imports this module when the columnar path
is asked for or chosen at size.

Part of the batch layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kongchuo import Attendance, Registration, ValidationError
from kongchuo.batch._census import CensusEntry

if TYPE_CHECKING:
    from kongchuo.batch._reconcile import Exemption, _Work

__all__ = ["available", "visit_columnar"]


def available() -> bool:
    """Whether polars can be imported (the ``columnar`` extra)."""
    try:
        import polars as pl  # noqa: F401, PLC0415 - an optional extra, probed when asked
    except ImportError:
        return False
    return True


def _polars() -> Any:  # noqa: ANN401 - the optional module
    try:
        import polars as pl  # noqa: PLC0415 - an optional extra, imported when asked for
    except ImportError:
        raise ValidationError(
            "batch.engine.missing",
            "engine 'polars' needs polars: pip install 'kongchuo[columnar]'",
            "engine 'polars' 需要安装 polars：pip install 'kongchuo[columnar]'",
            path="engine",
        ) from None
    return pl


def visit_columnar(  # noqa: PLR0917 - the grouped inputs, passed apart
    work: _Work,
    entries: Mapping[str, CensusEntry],
    linked: Mapping[str, str],
    regs: list[Registration],
    marks: list[Attendance],
    approved: dict[str, list[tuple[dt.date, dt.date]]],
    exempt: dict[str, Exemption],
) -> None:
    """Visit every child in key order, as ``_visit`` does, with the joins in polars."""
    from kongchuo.batch._reconcile import (  # noqa: PLC0415 - the module that imports this one
        _ABSENT,
        _GONE,
        _ON_LEAVE,
        _ON_ROLL,
        _child_alone,
        _masked,
        _merge_bands,
        _plain_bands,
        _quiet_limit,
    )

    pl = _polars()
    as_of = work.as_of
    on_roll = _ON_ROLL
    people = pl.DataFrame(
        {
            "key": list(entries),
            "gone": [e.status in _GONE for e in entries.values()],
        },
        schema={"key": pl.String, "gone": pl.Boolean},
    )
    links = pl.DataFrame(
        {"number": list(linked), "linked": list(linked.values())},
        schema={"number": pl.String, "linked": pl.String},
    )

    def keyed(numbers: list[str]) -> Any:  # noqa: ANN401 - a polars frame
        """The census key of each student number: its link, else itself less a leading G."""
        frame = pl.DataFrame({"number": numbers}, schema={"number": pl.String})
        frame = frame.with_row_index("idx")
        if links.height:
            frame = frame.join(links, on="number", how="left")
        else:
            frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias("linked"))
        number = pl.col("number")
        own = pl.when(number.str.starts_with("G")).then(number.str.slice(1)).otherwise(number)
        return frame.select("idx", pl.coalesce("linked", own).alias("key"))

    reg_frame = keyed([r.student_number.value for r in regs]).with_columns(
        pl.Series(
            "open",
            [
                r.status in on_roll
                and r.effective_from <= as_of
                and (r.effective_to is None or r.effective_to >= as_of)
                for r in regs
            ],
            dtype=pl.Boolean,
        ),
        pl.Series("school", [r.school for r in regs], dtype=pl.String),
    )
    mark_frame = keyed([m.student_number.value for m in marks]).with_columns(
        pl.Series("on", [m.on for m in marks], dtype=pl.Date),
        pl.Series(
            "state",
            [2 if m.status is _ABSENT else 1 if m.status is _ON_LEAVE else 0 for m in marks],
            dtype=pl.Int8,
        ),
        pl.Series("school", [m.school for m in marks], dtype=pl.String),
    )
    # Counts only: the lists of records are gathered later for the children that
    # need the general comparison (carrying them through the joins and the sort
    # costs more than the rest of the plan at a million children).
    per_reg = reg_frame.group_by("key").agg(
        pl.col("open").sum().alias("open"),
        pl.col("school").filter(pl.col("open")).first().alias("school"),
    )
    per_mark = mark_frame.group_by("key").agg(pl.len().alias("marks"))
    # The window's records: how many, how many at the school of the registration,
    # and per school day whether absent and whether on leave.
    window = mark_frame.filter(pl.col("on").is_between(work.since, work.as_of))
    per_window = (
        window.join(per_reg.select("key", pl.col("school").alias("roll")), on="key", how="left")
        .group_by("key")
        .agg(pl.len().alias("window"), (pl.col("school") == pl.col("roll")).sum().alias("here"))
    )
    school_days = pl.DataFrame({"on": work.school_days}, schema={"on": pl.Date})
    per_day = (
        window.join(school_days, on="on", how="semi")
        .group_by("key", "on")
        .agg(
            (pl.col("state") == 2).any().alias("absent"),
            (pl.col("state") == 1).any().alias("leave"),
        )
        .group_by("key")
        .agg(
            (pl.col("absent") | pl.col("leave")).sum().alias("away"),
            (pl.col("absent") & ~pl.col("leave")).sum().alias("unexplained"),
        )
    )
    # Every child: the census, and the registered or attending children it lacks.
    strangers = (
        pl.concat([per_reg.select("key"), per_mark.select("key")])
        .join(people, on="key", how="anti")
        .unique()
        .with_columns(pl.lit(None, dtype=pl.Boolean).alias("gone"))
    )
    key = pl.col("key")
    on_roll_here = (
        pl.lit(bool(work.school_days))
        & (pl.col("open") == 1)
        & ~pl.col("gone").fill_null(value=False)
    )
    # Nothing to find: no records at all, or records of a student on roll at one
    # school, attending there, with too few days absent without leave for any
    # finding (_quiet_limit) and no approved leave to weigh.
    quiet = on_roll_here & (
        pl.col("marks").is_null()
        | (
            ~key.is_in(list(approved))
            & ((pl.col("window").fill_null(0) == 0) | (pl.col("here") > 0))
            & (pl.col("unexplained").fill_null(0) <= _quiet_limit(work))
        )
    )
    simple = quiet.fill_null(value=False)
    length = key.str.len_chars()
    masked = (
        pl.when(length == 18)
        .then(pl.concat_str(key.str.slice(0, 6), pl.lit("********"), key.str.slice(14)))
        .when(length == 19)
        .then(pl.concat_str(key.str.slice(0, 7), pl.lit("********"), key.str.slice(15)))
    )
    table = (
        pl.concat([people, strangers])
        .join(per_reg, on="key", how="left")
        .join(per_mark, on="key", how="left")
        .join(per_window, on="key", how="left")
        .join(per_day, on="key", how="left")
        .sort("key")
        .select(
            "key",
            simple.alias("simple"),
            pl.when(simple).then(masked).alias("child"),
            "school",
            pl.col("away").fill_null(0),
            pl.col("unexplained").fill_null(0),
        )
    )
    plain = table.filter(pl.col("simple"))
    keys_ = plain.get_column("key").to_list()
    easy = _plain_bands(
        zip(
            [
                child if child is not None else _masked(key_)
                for key_, child in zip(keys_, plain.get_column("child").to_list(), strict=True)
            ],
            keys_,
            plain.get_column("school").to_list(),
            plain.get_column("away").to_list(),
            plain.get_column("unexplained").to_list(),
            strict=True,
        ),
        work,
    )
    rest = table.filter(~pl.col("simple")).select("key")

    def gathered(frame: Any) -> dict[str, list[int]]:  # noqa: ANN401 - a polars frame
        """Key → the row numbers of its records, in input order, for the rest only."""
        found = frame.join(rest, on="key", how="semi").group_by("key").agg(pl.col("idx").sort())
        return dict(
            zip(found.get_column("key").to_list(), found.get_column("idx").to_list(), strict=True)
        )

    reg_rows, mark_rows = gathered(reg_frame), gathered(mark_frame)
    entry_of = entries.get
    for key_ in rest.get_column("key").to_list():
        reg_at = reg_rows.get(key_)
        mark_at = mark_rows.get(key_)
        _child_alone(
            work,
            key_,
            entry_of(key_),
            [regs[i] for i in reg_at] if reg_at else [],
            [marks[i] for i in mark_at] if mark_at else [],
            approved.get(key_, []),
            exempt.get(key_),
        )
    _merge_bands(work, easy)
