import datetime as dt

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kongchuo import ChinaCalendar, KongchuoError
from kongchuo.cases import (
    ApprovingAuthority,
    AttemptResult,
    Case,
    CaseKind,
    Cause,
    CauseAnalysed,
    CorrectionOrdered,
    DeferralKind,
    Deferred,
    IdentificationMethod,
    Identified,
    JudicialStep,
    JustCause,
    JustCauseKind,
    LiabilityPursued,
    Person,
    PersuasionAttempt,
    PersuasionMethod,
    Role,
    Verified,
    WrittenReport,
    check_escalation,
    is_escalation_allowed,
    next_escalation,
)
from kongchuo.notices import Service, ServiceMethod
from kongchuo.policy import FEICHENG, NATIONAL, EscalationStep, Party

CST = dt.timezone(dt.timedelta(hours=8))
CAL = ChinaCalendar()
S = EscalationStep
D = dt.date
PRINCIPAL = Person(role=Role.PRINCIPAL, name="张校长")
MOTHER = Person(role=Role.GUARDIAN, name="王芳")
DOCS = ("扫描件-001",)


def at(day, **fields):
    """The common fields of an event that happened and was entered on ``day``."""
    return {
        "occurred_on": day,
        "recorded_at": dt.datetime(day.year, day.month, day.day, 18, tzinfo=CST),
        "recorded_by": "李老师",
        **fields,
    }


def attempt(day, result=AttemptResult.REFUSED):
    """A persuasion attempt on ``day`` at which the mother was met."""
    return PersuasionAttempt(
        **at(day),
        method=PersuasionMethod.HOME_VISIT,
        visitors=(PRINCIPAL,),
        met=(MOTHER,),
        result=result,
        next_step="再次家访" if result is not AttemptResult.AGREED_TO_RETURN else None,
        materials=DOCS,
    )


def report(day, materials=DOCS):
    """The school's written report on ``day``."""
    return WrittenReport(**at(day), reported_to="肥城市教育和体育局", materials=materials)


SERVED = object()


def order(day, deadline, service=SERVED):
    """A correction order on ``day`` with ``deadline``, served in person that day by default."""
    if service is SERVED:
        service = Service(method=ServiceMethod.IN_PERSON, served_on=day, recipient="王芳")
    return CorrectionOrdered(
        **at(day), issuer="王瓜店街道办事处", deadline=deadline, materials=DOCS, service=service
    )


def judicial(day, step="提请发出司法文书"):
    """A judicial step on ``day``."""
    return JudicialStep(**at(day), step=step, authority="肥城市司法局", materials=DOCS)


START = D(2025, 9, 8)


def build(*events, start=START, kind=CaseKind.DROPOUT):
    """A confirmed case of ``kind`` (a dropout) opened on ``start`` with ``events`` appended."""
    case = Case.open(
        case_id="FC-2025-0009",
        kind=kind,
        jurisdiction="370983003",
        school_code="3709830031",
        child_ref="local-9",
        identified=Identified(
            **at(start), method=IdentificationMethod.SCHOOL_REPORT, found_by="班主任"
        ),
    )
    case = case.append(Verified(**at(start + dt.timedelta(days=1)), confirmed=True, finding="辍学"))
    for event in events:
        case = case.append(event)
    return case


ATTEMPTS = (attempt(D(2025, 9, 10)), attempt(D(2025, 9, 12)), attempt(D(2025, 9, 15)))
LADDER = (*ATTEMPTS, report(D(2025, 9, 19)), order(D(2025, 9, 22), D(2025, 10, 9)))


def esc(case, to, on, *, policy=FEICHENG, **kwargs):
    """check_escalation (on FEICHENG unless told) with the China calendar."""
    return check_escalation(case, to, as_of=on, policy=policy, calendar=CAL, **kwargs)


