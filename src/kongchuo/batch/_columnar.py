"""The columnar path of :func:`~kongchuo.batch.reconcile` (列式比对), on polars.

The joins of 三比对 — which registrations are on roll, which child has one, two or
none, who has attendance records, whose household status rules out a roll entry —
run as polars group-bys over flat columns, and so do the counts of days absent
and on leave per student and the masking of the keys. Most children come out of
them settled: on roll at one school with no approved leave to weigh, their
:class:`~kongchuo.batch.StudentBand` built straight from the columns when the
bands are first read. For those absent without leave or attending only
elsewhere, polars also finds the longest run of absence and the schools
attended; children with no registration and no attendance record go straight to
the 失学 check. Every other child goes through the same per-child comparison as
the pure-Python path. Each finding is made by the one function both paths call,
so the findings, their messages and their order are the same by construction
(and a property test checks the whole result is equal).

polars is an optional extra (``pip install 'kongchuo[columnar]'``), imported here
only; :func:`~kongchuo.batch.reconcile` imports this module when the columnar path
is asked for or chosen at size.

Part of the batch layer of the design (docs/design.md).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import attrs

import kongchuo
from kongchuo import (
    AttendanceStatus,
    Finding,
    GroupMembership,
    RegistrationStatus,
    ResidentId,
    SpecialGroup,
    StudentNumber,
    ValidationError,
)
from kongchuo._core.errors import redact
from kongchuo._identity.numbers import known_resident_id, known_student_number
from kongchuo._models.base import UNIT_CODE, gc_paused
from kongchuo.batch._cells import CellError
from kongchuo.batch._census import (
    CensusEntry,
    Conflict,
    SourceRef,
    child_key,
    merge_household,
    unknown_child,
    with_memberships,
)
from kongchuo.batch._feeds import FIELDS, Feed, HouseholdStatus
from kongchuo.batch._intake import (
    _DEPARTMENTS,
    _MODELS,
    Record,
    RowOutcome,
    RowResult,
    _build,
    _Context,
    _Pending,
    _plan,
    _read_row,
)
from kongchuo.batch._tables import Row, _rows, decode, load

if TYPE_CHECKING:
    from kongchuo.batch._intake import Intake
    from kongchuo.batch._reconcile import Exemption, StudentBand, _Work

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


def _people(pl: Any, entries: Any) -> tuple[Any, Any]:  # noqa: ANN401 - polars and a census
    """The census as a frame of (key, gone), and the builder of some keys' entries."""
    from kongchuo.batch._census import Census  # noqa: PLC0415 - the module that imports this one
    from kongchuo.batch._reconcile import _GONE  # noqa: PLC0415

    if isinstance(entries, Census) and entries.columns is not None:
        merged: CensusColumns = entries.columns
        gone = [s.value for s in _GONE]
        return merged.people.select("key", pl.col("status").is_in(gone).alias("gone")), (
            merged.light_entries
        )
    table: Mapping[str, CensusEntry] = entries.entries if isinstance(entries, Census) else entries
    people = pl.DataFrame(
        {"key": list(table), "gone": [e.status in _GONE for e in table.values()]},
        schema={"key": pl.String, "gone": pl.Boolean},
    )

    def some(keys: Iterable[str]) -> dict[str, CensusEntry]:
        return {k: table[k] for k in keys if k in table}

    return people, some


def _regs_frame(pl: Any, regs: Any, as_of: dt.date) -> Any:  # noqa: ANN401 - polars frames
    """(number, open, school) of each registration, from objects or an intake's columns."""
    from kongchuo.batch._reconcile import _ON_ROLL  # noqa: PLC0415

    if isinstance(regs, list):
        return pl.DataFrame(
            {
                "number": [r.student_number.value for r in regs],
                "open": [
                    r.status in _ON_ROLL
                    and r.effective_from <= as_of
                    and (r.effective_to is None or r.effective_to >= as_of)
                    for r in regs
                ],
                "school": [r.school for r in regs],
            },
            schema={"number": pl.String, "open": pl.Boolean, "school": pl.String},
        )
    day = as_of.isoformat()  # ISO dates of four-digit years compare as text
    end = pl.col("effective_to")
    return regs.columns.values.select(
        pl.col("student_number").alias("number"),
        (
            pl.col("status").is_in([s.value for s in _ON_ROLL])
            & (pl.col("effective_from") <= day)
            & (end.is_null() | (end >= day))
        ).alias("open"),
        "school",
    )


def _marks_frame(pl: Any, marks: Any) -> Any:  # noqa: ANN401 - polars frames
    """(number, on, state, school) of each attendance record; state 2 absent, 1 on leave."""
    from kongchuo.batch._reconcile import _ABSENT, _ON_LEAVE  # noqa: PLC0415

    if isinstance(marks, list):
        return pl.DataFrame(
            {
                "number": [m.student_number.value for m in marks],
                "on": [m.on for m in marks],
                "state": [
                    2 if m.status is _ABSENT else 1 if m.status is _ON_LEAVE else 0 for m in marks
                ],
                "school": [m.school for m in marks],
            },
            schema={"number": pl.String, "on": pl.Date, "state": pl.Int8, "school": pl.String},
        )
    status = pl.col("status")
    return marks.columns.values.select(
        pl.col("student_number").alias("number"),
        pl.col("on").str.to_date("%Y-%m-%d"),
        pl.when(status == _ABSENT.value)
        .then(2)
        .when(status == _ON_LEAVE.value)
        .then(1)
        .otherwise(0)
        .cast(pl.Int8)
        .alias("state"),
        "school",
    )


class _Reg(NamedTuple):
    """What the comparison reads of a registration, straight from the columns."""

    student_number: StudentNumber
    school: str
    grade: int
    status: RegistrationStatus
    effective_from: dt.date
    effective_to: dt.date | None


class _Mark(NamedTuple):
    """What the comparison reads of an attendance record, straight from the columns."""

    on: dt.date
    school: str
    status: AttendanceStatus


def _objects(pl: Any, items: Any, positions: list[int], *, marks: bool) -> dict[int, Any]:  # noqa: ANN401
    """The records at ``positions``: of a list, or read from an intake's accepted columns.

    From columns they are light tuples holding the fields the comparison reads (the
    values the records hold, already checked at intake), not the models: building
    a model per record of the children weighed costs more than the comparison.
    """
    if isinstance(items, list):
        return {i: items[i] for i in positions}
    ordered = sorted(set(positions))
    picked = items.columns.values[ordered]
    if marks:
        states = {s.value: s for s in AttendanceStatus}
        days = picked.get_column("on").str.to_date("%Y-%m-%d").to_list()
        schools = picked.get_column("school").to_list()
        statuses = [states[v] for v in picked.get_column("status").to_list()]
        return dict(zip(ordered, map(_Mark, days, schools, statuses), strict=True))
    rows = picked.select(
        "student_number",
        "school",
        "grade",
        "status",
        pl.col("effective_from").str.to_date("%Y-%m-%d"),
        pl.col("effective_to").str.to_date("%Y-%m-%d"),
    )
    numbers: dict[str, StudentNumber] = {}
    out: dict[int, Any] = {}
    for i, (number, school, grade, status, start, end) in zip(
        ordered, rows.iter_rows(), strict=True
    ):
        parsed = numbers.get(number)
        if parsed is None:
            # The column holds the normalised numbers the intake checked.
            parsed = numbers[number] = known_student_number(number)
        out[i] = _Reg(parsed, school, grade, RegistrationStatus(status), start, end)
    return out


class _Roll(NamedTuple):
    """What the findings of absence read of the registration on roll."""

    student_number: StudentNumber
    school: str


