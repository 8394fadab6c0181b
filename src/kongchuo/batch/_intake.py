"""Intake, row by row: a department's table into typed records, every row accounted for (数据接收).

:func:`intake` reads the rows of one feed through its :class:`~kongchuo.batch.ColumnMapping`,
normalises what people type (see :mod:`kongchuo.batch._cells`), checks codes against
the county's jurisdictions and school registry and region codes against GB/T 2260
for the birth year, fills the defaults that come from dated parameters, and builds
the models. Every row gets a :class:`RowResult` — accepted or rejected here, merged
or in conflict once :func:`~kongchuo.batch.build_census` has seen it — with the
source, the row number, the field and the (masked) reason. The number of results
always equals the number of rows.

Records are built in chunks through :func:`kongchuo.from_dicts`, with the garbage
collector paused (see ``notes/performance.md``); a chunk with a bad row is rebuilt
without it, so one bad row costs one more pass over its chunk, not the batch.

Part of the batch layer of the design (docs/design.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple, TypeVar

import attrs

import kongchuo
from kongchuo import (
    Attendance,
    Child,
    Department,
    Finding,
    GroupMembership,
    LabelledEnum,
    Leave,
    Registration,
    ResidentId,
    School,
    Severity,
    SpecialGroup,
    StudentNumber,
    ValidationError,
    quote,
    regions,
)
from kongchuo._core.args import require_choice, require_date, require_instance, require_iterable
from kongchuo._core.decision import finding
from kongchuo.batch._cells import (
    CellError,
    column_finding,
    read_bool,
    read_date,
    read_enum,
    read_int,
    read_resident_id,
    read_student_number,
    read_text,
)
from kongchuo.batch._feeds import FIELDS, MAPPINGS, ColumnMapping, Feed, HouseholdStatus
from kongchuo.batch._tables import Row
from kongchuo.policy import ParameterHistory, Policy
from kongchuo.policy._policy import require_policy

if TYPE_CHECKING:
    from kongchuo.batch._columnar import Columns

__all__ = [
    "INTAKE_DEFAULTS",
    "Intake",
    "IntakeDefaults",
    "Record",
    "RowOutcome",
    "RowResult",
    "intake",
    "school_year_of",
]


class RowOutcome(LabelledEnum):
    """What became of a row (行处理结果).

    Example:
        >>> RowOutcome.CONFLICT.label_zh
        '冲突'
    """

    ACCEPTED = "accepted", "接收"
    MERGED = "merged", "合并"
    CONFLICT = "conflict", "冲突"
    REJECTED = "rejected", "拒收"


class RowResult(NamedTuple):
    """The result of one row: where it came from, what became of it, and why.

    ``source`` is the table it came from (a file name or the caller's label);
    ``row`` its row number as a person sees it (the header is row 1 of a file);
    ``outcome`` accepted, merged, in conflict or rejected; ``findings`` the warnings
    (normalised values) and, for a rejected row, the errors, each naming the field
    in its path and the column in its message; ``key`` the child's masked ID number
    or masked student number, if read.
    """

    source: str
    row: int
    outcome: RowOutcome
    findings: tuple[Finding, ...] = ()
    key: str | None = None


class Record(NamedTuple):
    """One accepted row as a typed record.

    ``source`` and ``row`` say where it came from; ``value`` is the model: a
    :class:`~kongchuo.Child` (household feed), a :class:`~kongchuo.GroupMembership`
    (poverty, disability and civil-affairs feeds), a :class:`~kongchuo.Registration`,
    an :class:`~kongchuo.Attendance` or a :class:`~kongchuo.Leave`; ``resident_id``
    the child's ID number where the row gives or implies one; ``name`` the name in
    the row (for conflicts between feeds); ``status`` and ``confirmed_on`` the
    household clean-up status and when 公安 confirmed it.
    """

    source: str
    row: int
    value: Any
    resident_id: ResidentId | None = None
    name: str | None = None
    status: HouseholdStatus = HouseholdStatus.ACTIVE
    confirmed_on: dt.date | None = None


@attrs.frozen(kw_only=True)
class IntakeDefaults:
    """The dated parameters behind values a bureau would otherwise hand-compute (默认值参数).

    Attributes:
        retention_years: How many years after a child leaves the census age band
            (turns the band's upper age + 1) the record is kept: ``retain_until``
            is 31 December of that year. The law names no number (个人信息保护法
            第十九条: the shortest time necessary); 3 is a kongchuo default that errs
            towards keeping a record until the cases of the last school years can
            close and be reviewed. Set your county's number.

    The registration ``effective_from`` default is not here: it is the reckoning
    day of the school year (:func:`kongchuo.school_year_day`, from the policy's
    entry cut-off).

    Example:
        >>> INTAKE_DEFAULTS.retention_years.value_at(dt.date(2025, 7, 1))
        3
    """

    retention_years: ParameterHistory[int]


INTAKE_DEFAULTS: Final = IntakeDefaults(
    retention_years=ParameterHistory.single(
        "retention_years",
        3,
        unit="years after the child leaves the census age band",
        description="kongchuo default: the law sets no number; errs towards keeping "
        "the record long enough for the last cases to close and be reviewed.",
        basis=("个人信息保护法 第十九条", "个人信息保护法 第四十七条"),
        effective_from=dt.date(2021, 11, 1),
    )
)
"""The shipped intake defaults (kongchuo defaults, marked as such)."""


def school_year_of(day: dt.date) -> int:
    """The school year whose parameters govern ``day``: it starts on 1 July (Policy.reading_date).

    Example:
        >>> school_year_of(dt.date(2026, 3, 1)), school_year_of(dt.date(2025, 7, 1))
        (2025, 2025)
    """
    day = require_date(day, "day")
    return day.year if day.month >= 7 else day.year - 1


T = TypeVar("T")


def built_once(obj: Any, slot: str, build: Callable[[Any], T], empty: T) -> T:  # noqa: ANN401 - a frozen result class
    """The value of ``obj``'s ``slot``, built from its columns on the first read (按需构建).

    A result taken in as columns (:class:`Intake`, :class:`~kongchuo.batch.Census`)
    holds ``None`` in the slot until a caller reads it; it is then built by
    ``build(obj.columns)`` (``empty`` when there are no columns) and kept.
    """
    held: T | None = getattr(obj, slot)
    if held is None:
        held = build(obj.columns) if obj.columns is not None else empty
        object.__setattr__(obj, slot, held)
    return held


@attrs.frozen(kw_only=True, eq=False)
class Intake:
    """The result of taking in one table (接收结果).

    ``records`` are the accepted rows, as typed records, in row order; ``rows`` one
    result per input row, in row order. On the polars path (``engine="polars"``)
    both are kept as columns and built as objects only when first read;
    :func:`~kongchuo.batch.build_census` and :func:`~kongchuo.batch.reconcile` read
    the columns directly.

    Attributes:
        feed: The feed.
        source: The table's label.
        notes: Findings about the table as a whole: the defaults applied (with their
            basis), columns the feed does not read.
        columns: The columns behind the records on the polars path, else ``None``.
    """

    feed: Feed
    source: str
    _records: tuple[Record, ...] | None = attrs.field(default=None, alias="records")
    _rows: tuple[RowResult, ...] | None = attrs.field(default=None, alias="rows")
    notes: tuple[Finding, ...] = ()
    columns: Any = attrs.field(default=None, repr=False)

    @property
    def records(self) -> tuple[Record, ...]:
        """The accepted rows, as typed records, in row order."""
        return built_once(self, "_records", lambda columns: tuple(columns.records()), ())

    @property
    def rows(self) -> tuple[RowResult, ...]:
        """One result per input row, in row order."""
        return built_once(self, "_rows", lambda columns: tuple(columns.rows()), ())

    def __eq__(self, other: object) -> bool:
        """Equal feed, source, records, row results and notes, whichever path built them."""
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Intake)  # noqa: S101 - for the type checker
        return (self.feed, self.source, self.notes, self.rows, self.records) == (
            other.feed,
            other.source,
            other.notes,
            other.rows,
            other.records,
        )

    def __hash__(self) -> int:
        """The hash of what :meth:`__eq__` compares (builds the objects on the polars path)."""
        return hash((self.feed, self.source, self.notes, self.rows, self.records))

    def counts(self) -> dict[RowOutcome, int]:
        """The number of rows per outcome (every outcome listed).

        Example:
            >>> Intake(feed=Feed.HOUSEHOLD, source="x", records=(), rows=()).counts()[
            ...     RowOutcome.REJECTED
            ... ]
            0
        """
        if self._rows is None and self.columns is not None:
            return self.columns.counts()  # type: ignore[no-any-return]
        out = dict.fromkeys(RowOutcome, 0)
        for r in self.rows:
            out[r.outcome] += 1
        return out

    def rejected(self) -> tuple[RowResult, ...]:
        """The rejected rows."""
        if self._rows is None and self.columns is not None:
            odd = self.columns.odd
            return tuple(odd[n] for n in sorted(odd) if odd[n].outcome is RowOutcome.REJECTED)
        return tuple(r for r in self.rows if r.outcome is RowOutcome.REJECTED)


_MODELS: Final[dict[Feed, type[Any]]] = {
    Feed.HOUSEHOLD: Child,
    Feed.POVERTY: GroupMembership,
    Feed.DISABILITY: GroupMembership,
    Feed.CIVIL_AFFAIRS: GroupMembership,
    Feed.REGISTRATION: Registration,
    Feed.ATTENDANCE: Attendance,
    Feed.LEAVE: Leave,
}
_DEPARTMENTS: Final = {
    Feed.POVERTY: Department.RURAL_REVITALIZATION,
    Feed.DISABILITY: Department.DISABLED_PERSONS_FEDERATION,
    Feed.CIVIL_AFFAIRS: Department.CIVIL_AFFAIRS,
}
_CODE: Final = re.compile(r"^[0-9]{6}([0-9]{3}){0,2}$")
_MEMO_LIMIT: Final = 1 << 15
_PATH: Final = re.compile(r"^\$\[([0-9]+)\](.*)$")

Reader = Callable[[object, list[Finding]], Any]
Engine = Literal["auto", "python", "polars"]


def _error(code: str, field: str, header: str, en: str, zh: str) -> Finding:
    return column_finding(code, field, header, en, zh, severity=Severity.ERROR)


def _memo(read: Reader) -> Reader:
    """Cache a reader of a low-cardinality column (dates, codes, labels) by raw value."""
    seen: dict[object, tuple[Any, tuple[Finding, ...], CellError | None]] = {}

    def cached(raw: object, notes: list[Finding]) -> Any:  # noqa: ANN401 - the field's value
        try:
            hit = seen.get(raw)
        except TypeError:  # an unhashable cell
            hit = None
        if hit is None:
            found: list[Finding] = []
            try:
                hit = (read(raw, found), tuple(found), None)
            except CellError as exc:
                hit = (None, tuple(found), exc)
            if len(seen) < _MEMO_LIMIT:
                with contextlib.suppress(TypeError):
                    seen[raw] = hit
        if hit[1]:
            notes.extend(hit[1])
        if hit[2] is not None:
            raise hit[2]
        return hit[0]

    return cached


class _Context:
    """What one intake run reads values against."""

    def __init__(
        self,
        mapping: ColumnMapping,
        *,
        as_of: dt.date,
        policy: Policy,
        jurisdictions: Iterable[regions.Jurisdiction] | None,
        schools: Iterable[School] | Mapping[str, School] | None,
        defaults: IntakeDefaults,
    ) -> None:
        self.mapping = mapping
        self.source = ""
        self.feed = mapping.feed
        self.as_of = as_of
        self.policy = policy
        self.units: dict[str, str] | None = None
        if jurisdictions is not None:
            self.units = {}
            for unit in jurisdictions:
                self.units[unit.code] = unit.code
                self.units.setdefault(unit.name, unit.code)
        self.schools: dict[str, str] | None = None
        if schools is not None:
            items = schools.values() if isinstance(schools, Mapping) else schools
            self.schools = {}
            for school in items:
                self.schools[school.code] = school.code
                self.schools.setdefault(school.name, school.code)
        year = school_year_of(as_of)
        self.effective_from = kongchuo.school_year_day(year, policy=policy)
        self.max_age = policy.age_band.value_at(as_of).max_age
        self.retention = defaults.retention_years.value_at(as_of)
        self.readers: dict[str, Reader] = {
            field: self._reader(field, kind, enum_kind)
            for field, (kind, enum_kind, _required) in FIELDS[self.feed].items()
        }
        self.required = tuple(f for f, spec in FIELDS[self.feed].items() if spec[2])
        self.headers: dict[str, str] = {}
        self.region_memo: dict[tuple[str, int], bool] = {}

    def header(self, field: str) -> str:
        return self.headers.get(field, field)

    def _reader(  # noqa: C901, PLR0911 - one branch per kind of field
        self, field: str, kind: str, enum_kind: type[LabelledEnum] | None
    ) -> Reader:
        aliases = dict(self.mapping.aliases.get(field, {}))

        def header() -> str:
            return self.header(field)

        if kind == "resident_id":
            return lambda raw, notes: read_resident_id(raw, field, header(), notes)
        if kind == "student_number":
            return lambda raw, notes: read_student_number(raw, field, header(), notes)
        if kind == "text":
            return lambda raw, notes: read_text(raw, field, header(), notes)
        if kind == "date":

            def date(raw: object, notes: list[Finding]) -> str | None:
                found = read_date(raw, field, header(), notes)
                return None if found is None else found.isoformat()

            return _memo(date)
        if kind == "int":

            def whole(raw: object, notes: list[Finding]) -> int | None:
                if raw.__class__ is str and raw in aliases:
                    raw = aliases[raw]
                return read_int(raw, field, header(), notes)

            return _memo(whole)
        if kind == "bool":
            return _memo(lambda raw, notes: read_bool(raw, field, header(), notes))
        if kind == "enum":
            assert enum_kind is not None  # noqa: S101 - the table pairs them

            def member(raw: object, notes: list[Finding]) -> str | None:
                found = read_enum(raw, field, header(), notes, kind=enum_kind, aliases=aliases)
                return None if found is None else found.value

            return _memo(member)
        if kind == "code":
            return _memo(self._code(field, header))
        if kind == "jurisdiction":
            return _memo(self._lookup(field, header, self.units, "jurisdiction", "管辖单位"))
        if kind == "school":
            return _memo(self._lookup(field, header, self.schools, "school", "学校"))
        msg = f"unknown field kind {kind}"  # pragma: no cover - the table is fixed
        raise AssertionError(msg)

    @staticmethod
    def _code(field: str, header: Callable[[], str]) -> Reader:
        def code(raw: object, notes: list[Finding]) -> str | None:
            if isinstance(raw, int) and not isinstance(raw, bool):
                raw = str(raw)
            text = read_text(raw, field, header(), notes, squeeze=True)
            if text is None:
                return None
            if _CODE.match(text) is None:
                raise CellError(
                    _error(
                        "batch.region.format",
                        field,
                        header(),
                        f"{quote(text, bare=True)} is not a region code of 6, 9 or 12 digits",
                        f"{quote(text, bare=True)} 不是 6、9 或 12 位的行政区划代码",
                    )
                )
            return text

        return code

    @staticmethod
    def _lookup(
        field: str,
        header: Callable[[], str],
        table: dict[str, str] | None,
        what: str,
        what_zh: str,
    ) -> Reader:
        def look(raw: object, notes: list[Finding]) -> str | None:
            if isinstance(raw, int) and not isinstance(raw, bool):
                raw = str(raw)
            text = read_text(raw, field, header(), notes)
            if text is None or table is None:
                return text
            code = table.get(text)
            if code is None:
                raise CellError(
                    _error(
                        f"batch.{what}.unknown",
                        field,
                        header(),
                        f"{quote(text, bare=True)} is not a known {what} "
                        "(code or name) of this county",
                        f"{quote(text, bare=True)} 不是本县已登记的{what_zh}（代码或名称）",
                    )
                )
            return code

        return look

    def region_known(self, code: str, year: int) -> bool:
        key = (code[:6], year)
        known = self.region_memo.get(key)
        if known is None:
            known = regions.is_known(code[:6], year=year)
            self.region_memo[key] = known
        return known


def _plan(ctx: _Context, headers: Iterable[str]) -> list[tuple[str, str, Reader]]:
    plan = []
    for header in headers:
        field = ctx.mapping.field_of(header) if isinstance(header, str) else None
        if field is not None:
            ctx.headers[field] = header
            plan.append((header, field, ctx.readers[field]))
    return plan


def _household(  # noqa: C901 - the household feed's derived fields, in one place
    ctx: _Context, doc: dict[str, Any], notes: list[Finding], errors: list[Finding]
) -> tuple[ResidentId | None, HouseholdStatus, dt.date | None]:
    """Fill a household row's derived fields; returns its ID, status and confirmation date."""
    rid: ResidentId | None = None
    id_text = doc.get("resident_id")
    if id_text is not None:
        rid = id_text  # already parsed by the reader
        doc["resident_id"] = rid.value
        if "birth_date" not in doc:
            doc["birth_date"] = rid.birth_date.isoformat()
        if "sex" not in doc:
            doc["sex"] = rid.sex.value
    elif "student_number" not in doc:
        errors.append(
            _error(
                "batch.child.no_identifier",
                "resident_id",
                ctx.header("resident_id"),
                "a child needs an ID number or, lacking one, a J or L student number",
                "儿童须有身份证号码，无身份证号码的须有 J 或 L 学籍号",
            )
        )
    else:
        doc["student_number"] = doc["student_number"].value
    if "student_number" in doc and rid is not None:
        del doc["student_number"]  # a G number is the ID number; the census links it
    errors.extend(_missing(ctx, f) for f in ("sex", "birth_date") if f not in doc)
    birth = doc.get("birth_date")
    region = doc.get("household_region")
    if birth is not None and region is not None and errors == []:
        year = int(birth[:4])
        if not ctx.region_known(region, year):
            notes.append(_region_note(ctx, "household_region", region, year))
        if rid is not None and not ctx.region_known(rid.value, year):
            notes.append(_region_note(ctx, "resident_id", rid.value, year))
    if region is not None and "residence_region" not in doc:
        doc["residence_region"] = region
    if birth is not None and "retain_until" not in doc:
        doc["retain_until"] = f"{int(birth[:4]) + ctx.max_age + 1 + ctx.retention}-12-31"
    status = HouseholdStatus(doc.pop("status", HouseholdStatus.ACTIVE.value))
    confirmed = doc.pop("status_confirmed_on", None)
    if status is not HouseholdStatus.ACTIVE and confirmed is None:
        errors.append(
            _error(
                "batch.status.unconfirmed",
                "status_confirmed_on",
                ctx.header("status_confirmed_on"),
                f"the clean-up status {status.value} needs 公安's confirmation date",
                f"户籍清理状态“{status.label_zh}”须注明公安确认日期",
            )
        )
    return rid, status, (dt.date.fromisoformat(confirmed) if confirmed else None)


def _region_note(ctx: _Context, field: str, code: str, year: int) -> Finding:
    return finding(
        "batch.region.unknown_for_year",
        f"column {quote(ctx.header(field))}: region {code[:6]} is not a GB/T 2260 code "
        f"of the birth year {year} (it may be newer, or mistyped)",
        f"“{ctx.header(field)}”列：{code[:6]} 不是出生年份 {year} 的 GB/T 2260 "
        "行政区划代码（可能为后设代码或录入错误）",
        f"$.{field}",
        severity=Severity.WARNING,
        basis=("GB/T 2260", "GB 11643"),
    )


def _missing(ctx: _Context, field: str) -> Finding:
    return _error(
        "batch.field.missing",
        field,
        ctx.header(field),
        "required, but blank or no such column",
        "必填，但为空或缺少该列",
    )


def _membership(ctx: _Context, doc: dict[str, Any]) -> ResidentId | None:
    rid: ResidentId | None = doc.pop("resident_id", None)
    doc.pop("name", None)
    doc["department"] = _DEPARTMENTS[ctx.feed].value
    if ctx.feed is Feed.DISABILITY:
        doc["group"] = SpecialGroup.DISABLED.value
        doc["disability"] = {
            "kind": doc.pop("disability_kind", None),
            "grade": doc.pop("disability_grade", None),
        }
    return rid


def _registration(ctx: _Context, doc: dict[str, Any], errors: list[Finding]) -> ResidentId | None:
    number: StudentNumber = doc["student_number"]
    rid: ResidentId | None = doc.pop("resident_id", None)
    doc.pop("name", None)
    implied = number.resident_id
    if rid is not None and implied is not None and rid != implied:
        errors.append(
            _error(
                "batch.registration.id_mismatch",
                "resident_id",
                ctx.header("resident_id"),
                f"the ID number does not match the G student number ({number.masked()})",
                f"身份证号码与 G 学籍号（{number.masked()}）不一致",
            )
        )
    doc["student_number"] = number.value
    if "effective_from" not in doc:
        doc["effective_from"] = ctx.effective_from.isoformat()
    return rid or implied


def _key(doc: Mapping[str, Any]) -> str | None:
    for field in ("resident_id", "student_number"):
        value = doc.get(field)
        if isinstance(value, ResidentId | StudentNumber):
            return value.masked()
    return None


class _Pending(NamedTuple):
    row: int
    doc: dict[str, Any]
    notes: list[Finding]
    key: str | None
    rid: ResidentId | None
    name: str | None
    status: HouseholdStatus
    confirmed: dt.date | None


def _read_row(  # noqa: C901, PLR0912 - the per-row loop, kept flat for speed
    ctx: _Context, row: Row, plan: list[tuple[str, str, Reader]]
) -> _Pending | RowResult:
    cells = row.cells
    notes: list[Finding] = []
    errors: list[Finding] = []
    doc: dict[str, Any] = {}
    for header, field, read in plan:
        raw = cells.get(header)
        if raw is None or raw == "":
            continue
        try:
            value = read(raw, notes)
        except CellError as exc:
            errors.append(exc.finding)
            continue
        if value is not None:
            doc[field] = value
    for field, text in ctx.mapping.defaults.items():
        if field not in doc:
            try:
                doc[field] = ctx.readers[field](text, [])
            except CellError as exc:  # a bad default in a county mapping
                errors.append(exc.finding)
    key = _key(doc)
    missing = [
        f for f in ctx.required if f not in doc and not any(e.path == f"$.{f}" for e in errors)
    ]
    errors.extend(_missing(ctx, f) for f in missing)
    feed = ctx.feed
    rid: ResidentId | None = None
    status = HouseholdStatus.ACTIVE
    confirmed: dt.date | None = None
    name = doc.get("name")
    if not errors:
        if feed is Feed.HOUSEHOLD:
            rid, status, confirmed = _household(ctx, doc, notes, errors)
        elif feed in _DEPARTMENTS:
            rid = _membership(ctx, doc)
        elif feed is Feed.REGISTRATION:
            rid = _registration(ctx, doc, errors)
        else:
            doc["student_number"] = doc["student_number"].value
    if errors:
        return RowResult(ctx.source, row.number, RowOutcome.REJECTED, (*notes, *errors), key)
    return _Pending(row.number, doc, notes, key, rid, name, status, confirmed)


def _problem_finding(ctx: _Context, problem: kongchuo.Problem, rest: str) -> Finding:
    field = rest.lstrip(".").split(".")[0].split("[")[0] or "$"
    header = ctx.header(field)
    return finding(
        problem.code,
        f"column {quote(header)}: {problem.message}",
        f"“{header}”列：{problem.message_zh}",
        f"${rest}" if rest else "$",
        severity=Severity.ERROR,
    )


def _build(
    ctx: _Context,
    source: str,
    chunk: list[_Pending],
    records: list[Record],
    results: list[RowResult],
) -> None:
    model = _MODELS[ctx.feed]
    docs = [p.doc for p in chunk]
    bad: dict[int, list[Finding]] = {}
    try:
        built = kongchuo.from_dicts(docs, model)
    except ValidationError as exc:
        for problem in exc.errors:
            found = _PATH.match(problem.path)
            index = int(found.group(1)) if found else 0
            bad.setdefault(index, []).append(
                _problem_finding(ctx, problem, found.group(2) if found else "")
            )
        good = [i for i in range(len(chunk)) if i not in bad]
        rebuilt = iter(kongchuo.from_dicts([docs[i] for i in good], model))
        built = [None if i in bad else next(rebuilt) for i in range(len(chunk))]
    household = ctx.feed is Feed.HOUSEHOLD
    for i, (pending, value) in enumerate(zip(chunk, built, strict=True)):
        notes = tuple(pending.notes)
        if value is None:
            results.append(
                RowResult(source, pending.row, RowOutcome.REJECTED, (*notes, *bad[i]), pending.key)
            )
            continue
        results.append(RowResult(source, pending.row, RowOutcome.ACCEPTED, notes, pending.key))
        rid = value.resident_id if household else pending.rid
        records.append(
            Record(source, pending.row, value, rid, pending.name, pending.status, pending.confirmed)
        )


def intake(  # noqa: C901, PLR0912 - argument checks, the engines and the streaming loop
    rows: Iterable[Row] | Columns,
    mapping: ColumnMapping | Feed,
    *,
    source: str,
    as_of: dt.date,
    policy: Policy,
    jurisdictions: Iterable[regions.Jurisdiction] | None = None,
    schools: Iterable[School] | Mapping[str, School] | None = None,
    defaults: IntakeDefaults = INTAKE_DEFAULTS,
    chunk_size: int = 4096,
    engine: Engine = "auto",
) -> Intake:
    """Take in one table of a feed, row by row (按行接收数据).

    Args:
        rows: The rows, from :func:`read_csv`, :func:`read_xlsx` or
            :func:`rows_from_mappings`, or a table read into columns by
            :func:`read_columns`.
        mapping: The column mapping, or a feed for its shipped mapping.
        source: A label for the table in every row result, such as the file name.
        as_of: The day of the intake: it picks the school year (for the default
            registration date) and the parameters in force.
        policy: The policy (age band, entry cut-off).
        jurisdictions: The county's jurisdictions; if given, every jurisdiction
            cell must name one of them by code or name (镇街 names map to codes).
        schools: The school registry; if given, every school cell must name one
            of them by code or name.
        defaults: The dated parameters for defaults.
        chunk_size: How many rows are built at once.
        engine: ``"python"`` (row by row), ``"polars"`` (the cells checked as
            columns: the ``columnar`` extra) or ``"auto"``, the default: polars for
            a table from :func:`read_columns`, Python for rows. Both give the same
            records, row results and messages; on the polars path only the rows
            that need a message are read as Python objects, and the records and
            row results are built when first asked for.

    Returns:
        The records and one :class:`RowResult` per row.

    Raises:
        ValidationError: For a bad argument; never for a bad row.
            ``batch.engine`` for an unknown engine, ``batch.engine.missing`` for
            ``"polars"`` without polars.

    Example:
        >>> import datetime as dt
        >>> from kongchuo.policy import FEICHENG
        >>> from kongchuo.batch import Feed, intake, rows_from_mappings
        >>> rows = [
        ...     {
        ...         "身份证号": "370983201509010012",
        ...         "姓名": "张小明",
        ...         "性别": "男",
        ...         "户籍地代码": "370983",
        ...         "镇街": "王瓜店街道",
        ...     },
        ...     {
        ...         "身份证号": "3.70983E+17",
        ...         "姓名": "李小红",
        ...         "户籍地代码": "370983",
        ...         "镇街": "王瓜店街道",
        ...     },
        ... ]
        >>> result = intake(
        ...     rows_from_mappings(rows),
        ...     Feed.HOUSEHOLD,
        ...     source="公安.csv",
        ...     as_of=dt.date(2025, 7, 15),
        ...     policy=FEICHENG,
        ...     jurisdictions=kongchuo.regions.FEICHENG_UNITS,
        ... )
        >>> [(r.row, r.outcome.value) for r in result.rows]
        [(1, 'accepted'), (2, 'rejected')]
        >>> result.records[0].value.jurisdiction, str(result.records[0].value.retain_until)
        ('370983003', '2034-12-31')
        >>> result.rows[1].findings[0].code
        'batch.id.number'

    References:
        FC-1.1 (准确掌握底数), FC-2.2 (信息共享), FC-3.1 (部门职责).

    Limitations:
        A row is judged alone; duplicates and conflicts between rows and feeds are
        found by :func:`~kongchuo.batch.build_census`. Unknown region codes for the
        birth year are warnings (the region table may be older than the code), so
        the check errs towards accepting.
    """
    if isinstance(mapping, Feed):
        mapping = MAPPINGS[mapping]
    mapping = require_instance(mapping, ColumnMapping, "mapping", name_zh="列映射")
    as_of = require_date(as_of, "as_of")
    policy = require_policy(policy)
    ctx = _Context(
        mapping,
        as_of=as_of,
        policy=policy,
        jurisdictions=jurisdictions,
        schools=schools,
        defaults=defaults,
    )
    ctx.source = source
    engine = require_engine(engine)
    from kongchuo.batch import _columnar  # noqa: PLC0415 - it imports this module

    table = rows if isinstance(rows, _columnar.Columns) else None
    if engine == "polars" or (engine == "auto" and table is not None and _columnar.available()):
        if table is None:
            rows = list(require_iterable(rows, "rows"))  # type: ignore[arg-type]
            table = _columnar.columns_of(rows)
        if table is not None:
            taken, headers = _columnar.take_in(ctx, table, source)
            return Intake(
                feed=mapping.feed,
                source=source,
                notes=_ignored(mapping, headers) if len(table) else (),
                columns=taken,
            )
    if isinstance(rows, _columnar.Columns):
        rows = rows.rows()
    records: list[Record] = []
    results: list[RowResult] = []
    pending: list[_Pending] = []
    plan: list[tuple[str, str, Reader]] | None = None
    plan_keys: Any = None
    enabled = gc.isenabled()
    gc.disable()
    try:
        for row in rows:
            keys = row.cells.keys()
            if plan is None or keys != plan_keys:
                plan, plan_keys = _plan(ctx, keys), keys
            read = _read_row(ctx, row, plan)
            if read.__class__ is RowResult:
                # Rows are kept in order: flush what is pending first.
                if pending:
                    _build(ctx, source, pending, records, results)
                    pending = []
                results.append(read)
            else:
                pending.append(read)  # type: ignore[arg-type]
                if len(pending) >= chunk_size:
                    _build(ctx, source, pending, records, results)
                    pending = []
        if pending:
            _build(ctx, source, pending, records, results)
    finally:
        if enabled:
            gc.enable()
    notes = _ignored(mapping, plan_keys) if plan_keys is not None else ()
    return Intake(
        feed=mapping.feed,
        source=source,
        records=tuple(records),
        rows=tuple(results),
        notes=tuple(notes),
    )


def require_engine(engine: object) -> Engine:
    """``engine`` if it is ``"auto"``, ``"python"`` or ``"polars"``; else ``batch.engine``."""
    return require_choice(engine, ("auto", "python", "polars"), "engine", code="batch.engine")  # type: ignore[return-value]


def _ignored(mapping: ColumnMapping, headers: Iterable[object]) -> tuple[Finding, ...]:
    """The note naming the columns a feed does not read, if any."""
    ignored = [h for h in headers if isinstance(h, str) and mapping.field_of(h) is None]
    if not ignored:
        return ()
    return (
        finding(
            "batch.columns.ignored",
            f"columns the {mapping.feed.value} feed does not read: {', '.join(ignored)}",
            f"{mapping.feed.label_zh}数据不读取这些列：{'、'.join(ignored)}",
            "$",
            severity=Severity.INFO,
        ),
    )


def iter_rows(results: Iterable[Intake]) -> Iterator[RowResult]:
    """Every row result of several intakes, in order."""
    for result in results:
        yield from result.rows
