"""Reconciliation (三比对): 户籍 vs 学籍 vs presence, and the early-warning bands.

:func:`reconcile` compares the census with the registrations and the schools'
attendance records as of a day and returns every :class:`Discrepancy` — 失学,
疑似辍学, 辍学, 人籍不一致, 空挂学籍, 借读, duplicate registrations — each naming the
child (masked), its evidence and its basis, plus an attendance :class:`StudentBand`
per registered student. :func:`open_cases` opens a case (with its ``Identified``
event) for each child found out of school, never twice for the same episode.

The inputs are iterables, each read once; the work is grouped by child, so the
inputs may be split by :func:`partition_of` and reconciled part by part (on Dask,
see :mod:`kongchuo.batch.distributed`) with exactly the same result.

Part of the batch layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
import gc
import operator
import zlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, TypeVar

import attrs

import kongchuo
from kongchuo import (
    Approval,
    Attendance,
    AttendanceStatus,
    Finding,
    LabelledEnum,
    Leave,
    Registration,
    RegistrationStatus,
    ResidentId,
    School,
    SchoolCalendar,
    Severity,
    StudentNumber,
    ValidationError,
    WorkCalendar,
)
from kongchuo._core.args import (
    require_date,
    require_instance,
    require_int,
    require_items,
)
from kongchuo._core.decision import finding
from kongchuo._core.errors import redact, type_name
from kongchuo._models import compiled
from kongchuo._models.base import gc_paused
from kongchuo._time.calendars import require_calendar
from kongchuo.batch import _columnar
from kongchuo.batch._census import Census, CensusEntry, number_key
from kongchuo.batch._feeds import Feed, HouseholdStatus
from kongchuo.batch._intake import Engine, Intake, require_engine, school_year_of
from kongchuo.cases import Case, CaseKind, CaseState, IdentificationMethod, Identified
from kongchuo.policy import Policy, Threshold, TimeUnit
from kongchuo.policy._policy import require_policy

__all__ = [
    "COLUMNAR_FROM",
    "ED_FI_BANDS",
    "Band",
    "Discrepancy",
    "DiscrepancyKind",
    "Exemption",
    "ExemptionKind",
    "Openings",
    "Reconciliation",
    "StudentBand",
    "WarningBands",
    "open_cases",
    "partition_of",
    "reconcile",
]

R = TypeVar("R", Registration, Attendance)

_NOTICE: Final = "教育部办公厅 2024 常态化报告工作机制 (四查三比对)"


class DiscrepancyKind(LabelledEnum):
    """What a comparison found (比对发现的问题类别).

    Example:
        >>> DiscrepancyKind.PHANTOM.label_zh
        '空挂学籍'
    """

    OUT_OF_SCHOOL = "out_of_school", "失学"
    SUSPECTED_DROPOUT = "suspected_dropout", "疑似辍学"
    DROPOUT = "dropout", "辍学"
    MISMATCH = "mismatch", "人籍不一致"
    PHANTOM = "phantom", "空挂学籍"
    UNREGISTERED = "unregistered", "借读"
    DUPLICATE = "duplicate_registration", "重复学籍"

    @property
    def code(self) -> str:
        """The stable finding code, such as ``"reconcile.dropout"``."""
        return f"reconcile.{self.value}"


_ORDER: Final = {kind: i for i, kind in enumerate(DiscrepancyKind)}
_BASIS: Final[dict[DiscrepancyKind, tuple[str, ...]]] = {
    DiscrepancyKind.OUT_OF_SCHOOL: ("FC-1.1", "义务教育法 第十一条", _NOTICE),
    DiscrepancyKind.SUSPECTED_DROPOUT: ("FC-2.5", _NOTICE, "policy.suspected_dropout_threshold"),
    DiscrepancyKind.DROPOUT: (
        "FC-2.5",
        _NOTICE,
        "policy.dropout_threshold",
        "未成年人保护法 第二十八条",
    ),
    DiscrepancyKind.MISMATCH: ("FC-1.4",),
    DiscrepancyKind.PHANTOM: ("FC-1.4", "FC-3.1"),
    DiscrepancyKind.UNREGISTERED: ("FC-1.4",),
    DiscrepancyKind.DUPLICATE: ("FC-1.4", "教基〔2025〕1号"),
}


class ExemptionKind(LabelledEnum):
    """Why a school-age child without a registration here is not out of school (免于失学认定的情形).

    Example:
        >>> ExemptionKind.DEFERRED.label_zh
        '延缓入学'
    """

    STUDYING_ELSEWHERE = "studying_elsewhere", "异地就读（已核实）"
    DEFERRED = "deferred", "延缓入学"
    SUSPENDED = "suspended", "休学"
    NOT_ABLE_TO_STUDY = "not_able_to_study", "经鉴定暂不具备学习条件"


@attrs.frozen(kw_only=True)
class Exemption:
    """A verified reason why a child has no registration here (免于失学认定).

    Attributes:
        resident_id: The child.
        kind: Verified schooling elsewhere, deferred entry, suspension, or assessed
            as not able to study (残疾人教育条例 第二十条).
        until: The last day it holds, or ``None`` while it holds.

    References:
        义务教育法 第十一条第二款 (延缓入学、休学); 残疾人教育条例 第十七、二十条.
    """

    resident_id: ResidentId
    kind: ExemptionKind
    until: dt.date | None = None


class Band(LabelledEnum):
    """A student's attendance band (出勤预警等级).

    Example:
        >>> Band.EARLY_WARNING.label_zh
        '预警'
    """

    ON_TRACK = "on_track", "正常"
    EARLY_WARNING = "early_warning", "预警"
    AT_RISK = "at_risk", "高风险"


@attrs.frozen(kw_only=True)
class WarningBands:
    """The attendance-rate bands of the early warning, in percent (出勤预警阈值).

    A rate at or above ``on_track`` is on track; at or above ``early_warning`` an
    early warning; below it, at risk. The rate counts every absence, leave
    included: a child often away is at risk whatever the reason.

    Attributes:
        on_track: The lowest on-track rate.
        early_warning: The lowest early-warning rate.
        basis: Where the numbers come from.

    Example:
        >>> ED_FI_BANDS.band(87.5), ED_FI_BANDS.band(88.0), ED_FI_BANDS.band(79.9)
        (<Band.EARLY_WARNING: 'early_warning'>, <Band.ON_TRACK: 'on_track'>,
         <Band.AT_RISK: 'at_risk'>)
    """

    on_track: float
    early_warning: float
    basis: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        """Check 0 ≤ early_warning ≤ on_track ≤ 100."""
        ok = all(isinstance(v, int | float) for v in (self.on_track, self.early_warning))
        if not ok or not 0 <= self.early_warning <= self.on_track <= 100:
            raise ValidationError(
                "batch.bands.order",
                "bands need 0 <= early_warning <= on_track <= 100 (percent)",
                "预警阈值应满足 0 ≤ early_warning ≤ on_track ≤ 100（百分比）",
            )

    def band(self, rate: float) -> Band:
        """The band of an attendance rate in percent."""
        if rate >= self.on_track:
            return Band.ON_TRACK
        if rate >= self.early_warning:
            return Band.EARLY_WARNING
        return Band.AT_RISK


ED_FI_BANDS: Final = WarningBands(
    on_track=88.0,
    early_warning=80.0,
    basis=(
        (
            "Ed-Fi Alliance, chronic absenteeism early-warning bands (88% / 80%); "
            "a documented example, not a Chinese rule: set your county's numbers"
        ),
    ),
)
"""The example bands: on track from 88%, early warning from 80%, at risk below."""


class _Draft:
    """A discrepancy's finding, as its parts: the :class:`Finding` is made when first read.

    Making a finding checks both messages and the path for ID-shaped text (the
    mask of :func:`kongchuo.quote`) and converts its basis; a reconciliation at
    scale finds tens of thousands of children, and most callers read the kind,
    the child and the evidence. Pickled, it is the finding.
    """

    __slots__ = ("_made", "_parts")

    def __init__(
        self, kind: DiscrepancyKind, child: str, en: str, zh: str, severity: Severity
    ) -> None:
        self._parts = (kind, child, en, zh, severity)
        self._made: Finding | None = None

    def made(self) -> Finding:
        """The finding (made on the first call)."""
        if self._made is None:
            self._made = _finding(*self._parts)
        return self._made

    def __reduce__(
        self,
    ) -> tuple[
        Callable[[DiscrepancyKind, str, str, str, Severity], Finding],
        tuple[DiscrepancyKind, str, str, str, Severity],
    ]:
        """Pickle as the finding."""
        return _finding, self._parts


def _the_finding(held: Finding | _Draft) -> Finding:
    """The finding, made if it is still a draft (the key of ``==`` and hash)."""
    return held.made() if isinstance(held, _Draft) else held


@attrs.frozen(kw_only=True)
class Discrepancy:
    """One thing reconciliation found about one child (比对发现).

    Attributes:
        kind: What was found.
        child: The child's masked ID or student number.
        key: The census key (full number, for joins; never shown in the repr).
        resident_id: The child's ID number, where known (masked in its repr).
        student_number: The registration's student number, where one is involved.
        school: The school involved, if any.
        jurisdiction: The child's jurisdiction (from the census, else the school's).
        since: When the episode began: the first school day of the absence, or
            the reckoning day of the school year for 失学.
        evidence: What the finding rests on, in words, without ID numbers.

    Its :attr:`finding` (stable code, messages, severity and basis) is made when
    first read.
    """

    kind: DiscrepancyKind
    child: str
    key: str = attrs.field(repr=False)
    resident_id: ResidentId | None = None
    student_number: StudentNumber | None = None
    school: str | None = None
    jurisdiction: str | None = None
    since: dt.date | None = None
    evidence: tuple[str, ...] = ()
    _held: Finding | _Draft = attrs.field(alias="finding", repr=False, eq=_the_finding)

    @property
    def finding(self) -> Finding:
        """The finding: stable code, messages, severity and basis (made when first read)."""
        return _the_finding(self._held)

    @property
    def sort_key(self) -> tuple[str, int, str, str]:
        """The order results are given in: by child, kind, school and start date."""
        return (self.key, _ORDER[self.kind], self.school or "", str(self.since or ""))


@attrs.frozen(kw_only=True)
class StudentBand:
    """A registered student's attendance over the window (学生出勤情况).

    Attributes:
        child: The masked student number.
        key: The census key (never shown in the repr).
        school: The school of the registration.
        school_days: School days in the window.
        absent_days: Days absent or on leave.
        unexplained_days: Days absent without approved leave.
        rate: The attendance rate in percent, to one decimal.
        band: The band.
    """

    child: str
    key: str = attrs.field(repr=False)
    school: str
    school_days: int
    absent_days: int
    unexplained_days: int
    rate: float
    band: Band


# The comparison makes these by the ten thousand from values it has checked: made
# slot by slot, without the public constructor's argument check.
_new_found: Final[Callable[..., Discrepancy]] = compiled.maker(Discrepancy)
_new_band: Final[Callable[..., StudentBand]] = compiled.maker(StudentBand)


def _plain_bands(
    rows: Iterable[tuple[str, str, str, int, int]], total: int, bands: WarningBands
) -> list[StudentBand]:
    """The bands of students with nothing to find, from (child, key, school, away, unexplained).

    ``total`` is the number of school days in the window; ``away`` counts the school
    days absent or on leave, ``unexplained`` those absent without leave; the rate
    and band are those :func:`_compare` gives.
    """
    if not total:  # no school day in the window: no band to give
        return []
    rates = [round((total - away) * 100 / total, 1) for away in range(total + 1)]
    grades = [bands.band(rate) for rate in rates]
    new = _new_band
    return [
        new(child, key, school, total, away, unexplained, rates[away], grades[away])
        for child, key, school, away, unexplained in rows
    ]


_BAND_KEY: Final = operator.attrgetter("key")
_SORT_KEY: Final = operator.attrgetter("sort_key")


class _Bands:
    """A reconciliation's bands, built when first read (列式保存的出勤情况).

    It holds the bands of the students weighed one by one (objects, in key order)
    and, for the students with nothing to find, how many they are and a function
    that builds their bands (from columns or plain tuples). A county has one band
    per registered student and most callers read the discrepancies only, so the
    bulk is built on first read: :attr:`Reconciliation.bands` is then the same
    tuple the eager build gave. Pickled, it is that tuple.
    """

    __slots__ = ("_build", "_count", "_made", "_weighed")

    def __init__(
        self,
        weighed: list[StudentBand],
        count: int,
        build: Callable[[], list[StudentBand]],
    ) -> None:
        self._weighed = weighed
        self._count = count
        self._build = build
        self._made: tuple[StudentBand, ...] | None = None

    def __len__(self) -> int:
        """How many bands, without building them."""
        return self._count + len(self._weighed) if self._made is None else len(self._made)

    def made(self) -> tuple[StudentBand, ...]:
        """The bands, ordered by child (built on the first call, with the collector paused)."""
        if self._made is None:
            with gc_paused():
                out = self._weighed + self._build()
                out.sort(key=_BAND_KEY)  # two runs in key order: a merge
                self._made = tuple(out)
            self._weighed, self._build = [], list  # let the columns go
        return self._made

    def __reduce__(self) -> tuple[type[tuple[StudentBand, ...]], tuple[tuple[StudentBand, ...]]]:
        """Pickle as the tuple of bands."""
        return tuple, (self.made(),)


def _band_tuple(bands: tuple[StudentBand, ...] | _Bands) -> tuple[StudentBand, ...]:
    """The bands as a tuple, built if they are still columns (the key of ``==`` and hash)."""
    return bands.made() if isinstance(bands, _Bands) else bands


@attrs.frozen(kw_only=True, repr=False)
class Reconciliation:
    """What :func:`reconcile` found (三比对结果).

    Attributes:
        as_of: The day reconciled.
        since: The first day of the attendance window.
        discrepancies: Every discrepancy, ordered by child, kind, school and start.

    Its :attr:`bands` (one per registered student) are built when first read.
    """

    as_of: dt.date
    since: dt.date
    discrepancies: tuple[Discrepancy, ...]
    _bands: tuple[StudentBand, ...] | _Bands = attrs.field(alias="bands", eq=_band_tuple)

    @property
    def bands(self) -> tuple[StudentBand, ...]:
        """One band per registered student, ordered by child and school (built when first read)."""
        return _band_tuple(self._bands)

    def __repr__(self) -> str:
        """The fields, the bands as their tuple."""
        return (
            f"Reconciliation(as_of={self.as_of!r}, since={self.since!r}, "
            f"discrepancies={self.discrepancies!r}, bands={self.bands!r})"
        )

    def counts(self) -> dict[DiscrepancyKind, int]:
        """Discrepancies per kind (every kind listed)."""
        out = dict.fromkeys(DiscrepancyKind, 0)
        for d in self.discrepancies:
            out[d.kind] += 1
        return out

    def of_kind(self, kind: DiscrepancyKind) -> tuple[Discrepancy, ...]:
        """The discrepancies of one kind."""
        return tuple(d for d in self.discrepancies if d.kind is kind)

    @classmethod
    def combine(cls, parts: Iterable[Reconciliation]) -> Reconciliation:
        """Join the results of partitions into the one result of the whole.

        Raises:
            ValidationError: ``batch.combine.dates`` if the parts were reconciled
                over different windows, ``batch.combine.empty`` for no parts.
        """
        found = list(require_items(parts, Reconciliation, "parts"))
        if not found:
            raise ValidationError("batch.combine.empty", "no parts to combine", "没有可合并的部分")
        if len({(p.as_of, p.since) for p in found}) != 1:
            raise ValidationError(
                "batch.combine.dates",
                "parts were reconciled over different windows",
                "各部分的比对日期或窗口不一致",
            )
        return cls(
            as_of=found[0].as_of,
            since=found[0].since,
            discrepancies=tuple(sorted((d for p in found for d in p.discrepancies), key=_SORT_KEY)),
            bands=tuple(
                sorted((b for p in found for b in p.bands), key=lambda b: (b.key, b.school))
            ),
        )


def partition_of(key: str | ResidentId | StudentNumber, parts: int) -> int:
    """The partition (0 … parts-1) a child's records go to: a stable hash of its key.

    A G student number goes with the ID number it holds, so a child's household,
    registration and attendance rows meet in one partition.

    Example:
        >>> from kongchuo import ResidentId, StudentNumber
        >>> rid = ResidentId.parse("370983201509010012")
        >>> partition_of(rid, 4) == partition_of(StudentNumber.parse("G370983201509010012"), 4)
        True
    """
    parts = require_int(parts, "parts", min_value=1)
    if isinstance(key, ResidentId):
        key = key.value
    elif isinstance(key, StudentNumber):
        key = number_key(key)
    elif not isinstance(key, str):
        raise ValidationError(
            "type",
            f"expected an ID number, a student number or their text, got {type_name(key)}",
            f"应为身份证号、学籍号或其文本，实为 {type_name(key)}",
            path="key",
        )
    return zlib.crc32(key.encode("ascii", "replace")) % parts


def _school_days(
    since: dt.date,
    as_of: dt.date,
    calendar: WorkCalendar,
    school_calendar: SchoolCalendar | None,
) -> list[dt.date]:
    days = []
    day = since
    one = dt.timedelta(days=1)
    while day <= as_of:
        if (
            school_calendar.is_school_day(day, calendar=calendar)
            if school_calendar is not None
            else calendar.is_workday(day)
        ):
            days.append(day)
        day += one
    return days


def _quiet_limit(work: _Work) -> int:
    """The most school days absent without leave that cannot make a finding.

    The longest run of ``k`` such days is at most ``k`` school days long and spans
    at most the widest ``k`` consecutive school days in calendar days; if no length
    up to that meets either threshold, and ``k`` is short of every school day of
    the window (空挂学籍), a student on roll at one school, attending there, has
    nothing to find. The columnar path gives such students their band directly.
    """
    days = work.school_days
    total = len(days)
    limit = 0
    for k in range(1, total):
        span = max((days[i + k - 1] - days[i]).days + 1 for i in range(total - k + 1))
        for threshold in (work.dropout, work.suspected):
            longest = span if threshold.unit is TimeUnit.DAY else k
            if any(threshold.is_met(length) for length in range(1, longest + 1)):
                return limit
        limit = k
    return limit


def _longest_run(days: list[dt.date], index: dict[dt.date, int]) -> list[dt.date]:
    """The longest run of consecutive school days in ``days`` (sorted); earliest on a tie."""
    best: list[dt.date] = []
    run: list[dt.date] = []
    previous = -2
    for day in days:
        position = index[day]
        if position == previous + 1:
            run.append(day)
        else:
            run = [day]
        previous = position
        if len(run) > len(best):
            best = list(run)
    return best


def _covered(day: dt.date, leaves: list[tuple[dt.date, dt.date]]) -> bool:
    return any(start <= day <= end for start, end in leaves)


def _finding(kind: DiscrepancyKind, child: str, en: str, zh: str, severity: Severity) -> Finding:
    return finding(
        kind.code,
        f"{child}: {en}",
        f"{child}：{zh}",
        f"$.children[{child}]",
        severity=severity,
        basis=_BASIS[kind],
    )


def _check_threshold(value: object, name: str) -> Threshold:
    if not isinstance(value, Threshold) or value.unit not in (
        TimeUnit.SCHOOL_DAY,
        TimeUnit.WORKDAY,
        TimeUnit.DAY,
    ):
        raise ValidationError(
            "batch.threshold.unit",
            f"{name} must count school days, workdays or days to be read against attendance",
            f"{name} 须以在校日、工作日或日计数，才能与考勤比对",
            path=f"policy.{name}",
        )
    return value


class _Work:
    """One reconciliation run's settings and outputs."""

    def __init__(
        self,
        *,
        as_of: dt.date,
        since: dt.date,
        policy: Policy,
        school_days: list[dt.date],
        bands: WarningBands,
        schools: Mapping[str, School],
    ) -> None:
        self.as_of = as_of
        self.since = since
        self.policy = policy
        self.school_year = school_year_of(as_of)
        self.reckoning = kongchuo.school_year_day(self.school_year, policy=policy)
        self.suspected = _check_threshold(
            policy.suspected_dropout_threshold.value_at(as_of), "suspected_dropout_threshold"
        )
        self.dropout = _check_threshold(
            policy.dropout_threshold.value_at(as_of), "dropout_threshold"
        )
        self.school_days = school_days
        self.index = {d: i for i, d in enumerate(school_days)}
        self.bands = bands
        # The rate and band of a student with no absence, as the general path computes them.
        total = len(school_days) or 1
        self.full_rate = round(total * 100 / total, 1)
        self.full_band = bands.band(self.full_rate)
        self.schools = schools
        self.found: list[Discrepancy] = []
        self.student_bands: list[StudentBand] = []
        # The students with nothing to find: how many, and what builds their bands.
        self.plain_bands: tuple[int, Callable[[], list[StudentBand]]] = (0, list)
        self.school_age: dict[dt.date, bool] = {}

    def is_school_age(self, birth: dt.date) -> bool:
        hit = self.school_age.get(birth)
        if hit is None:
            hit = kongchuo.is_school_age(birth, school_year=self.school_year, policy=self.policy)
            self.school_age[birth] = hit
        return hit

    def add(
        self,
        kind: DiscrepancyKind,
        key: str,
        child: str,
        *,
        en: str,
        zh: str,
        evidence: tuple[str, ...],
        entry: CensusEntry | None,
        reg: Registration | None = None,
        school: str | None = None,
        since: dt.date | None = None,
        severity: Severity = Severity.WARNING,
    ) -> None:
        school = school or (reg.school if reg is not None else None)
        jurisdiction = entry.child.jurisdiction if entry is not None else None
        if jurisdiction is None and school is not None and school in self.schools:
            jurisdiction = self.schools[school].jurisdiction
        self.found.append(
            _new_found(
                kind,
                child,
                key,
                entry.child.resident_id if entry is not None else None,
                reg.student_number if reg is not None else None,
                school,
                jurisdiction,
                since,
                evidence,
                _Draft(kind, child, en, zh, severity),
            )
        )


