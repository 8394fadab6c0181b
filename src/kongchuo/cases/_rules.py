"""Rules over cases: ledger completeness (三细三实), closure (销号), responsibility.

Every rule is pure: it takes the case, ``as_of`` and the policy, and returns a
:class:`~kongchuo.Decision` whose findings say what is missing, where, and on what
basis. None of them raises to say "no".

This module is part of the rules layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import attrs

from kongchuo._core.args import require_date, require_instance, require_items
from kongchuo._core.decision import Decision, Finding, Severity, finding
from kongchuo._core.errors import ValidationError, problem
from kongchuo._core.guard import friendly_init
from kongchuo._models.children import Child
from kongchuo._models.schools import Attendance, AttendanceStatus, School
from kongchuo._time.calendars import SchoolCalendar, WorkCalendar, require_calendar
from kongchuo._time.periods import SchoolDays, span_end, span_text
from kongchuo.cases._case import Case
from kongchuo.cases._closure import closure_attendance, closure_problems, ground_for
from kongchuo.cases._events import (
    AttemptResult,
    AttendanceRecorded,
    CaseKind,
    CauseAnalysed,
    Closed,
    Deferred,
    Event,
    PersuasionAttempt,
    PersuasionMethod,
    PlanMade,
    ProgressMarked,
    Returned,
    Role,
    Verified,
)
from kongchuo.cases._machine import MACHINE, CaseState
from kongchuo.policy import Party, ResponsibilityLine, Span
from kongchuo.policy._policy import cites_seed, own_basis, require_policy

if TYPE_CHECKING:
    from kongchuo.policy import Policy

__all__ = [
    "LEDGER_FINDINGS",
    "Responsibility",
    "check_closure",
    "check_ledger",
    "close_case",
    "deferral_in_force",
    "is_closable",
    "is_ledger_complete",
    "record_attendance",
    "responsible_parties",
]

_LEDGER_BASIS: Final = ("FC-1.2",)


def _own(decision: Decision, policy: Policy, on: dt.date) -> Decision:
    """``decision`` with every basis as the deciding profile may cite it (own_basis)."""
    if cites_seed(policy, on):  # every basis stands as it is: nothing to rebuild
        return decision
    return attrs.evolve(
        decision,
        findings=[attrs.evolve(f, basis=own_basis(policy, on, f.basis)) for f in decision.findings],
        basis=own_basis(policy, on, decision.basis),
    )


def _need_case(case: object) -> Case:
    return require_instance(case, Case, "case", name_zh="个案")


_WARNINGS: Final = frozenset(
    {
        "ledger.attempt.sparse",
        "ledger.attempt.overdue",
        "ledger.data.no_identity",
        "ledger.entry.late",
        "ledger.verification.late",
    }
)
_ERRORS: Final = frozenset(
    {
        "ledger.cause.missing",
        "ledger.cause.thin",
        "ledger.plan.missing",
        "ledger.attempt.none",
        "ledger.attempt.no_visitors",
        "ledger.attempt.nobody_met",
        "ledger.attempt.no_next_step",
        "ledger.attempt.out_of_order",
        "ledger.attempt.no_principal_visit",
        "ledger.data.no_registration",
        "ledger.data.child_mismatch",
        "ledger.data.no_guardian_contact",
        "ledger.date.future",
        "ledger.date.before_birth",
        "ledger.materials.guardian_commitment",
        "ledger.platform.not_marked",
        "ledger.verification.overdue",
        "ledger.deferral.expired",
        *(f"ledger.materials.{e.code}" for t in MACHINE for e in t.evidence),
    }
)

LEDGER_FINDINGS: Final[Mapping[str, Severity]] = MappingProxyType(
    dict(
        sorted(
            [(code, Severity.ERROR) for code in _ERRORS]
            + [(code, Severity.WARNING) for code in _WARNINGS]
        )
    )
)
"""Every finding code of :func:`check_ledger` and its severity (台账核查发现代码).

A warning is a prompt to look and never makes a ledger incomplete; an error does,
and so blocks closing. ``ledger.attempt.overdue`` is a warning: 三细三实 (FC-1.2)
asks that the record be detailed and true (原因分析细、劝返过程细、数据资料细，数据登记
真实、过程记录真实、材料齐全真实), and how often to visit is a kongchuo default
(``persuasion_interval``), so a visit that is due prompts work without making an
otherwise complete record incomplete.

Example:
    >>> LEDGER_FINDINGS["ledger.attempt.overdue"].value
    'warning'
    >>> LEDGER_FINDINGS["ledger.plan.missing"].value
    'error'
