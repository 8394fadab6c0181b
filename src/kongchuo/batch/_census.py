"""The census of school-age children (适龄儿童台账), merged from every feed.

:func:`build_census` merges the intakes by resident ID into one entry per child:
公安's household rows make the children (with their clean-up status and its
confirmation date), the poverty, disability and civil-affairs rows add memberships
with the department that reported them, and registrations link a J or L student
number to the child who has no ID number yet. A value that two rows give
differently (name, birth date, sex) is kept as the first row gave it and recorded
as a :class:`Conflict` naming both rows; nothing is silently overwritten. Every
input row ends accepted, merged, in conflict or rejected.

Part of the batch layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

import attrs

from kongchuo import (
    Child,
    Finding,
    GroupMembership,
    Registration,
    ResidentId,
    Severity,
    StudentNumber,
)
from kongchuo._core.args import require_instance, require_items
from kongchuo._core.decision import finding
from kongchuo._core.errors import Problem, ValidationError, problem, type_name
from kongchuo.batch._feeds import Feed, HouseholdStatus
from kongchuo.batch._intake import Intake, Record, RowOutcome, RowResult, built_once

__all__ = ["Census", "CensusEntry", "Conflict", "SourceRef", "build_census", "child_key"]


class SourceRef(NamedTuple):
    """A row of a table: where a value came from."""

    source: str
    row: int


@attrs.frozen(kw_only=True)
class Conflict:
    """Two rows that give a child's field differently (数据冲突).

    The values are kept for the person who resolves the conflict, but never shown in
    the ``repr``: a birth date beside a masked ID number would unmask it.

    Attributes:
        child: The child's masked ID or student number.
        field: ``name``, ``birth_date`` or ``sex``.
        kept: The value kept (the first row's).
        kept_from: The row it came from.
        other: The differing value.
        other_from: The row that gave it.
    """

    child: str
    field: str
    kept: Any = attrs.field(repr=False)
    kept_from: SourceRef
    other: Any = attrs.field(repr=False)
    other_from: SourceRef

    def finding(self) -> Finding:
        """The conflict as a finding for the later row's result."""
        a = self.kept_from
        return finding(
            f"census.conflict.{self.field}",
            f"{self.field} differs from {a.source} row {a.row}; "
            "the first value is kept until the conflict is resolved",
            f"{self.field} 与 {a.source} 第 {a.row} 行不一致；在核实前保留先到的值",
            f"$.{self.field}",
            severity=Severity.WARNING,
            basis=("FC-2.2",),
        )


@attrs.frozen(kw_only=True)
class CensusEntry:
    """One child in the census, with where the record came from (台账条目).

    Attributes:
        child: The child, with every membership any feed reported.
        status: 公安's clean-up status.
        confirmed_on: When 公安 confirmed it (``None`` while active).
        sources: The rows the entry was merged from.
    """

    child: Child
    status: HouseholdStatus = HouseholdStatus.ACTIVE
    confirmed_on: dt.date | None = None
    sources: tuple[SourceRef, ...] = ()

    @property
    def key(self) -> str:
        """The key the census files the child under (ID number, else student number)."""
        return child_key(self.child)


def child_key(child: Child) -> str:
    """The census key of a child: the ID number, else the J or L student number.

    Example:
        >>> import datetime as dt
        >>> from kongchuo import Sex, StudentNumber
        >>> child = Child(
        ...     student_number=StudentNumber.parse("J370983201509010012"),
        ...     name="张小明",
        ...     sex=Sex.MALE,
        ...     birth_date=dt.date(2015, 9, 1),
        ...     household_region="370983",
        ...     residence_region="370983",
        ...     jurisdiction="370983003",
        ...     retain_until=dt.date(2034, 12, 31),
        ... )
        >>> child_key(child)
        'J370983201509010012'
    """
    child = require_instance(child, Child, "child", name_zh="儿童")
    if child.resident_id is not None:
        return child.resident_id.value
    if child.student_number is None:
        raise ValidationError(
            "batch.child.key",
            "the child has neither an ID number nor a student number to be counted by",
            "该儿童既无身份证号也无学籍号，无法建立台账键",
            path="child",
        )
    return child.student_number.value


def number_key(number: StudentNumber) -> str:
    """The census key a student number points at: its ID number for a G number."""
    value = number.value
    return value[1:] if value[0] == "G" else value  # a G number is "G" + the ID number


_PARTS: tuple[tuple[str, type], ...] = (
    ("entries", dict),
    ("links", dict),
    ("unmatched", tuple),
    ("conflicts", tuple),
    ("rows", tuple),
)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Census:
    """The census of school-age children: one entry per child (适龄儿童台账).

    Built from intakes taken in as columns (``engine="polars"``), the census keeps
    columns too (:attr:`columns`) and builds its entries, row results and unmatched
    records as objects only when they are first read; :func:`~kongchuo.batch.reconcile`
    reads the columns and builds the entries of the few children it has to weigh.

    Its parts: ``entries`` by key (ID number, else student number); ``links``, J or
    L student number → the key of the child it belongs to; ``unmatched``, the
    accepted membership and registration records whose child is not in the census
    (a child not on 公安's register, such as a migrant child); ``conflicts``, every
    conflict between rows; ``rows``, one result per input row of every intake, in
    input order; ``columns``, the columns behind it on the polars path, else ``None``.
    """

    _entries: dict[str, CensusEntry] | None = attrs.field(default=None, alias="entries")
    _links: dict[str, str] | None = attrs.field(default=None, alias="links")
    _unmatched: tuple[Record, ...] | None = attrs.field(default=None, alias="unmatched")
    _conflicts: tuple[Conflict, ...] | None = attrs.field(default=None, alias="conflicts")
    _rows: tuple[RowResult, ...] | None = attrs.field(default=None, alias="rows")
    columns: Any = None

    def __attrs_post_init__(self) -> None:
        """Check the type of each part given, all at once (the repr and len read them)."""
        problems: list[Problem] = []
        for name, cls in _PARTS:
            try:
                require_instance(getattr(self, f"_{name}"), cls, f"$.{name}", optional=True)
            except ValidationError as exc:
                problems.extend(exc.errors)
        if self.columns is not None and not hasattr(self.columns, "entries_for"):
            problems.append(
                problem(
                    "type",
                    "expected the columns build_census keeps, or None, "
                    f"got {type_name(self.columns)}",
                    f"应为 build_census 保存的列或 None，实为 {type_name(self.columns)}",
                    "$.columns",
                )
            )
        if problems:
            raise ValidationError.of(problems)

    @property
    def entries(self) -> dict[str, CensusEntry]:
        """The entries by key (ID number, else student number)."""
        return built_once(self, "_entries", lambda columns: columns.entries_for(), {})

    @property
    def links(self) -> dict[str, str]:
        """J or L student number → the key of the child it belongs to."""
        if self._links is None:
            return self.columns.links if self.columns is not None else {}
        return self._links

    @property
    def unmatched(self) -> tuple[Record, ...]:
        """Accepted membership and registration records whose child is not in the census."""
        return built_once(self, "_unmatched", lambda columns: columns.unmatched(), ())

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        """Every conflict between rows."""
        if self._conflicts is None:
            return self.columns.conflicts if self.columns is not None else ()
        return self._conflicts

    @property
    def rows(self) -> tuple[RowResult, ...]:
        """One result per input row of every intake, in input order."""
        return built_once(self, "_rows", lambda columns: columns.rows(), ())

    def __repr__(self) -> str:
        """``Census(<n children>)``: never an ID number."""
        return f"Census(<{len(self)} children>)"

    def __eq__(self, other: object) -> bool:
        """Equal entries, links, unmatched records, conflicts and row results."""
        if not isinstance(other, Census):
            return NotImplemented
        return (self.entries, self.links, self.unmatched, self.conflicts, self.rows) == (
            other.entries,
            other.links,
            other.unmatched,
            other.conflicts,
            other.rows,
        )

    __hash__ = None  # type: ignore[assignment]

    def __len__(self) -> int:
        """The number of children."""
        if self._entries is None and self.columns is not None:
            return len(self.columns)
        return len(self.entries)

    def __iter__(self) -> Iterator[CensusEntry]:
        """The entries, in key order."""
        entries = self.entries
        return iter(entries[k] for k in sorted(entries))

    def get(self, key: str | ResidentId | StudentNumber) -> CensusEntry | None:
        """The entry of a child by ID number, student number or key."""
        if isinstance(key, ResidentId):
            key = key.value
        elif isinstance(key, StudentNumber):
            key = self.links.get(key.value, number_key(key))
        if self._entries is None and self.columns is not None:
            return self.columns.entries_for([key]).get(key)  # type: ignore[no-any-return]
        return self.entries.get(key)

    def key_of(self, number: StudentNumber) -> str:
        """The key of the child a student number belongs to (linked, or its own)."""
        return self.links.get(number.value) or number_key(number)

    def counts(self) -> dict[RowOutcome, int]:
        """Rows per outcome; the total equals the rows of every intake."""
        if self._rows is None and self.columns is not None:
            return self.columns.counts()  # type: ignore[no-any-return]
        out = dict.fromkeys(RowOutcome, 0)
        for r in self.rows:
            out[r.outcome] += 1
        return out


_COMPARED = ("name", "birth_date", "sex")


def _compare(
    key_shown: str,
    kept: Child,
    kept_from: SourceRef,
    other: Any,  # noqa: ANN401 - a Child or a mapping of its fields
    other_from: SourceRef,
) -> list[Conflict]:
    found = []
    for field in _COMPARED:
        value = getattr(other, field, None) if not isinstance(other, dict) else other.get(field)
        if value is not None and value != getattr(kept, field):
            found.append(
                Conflict(
                    child=key_shown,
                    field=field,
                    kept=getattr(kept, field),
                    kept_from=kept_from,
                    other=value,
                    other_from=other_from,
                )
            )
    return found


def build_census(*intakes: Intake) -> Census:  # noqa: C901, PLR0912
    """Merge intakes into the census, one entry per child (合并为适龄儿童台账).

    Household rows come first, whatever the order given; a later household row of
    the same child is merged if it agrees and in conflict if it does not, and a
    clean-up status in it is applied with its confirmation date (the latest
    confirmation wins). Membership rows add to the child with their ID number;
    a registration with a J or L number and an ID number links the number to the
    child. Attendance and leave rows keep their intake outcome.

    Raises:
        ValidationError: For an argument that is not an :class:`Intake`.

    Example:
        >>> import datetime as dt
        >>> from kongchuo.policy import FEICHENG
        >>> from kongchuo.batch import Feed, intake, rows_from_mappings
        >>> kid = {
        ...     "身份证号": "370983201509010012",
        ...     "姓名": "张小明",
        ...     "户籍地代码": "370983",
        ...     "镇街": "370983003",
        ... }
        >>> poor = {"身份证号": "370983201509010012", "姓名": "张晓明", "认定日期": "2024/3/1"}
        >>> take = lambda feed, rows: intake(
        ...     rows_from_mappings(rows),
        ...     feed,
        ...     source=feed.value,
        ...     as_of=dt.date(2025, 7, 15),
        ...     policy=FEICHENG,
        ... )
        >>> census = build_census(take(Feed.HOUSEHOLD, [kid, kid]), take(Feed.POVERTY, [poor]))
        >>> [(r.source, r.row, r.outcome.value) for r in census.rows]
        [('household', 1, 'accepted'), ('household', 2, 'merged'), ('poverty', 1, 'conflict')]
        >>> entry = census.get(ResidentId.parse("370983201509010012"))
        >>> sorted(g.value for g in entry.child.special_groups), census.conflicts[0].field
        (['poverty_alleviated'], 'name')

    References:
        FC-1.1 (准确掌握底数), FC-2.2 (信息共享), FC-3.1 and seed 三(一) (公安户籍清理).

    Limitations:
        The first household row of a child wins a conflict until a person resolves
        it; the census does not guess which department is right.
    """
    require_items(intakes, Intake, "$")
    if (
        intakes
        and all(i.columns is not None for i in intakes)
        and len({i.source for i in intakes}) == len(intakes)
    ):
        from kongchuo.batch._columnar import CensusColumns  # noqa: PLC0415 - it imports this module

        together = CensusColumns(intakes)
        return Census(links=together.links, conflicts=together.conflicts, columns=together)
    entries: dict[str, CensusEntry] = {}
    first: dict[str, SourceRef] = {}
    links: dict[str, str] = {}
    memberships: dict[str, list[GroupMembership]] = {}
    unmatched: list[Record] = []
    conflicts: list[Conflict] = []
    changed: dict[SourceRef, tuple[RowOutcome, tuple[Finding, ...]]] = {}

    def mark(ref: SourceRef, outcome: RowOutcome, *found: Finding) -> None:
        changed[ref] = (outcome, found)

    enabled = gc.isenabled()
    gc.disable()
    try:
        households = [i for i in intakes if i.feed is Feed.HOUSEHOLD]
        for item in households:
            for rec in item.records:
                merge_household(rec, entries, first, links, conflicts, mark)
        for item in intakes:
            if item.feed in (Feed.POVERTY, Feed.DISABILITY, Feed.CIVIL_AFFAIRS):
                for rec in item.records:
                    _merge_membership(rec, entries, first, memberships, unmatched, conflicts, mark)
            elif item.feed is Feed.REGISTRATION:
                for rec in item.records:
                    reg: Registration = rec.value
                    ref = SourceRef(rec.source, rec.row)
                    number = reg.student_number
                    if rec.resident_id is not None and rec.resident_id.value in entries:
                        if number.resident_id is None:
                            links[number.value] = rec.resident_id.value
                        mark(ref, RowOutcome.MERGED)
                    elif links.get(number.value) in entries:
                        mark(ref, RowOutcome.MERGED)
                    else:
                        unmatched.append(rec)
        for key, found_memberships in memberships.items():
            entries[key] = with_memberships(entries[key], found_memberships)
        rows: list[RowResult] = []
        for item in intakes:
            for r in item.rows:
                hit = changed.get(SourceRef(r.source, r.row))
                if hit is None or r.outcome is RowOutcome.REJECTED:
                    rows.append(r)
                else:
                    rows.append(r._replace(outcome=hit[0], findings=(*r.findings, *hit[1])))
    finally:
        if enabled:
            gc.enable()
    return Census(
        entries=entries,
        links=links,
        unmatched=tuple(unmatched),
        conflicts=tuple(conflicts),
        rows=tuple(rows),
    )


def merge_household(  # noqa: PLR0917 - the census being built, passed apart
    rec: Record,
    entries: dict[str, CensusEntry],
    first: dict[str, SourceRef],
    links: dict[str, str],
    conflicts: list[Conflict],
    mark: Any,  # noqa: ANN401 - the marking function
) -> None:
    """Add one household record to the census: a new child, or merged into its entry.

    A later row of the same child is merged if it agrees and in conflict if it does
    not; a clean-up status in it is applied with its confirmation date (the latest
    confirmation wins).
    """
    child: Child = rec.value
    key = child_key(child)
    ref = SourceRef(rec.source, rec.row)
    entry = entries.get(key)
    if entry is None:
        entries[key] = CensusEntry(
            child=child,
            status=rec.status,
            confirmed_on=rec.confirmed_on,
            sources=(ref,),
        )
        first[key] = ref
        if child.student_number is not None:
            links[child.student_number.value] = key
        return
    found = _compare(_shown(child), entry.child, first[key], child, ref)
    status, confirmed = entry.status, entry.confirmed_on
    if rec.status is not HouseholdStatus.ACTIVE and (
        confirmed is None or (rec.confirmed_on or dt.date.min) >= confirmed
    ):
        status, confirmed = rec.status, rec.confirmed_on
    entries[key] = attrs.evolve(
        entry, status=status, confirmed_on=confirmed, sources=(*entry.sources, ref)
    )
    conflicts.extend(found)
    if found:
        mark(ref, RowOutcome.CONFLICT, *(c.finding() for c in found))
    else:
        mark(ref, RowOutcome.MERGED)


def with_memberships(
    entry: CensusEntry, found: Iterable[GroupMembership], refs: tuple[SourceRef, ...] = ()
) -> CensusEntry:
    """The entry with memberships added (each once, in order) and ``refs`` added to its sources."""
    child = entry.child
    merged = tuple(dict.fromkeys((*child.memberships, *found)))
    return attrs.evolve(
        entry,
        child=attrs.evolve(
            child,
            memberships=merged,
            special_groups=child.special_groups | {m.group for m in merged},
        ),
        sources=(*entry.sources, *refs),
    )


def unknown_child() -> Finding:
    """The finding of a membership row whose ID number no household row has."""
    return finding(
        "census.child.unknown",
        "no household row has this ID number; the report is kept unmatched",
        "户籍数据中没有该身份证号码，该条报送暂存为未匹配",
        "$.resident_id",
        severity=Severity.WARNING,
        basis=("FC-1.1",),
    )


def _shown(child: Child) -> str:
    if child.resident_id is not None:
        return child.resident_id.masked()
    assert child.student_number is not None  # noqa: S101 - Child guarantees it
    return child.student_number.masked()


def _merge_membership(  # noqa: PLR0917
    rec: Record,
    entries: dict[str, CensusEntry],
    first: dict[str, SourceRef],
    memberships: dict[str, list[GroupMembership]],
    unmatched: list[Record],
    conflicts: list[Conflict],
    mark: Any,  # noqa: ANN401
) -> None:
    ref = SourceRef(rec.source, rec.row)
    rid = rec.resident_id
    entry = entries.get(rid.value) if rid is not None else None
    if entry is None or rid is None:
        unmatched.append(rec)
        mark(ref, RowOutcome.ACCEPTED, unknown_child())
        return
    found = _compare(rid.masked(), entry.child, first[rid.value], {"name": rec.name}, ref)
    memberships.setdefault(rid.value, []).append(rec.value)
    entries[rid.value] = attrs.evolve(entry, sources=(*entry.sources, ref))
    conflicts.extend(found)
    if found:
        mark(ref, RowOutcome.CONFLICT, *(c.finding() for c in found))
    else:
        mark(ref, RowOutcome.MERGED)


def iter_children(census: Census | Iterable[CensusEntry]) -> Iterator[CensusEntry]:
    """The entries of a census or of an iterable of entries."""
    if isinstance(census, Census):
        yield from census.entries.values()
    else:
        yield from census