def _masked(key: str) -> str:
    return redact(key) if len(key) == 18 else key[:7] + "*" * 8 + key[-4:]


def _child_alone(  # noqa: PLR0917 - one child's records, passed apart
    work: _Work,
    key: str,
    entry: CensusEntry | None,
    regs: list[Registration],
    marks: list[Attendance],
    leaves: list[tuple[dt.date, dt.date]],
    exempt: Exemption | None,
) -> None:
    child = _masked(key)
    first = len(work.found)
    as_of = work.as_of
    on_roll = [
        r
        for r in regs
        if r.status.on_roll
        and r.effective_from <= as_of
        and (r.effective_to is None or r.effective_to >= as_of)
    ]
    if len(on_roll) > 1:
        on_roll.sort(
            key=lambda r: (r.school, r.student_number.value, r.effective_from, r.grade, r.status)
        )
    # 义务教育法 第十一条: the duty is to "送其入学接受并完成义务教育" — a child
    # who graduated from grade 9 has completed it and is not out of school.
    completed = not on_roll and any(
        r.status is RegistrationStatus.GRADUATED and r.grade == 9 and r.effective_from <= as_of
        for r in regs
    )
    try:
        _compare(work, key, child, entry, on_roll, marks, leaves, exempt, completed=completed)
    finally:
        if len(work.found) - first > 1:
            work.found[first:] = sorted(work.found[first:], key=_SORT_KEY)


