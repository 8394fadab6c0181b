"""Escalation (强制入学程序): whether a case may go up the policy's ladder, and the next step.

The ladder is policy data (``Policy.escalation_ladder``, replaced per case kind by
``Policy.case_kind_ladders``): for a FEICHENG dropout, persuasion → the school's
written report → 批评教育 with 责令限期改正 → judicial documents from the court →
legal liability; for a child who never enrolled (失学) the township or the bureau
acts directly, without a school report. :func:`check_escalation` says whether a
case may take a given step on a given day, with every reason;
:func:`next_escalation` names the next step, who acts on it and the earliest day.

The school's written report is a duty of the school (未成年人保护法 第二十八条第二款),
not a measure against the family: it is never held back, and is flagged as due when
persuasion has failed, when the family is never met, or when a cause is claimed
without proof. The coercive steps — the order and everything above it — err on the
side of the family. They need all of: the case open and the dropout confirmed;
persuasion tried and failed as often as the policy asks, the last attempt not
ending in agreement; no just cause (illness with a 诊断证明, an approved deferral
or suspension, a disability assessment that routes the child to 送教上门 or
another placement) — a claimed cause without its evidence counts as doubt and
names the evidence missing; every earlier step taken and documented; and, above
the order, the order served and its deadline, counted from service, passed. Legal
liability is also its own track: with an evidenced finding that the case is
serious or criminal (:class:`SeriousFinding`) it need not wait for the judicial
step.

This module is part of the rules layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, ClassVar, Final, TypeVar

import attrs

from kongchuo._core.args import require_date, require_instance, require_items
from kongchuo._core.decision import Decision, Finding, Severity, finding
from kongchuo._core.enums import LabelledEnum
from kongchuo._models.base import DATE, EnumKind, Model, Nullable, Text, TupleKind, as_tuple, meta
from kongchuo._models.children import AbilityAssessment, Child
from kongchuo._time.calendars import WorkCalendar, require_calendar, roll_forward
from kongchuo.cases._case import Case
from kongchuo.cases._events import (
    AttemptResult,
    Cause,
    CauseAnalysed,
    CorrectionOrdered,
    Deferred,
    Event,
    JudicialStep,
    LiabilityPursued,
    PenaltyImposed,
    PersuasionAttempt,
    Verified,
    WrittenReport,
)
from kongchuo.cases._machine import CaseState
from kongchuo.notices._rules import correction_deadline, served_on
from kongchuo.policy import EscalationStep, Party, Policy, own_basis

__all__ = [
    "JustCause",
    "JustCauseKind",
    "NextStep",
    "SeriousFinding",
    "SeriousKind",
    "check_escalation",
    "is_escalation_allowed",
    "next_escalation",
]

T = TypeVar("T")

_ONE_DAY: Final = dt.timedelta(days=1)
_OPEN: Final = frozenset({CaseState.VERIFIED, CaseState.IN_PERSUASION, CaseState.ESCALATED})
_FAILED: Final = frozenset({AttemptResult.REFUSED, AttemptResult.UNDECIDED})
#: What names a medical certificate among a case's materials: illness is a just
#: cause with a 诊断证明 from a medical institution, not with any attachment.
MEDICAL_CERTIFICATE: Final = ("诊断证明", "疾病证明")
_PLACEMENTS: Final = frozenset(
    {
        AbilityAssessment.HOME_TEACHING,
        AbilityAssessment.SPECIAL_SCHOOL,
        AbilityAssessment.NOT_ABLE_TO_STUDY,
    }
)


class JustCauseKind(LabelledEnum):
    """A just cause (正当理由) for a child's absence, which routes the case elsewhere.

    Example:
        >>> JustCauseKind.DISABILITY_PLACEMENT.label_zh
        '残疾儿童经评估另行安置'
    """

    ILLNESS = "illness", "因病（有诊断证明）"
    DEFERRAL = "deferral", "经批准延缓入学或休学"
    DISABILITY_PLACEMENT = "disability_placement", "残疾儿童经评估另行安置"
    OTHER = "other", "其他正当理由"

    @property
    def route_zh(self) -> str:
        """Where the case goes instead of up the ladder."""
        return _CAUSE_INFO[self][0]

    @property
    def evidence_zh(self) -> str:
        """The evidence the cause needs."""
        return _CAUSE_INFO[self][1]


_CAUSE_INFO: Final = {
    JustCauseKind.ILLNESS: (
        "治疗康复，病愈后复学，或依法申请休学（义务教育法 第十一条）",
        "医疗机构诊断证明",
    ),
    JustCauseKind.DEFERRAL: (
        "按批准的延缓入学或休学管理，到期复学",
        "乡镇人民政府或县级教育行政部门的批准材料",
    ),
    JustCauseKind.DISABILITY_PLACEMENT: (
        "按专家委员会评估意见安置：送教上门、特殊教育学校或其他方式（残疾人教育条例 第十七条）",
        "残疾人教育专家委员会的评估意见",
    ),
    JustCauseKind.OTHER: (
        "核实后按一人一案另行处理",
        "证明材料",
    ),
}


@attrs.frozen(kw_only=True)
class JustCause(Model):
    """A just cause the guardian has shown or claimed, outside the case log (正当理由).

    A cause with no ``evidence`` still stops escalation: it is doubt, and the
    decision names the evidence to obtain.

    Attributes:
        kind: What kind of cause.
        noted_on: When it was raised.
        evidence: References to the supporting documents (诊断证明, 批准材料 ...).
        note: What was said or found.

    Example:
        >>> import datetime as dt
        >>> JustCause(kind=JustCauseKind.ILLNESS, noted_on=dt.date(2025, 9, 15)).evidence
        ()
    """

    cross_fields: ClassVar[tuple[str, ...]] = ()

    kind: JustCauseKind = attrs.field(metadata=meta(EnumKind(JustCauseKind)))
    noted_on: dt.date = attrs.field(metadata=meta(DATE))
    evidence: tuple[str, ...] = attrs.field(
        default=(), converter=as_tuple, metadata=meta(TupleKind(Text(200)))
    )
    note: str | None = attrs.field(
        default=None, metadata=meta(Nullable(Text(2000)), sensitive="private")
    )


class SeriousKind(LabelledEnum):
    """What a finding of gravity says (情节严重或构成犯罪).

    Example:
        >>> SeriousKind.CRIME.label_zh
        '构成犯罪'
    """

    SERIOUS = "serious", "情节严重"
    CRIME = "crime", "构成犯罪"


@attrs.frozen(kw_only=True)
class SeriousFinding(Model):
    """A recorded finding that a guardian's conduct is serious or a crime (情节严重认定).

    The seed: 情节严重或构成犯罪的，依法追究法律责任 (FC-2.4). With ``evidence`` the
    case may take the legal-liability step without the judicial step first; without
    it the finding is noted and the ladder holds.

    Attributes:
        kind: Serious, or a crime.
        found_on: The day it was found.
        found_by: Who found it (an authority or a case conference).
        evidence: References to what it rests on (an investigation record, a report).
        note: What was found.

    Example:
        >>> import datetime as dt
        >>> SeriousFinding(
        ...     kind=SeriousKind.CRIME,
        ...     found_on=dt.date(2025, 10, 1),
        ...     found_by="肥城市公安局",
        ...     evidence=("立案决定书",),
        ... ).kind.label_zh
        '构成犯罪'
    """

    cross_fields: ClassVar[tuple[str, ...]] = ()

    kind: SeriousKind = attrs.field(metadata=meta(EnumKind(SeriousKind)))
    found_on: dt.date = attrs.field(metadata=meta(DATE))
    found_by: str = attrs.field(metadata=meta(Text(100)))
    evidence: tuple[str, ...] = attrs.field(
        default=(), converter=as_tuple, metadata=meta(TupleKind(Text(200)))
    )
    note: str | None = attrs.field(
        default=None, metadata=meta(Nullable(Text(2000)), sensitive="private")
    )


@attrs.frozen(kw_only=True)
class NextStep:
    """The next step up the ladder for a case (下一步措施).

    Attributes:
        step: The next step, or ``None`` when the ladder is exhausted.
        owners: Who acts on it, from the policy's ``step_authorities`` (any of
            them may act where there are several).
        earliest: The earliest day it may be taken, or ``None`` while something
            other than time stands in the way (a just cause, missing evidence,
            persuasion not yet tried enough).
        decision: :func:`check_escalation` for that step on ``as_of``.
    """

    step: EscalationStep | None
    owners: tuple[Party, ...]
    earliest: dt.date | None
    decision: Decision

    @property
    def allowed(self) -> bool:
        """Whether the step may be taken on the day asked about."""
        return self.decision.ok


# -- arguments --------------------------------------------------------------------------


def _need(value: object, cls: type[T], path: str, zh: str) -> T:
    return require_instance(value, cls, path, name_zh=zh)


def _causes(just_causes: object) -> tuple[JustCause, ...]:
    return require_items(just_causes, JustCause, "just_causes", name_zh="正当理由")


def _serious(findings: object) -> tuple[SeriousFinding, ...]:
    return require_items(findings, SeriousFinding, "serious", name_zh="情节严重认定")


# -- what the log shows ---------------------------------------------------------------


def _of(case: Case, cls: type[Event], as_of: dt.date) -> list[tuple[int, Any]]:
    return [
        (seq, e) for seq, e in case.effective() if isinstance(e, cls) and e.occurred_on <= as_of
    ]


def _where(seq: int, field: str = "") -> str:
    return f"$.entries[{seq}].event" + (f".{field}" if field else "")


def _step_events(case: Case, step: EscalationStep, as_of: dt.date) -> list[tuple[int, Any]]:
    if step is EscalationStep.WRITTEN_REPORT:
        return _of(case, WrittenReport, as_of)
    if step is EscalationStep.CORRECTION_ORDER:
        return _of(case, CorrectionOrdered, as_of)
    if step is EscalationStep.ADMINISTRATIVE_PENALTY:
        return _of(case, PenaltyImposed, as_of)
    if step is EscalationStep.LEGAL_LIABILITY:
        return _of(case, LiabilityPursued, as_of)
    if step is EscalationStep.JUDICIAL:
        return _of(case, JudicialStep, as_of)
    return _of(case, PersuasionAttempt, as_of)


def _f(
    code: str,
    en: str,
    zh: str,
    path: str = "$",
    *,
    basis: Iterable[str] = ("FC-2.4",),
    severity: Severity = Severity.ERROR,
) -> Finding:
    return finding(code, en, zh, path, severity=severity, basis=basis)


def _persuasion(case: Case, policy: Policy, as_of: dt.date) -> list[Finding]:
    needed = policy.persuasion_attempts_before_report.value_at(as_of)
    attempts = sorted(_of(case, PersuasionAttempt, as_of), key=lambda se: se[1].occurred_on)
    failed = [(s, a) for s, a in attempts if a.result in _FAILED and a.met]
    basis = ("FC-1.3", "未成年人保护法 第二十八条第二款")
    out: list[Finding] = []
    if len(failed) < needed:
        out.append(
            _f(
                "escalation.persuasion.insufficient",
                f"{len(failed)} failed persuasion attempt(s) at which the guardian was met are "
                f"recorded; the policy asks for {needed} before any escalation",
                f"记录的见到监护人且未成功的劝返 {len(failed)} 次，政策要求升级前至少 {needed} 次",
                "$.entries",
                basis=basis,
            )
        )
    if attempts and attempts[-1][1].result is AttemptResult.AGREED_TO_RETURN:
        seq, last = attempts[-1]
        out.append(
            _f(
                "escalation.persuasion.agreed",
                f"at the last attempt ({last.occurred_on.isoformat()}) the family agreed to the "
                "return: give it the chance before escalating",
                f"最近一次劝返（{last.occurred_on.isoformat()}）监护人已同意返校，应给予履行机会，"
                "暂不升级",
                _where(seq, "result"),
                basis=basis,
            )
        )
    return out


def _disability_assessment(child: Child | None) -> AbilityAssessment | None:
    if child is None:
        return None
    for m in child.memberships:
        if m.disability is not None and m.disability.assessment is not None:
            return m.disability.assessment
    return None


def _certified(materials: Iterable[str]) -> bool:
    return any(term in m for m in materials for term in MEDICAL_CERTIFICATE)


def _unexpired(deferral: Deferred, as_of: dt.date) -> bool:
    return deferral.until is None or as_of <= deferral.until


def _just_causes(
    case: Case, child: Child | None, extra: tuple[JustCause, ...], as_of: dt.date
) -> list[Finding]:
    out: list[Finding] = []
    basis = ("义务教育法 第五十八条 (无正当理由)", "FC-2.4")
    # An expired deferral (after its until) is no just cause (see deferral_in_force).
    for seq, e in [(s, e) for s, e in _of(case, Deferred, as_of) if _unexpired(e, as_of)]:
        out.append(
            _f(
                "escalation.just_cause.deferral",
                f"an approved {e.kind.value} (by {e.approved_by}) is a just cause: "
                + JustCauseKind.DEFERRAL.route_zh,
                f"经批准的{e.kind.label_zh}属于正当理由：{JustCauseKind.DEFERRAL.route_zh}",
                _where(seq),
                basis=(*basis, "义务教育法 第十一条"),
            )
        )
    assessed = _disability_assessment(child)
    if assessed in _PLACEMENTS:
        out.append(
            _f(
                "escalation.just_cause.disability_placement",
                f"the expert committee advised {assessed.value}: the case goes to "
                "placement, not up the ladder, whatever the cause analysis says",
                f"专家委员会评估意见为“{assessed.label_zh}”："
                + JustCauseKind.DISABILITY_PLACEMENT.route_zh,
                "child.memberships",
                basis=(*basis, "残疾人教育条例 第十七条、第二十条"),
            )
        )
    for seq, e in _of(case, CauseAnalysed, as_of):
        if Cause.ILLNESS in e.causes:
            if _certified(e.materials):
                out.append(
                    _f(
                        "escalation.just_cause.illness",
                        "illness with a medical certificate is a just cause: "
                        + JustCauseKind.ILLNESS.route_zh,
                        "因病且有诊断证明，属于正当理由：" + JustCauseKind.ILLNESS.route_zh,
                        _where(seq, "causes"),
                        basis=basis,
                    )
                )
            else:
                out.append(
                    _f(
                        "escalation.evidence.illness_unproven",
                        "illness is given as a cause but no medical certificate (诊断证明) is "
                        "among the materials: obtain one (or rule illness out) before any "
                        "coercive step",
                        "原因分析涉及因病但材料中没有诊断证明：采取强制措施前应取得医疗机构"
                        "诊断证明或排除因病",
                        _where(seq, "materials"),
                        basis=basis,
                    )
                )
        if Cause.DISABILITY in e.causes and assessed is None:
            out.append(
                _f(
                    "escalation.evidence.disability_unassessed",
                    "disability is given as a cause but no ability assessment is on record: "
                    "arrange the expert committee's assessment before any coercive step",
                    "原因分析涉及残疾但无学习能力评估意见：采取强制措施前应由残疾人教育专家"
                    "委员会评估",
                    _where(seq, "causes"),
                    basis=(*basis, "残疾人教育条例 第二十条", "FC-3.1"),
                )
            )
    for i, c in enumerate(extra):
        if c.noted_on > as_of:
            continue
        proven = _certified(c.evidence) if c.kind is JustCauseKind.ILLNESS else bool(c.evidence)
        if proven:
            out.append(
                _f(
                    f"escalation.just_cause.{c.kind.value}",
                    f"a just cause is shown ({c.kind.value}): {c.kind.route_zh}",
                    f"监护人有正当理由（{c.kind.label_zh}）：{c.kind.route_zh}",
                    f"just_causes[{i}]",
                    basis=basis,
                )
            )
        else:
            out.append(
                _f(
                    f"escalation.evidence.{c.kind.value}_unproven",
                    f"a just cause is claimed ({c.kind.value}) without evidence: obtain "
                    f"{c.kind.evidence_zh} or rule the cause out before any coercive step",
                    f"监护人主张{c.kind.label_zh}但无证明材料：采取强制措施前应取得"
                    f"{c.kind.evidence_zh}或排除该理由",
                    f"just_causes[{i}].evidence",
                    basis=basis,
                )
            )
    return out


def _liability_track(serious: tuple[SeriousFinding, ...], as_of: dt.date) -> list[Finding]:
    """INFO findings for every evidenced finding of gravity on or before ``as_of``."""
    out: list[Finding] = []
    for i, f in enumerate(serious):
        if f.found_on > as_of:
            continue
        if f.evidence:
            out.append(
                _f(
                    "escalation.liability_track",
                    f"{f.found_by} found the case {f.kind.value} on {f.found_on.isoformat()}, "
                    "with evidence: legal liability need not wait for the judicial step",
                    f"{f.found_by}于{f.found_on.isoformat()}认定{f.kind.label_zh}且有证据："
                    "可直接依法追究法律责任，无须先经司法程序",
                    f"serious[{i}]",
                    basis=("FC-2.4", "义务教育法 第六十条"),
                    severity=Severity.INFO,
                )
            )
        else:
            out.append(
                _f(
                    "escalation.liability_track_unproven",
                    f"a finding that the case is {f.kind.value} has no evidence: the ladder holds",
                    f"{f.kind.label_zh}的认定没有证据材料，仍按程序逐级进行",
                    f"serious[{i}].evidence",
                    basis=("FC-2.4",),
                    severity=Severity.WARNING,
                )
            )
    return out


def _report_due(case: Case, policy: Policy, just: list[Finding], as_of: dt.date) -> list[Finding]:
    """Whether the school's written report is due now, as a warning naming why."""
    needed = policy.persuasion_attempts_before_report.value_at(as_of)
    attempts = [a for _, a in _of(case, PersuasionAttempt, as_of)]
    failed = [a for a in attempts if a.result in _FAILED and a.met]
    never_met = len(attempts) >= needed and not any(a.met for a in attempts)
    unproven = [f for f in just if f.code.startswith("escalation.evidence.")]
    reasons_en, reasons_zh = [], []
    if len(failed) >= needed:
        reasons_en.append("persuasion has failed")
        reasons_zh.append("劝返无效")
    if never_met:
        reasons_en.append(f"the family was not met in {len(attempts)} attempts")
        reasons_zh.append(f"{len(attempts)}次劝返均未见到监护人")
    if unproven:
        reasons_en.append("a cause is claimed without proof")
        reasons_zh.append("监护人主张正当理由但无证明")
    if not reasons_en:
        return []
    return [
        _f(
            "escalation.report_due",
            "the school's written report to the township and the bureau is due ("
            + "; ".join(reasons_en)
            + "): it is the school's duty, not a measure against the family",
            "学校应及时向乡镇人民政府和教育行政部门书面报告（" + "；".join(reasons_zh) + "）："
            "这是学校的法定职责，不是对家庭的强制措施",
            "$.entries",
            basis=("未成年人保护法 第二十八条第二款", "FC-3.3"),
            severity=Severity.WARNING,
        )
    ]