"""


def _f(
    code: str,
    en: str,
    zh: str,
    path: str,
    *,
    basis: Sequence[str] = _LEDGER_BASIS,
) -> Finding:
    severity = Severity.WARNING if code in _WARNINGS else Severity.ERROR
    return finding(code, en, zh, path, severity=severity, basis=basis)


def _of(case: Case, cls: type[Event]) -> list[tuple[int, Event]]:
    return list(case.effective_of(cls))


def _confirmed(case: Case) -> bool:
    verified = _of(case, Verified)
    return bool(verified) and all(e.confirmed for _, e in verified)  # type: ignore[attr-defined]


def _where(seq: int, field: str = "") -> str:
    return f"$.entries[{seq}].event" + (f".{field}" if field else "")


# -- 三细三实 ---------------------------------------------------------------------------


def _cause_findings(case: Case, policy: Policy, as_of: dt.date) -> Iterator[Finding]:
    analyses = _of(case, CauseAnalysed)
    if not analyses:
        yield _f(
            "ledger.cause.missing",
            "no cause analysis is recorded",
            "未记录原因分析（原因分析细）",
            "$.entries",
        )
        return
    minimum = policy.cause_narrative_min_chars.value_at(as_of)
    for seq, event in analyses:
        narrative = event.narrative  # type: ignore[attr-defined]
        if len(narrative.strip()) < minimum:
            yield _f(
                "ledger.cause.thin",
                f"the cause narrative has {len(narrative.strip())} characters; "
                f"the policy asks for at least {minimum}",
                f"原因分析叙述仅 {len(narrative.strip())} 字，政策要求至少 {minimum} 字",
                _where(seq, "narrative"),
            )


def _plan_findings(case: Case) -> Iterator[Finding]:
    if not _of(case, PlanMade):
        yield _f(
            "ledger.plan.missing",
            "no return plan (一人一案) is recorded",
            "未制定“一人一案”劝返方案",
            "$.entries",
            basis=("FC-1.3",),
        )


def _attempt_findings(case: Case, context: _Context) -> Iterator[Finding]:
    policy, as_of = context.policy, context.as_of
    attempts = _of(case, PersuasionAttempt)
    basis = ("FC-1.2", "FC-1.3")
    if not attempts:
        yield _f(
            "ledger.attempt.none",
            "no persuasion attempt is recorded",
            "未记录劝返过程（劝返过程细）",
            "$.entries",
            basis=basis,
        )
        return
    previous: dt.date | None = None
    for seq, a in attempts:
        event: PersuasionAttempt = a  # type: ignore[assignment]
        if not event.visitors:
            yield _f(
                "ledger.attempt.no_visitors",
                "the attempt does not say who went",
                "劝返记录未写明参与人员",
                _where(seq, "visitors"),
                basis=basis,
            )
        if not event.met and event.result is not AttemptResult.NOT_MET:
            yield _f(
                "ledger.attempt.nobody_met",
                "the attempt does not say whom they met",
                "劝返记录未写明见到的对象",
                _where(seq, "met"),
                basis=basis,
            )
        if event.result is not AttemptResult.AGREED_TO_RETURN and not event.next_step:
            yield _f(
                "ledger.attempt.no_next_step",
                "an attempt that did not succeed must say the next step",
                "未成功的劝返必须写明下一步措施",
                _where(seq, "next_step"),
                basis=basis,
            )
        if previous is not None and event.occurred_on < previous:
            yield _f(
                "ledger.attempt.out_of_order",
                "the attempt is dated before the one logged before it",
                "劝返记录的日期早于前一条劝返记录",
                _where(seq, "occurred_on"),
                basis=basis,
            )
        previous = max(previous or event.occurred_on, event.occurred_on)
    yield from _sparse_findings(case, attempts, context)
    if case.kind is CaseKind.DROPOUT and policy.principal_visit_required.value_at(as_of):
        visited = any(
            a.method is PersuasionMethod.HOME_VISIT  # type: ignore[attr-defined]
            and any(p.role is Role.PRINCIPAL for p in a.visitors)  # type: ignore[attr-defined]
            for _, a in attempts
        )
        if not visited:
            yield _f(
                "ledger.attempt.no_principal_visit",
                "for a dropout the principal, first responsible, must make a home visit",
                "辍学学生应由第一责任人校长亲自家访劝返",
                "$.entries",
                basis=("FC-1.3",),
            )


def _sparse_findings(
    case: Case, attempts: list[tuple[int, Event]], context: _Context
) -> Iterator[Finding]:
    interval = context.policy.persuasion_interval.value_at(context.as_of)
    if interval is None:
        return
    en, zh = span_text(interval)
    dates = sorted(a.occurred_on for _, a in attempts)
    for before, after in itertools.pairwise(dates):
        if after > context.end(before, interval):
            yield _f(
                "ledger.attempt.sparse",
                f"{(after - before).days} days passed between attempts "
                f"({before.isoformat()} to {after.isoformat()}); "
                f"the policy asks for one at least every {en}",
                f"两次劝返间隔 {(after - before).days} 天（{before.isoformat()} 至 "
                f"{after.isoformat()}），政策要求至少每{zh}劝返一次",
                "$.entries",
                basis=("FC-1.3",),
            )
    if case.state.is_open and context.as_of > context.end(dates[-1], interval):
        yield _f(
            "ledger.attempt.overdue",
            f"the last attempt was {(context.as_of - dates[-1]).days} days ago; the policy "
            f"asks for one at least every {en} while the case is open",
            f"距上次劝返已 {(context.as_of - dates[-1]).days} 天，个案未结期间政策要求至少每"
            f"{zh}劝返一次",
            "$.entries",
            basis=("FC-1.3",),
        )


def _verification_findings(case: Case, context: _Context) -> Iterator[Finding]:
    """立即核实 (FC-2.5): the case left "identified" within the policy's delay."""
    delay = context.policy.verification_delay.value_at(context.as_of)
    if delay is None or not case.entries:
        return
    identified_on = case.entries[0].event.occurred_on
    due = context.end(identified_on, delay)
    en, zh = span_text(delay)
    effective = dict(case.effective())
    for seq, transition in case.transitions():
        if transition.target in {None, CaseState.IDENTIFIED}:
            continue
        done_on = effective[seq].occurred_on
        if done_on > due:
            yield _f(
                "ledger.verification.late",
                f"identified on {identified_on.isoformat()} but first verified or accounted "
                f"for on {done_on.isoformat()}; the policy asks for verification within {en}",
                f"{identified_on.isoformat()} 发现，{done_on.isoformat()} 才核实，"
                f"政策要求{zh}内立即核实",
                _where(seq, "occurred_on"),
                basis=("FC-2.5",),
            )
        return
    if context.as_of > due:
        yield _f(
            "ledger.verification.overdue",
            f"identified on {identified_on.isoformat()} and still not verified; the policy "
            f"asks for verification within {en} (by {due.isoformat()})",
            f"{identified_on.isoformat()} 发现至今未核实，政策要求{zh}内（{due.isoformat()}前）"
            "立即核实",
            "$.entries",
            basis=("FC-2.5",),
        )