def _compare(  # noqa: C901, PLR0912, PLR0917 - one child's comparisons, in order
    work: _Work,
    key: str,
    child: str,
    entry: CensusEntry | None,
    on_roll: list[Registration],
    marks: list[Attendance],
    leaves: list[tuple[dt.date, dt.date]],
    exempt: Exemption | None,
    *,
    completed: bool = False,
) -> None:
    if not on_roll and not completed:
        _out_found(work, key, child, entry, exempt)
    # 空挂学籍: a registration with no child behind it.
    if entry is not None and entry.status in (HouseholdStatus.DECEASED, HouseholdStatus.MOVED_OUT):
        confirmed = entry.confirmed_on.isoformat() if entry.confirmed_on else "未注明"
        for reg in on_roll:
            work.add(
                DiscrepancyKind.PHANTOM,
                key,
                child,
                en=f"on the roll of {reg.school}, but 公安 confirmed {entry.status.value}",
                zh=f"在 {reg.school} 在籍，但公安已确认{entry.status.label_zh}",
                evidence=(f"户籍状态: {entry.status.label_zh}，确认日期 {confirmed}",),
                entry=entry,
                reg=reg,
                since=entry.confirmed_on,
            )
    # Registered twice.
    if len(on_roll) > 1:
        schools = sorted({r.school for r in on_roll})
        work.add(
            DiscrepancyKind.DUPLICATE,
            key,
            child,
            en=f"on the roll {len(on_roll)} times ({', '.join(schools)})",
            zh=f"重复在籍 {len(on_roll)} 次（{'、'.join(schools)}）",
            evidence=tuple(f"学籍: {r.school} {r.grade} 年级 {r.status.label_zh}" for r in on_roll),
            entry=entry,
            reg=on_roll[0],
            since=max(r.effective_from for r in on_roll),
        )
    if not marks:
        # The common case, no attendance record at all: full attendance, no finding.
        if on_roll and work.school_days:
            work.student_bands.append(
                _new_band(
                    child,
                    key,
                    on_roll[0].school,
                    len(work.school_days),
                    0,
                    0,
                    work.full_rate,
                    work.full_band,
                )
            )
        return
    since, as_of = work.since, work.as_of
    index = work.index
    # One pass over the child's records: the window, the schools, the days away.
    window: list[Attendance] = []
    schools_seen: set[str] = set()
    excused: set[dt.date] = set()
    absences: set[dt.date] = set()
    first = None
    for m in marks:
        on = m.on
        if since <= on <= as_of:
            window.append(m)
            schools_seen.add(m.school)
            if first is None or on < first:
                first = on
            if on in index:
                status = m.status
                if status is _ON_LEAVE:
                    excused.add(on)
                elif status is _ABSENT:
                    absences.add(on)
    attending = sorted(schools_seen)
    if window and not on_roll:
        work.add(
            DiscrepancyKind.UNREGISTERED,
            key,
            child,
            en=f"on the attendance list of {', '.join(attending)} without a registration on roll",
            zh=f"在 {'、'.join(attending)} 考勤名单上，但无在籍学籍（借读）",
            evidence=(f"考勤记录 {len(window)} 条，{window[0].on.isoformat()} 起",),
            entry=entry,
            school=attending[0],
            since=first,
        )
    elif window and not schools_seen.intersection(r.school for r in on_roll):
        _mismatch_found(work, key, child, entry, on_roll[0], attending, first)  # type: ignore[arg-type]
    if not on_roll or not work.school_days:
        return
    away = len(excused | absences) if excused else len(absences)
    unexcused = absences - excused if excused else absences
    absent = (
        sorted(d for d in unexcused if not _covered(d, leaves)) if leaves else sorted(unexcused)
    )
    total = len(work.school_days)
    rate = round((total - away) * 100 / total, 1)
    reg = on_roll[0]
    work.student_bands.append(
        _new_band(child, key, reg.school, total, away, len(absent), rate, work.bands.band(rate))
    )
    if absent:
        run = _longest_run(absent, index)
        _absent_found(
            work, key, child, entry, reg, absent[0], len(absent), run[0], run[-1], len(run)
        )