def _earlier_steps(
    case: Case,
    ladder: tuple[EscalationStep, ...],
    to: EscalationStep,
    as_of: dt.date,
    *,
    skip: frozenset[EscalationStep] = frozenset(),
) -> list[Finding]:
    out: list[Finding] = []
    for step in ladder[1 : ladder.index(to)]:
        if step in skip:
            continue
        events = _step_events(case, step, as_of)
        if not events:
            out.append(
                _f(
                    "escalation.step_missing",
                    f"the earlier step {step.value} ({step.label_zh}) has not been taken: "
                    "the ladder is climbed one step at a time",
                    f"前一步骤“{step.label_zh}”尚未进行：强制入学程序不能跳级",
                    "$.entries",
                    basis=step.basis,
                )
            )
        elif not any(e.materials for _, e in events):
            seq = events[-1][0]
            out.append(
                _f(
                    "escalation.step_undocumented",
                    f"the earlier step {step.value} has no document attached",
                    f"前一步骤“{step.label_zh}”缺少书面材料（文书存根或复印件）",
                    _where(seq, "materials"),
                    basis=(*step.basis, "FC-1.2"),
                )
            )
    return out


def _latest_order(case: Case, as_of: dt.date) -> tuple[int, CorrectionOrdered] | None:
    orders = _of(case, CorrectionOrdered, as_of)
    if not orders:
        return None
    return max(orders, key=lambda se: (se[1].occurred_on, se[0]))