class TestLadder:
    def test_report_after_enough_failed_attempts(self):
        """The written report is allowed once persuasion has failed three times."""
        assert esc(build(*ATTEMPTS), S.WRITTEN_REPORT, D(2025, 9, 16)).ok

    def test_order_needs_the_policy_attempts(self):
        """Two failed attempts are not enough for a correction order under FEICHENG's three."""
        d = esc(build(*ATTEMPTS[:2], report(D(2025, 9, 15))), S.CORRECTION_ORDER, D(2025, 9, 16))
        assert d.outcome == "persuasion_not_exhausted"
        assert "escalation.persuasion.insufficient" in d.codes()

    def test_agreement_at_last_attempt_stops_escalation(self):
        """When the family agreed at the last attempt, no escalation."""
        case = build(
            *ATTEMPTS,
            report(D(2025, 9, 16)),
            attempt(D(2025, 9, 17), AttemptResult.AGREED_TO_RETURN),
        )
        d = esc(case, S.CORRECTION_ORDER, D(2025, 9, 18))
        assert not d.ok
        assert "escalation.persuasion.agreed" in d.codes()

    def test_correction_order_needs_the_report(self):
        """The correction order cannot skip the written report."""
        d = esc(build(*ATTEMPTS), S.CORRECTION_ORDER, D(2025, 9, 20))
        assert d.outcome == "step_missing"
        assert esc(build(*ATTEMPTS, report(D(2025, 9, 19))), S.CORRECTION_ORDER, D(2025, 9, 20)).ok

    def test_undocumented_report(self):
        """A written report without a document attached does not open the next step."""
        case = build(*ATTEMPTS, report(D(2025, 9, 19), materials=()))
        assert (
            "escalation.step_undocumented" in esc(case, S.CORRECTION_ORDER, D(2025, 9, 20)).codes()
        )

    def test_judicial_waits_for_the_deadline(self):
        """The judicial step waits until the deadline day has passed in full."""
        case = build(*LADDER)
        on_deadline = esc(case, S.JUDICIAL, D(2025, 10, 9))
        assert on_deadline.outcome == "deadline_not_passed"
        assert esc(case, S.JUDICIAL, D(2025, 10, 10)).ok

    def test_short_recorded_deadline_uses_the_policy_period(self):
        """An order with a shorter deadline than the policy's waits for the policy's."""
        case = build(*ATTEMPTS, report(D(2025, 9, 19)), order(D(2025, 9, 22), D(2025, 9, 25)))
        assert esc(case, S.JUDICIAL, D(2025, 9, 26)).outcome == "deadline_not_passed"
        assert esc(case, S.JUDICIAL, D(2025, 10, 10)).ok

    def test_judicial_needs_the_order(self):
        """The judicial step cannot skip the correction order."""
        case = build(*ATTEMPTS, report(D(2025, 9, 19)))
        assert esc(case, S.JUDICIAL, D(2025, 12, 1)).outcome == "step_missing"

    def test_liability_after_judicial(self):
        """Legal liability comes only after the judicial step."""
        case = build(*LADDER)
        assert esc(case, S.LEGAL_LIABILITY, D(2025, 10, 20)).outcome == "step_missing"
        case = case.append(judicial(D(2025, 10, 13)))
        assert esc(case, S.LEGAL_LIABILITY, D(2025, 10, 20)).ok

    def test_penalty_not_in_feicheng_ladder(self):
        """FEICHENG has no administrative-penalty step."""
        assert esc(build(*LADDER), S.ADMINISTRATIVE_PENALTY, D(2025, 11, 1)).outcome == (
            "not_in_ladder"
        )

    def test_penalty_needs_a_local_regulation(self):
        """A ladder with a penalty step must cite a local regulation that provides one."""
        ladder = (S.PERSUASION, S.WRITTEN_REPORT, S.CORRECTION_ORDER, S.ADMINISTRATIVE_PENALTY)

        def with_basis(regulation):
            return attrs.evolve(
                FEICHENG,
                escalation_ladder=FEICHENG.escalation_ladder.with_value(
                    ladder, effective_from=D(2025, 1, 1), description="含行政处罚", basis=("本县",)
                ),
                penalty_regulation=FEICHENG.penalty_regulation.with_value(
                    regulation, effective_from=D(2025, 1, 1), description="地方性法规", basis=("x",)
                ),
            )

        case = build(*LADDER)
        unfounded = check_escalation(
            case,
            S.ADMINISTRATIVE_PENALTY,
            as_of=D(2025, 10, 10),
            policy=with_basis(None),
            calendar=CAL,
        )
        assert unfounded.outcome == "no_local_regulation"
        founded = check_escalation(
            case,
            S.ADMINISTRATIVE_PENALTY,
            as_of=D(2025, 10, 10),
            policy=with_basis("某省义务教育条例 第某条"),
            calendar=CAL,
        )
        assert founded.ok, founded.explain()

    def test_national_ladder(self):
        """The national profile has the same order without a penalty."""
        ladder = NATIONAL.escalation_ladder.value_at(D(2025, 1, 1))
        assert S.ADMINISTRATIVE_PENALTY not in ladder
        assert ladder[0] is S.PERSUASION