def _out_found(
    work: _Work, key: str, child: str, entry: CensusEntry | None, exempt: Exemption | None
) -> None:
    """户籍 vs 学籍 → 失学, for a child with no registration on roll and none completed.

    A school-age child in the census, counted (active or lost contact), with no
    exemption. Both paths call it: the columnar one straight for a child with no
    registration and no attendance record at all.
    """
    if (
        entry is None
        or not entry.status.counts
        or exempt is not None
        or not work.is_school_age(entry.child.birth_date)
    ):
        return
    lost = entry.status is HouseholdStatus.LOST_CONTACT
    work.add(
        DiscrepancyKind.OUT_OF_SCHOOL,
        key,
        child,
        en="of school age and on the household register, but registered at no school"
        + (" (公安: lost contact)" if lost else ""),
        zh="适龄且在户籍中，但无在籍学籍" + ("（公安：失踪失联）" if lost else ""),
        evidence=(
            f"户籍: {entry.sources[0].source} 第 {entry.sources[0].row} 行",
            f"在籍学籍: 无 ({work.as_of.isoformat()})",
            *(("户籍状态: 失踪失联",) if lost else ()),
        ),
        entry=entry,
        since=work.reckoning,
        severity=Severity.ERROR,
    )


def _mismatch_found(  # noqa: PLR0917 - one student's registration and attendance, passed apart
    work: _Work,
    key: str,
    child: str,
    entry: CensusEntry | None,
    reg: Registration,
    attending: list[str],
    first: dt.date,
) -> None:
    """人籍不一致: on roll at ``reg.school``, attending only ``attending`` (sorted) from ``first``.

    Both paths call it: the pure-Python one from the records it reads, the columnar
    one from the schools and first day polars finds.
    """
    work.add(
        DiscrepancyKind.MISMATCH,
        key,
        child,
        en=f"registered at {reg.school}, attending {', '.join(attending)}",
        zh=f"学籍在 {reg.school}，实际在 {'、'.join(attending)} 就读（人籍不一致）",
        evidence=(f"学籍: {reg.school}", f"考勤: {'、'.join(attending)}"),
        entry=entry,
        reg=reg,
        since=first,
    )