def _deadline_findings(
    case: Case, policy: Policy, calendar: WorkCalendar, as_of: dt.date
) -> tuple[list[Finding], dt.date | None]:
    """Findings on the latest order's service and deadline, and the day after it ends.

    The second value is ``None`` while the order is unserved: no day can be named.
    """
    found = _latest_order(case, as_of)
    if found is None:
        return [], None
    seq, order = found
    service = order.service
    if service is None or service.served_on > as_of:
        return [
            _f(
                "escalation.order_unserved",
                "the correction order has not been served on the guardians: it is not in "
                "force and its time limit has not begun, so no step above it may be taken",
                "责令限期改正决定书尚未送达监护人：决定未生效、期限未起算，不得采取下一步措施",
                _where(seq, "service"),
                basis=("义务教育法 第五十八条", "民法典 第二百零一条"),
            )
        ], None
    effective = served_on(service, policy=policy, calendar=calendar)
    computed = correction_deadline(
        order.occurred_on, policy=policy, calendar=calendar, served=service
    )
    last = max(computed, roll_forward(order.deadline, calendar=calendar))
    if as_of > last:
        return [], last + _ONE_DAY
    return [
        _f(
            "escalation.deadline_not_passed",
            f"the order took effect on service ({service.method.value}, "
            f"{effective.isoformat()}); its time limit runs to the end of {last.isoformat()} "
            "(the later of the order's date and the policy's period counted from the day "
            "after service, rolled past rest days): no further step before it has passed",
            f"决定书于{effective.isoformat()}{service.method.label_zh}生效，改正期限自次日起算"
            f"至{last.isoformat()}24时届满（取决定书载明日期与政策期限中较晚者，遇休假日顺延），"
            "期满前不得采取下一步措施",
            _where(seq, "deadline"),
            basis=("义务教育法 第五十八条", "民法典 第二百零一条", "民法典 第二百零三条"),
        )
    ], last + _ONE_DAY