class TestJustCause:
    def test_approved_deferral_resolves_the_case(self):
        """An approved suspension takes the case out of escalation."""
        deferral = Deferred(
            **at(D(2025, 9, 20)),
            kind=DeferralKind.SUSPENSION,
            approved_by="肥城市教育和体育局",
            authority=ApprovingAuthority.COUNTY_EDUCATION_BUREAU,
            applicant=Person(role=Role.GUARDIAN, name="王芳"),
            condition="骨折术后需卧床休养",
            condition_evidence=("诊断证明",),
            materials=DOCS,
        )
        d = esc(build(*ATTEMPTS, deferral), S.WRITTEN_REPORT, D(2025, 9, 21))
        assert d.outcome == "resolved"

    def test_illness_without_proof_is_doubt(self):
        """Illness without a diagnosis stops escalation and asks for the proof."""
        cause = CauseAnalysed(
            **at(D(2025, 9, 10)),
            causes={Cause.ILLNESS},
            primary=Cause.ILLNESS,
            narrative="家长称孩子身体不好，长期头痛，未提供诊断证明。",
        )
        filed = report(D(2025, 9, 16))
        d = esc(build(cause, *ATTEMPTS, filed), S.CORRECTION_ORDER, D(2025, 9, 17))
        assert d.outcome == "evidence_missing"
        assert "escalation.evidence.illness_unproven" in d.codes()
        proven = attrs.evolve(cause, materials=("诊断证明",))
        assert esc(build(proven, *ATTEMPTS, filed), S.CORRECTION_ORDER, D(2025, 9, 17)).outcome == (
            "just_cause"
        )

    def test_disability_unassessed_is_doubt(self):
        """A disability cause without an assessment asks for one first."""
        cause = CauseAnalysed(
            **at(D(2025, 9, 10)),
            causes={Cause.DISABILITY},
            primary=Cause.DISABILITY,
            narrative="孩子肢体残疾，行动不便，家长担心在校安全。",
        )
        d = esc(build(cause, *ATTEMPTS, report(D(2025, 9, 16))), S.CORRECTION_ORDER, D(2025, 9, 17))
        assert "escalation.evidence.disability_unassessed" in d.codes()

    @pytest.mark.parametrize("kind", list(JustCauseKind))
    def test_shown_just_cause_routes_elsewhere(self, kind):
        """A just cause with evidence stops escalation; without evidence it is doubt."""
        case = build(*LADDER)
        shown = JustCause(kind=kind, noted_on=D(2025, 10, 1), evidence=("诊断证明",))
        claimed = JustCause(kind=kind, noted_on=D(2025, 10, 1))
        assert esc(case, S.JUDICIAL, D(2025, 10, 10), just_causes=[shown]).outcome == "just_cause"
        assert esc(case, S.JUDICIAL, D(2025, 10, 10), just_causes=[claimed]).outcome == (
            "evidence_missing"
        )


class TestNext:
    def test_next_steps_along_the_ladder(self):
        """next_escalation walks the ladder, naming owners and the earliest day."""
        first = next_escalation(
            build(*ATTEMPTS[:1]), as_of=D(2025, 9, 11), policy=FEICHENG, calendar=CAL
        )
        assert first.step is S.PERSUASION
        assert Party.SCHOOL in first.owners
        second = next_escalation(
            build(*ATTEMPTS), as_of=D(2025, 9, 16), policy=FEICHENG, calendar=CAL
        )
        assert (second.step, second.allowed, second.earliest) == (
            S.WRITTEN_REPORT,
            True,
            D(2025, 9, 16),
        )
        waiting = next_escalation(
            build(*LADDER), as_of=D(2025, 9, 30), policy=FEICHENG, calendar=CAL
        )
        assert waiting.step is S.JUDICIAL
        assert Party.COURT in waiting.owners
        assert Party.JUSTICE not in waiting.owners
        assert (waiting.allowed, waiting.earliest) == (False, D(2025, 10, 10))

    def test_ladder_complete(self):
        """When every step has been taken there is no next step."""
        case = build(
            *LADDER,
            judicial(D(2025, 10, 13)),
            LiabilityPursued(**at(D(2025, 11, 1)), measure="提起诉讼", authority="肥城市人民法院"),
        )
        nxt = next_escalation(case, as_of=D(2025, 11, 2), policy=FEICHENG, calendar=CAL)
        assert nxt.step is None
        assert nxt.decision.outcome == "ladder_complete"

    def test_blocked_by_just_cause_has_no_earliest_day(self):
        """A just cause leaves the earliest day unknown."""
        shown = JustCause(
            kind=JustCauseKind.ILLNESS, noted_on=D(2025, 9, 15), evidence=("诊断证明",)
        )
        nxt = next_escalation(
            build(*ATTEMPTS, report(D(2025, 9, 16))),
            as_of=D(2025, 9, 16),
            policy=FEICHENG,
            calendar=CAL,
            just_causes=[shown],
        )
        assert nxt.earliest is None
        assert not nxt.allowed