def _runs(
    pl: Any,  # noqa: ANN401 - polars
    daily: Any,  # noqa: ANN401 - a polars frame
    students: Any,  # noqa: ANN401 - a polars frame
    school_days: list[dt.date],
) -> dict[str, tuple[Any, ...]]:
    """Each student's absence without leave, as :func:`_absent_found` takes it after the entry.

    ``daily`` holds (key, pos, absent, leave) per school day of the window (``pos``
    its position in ``school_days``); ``students`` (key, school, number) the
    students to weigh. A run
    is a set of consecutive positions: position less rank is constant along it.
    The longest is kept, the earliest on a tie, as ``_longest_run`` keeps it.
    """
    if not students.height:
        return {}
    days = (
        daily.filter(pl.col("absent") & ~pl.col("leave"))
        .join(students.select("key"), on="key", how="semi")
        .select("key", "pos")
        .sort("key", "pos")
    )
    found = (
        days.with_columns((pl.col("pos") - pl.int_range(pl.len()).over("key")).alias("grp"))
        .group_by("key", "grp")
        .agg(
            pl.len().alias("length"),
            pl.col("pos").min().alias("start"),
            pl.col("pos").max().alias("end"),
        )
        .sort("key", "length", "start", descending=[False, True, False])
        .group_by("key", maintain_order=True)
        .first()
        .join(
            days.group_by("key").agg(pl.col("pos").min().alias("first"), pl.len().alias("count")),
            on="key",
        )
        .join(students.select("key", "school", "number"), on="key")
    )
    day = school_days.__getitem__
    return {
        key: (
            _Roll(known_student_number(number), school),
            day(first),
            count,
            day(start),
            day(end),
            length,
        )
        for key, length, start, end, first, count, school, number in found.select(
            "key", "length", "start", "end", "first", "count", "school", "number"
        ).iter_rows()
    }


def _per_student(pl: Any, regs: Any) -> Any:  # noqa: ANN401 - polars and its frames
    """Per student (key): how many registrations on roll, the first one's school and number.

    Most students have one registration: the rows of keys met once are read as
    they are, and only the others are grouped (a group-by over a million text keys
    costs three times the pass that finds the keys met once).
    """
    single = regs.unique(subset="key", keep="none")
    opened = pl.col("open")
    several = (
        regs.join(single.select("key"), on="key", how="anti")
        .group_by("key")
        .agg(
            opened.sum().cast(pl.UInt32),
            pl.col("school").filter(opened).first(),
            pl.col("number").filter(opened).first(),
        )
    )
    return pl.concat(
        [
            single.select(
                "key",
                opened.cast(pl.UInt32),
                pl.when(opened).then(pl.col("school")).alias("school"),
                pl.when(opened).then(pl.col("number")).alias("number"),
            ),
            several,
        ]
    )


def _elsewhere(
    pl: Any,  # noqa: ANN401 - polars
    window: Any,  # noqa: ANN401 - a polars frame
    students: Any,  # noqa: ANN401 - a polars frame
) -> dict[str, tuple[Any, ...]]:
    """Key → the arguments of :func:`_mismatch_found` after the entry, for ``students``.

    ``window`` holds the window's attendance records (key, on, school); ``students``
    (key, school, number) those on roll at one school and attending only others.
    """
    if not students.height:
        return {}
    found = (
        window.join(students.select("key"), on="key", how="semi")
        .group_by("key")
        .agg(pl.col("school").unique().sort().alias("attending"), pl.col("on").min().alias("first"))
        .join(students.select("key", "school", "number"), on="key")
    )
    return {
        key: (_Roll(known_student_number(number), school), attending, first)
        for key, attending, first, school, number in found.select(
            "key", "attending", "first", "school", "number"
        ).iter_rows()
    }


def _weigh(  # noqa: PLR0917 - the grouped inputs, passed apart
    work: _Work,
    keys: list[str],
    entries_for: Callable[[list[str]], Mapping[str, Any]],
    regs: tuple[dict[str, list[int]], dict[int, Any]],
    marks: tuple[dict[str, list[int]], dict[int, Any]],
    found: tuple[dict[str, tuple[Any, ...]], dict[str, tuple[Any, ...]], set[str]],
    approved: dict[str, list[tuple[dt.date, dt.date]]],
    exempt: dict[str, Exemption],
) -> None:
    """Weigh the children of ``keys`` (sorted) one by one, adding to ``work``.

    The settled students (on roll at one school) come with what polars found —
    the schools attended elsewhere, the longest run of absence — and go straight
    to the findings, and so do the children with no record at all (``bare``);
    the others go through the pure-Python comparison, with their records (row
    numbers and the records read at them).
    """
    from kongchuo.batch._reconcile import (  # noqa: PLC0415 - the module that imports this one
        _SORT_KEY,
        _absent_found,
        _child_alone,
        _masked,
        _mismatch_found,
        _out_found,
    )

    runs, away, bare = found
    reg_rows, reg_of = regs
    mark_rows, mark_of = marks
    entry_of = entries_for(keys).get
    for key_ in keys:
        if key_ in bare:
            _out_found(work, key_, _masked(key_), entry_of(key_), exempt.get(key_))
            continue
        run, attending = runs.get(key_), away.get(key_)
        if run is not None or attending is not None:
            first, child, entry = len(work.found), _masked(key_), entry_of(key_)
            if attending is not None:
                _mismatch_found(work, key_, child, entry, *attending)
            if run is not None:
                _absent_found(work, key_, child, entry, *run)
            if len(work.found) - first > 1:
                work.found[first:] = sorted(work.found[first:], key=_SORT_KEY)
            continue
        reg_at = reg_rows.get(key_)
        mark_at = mark_rows.get(key_)
        _child_alone(
            work,
            key_,
            entry_of(key_),
            [reg_of[i] for i in reg_at] if reg_at else [],
            [mark_of[i] for i in mark_at] if mark_at else [],
            approved.get(key_, []),
            exempt.get(key_),
        )