def _absent_found(  # noqa: PLR0917 - one student's absence, passed apart
    work: _Work,
    key: str,
    child: str,
    entry: CensusEntry | None,
    reg: Registration,
    first: dt.date,
    count: int,
    start: dt.date,
    end: dt.date,
    length: int,
) -> None:
    """The findings of a student's absence without leave (疑似辍学, 辍学, 名在人不在).

    ``first`` is the first of the ``count`` school days absent without leave;
    ``start``, ``end`` and ``length`` the longest run of them (consecutive school
    days, the earliest on a tie). Both paths call it: the pure-Python one with the
    run it finds, the columnar one with the run polars finds.
    """
    total = len(work.school_days)
    for kind, threshold in (
        (DiscrepancyKind.DROPOUT, work.dropout),
        (DiscrepancyKind.SUSPECTED_DROPOUT, work.suspected),
    ):
        reach = (end - start).days + 1 if threshold.unit is TimeUnit.DAY else length
        if threshold.is_met(reach):
            work.add(
                kind,
                key,
                child,
                en=f"absent without leave {length} school days running from "
                f"{start.isoformat()} to {end.isoformat()} ({threshold})",
                zh=f"{start.isoformat()} 至 {end.isoformat()} 连续无故缺勤 {length} 个在校日"
                f"（{threshold.comparison.label_zh}{threshold.count}{threshold.unit.label_zh}）",
                evidence=(
                    f"学籍: {reg.school}",
                    f"无故缺勤 {count} 天，最长连续 {length} 天",
                    f"阈值: {threshold}",
                ),
                entry=entry,
                reg=reg,
                since=start,
                severity=Severity.ERROR,
            )
            break
    if count == total and work.suspected.is_met(total):
        work.add(
            DiscrepancyKind.PHANTOM,
            key,
            child,
            en=f"on the roll of {reg.school} but absent every school day of the window "
            "(名在人不在)",
            zh=f"在 {reg.school} 在籍，但窗口内每个在校日均缺勤（名在人不在）",
            evidence=(f"在校日 {total} 天，无故缺勤 {count} 天",),
            entry=entry,
            reg=reg,
            since=first,
        )


