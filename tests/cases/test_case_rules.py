"""The case rules of FC-1.2, FC-1.5 and FC-2.5: ledgers, verification, care, findings."""

import datetime as dt
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kongchuo.cases
from kongchuo import Child, ChinaCalendar, ResidentId, Severity, Sex, SpecialGroup, StudentNumber
from kongchuo.cases import (
    HARDSHIP_GROUPS,
    LEDGER_FINDINGS,
    AidRecord,
    ApprovingAuthority,
    CarePlan,
    Case,
    CaseKind,
    DeferralKind,
    Deferred,
    IdentificationMethod,
    Identified,
    Person,
    Role,
    Verified,
    check_care,
    check_escalation,
    check_ledger,
    deferral_in_force,
    ledger_of,
    ledgers,
)
from kongchuo.policy import FEICHENG, EscalationStep, Ledger, Span, TimeUnit
from kongchuo.testing import cases

D = dt.date
CST = dt.timezone(dt.timedelta(hours=8))
OPENED = D(2025, 9, 8)
CHECKED = D(2025, 9, 9)


def stamp(day: dt.date) -> dict:
    return {
        "occurred_on": day,
        "recorded_at": dt.datetime(day.year, day.month, day.day, 18, tzinfo=CST),
        "recorded_by": "李老师",
    }


def opened(kind: CaseKind, day: dt.date = OPENED, ref: str = "local-1") -> Case:
    return Case.open(
        case_id=f"FC-{ref}",
        kind=kind,
        jurisdiction="370983003",
        school_code=None if kind is CaseKind.OUT_OF_SCHOOL else "3709830031",
        child_ref=ref,
        identified=Identified(
            **stamp(day), method=IdentificationMethod.SCHOOL_REPORT, found_by="班主任"
        ),
    )


def verified(case: Case, *, confirmed: bool, day: dt.date = CHECKED) -> Case:
    return case.append(Verified(**stamp(day), confirmed=confirmed, finding="核实情况"))


def case_rows(case: Case, as_of: dt.date) -> dict[Ledger, int]:
    views = ledgers([], [case], school_year=2025, as_of=as_of, policy=FEICHENG)
    return {ledger: views[ledger].total for ledger in (Ledger.SUSPECTED_DROPOUTS, Ledger.DROPOUTS)}


class TestLedgerMembership:
    def test_suspected_case_confirmed_moves_to_the_dropout_ledger(self):
        """A suspected dropout verified as a dropout moves to the 辍学学生台账 that day."""
        case = verified(opened(CaseKind.SUSPECTED_DROPOUT), confirmed=True)
        assert ledger_of(case, as_of=D(2025, 9, 8)) is Ledger.SUSPECTED_DROPOUTS
        assert ledger_of(case, as_of=D(2025, 9, 9)) is Ledger.DROPOUTS
        assert case_rows(case, D(2025, 9, 9)) == {
            Ledger.SUSPECTED_DROPOUTS: 0,
            Ledger.DROPOUTS: 1,
        }

    def test_case_verified_as_not_a_dropout_leaves_the_case_ledgers(self):
        """A case verified as not a dropout (经核实排除) is on neither case ledger."""
        for kind in CaseKind:
            case = verified(opened(kind), confirmed=False)
            assert ledger_of(case, as_of=D(2025, 9, 9)) is Ledger.SCHOOL_AGE_CHILDREN
            assert case_rows(case, D(2025, 9, 9)) == {
                Ledger.SUSPECTED_DROPOUTS: 0,
                Ledger.DROPOUTS: 0,
            }

    def test_out_of_school_children_are_on_the_dropout_ledger_by_kind(self):
        """失学 children are listed on the 辍学学生台账, their rows marked out_of_school."""
        case = opened(CaseKind.OUT_OF_SCHOOL)
        views = ledgers([], [case], school_year=2025, as_of=D(2025, 9, 8), policy=FEICHENG)
        (row,) = views[Ledger.DROPOUTS].rows
        assert row.kind is CaseKind.OUT_OF_SCHOOL
        assert views[Ledger.SUSPECTED_DROPOUTS].total == 0

    def test_before_the_case_opens_the_child_is_on_no_case_ledger(self):
        """On a day before identification the case is on no case ledger."""
        case = opened(CaseKind.DROPOUT)
        assert ledger_of(case, as_of=D(2025, 9, 7)) is Ledger.SCHOOL_AGE_CHILDREN

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(case=cases(max_events=10), offset=st.integers(min_value=-3, max_value=40))
    def test_a_case_is_on_exactly_one_ledger_any_day(self, case, offset):
        """At any day a case's ledger is exactly one of the three, and ledgers() agrees."""
        day = D(2025, 9, 8) + dt.timedelta(days=offset)
        ledger = ledger_of(case, as_of=day)
        assert ledger in set(Ledger)
        rows = case_rows(case, day)
        assert sum(rows.values()) == (0 if ledger is Ledger.SCHOOL_AGE_CHILDREN else 1)
        if ledger is not Ledger.SCHOOL_AGE_CHILDREN:
            assert rows[ledger] == 1


