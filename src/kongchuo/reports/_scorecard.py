"""Unit scorecards for accountability (单位考核记分卡, FC-3.3).

"控辍保学工作纳入对政府、学校和督学的考核 … 公开督导检查结果，限期整改，通报批评" — a
scorecard per reporting unit gathers what the inspection results and the 通报 rest
on: monthly reports on time, the share of complete ledgers (三细三实,
:func:`kongchuo.cases.check_ledger`), open cases by age, persuasion outcomes and
escalations pending or due.

This module belongs to the batch layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction
from typing import Any, Final

import attrs

from kongchuo import Child, School
from kongchuo._core.args import require_date, require_items
from kongchuo.cases import AttemptResult, Case, CaseState, PersuasionAttempt, check_ledger
from kongchuo.policy import Policy
from kongchuo.policy._policy import require_policy
from kongchuo.regions import Jurisdiction
from kongchuo.reports._monthly import MonthlyReport, log_on
from kongchuo.reports._units import ReportingUnit, UnitResolver

__all__ = ["AGE_BANDS", "Scorecard", "Scorecards", "scorecards"]

AGE_BANDS: Final[tuple[tuple[int, str], ...]] = (
    (30, "30天以内"),
    (90, "31–90天"),
    (180, "91–180天"),
    (10**6, "180天以上"),
)
"""Bands of an open case's age in days since it was identified: (upper bound, label).

A kongchuo choice for display: no source sets them.
"""

_OPEN: Final = frozenset(
    {CaseState.IDENTIFIED, CaseState.VERIFIED, CaseState.IN_PERSUASION, CaseState.ESCALATED}
)


def _share(part: int, whole: int) -> Fraction | None:
    return Fraction(part, whole) if whole else None


@attrs.frozen(kw_only=True)
class Scorecard:
    """One unit's scorecard (单位记分卡).

    Attributes:
        unit: The reporting unit.
        reports_due: Monthly reports due among the reports given.
        reports_on_time: Of those, sent on time.
        cases: Cases not closed on the day (open or resolved, awaiting 销号).
        ledgers_complete: Of those, whose ledger :func:`~kongchuo.cases.check_ledger`
            finds complete.
        open_by_age: Open cases per :data:`AGE_BANDS` label.
        attempts: Persuasion attempts recorded, by result.
        escalated: Cases in the compulsory-attendance procedure (强制入学程序中).
        escalation_due: Cases under persuasion with at least the policy's number of
            unsuccessful attempts and no written report yet (应书面报告).
    """

    unit: ReportingUnit
    reports_due: int
    reports_on_time: int
    cases: int
    ledgers_complete: int
    open_by_age: tuple[tuple[str, int], ...]
    attempts: tuple[tuple[AttemptResult, int], ...]
    escalated: int
    escalation_due: int

    @property
    def on_time_share(self) -> Fraction | None:
        """Reports on time ÷ reports due (``None`` if none was due)."""
        return _share(self.reports_on_time, self.reports_due)

    @property
    def complete_share(self) -> Fraction | None:
        """Complete ledgers ÷ cases (``None`` if no case)."""
        return _share(self.ledgers_complete, self.cases)

    @property
    def open(self) -> int:
        """Open cases."""
        return sum(n for _, n in self.open_by_age)

    def to_record(self) -> dict[str, Any]:
        """One flat row."""

        def pct(x: Fraction | None) -> float | None:
            return None if x is None else round(float(x) * 100, 1)

        return {
            "unit_code": self.unit.code,
            "unit_name": self.unit.name,
            "unit_kind": self.unit.party.value,
            "reports_due": self.reports_due,
            "reports_on_time": self.reports_on_time,
            "on_time_pct": pct(self.on_time_share),
            "cases": self.cases,
            "ledgers_complete": self.ledgers_complete,
            "complete_pct": pct(self.complete_share),
            **{f"open_{label}": n for label, n in self.open_by_age},
            **{f"attempts_{r.value}": n for r, n in self.attempts},
            "escalated": self.escalated,
            "escalation_due": self.escalation_due,
        }


@attrs.frozen(kw_only=True)
class Scorecards:
    """The scorecards of every unit on a day (考核记分卡).

    Attributes:
        as_of: The day.
        policy: The policy's name.
        cards: One per unit, by unit code.
    """

    as_of: dt.date
    policy: str
    cards: tuple[Scorecard, ...]

    def to_records(self) -> list[dict[str, Any]]:
        """Flat rows with the same keys, one per unit."""
        return [c.to_record() for c in self.cards]


def _escalation_due(case: Case, needed: int) -> bool:
    if case.state is not CaseState.IN_PERSUASION:
        return False
    failed = sum(
        isinstance(e, PersuasionAttempt) and e.result is not AttemptResult.AGREED_TO_RETURN
        for _, e in case.effective()
    )
    return failed >= needed


def _report_counts(reports: Iterable[MonthlyReport]) -> tuple[dict[str, int], dict[str, int]]:
    due: dict[str, int] = {}
    on_time: dict[str, int] = {}
    for report in reports:
        for row in report.units:
            if row.timeliness.outcome != "not_due":
                code = row.unit.code
                due[code] = due.get(code, 0) + 1
                on_time[code] = on_time.get(code, 0) + (row.timeliness.outcome == "on_time")
    return due, on_time


def _tally(
    t: dict[str, Any],
    log: Case,
    state: CaseState,
    *,
    as_of: dt.date,
    policy: Policy,
    child: Child | None,
    needed: int,
) -> None:
    """Add one case, read as of ``as_of``, to its unit's tally."""
    t["cases"] += 1
    t["complete"] += check_ledger(log, as_of=as_of, policy=policy, child=child).ok
    for _, event in log.effective():
        if isinstance(event, PersuasionAttempt):
            t["attempts"][event.result] = t["attempts"].get(event.result, 0) + 1
    if state in _OPEN:
        age = (as_of - log.entries[0].event.occurred_on).days
        label = next(label for bound, label in AGE_BANDS if age <= bound)
        t["ages"][label] = t["ages"].get(label, 0) + 1
    t["escalated"] += state is CaseState.ESCALATED
    t["due"] += _escalation_due(log, needed)