class TestBadInput:
    @pytest.mark.parametrize(
        ("call", "code"),
        [
            (lambda: esc(None, S.JUDICIAL, D(2025, 1, 1)), "type"),
            (lambda: esc(build(), "judicial", D(2025, 1, 1)), "type"),
            (lambda: esc(build(), S.JUDICIAL, "2025-01-01"), "type"),
            (
                lambda: check_escalation(
                    build(), S.JUDICIAL, as_of=D(2025, 1, 1), policy=None, calendar=CAL
                ),
                "type",
            ),
            (
                lambda: check_escalation(
                    build(), S.JUDICIAL, as_of=D(2025, 1, 1), policy=FEICHENG, calendar=None
                ),
                "type",
            ),
            (lambda: esc(build(), S.JUDICIAL, D(2025, 1, 1), just_causes=None), "type"),
            (
                lambda: esc(build(), S.JUDICIAL, D(2025, 1, 1), just_causes=["ill"]),
                "type",
            ),
            (lambda: esc(build(), S.JUDICIAL, D(2025, 1, 1), child="child"), "type"),
            (
                lambda: next_escalation(None, as_of=D(2025, 1, 1), policy=FEICHENG, calendar=CAL),
                "type",
            ),
            (lambda: JustCause(kind="illness", noted_on=None), "type"),
        ],
    )
    def test_bad_input_raises_kongchuo_errors(self, call, code):
        """None and wrong types raise KongchuoError subclasses with the code naming the problem."""
        with pytest.raises(KongchuoError) as info:
            call()
        assert info.value.code == code

    def test_every_wrong_serious_finding_is_named_in_one_pass(self):
        """serious: a str is refused whole; each item that is not a SeriousFinding is named."""
        with pytest.raises(KongchuoError) as info:
            esc(build(), S.JUDICIAL, D(2025, 1, 1), serious="crime")
        assert (info.value.code, info.value.path) == ("type", "serious")
        with pytest.raises(KongchuoError) as info:
            esc(build(), S.JUDICIAL, D(2025, 1, 1), serious=["crime", None])
        assert [p.path for p in info.value.errors] == ["serious[0]", "serious[1]"]
        assert "应为 SeriousFinding 情节严重认定，实为 str" in info.value.errors[0].message_zh

    def test_is_escalation_allowed(self):
        """is_escalation_allowed agrees with check_escalation."""
        assert is_escalation_allowed(
            build(*ATTEMPTS), S.WRITTEN_REPORT, as_of=D(2025, 9, 16), policy=FEICHENG, calendar=CAL
        )


@st.composite
def ladder_cases(draw):
    """A confirmed case with some attempts, perhaps a report, an order and judicial steps."""
    start = D(2025, 3, 3) + dt.timedelta(days=draw(st.integers(0, 300)))
    day = start + dt.timedelta(days=2)
    events = []
    results = draw(st.lists(st.sampled_from(list(AttemptResult)), max_size=5))
    for result in results:
        day += dt.timedelta(days=draw(st.integers(1, 5)))
        events.append(attempt(day, result))
    if events and draw(st.booleans()):
        day += dt.timedelta(days=draw(st.integers(1, 5)))
        events.append(report(day, materials=DOCS if draw(st.booleans()) else ()))
        if draw(st.booleans()):
            day += dt.timedelta(days=draw(st.integers(1, 5)))
            events.append(order(day, day + dt.timedelta(days=draw(st.integers(1, 30)))))
        if draw(st.booleans()):
            day += dt.timedelta(days=draw(st.integers(1, 40)))
            events.append(judicial(day))
    as_of = day + dt.timedelta(days=draw(st.integers(0, 60)))
    return build(*events, start=start), as_of


def _taken(case, step, as_of):
    kinds = {
        S.WRITTEN_REPORT: WrittenReport,
        S.CORRECTION_ORDER: CorrectionOrdered,
        S.JUDICIAL: JudicialStep,
    }
    return any(isinstance(e, kinds[step]) and e.occurred_on <= as_of for _, e in case.effective())


PROPS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class TestProperties:
    @PROPS
    @given(
        ladder_cases(),
        st.sampled_from([S.WRITTEN_REPORT, S.CORRECTION_ORDER, S.JUDICIAL, S.LEGAL_LIABILITY]),
    )
    def test_never_skips_a_step(self, drawn, to):
        """An allowed step has every lower step of the ladder taken before it."""
        case, as_of = drawn
        if esc(case, to, as_of).ok:
            ladder = FEICHENG.escalation_ladder.value_at(as_of)
            for lower in ladder[1 : ladder.index(to)]:
                if lower in (S.WRITTEN_REPORT, S.CORRECTION_ORDER, S.JUDICIAL):
                    assert _taken(case, lower, as_of)

    @PROPS
    @given(ladder_cases(), st.sampled_from([S.JUDICIAL, S.LEGAL_LIABILITY]))
    def test_never_before_the_deadline(self, drawn, to):
        """A step past the correction order is never allowed on or before its deadline."""
        case, as_of = drawn
        if esc(case, to, as_of).ok:
            orders = [e for _, e in case.effective() if isinstance(e, CorrectionOrdered)]
            assert orders
            assert all(as_of > e.deadline for e in orders)
            for e in orders:
                assert as_of > e.occurred_on + dt.timedelta(days=15)

    @PROPS
    @given(
        ladder_cases(),
        st.sampled_from(list(EscalationStep)),
        st.sampled_from(list(JustCauseKind)),
        st.booleans(),
    )
    def test_a_just_cause_never_makes_escalation_more_allowed(self, drawn, to, kind, proven):
        """Adding a just cause, proven or not, never turns a refusal into an allowance."""
        case, as_of = drawn
        cause = JustCause(kind=kind, noted_on=as_of, evidence=("诊断证明",) if proven else ())
        without = esc(case, to, as_of).ok
        with_cause = esc(case, to, as_of, just_causes=[cause]).ok
        assert not with_cause or without
        if to.coercive:
            assert not with_cause
        else:
            assert with_cause == without