COLUMNAR_FROM: Final = 50_000
"""From how many children, registrations and attendance records together
``engine="auto"`` takes the columnar path (when polars is installed)."""


def _group(items: Iterable[R], key_of: Callable[[StudentNumber], str]) -> dict[str, list[R]]:
    """Registrations or attendance records by the census key of their student number."""
    out: dict[str, list[R]] = {}
    for item in items:
        out.setdefault(key_of(item.student_number), []).append(item)
    return out


_ON_LEAVE: Final = AttendanceStatus.ON_LEAVE
_ABSENT: Final = AttendanceStatus.ABSENT
_ON_ROLL: Final = frozenset(s for s in RegistrationStatus if s.on_roll)
_GONE: Final = frozenset({HouseholdStatus.DECEASED, HouseholdStatus.MOVED_OUT})


def _visit(  # noqa: PLR0917 - the grouped inputs, passed apart
    work: _Work,
    entries: Mapping[str, CensusEntry],
    regs: dict[str, list[Registration]],
    marks: dict[str, list[Attendance]],
    approved: dict[str, list[tuple[dt.date, dt.date]]],
    exempt: dict[str, Exemption],
) -> None:
    """Visit every child in key order.

    The common child — one registration, on roll, no attendance record, not
    confirmed deceased or moved out — has nothing to find and full attendance: its
    band is added here without the general comparison (:func:`_compare` would add
    the same band and nothing else).
    """
    as_of = work.as_of
    total = len(work.school_days)
    full: list[tuple[str, str, str, int, int]] = []
    add_full = full.append
    entry_of, regs_of, marks_of = entries.get, regs.get, marks.get
    no_regs: list[Registration] = []
    no_marks: list[Attendance] = []
    for key in sorted(entries.keys() | regs.keys() | marks.keys()):
        entry = entry_of(key)
        held = regs_of(key)
        if (
            total
            and held is not None
            and len(held) == 1
            and key not in marks
            and (entry is None or entry.status not in _GONE)
        ):
            reg = held[0]
            if (
                reg.status in _ON_ROLL
                and reg.effective_from <= as_of
                and (reg.effective_to is None or reg.effective_to >= as_of)
            ):
                add_full((_masked(key), key, reg.school, 0, 0))
                continue
        _child_alone(
            work,
            key,
            entry,
            held or no_regs,
            marks_of(key) or no_marks,
            approved.get(key, []),
            exempt.get(key),
        )
    plain_total, plain_bands = total, work.bands
    work.plain_bands = (len(full), lambda: _plain_bands(full, plain_total, plain_bands))


def _taken(
    items: object, feed: Feed, name: str, cls: type[Any], name_zh: str
) -> Intake | tuple[Any, ...]:
    """Records checked, or an intake of ``feed``: itself (on columns) or its records' values."""
    if not isinstance(items, Intake):
        return require_items(items, cls, name, name_zh=name_zh)
    if items.feed is not feed:
        raise ValidationError(
            "batch.intake.feed",
            f"{name} must be an intake of the {feed.value} feed, not {items.feed.value}",
            f"{name} 应为{feed.label_zh}数据的接收结果，而不是{items.feed.label_zh}",
            path=name,
        )
    if items.columns is not None:
        return items
    return tuple(r.value for r in items.records)


def _values(items: Any) -> Any:  # noqa: ANN401 - records, or an intake on columns
    """The records of an intake on columns as objects; other inputs as they are."""
    if isinstance(items, Intake):
        return [r.value for r in items.records]
    return items


def _records(  # noqa: PLR0917 - the six inputs of reconcile, in its order
    census: Census | Iterable[CensusEntry],
    registrations: Iterable[Registration] | Intake,
    attendance: Iterable[Attendance] | Intake,
    leaves: Iterable[Leave],
    exemptions: Iterable[Exemption],
    schools: Iterable[School] | Mapping[str, School],
) -> tuple[Any, ...]:
    """Every record checked once, before any is read.

    A wrong item is named by its index (``attendance[3]``) rather than met later as
    an ``AttributeError``; the iterables are read once, into tuples.
    """
    return (
        census
        if isinstance(census, Census)
        else require_items(census, CensusEntry, "census", name_zh="台账条目"),
        _taken(registrations, Feed.REGISTRATION, "registrations", Registration, "学籍"),
        _taken(attendance, Feed.ATTENDANCE, "attendance", Attendance, "考勤"),
        require_items(leaves, Leave, "leaves", name_zh="请假"),
        require_items(exemptions, Exemption, "exemptions", name_zh="免于入学"),
        schools
        if isinstance(schools, Mapping)
        else require_items(schools, School, "schools", name_zh="学校"),
    )


