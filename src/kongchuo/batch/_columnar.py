"""The columnar path of :func:`~kongchuo.batch.reconcile` (列式比对), on polars.

The joins of 三比对 — which registrations are on roll, which child has one, two or
none, who has attendance records, whose household status rules out a roll entry —
run as polars group-bys over flat columns, and so does the masking of the keys.
Most children come out of them with nothing to find and full attendance: their
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
        _GONE,
        _ON_ROLL,
        _child_alone,
        _full_bands,
        _masked,
        _merge_bands,
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
    mark_frame = keyed([m.student_number.value for m in marks])
    per_reg = reg_frame.group_by("key").agg(
        pl.col("idx").sort().alias("regs"),
        pl.col("open").sum().alias("open"),
        pl.col("school").filter(pl.col("open")).first().alias("school"),
    )
    per_mark = mark_frame.group_by("key").agg(pl.col("idx").sort().alias("marks"))
    keys = pl.concat([people.select("key"), per_reg.select("key"), per_mark.select("key")]).unique()
    key = pl.col("key")
    simple = (
        pl.lit(bool(work.school_days))
        & (pl.col("open") == 1)
        & pl.col("marks").is_null()
        & ~pl.col("gone").fill_null(value=False)
    ).fill_null(value=False)
    length = key.str.len_chars()
    masked = (
        pl.when(length == 18)
        .then(pl.concat_str(key.str.slice(0, 6), pl.lit("********"), key.str.slice(14)))
        .when(length == 19)
        .then(pl.concat_str(key.str.slice(0, 7), pl.lit("********"), key.str.slice(15)))
    )
    table = (
        keys.join(people, on="key", how="left")
        .join(per_reg, on="key", how="left")
        .join(per_mark, on="key", how="left")
        .sort("key")
        .select(
            "key",
            simple.alias("simple"),
            pl.when(simple).then(masked).alias("child"),
            "school",
            pl.when(~simple).then(pl.col("regs")).alias("regs"),
            pl.when(~simple).then(pl.col("marks")).alias("marks"),
        )
    )
    total = len(work.school_days)
    plain = table.filter(pl.col("simple"))
    easy = _full_bands(
        zip(
            [
                child if child is not None else _masked(key_)
                for key_, child in zip(
                    plain.get_column("key").to_list(),
                    plain.get_column("child").to_list(),
                    strict=True,
                )
            ],
            plain.get_column("key").to_list(),
            plain.get_column("school").to_list(),
            strict=True,
        ),
        total,
        work.full_rate,
        work.full_band,
    )
    rest = table.filter(~pl.col("simple"))
    entry_of = entries.get
    for key_, reg_at, mark_at in zip(
        rest.get_column("key").to_list(),
        rest.get_column("regs").to_list(),
        rest.get_column("marks").to_list(),
        strict=True,
    ):
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