_OUTCOMES: Final = (
    ("escalation.case_not_open", "resolved"),
    ("escalation.not_confirmed", "not_confirmed"),
    ("escalation.not_in_ladder", "not_in_ladder"),
    ("escalation.penalty", "no_local_regulation"),
    ("escalation.just_cause", "just_cause"),
    ("escalation.evidence", "evidence_missing"),
    ("escalation.persuasion", "persuasion_not_exhausted"),
    ("escalation.step", "step_missing"),
    ("escalation.order_unserved", "order_unserved"),
    ("escalation.deadline", "deadline_not_passed"),
)


def _outcome(findings: list[Finding]) -> str:
    codes = [f.code for f in findings if f.severity is Severity.ERROR]
    for prefix, outcome in _OUTCOMES:
        if any(c.startswith(prefix) for c in codes):
            return outcome
    return "allowed"


def _state_findings(case: Case) -> list[Finding]:
    state = case.state
    if state not in _OPEN and state is not CaseState.IDENTIFIED:
        return [
            _f(
                "escalation.case_not_open",
                f"the case is {state.value}: there is nothing to escalate",
                f"个案处于“{state.label_zh}”状态，无需采取强制措施",
                "$.entries",
            )
        ]
    verified = [e for _, e in case.effective() if isinstance(e, Verified)]
    if not verified or not all(e.confirmed for e in verified):
        return [
            _f(
                "escalation.not_confirmed",
                "the dropout has not been verified and confirmed",
                "失学辍学情况尚未核实确认",
                "$.entries",
                basis=("FC-2.5",),
            )
        ]
    return []