def reconcile(  # noqa: C901, PLR0912
    census: Census | Iterable[CensusEntry],
    registrations: Iterable[Registration] | Intake,
    attendance: Iterable[Attendance] | Intake,
    *,
    as_of: dt.date,
    policy: Policy,
    calendar: WorkCalendar,
    school_calendar: SchoolCalendar | None = None,
    leaves: Iterable[Leave] = (),
    exemptions: Iterable[Exemption] = (),
    schools: Iterable[School] | Mapping[str, School] = (),
    bands: WarningBands = ED_FI_BANDS,
    since: dt.date | None = None,
    links: Mapping[str, str] | None = None,
    engine: Engine = "auto",
) -> Reconciliation:
    """Compare 户籍, 学籍 and presence as of a day (三比对).

    * 户籍 vs 学籍: a school-age child in the census (active or lost contact) with
      no registration on roll and no :class:`Exemption` → 失学;
    * 学籍 vs presence: the longest run of consecutive school days absent without
      approved leave (attendance marked 请假 and days covered by an approved
      :class:`~kongchuo.Leave` are excused) against the policy's thresholds →
      疑似辍学, or 辍学 past the higher one;
    * attending a school other than the one holding the registration → 人籍不一致;
      on roll while 公安 confirmed the child deceased or moved out, or absent every
      school day of the window → 空挂学籍; on an attendance list with no
      registration on roll → 借读; on roll twice → duplicate registration;
    * an attendance band per registered student (:class:`WarningBands`).

    Args:
        census: The census, or an iterable of its entries (one partition).
        registrations: The registrations (学籍), read once; or the intake of the
            registration feed, whose columns the polars path reads directly.
        attendance: The schools' attendance records (absences, as schools log
            them, or every day), read once; or the intake of the attendance feed.
        as_of: The day reconciled: registrations on roll that day, attendance up
            to it, parameters in force then.
        policy: The thresholds and the age band.
        calendar: The work calendar (statutory holidays and make-up days).
        school_calendar: The school calendar; without it every working day of
            the window is a school day.
        leaves: Leave records; only approved ones excuse absence.
        exemptions: Verified reasons for having no registration here.
        schools: The school registry (gives a jurisdiction to children not in
            the census).
        bands: The early-warning bands.
        since: The first day of the attendance window; by default the start of
            the term holding ``as_of`` (with a school calendar), else the first
            day of its month. It does not depend on the data, so partitions agree.
        links: J or L student number → census key, when ``census`` is an iterable
            of entries (a :class:`~kongchuo.batch.Census` carries its own).
        engine: ``"python"`` (pure Python), ``"polars"`` (the joins in polars:
            the ``columnar`` extra) or ``"auto"``, the default: polars when it is
            installed and the census or an intake given was taken in as columns, or
            there are at least :data:`COLUMNAR_FROM` children, registrations and
            attendance records together. Both give the same result.

    Returns:
        Every discrepancy and band, in a fixed order: the result does not depend
        on the order of the inputs or on how they were partitioned.

    Raises:
        ValidationError: For a bad argument, or thresholds counted in weeks or
            months (``batch.threshold.unit``); ``batch.engine`` for an unknown
            engine, ``batch.engine.missing`` for ``"polars"`` without polars.
        kongchuo.CalendarHorizonError: If the calendar has no data for the window.

    Example:
        >>> import datetime as dt
        >>> from kongchuo import ChinaCalendar
        >>> from kongchuo.policy import FEICHENG
        >>> result = reconcile(
        ...     [], [], [], as_of=dt.date(2025, 10, 31), policy=FEICHENG, calendar=ChinaCalendar()
        ... )
        >>> result.since, result.discrepancies
        (datetime.date(2025, 10, 1), ())

    References:
        FC-1.1, FC-1.4, FC-2.5; 教育部办公厅 2024 常态化报告工作机制 (四查三比对);
        义务教育法 第十一条; 未成年人保护法 第二十八条.

    Limitations:
        The absence thresholds are screening defaults unless the county sets its
        own (see the policy's descriptions). A run of absence is counted in school
        days of the one calendar given, not per school. Attendance at a second
        school is read as attending there; it errs towards flagging 人籍不一致 for
        a person to check.
    """
    as_of = require_date(as_of, "as_of")
    engine = require_engine(engine)
    policy = require_policy(policy)
    bands = require_instance(bands, WarningBands, "bands", name_zh="预警分级")
    census, registrations, attendance, leaves, exemptions, schools = _records(
        census, registrations, attendance, leaves, exemptions, schools
    )
    if links is not None and not isinstance(links, Mapping):
        raise ValidationError(
            "type",
            f"links must be a table of key to key, got {type_name(links)}",
            f"links 应为键到键的表，实为 {type_name(links)}",
            path="links",
        )
    calendar = require_calendar(calendar)
    school_calendar = require_instance(
        school_calendar, SchoolCalendar, "school_calendar", name_zh="校历", optional=True
    )
    if since is None:
        term = school_calendar.term_on(as_of) if school_calendar is not None else None
        since = term.start if term is not None else as_of.replace(day=1)
    since = require_date(since, "since")
    registry = dict(schools) if isinstance(schools, Mapping) else {s.code: s for s in schools}
    days = _school_days(since, as_of, calendar, school_calendar)
    work = _Work(
        as_of=as_of, since=since, policy=policy, school_days=days, bands=bands, schools=registry
    )
    entries: Census | dict[str, CensusEntry]
    if isinstance(census, Census):
        entries = census
        linked = census.links
    else:
        entries = {e.key: e for e in census}
        linked = dict(links or {})

    def key_of(number: StudentNumber) -> str:
        return linked.get(number.value) or number_key(number)

    enabled = gc.isenabled()
    gc.disable()
    try:
        approved: dict[str, list[tuple[dt.date, dt.date]]] = {}
        for leave in leaves:
            if leave.approval is Approval.APPROVED:
                approved.setdefault(key_of(leave.student_number), []).append(
                    (leave.start, leave.end)
                )
        exempt: dict[str, Exemption] = {}
        for item in exemptions:
            if item.until is None or item.until >= as_of:
                exempt[item.resident_id.value] = item
        columns = (
            (isinstance(census, Census) and census.columns is not None)
            or isinstance(registrations, Intake)
            or isinstance(attendance, Intake)
        )
        if engine == "auto" and not (columns and _columnar.available()):
            registrations = _values(registrations)
            attendance = _values(attendance)
            size = len(entries) + len(registrations) + len(attendance)  # type: ignore[arg-type]
            if size < COLUMNAR_FROM or not _columnar.available():
                engine = "python"
        if engine == "python":
            _visit(
                work,
                entries.entries if isinstance(entries, Census) else entries,
                _group(_values(registrations), key_of),
                _group(_values(attendance), key_of),
                approved,
                exempt,
            )
        else:
            _columnar.visit_columnar(
                work,
                entries,
                linked,
                registrations if isinstance(registrations, Intake) else list(registrations),
                attendance if isinstance(attendance, Intake) else list(attendance),
                approved,
                exempt,
            )
    finally:
        if enabled:
            gc.enable()
    return Reconciliation(
        as_of=as_of,
        since=since,
        # Children are visited in key order and each child's findings sorted: no global sort.
        discrepancies=tuple(work.found),
        bands=_Bands(work.student_bands, *work.plain_bands),
    )