def visit_columnar(  # noqa: PLR0917 - the grouped inputs, passed apart
    work: _Work,
    entries: Any,  # noqa: ANN401 - a Census (maybe on columns) or a mapping of entries
    linked: Mapping[str, str],
    regs: Any,  # noqa: ANN401 - a list of registrations or the registration intake
    marks: Any,  # noqa: ANN401 - a list of attendance records or the attendance intake
    approved: dict[str, list[tuple[dt.date, dt.date]]],
    exempt: dict[str, Exemption],
) -> None:
    """Visit every child in key order, as ``_visit`` does, with the joins in polars."""
    from kongchuo.batch._reconcile import (  # noqa: PLC0415 - the module that imports this one
        _masked,
        _plain_bands,
        _quiet_limit,
    )

    pl = _polars()
    people, entries_for = _people(pl, entries)
    links = pl.DataFrame(
        {"number": list(linked), "linked": list(linked.values())},
        schema={"number": pl.String, "linked": pl.String},
    )

    def keyed(frame: Any) -> Any:  # noqa: ANN401 - a polars frame
        """The census key of each student number: its link, else itself less a leading G."""
        frame = frame.with_row_index("idx")
        if links.height:
            frame = frame.join(links, on="number", how="left")
        else:
            frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias("linked"))
        number = pl.col("number")
        own = pl.when(number.str.starts_with("G")).then(number.str.slice(1)).otherwise(number)
        return frame.select(
            "idx", pl.coalesce("linked", own).alias("key"), pl.exclude("idx", "linked")
        )

    reg_frame = keyed(_regs_frame(pl, regs, work.as_of))
    mark_frame = keyed(_marks_frame(pl, marks))
    # Counts only: the lists of records are gathered later for the children that
    # need the general comparison (carrying them through the joins and the sort
    # costs more than the rest of the plan at a million children).
    per_reg = _per_student(pl, reg_frame)
    per_mark = mark_frame.group_by("key").agg(pl.len().alias("marks"))
    # The window's records: how many, how many at the school of the registration,
    # and per school day whether absent and whether on leave.
    window = mark_frame.filter(pl.col("on").is_between(work.since, work.as_of))
    per_window = (
        window.join(per_reg.select("key", pl.col("school").alias("roll")), on="key", how="left")
        .group_by("key")
        .agg(pl.len().alias("window"), (pl.col("school") == pl.col("roll")).sum().alias("here"))
    )
    school_days = pl.DataFrame(
        {"on": work.school_days, "pos": range(len(work.school_days))},
        schema={"on": pl.Date, "pos": pl.Int32},
    )
    # Per student and school day (by its position in the window): absent, on leave.
    daily = (
        window.join(school_days, on="on", how="inner")
        .group_by("key", "pos")
        .agg(
            (pl.col("state") == 2).any().alias("absent"),
            (pl.col("state") == 1).any().alias("leave"),
        )
    )
    per_day = daily.group_by("key").agg(
        (pl.col("absent") | pl.col("leave")).sum().alias("away"),
        (pl.col("absent") & ~pl.col("leave")).sum().alias("unexplained"),
    )
    key = pl.col("key")
    on_roll_here = (
        pl.lit(bool(work.school_days))
        & (pl.col("open") == 1)
        & ~pl.col("gone").fill_null(value=False)
    )
    # Settled: on roll at one school, not gone, with no record or no approved
    # leave to weigh. Such a student can be found attending only elsewhere
    # (人籍不一致) and absent without leave; nothing else. Those with too few days
    # absent without leave for any finding (_quiet_limit) and attending where
    # they are registered have nothing to find; the others' schools attended and
    # longest runs of absence are found below, in polars.
    alone = on_roll_here & (pl.col("marks").is_null() | ~key.is_in(list(approved)))
    absent_some = pl.col("marks").is_not_null() & (
        pl.col("unexplained").fill_null(0) > _quiet_limit(work)
    )
    elsewhere = (pl.col("window").fill_null(0) > 0) & (pl.col("here").fill_null(0) == 0)
    # No sort here: the children weighed one by one are few and sorted in Python;
    # the others' bands are sorted and built when first read (_Bands).
    # The window's and the days' counts belong to children with records: joined to
    # those first (small frames), the table takes one join of them, not three.
    per_marked = per_mark.join(per_window, on="key", how="left").join(per_day, on="key", how="left")
    # Every child: the census, and the registered or attending children it lacks
    # (full joins; ``gone`` is null for a child not in the census).
    table = (
        people.join(per_reg, on="key", how="full", coalesce=True)
        .join(per_marked, on="key", how="full", coalesce=True)
        .select(
            "key",
            alone.fill_null(value=False).alias("alone"),
            absent_some.fill_null(value=False).alias("runs"),
            elsewhere.fill_null(value=False).alias("elsewhere"),
            (pl.col("open").is_null() & pl.col("marks").is_null()).alias("bare"),
            "school",
            "number",
            pl.col("away").fill_null(0),
            pl.col("unexplained").fill_null(0),
        )
    )
    plain = table.filter(pl.col("alone")).select("key", "school", "away", "unexplained")
    total, grades = len(work.school_days), work.bands

    def easy() -> list[StudentBand]:
        """The bands of the students with nothing to find, in key order."""
        ordered = plain.sort("key").with_columns(_masked_expr(pl, key).alias("child"))
        keys_ = ordered.get_column("key").to_list()
        return _plain_bands(
            zip(
                [
                    child if child is not None else _masked(key_)
                    for key_, child in zip(
                        keys_, ordered.get_column("child").to_list(), strict=True
                    )
                ],
                keys_,
                ordered.get_column("school").to_list(),
                ordered.get_column("away").to_list(),
                ordered.get_column("unexplained").to_list(),
                strict=True,
            ),
            total,
            grades,
        )

    # No registration and no attendance record at all: in the census, 失学 or nothing.
    bare = set(table.filter(pl.col("bare")).get_column("key").to_list())
    rest = table.filter(~pl.col("alone") & ~pl.col("bare")).select("key")
    runs = _runs(pl, daily, table.filter(pl.col("alone") & pl.col("runs")), work.school_days)
    away = _elsewhere(pl, window, table.filter(pl.col("alone") & pl.col("elsewhere")))

    def gathered(frame: Any) -> dict[str, list[int]]:  # noqa: ANN401 - a polars frame
        """Key → the row numbers of its records, in input order, for the rest only."""
        found = frame.join(rest, on="key", how="semi").group_by("key").agg(pl.col("idx").sort())
        return dict(
            zip(found.get_column("key").to_list(), found.get_column("idx").to_list(), strict=True)
        )

    reg_rows, mark_rows = gathered(reg_frame), gathered(mark_frame)
    reg_of = _objects(pl, regs, [i for found in reg_rows.values() for i in found], marks=False)
    mark_of = _objects(pl, marks, [i for found in mark_rows.values() for i in found], marks=True)
    _weigh(
        work,
        sorted({*rest.get_column("key").to_list(), *runs, *away, *bare}),
        entries_for,
        (reg_rows, reg_of),
        (mark_rows, mark_of),
        (runs, away, bare),
        approved,
        exempt,
    )
    work.plain_bands = (plain.height, easy)


# ---------------------------------------------------------------------------
# The columnar intake (列式接收)
# ---------------------------------------------------------------------------

ROW: Final = "__row__"
"""The column of a :class:`Columns` frame holding each row's number."""
_ODD: Final = "__odd__"
_META_RID: Final = "__rid__"
_META_NAME: Final = "__name__"
_META_STATUS: Final = "__status__"
_META_CONFIRMED: Final = "__confirmed__"
_KEY: Final = "__key__"
_OK: Final = "__ok__"

# Characters that make read_text normalise or warn: invisible, full-width, odd spaces.
_ODD_CHARS: Final = (
    "[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\uff01-\uff5e\u3000\u00a0]"
)
# Whitespace as Python's str.strip sees it (Unicode White_Space and U+001C-U+001F).
_EDGE_SPACE: Final = r"^[\s\x1c-\x1f]|[\s\x1c-\x1f]$"
_ANY_SPACE: Final = r"[\s\x1c-\x1f]"
_ID_FORM: Final = r"^[0-9]{17}[0-9X]$"
_NO_ID_NUMBER: Final = r"^[JL][0-9]{17}[0-9X]$"
_ID_WEIGHTS: Final = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)

# The longest text a model field holds, by feed and field (Text kinds); a longer
# cell goes the Python way and gets the model's own message.
_TEXT_LIMITS: Final = {
    "name": 50,
    "evidence": 200,
    "class_name": 20,
    "note": 200,
    "reason": 200,
    "decided_by": 100,
}


@attrs.frozen(eq=False)
class Columns:
    r"""A table read into columns, for the columnar intake (列式读表).

    ``frame`` is a polars frame with one text column per header and the row number
    (as a person sees it) in ``__row__``; :func:`read_columns` builds it from a CSV
    file without a Python object per row. ``odd`` holds the cells of rows whose
    values are not all text (numbers and dates from a spreadsheet), which intake
    reads the Python way.

    Example:
        >>> table = read_columns("身份证号,姓名\n370983201509010012,张小明\n".encode())
        >>> len(table), [r.cells["姓名"] for r in table.rows()]
        (1, ['张小明'])
    """

    frame: Any = attrs.field(repr=False)
    name: str = "the data"
    odd: Mapping[int, Mapping[str, Any]] = attrs.field(factory=dict, repr=False)

    def __len__(self) -> int:
        """The number of rows."""
        return int(self.frame.height)

    def headers(self) -> list[str]:
        """The headers, in column order."""
        return [c for c in self.frame.columns if c not in (ROW, _ODD)]

    def rows(self) -> Iterator[Row]:
        """The rows as :class:`~kongchuo.batch.Row` records (for the Python path)."""
        headers = self.headers()
        numbers = self.frame.get_column(ROW).to_list()
        columns = [self.frame.get_column(h).to_list() for h in headers]
        odd = self.odd
        for i, number in enumerate(numbers):
            cells = odd.get(number)
            if cells is None:
                cells = {
                    h: "" if c[i] is None else c[i] for h, c in zip(headers, columns, strict=True)
                }
            yield Row(number, cells)