def disabled_child(assessment):
    """The demo child, disabled, whose disability membership carries ``assessment``."""
    from kongchuo import Department, Disability, DisabilityKind, GroupMembership, SpecialGroup
    from kongchuo.demo import sample_child

    return attrs.evolve(
        sample_child(),
        special_groups={SpecialGroup.DISABLED},
        memberships=(
            GroupMembership(
                group=SpecialGroup.DISABLED,
                department=Department.DISABLED_PERSONS_FEDERATION,
                since=D(2024, 1, 1),
                evidence="残疾人证",
                disability=Disability(
                    kind=DisabilityKind.PHYSICAL,
                    grade=1,
                    assessment=assessment,
                    assessed_on=D(2025, 6, 1),
                ),
            ),
        ),
    )


class TestDisability:
    CAUSE = CauseAnalysed(
        **at(D(2025, 9, 10)),
        causes={Cause.DISABILITY},
        primary=Cause.DISABILITY,
        narrative="孩子肢体残疾，行动不便，家长担心在校安全。",
    )

    def test_home_teaching_routes_to_placement(self):
        """An assessment for 送教上门 is a just cause: the case goes to placement."""
        from kongchuo import AbilityAssessment

        child = disabled_child(AbilityAssessment.HOME_TEACHING)
        case = build(self.CAUSE, *ATTEMPTS, report(D(2025, 9, 16)))
        d = esc(case, S.CORRECTION_ORDER, D(2025, 9, 17), child=child)
        assert d.outcome == "just_cause"
        assert "escalation.just_cause.disability_placement" in d.codes()

    def test_regular_class_assessment_is_no_just_cause(self):
        """A child assessed for 随班就读 can attend: the disability is no just cause."""
        from kongchuo import AbilityAssessment

        child = disabled_child(AbilityAssessment.REGULAR_CLASS)
        d = esc(build(self.CAUSE, *ATTEMPTS), S.WRITTEN_REPORT, D(2025, 9, 16), child=child)
        assert d.ok, d.explain()


class TestNoticeEvents:
    def test_notices_become_the_events_the_ladder_reads(self):
        """A school report, an order and a referral recorded from notices climb the ladder."""
        from kongchuo.cases import notice_event
        from kongchuo.notices import NoticeKind, examples

        ex = examples()
        kw = {"recorded_at": dt.datetime(2025, 10, 20, 18, tzinfo=CST), "recorded_by": "李老师"}
        case = build(
            *ATTEMPTS,
            notice_event(ex[NoticeKind.SCHOOL_REPORT], **kw),
            notice_event(ex[NoticeKind.CORRECTION_ORDER], **kw),
            notice_event(ex[NoticeKind.JUDICIAL_REFERRAL], **kw),
            notice_event(ex[NoticeKind.RETURN], **kw),
        )
        assert esc(case, S.LEGAL_LIABILITY, D(2025, 10, 20)).ok
        assert case.events[-1].number == "肥教复〔2025〕12号"

    def test_bad_materials(self):
        """Materials given as one string are refused."""
        from kongchuo.cases import notice_event
        from kongchuo.notices import NoticeKind, examples

        with pytest.raises(KongchuoError) as info:
            notice_event(
                examples()[NoticeKind.RETURN],
                recorded_at=dt.datetime(2025, 10, 20, 18, tzinfo=CST),
                recorded_by="李老师",
                materials="扫描件",
            )
        assert (info.value.code, info.value.path) == ("type", "materials")


def served(method, day):
    """A service record by ``method`` on ``day``."""
    return Service(method=method, served_on=day, recipient="王芳")


REPORTED = (*ATTEMPTS, report(D(2025, 9, 19)))


