"""The monthly dropout report (辍学月报告制度), derived from the case logs.

For a month, each case whose log has begun by the month's end and that was not
closed before the month began is classified once (:class:`CaseMonth`): its status at
the month's end (:class:`MonthStatus`, exactly one), whether it is new this month,
whether the child returned (or was placed) this month, its kind, special groups and
grade. The counts per reporting unit, by special group and by grade, and the
county's total are sums of those classifications, so a report for a past month is
reproduced exactly from the same logs: events dated after the month's end never
count (the log is read up to its first entry dated after the month's end).

This module belongs to the batch layer of the design (docs/design.md); it reads kongchuo
through its public modules and the shared argument checks of ``kongchuo._core.args``.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar, Final

import attrs

from kongchuo import (
    Child,
    Decision,
    Finding,
    Registration,
    ResidentId,
    School,
    Severity,
    SpecialGroup,
    ValidationError,
    WorkCalendar,
    monthly_report_due,
)
from kongchuo._core.args import require_date, require_instance, require_items
from kongchuo._core.decision import finding
from kongchuo._core.enums import LabelledEnum
from kongchuo.cases import Case, CaseKind, CaseState, transition_for
from kongchuo.cases._ledgers import log_on
from kongchuo.policy import Policy
from kongchuo.policy._policy import require_policy
from kongchuo.regions import Jurisdiction
from kongchuo.reports._inputs import month_of
from kongchuo.reports._units import ReportingUnit, UnitResolver

__all__ = [
    "COUNT_COLUMNS",
    "CaseMonth",
    "Counts",
    "MonthStatus",
    "MonthlyReport",
    "Submission",
    "UnitMonth",
    "check_report_timeliness",
    "classify_case",
    "log_on",
    "month_end",
    "monthly_report",
]

SCHEMA: Final = "kongchuo.reports.monthly/1"


class MonthStatus(LabelledEnum):
    """Where a case stands at the end of the month reported on (月末状态).

    Each case in a monthly report has exactly one.

    Example:
        >>> MonthStatus.IN_PERSUASION.label_zh
        '劝返中'
    """

    PENDING = "pending", "待核实或待劝返"
    IN_PERSUASION = "in_persuasion", "劝返中"
    ESCALATED = "escalated", "强制入学程序中"
    BACK_IN_SCHOOL = "back_in_school", "已复学或安置（待销号）"
    OTHERWISE_RESOLVED = "otherwise_resolved", "其他已解决（待销号）"
    CLOSED = "closed", "本月销号"

    @property
    def is_open(self) -> bool:
        """Whether work on the case still went on at the month's end."""
        return self in _OPEN