def _penalty_findings(policy: Policy, as_of: dt.date) -> list[Finding]:
    regulation = policy.penalty_regulation.at(as_of)
    if regulation.value is not None:
        return []
    return [
        _f(
            "escalation.penalty.no_local_regulation",
            "an administrative penalty needs a local regulation that provides it "
            "(行政处罚法 第十二条); 义务教育法 第五十八条 sets none, and the policy's "
            "penalty_regulation names none",
            "行政处罚须有地方性法规规定（行政处罚法第十二条）；义务教育法第五十八条未设罚则，"
            "政策参数 penalty_regulation 未载明相应地方性法规",
            "policy.penalty_regulation",
            basis=("行政处罚法 第十二条", "义务教育法 第五十八条", *regulation.basis),
        )
    ]


def ladder_for(case: Case, policy: Policy, as_of: dt.date) -> tuple[EscalationStep, ...]:
    """The ladder that applies to ``case``: its kind's, else the policy's general one."""
    own = policy.case_kind_ladders.value_at(as_of).of(case.kind.value)
    return policy.escalation_ladder.value_at(as_of) if own is None else own


def _ladder_basis(case: Case, policy: Policy, as_of: dt.date) -> tuple[str, ...]:
    if policy.case_kind_ladders.value_at(as_of).of(case.kind.value) is not None:
        return policy.case_kind_ladders.at(as_of).basis
    return policy.escalation_ladder.at(as_of).basis