class TestServiceReading:
    """An order binds the family once served; its time limit runs from the day after.

    民法典 第二百零一条: "按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算。"
    """

    def test_deadline_runs_from_service_not_issue_civil_code_201(self):
        """An order of 09-22 served on 10-08 gives 15 days from 10-09: judicial waits to 10-24."""
        late = order(
            D(2025, 9, 22), D(2025, 10, 9), served(ServiceMethod.IN_PERSON, D(2025, 10, 8))
        )
        case = build(*REPORTED, late)
        assert esc(case, S.JUDICIAL, D(2025, 10, 10)).outcome == "deadline_not_passed"
        assert esc(case, S.JUDICIAL, D(2025, 10, 23)).outcome == "deadline_not_passed"
        assert esc(case, S.JUDICIAL, D(2025, 10, 24)).ok

    def test_unserved_order_is_not_in_force_article_58(self):
        """义务教育法 第五十八条 责令限期改正: an unserved order blocks every step above it."""
        case = build(*REPORTED, order(D(2025, 9, 22), D(2025, 10, 9), service=None))
        for step in (S.JUDICIAL, S.LEGAL_LIABILITY):
            d = esc(case, step, D(2025, 12, 1))
            assert d.outcome in {"order_unserved", "step_missing"}
            assert "escalation.order_unserved" in d.codes()
        nxt = next_escalation(case, as_of=D(2025, 12, 1), policy=FEICHENG, calendar=CAL)
        assert nxt.step is S.JUDICIAL
        assert (nxt.allowed, nxt.earliest, nxt.decision.outcome) == (False, None, "order_unserved")

    def test_left_at_residence_serves_on_the_day_civil_procedure_89(self):
        """民事诉讼法 第八十九条 留置: "把诉讼文书留在受送达人的住所…即视为送达" — on that day."""
        left = order(
            D(2025, 9, 22), D(2025, 10, 9), served(ServiceMethod.LEFT_AT_RESIDENCE, D(2025, 9, 22))
        )
        assert esc(build(*REPORTED, left), S.JUDICIAL, D(2025, 10, 10)).ok

    def test_post_serves_on_signature_civil_procedure_91(self):
        """Post serves on signature: "以回执上注明的收件日期为送达日期" (民事诉讼法 第九十一条)."""
        posted = order(D(2025, 9, 22), D(2025, 10, 9), served(ServiceMethod.POST, D(2025, 9, 26)))
        case = build(*REPORTED, posted)
        # 09-26 + 15 days = 10-11, a 调休 working Saturday: the last day.
        assert esc(case, S.JUDICIAL, D(2025, 10, 11)).outcome == "deadline_not_passed"
        assert esc(case, S.JUDICIAL, D(2025, 10, 12)).ok

    def test_announcement_serves_after_the_policy_period_civil_procedure_95(self):
        """公告送达 serves after a policy period: "经过三十日，即视为送达" (民诉法 第九十五条)."""
        announced = order(
            D(2025, 9, 22),
            D(2025, 10, 9),
            served(ServiceMethod.PUBLIC_ANNOUNCEMENT, D(2025, 9, 22)),
        )
        case = build(*REPORTED, announced)
        # 09-22 + 30 days = 10-22 (served); + 15 days = 11-06.
        assert esc(case, S.JUDICIAL, D(2025, 11, 6)).outcome == "deadline_not_passed"
        assert esc(case, S.JUDICIAL, D(2025, 11, 7)).ok
        period = FEICHENG.announcement_service_period.at(D(2025, 9, 22))
        assert period.value.count == 30
        assert "民事诉讼法 第九十五条" in period.basis


class TestOutOfSchoolLadder:
    """A child who never enrolled has no school to report: the township or bureau acts.

    义务教育法 第五十八条: "由当地乡镇人民政府或者县级人民政府教育行政部门给予批评教育，
    责令限期改正。"
    """

    def _case(self, *events):
        return build(*events, kind=CaseKind.OUT_OF_SCHOOL)

    @pytest.mark.parametrize("policy", [FEICHENG, NATIONAL])
    def test_out_of_school_order_needs_no_school_report_article_58(self, policy):
        """A 失学 case may take the order without a school's written report."""
        d = esc(self._case(*ATTEMPTS), S.CORRECTION_ORDER, D(2025, 9, 16), policy=policy)
        assert d.ok, d.explain()
        assert "escalation.step_missing" not in d.codes()
        report_step = esc(self._case(*ATTEMPTS), S.WRITTEN_REPORT, D(2025, 9, 16), policy=policy)
        assert report_step.outcome == "not_in_ladder"

    def test_out_of_school_case_records_the_order_and_climbs_article_58(self):
        """The log takes a 失学 order straight after persuasion; the judicial step follows it."""
        case = self._case(*ATTEMPTS, order(D(2025, 9, 16), D(2025, 10, 9)))
        assert case.state.value == "escalated"
        assert esc(case, S.JUDICIAL, D(2025, 10, 9)).outcome == "deadline_not_passed"
        assert esc(case, S.JUDICIAL, D(2025, 10, 10)).ok

    def test_ladder_per_case_kind_is_policy_data(self):
        """The 失学 ladder is a dated, cited parameter keyed by the case kind."""
        ladders = FEICHENG.case_kind_ladders.at(D(2025, 9, 1))
        assert S.WRITTEN_REPORT not in ladders.value.of(CaseKind.OUT_OF_SCHOOL.value)
        assert ladders.value.of(CaseKind.DROPOUT.value) is None
        assert "义务教育法 第五十八条" in ladders.basis