def deferral_in_force(case: Case, *, as_of: dt.date) -> bool:
    """Whether an approved deferral or suspension (延缓入学/休学) holds on ``as_of``.

    The latest ``Deferred`` event on or before ``as_of`` holds up to and including
    its ``until``; one without ``until`` holds until another event ends it. After
    ``until`` it is neither a just cause (义务教育法 第五十八条: 无正当理由) nor a
    ground for closing: the child is due back.

    References:
        义务教育法 第十一条第二款 (延缓入学 or 休学 for the child's physical condition,
        with approval).

    Example:
        >>> import datetime as dt
        >>> from kongchuo.demo import sample_case
        >>> case, child, school = sample_case()
        >>> deferral_in_force(case, as_of=dt.date(2025, 9, 9))
        False
    """
    case = _need_case(case)
    as_of = require_date(as_of, "as_of")
    deferrals = [e for _, e in _of(case, Deferred) if e.occurred_on <= as_of]
    if not deferrals:
        return False
    return deferrals[-1].in_force_on(as_of)  # type: ignore[attr-defined, no-any-return]


def _deferral_findings(case: Case, as_of: dt.date) -> Iterator[Finding]:
    """A deferral that ran out without the child's return needs action."""
    if case.state is not CaseState.DEFERRED:
        return
    seq, event = _of(case, Deferred)[-1]
    until: dt.date | None = event.until  # type: ignore[attr-defined]
    if until is None or as_of <= until:
        return
    yield _f(
        "ledger.deferral.expired",
        f"the {event.kind.value} ran out on {until.isoformat()} and the child has "  # type: ignore[attr-defined]
        "not returned: persuade, record the return, or record a renewed approval",
        f"{event.kind.label_zh}已于 {until.isoformat()} 到期，儿童尚未返校：应劝返、"  # type: ignore[attr-defined]
        "登记复学或登记续批",
        _where(seq, "until"),
        basis=("FC-2.5", "义务教育法 第十一条"),
    )


def _data_findings(case: Case, child: Child | None) -> Iterator[Finding]:
    if case.child_id is None:
        yield _f(
            "ledger.data.no_identity",
            "the child has no resident ID number on record; record it as soon as it exists",
            "儿童尚无身份证号码记录，请尽快补录（数据资料细）",
            "$.child_id",
        )
    if case.kind is not CaseKind.OUT_OF_SCHOOL and case.school_code is None:
        yield _f(
            "ledger.data.no_registration",
            "a dropout case must name the school holding the registration",
            "辍学个案必须写明学籍所在学校",
            "$.school_code",
            basis=("FC-1.3", "FC-1.4"),
        )
    if child is None:
        return
    if case.child_id is not None and child.resident_id != case.child_id:
        yield _f(
            "ledger.data.child_mismatch",
            "the child given is not the child of the case",
            "提供的儿童信息与个案儿童不一致（人籍一致）",
            "$.child_id",
            basis=("FC-1.4",),
        )
    if not any(g.phone for g in child.guardians):
        yield _f(
            "ledger.data.no_guardian_contact",
            "no guardian has a contact number",
            "监护人联系方式缺失",
            "$.child.guardians",
        )