_OPEN: Final = frozenset({MonthStatus.PENDING, MonthStatus.IN_PERSUASION, MonthStatus.ESCALATED})
_OF_STATE: Final = {
    CaseState.IDENTIFIED: MonthStatus.PENDING,
    CaseState.VERIFIED: MonthStatus.PENDING,
    CaseState.IN_PERSUASION: MonthStatus.IN_PERSUASION,
    CaseState.ESCALATED: MonthStatus.ESCALATED,
    CaseState.RETURNED: MonthStatus.BACK_IN_SCHOOL,
    CaseState.PLACED: MonthStatus.BACK_IN_SCHOOL,
    CaseState.NOT_CONFIRMED: MonthStatus.OTHERWISE_RESOLVED,
    CaseState.DEFERRED: MonthStatus.OTHERWISE_RESOLVED,
    CaseState.STUDYING_ELSEWHERE: MonthStatus.OTHERWISE_RESOLVED,
    CaseState.LEFT: MonthStatus.OTHERWISE_RESOLVED,
    CaseState.CLOSED: MonthStatus.CLOSED,
}
_BACK: Final = frozenset({CaseState.RETURNED, CaseState.PLACED})


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month.

    Example:
        >>> month_end(2024, 2)
        datetime.date(2024, 2, 29)
    """
    year, month = month_of(year, month)
    return dt.date(year, month, _calendar.monthrange(year, month)[1])


@attrs.frozen(kw_only=True)
class CaseMonth:
    """One case's line in a monthly report (个案月度分类).

    Attributes:
        case_id: The case.
        unit: The unit that reports it.
        kind: 失学, 疑似辍学 or 辍学.
        status: Where it stood at the month's end (exactly one).
        new: Whether it was identified during the month (本月新增).
        returned: Whether the child returned to school or was placed during the
            month (本月复学，含安置).
        special_groups: The child's special groups, where the child is known.
        grade: The grade of the child's registration on the month's end (1–9),
            ``None`` if not registered or unknown.
    """

    case_id: str
    unit: ReportingUnit
    kind: CaseKind
    status: MonthStatus
    new: bool
    returned: bool
    special_groups: frozenset[SpecialGroup] = frozenset()
    grade: int | None = None


def classify_case(
    case: Case,
    *,
    year: int,
    month: int,
    unit: ReportingUnit,
    special_groups: frozenset[SpecialGroup] = frozenset(),
    grade: int | None = None,
) -> CaseMonth | None:
    """Classify one case for a month, or ``None`` if it is not in that month's report.

    A case is in the report when its log has begun by the month's end and it was not
    already closed (销号) before the month began.

    Raises:
        ValidationError: ``case.transition`` if the stored log breaks the machine.
    """
    year, month = month_of(year, month)
    case = require_instance(case, Case, "case", name_zh="个案")
    unit = require_instance(unit, ReportingUnit, "unit", name_zh="报告单位")
    first = dt.date(year, month, 1)
    end = month_end(year, month)
    log = log_on(case, end)
    if not log.entries:
        return None
    # Only a log with a closing dated before the month can have been closed then.
    closed_before = any(e.event.tag == "closed" for e in log.entries if e.event.occurred_on < first)
    if closed_before and log_on(log, first - dt.timedelta(days=1)).state is CaseState.CLOSED:
        return None
    state = CaseState.NEW
    returned = False
    for seq, event in log.effective():
        transition = _transition(event.tag, state, seq)
        if transition is not None:
            state = transition
            if state in _BACK and first <= event.occurred_on <= end:
                returned = True
    opened = log.entries[0].event.occurred_on
    return CaseMonth(
        case_id=case.case_id,
        unit=unit,
        kind=case.kind,
        status=_OF_STATE[state],
        new=first <= opened <= end,
        returned=returned,
        special_groups=special_groups,
        grade=grade,
    )


def _transition(tag: str, state: CaseState, seq: int) -> CaseState | None:
    return transition_for(tag, state, path=f"$.entries[{seq}].event").target


COUNT_COLUMNS: Final[tuple[tuple[str, str, str], ...]] = (
    ("cases", "个案数", "cases in the report"),
    ("out_of_school", "失学（未结）", "out of school, open"),
    ("suspected_dropouts", "疑似辍学（未结）", "suspected dropouts, open"),
    ("dropouts", "辍学（未结）", "dropouts, open"),
    ("new", "本月新增", "new this month"),
    ("returned", "本月复学（含安置）", "returned or placed this month"),
    ("pending", MonthStatus.PENDING.label_zh, "pending verification or persuasion"),
    ("in_persuasion", MonthStatus.IN_PERSUASION.label_zh, "under persuasion"),
    ("escalated", MonthStatus.ESCALATED.label_zh, "escalated"),
    ("back_in_school", MonthStatus.BACK_IN_SCHOOL.label_zh, "back in school, to close"),
    ("otherwise_resolved", MonthStatus.OTHERWISE_RESOLVED.label_zh, "otherwise resolved"),
    ("closed", MonthStatus.CLOSED.label_zh, "closed this month"),
)
"""The count columns of every report row: (field, Chinese label, English label)."""

_OPEN_BY_KIND: Final = {
    CaseKind.OUT_OF_SCHOOL: "out_of_school",
    CaseKind.SUSPECTED_DROPOUT: "suspected_dropouts",
    CaseKind.DROPOUT: "dropouts",
}


@attrs.frozen(kw_only=True)
class Counts:
    """The counts of one row of a monthly report (月报计数).

    The six status counts (``pending`` … ``closed``) add up to ``cases``; the
    three kind counts add up to the open ones (``pending + in_persuasion +
    escalated``). ``new`` and ``returned`` are flows during the month.

    Example:
        >>> c = Counts(cases=2, dropouts=1, pending=1, closed=1)
        >>> (c + c).cases, c.open
        (4, 1)
    """

    cases: int = 0
    out_of_school: int = 0
    suspected_dropouts: int = 0
    dropouts: int = 0
    new: int = 0
    returned: int = 0
    pending: int = 0
    in_persuasion: int = 0
    escalated: int = 0
    back_in_school: int = 0
    otherwise_resolved: int = 0
    closed: int = 0

    fields: ClassVar[tuple[str, ...]] = tuple(c[0] for c in COUNT_COLUMNS)

    @classmethod
    def of(cls, lines: Iterable[CaseMonth]) -> Counts:
        """Count case lines."""
        tally = dict.fromkeys(cls.fields, 0)
        for line in lines:
            tally["cases"] += 1
            tally[line.status.value] += 1
            tally["new"] += line.new
            tally["returned"] += line.returned
            if line.status.is_open:
                tally[_OPEN_BY_KIND[line.kind]] += 1
        return cls(**tally)

    def __add__(self, other: Counts) -> Counts:
        """Add two rows field by field."""
        if not isinstance(other, Counts):
            return NotImplemented
        return Counts(**{f: getattr(self, f) + getattr(other, f) for f in self.fields})

    @property
    def open(self) -> int:
        """Cases still worked on at the month's end."""
        return self.pending + self.in_persuasion + self.escalated

    def as_dict(self) -> dict[str, int]:
        """The counts by field name, in column order."""
        return {f: getattr(self, f) for f in self.fields}


