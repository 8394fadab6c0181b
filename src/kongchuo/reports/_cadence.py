"""Roll-ups over months and the reporting cadence (汇总与报告频次).

:func:`county_review` rolls consecutive monthly reports up into the county's
periodic review (县级每季度研判 under the 2024 notice): the flows of the period
(new, returned, closed) summed, the stock at its end (open, under persuasion,
escalated) from its last month, and how many monthly reports came in on time.

:func:`reporting_cadence` lists who reports how often — the school's monthly report,
the county's quarterly review, the city's visit each term and the province's yearly
evaluation (四个一, docs/law.md) — as dated, cited parameters.

This module belongs to the batch layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Final

import attrs

from kongchuo import ValidationError
from kongchuo._core.args import require_date, require_items
from kongchuo.policy import Parameter, ParameterHistory, ParameterNotInForceError, Policy
from kongchuo.policy._policy import require_policy
from kongchuo.reports._monthly import Counts, MonthlyReport
from kongchuo.reports._units import ReportingUnit

__all__ = [
    "CITY_TERM_VISIT",
    "PROVINCE_YEARLY_EVALUATION",
    "CadenceItem",
    "PeriodCounts",
    "PeriodReview",
    "county_review",
    "reporting_cadence",
]

_NOTICE: Final = "教育部办公厅 常态化报告工作机制通知（2024年4月）"
_NOTICE_FROM: Final = dt.date(2024, 4, 30)
_SOURCE: Final = (
    "四个一 (docs/law.md) (secondary: 人民日报 via jyb.cn 2024-04-30; xiydc.com; zzsj.com.cn)"
)

CITY_TERM_VISIT: Final[ParameterHistory[str]] = ParameterHistory.single(
    "city_term_visit",
    "term",
    unit="period",
    description="市级每学期开展一次调研指导 (the city's study visit, once a term).",
    basis=(_NOTICE, _SOURCE),
    effective_from=_NOTICE_FROM,
)
"""The city's study visit each term (市级每学期一次调研), as a dated, cited parameter."""

PROVINCE_YEARLY_EVALUATION: Final[ParameterHistory[str]] = ParameterHistory.single(
    "province_yearly_evaluation",
    "year",
    unit="period",
    description="省级每年开展一次评估并报教育部 (the province's yearly evaluation).",
    basis=(_NOTICE, _SOURCE),
    effective_from=_NOTICE_FROM,
)
"""The province's yearly evaluation, reported to 教育部, as a dated, cited parameter."""


@attrs.frozen(kw_only=True)
class CadenceItem:
    """One level's duty and how often it falls due (报告频次).

    Attributes:
        level: ``"school"``, ``"county"``, ``"city"`` or ``"province"``.
        level_zh: The level in Chinese.
        duty: The duty in English.
        duty_zh: The duty in Chinese.
        every: ``"month"``, ``"N months"``, ``"term"`` or ``"year"``.
        basis: The clause ids, documents and sources it rests on.
        effective_from: The day from which the value applies.
    """

    level: str
    level_zh: str
    duty: str
    duty_zh: str
    every: str
    basis: tuple[str, ...]
    effective_from: dt.date


def _at(history: ParameterHistory[Any], on: dt.date) -> Parameter[Any] | None:
    try:
        return history.at(on)
    except ParameterNotInForceError:
        return None