class TestReportIsADuty:
    """The report is the school's duty, not a measure against the family.

    未成年人保护法 第二十八条第二款: "劝返无效的，应当及时向教育行政部门书面报告。"
    """

    def test_report_allowed_and_due_when_family_never_met_article_28(self):
        """Four NOT_MET visits: the report is allowed and flagged as due."""
        visits = [attempt(D(2025, 9, d), AttemptResult.NOT_MET) for d in (10, 11, 12, 15)]
        visits = [attrs.evolve(v, met=()) for v in visits]
        d = esc(build(*visits), S.WRITTEN_REPORT, D(2025, 9, 16))
        assert d.ok, d.explain()
        assert "escalation.report_due" in d.codes()
        assert "escalation.persuasion.insufficient" not in d.codes()
        # The coercive order still waits for persuasion at which the family is met.
        filed = build(*visits, report(D(2025, 9, 16)))
        assert esc(filed, S.CORRECTION_ORDER, D(2025, 9, 17)).outcome == (
            "persuasion_not_exhausted"
        )

    def test_report_allowed_and_due_on_unproven_claim_article_28(self):
        """A claimed illness without proof does not hold back the report; it makes it due."""
        claim = JustCause(kind=JustCauseKind.ILLNESS, noted_on=D(2025, 9, 11))
        d = esc(build(*ATTEMPTS[:1]), S.WRITTEN_REPORT, D(2025, 9, 12), just_causes=[claim])
        assert d.ok, d.explain()
        assert "escalation.report_due" in d.codes()
        coercive = esc(build(*REPORTED), S.CORRECTION_ORDER, D(2025, 9, 20), just_causes=[claim])
        assert coercive.outcome == "evidence_missing"


class TestJudicialAuthorities:
    """The seed's 司法部门 that issues 司法文书 and holds 巡回法庭 is the court.

    未成年人保护法 第一百一十八条第二款: "公安机关接到报告…应当予以训诫，并可以责令其接受
    家庭教育指导。"
    """

    @pytest.mark.parametrize("policy", [FEICHENG, NATIONAL])
    def test_judicial_step_goes_to_court_police_procuratorate_article_118(self, policy):
        """The judicial step's authorities are policy data, never the 司法行政部门."""
        owners = policy.step_authorities.value_at(D(2025, 10, 1)).of(S.JUDICIAL)
        assert Party.JUSTICE not in owners
        assert {Party.COURT, Party.PUBLIC_SECURITY, Party.PROCURATORATE} == set(owners)
        nxt = next_escalation(build(*LADDER), as_of=D(2025, 10, 10), policy=policy, calendar=CAL)
        assert nxt.step is S.JUDICIAL
        assert nxt.owners == owners


class TestLiabilityTrack:
    """Seed 二(四) (FC-2.4): "情节严重或构成犯罪的，依法追究法律责任。"."""

    def test_evidenced_crime_takes_liability_without_judicial_step_fc_2_4(self):
        """An evidenced finding of a crime opens liability without the judicial step first."""
        from kongchuo.cases import SeriousFinding, SeriousKind

        case = build(*LADDER)
        crime = SeriousFinding(
            kind=SeriousKind.CRIME,
            found_on=D(2025, 10, 12),
            found_by="肥城市公安局",
            evidence=("立案决定书",),
        )
        assert esc(case, S.LEGAL_LIABILITY, D(2025, 10, 13)).outcome == "step_missing"
        d = esc(case, S.LEGAL_LIABILITY, D(2025, 10, 13), serious=[crime])
        assert d.ok, d.explain()
        unproven = attrs.evolve(crime, evidence=())
        held = esc(case, S.LEGAL_LIABILITY, D(2025, 10, 13), serious=[unproven])
        assert held.outcome == "step_missing"