def _date_findings(case: Case, child: Child | None, context: _Context) -> Iterator[Finding]:
    as_of = context.as_of
    late = context.policy.late_entry_limit.value_at(as_of)
    birth = child.birth_date if child is not None else None
    if birth is None and case.child_id is not None:
        birth = case.child_id.birth_date
    for entry in case.entries:
        event = entry.event
        if event.occurred_on > as_of:
            yield _f(
                "ledger.date.future",
                f"the event is dated {event.occurred_on.isoformat()}, after {as_of.isoformat()}",
                f"事件日期 {event.occurred_on.isoformat()} 晚于核查日 {as_of.isoformat()}",
                _where(entry.seq, "occurred_on"),
            )
        if birth is not None and event.occurred_on < birth:
            yield _f(
                "ledger.date.before_birth",
                "the event is dated before the child's birth",
                "事件日期早于儿童出生日期",
                _where(entry.seq, "occurred_on"),
            )
        recorded = event.recorded_at.date()
        if late is not None and recorded > context.end(event.occurred_on, late):
            delay = (recorded - event.occurred_on).days
            en, zh = span_text(late)
            yield _f(
                "ledger.entry.late",
                f"entered {delay} days after it happened; the policy allows {en}",
                f"事件发生 {delay} 天后才录入，政策要求{zh}内录入（过程记录真实）",
                _where(entry.seq, "recorded_at"),
            )


def _material_findings(case: Case) -> Iterator[Finding]:
    """The documents the machine's transitions need (材料齐全真实), and commitments."""
    effective = dict(case.effective())
    for seq, transition in case.transitions():
        if transition.evidence and not effective[seq].materials:
            for evidence in transition.evidence:
                yield _f(
                    f"ledger.materials.{evidence.code}",
                    f"{evidence.name} is not attached",
                    f"缺少{evidence.name_zh}",
                    _where(seq, "materials"),
                    basis=evidence.basis,
                )
    for seq, a in _of(case, PersuasionAttempt):
        if a.result is AttemptResult.AGREED_TO_RETURN and not a.materials:  # type: ignore[attr-defined]
            yield _f(
                "ledger.materials.guardian_commitment",
                "the guardian agreed to a return but no written commitment is attached",
                "监护人同意返校但缺少书面承诺书",
                _where(seq, "materials"),
            )


def _platform_findings(case: Case, context: _Context) -> Iterator[Finding]:
    delay = context.policy.platform_marking_delay.value_at(context.as_of)
    if delay is None:
        return
    en, zh = span_text(delay)
    marks = sorted(e.occurred_on for _, e in _of(case, ProgressMarked))
    for seq, a in _of(case, PersuasionAttempt):
        due = context.end(a.occurred_on, delay)
        if any(a.occurred_on <= m <= due for m in marks):
            continue
        if context.as_of > due:
            yield _f(
                "ledger.platform.not_marked",
                f"the attempt of {a.occurred_on.isoformat()} was not marked on the platform "
                f"within {en}",
                f"{a.occurred_on.isoformat()} 的劝返进展未在{zh}内在管理平台标注",
                _where(seq),
            )


@attrs.frozen
class _Context:
    """What every ledger check reads: the day, the policy and how spans are counted."""

    as_of: dt.date
    policy: Policy
    calendar: WorkCalendar | None = None
    terms: SchoolCalendar | None = None
    # Keyed by the span's identity: the spans are the policy's values, alive for the check.
    _ends: dict[tuple[dt.date, int], dt.date] = attrs.field(factory=dict, eq=False)

    def end(self, start: dt.date, span: Span) -> dt.date:
        """The last day of ``span`` from ``start``, by the one span arithmetic.

        School days are the working days within ``terms`` when a school calendar is
        given, else the calendar's working days (errs early across a holiday). Each
        (start, span) is counted once per check.
        """
        key = (start, id(span))
        found = self._ends.get(key)
        if found is None:
            found = self._ends[key] = span_end(
                start,
                span,
                school_days=SchoolDays.WORKDAYS if self.terms is None else SchoolDays.TERMS,
                calendar=self.calendar,
                terms=self.terms,
            )
        return found