def reporting_cadence(policy: Policy, *, on: dt.date) -> tuple[CadenceItem, ...]:
    """Who reports how often on a day, from the policy and the national notice (四个一).

    * school (or, under FEICHENG, town office and city-direct school): one report a
      month, from ``monthly_report_owners`` and ``monthly_report_day``;
    * county: a review every ``county_review_months`` months (a quarter), plus
      school and home visits at the start of each term;
    * city: one study visit a term (:data:`CITY_TERM_VISIT`);
    * province: a yearly evaluation reported to 教育部
      (:data:`PROVINCE_YEARLY_EVALUATION`).

    A level whose value is not in force on ``on`` (or is set to none) is left out.

    References:
        docs/law.md (教育部办公厅 2024 常态化报告工作机制, "四个一"); FC-2.5.

    Limitations:
        The notice's number was not found; its content is known from secondary
        sources (docs/law.md). The city and province values apply to every
        policy from the notice's date.

    Example:
        >>> import datetime as dt
        >>> from kongchuo.policy import NATIONAL
        >>> [(c.level, c.every) for c in reporting_cadence(NATIONAL, on=dt.date(2025, 1, 1))]
        [('school', 'month'), ('county', '3 months'), ('city', 'term'), ('province', 'year')]
    """
    on = require_date(on, "on")
    policy = require_policy(policy)
    items = []
    owners = _at(policy.monthly_report_owners, on)
    day = _at(policy.monthly_report_day, on)
    if owners is not None:
        names = "、".join(p.label_zh for p in owners.value)
        when = f"每月{day.value}日前报上月情况" if day and day.value else "每月报告一次"
        items.append(
            CadenceItem(
                level="school",
                level_zh="学校",
                duty=f"monthly dropout report by: {', '.join(p.value for p in owners.value)}",
                duty_zh=f"{names}：{when}",
                every="month",
                basis=(*owners.basis, *(day.basis if day else ())),
                effective_from=owners.effective_from,
            )
        )
    review = _at(policy.county_review_months, on)
    if review is not None and review.value is not None:
        items.append(
            CadenceItem(
                level="county",
                level_zh="县级",
                duty="review of the ledgers; school and home visits at the start of each term",
                duty_zh=f"每{review.value}个月研判一次；每学期开学时入校入户",
                every=f"{review.value} months",
                basis=review.basis,
                effective_from=review.effective_from,
            )
        )
    for history, level, level_zh, duty, duty_zh in (
        (CITY_TERM_VISIT, "city", "市级", "one study visit a term", "每学期调研一次"),
        (
            PROVINCE_YEARLY_EVALUATION,
            "province",
            "省级",
            "yearly evaluation, reported to the Ministry",
            "每年评估一次并报教育部",
        ),
    ):
        found = _at(history, on)
        if found is not None:
            items.append(
                CadenceItem(
                    level=level,
                    level_zh=level_zh,
                    duty=duty,
                    duty_zh=duty_zh,
                    every=found.value,
                    basis=found.basis,
                    effective_from=found.effective_from,
                )
            )
    return tuple(items)


@attrs.frozen(kw_only=True)
class PeriodCounts:
    """A unit's (or the county's) figures over a review period (研判期汇总).

    Attributes:
        new: Cases identified during the period (sum of the months).
        returned: Returns and placements during the period.
        closed: Cases closed during the period.
        open_at_end: Cases still worked on at the period's end.
        in_persuasion_at_end: Of those, under persuasion.
        escalated_at_end: Of those, escalated.
        reports_due: Monthly reports due for the period's months.
        reports_on_time: Of those, sent on time.
    """

    new: int = 0
    returned: int = 0
    closed: int = 0
    open_at_end: int = 0
    in_persuasion_at_end: int = 0
    escalated_at_end: int = 0
    reports_due: int = 0
    reports_on_time: int = 0

    def __add__(self, other: PeriodCounts) -> PeriodCounts:
        """Add field by field."""
        if not isinstance(other, PeriodCounts):
            return NotImplemented
        return PeriodCounts(
            **{
                f.name: getattr(self, f.name) + getattr(other, f.name)
                for f in attrs.fields(PeriodCounts)
            }
        )

    @classmethod
    def of(cls, months: Iterable[Counts], last: Counts, *, due: int, on_time: int) -> PeriodCounts:
        """Sum the monthly flows; take the stock from the last month."""
        flows = sum(months, Counts())
        return cls(
            new=flows.new,
            returned=flows.returned,
            closed=flows.closed,
            open_at_end=last.open,
            in_persuasion_at_end=last.in_persuasion,
            escalated_at_end=last.escalated,
            reports_due=due,
            reports_on_time=on_time,
        )

    def as_dict(self) -> dict[str, int]:
        """The figures by field name."""
        return attrs.asdict(self)