def with_value(name: str, value):
    """FEICHENG with the parameter ``name`` set to ``value`` from 2019."""
    history = getattr(FEICHENG, name).with_value(
        value, effective_from=D(2019, 1, 1), description="test", basis=("test",)
    )
    return attrs.evolve(FEICHENG, **{name: history})


class TestImmediateVerification:
    """FC-2.5, the seed: 一旦发生学生辍学或疑似辍学，……立即核实情况 (verify at once)."""

    def test_feicheng_reads_immediately_as_three_days_and_says_so(self):
        """The delay is a dated, cited parameter marked as kongchuo's reading of 立即."""
        param = FEICHENG.verification_delay.at(D(2025, 9, 1))
        assert param.value == Span(count=3, unit=TimeUnit.DAY)
        assert "FC-2.5" in param.basis
        assert any("kongchuo default" in b for b in param.basis)
        assert "errs late" in param.description

    def test_verified_within_the_delay_has_no_finding(self):
        """Verified on the third day after identification: in time."""
        case = verified(opened(CaseKind.SUSPECTED_DROPOUT), confirmed=False, day=D(2025, 9, 11))
        codes = check_ledger(case, as_of=D(2025, 9, 12), policy=FEICHENG).codes()
        assert not any(c.startswith("ledger.verification") for c in codes)

    def test_verified_late_is_a_warning(self):
        """Verified on the fourth day: ledger.verification.late, a warning."""
        case = verified(opened(CaseKind.SUSPECTED_DROPOUT), confirmed=False, day=D(2025, 9, 12))
        decision = check_ledger(case, as_of=D(2025, 9, 12), policy=FEICHENG)
        (finding,) = [f for f in decision.findings if f.code == "ledger.verification.late"]
        assert finding.severity is Severity.WARNING
        assert finding.path == "$.entries[1].event.occurred_on"
        assert "FC-2.5" in finding.basis
        assert "立即核实" in finding.message_zh

    def test_not_verified_after_the_delay_is_an_error(self):
        """Still unverified after the delay: ledger.verification.overdue, the ledger incomplete."""
        case = opened(CaseKind.SUSPECTED_DROPOUT)
        assert (
            "ledger.verification.overdue"
            not in check_ledger(case, as_of=D(2025, 9, 11), policy=FEICHENG).codes()
        )
        decision = check_ledger(case, as_of=D(2025, 9, 12), policy=FEICHENG)
        assert "ledger.verification.overdue" in decision.codes()
        assert not decision.ok

    def test_the_delay_rolls_over_a_holiday_with_a_calendar(self):
        """Identified 30 Sept: three days end in the National Day holiday, so 9 Oct is in time."""
        case = verified(
            opened(CaseKind.DROPOUT, day=D(2025, 9, 30)), confirmed=True, day=D(2025, 10, 9)
        )
        with_cal = check_ledger(
            case, as_of=D(2025, 10, 9), policy=FEICHENG, calendar=ChinaCalendar()
        ).codes()
        without = check_ledger(case, as_of=D(2025, 10, 9), policy=FEICHENG).codes()
        assert "ledger.verification.late" not in with_cal
        assert "ledger.verification.late" in without

    def test_no_delay_set_means_no_check(self):
        """A policy whose verification_delay is None does not check it."""
        policy = with_value("verification_delay", None)
        case = opened(CaseKind.SUSPECTED_DROPOUT)
        codes = check_ledger(case, as_of=D(2026, 1, 1), policy=policy).codes()
        assert "ledger.verification.overdue" not in codes