def _rebased(policy: Policy, as_of: dt.date, findings: list[Finding]) -> list[Finding]:
    return [attrs.evolve(f, basis=own_basis(policy, as_of, f.basis)) for f in findings]


def check_escalation(
    case: Case,
    to: EscalationStep,
    *,
    as_of: dt.date,
    policy: Policy,
    calendar: WorkCalendar,
    child: Child | None = None,
    just_causes: Iterable[JustCause] = (),
    serious: Iterable[SeriousFinding] = (),
) -> Decision:
    """Whether ``case`` may take the step ``to`` on ``as_of``, with every reason (升级审查).

    For every step: the case is open (verified, in persuasion or escalated) and the
    dropout confirmed, and ``to`` is on the case's ladder (the policy's
    ``case_kind_ladders`` entry for its kind, else ``escalation_ladder``).

    The school's written report is the school's duty (未成年人保护法 第二十八条第二款):
    nothing else holds it back. It is flagged as due (``escalation.report_due``, a
    warning) when persuasion has failed as often as the policy asks, when that many
    attempts never met the family, or when a cause is claimed without proof.

    A coercive step (the order and every step above it) also needs, each failure a
    finding:

    * persuasion tried and failed as often as the policy's
      ``persuasion_attempts_before_report`` asks (the guardian met and not
      agreeing), the last attempt not ending in agreement;
    * no just cause: an approved deferral or suspension (a ``Deferred`` event),
      illness with a medical certificate (a cause analysis naming illness, with a
      material naming a 诊断证明), a disability assessment on ``child``'s record
      routing the child to 送教上门, a special school or care — whatever the cause
      analysis says — or a cause in ``just_causes`` with evidence. A cause without
      its evidence is doubt and also stops the step, naming the evidence to obtain;
    * every step below ``to`` on the ladder taken, with a document attached; an
      administrative penalty only where the policy's ``penalty_regulation`` names
      the local regulation that provides one;
    * above the order: the order served (:func:`kongchuo.notices.served_on` reads
      the method: on the day for direct and 留置 service, on signature for post,
      after the policy's period for 公告送达) and its time limit, counted from the
      day after service, passed. The limit is the later of the date in the order
      and the policy's period, rolled past rest days.

    Legal liability is its own track as well: with an evidenced
    :class:`SeriousFinding` (情节严重或构成犯罪) it need not wait for the judicial
    step; every other condition holds.

    Args:
        case: The case.
        to: The step asked about.
        as_of: The day it would be taken; events after it are ignored.
        policy: The policy profile.
        calendar: The working-day calendar.
        child: The child's record, for a disability assessment.
        just_causes: Causes shown or claimed outside the case log.
        serious: Findings that the case is serious or a crime.

    Returns:
        ``ok`` when the step may be taken. Outcome ``"allowed"``, ``"resolved"``,
        ``"not_confirmed"``, ``"not_in_ladder"``, ``"no_local_regulation"``,
        ``"just_cause"``, ``"evidence_missing"``, ``"persuasion_not_exhausted"``,
        ``"step_missing"``, ``"order_unserved"`` or ``"deadline_not_passed"`` (the
        first that applies, in that order); the findings hold every reason. The
        basis carries seed clauses (FC-x.y) only under a profile that rests on the
        seed.

    Raises:
        ValidationError: For arguments of the wrong type.

    References:
        FC-2.4, FC-3.3; 义务教育法 第十一条、第五十八条、第六十条; 未成年人保护法
        第二十八条、第八十三条、第一百一十八条; 家庭教育促进法 第四十九条; 残疾人教育条例
        第十七条; 民法典 第二百零一条 to 第二百零三条; 行政处罚法 第十二条.

    Limitations:
        Whether a step was "taken" is read from the log, one event type per step
        (``WrittenReport``, ``CorrectionOrdered``, ``PenaltyImposed``,
        ``JudicialStep``, ``LiabilityPursued``). A medical certificate is recognised
        by its name among the materials (:data:`MEDICAL_CERTIFICATE`). The coercive
        steps err toward the family: in doubt they wait, and say what is missing.
    """
    case = _need(case, Case, "case", "个案")
    to = require_instance(to, EscalationStep, "to", name_zh="强制入学程序步骤")
    as_of = require_date(as_of, "as_of")
    policy = _need(policy, Policy, "policy", "政策参数集")
    calendar = require_calendar(calendar)
    if child is not None:
        _need(child, Child, "child", "儿童")
    extra = _causes(just_causes)
    graves = _serious(serious)
    ladder = ladder_for(case, policy, as_of)
    findings = _state_findings(case)
    if to not in ladder:
        findings.append(
            _f(
                "escalation.not_in_ladder",
                f"{to.value} is not a step of the {policy.name} ladder for a "
                f"{case.kind.value} case: " + " → ".join(s.value for s in ladder),
                f"“{to.label_zh}”不在本地{case.kind.label_zh}个案的强制入学程序中："
                + " → ".join(s.label_zh for s in ladder),
                "to",
                basis=_ladder_basis(case, policy, as_of),
            )
        )
    elif to is EscalationStep.WRITTEN_REPORT:
        just = _just_causes(case, child, extra, as_of)
        findings.extend(_report_due(case, policy, just, as_of))
    elif to is not EscalationStep.PERSUASION:
        if to is EscalationStep.ADMINISTRATIVE_PENALTY:
            findings.extend(_penalty_findings(policy, as_of))
        findings.extend(_just_causes(case, child, extra, as_of))
        findings.extend(_persuasion(case, policy, as_of))
        skip: frozenset[EscalationStep] = frozenset()
        if to is EscalationStep.LEGAL_LIABILITY:
            track = _liability_track(graves, as_of)
            findings.extend(track)
            if any(f.code == "escalation.liability_track" for f in track):
                skip = frozenset({EscalationStep.JUDICIAL})
        findings.extend(_earlier_steps(case, ladder, to, as_of, skip=skip))
        if to.rank > EscalationStep.CORRECTION_ORDER.rank:
            findings.extend(_deadline_findings(case, policy, calendar, as_of)[0])
    if to is not EscalationStep.PERSUASION and to in ladder and _step_events(case, to, as_of):
        findings.append(
            _f(
                "escalation.already_taken",
                f"the step {to.value} has been taken before",
                f"“{to.label_zh}”此前已经采取",
                "$.entries",
                severity=Severity.INFO,
            )
        )
    outcome = _outcome(findings)
    return Decision(
        rule="escalation",
        ok=outcome == "allowed",
        outcome=outcome,
        findings=_rebased(policy, as_of, findings),
        basis=own_basis(policy, as_of, ("FC-2.4", *to.basis)),
    )