@attrs.frozen(kw_only=True)
class PeriodReview:
    """The county's review of a period of months (县级研判).

    Attributes:
        first: The first day of the period.
        last: The last day of the period.
        months: The monthly reports it rolls up, in order.
        units: Each unit's figures, by unit code order.
        county: The county's figures: the sum of the units'.
    """

    first: dt.date
    last: dt.date
    months: tuple[MonthlyReport, ...]
    units: tuple[tuple[ReportingUnit, PeriodCounts], ...]
    county: PeriodCounts

    def to_records(self) -> list[dict[str, Any]]:
        """Flat rows, one per unit and one for the county, with the same keys."""
        head = {"first": self.first.isoformat(), "last": self.last.isoformat()}
        rows = [
            {**head, "unit_code": u.code, "unit_name": u.name, "unit_kind": u.party.value}
            | c.as_dict()
            for u, c in self.units
        ]
        rows.append(
            {**head, "unit_code": "", "unit_name": "合计", "unit_kind": "county"}
            | self.county.as_dict()
        )
        return rows


def county_review(reports: Iterable[MonthlyReport]) -> PeriodReview:
    """Roll consecutive monthly reports up into the county's review of the period.

    Raises:
        ValidationError: ``report.review`` for no reports, months that do not follow
            each other or reports under different policies.

    References:
        docs/law.md (县级每季度研判); FC-2.5; FC-3.3.

    Example:
        >>> from kongchuo.reports import demo_report
        >>> review = county_review(demo_report(month=m) for m in (10, 11, 12))
        >>> review.first.isoformat(), review.last.isoformat(), review.county.reports_due
        ('2025-10-01', '2025-12-31', 15)
    """
    found = sorted(
        require_items(reports, MonthlyReport, "reports"),
        key=lambda r: (r.year, r.month),
    )
    months = [r.year * 12 + r.month for r in found]
    if not found or months != list(range(months[0], months[0] + len(months))):
        raise ValidationError(
            "report.review",
            "a review needs monthly reports of consecutive months, each once",
            "研判需要连续月份的月报告，每月一份",
            path="reports",
        )
    if len({r.policy for r in found}) > 1:
        raise ValidationError(
            "report.review",
            "the monthly reports were made under different policies",
            "各月报告适用的政策不一致",
            path="reports",
        )
    units: dict[str, ReportingUnit] = {}
    per_unit: dict[str, list[Counts]] = {}
    due: dict[str, int] = {}
    on_time: dict[str, int] = {}
    for report in found:
        for row in report.units:
            code = row.unit.code
            units[code] = row.unit
            per_unit.setdefault(code, []).append(row.counts)
            if row.timeliness.outcome != "not_due":
                due[code] = due.get(code, 0) + 1
                on_time[code] = on_time.get(code, 0) + (row.timeliness.outcome == "on_time")
    last_month = {row.unit.code: row.counts for row in found[-1].units}
    rows = tuple(
        (
            units[code],
            PeriodCounts.of(
                per_unit[code],
                last_month.get(code, Counts()),
                due=due.get(code, 0),
                on_time=on_time.get(code, 0),
            ),
        )
        for code in sorted(units)
    )
    end = found[-1]
    return PeriodReview(
        first=dt.date(found[0].year, found[0].month, 1),
        last=dt.date(end.year + end.month // 12, end.month % 12 + 1, 1) - dt.timedelta(days=1),
        months=tuple(found),
        units=rows,
        county=sum((c for _, c in rows), PeriodCounts()),
    )