def check_ledger(
    case: Case,
    *,
    as_of: dt.date,
    policy: Policy,
    child: Child | None = None,
    calendar: WorkCalendar | None = None,
    terms: SchoolCalendar | None = None,
) -> Decision:
    """Check a case's ledger against "三细三实" (台账完整性).

    Detailed cause analysis, persuasion process and data; truthful registration,
    process records and materials. The findings name each gap with its path:

    * cause analysis missing or thinner than the policy's minimum;
    * no return plan (一人一案) once the case is confirmed;
    * persuasion attempts missing, without who went, whom they met or a next step,
      out of date order, sparser than the policy's interval, overdue, or (for a
      dropout, where the policy asks) without the principal's home visit;
    * not verified within the policy's ``verification_delay`` of identification
      (立即核实, FC-2.5): late (a warning: it cannot be undone) or still
      unverified after it (an error: verify now);
    * a deferral or suspension that ran out (after its ``until``) without the
      child's return (``ledger.deferral.expired``, :func:`deferral_in_force`);
    * missing identity, registration or guardian contact;
    * events dated after ``as_of`` or before the child's birth, or entered late;
    * missing materials for the stage reached (proof of return, the correction
      order, the notice, the guardian's commitment);
    * progress not marked on the platform within the policy's days.

    Args:
        case: The case.
        as_of: The day of the check.
        policy: The policy profile.
        child: The child's record, for the checks on guardians and birth date.
        calendar: The working-day calendar. Needed when a span of the policy is in
            working or school days; with it, a span in calendar days, weeks or
            months that ends on a rest day runs to the next working day.
        terms: The school calendar: with it a span in school days counts the
            working days within its terms; without it, the calendar's working days.

    Every span of the policy is read with its unit by :func:`kongchuo.span_end`:
    a ``persuasion_interval`` of one month allows an attempt on the corresponding
    day of the next month, five weeks allow 35 days.

    Returns:
        ``ok`` when there is no finding of severity error; outcome ``"complete"`` or
        ``"incomplete"``.

    Raises:
        ValidationError: For arguments of the wrong type, or a span in working or
            school days without a ``calendar`` (``span.calendar``).

    References:
        FC-1.2 (三细三实, 平台标注), FC-1.3 (一人一案, 校长第一责任人), FC-1.4,
        FC-2.5 (立即核实情况).

    Limitations:
        The rule checks that materials are referenced, not what they contain. It errs
        toward reporting: a warning is a prompt to look, not a verdict.
    """
    case = _need_case(case)
    policy = require_policy(policy)
    as_of = require_date(as_of, "as_of")
    require_instance(child, Child, "child", name_zh="儿童", optional=True)
    if calendar is not None:
        calendar = require_calendar(calendar)
    require_instance(terms, SchoolCalendar, "terms", name_zh="校历", optional=True)
    context = _Context(as_of=as_of, policy=policy, calendar=calendar, terms=terms)
    findings: list[Finding] = []
    findings.extend(_data_findings(case, child))
    findings.extend(_date_findings(case, child, context))
    findings.extend(_verification_findings(case, context))
    findings.extend(_deferral_findings(case, as_of))
    if _confirmed(case):
        findings.extend(_cause_findings(case, policy, as_of))
        if case.state is not CaseState.LEFT:
            findings.extend(_plan_findings(case))
            findings.extend(_attempt_findings(case, context))
    findings.extend(_material_findings(case))
    findings.extend(_platform_findings(case, context))
    ok = not any(f.severity is Severity.ERROR for f in findings)
    decision = Decision(
        rule="ledger",
        ok=ok,
        outcome="complete" if ok else "incomplete",
        findings=findings,
        basis=("FC-1.2", "FC-1.3"),
    )
    return _own(decision, policy, as_of)


def is_ledger_complete(
    case: Case,
    *,
    as_of: dt.date,
    policy: Policy,
    child: Child | None = None,
    calendar: WorkCalendar | None = None,
    terms: SchoolCalendar | None = None,
) -> bool:
    """Whether :func:`check_ledger` finds no error."""
    return check_ledger(
        case, as_of=as_of, policy=policy, child=child, calendar=calendar, terms=terms
    ).ok


# -- 销号 -------------------------------------------------------------------------------

_PRESENT: Final = frozenset(
    {AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY}
)
_WORK_CODES: Final = ("ledger.cause.", "ledger.plan.", "ledger.attempt.")


def _attended(
    case: Case, returned_on: dt.date, attendance: Iterable[Attendance], as_of: dt.date
) -> list[Attendance]:
    """The child's records of presence from the return to ``as_of``, one per day."""
    by_day: dict[dt.date, Attendance] = {}
    for record in require_items(attendance, Attendance, "attendance", name_zh="出勤记录"):
        holder = record.student_number.resident_id
        if case.child_id is not None and holder is not None and holder != case.child_id:
            continue
        if returned_on <= record.on <= as_of and record.status in _PRESENT:
            by_day.setdefault(record.on, record)
    return [by_day[d] for d in sorted(by_day)]