def read_columns(source: str | os.PathLike[str] | bytes, *, encoding: str | None = None) -> Columns:
    """Read a CSV file (or its bytes) straight into columns (列式读取 CSV); needs polars.

    The same files as :func:`~kongchuo.batch.read_csv`: UTF-8 with or without BOM,
    or GB18030 (detected unless ``encoding`` is given). Every cell is read as text;
    blank lines are skipped but counted, so row numbers are those a person sees.

    Raises:
        ValidationError: As :func:`~kongchuo.batch.read_csv`, and
            ``batch.engine.missing`` without polars.
    """
    pl = _polars()
    data, name = load(source)
    if encoding is None and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    raw: bytes | None = None
    if encoding is None:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            raw = data
    if raw is None:
        raw = decode(data, encoding, name).encode()
    first = raw[: raw.find(b"\n") + 1] if b"\n" in raw else raw
    header = next(csv.reader(io.StringIO(first.decode(), newline="")), [])
    names = [h.strip().lstrip("\ufeff") for h in header]
    if not raw.strip():
        return Columns(pl.DataFrame({ROW: []}, schema={ROW: pl.Int64}), name)
    if not names or len(set(names)) != len(names) or any(n.startswith("__") for n in names):
        return _plain(_rows(csv.reader(io.StringIO(raw.decode(), newline=""))), name)
    try:
        frame = pl.read_csv(
            io.BytesIO(raw),
            has_header=True,
            infer_schema=False,
            truncate_ragged_lines=True,
            new_columns=names,
        )
    except Exception:  # noqa: BLE001 - what polars will not parse, the csv module reads
        return _plain(_rows(csv.reader(io.StringIO(raw.decode(), newline=""))), name)
    frame = frame.with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64))
    blank = pl.all_horizontal([pl.col(n).is_null() | (pl.col(n) == "") for n in names])
    return Columns(frame.filter(~blank), name)


def _plain(rows: Iterable[Row], name: str) -> Columns:
    """Columns from the csv module's rows (they share their headers)."""
    found = columns_of(rows, name)
    if found is None:  # pragma: no cover - CSV rows always share their headers
        msg = "CSV rows with differing headers"
        raise AssertionError(msg)
    return found


def columns_of(rows: Iterable[Row], name: str = "the data") -> Columns | None:
    """The rows as columns, or ``None`` if they do not all have the same headers in order.

    A row with a cell that is not text (a number or a date from a spreadsheet) keeps
    its cells aside and is read the Python way.
    """
    pl = _polars()
    headers: list[str] | None = None
    numbers: list[int] = []
    cols: list[list[str | None]] = []
    odd: dict[int, Mapping[str, Any]] = {}
    flags: list[bool] = []
    for row in rows:
        cells = row.cells
        if headers is None:
            headers = list(cells.keys())
            if not all(isinstance(h, str) for h in headers) or any(
                h.startswith("__") for h in headers
            ):
                return None
            cols = [[] for _ in headers]
        elif len(cells) != len(headers) or list(cells.keys()) != headers:
            return None
        numbers.append(row.number)
        values = list(cells.values())
        if all(v is None or v.__class__ is str for v in values):
            for col, v in zip(cols, values, strict=True):
                col.append(v)
            flags.append(False)
        else:
            for col in cols:
                col.append(None)
            odd[row.number] = cells
            flags.append(True)
    headers = headers or []
    data: dict[str, Any] = dict(zip(headers, cols, strict=True))
    data[ROW] = numbers
    schema = dict.fromkeys(headers, pl.String) | {ROW: pl.Int64}
    frame = pl.DataFrame(data, schema=schema)
    if odd:
        frame = frame.with_columns(pl.Series(_ODD, flags, dtype=pl.Boolean))
    return Columns(frame, name, odd)