class TestJustCausesToTheLetter:
    """Placement and illness are just causes (义务教育法 第十一条; 残疾人教育条例 第十七条)."""

    def test_disability_placement_is_a_just_cause_without_cause_analysis(self):
        """A child routed to 送教上门 is not escalated, whatever the log says (第十七条)."""
        from kongchuo import AbilityAssessment

        child = disabled_child(AbilityAssessment.HOME_TEACHING)
        d = esc(build(*LADDER), S.JUDICIAL, D(2025, 10, 10), child=child)
        assert d.outcome == "just_cause"
        assert "escalation.just_cause.disability_placement" in d.codes()

    def test_illness_needs_a_medical_certificate_not_any_attachment(self):
        """Illness counts with a 诊断证明; a guardian's statement is no proof."""
        cause = CauseAnalysed(
            **at(D(2025, 9, 10)),
            causes={Cause.ILLNESS},
            primary=Cause.ILLNESS,
            narrative="家长称孩子身体不好，长期头痛，只有家长自述材料。",
            materials=("家长陈述",),
        )
        d = esc(build(cause, *REPORTED), S.CORRECTION_ORDER, D(2025, 9, 20))
        assert d.outcome == "evidence_missing"
        shown = JustCause(kind=JustCauseKind.ILLNESS, noted_on=D(2025, 9, 12), evidence=("照片",))
        assert esc(
            build(*REPORTED), S.CORRECTION_ORDER, D(2025, 9, 20), just_causes=[shown]
        ).outcome == ("evidence_missing")

    def test_penalty_gate_reads_the_regulation_parameter_not_citation_text(self):
        """A ladder citing a 条例 by name does not open a penalty (行政处罚法 第十二条)."""
        ladder = (S.PERSUASION, S.WRITTEN_REPORT, S.CORRECTION_ORDER, S.ADMINISTRATIVE_PENALTY)
        policy = attrs.evolve(
            FEICHENG,
            escalation_ladder=FEICHENG.escalation_ladder.with_value(
                ladder,
                effective_from=D(2025, 1, 1),
                description="含行政处罚",
                basis=("某省义务教育条例 第某条",),
            ),
        )
        d = check_escalation(
            build(*LADDER),
            S.ADMINISTRATIVE_PENALTY,
            as_of=D(2025, 10, 10),
            policy=policy,
            calendar=CAL,
        )
        assert d.outcome == "no_local_regulation"


class TestBasisFromTheProfile:
    def test_national_decision_cites_no_feicheng_clause(self):
        """A decision under NATIONAL rests on national texts, never on the seed's FC clauses."""
        d = check_escalation(
            build(*LADDER), S.JUDICIAL, as_of=D(2025, 10, 10), policy=NATIONAL, calendar=CAL
        )
        cited = [*d.basis, *(b for f in d.findings for b in f.basis)]
        assert not [b for b in cited if b.startswith("FC-")]
        feicheng = check_escalation(
            build(*LADDER), S.JUDICIAL, as_of=D(2025, 10, 10), policy=FEICHENG, calendar=CAL
        )
        assert "FC-2.4" in feicheng.basis


@st.composite
def order_cases(draw):
    """A reported case with a correction order that may or may not be served yet."""
    issued = D(2025, 9, 22) + dt.timedelta(days=draw(st.integers(0, 60)))
    service = draw(
        st.one_of(
            st.none(),
            st.builds(
                served,
                st.sampled_from(list(ServiceMethod)),
                st.integers(0, 40).map(lambda n: issued + dt.timedelta(days=n)),
            ),
        )
    )
    events = [*REPORTED, order(issued, issued + dt.timedelta(days=15), service=service)]
    if draw(st.booleans()):
        events.append(judicial(issued + dt.timedelta(days=draw(st.integers(1, 60)))))
    as_of = issued + dt.timedelta(days=draw(st.integers(0, 120)))
    return build(*events), as_of


class TestServiceProperties:
    @PROPS
    @given(order_cases(), st.sampled_from([S.JUDICIAL, S.LEGAL_LIABILITY]))
    def test_no_coercive_step_above_an_unserved_order(self, drawn, to):
        """While the order is unserved on as_of, no step above it is ever allowed."""
        case, as_of = drawn
        orders = [e for _, e in case.effective() if isinstance(e, CorrectionOrdered)]
        unserved = orders[-1].service is None or orders[-1].service.served_on > as_of
        if unserved:
            assert not esc(case, to, as_of).ok

    @PROPS
    @given(ladder_cases())
    def test_report_never_refused_for_lack_of_persuasion(self, drawn):
        """The school's written report never fails on persuasion or on the family's claims."""
        case, as_of = drawn
        claim = JustCause(kind=JustCauseKind.ILLNESS, noted_on=as_of)
        for causes in ((), (claim,)):
            d = esc(case, S.WRITTEN_REPORT, as_of, just_causes=causes)
            assert not [
                f
                for f in d.errors
                if f.code.startswith(("escalation.persuasion", "escalation.evidence"))
            ]
            assert d.outcome in {"allowed", "resolved", "not_confirmed"}