@attrs.frozen(kw_only=True)
class Submission:
    """When a unit sent its report for a month (报送记录).

    Example:
        >>> import datetime as dt
        >>> Submission(unit_code="370983003", year=2025, month=9, on=dt.date(2025, 10, 4)).on
        datetime.date(2025, 10, 4)
    """

    unit_code: str
    year: int
    month: int
    on: dt.date

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        month_of(self.year, self.month)
        require_date(self.on, "on")
        if not isinstance(self.unit_code, str) or not self.unit_code:
            raise ValidationError(
                "report.unit_code",
                "unit_code must be non-empty text",
                "unit_code 应为非空文本",
                path="unit_code",
            )


def check_report_timeliness(
    *,
    year: int,
    month: int,
    submitted_on: dt.date | None,
    as_of: dt.date,
    policy: Policy,
    calendar: WorkCalendar | None = None,
) -> Decision:
    """Whether a month's report was sent on time (月报告是否按时报送).

    Outcomes: ``on_time`` (sent on or before the due date), ``late`` (sent after
    it), ``missing`` (not sent and the due date has passed on ``as_of``) and
    ``not_due`` (not sent, not yet due). ``ok`` is false for ``late`` and
    ``missing``. A report sent before the month it covers has ended gets a warning
    (``report.early``): it cannot count the whole month.

    The due date is :func:`kongchuo.monthly_report_due` (FEICHENG: 每月5日前, on
    or before the 5th of the following month; NATIONAL: one report a month, read
    as by the last day of the following month), moved off a rest day only where
    the policy says so and a ``calendar`` is given.

    References:
        FC-2.5 (辍学月报告制度, 每月5日前); FC-3.3 (通报); the 2024 national notice
        (学校每月一报).

    Limitations:
        Counts calendar days late; a county that judges lateness in working days
        reads the due date and counts with its own calendar. Errs towards calling
        a report sent on the due day on time.

    Example:
        >>> import datetime as dt
        >>> from kongchuo.policy import FEICHENG
        >>> d = check_report_timeliness(
        ...     year=2025,
        ...     month=9,
        ...     submitted_on=dt.date(2025, 10, 7),
        ...     as_of=dt.date(2025, 10, 31),
        ...     policy=FEICHENG,
        ... )
        >>> d.outcome, d.findings[0].code, d.findings[0].message_zh
        ('late', 'report.late', '2025年9月月报告于 2025-10-07 报送，晚于截止日 2025-10-05 共 2 天')
    """
    year, month = month_of(year, month)
    as_of = require_date(as_of, "as_of")
    if submitted_on is not None:
        submitted_on = require_date(submitted_on, "submitted_on")
    due = monthly_report_due(year, month, policy=policy, calendar=calendar)
    basis = tuple(policy.monthly_report_day.at(dt.date(year, month, 1)).basis)
    label, label_zh = f"the report for {year}-{month:02d}", f"{year}年{month}月月报告"
    findings: list[Finding] = []
    if submitted_on is None:
        if as_of <= due:
            return Decision(rule="report_timeliness", ok=True, outcome="not_due", basis=basis)
        findings.append(
            finding(
                "report.missing",
                f"{label} was due on {due.isoformat()} and has not been sent",
                f"{label_zh}截止日为 {due.isoformat()}，至今未报送",
                "submitted_on",
                basis=basis,
            )
        )
        return Decision(
            rule="report_timeliness", ok=False, outcome="missing", findings=findings, basis=basis
        )
    if submitted_on < month_end(year, month):
        findings.append(
            finding(
                "report.early",
                f"{label} was sent on {submitted_on.isoformat()}, before the month ended",
                f"{label_zh}于 {submitted_on.isoformat()} 报送，早于当月结束",
                "submitted_on",
                severity=Severity.WARNING,
                basis=basis,
            )
        )
    if submitted_on <= due:
        return Decision(
            rule="report_timeliness", ok=True, outcome="on_time", findings=findings, basis=basis
        )
    days = (submitted_on - due).days
    findings.append(
        finding(
            "report.late",
            f"{label} was sent on {submitted_on.isoformat()}, "
            f"{days} day(s) after the due date {due.isoformat()}",
            f"{label_zh}于 {submitted_on.isoformat()} 报送，"
            f"晚于截止日 {due.isoformat()} 共 {days} 天",
            "submitted_on",
            basis=basis,
        )
    )
    return Decision(
        rule="report_timeliness", ok=False, outcome="late", findings=findings, basis=basis
    )