def _docs_table() -> dict[str, Severity]:
    """The ledger rows of the finding table in docs/cases.md, with the severity they state."""
    text = (Path(__file__).parents[2] / "docs" / "cases.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        match = re.match(r"\| `(ledger\.[a-z_.]+)` \| ([^|]*) \|", line)
        if match:
            warning = "(warning)" in match.group(2)
            rows[match.group(1)] = Severity.WARNING if warning else Severity.ERROR
    return rows


class TestFindingTable:
    def test_docs_table_matches_the_code(self):
        """docs/cases.md lists every ledger finding with the severity the code gives it."""
        assert _docs_table() == dict(LEDGER_FINDINGS)

    def test_every_code_in_the_rules_is_in_the_table(self):
        """Every ledger.* code written in the rules module is in LEDGER_FINDINGS."""
        source = Path(kongchuo.cases.check_ledger.__code__.co_filename).read_text(encoding="utf-8")
        written = set(re.findall(r'"(ledger\.[a-z_]+\.[a-z_]+)"', source))
        assert written <= set(LEDGER_FINDINGS)

    def test_one_overdue_visit_does_not_make_a_ledger_incomplete(self):
        """ledger.attempt.overdue is a warning: the ledger of an overdue case stays complete."""
        case = verified(opened(CaseKind.DROPOUT), confirmed=True)
        decision = check_ledger(case, as_of=D(2025, 9, 9), policy=FEICHENG)
        assert "ledger.attempt.overdue" not in decision.codes()
        assert LEDGER_FINDINGS["ledger.attempt.overdue"] is Severity.WARNING

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(case=cases(max_events=10), offset=st.integers(min_value=0, max_value=120))
    def test_findings_carry_the_tabled_severity(self, case, offset):
        """Every finding check_ledger returns has the severity LEDGER_FINDINGS gives its code."""
        day = D(2025, 9, 8) + dt.timedelta(days=offset)
        for finding in check_ledger(case, as_of=day, policy=FEICHENG).findings:
            assert LEDGER_FINDINGS[finding.code] is finding.severity


def deferred_case(until: dt.date | None) -> Case:
    """A verified dropout whose suspension for physical reasons was approved on 10 Sept."""
    case = verified(opened(CaseKind.DROPOUT), confirmed=True)
    return case.append(
        Deferred(
            **stamp(D(2025, 9, 10)),
            kind=DeferralKind.SUSPENSION,
            approved_by="肥城市教育和体育局",
            authority=ApprovingAuthority.COUNTY_EDUCATION_BUREAU,
            applicant=Person(role=Role.GUARDIAN, name="王芳"),
            condition="骨折术后需卧床休养",
            condition_evidence=("诊断证明-0909",),
            until=until,
            materials=("休学审批表-0910",),
        )
    )


class TestExpiredDeferral:
    """义务教育法 第十一条第二款: 因身体状况需要延缓入学或者休学的 … 批准 (with a term)."""

    def test_in_force_up_to_and_including_until(self):
        """A deferral holds through its until and not a day longer."""
        case = deferred_case(D(2025, 12, 31))
        assert deferral_in_force(case, as_of=D(2025, 12, 31))
        assert not deferral_in_force(case, as_of=D(2026, 1, 1))
        assert deferral_in_force(deferred_case(None), as_of=D(2030, 1, 1))

    def test_expired_deferral_without_return_needs_action(self):
        """After until, without a return, check_ledger reports ledger.deferral.expired."""
        case = deferred_case(D(2025, 12, 31))
        before = check_ledger(case, as_of=D(2025, 12, 31), policy=FEICHENG)
        assert "ledger.deferral.expired" not in before.codes()
        after = check_ledger(case, as_of=D(2026, 1, 1), policy=FEICHENG)
        (finding,) = [f for f in after.findings if f.code == "ledger.deferral.expired"]
        assert finding.severity is Severity.ERROR
        assert finding.path == "$.entries[2].event.until"
        assert "义务教育法 第十一条" in finding.basis
        assert not after.ok

    def test_expired_deferral_is_no_just_cause(self):
        """An approved deferral is a just cause (第五十八条 无正当理由) only while it holds."""
        case = deferred_case(D(2025, 12, 31))
        step = EscalationStep.CORRECTION_ORDER
        calendar = ChinaCalendar()
        held = check_escalation(
            case, step, as_of=D(2025, 12, 31), policy=FEICHENG, calendar=calendar
        )
        ran_out = check_escalation(
            case, step, as_of=D(2026, 1, 5), policy=FEICHENG, calendar=calendar
        )
        assert "escalation.just_cause.deferral" in held.codes()
        assert "escalation.just_cause.deferral" not in ran_out.codes()


def student(*groups: SpecialGroup) -> Child:
    return Child(
        resident_id=ResidentId.parse("370983201206150034"),
        name="刘小红",
        sex=Sex.MALE,
        birth_date=D(2012, 6, 15),
        household_region="370983",
        residence_region="370983",
        jurisdiction="370983003",
        retain_until=D(2031, 8, 31),
        special_groups=set(groups),
    )


def plan(*, one_life: bool, aid: bool) -> CarePlan:
    return CarePlan(
        student_number=StudentNumber.parse("G370983201206150034"),
        mentor="李老师",
        one_life_one_plan=one_life,
        measures=("结对帮扶",),
        consultations=(D(2025, 9, 20),),
        aid=(AidRecord(on=D(2025, 9, 20), kind="生活补助", provider="学校"),) if aid else (),
        started_on=D(2025, 9, 1),
    )


class TestOneLifeOnePlan:
    """FC-1.5: 把建档立卡等家庭经济困难学生作为脱贫攻坚重点对象，“一生一案”制订落实关爱方案."""

    @pytest.mark.parametrize("group", sorted(HARDSHIP_GROUPS))
    def test_every_hardship_group_needs_one_life_one_plan(self, group):
        """Every economically disadvantaged group, not only 脱贫, needs 一生一案 and aid."""
        codes = check_care(
            student(group), plan=plan(one_life=False, aid=False), as_of=D(2025, 10, 1)
        ).codes()
        assert codes == ("care.plan.not_one_life", "care.aid.missing")
        assert check_care(
            student(group), plan=plan(one_life=True, aid=True), as_of=D(2025, 10, 1)
        ).ok

    def test_hardship_groups_include_orphans_and_de_facto_unsupported(self):
        """等 reaches orphans and children de facto without carers, as well as 脱贫."""
        assert {
            SpecialGroup.POVERTY_ALLEVIATED,
            SpecialGroup.ORPHAN,
            SpecialGroup.DE_FACTO_UNSUPPORTED,
        } <= HARDSHIP_GROUPS

    @pytest.mark.parametrize("group", sorted(set(SpecialGroup) - HARDSHIP_GROUPS))
    def test_other_groups_need_a_care_plan_but_not_one_life(self, group):
        """Groups whose membership does not say hardship need care, not 一生一案."""
        decision = check_care(
            student(group), plan=plan(one_life=False, aid=False), as_of=D(2025, 10, 1)
        )
        assert decision.ok

    def test_message_names_the_group(self):
        """The finding names the group that makes the student economically disadvantaged."""
        decision = check_care(
            student(SpecialGroup.ORPHAN), plan=plan(one_life=False, aid=True), as_of=D(2025, 10, 1)
        )
        assert "孤儿" in decision.findings[0].message_zh


def test_clauses_page_reflects_the_code():
    """docs/clauses.md: a clause is cited in the code unless its row says not yet implemented."""
    root = Path(__file__).parents[2]
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in (root / "src" / "kongchuo").rglob("*.py")
    )
    page = (root / "docs" / "clauses.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (FC-\d\.\d) [^|]*\|[^|]*\| ([^|]*)\|", page, flags=re.MULTILINE)
    assert len(rows) == 13
    for clause, implemented in rows:
        cited = re.search(rf"{re.escape(clause)}\b", source) is not None
        assert cited != ("not yet implemented" in implemented), clause


def test_fc_2_1_is_cited_by_party_alone():
    """FC-2.1 (联控联保) is cited by `Party`'s docstring only, as docs/clauses.md says."""
    root = Path(__file__).parents[2]
    citing = sorted(
        p.relative_to(root).as_posix()
        for p in (root / "src" / "kongchuo").rglob("*.py")
        if re.search(r"FC-2\.1\b", p.read_text(encoding="utf-8"))
    )
    assert citing == ["src/kongchuo/policy/_values.py"]
    from kongchuo.policy import Party

    assert "FC-2.1" in (Party.__doc__ or "")
    page = (root / "docs" / "clauses.md").read_text(encoding="utf-8")
    row = next(line for line in page.splitlines() if line.startswith("| FC-2.1 "))
    assert "the one piece of code that cites FC-2.1" in row
    assert "no rule's decision cites FC-2.1" in row