def scorecards(
    cases: Iterable[Case],
    *,
    as_of: dt.date,
    policy: Policy,
    reports: Iterable[MonthlyReport] = (),
    children: Iterable[Child] = (),
    schools: Iterable[School] = (),
    jurisdictions: Iterable[Jurisdiction] = (),
) -> Scorecards:
    """Score every reporting unit on a day (单位考核, FC-3.3).

    Cases are read as their logs stood on ``as_of`` and go to their reporting unit
    as in :func:`monthly_report`. A case closed (销号) by then is not scored. Reports
    on time count the units' rows in ``reports`` that were due.

    Raises:
        ValidationError: For bad arguments, every wrong item of an input at once.

    References:
        FC-3.3 (考核, 公开督导检查结果, 通报批评); FC-1.2 (三细三实); FC-2.5 (月报告);
        未成年人保护法 第二十八条 (劝返无效的书面报告).

    Limitations:
        The age bands (:data:`AGE_BANDS`) are a display choice, not a rule. A ledger
        is judged as :func:`~kongchuo.cases.check_ledger` judges it on ``as_of``;
        escalation due counts unsuccessful attempts and ignores their dates.

    Example:
        >>> import datetime as dt
        >>> from kongchuo.policy import FEICHENG
        >>> from kongchuo.reports import demo_report, example_county
        >>> county = example_county()
        >>> cards = scorecards(
        ...     county.cases,
        ...     as_of=dt.date(2025, 12, 31),
        ...     policy=FEICHENG,
        ...     reports=[demo_report(month=m) for m in (9, 10, 11)],
        ...     children=county.children,
        ...     schools=county.schools,
        ...     jurisdictions=county.jurisdictions,
        ... )
        >>> [(c.unit.name, c.reports_on_time, c.reports_due, c.cases) for c in cards.cards][:2]
        [('肥城市实验学校', 0, 3, 3), ('王瓜店街道', 2, 3, 0)]
    """
    as_of = require_date(as_of, "as_of")
    policy = require_policy(policy)
    found = require_items(cases, Case, "cases")
    kids = {c.resident_id: c for c in require_items(children, Child, "children") if c.resident_id}
    resolver = UnitResolver(
        policy,
        as_of,
        require_items(schools, School, "schools"),
        require_items(jurisdictions, Jurisdiction, "jurisdictions"),
    )
    due, on_time = _report_counts(require_items(reports, MonthlyReport, "reports"))
    needed = policy.persuasion_attempts_before_report.value_at(as_of)
    tallies: dict[str, dict[str, Any]] = {}
    for case in found:
        log = log_on(case, as_of)
        if not log.entries:
            continue
        state = log.state
        if state is CaseState.CLOSED:
            continue
        unit = resolver.unit_for(case)
        t = tallies.setdefault(
            unit.code,
            {"cases": 0, "complete": 0, "ages": {}, "attempts": {}, "escalated": 0, "due": 0},
        )
        child = kids.get(case.child_id) if case.child_id is not None else None
        _tally(t, log, state, as_of=as_of, policy=policy, child=child, needed=needed)
    cards = []
    for unit in resolver.units:
        t = tallies.get(unit.code, {})
        cards.append(
            Scorecard(
                unit=unit,
                reports_due=due.get(unit.code, 0),
                reports_on_time=on_time.get(unit.code, 0),
                cases=t.get("cases", 0),
                ledgers_complete=t.get("complete", 0),
                open_by_age=tuple(
                    (label, t.get("ages", {}).get(label, 0)) for _, label in AGE_BANDS
                ),
                attempts=tuple((r, t.get("attempts", {}).get(r, 0)) for r in AttemptResult),
                escalated=t.get("escalated", 0),
                escalation_due=t.get("due", 0),
            )
        )
    return Scorecards(as_of=as_of, policy=policy.name, cards=tuple(cards))