@attrs.frozen(kw_only=True)
class UnitMonth:
    """One unit's monthly report (单位月报).

    Attributes:
        unit: The reporting unit.
        counts: Its counts.
        by_group: Counts per special group (a child may count in several groups,
            so these need not add up to ``counts``).
        by_grade: Counts per grade; ``None`` for children with no registration
            known (失学 or unknown). These add up to ``counts``.
        submitted_on: When the unit sent it, if it has.
        timeliness: :func:`check_report_timeliness` on the report's ``as_of``.
    """

    unit: ReportingUnit
    counts: Counts
    by_group: tuple[tuple[SpecialGroup, Counts], ...]
    by_grade: tuple[tuple[int | None, Counts], ...]
    submitted_on: dt.date | None
    timeliness: Decision


@attrs.frozen(kw_only=True)
class MonthlyReport:
    """The monthly dropout report of a county for one month (辍学月报告).

    Attributes:
        year: The year of the month reported on.
        month: The month reported on.
        as_of: The day the report was compiled (timeliness is judged on it).
        policy: The policy's name.
        due: The due date of every unit's report.
        units: One :class:`UnitMonth` per reporting unit, sorted by code.
        county: The county's roll-up: the sum of the units (县级汇总).
        cases: One :class:`CaseMonth` per case in the report, sorted by case id.
    """

    year: int
    month: int
    as_of: dt.date
    policy: str
    due: dt.date
    units: tuple[UnitMonth, ...]
    county: Counts
    cases: tuple[CaseMonth, ...]

    @property
    def label_zh(self) -> str:
        """The report's Chinese title."""
        return f"{self.year}年{self.month}月控辍保学月报告"

    def to_records(self, *, county: bool = True) -> list[dict[str, Any]]:
        """Flat rows, one per unit and breakdown, that load straight into a data frame.

        Every row has the same keys: ``year``, ``month``, ``unit_code``,
        ``unit_name``, ``unit_kind``, ``dimension`` (``"all"``, ``"special_group"``
        or ``"grade"``), ``key`` and ``key_zh``, then the count columns of
        :data:`COUNT_COLUMNS`. The county's rows (``unit_kind`` ``"county"``) come
        last unless ``county=False``.

        Example:
            >>> from kongchuo.reports import demo_report
            >>> rows = demo_report().to_records()
            >>> rows[0]["unit_name"], rows[0]["dimension"], rows[0]["cases"]
            ('肥城市实验学校', 'all', 1)
        """
        rows: list[dict[str, Any]] = []
        for unit in self.units:
            rows.extend(
                self._rows(
                    unit.unit.code,
                    name=unit.unit.name,
                    kind=unit.unit.party.value,
                    counts=unit.counts,
                    groups=unit.by_group,
                    grades=unit.by_grade,
                )
            )
        if county:
            groups, grades = _breakdowns(self.cases)
            rows.extend(
                self._rows(
                    "", name="合计", kind="county", counts=self.county, groups=groups, grades=grades
                )
            )
        return rows

    def _rows(
        self,
        code: str,
        *,
        name: str,
        kind: str,
        counts: Counts,
        groups: Iterable[tuple[SpecialGroup, Counts]],
        grades: Iterable[tuple[int | None, Counts]],
    ) -> Iterator[dict[str, Any]]:
        head = {"year": self.year, "month": self.month, "unit_code": code, "unit_name": name}
        head["unit_kind"] = kind
        yield {**head, "dimension": "all", "key": "", "key_zh": "全部", **counts.as_dict()}
        for group, c in groups:
            yield {
                **head,
                "dimension": "special_group",
                "key": group.value,
                "key_zh": group.label_zh,
                **c.as_dict(),
            }
        for grade, c in grades:
            yield {
                **head,
                "dimension": "grade",
                "key": "" if grade is None else str(grade),
                "key_zh": _grade_zh(grade),
                **c.as_dict(),
            }

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (with a schema tag)."""

        def counts(c: Counts) -> dict[str, int]:
            return c.as_dict()

        return {
            "$schema": SCHEMA,
            "year": self.year,
            "month": self.month,
            "as_of": self.as_of.isoformat(),
            "policy": self.policy,
            "due": self.due.isoformat(),
            "county": counts(self.county),
            "units": [
                {
                    "code": u.unit.code,
                    "name": u.unit.name,
                    "kind": u.unit.party.value,
                    "counts": counts(u.counts),
                    "by_group": {g.value: counts(c) for g, c in u.by_group},
                    "by_grade": {
                        "unknown" if g is None else str(g): counts(c) for g, c in u.by_grade
                    },
                    "submitted_on": None if u.submitted_on is None else u.submitted_on.isoformat(),
                    "timeliness": u.timeliness.outcome,
                }
                for u in self.units
            ],
        }

    def to_json(self) -> str:
        """The report as JSON text (UTF-8 Chinese kept as is)."""
        from kongchuo.reports._output import dumps  # noqa: PLC0415 - output sits above

        return dumps(self.to_dict())

    def to_markdown(self) -> str:
        """The report's main table, one row per unit and the county total, in Markdown.

        Example:
            >>> from kongchuo.reports import demo_report
            >>> demo_report().to_markdown().splitlines()[0].split(" | ")[:3]
            ['| 单位', '类别', '个案数']
        """
        head = ["单位", "类别", *(c[1] for c in COUNT_COLUMNS), "报送日期", "报送情况"]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for u in self.units:
            sent = "" if u.submitted_on is None else u.submitted_on.isoformat()
            cells = [u.unit.name, u.unit.party.label_zh, *map(str, u.counts.as_dict().values())]
            cells += [sent, _TIMELINESS_ZH[u.timeliness.outcome]]
            lines.append("| " + " | ".join(cells) + " |")
        total = ["合计", "", *map(str, self.county.as_dict().values()), "", ""]
        lines.append("| " + " | ".join(total) + " |")
        return "\n".join(lines) + "\n"


_TIMELINESS_ZH: Final = {
    "on_time": "按时",
    "late": "逾期",
    "missing": "未报",
    "not_due": "未到期",
}


def _grade_zh(grade: int | None) -> str:
    if grade is None:
        return "未注册或不详"
    return f"{grade}年级" if grade <= 6 else f"初{'一二三'[grade - 7]}"


def _breakdowns(
    lines: Iterable[CaseMonth],
) -> tuple[tuple[tuple[SpecialGroup, Counts], ...], tuple[tuple[int | None, Counts], ...]]:
    by_group: dict[SpecialGroup, list[CaseMonth]] = {}
    by_grade: dict[int | None, list[CaseMonth]] = {}
    for line in lines:
        for group in line.special_groups:
            by_group.setdefault(group, []).append(line)
        by_grade.setdefault(line.grade, []).append(line)
    order = list(SpecialGroup)
    groups = tuple((g, Counts.of(by_group[g])) for g in sorted(by_group, key=order.index))
    grades = tuple(
        (g, Counts.of(by_grade[g])) for g in sorted(by_grade, key=lambda g: (g is None, g or 0))
    )
    return groups, grades


def _registrations_on(
    registrations: Iterable[Registration], day: dt.date
) -> Mapping[ResidentId, Registration]:
    """The latest registration in force on ``day`` per child, by ID number."""
    found: dict[ResidentId, Registration] = {}
    for reg in registrations:
        rid = reg.student_number.resident_id
        if rid is None or reg.effective_from > day:
            continue
        if reg.effective_to is not None and reg.effective_to < day:
            continue
        held = found.get(rid)
        if held is None or reg.effective_from >= held.effective_from:
            found[rid] = reg
    return found


def monthly_report(
    cases: Iterable[Case],
    *,
    year: int,
    month: int,
    as_of: dt.date,
    policy: Policy,
    children: Iterable[Child] = (),
    registrations: Iterable[Registration] = (),
    schools: Iterable[School] = (),
    jurisdictions: Iterable[Jurisdiction] = (),
    submissions: Iterable[Submission] = (),
    calendar: WorkCalendar | None = None,
) -> MonthlyReport:
    """Compile the monthly dropout report for a month (辍学月报告).

    Each case is read as its log stood at the month's end (:func:`log_on`) and
    classified once (:func:`classify_case`); a case closed before the month began is
    left out. Cases go to their reporting unit (:class:`ReportingUnit`): under
    FEICHENG the town education office of their jurisdiction, or their school if it
    is a city-direct school; under NATIONAL their school. Every unit named by
    ``schools`` and ``jurisdictions`` appears, with zeros if it has no case (零报告).
    Special groups come from ``children`` (matched by ID number), grades from
    ``registrations`` in force at the month's end.

    Args:
        cases: The county's case logs.
        year: The year of the month reported on.
        month: The month reported on.
        as_of: The day the report is compiled, on or after the month's end;
            timeliness is judged on it.
        policy: The policy (report owners, due day).
        children: The children, for special groups.
        registrations: The school registrations (学籍), for grades.
        schools: The schools, for city-direct schools and names.
        jurisdictions: The towns (镇街, 矿区) whose offices report.
        submissions: When units sent their reports.
        calendar: A working-day calendar, where the policy moves due dates.

    Raises:
        ValidationError: For bad arguments, every wrong item of an input at once
            (``type``); ``report.as_of`` for a day before the month's end.

    References:
        FC-2.5 (辍学月报告制度, 每月5日前, 台账销号); docs/law.md (四个一).

    Limitations:
        An event recorded late but dated inside the month counts only if no event
        dated after the month's end precedes it in the log: the log is read as it
        stood, like :func:`kongchuo.cases.ledgers`. Special groups are the child's
        current ones.

    Example:
        >>> from kongchuo.reports import demo_report
        >>> r = demo_report()
        >>> r.county.cases, r.county.escalated, r.county.closed
        (8, 1, 3)
        >>> [u.unit.name for u in r.units]
        ['肥城市实验学校', '王瓜店街道', '潮泉镇', '湖屯镇', '石横镇']
    """
    year, month = month_of(year, month)
    end = month_end(year, month)
    as_of = require_date(as_of, "as_of")
    if as_of < end:
        raise ValidationError(
            "report.as_of",
            f"a report for {year}-{month:02d} is compiled on or after {end.isoformat()}",
            f"{year}年{month}月的月报告应在 {end.isoformat()} 或之后编制",
            path="as_of",
        )
    policy = require_policy(policy)
    found_cases = require_items(cases, Case, "cases")
    groups_of = {
        c.resident_id: c.special_groups
        for c in require_items(children, Child, "children")
        if c.resident_id is not None
    }
    grades = _registrations_on(require_items(registrations, Registration, "registrations"), end)
    resolver = UnitResolver(
        policy,
        dt.date(year, month, 1),
        require_items(schools, School, "schools"),
        require_items(jurisdictions, Jurisdiction, "jurisdictions"),
    )
    sent = {
        s.unit_code: s.on
        for s in require_items(submissions, Submission, "submissions")
        if (s.year, s.month) == (year, month)
    }
    lines: list[CaseMonth] = []
    for case in sorted(found_cases, key=lambda c: c.case_id):
        rid = case.child_id
        reg = grades.get(rid) if rid is not None else None
        line = classify_case(
            case,
            year=year,
            month=month,
            unit=resolver.unit_for(case),
            special_groups=groups_of.get(rid, frozenset()) if rid is not None else frozenset(),
            grade=reg.grade if reg is not None else None,
        )
        if line is not None:
            lines.append(line)
    by_unit: dict[str, list[CaseMonth]] = {}
    for line in lines:
        by_unit.setdefault(line.unit.code, []).append(line)
    units = []
    for unit in resolver.units:
        mine = by_unit.get(unit.code, [])
        groups, grade_rows = _breakdowns(mine)
        units.append(
            UnitMonth(
                unit=unit,
                counts=Counts.of(mine),
                by_group=groups,
                by_grade=grade_rows,
                submitted_on=sent.get(unit.code),
                timeliness=check_report_timeliness(
                    year=year,
                    month=month,
                    submitted_on=sent.get(unit.code),
                    as_of=as_of,
                    policy=policy,
                    calendar=calendar,
                ),
            )
        )
    return MonthlyReport(
        year=year,
        month=month,
        as_of=as_of,
        policy=policy.name,
        due=monthly_report_due(year, month, policy=policy, calendar=calendar),
        units=tuple(units),
        county=sum((u.counts for u in units), Counts()),
        cases=tuple(lines),
    )