_CASE_KINDS: Final = {
    DiscrepancyKind.DROPOUT: CaseKind.DROPOUT,
    DiscrepancyKind.SUSPECTED_DROPOUT: CaseKind.SUSPECTED_DROPOUT,
    DiscrepancyKind.OUT_OF_SCHOOL: CaseKind.OUT_OF_SCHOOL,
}


@attrs.frozen(kw_only=True)
class Openings:
    """What :func:`open_cases` did (立案结果).

    Attributes:
        opened: The new cases, each with its ``Identified`` event.
        already_open: Discrepancies whose child already has an open case (the
            same episode: no second case).
        skipped: Discrepancies that could not open a case, with the reason (a
            child with no jurisdiction known).
    """

    opened: tuple[Case, ...]
    already_open: tuple[Discrepancy, ...] = ()
    skipped: tuple[tuple[Discrepancy, str], ...] = ()


def _case_child(case: Case) -> str | None:
    if case.child_id is not None:
        return case.child_id.value
    return case.child_ref


def open_cases(
    discrepancies: Iterable[Discrepancy],
    *,
    existing: Iterable[Case] = (),
    recorded_at: dt.datetime,
    recorded_by: str,
    found_by: str = "三比对（数据比对）",
    found_on: dt.date | None = None,
    case_id: Callable[[Discrepancy, int], str] | None = None,
) -> Openings:
    """Open one case per child found out of school, never twice for one episode (立案).

    For each child, the most serious of 辍学, 疑似辍学 and 失学 opens a case whose
    first event is ``Identified`` (method: data comparison), dated the day the
    comparison found the child (``found_on``: the reconciliation's reckoning day,
    by default the day of ``recorded_at``); the start of the episode (the first day
    of absence) is kept in the event's note. Dating the identification at the first
    day of absence would make every case look entered and verified late (FC-2.5
    asks for verification at once after the child is found). A child who already
    has a case that is not closed is left to that case: a suspected dropout who
    becomes a dropout is one episode, escalated within its case.

    Args:
        discrepancies: The discrepancies, such as ``reconcile(...).discrepancies``;
            kinds other than the three are ignored.
        existing: The county's cases so far.
        recorded_at: When the cases are entered (aware datetime).
        recorded_by: Who enters them.
        found_by: Who or what found the child.
        found_on: The day the comparison found the child; by default the day of
            ``recorded_at``. Not after it.
        case_id: Builds a case id from a discrepancy and a running number; by
            default ``<jurisdiction>-<yyyymmdd>-<n>``.

    Raises:
        ValidationError: For bad arguments (checked by the event and case models).

    Example:
        >>> Openings(opened=()).opened
        ()

    References:
        FC-1.2, FC-1.3 (一人一案), FC-2.5.
    """
    if not isinstance(recorded_at, dt.datetime) or recorded_at.utcoffset() is None:
        raise ValidationError(
            "type",
            f"recorded_at must be an aware datetime, got {type_name(recorded_at)}",
            f"recorded_at 应为带时区的 datetime，实为 {type_name(recorded_at)}",
            path="recorded_at",
        )
    discrepancies = require_items(discrepancies, Discrepancy, "discrepancies")
    existing = require_items(existing, Case, "existing")
    if case_id is not None and not callable(case_id):
        raise ValidationError(
            "type",
            f"case_id must be a function, got {type_name(case_id)}",
            f"case_id 应为函数，实为 {type_name(case_id)}",
            path="case_id",
        )
    found = recorded_at.date() if found_on is None else require_date(found_on, "found_on")
    if found > recorded_at.date():
        raise ValidationError(
            "batch.found_on",
            "found_on is after recorded_at: a case is entered after the child is found",
            "发现日期晚于录入时间：应先发现、后录入",
            path="found_on",
        )
    busy = {
        child
        for case in existing
        if case.state is not CaseState.CLOSED
        for child in (_case_child(case),)
        if child is not None
    }
    best: dict[str, Discrepancy] = {}
    for d in discrepancies:
        if d.kind not in _CASE_KINDS:
            continue
        held = best.get(d.key)
        if (
            held is None
            or _ORDER[d.kind] > _ORDER[held.kind]
            or (_ORDER[d.kind] == _ORDER[held.kind] and d.sort_key < held.sort_key)
        ):
            best[d.key] = d
    opened: list[Case] = []
    already: list[Discrepancy] = []
    skipped: list[tuple[Discrepancy, str]] = []
    number = 0
    for key in sorted(best):
        d = best[key]
        if key in busy:
            already.append(d)
            continue
        if d.jurisdiction is None:
            skipped.append((d, "no jurisdiction known for the child (无法确定管辖单位)"))
            continue
        number += 1
        since = f"（自{d.since.isoformat()}起）" if d.since is not None else ""
        cid = (
            case_id(d, number)
            if case_id is not None
            else f"{d.jurisdiction}-{recorded_at.date():%Y%m%d}-{number:05d}"
        )
        opened.append(
            Case.open(
                case_id=cid,
                kind=_CASE_KINDS[d.kind],
                jurisdiction=d.jurisdiction,
                school_code=d.school,
                child_id=d.resident_id,
                child_ref=None if d.resident_id is not None else d.key,
                identified=Identified(
                    occurred_on=found,
                    recorded_at=recorded_at,
                    recorded_by=recorded_by,
                    method=IdentificationMethod.CENSUS_COMPARISON,
                    found_by=found_by,
                    note=f"{d.kind.label_zh}{since}：{'；'.join(d.evidence)}"[:200],
                ),
            )
        )
        busy.add(key)
    return Openings(opened=tuple(opened), already_open=tuple(already), skipped=tuple(skipped))