def is_escalation_allowed(
    case: Case,
    to: EscalationStep,
    *,
    as_of: dt.date,
    policy: Policy,
    calendar: WorkCalendar,
    child: Child | None = None,
    just_causes: Iterable[JustCause] = (),
    serious: Iterable[SeriousFinding] = (),
) -> bool:
    """Whether :func:`check_escalation` allows the step."""
    return check_escalation(
        case,
        to,
        as_of=as_of,
        policy=policy,
        calendar=calendar,
        child=child,
        just_causes=just_causes,
        serious=serious,
    ).ok


def _earliest(
    case: Case, decision: Decision, policy: Policy, calendar: WorkCalendar, as_of: dt.date
) -> dt.date | None:
    blocking = {f.code for f in decision.errors}
    if decision.ok:
        return as_of
    if blocking != {"escalation.deadline_not_passed"}:
        return None
    return _deadline_findings(case, policy, calendar, as_of)[1]


def next_escalation(
    case: Case,
    *,
    as_of: dt.date,
    policy: Policy,
    calendar: WorkCalendar,
    child: Child | None = None,
    just_causes: Iterable[JustCause] = (),
    serious: Iterable[SeriousFinding] = (),
) -> NextStep:
    """The next step up the ladder, who acts on it and the earliest day for it (下一步措施).

    The next step is the lowest step of the case's ladder not yet taken
    (persuasion counts as taken once it has failed as often as the policy asks).
    Its decision is :func:`check_escalation` on ``as_of``; its owners are the
    policy's ``step_authorities`` for it. ``earliest`` is ``as_of`` when the step is
    allowed now, the day after the correction deadline when only the deadline
    stands in the way, and ``None`` when something other than time does — an
    unserved order (outcome ``order_unserved``), a just cause, missing evidence
    (the findings say what).

    Example:
        The demo case has a correction order that was never served, so the next
        step, the court, waits on the service and not on a day:

        >>> import datetime as dt
        >>> from kongchuo import ChinaCalendar
        >>> from kongchuo.demo import sample_case
        >>> from kongchuo.policy import FEICHENG
        >>> case, child, school = sample_case()
        >>> nxt = next_escalation(
        ...     case, as_of=dt.date(2025, 10, 20), policy=FEICHENG, calendar=ChinaCalendar()
        ... )
        >>> nxt.step.value, nxt.allowed, nxt.decision.outcome, nxt.earliest
        ('judicial', False, 'order_unserved', None)

    References:
        FC-2.4; 义务教育法 第五十八条; 未成年人保护法 第二十八条、第八十三条.

    Limitations:
        Errs toward the family, as :func:`check_escalation` does.
    """
    case = _need(case, Case, "case", "个案")
    as_of = require_date(as_of, "as_of")
    policy = _need(policy, Policy, "policy", "政策参数集")
    calendar = require_calendar(calendar)
    extra = _causes(just_causes)
    graves = _serious(serious)
    ladder = ladder_for(case, policy, as_of)
    authorities = policy.step_authorities.value_at(as_of)
    step: EscalationStep | None = None
    for rung in ladder:
        if rung is EscalationStep.PERSUASION:
            if any(
                f.code == "escalation.persuasion.insufficient"
                for f in _persuasion(case, policy, as_of)
            ):
                step = rung
                break
            continue
        if not _step_events(case, rung, as_of):
            step = rung
            break
    if step is None:
        last = ladder[-1]
        decision = Decision(
            rule="escalation",
            ok=False,
            outcome="ladder_complete",
            findings=(
                _f(
                    "escalation.ladder_complete",
                    "every step of the ladder has been taken",
                    "强制入学程序各步骤均已采取",
                    "$.entries",
                    severity=Severity.INFO,
                ),
            ),
            basis=own_basis(policy, as_of, ("FC-2.4",)),
        )
        return NextStep(step=None, owners=authorities.of(last), earliest=None, decision=decision)
    decision = check_escalation(
        case,
        step,
        as_of=as_of,
        policy=policy,
        calendar=calendar,
        child=child,
        just_causes=extra,
        serious=graves,
    )
    earliest = _earliest(case, decision, policy, calendar, as_of)
    return NextStep(step=step, owners=authorities.of(step), earliest=earliest, decision=decision)