def _id_ok(pl: Any, text: Any) -> Any:  # noqa: ANN401 - polars expressions
    """Whether an ID-shaped text parses on ResidentId.parse's fast path (form, check, date)."""
    body = text.str.slice(0, 17).cast(pl.Int64, strict=False)  # 17 digits fit in 63 bits
    total = pl.sum_horizontal(
        [(body // 10 ** (16 - i)) % 10 * w for i, w in enumerate(_ID_WEIGHTS)]
    )
    last = text.str.slice(17, 1)
    given = pl.when(last == "X").then(10).otherwise(last.cast(pl.Int64, strict=False))
    right = (12 - total % 11) % 11 == given
    year = text.str.slice(6, 4).cast(pl.Int64, strict=False)
    day = text.str.slice(6, 8).str.to_date("%Y%m%d", strict=False)
    return (
        text.str.contains(_ID_FORM).fill_null(value=False)
        & right.fill_null(value=False)
        & day.is_not_null()
        & year.is_between(1900, 2099).fill_null(value=False)
    )


def _masked_expr(pl: Any, text: Any) -> Any:  # noqa: ANN401 - polars expressions
    """redact() of 18 characters, or the letter and redact() of the rest for 19."""
    length = text.str.len_chars()
    return (
        pl.when(length == 18)
        .then(pl.concat_str(text.str.slice(0, 6), pl.lit("********"), text.str.slice(14)))
        .when(length == 19)
        .then(pl.concat_str(text.str.slice(0, 7), pl.lit("********"), text.str.slice(15)))
    )


def _field_ok(feed: Feed, field: str, value: object) -> bool:
    """Whether the model takes a read value alone (ranges and codes the readers leave open)."""
    if field in ("grade", "disability_grade"):
        return isinstance(value, int) and 1 <= value <= (9 if field == "grade" else 4)
    if field in ("jurisdiction", "school"):
        return UNIT_CODE.check(value) is None
    if field == "group" and feed is not Feed.DISABILITY:
        return bool(value != SpecialGroup.DISABLED.value)
    return True


_DTYPES: Final = {"int": "Int64", "bool": "Boolean"}


class _Cells:
    """Reads one frame's mapped columns into value and "needs no message" expressions."""

    def __init__(self, pl: Any, ctx: _Context, frame: Any) -> None:  # noqa: ANN401
        self.pl = pl
        self.ctx = ctx
        self.frame = frame

    def cell(self, field: str, header: str) -> tuple[Any, Any]:
        """(value, clean) expressions of one column; blank cells are clean and null."""
        pl = self.pl
        kind = FIELDS[self.ctx.feed][field][0]
        raw = pl.col(header)
        blank = raw.is_null() | (raw == "")
        if kind == "resident_id":
            return pl.when(~blank).then(raw), blank | _id_ok(pl, raw)
        if kind == "student_number":
            good = (raw.str.starts_with("G") & _id_ok(pl, raw.str.slice(1))) | raw.str.contains(
                _NO_ID_NUMBER
            )
            return pl.when(~blank).then(raw), blank | good.fill_null(value=False)
        if kind == "text":
            limit = _TEXT_LIMITS.get(field, 10_000)
            good = (
                ~raw.str.contains(_ODD_CHARS)
                & ~raw.str.contains(_EDGE_SPACE)
                & (raw.str.len_chars() <= limit)
            )
            return pl.when(~blank).then(raw), blank | good.fill_null(value=False)
        return self._looked_up(field, header, kind)

    def _looked_up(self, field: str, header: str, kind: str) -> tuple[Any, Any]:
        """A column of few distinct values: each read once by the Python reader."""
        pl = self.pl
        read = self.ctx.readers[field]
        keys: list[str] = []
        values: list[Any] = []
        for raw in self.frame.get_column(header).unique().to_list():
            if raw is None or raw == "":
                continue
            notes: list[Finding] = []
            try:
                value = read(raw, notes)
            except CellError:
                continue
            if notes or value is None or not _field_ok(self.ctx.feed, field, value):
                continue
            keys.append(raw)
            values.append(value)
        dtype = getattr(pl, _DTYPES.get(kind, "String"))
        col = pl.col(header)
        blank = col.is_null() | (col == "")
        value = col.replace_strict(keys, values, default=None, return_dtype=dtype)
        return value, blank | col.is_in(keys)


def _region_ok(pl: Any, ctx: _Context, frame: Any, code: str, year: str) -> Any:  # noqa: ANN401
    """Whether the region code in column ``code`` is known for the year in ``year``."""
    pairs = frame.select(pl.col(code).str.slice(0, 6).alias("c"), pl.col(year).alias("y")).unique()
    known = [
        (c, y)
        for c, y in pairs.iter_rows()
        if c is not None and y is not None and ctx.region_known(c, int(y))
    ]
    if not known:
        return pl.lit(value=False)
    return pl.concat_str(pl.col(code).str.slice(0, 6), pl.lit("|"), pl.col(year)).is_in(
        [f"{c}|{y}" for c, y in known]
    )


# The value columns of each feed's accepted rows: the fields of the document the
# model is built from (the disability flattened), then who the row is about.
_VALUES: Final[dict[Feed, tuple[str, ...]]] = {
    Feed.HOUSEHOLD: (
        "resident_id",
        "student_number",
        "name",
        "sex",
        "birth_date",
        "household_region",
        "residence_region",
        "rural_household",
        "jurisdiction",
        "retain_until",
    ),
    Feed.POVERTY: ("group", "department", "since", "evidence"),
    Feed.DISABILITY: (
        "group",
        "department",
        "since",
        "evidence",
        "disability_kind",
        "disability_grade",
    ),
    Feed.CIVIL_AFFAIRS: ("group", "department", "since", "evidence"),
    Feed.REGISTRATION: (
        "student_number",
        "school",
        "grade",
        "class_name",
        "status",
        "effective_from",
        "effective_to",
    ),
    Feed.ATTENDANCE: ("student_number", "school", "on", "status", "note"),
    Feed.LEAVE: (
        "student_number",
        "school",
        "kind",
        "start",
        "end",
        "reason",
        "approval",
        "decided_by",
        "decided_on",
    ),
}
_META: Final = (_META_RID, _META_NAME, _META_STATUS, _META_CONFIRMED)
_INTS: Final = frozenset({"grade", "disability_grade"})


def _schema(pl: Any, feed: Feed) -> dict[str, Any]:  # noqa: ANN401
    out = {ROW: pl.Int64}
    for name in _VALUES[feed]:
        out[name] = (
            pl.Int64 if name in _INTS else pl.Boolean if name == "rural_household" else pl.String
        )
    return out | dict.fromkeys(_META, pl.String)


def _flat(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A document's values as the value columns hold them (the disability flattened)."""
    out = dict(doc)
    disability = out.pop("disability", None)
    if disability is not None:
        out["disability_kind"] = disability["kind"]
        out["disability_grade"] = disability["grade"]
    return out


def _doc(flat: Mapping[str, Any], feed: Feed) -> dict[str, Any]:
    """The document of a value row: its non-null values (the disability nested)."""
    doc = {k: v for k, v in flat.items() if v is not None}
    if feed is Feed.DISABILITY:
        doc["disability"] = {
            "kind": doc.pop("disability_kind", None),
            "grade": doc.pop("disability_grade", None),
        }
    return doc


@attrs.frozen(eq=False)
class IntakeColumns:
    """One feed taken in as columns: what :class:`~kongchuo.batch.Intake` holds on the polars path.

    ``values`` has one row per accepted row (its row number, the value columns and
    who it is about); ``keys`` one row per input row (number, accepted or not, the
    masked key); ``odd`` the results of the rows read the Python way (a warning, an
    error, a value that needs a message), by row number.
    """

    feed: Feed
    source: str
    values: Any = attrs.field(repr=False)
    keys: Any = attrs.field(repr=False)
    odd: Mapping[int, RowResult] = attrs.field(repr=False)

    def records(self, positions: Iterable[int] | None = None) -> list[Record]:
        """The accepted rows as records, in row order (or those at ``positions``)."""
        frame = self.values
        if positions is not None:
            frame = frame[list(positions)]
        return _records_of(self.feed, self.source, frame)

    def rows(self) -> list[RowResult]:
        """One result per input row, in row order."""
        source, odd = self.source, self.odd
        accepted = RowOutcome.ACCEPTED
        out: list[RowResult] = []
        add = out.append
        with gc_paused():
            for number, key in self.keys.select(ROW, _KEY).iter_rows():
                found = odd.get(number)
                add(found if found is not None else RowResult(source, number, accepted, (), key))
        return out

    def counts(self) -> dict[RowOutcome, int]:
        """Rows per outcome."""
        out = dict.fromkeys(RowOutcome, 0)
        out[RowOutcome.ACCEPTED] = int(self.values.height)
        out[RowOutcome.REJECTED] = int(self.keys.height) - int(self.values.height)
        return out


def _records_of(feed: Feed, source: str, frame: Any) -> list[Record]:  # noqa: ANN401
    """Records of value rows, built in chunks through from_dicts."""
    model = _MODELS[feed]
    names = _VALUES[feed]
    out: list[Record] = []
    household = feed is Feed.HOUSEHOLD
    ids: dict[str, ResidentId] = {}
    with gc_paused():
        for start in range(0, frame.height, 65_536):
            part = frame.slice(start, 65_536)
            docs = [
                _doc(dict(zip(names, row, strict=True)), feed)
                for row in part.select(names).iter_rows()
            ]
            built = kongchuo.from_dicts(docs, model)
            meta = part.select(ROW, *_META).iter_rows()
            for value, (row, rid, name, status, confirmed) in zip(built, meta, strict=True):
                if household:
                    found = value.resident_id
                elif rid is None:
                    found = None
                else:
                    found = ids.get(rid)
                    if found is None:
                        found = ids[rid] = ResidentId.parse(rid)
                out.append(
                    Record(
                        source,
                        row,
                        value,
                        found,
                        name,
                        HouseholdStatus(status),
                        None if confirmed is None else dt.date.fromisoformat(confirmed),
                    )
                )
    return out


def take_in(ctx: _Context, table: Columns, source: str) -> tuple[IntakeColumns, list[str]]:  # noqa: C901, PLR0912, PLR0915 - every feed's derived fields, in one place
    """Take in a table as columns; returns the result and the headers read (for the notes).

    Each cell is checked by a vectorised test that it needs no message — an ID
    number on ResidentId.parse's fast path, text with nothing to normalise, a date,
    label or code among the column's distinct values that the Python reader reads
    without a warning — and each row by the same tests the Python path makes of
    its fields together. A row that passes has its values computed as columns. A
    row that does not is read the Python way (:func:`kongchuo.batch._intake._read_row`),
    so its results, messages and record are the Python path's by construction.
    """
    pl = _polars()
    feed = ctx.feed
    frame = table.frame
    headers = table.headers()
    plan = _plan(ctx, headers)
    fields: dict[str, list[str]] = {}
    for header, field, _read in plan:
        fields.setdefault(field, []).append(header)
    cells = _Cells(pl, ctx, frame)
    value: dict[str, Any] = {}
    clean: list[Any] = [~pl.col(_ODD)] if _ODD in frame.columns else []
    if feed is Feed.LEAVE:  # approvals and their cross-checks: the Python way
        clean.append(pl.lit(value=False))
    for field, names in fields.items():
        pairs = [cells.cell(field, h) for h in names]
        value[field] = (
            pl.coalesce([v for v, _ in reversed(pairs)]) if len(pairs) > 1 else pairs[0][0]
        )
        clean.extend(ok for _, ok in pairs)
    for field, text in ctx.mapping.defaults.items():
        try:
            default = ctx.readers[field](text, [])
        except CellError:
            default = None
            if field in value:
                clean.append(value[field].is_not_null())
            else:
                clean.append(pl.lit(value=False))
        if default is not None:
            dtype = pl.Int64 if isinstance(default, int) and not isinstance(default, bool) else None
            lit = pl.lit(default, dtype=dtype) if dtype is not None else pl.lit(default)
            value[field] = pl.coalesce(value[field], lit) if field in value else lit

    def get(field: str) -> Any:  # noqa: ANN401 - a polars expression
        return value.get(field, pl.lit(None, dtype=pl.String))

    clean.extend(
        get(field).is_not_null() if field in value else pl.lit(value=False)
        for field in ctx.required
    )
    out: dict[str, Any] = {}
    rid = get("resident_id")
    number = get("student_number")
    key = pl.when(rid.is_not_null()).then(_masked_expr(pl, rid)).otherwise(_masked_expr(pl, number))
    meta_rid = rid
    status = pl.lit(HouseholdStatus.ACTIVE.value)
    confirmed = pl.lit(None, dtype=pl.String)
    name = get("name")
    extra: list[tuple[str, Any]] = []
    if feed is Feed.HOUSEHOLD:
        has_id = rid.is_not_null()
        clean.append(has_id | number.str.contains(r"^[JL]").fill_null(value=False))
        digits = rid.str.slice(6, 8)
        id_birth = pl.concat_str(
            digits.str.slice(0, 4),
            pl.lit("-"),
            digits.str.slice(4, 2),
            pl.lit("-"),
            digits.str.slice(6, 2),
        )
        id_sex = (
            pl.when(rid.str.slice(16, 1).is_in(list("13579")))
            .then(pl.lit("male"))
            .otherwise(pl.lit("female"))
        )
        birth = pl.coalesce(get("birth_date"), pl.when(has_id).then(id_birth))
        sex = pl.coalesce(get("sex"), pl.when(has_id).then(id_sex))
        clean.extend([birth.is_not_null(), sex.is_not_null()])
        clean.append(~has_id | ((birth == id_birth) & (sex == id_sex)).fill_null(value=False))
        region = get("household_region")
        retain = pl.coalesce(
            get("retain_until"),
            pl.concat_str(
                (
                    birth.str.slice(0, 4).cast(pl.Int64, strict=False)
                    + (ctx.max_age + 1 + ctx.retention)
                ).cast(pl.String),
                pl.lit("-12-31"),
            ),
        )
        clean.append((retain >= birth).fill_null(value=False))
        status = pl.coalesce(get("status"), pl.lit(HouseholdStatus.ACTIVE.value))
        confirmed = get("status_confirmed_on")
        clean.append((status == HouseholdStatus.ACTIVE.value) | confirmed.is_not_null())
        out = {
            "resident_id": rid,
            "student_number": pl.when(~has_id).then(number),
            "name": name,
            "sex": sex,
            "birth_date": birth,
            "household_region": region,
            "residence_region": pl.coalesce(get("residence_region"), region),
            "rural_household": value.get("rural_household", pl.lit(None, dtype=pl.Boolean)),
            "jurisdiction": get("jurisdiction"),
            "retain_until": retain,
        }
        extra = [
            ("__birth_year__", birth.str.slice(0, 4)),
            ("__region__", region),
            ("__idregion__", rid),
        ]
    elif feed in _DEPARTMENTS:
        group = SpecialGroup.DISABLED.value if feed is Feed.DISABILITY else None
        out = {
            "group": pl.lit(group) if group else get("group"),
            "department": pl.lit(_DEPARTMENTS[feed].value),
            "since": get("since"),
            "evidence": get("evidence"),
        }
        if feed is Feed.DISABILITY:
            out["disability_kind"] = get("disability_kind")
            out["disability_grade"] = value.get("disability_grade", pl.lit(None, dtype=pl.Int64))
    elif feed is Feed.REGISTRATION:
        is_g = number.str.starts_with("G").fill_null(value=False)
        implied = pl.when(is_g).then(number.str.slice(1))
        clean.append(rid.is_null() | ~is_g | (rid == implied).fill_null(value=False))
        meta_rid = pl.coalesce(rid, implied)
        start = pl.coalesce(get("effective_from"), pl.lit(ctx.effective_from.isoformat()))
        end = get("effective_to")
        clean.append(end.is_null() | (end >= start).fill_null(value=False))
        out = {
            "student_number": number,
            "school": get("school"),
            "grade": value.get("grade", pl.lit(None, dtype=pl.Int64)),
            "class_name": get("class_name"),
            "status": get("status"),
            "effective_from": start,
            "effective_to": end,
        }
    else:
        out = {
            name_: (value.get(name_, pl.lit(None, dtype=pl.Int64 if name_ in _INTS else pl.String)))
            for name_ in _VALUES[feed]
        }
        key = _masked_expr(pl, number)
        meta_rid = pl.lit(None, dtype=pl.String)
    schema = _schema(pl, feed)
    ok = pl.all_horizontal(clean) if clean else pl.lit(value=True)
    staged = frame.select(
        ROW,
        ok.fill_null(value=False).alias(_OK),
        key.alias(_KEY),
        *(expr.cast(schema[n]).alias(n) for n, expr in out.items()),
        meta_rid.cast(pl.String).alias(_META_RID),
        name.cast(pl.String).alias(_META_NAME),
        status.cast(pl.String).alias(_META_STATUS),
        confirmed.cast(pl.String).alias(_META_CONFIRMED),
        *(expr.alias(n) for n, expr in extra),
    )
    if feed is Feed.HOUSEHOLD:
        region_ok = _region_ok(pl, ctx, staged.filter(pl.col(_OK)), "__region__", "__birth_year__")
        id_region_ok = _region_ok(
            pl,
            ctx,
            staged.filter(pl.col(_OK) & pl.col("__idregion__").is_not_null()),
            "__idregion__",
            "__birth_year__",
        )
        staged = staged.with_columns(
            (pl.col(_OK) & region_ok & (pl.col("__idregion__").is_null() | id_region_ok)).alias(_OK)
        ).drop("__birth_year__", "__region__", "__idregion__")
    good = staged.filter(pl.col(_OK)).select(list(schema))
    odd_numbers = staged.filter(~pl.col(_OK)).get_column(ROW).to_list()
    odd, extra_values = _python_rows(ctx, table, plan, odd_numbers, source)
    if extra_values:
        more = pl.DataFrame(extra_values, schema=schema, orient="row")
        good = pl.concat([good, more]).sort(ROW)
    keys = staged.select(ROW, pl.when(pl.col(_OK)).then(pl.col(_KEY)).alias(_KEY))
    return IntakeColumns(feed, source, good, keys, odd), headers


def _python_rows(
    ctx: _Context,
    table: Columns,
    plan: list[tuple[str, str, Any]],
    numbers: list[int],
    source: str,
) -> tuple[dict[int, RowResult], list[tuple[Any, ...]]]:
    """Read the rows that need a message the Python way: their results and accepted values."""
    pl = _polars()
    if not numbers:
        return {}, []
    headers = table.headers()
    picked = table.frame.filter(pl.col(ROW).is_in(numbers)).select(ROW, *headers)
    feed = ctx.feed
    schema_names = list(_schema(pl, feed))
    odd: dict[int, RowResult] = {}
    pending: list[_Pending] = []
    for number, *cells in picked.iter_rows():
        raw = table.odd.get(number)
        row = Row(
            number,
            raw
            if raw is not None
            else {h: "" if c is None else c for h, c in zip(headers, cells, strict=True)},
        )
        read = _read_row(ctx, row, plan)
        if isinstance(read, RowResult):
            odd[number] = read
        else:
            pending.append(read)
    records: list[Record] = []
    results: list[RowResult] = []
    for start in range(0, len(pending), 4096):
        _build(ctx, source, pending[start : start + 4096], records, results)
    values: list[tuple[Any, ...]] = []
    made = iter(records)
    for item, result in zip(pending, results, strict=True):
        odd[item.row] = result
        if result.outcome is not RowOutcome.ACCEPTED:
            continue
        record = next(made)
        flat = _flat(item.doc)
        flat[ROW] = item.row
        flat[_META_RID] = None if record.resident_id is None else record.resident_id.value
        flat[_META_NAME] = record.name
        flat[_META_STATUS] = record.status.value
        flat[_META_CONFIRMED] = (
            None if record.confirmed_on is None else record.confirmed_on.isoformat()
        )
        values.append(tuple(flat.get(n) for n in schema_names))
    return odd, values


# ---------------------------------------------------------------------------
# The columnar census (列式台账)
# ---------------------------------------------------------------------------

_MERGED: Final = 1
_CONFLICT: Final = 2
_UNKNOWN: Final = 3


class _Child(NamedTuple):
    resident_id: ResidentId | None
    birth_date: dt.date
    jurisdiction: str


class _Entry(NamedTuple):
    child: _Child
    status: HouseholdStatus
    confirmed_on: dt.date | None
    sources: tuple[SourceRef, ...]


class CensusColumns:
    """The census of columnar intakes, merged as group-bys (列式台账合并).

    Household rows are grouped by key (ID number, else student number); a child
    with one household row takes its entry from that row, and the few children
    with more go through the Python merge (the same function as the Python path),
    so conflicts and statuses are the Python path's. Membership rows join the
    children by ID number (a differing name is a conflict); registrations by ID
    number or a linked student number. Entries are built as objects only when
    asked for (all of them, or those of some keys).
    """

    def __init__(self, intakes: tuple[Intake, ...]) -> None:  # noqa: C901, PLR0912, PLR0915
        """Merge ``intakes`` (each taken in as columns)."""
        pl = _polars()
        self.intakes = intakes
        self.columns: list[IntakeColumns] = [i.columns for i in intakes]
        self.changes: dict[int, Any] = {}  # intake → frame of (row, change code)
        self.findings: dict[tuple[int, int], tuple[Finding, ...]] = {}
        self.unmatched_at: list[tuple[int, list[int]]] = []
        conflicts: list[Conflict] = []
        house_parts = [
            self.columns[n].values.select(
                pl.lit(n, dtype=pl.Int64).alias("src"),
                pl.int_range(pl.len(), dtype=pl.Int64).alias("pos"),
                ROW,
                pl.coalesce("resident_id", "student_number").alias("key"),
                "resident_id",
                "name",
                "birth_date",
                "jurisdiction",
                pl.col(_META_STATUS).alias("status"),
                pl.col(_META_CONFIRMED).alias("confirmed"),
            )
            for n, i in enumerate(intakes)
            if i.feed is Feed.HOUSEHOLD
        ]
        schema = {
            "src": pl.Int64,
            "pos": pl.Int64,
            ROW: pl.Int64,
            "key": pl.String,
            "resident_id": pl.String,
            "name": pl.String,
            "birth_date": pl.String,
            "jurisdiction": pl.String,
            "status": pl.String,
            "confirmed": pl.String,
        }
        house = pl.concat(house_parts) if house_parts else pl.DataFrame(schema=schema)
        house = house.with_row_index("ord")
        dup = house.filter(pl.col("key").is_duplicated())
        people = house.unique(subset="key", keep="first", maintain_order=True).drop("ord")
        # Children with more than one household row: the Python merge, row by row.
        self.merged: dict[str, CensusEntry] = {}
        first: dict[str, SourceRef] = {}
        links: dict[str, str] = {}
        marks: dict[SourceRef, tuple[RowOutcome, tuple[Finding, ...]]] = {}

        def mark(ref: SourceRef, outcome: RowOutcome, *found: Finding) -> None:
            marks[ref] = (outcome, found)

        if dup.height:
            by_src: dict[int, dict[int, Record]] = {}
            for src, positions in dup.group_by("src").agg(pl.col("pos")).sort("src").iter_rows():
                recs = self.columns[src].records(positions)
                by_src[src] = dict(zip(positions, recs, strict=True))
            for src, pos in dup.sort("ord").select("src", "pos").iter_rows():
                merge_household(by_src[src][pos], self.merged, first, links, conflicts, mark)
            changed = pl.DataFrame(
                {
                    "key": list(self.merged),
                    "status_": [e.status.value for e in self.merged.values()],
                    "confirmed_": [
                        None if e.confirmed_on is None else e.confirmed_on.isoformat()
                        for e in self.merged.values()
                    ],
                },
                schema={"key": pl.String, "status_": pl.String, "confirmed_": pl.String},
            )
            people = (
                people.join(changed, on="key", how="left")
                .with_columns(
                    pl.when(pl.col("key").is_in(list(self.merged)))
                    .then(pl.col("status_"))
                    .otherwise(pl.col("status"))
                    .alias("status"),
                    pl.when(pl.col("key").is_in(list(self.merged)))
                    .then(pl.col("confirmed_"))
                    .otherwise(pl.col("confirmed"))
                    .alias("confirmed"),
                )
                .drop("status_", "confirmed_")
            )
        self.people = people
        # J and L numbers of children without an ID number link to themselves.
        links.update(
            (number, number)
            for number in people.filter(pl.col("resident_id").is_null()).get_column("key")
        )
        at_source = {x.source: n for n, x in enumerate(intakes)}  # sources are distinct
        merged_rows: dict[int, list[tuple[int, int]]] = {}
        for ref, (outcome, found) in marks.items():
            n = at_source[ref.source]
            self.findings[n, ref.row] = found
            code = _CONFLICT if outcome is RowOutcome.CONFLICT else _MERGED
            merged_rows.setdefault(n, []).append((ref.row, code))
        for n, changed_rows in merged_rows.items():
            self.changes[n] = pl.DataFrame(
                changed_rows, schema={ROW: pl.Int64, "change": pl.Int32}, orient="row"
            )
        kept = people.select(
            "key",
            pl.col("name").alias("kept"),
            pl.col("src").alias("kept_src"),
            pl.col(ROW).alias("kept_row"),
        )
        self.member_at: list[tuple[int, Any]] = []  # (intake, frame of key, pos)
        reg_parts = []
        unknown = unknown_child()
        for n, item in enumerate(intakes):
            if item.feed in (Feed.POVERTY, Feed.DISABILITY, Feed.CIVIL_AFFAIRS):
                rows = (
                    self.columns[n]
                    .values.select(
                        pl.int_range(pl.len(), dtype=pl.Int64).alias("pos"),
                        ROW,
                        pl.col(_META_RID).alias("key"),
                        pl.col(_META_NAME).alias("name"),
                    )
                    .join(kept, on="key", how="left")
                    .with_columns(
                        pl.when(pl.col("kept").is_null() & pl.col("kept_row").is_null())
                        .then(pl.lit(_UNKNOWN))
                        .when(pl.col("name").is_not_null() & (pl.col("name") != pl.col("kept")))
                        .then(pl.lit(_CONFLICT))
                        .otherwise(pl.lit(_MERGED))
                        .alias("change")
                    )
                    .sort("pos")
                )
                self.changes[n] = rows.select(ROW, "change")
                self.member_at.append((n, rows.filter(pl.col("change") != _UNKNOWN)))
                odd = rows.filter(pl.col("change") != _MERGED)
                for row, key, name, kept_name, kept_src, kept_row, change in odd.select(
                    ROW, "key", "name", "kept", "kept_src", "kept_row", "change"
                ).iter_rows():
                    if change == _UNKNOWN:
                        self.findings[n, row] = (unknown,)
                        continue
                    conflict = Conflict(
                        child=redact(key),
                        field="name",
                        kept=kept_name,
                        kept_from=SourceRef(intakes[kept_src].source, kept_row),
                        other=name,
                        other_from=SourceRef(item.source, row),
                    )
                    conflicts.append(conflict)
                    self.findings[n, row] = (conflict.finding(),)
                self.unmatched_at.append(
                    (n, rows.filter(pl.col("change") == _UNKNOWN).get_column("pos").to_list())
                )
            elif item.feed is Feed.REGISTRATION:
                reg_parts.append(
                    self.columns[n].values.select(
                        pl.lit(n, dtype=pl.Int64).alias("src"),
                        pl.int_range(pl.len(), dtype=pl.Int64).alias("pos"),
                        ROW,
                        pl.col("student_number").alias("number"),
                        pl.col(_META_RID).alias("rid"),
                    )
                )
                self.unmatched_at.append((n, []))  # filled below, in this place
        if reg_parts:
            keys = people.get_column("key")
            regs = pl.concat(reg_parts).with_row_index("ord")
            known = pl.col("rid").is_in(keys.implode()) & pl.col("rid").is_not_null()
            regs = regs.with_columns(
                known.alias("known"),
                (known & ~pl.col("number").str.starts_with("G")).alias("links"),
            )
            linking = regs.filter(pl.col("links"))
            earliest = linking.group_by("number").agg(pl.col("ord").min().alias("linked_at"))
            regs = regs.join(earliest, on="number", how="left").with_columns(
                (
                    pl.col("known")
                    | pl.col("number").is_in(list(links))
                    | (pl.col("linked_at") < pl.col("ord")).fill_null(value=False)
                ).alias("merged")
            )
            links.update(linking.sort("ord").select("number", "rid").iter_rows())
            regs = regs.sort("ord")
            for n, _ in enumerate(intakes):
                if intakes[n].feed is not Feed.REGISTRATION:
                    continue
                part = regs.filter(pl.col("src") == n)
                self.changes[n] = part.filter(pl.col("merged")).select(
                    ROW, pl.lit(_MERGED).alias("change")
                )
                at = next(i for i, (m, _) in enumerate(self.unmatched_at) if m == n)
                self.unmatched_at[at] = (
                    n,
                    part.filter(~pl.col("merged")).get_column("pos").to_list(),
                )
        self.links = links
        self.conflicts = tuple(conflicts)

    def __len__(self) -> int:
        """The number of children."""
        return int(self.people.height)

    def entries_for(self, keys: Iterable[str] | None = None) -> dict[str, CensusEntry]:
        """The entries of ``keys`` (those in the census), or of every child, as objects."""
        pl = _polars()
        people = self.people
        if keys is not None:
            people = people.filter(pl.col("key").is_in(list(keys)))
        wanted = people.get_column("key").to_list()
        out: dict[str, CensusEntry] = {}
        with gc_paused():
            plain = people.filter(~pl.col("key").is_in(list(self.merged)))
            for src, positions, rows, statuses, confirmed in (
                plain.group_by("src", maintain_order=True)
                .agg("pos", ROW, "status", "confirmed")
                .iter_rows()
            ):
                source = self.intakes[src].source
                recs = self.columns[src].records(positions)
                for rec, row, status, day in zip(recs, rows, statuses, confirmed, strict=True):
                    child = rec.value
                    out[child_key(child)] = CensusEntry(
                        child=child,
                        status=HouseholdStatus(status),
                        confirmed_on=None if day is None else dt.date.fromisoformat(day),
                        sources=(SourceRef(source, row),),
                    )
            for key in wanted:
                hit = self.merged.get(key)
                if hit is not None:
                    out[key] = hit
            found: dict[str, list[tuple[SourceRef, GroupMembership]]] = {}
            for n, frame in self.member_at:
                part = frame if keys is None else frame.filter(pl.col("key").is_in(wanted))
                if not part.height:
                    continue
                source = self.intakes[n].source
                recs = self.columns[n].records(part.get_column("pos").to_list())
                for key, rec in zip(part.get_column("key").to_list(), recs, strict=True):
                    found.setdefault(key, []).append((SourceRef(source, rec.row), rec.value))
            for key, items in found.items():
                out[key] = with_memberships(
                    out[key], (m for _, m in items), tuple(ref for ref, _ in items)
                )
        return {k: out[k] for k in wanted}

    def light_entries(self, keys: Iterable[str]) -> dict[str, Any]:
        """What the comparison reads of the entries of ``keys``, straight from the columns.

        Light tuples with the child's ID number, birth date and jurisdiction, the
        status, its confirmation and the first source (real entries for children
        merged from several household rows); not the models, whose building would
        cost more than the comparison.
        """
        pl = _polars()
        wanted = pl.DataFrame({"key": list(keys)}, schema={"key": pl.String})
        people = self.people.join(wanted, on="key", how="semi")
        out: dict[str, Any] = {}
        sources = [i.source for i in self.intakes]
        states = {s.value: s for s in HouseholdStatus}
        merged = self.merged.get
        source_ref = SourceRef._make  # a named tuple: no argument check per row
        for key, src, row, rid, birth, where, status, confirmed in people.select(
            "key",
            "src",
            ROW,
            "resident_id",
            pl.col("birth_date").str.to_date("%Y-%m-%d"),
            "jurisdiction",
            "status",
            pl.col("confirmed").str.to_date("%Y-%m-%d"),
        ).iter_rows():
            real = merged(key)
            out[key] = (
                real
                if real is not None
                else _Entry(
                    _Child(None if rid is None else known_resident_id(rid), birth, where),
                    states[status],
                    confirmed,
                    (source_ref((sources[src], row)),),
                )
            )
        return out

    def unmatched(self) -> tuple[Record, ...]:
        """The accepted membership and registration records with no child in the census."""
        out: list[Record] = []
        for n, positions in self.unmatched_at:
            if positions:
                out.extend(self.columns[n].records(positions))
        return tuple(out)

    def rows(self) -> tuple[RowResult, ...]:
        """Every intake's row results, with the census's outcomes applied, in input order."""
        out: list[RowResult] = []
        outcomes = {_MERGED: RowOutcome.MERGED, _CONFLICT: RowOutcome.CONFLICT}
        with gc_paused():
            for n, item in enumerate(self.intakes):
                rows = item.rows
                changes = self.changes.get(n)
                if changes is None or not changes.height:
                    out.extend(rows)
                    continue
                codes = dict(changes.select(ROW, "change").iter_rows())
                for r in rows:
                    code = codes.get(r.row)
                    if code is None or r.outcome is RowOutcome.REJECTED:
                        out.append(r)
                        continue
                    extra = self.findings.get((n, r.row), ())
                    outcome = outcomes.get(code, RowOutcome.ACCEPTED)
                    out.append(r._replace(outcome=outcome, findings=(*r.findings, *extra)))
        return tuple(out)

    def counts(self) -> dict[RowOutcome, int]:
        """Rows per outcome, from the columns."""
        pl = _polars()
        out = dict.fromkeys(RowOutcome, 0)
        for n, item in enumerate(self.intakes):
            for outcome, count in item.counts().items():
                out[outcome] += count
            changes = self.changes.get(n)
            if changes is None:
                continue
            for code, count in changes.group_by("change").agg(pl.len()).iter_rows():
                if code == _UNKNOWN:
                    continue
                out[RowOutcome.ACCEPTED] -= count
                out[RowOutcome.MERGED if code == _MERGED else RowOutcome.CONFLICT] += count
        return out