def _digest(records: Sequence[Attendance]) -> str:
    import hashlib  # noqa: PLC0415 - only here
    import json  # noqa: PLC0415 - only here

    from kongchuo._models.base import unstructure  # noqa: PLC0415 - only here

    text = json.dumps(
        [unstructure(r) for r in records], sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_attendance(
    case: Case,
    attendance: Iterable[Attendance],
    *,
    as_of: dt.date,
    recorded_at: dt.datetime,
    recorded_by: str,
) -> AttendanceRecorded:
    """The event that puts a returned child's attendance into the case log (复学后到校情况).

    It lists the distinct school days the child was present (present, late or left
    early) from the return to ``as_of``, with the SHA-256 of the records it read, so
    that closing (:meth:`~kongchuo.cases.Case.append`, :func:`close_case`) and
    :meth:`~kongchuo.cases.Case.verify` judge the same facts. Records of another
    child (by ID number) are skipped.

    Raises:
        ValidationError: ``closure.not_returned`` if the case is not in the returned
            state, ``type`` for a record that is not an ``Attendance``,
            and the event's own problems.

    References:
        FC-2.5 (台账销号制度); FC-1.3.
    """
    case = _need_case(case)
    as_of = require_date(as_of, "as_of")
    found = case.resolving_event()
    if case.state is not CaseState.RETURNED or found is None:
        raise ValidationError(
            "closure.not_returned",
            f"the case is {case.state.value}: attendance since a return needs a returned case",
            f"个案处于“{case.state.label_zh}”状态：复学后到校情况只适用于已复学的个案",
            path="case",
        )
    returned: Returned = found[1]  # type: ignore[assignment]
    records = _attended(case, returned.occurred_on, attendance, as_of)
    return AttendanceRecorded(
        occurred_on=as_of,
        recorded_at=recorded_at,
        recorded_by=recorded_by,
        school_code=returned.school_code,
        since=returned.occurred_on,
        days=tuple(r.on for r in records),
        digest=_digest(records),
    )


def check_closure(
    case: Case,
    *,
    as_of: dt.date,
    policy: Policy,
    attendance: Iterable[Attendance] = (),
    child: Child | None = None,
    calendar: WorkCalendar | None = None,
    terms: SchoolCalendar | None = None,
) -> Decision:
    """Whether a case may be closed (销号) on ``as_of``, and if not, why.

    A case closes on the ground its state names, when that ground's requirements
    (:data:`~kongchuo.cases.CLOSURE_GROUNDS`) hold on the day — read from the log,
    exactly as :meth:`~kongchuo.cases.Case.append` and
    :meth:`~kongchuo.cases.Case.verify` read them — and the ledger has no error
    (:func:`check_ledger`; for a ground without persuasion work, such as studying
    elsewhere or moving away, its findings on cause analysis, plan and attempts do
    not count).

    ``calendar`` and ``terms`` are passed to :func:`check_ledger`, which needs them
    for a policy whose ledger spans are in working or school days.

    A returned child's attendance is evidence in the log
    (:func:`record_attendance`). Given ``attendance`` records that are not yet in
    the log, the decision says whether they would suffice
    (``closure.attendance_not_recorded``) or not.

    No case closes on age alone unless the policy's ``closure_age`` says so with its
    basis, and never for an unresolved refusal: 未成年人保护法 第二十八条第二款 and
    第八十三条第二款 speak of "尚未完成义务教育的辍学未成年学生" with no age limit.

    Returns:
        Outcome ``"closable"``, ``"already_closed"``, ``"not_resolved"``,
        ``"attendance_short"``, ``"requirements_unmet"`` or
        ``"ledger_incomplete"``, with findings.

    Example:
        >>> from kongchuo.cases import CLOSURE_GROUNDS
        >>> [g.ground for g in CLOSURE_GROUNDS][:3]
        ['returned', 'placed', 'studying_elsewhere']

    References:
        FC-2.5 (台账销号制度); FC-1.2; 未成年人保护法 第二十八条第二款, 第八十三条第二款;
        义务教育法 第十一条第二款; 残疾人教育条例 第十七条.

    Limitations:
        No national closure criteria are published; the attendance needed and any
        closure age are policy parameters. Errs toward keeping a case open.
    """
    case = _need_case(case)
    policy = require_policy(policy)
    as_of = require_date(as_of, "as_of")
    state = case.state
    basis = ("FC-2.5", "FC-1.2")
    if state is CaseState.CLOSED:
        return _own(
            Decision(rule="closure", ok=False, outcome="already_closed", basis=basis),
            policy,
            as_of,
        )
    fold = case._folded()  # noqa: SLF001 - the case's own fold, read once
    birth = case.child_id.birth_date if case.child_id is not None else None
    problems = closure_problems(
        fold.pairs, state, fold.resolved, birth=birth, closed_on=as_of, policy=policy
    )
    ground = ground_for(state)
    findings = [
        _f(p.code, p.message, p.message_zh, p.path, basis=ground.basis if ground else basis)
        for p in problems
    ]
    codes = {p.code for p in problems}
    outcome = "closable"
    if "closure.not_resolved" in codes or "closure.unresolved_refusal" in codes:
        outcome = "not_resolved"
    elif "closure.attendance_short" in codes:
        outcome = "attendance_short"
        outcome = _attendance_given(
            case,
            attendance=attendance,
            as_of=as_of,
            policy=policy,
            findings=findings,
            outcome=outcome,
        )
    elif codes:
        outcome = "requirements_unmet"
    ledger = check_ledger(
        case, as_of=as_of, policy=policy, child=child, calendar=calendar, terms=terms
    )
    errors = [
        f
        for f in ledger.errors
        if ground is None or ground.work_record or not f.code.startswith(_WORK_CODES)
    ]
    if errors:
        if outcome == "closable":
            outcome = "ledger_incomplete"
        findings.extend(errors)
    decision = Decision(
        rule="closure", ok=outcome == "closable", outcome=outcome, findings=findings, basis=basis
    )
    return _own(decision, policy, as_of)


def _attendance_given(
    case: Case,
    *,
    attendance: Iterable[Attendance],
    as_of: dt.date,
    policy: Policy,
    findings: list[Finding],
    outcome: str,
) -> str:
    """With records given but not yet logged: say whether logging them would do."""
    records = list(attendance)
    if not records:
        return outcome
    found = case.resolving_event()
    needed = closure_attendance(policy, as_of)
    if found is None or needed is None:
        return outcome
    days = len(_attended(case, found[1].occurred_on, records, as_of))
    if days < needed.count:
        findings.append(
            _f(
                "closure.attendance_short",
                f"the records given show {days} school days since the return; the policy "
                f"asks for {needed.count}",
                f"所给考勤记录显示复学以来到校 {days} 天，政策要求 {needed.count} 天",
                "$.attendance",
                basis=("FC-2.5",),
            )
        )
        return outcome
    findings[:] = [f for f in findings if f.code != "closure.attendance_short"]
    findings.append(
        _f(
            "closure.attendance_not_recorded",
            f"the records given show {days} school days since the return, enough, but the "
            "log does not hold them yet: append record_attendance(...) first",
            f"所给考勤记录显示复学以来到校 {days} 天，已达要求，但尚未记入台账："
            "请先追加 record_attendance(...) 事件",
            "$.attendance",
            basis=("FC-2.5",),
        )
    )
    return "attendance_not_recorded"


def is_closable(
    case: Case,
    *,
    as_of: dt.date,
    policy: Policy,
    attendance: Iterable[Attendance] = (),
    child: Child | None = None,
    calendar: WorkCalendar | None = None,
    terms: SchoolCalendar | None = None,
) -> bool:
    """Whether :func:`check_closure` allows closing.

    Closing rests on the attendance recorded in the case log
    (:func:`record_attendance`); ``attendance`` records given here only change which
    refusal :func:`check_closure` reports, never this answer.
    """
    return check_closure(
        case,
        as_of=as_of,
        policy=policy,
        attendance=attendance,
        child=child,
        calendar=calendar,
        terms=terms,
    ).ok


def close_case(
    case: Case,
    closed: Closed,
    *,
    policy: Policy,
    child: Child | None = None,
    calendar: WorkCalendar | None = None,
    terms: SchoolCalendar | None = None,
) -> Case:
    """Close a case (销号): check it with :func:`check_closure`, then append ``closed``.

    This is where closing is gated. The log itself
    (:meth:`~kongchuo.cases.Case.append`) refuses a closing whose ground's
    requirements do not hold, and :meth:`~kongchuo.cases.Case.verify` reports a
    stored one; the ledger's completeness on the day is a judgement of the ledger
    rules, checked here.

    Raises:
        ValidationError: ``closure.refused`` with the decision's findings (one
            saying so, at ``case``, for a case already closed), or the append's own
            problems.

    References:
        FC-2.5 (台账销号制度).
    """
    case = _need_case(case)
    policy = require_policy(policy)
    require_instance(closed, Closed, "closed", name_zh="销号事件")
    decision = check_closure(
        case,
        as_of=closed.occurred_on,
        policy=policy,
        child=child,
        calendar=calendar,
        terms=terms,
    )
    if not decision.ok:
        # Every finding of a refusal is an error; a closed case has none to give.
        raise ValidationError.of(
            [
                problem(
                    "closure.refused",
                    f"cannot close: {f.message} [{f.code}]",
                    f"不能销号：{f.message_zh}",
                    f.path,
                )
                for f in decision.errors
            ]
            or [
                problem(
                    "closure.refused",
                    f"cannot close: the case is already closed [{decision.outcome}]",
                    "不能销号：个案已销号",
                    "case",
                )
            ]
        )
    return case.append(closed, policy=policy)


# -- responsibility -----------------------------------------------------------------------


@friendly_init
@attrs.frozen(kw_only=True)
class Responsibility:
    """Who answers for bringing a child back, in order (责任主体).

    Attributes:
        party: The body, where there is one (a role of a local scheme such as 县长 or
            家长 may have none).
        unit: The unit's code (a school, a jurisdiction), where known.
        person: The person who answers first within the unit, where named.
        first: Whether this is the first responsible party (第一责任人).
        title_zh: The office in a local scheme (such as ``"校长"``), if from one.
        line: The scheme's line (行政线, 教育线, 家庭), if from one.
        basis: Clause ids, law articles and the scheme's source.
    """

    party: Party | None
    unit: str | None = None
    person: str | None = None
    first: bool = False
    title_zh: str | None = None
    line: ResponsibilityLine | None = None
    basis: tuple[str, ...] = ()


def responsible_parties(
    case: Case,
    *,
    school: School | None = None,
    policy: Policy | None = None,
    as_of: dt.date | None = None,
) -> tuple[Responsibility, ...]:
    """Who must bring the child back (控辍保学责任), first responsible first.

    For a dropout or suspected dropout: the school holding the registration, its
    principal first (FC-1.3), then the education bureau. For a child never
    enrolled: the education bureau together with the township government or street
    office, assisted by the village or community (义务教育法 第十三条).

    Given a ``policy`` (and ``as_of``) whose ``responsibility_scheme`` is set, such
    as the 七长责任制, the scheme's office-holders follow, each with its line. Given a
    policy, each basis comes from that profile: under NATIONAL no seed clause
    (:func:`~kongchuo.policy.own_basis`).

    Example:
        >>> import datetime as dt
        >>> from kongchuo.cases import Case, CaseKind
        >>> case = Case(
        ...     case_id="c1",
        ...     kind=CaseKind.OUT_OF_SCHOOL,
        ...     jurisdiction="370983003",
        ...     child_ref="local-7",
        ... )
        >>> [r.party.value for r in responsible_parties(case)]
        ['education_bureau', 'town_government', 'village_committee']

    References:
        FC-1.3; 义务教育法 第十三条; 未成年人保护法 第二十八条.
    """
    case = _need_case(case)
    require_instance(school, School, "school", name_zh="学校", optional=True)
    if case.kind is CaseKind.OUT_OF_SCHOOL:
        statutory: tuple[Responsibility, ...] = (
            Responsibility(
                party=Party.EDUCATION_BUREAU,
                first=True,
                basis=("FC-1.3", "义务教育法 第十三条"),
            ),
            Responsibility(
                party=Party.TOWN_GOVERNMENT,
                unit=case.jurisdiction,
                first=True,
                basis=("FC-1.3", "义务教育法 第十三条"),
            ),
            Responsibility(
                party=Party.VILLAGE_COMMITTEE,
                unit=case.jurisdiction,
                basis=("义务教育法 第十三条",),
            ),
        )
    else:
        principal = (
            school.principal if school is not None and school.code == case.school_code else None
        )
        statutory = (
            Responsibility(
                party=Party.SCHOOL,
                unit=case.school_code,
                person=principal,
                first=True,
                basis=("FC-1.3", "未成年人保护法 第二十八条"),
            ),
            Responsibility(
                party=Party.EDUCATION_BUREAU,
                basis=("FC-1.3", "义务教育法 第十三条"),
            ),
            Responsibility(
                party=Party.TOWN_GOVERNMENT,
                unit=case.jurisdiction,
                basis=("义务教育法 第十三条",),
            ),
        )
    if policy is None:
        return statutory
    # The basis comes from the profile that decides: no seed clause under NATIONAL.
    day = require_date(as_of, "as_of")
    checked = require_policy(policy)
    statutory = tuple(attrs.evolve(r, basis=own_basis(checked, day, r.basis)) for r in statutory)
    return statutory + _scheme_roles(case, checked, day)


def _scheme_roles(case: Case, policy: Policy, day: dt.date) -> tuple[Responsibility, ...]:
    """The office-holders of the policy's local scheme on ``day`` (none without one)."""
    scheme = policy.responsibility_scheme.value_at(day)
    if scheme is None:
        return ()
    units: dict[Party | None, str | None] = {
        Party.SCHOOL: case.school_code,
        Party.TOWN_GOVERNMENT: case.jurisdiction,
        Party.VILLAGE_COMMITTEE: case.jurisdiction,
    }
    return tuple(
        Responsibility(
            party=role.party,
            unit=units.get(role.party),
            title_zh=role.title_zh,
            line=role.line,
            basis=(scheme.name_zh, scheme.source),
        )
        for role in scheme.roles
    )
