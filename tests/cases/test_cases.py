import datetime as dt

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kongchuo import ResidentId, ValidationError
from kongchuo import cases as kc
from kongchuo.policy import FEICHENG, NATIONAL, Party

CST = dt.timezone(dt.timedelta(hours=8))
CHILD = ResidentId.parse("370983201206150034")
PRINCIPAL = kc.Person(role=kc.Role.PRINCIPAL, name="张校长")
TEACHER = kc.Person(role=kc.Role.HEAD_TEACHER, name="李老师")
MOTHER = kc.Person(role=kc.Role.GUARDIAN, name="王芳")


def at(day: dt.date, **fields):
    """The common fields of an event that happened and was entered on ``day``."""
    return {
        "occurred_on": day,
        "recorded_at": dt.datetime(day.year, day.month, day.day, 18, tzinfo=CST),
        "recorded_by": "李老师",
        **fields,
    }


def make_event(tag: str, day: dt.date, condition: str | None = None) -> kc.Event:
    """A complete, valid event of type ``tag`` (and machine ``condition``) on ``day``."""
    materials = ("扫描件-001",)
    if tag == "verified" and condition == "not_confirmed":
        return kc.Verified(**at(day), confirmed=False, finding="经核实在外地就读，非辍学")
    build = {
        "identified": lambda: kc.Identified(
            **at(day), method=kc.IdentificationMethod.SCHOOL_REPORT, found_by="班主任"
        ),
        "verified": lambda: kc.Verified(
            **at(day), confirmed=True, finding="连续缺课，家长确认辍学"
        ),
        "cause_analysis": lambda: kc.CauseAnalysed(
            **at(day),
            causes={kc.Cause.LEARNING_DIFFICULTY, kc.Cause.FAMILY_FINANCES},
            primary=kc.Cause.LEARNING_DIFFICULTY,
            narrative="数学跟不上，产生厌学情绪；父母外出务工，家庭经济困难，无人督促学习。",
        ),
        "plan": lambda: kc.PlanMade(
            **at(day),
            measures=("结对帮扶", "申请资助"),
            responsible=(PRINCIPAL, TEACHER),
            target_date=day + dt.timedelta(days=30),
        ),
        "persuasion_attempt": lambda: kc.PersuasionAttempt(
            **at(day),
            method=kc.PersuasionMethod.HOME_VISIT,
            visitors=(PRINCIPAL, TEACHER),
            met=(MOTHER,),
            result=kc.AttemptResult.AGREED_TO_RETURN,
            materials=materials,
        ),
        "notice_issued": lambda: kc.NoticeIssued(
            **at(day), notice="复学通知书", number="肥教复〔2025〕1号", materials=materials
        ),
        "written_report": lambda: kc.WrittenReport(**at(day), reported_to="肥城市教育和体育局"),
        "correction_order": lambda: kc.CorrectionOrdered(
            **at(day),
            issuer="王瓜店街道办事处",
            deadline=day + dt.timedelta(days=15),
            materials=materials,
        ),
        "judicial_step": lambda: kc.JudicialStep(
            **at(day), step="训诫", authority="肥城市人民法院"
        ),
        "penalty_imposed": lambda: kc.PenaltyImposed(
            **at(day), authority="肥城市教育和体育局", regulation="某省义务教育条例"
        ),
        "liability_pursued": lambda: kc.LiabilityPursued(
            **at(day), measure="提起诉讼", authority="肥城市人民法院"
        ),
        "returned": lambda: kc.Returned(
            **at(day), school_code="3709830031", grade=7, materials=materials
        ),
        "placed": lambda: kc.Placed(
            **at(day), placement=kc.Placement.HOME_DELIVERED, registered=True
        ),
        "deferred": lambda: kc.Deferred(
            **at(day),
            kind=kc.DeferralKind.SUSPENSION,
            approved_by="肥城市教育和体育局",
            authority=kc.ApprovingAuthority.COUNTY_EDUCATION_BUREAU,
            applicant=MOTHER,
            condition="骨折术后需卧床休养",
            condition_evidence=("诊断证明-001",),
            materials=materials,
        ),
        "studying_elsewhere": lambda: kc.StudyingElsewhere(
            **at(day),
            school_name="济南市某中学",
            verified_by="李老师",
            confirmation="就读证明-001",
        ),
        "moved_away": lambda: kc.MovedAway(
            **at(day), confirmed_by="肥城市公安局", materials=("户籍迁出证明",)
        ),
        "deceased": lambda: kc.Deceased(
            **at(day), confirmed_by="肥城市公安局", materials=("死亡证明",)
        ),
        "progress_marked": lambda: kc.ProgressMarked(**at(day), platform="全国控辍保学平台"),
        "closed": lambda: kc.Closed(**at(day), approved_by="王瓜店街道教育办公室"),
        "attendance_recorded": lambda: kc.AttendanceRecorded(
            **at(day),
            school_code="3709830031",
            since=day - dt.timedelta(days=40),
            days=school_days(day - dt.timedelta(days=40), day),
        ),
        "reopened": lambda: kc.Reopened(**at(day), reason="再次连续缺课"),
    }
    return build[tag]()


def school_days(first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
    """The weekdays from ``first`` to ``last``, both included."""
    days = (first + dt.timedelta(days=i) for i in range((last - first).days + 1))
    return tuple(d for d in days if d.weekday() < 5)


def attendance_since_return(case: kc.Case, day: dt.date) -> kc.AttendanceRecorded:
    """Attendance on every weekday from the case's return to ``day``."""
    since = case.resolving_event()[1].occurred_on
    return kc.AttendanceRecorded(
        **at(day), school_code="3709830031", since=since, days=school_days(since, day)
    )


def open_case(
    kind: kc.CaseKind = kc.CaseKind.DROPOUT, day: dt.date = dt.date(2025, 9, 8)
) -> kc.Case:
    return kc.Case.open(
        case_id="FC-2025-0001",
        kind=kind,
        jurisdiction="370983003",
        school_code="3709830031",
        child_id=CHILD,
        identified=make_event("identified", day),
    )


def walk(tags, start: dt.date = dt.date(2025, 9, 8), *, policy=FEICHENG) -> kc.Case:
    case = open_case(day=start)
    for i, tag in enumerate(tags, start=1):
        case = case.append(make_event(tag, start + dt.timedelta(days=i)), policy=policy)
    return case


FULL_WORK = ["verified", "cause_analysis", "plan", "persuasion_attempt", "progress_marked"]


class TestLog:
    def test_open_starts_identified_and_intact(self):
        """A new case is identified, with one entry chained to the genesis hash."""
        case = open_case()
        assert case.state is kc.CaseState.IDENTIFIED
        assert case.entries[0].prev_hash == case.genesis != kc.GENESIS
        assert case.verify().ok

    def test_append_returns_new_case(self):
        """Appending leaves the old case as it was."""
        case = open_case()
        grown = case.append(make_event("verified", dt.date(2025, 9, 9)))
        assert len(case.entries) == 1
        assert len(grown.entries) == 2
        assert grown.state is kc.CaseState.VERIFIED

    def test_disallowed_event_names_transition(self):
        """An event the machine does not allow raises, naming event and state."""
        with pytest.raises(ValidationError) as exc_info:
            open_case().append(make_event("returned", dt.date(2025, 9, 9)))
        err = exc_info.value
        assert err.code == "case.transition"
        assert "returned" in err.message
        assert "identified" in err.message
        assert err.path == "$.entries[1].event"

    def test_append_rejects_non_events(self):
        """Appending something that is not an event raises ValidationError."""
        for bad in (None, "verified", {"type": "verified"}):
            with pytest.raises(ValidationError) as exc_info:
                open_case().append(bad)
            assert exc_info.value.code == "case.event_type"

    def test_correction_supersedes_without_editing(self):
        """A correction is a new entry; the corrected one stays but no longer counts."""
        case = walk(["verified", "cause_analysis"])
        wrong = case.entries[2].event
        fixed = attrs.evolve(wrong, primary=kc.Cause.FAMILY_FINANCES, supersedes=2)
        corrected = case.append(fixed)
        assert corrected.entries[2].event == wrong
        effective = dict(corrected.effective())
        assert 2 not in effective
        assert effective[3].primary is kc.Cause.FAMILY_FINANCES
        assert corrected.verify().ok

    def test_correction_must_match_type_and_target(self):
        """A correction must name an earlier event of its own type, once."""
        case = walk(["verified", "cause_analysis"])
        with pytest.raises(ValidationError) as exc_info:
            case.append(attrs.evolve(make_event("verified", dt.date(2025, 9, 20)), supersedes=2))
        assert exc_info.value.code == "case.supersedes"
        with pytest.raises(ValidationError) as exc_info:
            case.append(attrs.evolve(case.entries[2].event, supersedes=9))
        assert exc_info.value.code == "case.supersedes"
        assert "earlier 'cause_analysis' event" in str(exc_info.value)
        once = case.append(attrs.evolve(case.entries[2].event, supersedes=2))
        with pytest.raises(ValidationError) as exc_info:
            once.append(attrs.evolve(case.entries[2].event, supersedes=2))
        assert exc_info.value.code == "case.supersedes"
        assert "第 2 条记录已被更正" in str(exc_info.value)
        twice = once.append(attrs.evolve(case.entries[2].event, supersedes=3))
        assert [seq for seq, _ in twice.effective()] == [0, 1, 4]

    def test_event_validation_reports_every_problem(self):
        """A bad event reports all its problems in one pass with paths."""
        with pytest.raises(ValidationError) as exc_info:
            kc.PersuasionAttempt(
                occurred_on=dt.date(2025, 9, 10),
                recorded_at=dt.datetime(2025, 9, 9, 8),  # noqa: DTZ001 - naive on purpose
                recorded_by=" ",
                method="door",
                visitors=(),
                met=(),
                result=kc.AttemptResult.REFUSED,
            )
        paths = {p.path for p in exc_info.value.errors}
        assert {"$.recorded_at", "$.recorded_by", "$.method"} <= paths

    def test_recorded_before_occurred_is_rejected(self):
        """An event cannot be entered before it happened."""
        with pytest.raises(ValidationError) as exc_info:
            kc.Verified(
                occurred_on=dt.date(2025, 9, 10),
                recorded_at=dt.datetime(2025, 9, 9, 8, tzinfo=CST),
                recorded_by="李老师",
                confirmed=True,
                finding="核实",
            )
        assert exc_info.value.code == "event.recorded_before_occurred"

    def test_cause_primary_must_be_listed(self):
        """The primary cause is one of the causes."""
        with pytest.raises(ValidationError) as exc_info:
            kc.CauseAnalysed(
                **at(dt.date(2025, 9, 9)),
                causes={kc.Cause.ILLNESS},
                primary=kc.Cause.WORK,
                narrative="因病在家休养，家长未办理请假手续，现已康复。",
            )
        assert exc_info.value.code == "cause_analysis.primary_not_listed"

    def test_repr_masks_child_id(self):
        """A case's repr never shows the child's full ID number."""
        case = open_case()
        assert CHILD.value not in repr(case)
        assert CHILD.value not in str(case)

    def test_child_needed(self):
        """A case names its child by ID number or local reference."""
        with pytest.raises(ValidationError) as exc_info:
            kc.Case(case_id="c", kind=kc.CaseKind.DROPOUT, jurisdiction="370983")
        assert exc_info.value.code == "case.child_missing"


class TestVerify:
    def test_changed_event_is_detected(self):
        """Changing a stored event breaks its hash."""
        case = walk(FULL_WORK)
        entries = list(case.entries)
        entries[2] = attrs.evolve(
            entries[2],
            event=attrs.evolve(entries[2].event, narrative="改写后的原因分析内容，与原记录不同。"),
        )
        tampered = attrs.evolve(case, entries=tuple(entries))
        decision = tampered.verify()
        assert not decision.ok
        assert "log.hash" in decision.codes()

    def test_removed_entry_is_detected(self):
        """Removing an entry in the middle breaks the chain."""
        case = walk(FULL_WORK)
        tampered = attrs.evolve(case, entries=case.entries[:2] + case.entries[3:])
        assert not tampered.verify().ok

    def test_reordered_entries_are_detected(self):
        """Swapping two entries breaks the chain."""
        case = walk(FULL_WORK)
        e = list(case.entries)
        e[2], e[3] = e[3], e[2]
        assert not attrs.evolve(case, entries=tuple(e)).verify().ok

    def test_cut_tail_needs_stored_head(self):
        """A cut-off tail is found against the head hash stored apart."""
        case = walk(FULL_WORK)
        cut = attrs.evolve(case, entries=case.entries[:-1])
        assert cut.verify().ok
        assert not cut.verify(expected_head=case.head).ok
        assert case.verify(expected_head=case.head).ok


class TestLedger:
    def test_complete_ledger(self):
        """A case with every detail recorded has a complete ledger."""
        case = walk(FULL_WORK)
        decision = kc.check_ledger(case, as_of=dt.date(2025, 9, 20), policy=FEICHENG)
        assert decision.ok, decision.explain()

    def test_missing_cause_plan_and_attempts(self):
        """A verified case with nothing else recorded lists each gap."""
        case = walk(["verified"])
        decision = kc.check_ledger(case, as_of=dt.date(2025, 9, 20), policy=FEICHENG)
        assert not decision.ok
        assert {"ledger.cause.missing", "ledger.plan.missing", "ledger.attempt.none"} <= set(
            decision.codes()
        )

    def test_thin_cause_and_attempt_without_people(self):
        """A thin narrative and an attempt without who/whom/next step are findings."""
        case = walk(["verified"])
        day = dt.date(2025, 9, 10)
        case = case.append(
            kc.CauseAnalysed(
                **at(day), causes={kc.Cause.OTHER}, primary=kc.Cause.OTHER, narrative="不想上"
            )
        )
        case = case.append(
            kc.PersuasionAttempt(
                **at(day),
                method=kc.PersuasionMethod.PHONE,
                visitors=(),
                met=(),
                result=kc.AttemptResult.REFUSED,
            )
        )
        codes = set(kc.check_ledger(case, as_of=day, policy=FEICHENG).codes())
        assert {
            "ledger.cause.thin",
            "ledger.attempt.no_visitors",
            "ledger.attempt.nobody_met",
            "ledger.attempt.no_next_step",
            "ledger.attempt.no_principal_visit",
        } <= codes

    def test_principal_visit_is_a_feicheng_rule(self):
        """FEICHENG asks for the principal's home visit; NATIONAL does not."""
        case = walk(["verified", "cause_analysis", "plan"])
        day = dt.date(2025, 9, 12)
        case = case.append(
            kc.PersuasionAttempt(
                **at(day),
                method=kc.PersuasionMethod.HOME_VISIT,
                visitors=(TEACHER,),
                met=(MOTHER,),
                result=kc.AttemptResult.UNDECIDED,
                next_step="一周后再访",
            )
        )
        case = case.append(make_event("progress_marked", day))
        feicheng = kc.check_ledger(case, as_of=day, policy=FEICHENG).codes()
        national = kc.check_ledger(case, as_of=day, policy=NATIONAL).codes()
        assert "ledger.attempt.no_principal_visit" in feicheng
        assert "ledger.attempt.no_principal_visit" not in national

    def test_overdue_and_unmarked_attempts(self):
        """An open case whose last attempt is old, and unmarked, is flagged."""
        case = walk(["verified", "cause_analysis", "plan", "persuasion_attempt"])
        decision = kc.check_ledger(case, as_of=dt.date(2025, 11, 30), policy=FEICHENG)
        assert "ledger.attempt.overdue" in decision.codes()
        assert "ledger.platform.not_marked" in decision.codes()

    def test_future_and_late_entries(self):
        """Events after as_of and events entered late are findings."""
        case = walk(FULL_WORK)
        decision = kc.check_ledger(case, as_of=dt.date(2025, 9, 10), policy=FEICHENG)
        assert "ledger.date.future" in decision.codes()
        late = kc.Verified(
            occurred_on=dt.date(2025, 9, 9),
            recorded_at=dt.datetime(2025, 10, 9, 8, tzinfo=CST),
            recorded_by="李老师",
            confirmed=True,
            finding="核实",
        )
        case2 = open_case().append(late)
        assert (
            "ledger.entry.late"
            in kc.check_ledger(case2, as_of=dt.date(2025, 10, 9), policy=FEICHENG).codes()
        )

    def test_materials_needed_for_stage(self):
        """A return without proof is a finding."""
        case = walk(FULL_WORK)
        case = case.append(
            kc.Returned(**at(dt.date(2025, 9, 15)), school_code="3709830031", grade=7)
        )
        codes = kc.check_ledger(case, as_of=dt.date(2025, 9, 20), policy=FEICHENG).codes()
        assert "ledger.materials.proof_of_return" in codes

    def test_bad_arguments(self):
        """Wrong argument types raise ValidationError naming the argument."""
        case = open_case()
        with pytest.raises(ValidationError) as exc_info:
            kc.check_ledger(None, as_of=dt.date(2025, 9, 9), policy=FEICHENG)
        assert exc_info.value.path == "case"
        with pytest.raises(ValidationError) as exc_info:
            kc.check_ledger(case, as_of="2025-09-09", policy=FEICHENG)
        assert (exc_info.value.code, exc_info.value.path) == ("type", "as_of")
        with pytest.raises(ValidationError) as exc_info:
            kc.check_ledger(case, as_of=dt.date(2025, 9, 9), policy="feicheng")
        assert (exc_info.value.code, exc_info.value.path) == ("type", "policy")


class TestClosure:
    def test_returned_needs_attendance(self):
        """A returned child's case waits for the policy's days of attendance."""
        case = walk([*FULL_WORK, "returned"])
        decision = kc.check_closure(case, as_of=dt.date(2025, 9, 20), policy=FEICHENG)
        assert decision.outcome == "attendance_short"

    def test_placed_child_closes(self):
        """A placed child with a complete ledger may close, and the case closes."""
        case = walk([*FULL_WORK, "placed"])
        day = dt.date(2025, 9, 30)
        assert kc.check_closure(case, as_of=day, policy=FEICHENG).ok
        closed = case.append(make_event("closed", day), policy=FEICHENG)
        assert closed.state is kc.CaseState.CLOSED
        reopened = closed.append(make_event("reopened", day + dt.timedelta(days=1)))
        assert reopened.state is kc.CaseState.VERIFIED

    def test_closing_needs_policy_and_complete_ledger(self):
        """Closing without a policy is refused; close_case refuses an incomplete ledger."""
        case = walk(["verified", "placed"])
        closing = make_event("closed", dt.date(2025, 9, 30))
        with pytest.raises(ValidationError) as exc_info:
            case.append(closing)
        assert exc_info.value.code == "case.policy_required"
        with pytest.raises(ValidationError) as exc_info:
            kc.close_case(case, closing, policy=FEICHENG)
        assert exc_info.value.code == "closure.refused"
        assert len(exc_info.value.errors) >= 3

    def test_open_case_is_not_resolved(self):
        """A case still in persuasion cannot close."""
        decision = kc.check_closure(walk(FULL_WORK), as_of=dt.date(2025, 9, 20), policy=FEICHENG)
        assert decision.outcome == "not_resolved"
        assert not decision.ok


class TestResponsibility:
    def test_dropout_school_principal_first(self):
        """For a dropout the school holding the registration answers first."""
        parties = kc.responsible_parties(open_case())
        assert parties[0].party is Party.SCHOOL
        assert parties[0].first
        assert parties[0].unit == "3709830031"

    def test_out_of_school_bureau_and_township(self):
        """For a child never enrolled the bureau and the township answer, with the village."""
        parties = kc.responsible_parties(open_case(kind=kc.CaseKind.OUT_OF_SCHOOL))
        assert [p.party for p in parties] == [
            Party.EDUCATION_BUREAU,
            Party.TOWN_GOVERNMENT,
            Party.VILLAGE_COMMITTEE,
        ]
        assert all("义务教育法 第十三条" in p.basis for p in parties)


# -- properties ------------------------------------------------------------------------

_ALLOWED: dict[kc.CaseState, list] = {}
for _t in kc.MACHINE:
    for _s in _t.sources:
        _ALLOWED.setdefault(_s, []).append(_t)


@st.composite
def event_walks(draw, max_steps: int = 12):
    """A case grown by a random walk of events the machine allows."""
    case = open_case()
    expected = kc.CaseState.IDENTIFIED
    day = dt.date(2025, 9, 8)
    for _ in range(draw(st.integers(min_value=0, max_value=max_steps))):
        choices = _ALLOWED.get(expected, [])
        if not choices:
            break
        transition = draw(st.sampled_from(choices))
        day += dt.timedelta(days=draw(st.integers(min_value=0, max_value=30)))
        event = make_event(transition.event, day, transition.condition)
        if transition.event == "attendance_recorded":
            event = attendance_since_return(case, day)
        if transition.event == "closed":
            allowed = kc.check_closure(case, as_of=day, policy=FEICHENG).ok
            if not allowed:
                with pytest.raises(ValidationError) as exc_info:
                    kc.close_case(case, event, policy=FEICHENG)
                assert exc_info.value.code == "closure.refused"
                continue
            case = kc.close_case(case, event, policy=FEICHENG)
        else:
            case = case.append(event, policy=FEICHENG)
        if transition.target is not None:
            expected = transition.target
        assert case.state is expected
    return case, expected


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(event_walks())
def test_derived_state_follows_machine(walked):
    """The derived state is the machine's state after every valid event sequence."""
    case, expected = walked
    assert case.state is expected
    assert kc.derive_state(e for _, e in case.effective()) is expected
    assert case.verify(expected_head=case.head, policy=FEICHENG).ok


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(event_walks(), st.data())
def test_tampering_is_detected(walked, data):
    """Any change, removal or reordering of stored entries is detected."""
    case, _ = walked
    entries = list(case.entries)
    head = case.head
    if len(entries) < 2:
        entries[0] = attrs.evolve(
            entries[0], event=attrs.evolve(entries[0].event, recorded_by="某人")
        )
    else:
        how = data.draw(st.sampled_from(["change", "remove", "swap", "truncate"]))
        i = data.draw(st.integers(min_value=0, max_value=len(entries) - 2))
        if how == "change":
            e = entries[i]
            entries[i] = attrs.evolve(e, event=attrs.evolve(e.event, recorded_by="某人"))
        elif how == "remove":
            del entries[i]
        elif how == "swap":
            entries[i], entries[i + 1] = entries[i + 1], entries[i]
        else:
            entries = entries[: i + 1]
    tampered = attrs.evolve(case, entries=tuple(entries))
    assert not tampered.verify(expected_head=head).ok


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(event_walks())
def test_closed_cases_had_complete_ledgers(walked):
    """Every case that reached 销号 through close_case passed check_closure that day."""
    case, _ = walked
    for i, entry in enumerate(case.entries):
        if entry.event.tag == "closed":
            before = attrs.evolve(case, entries=case.entries[:i])
            assert kc.check_closure(before, as_of=entry.event.occurred_on, policy=FEICHENG).ok


class TestLedgers:
    def test_three_ledgers_with_counts(self):
        """Open cases land in the suspected or dropout ledger with counts by jurisdiction."""
        from kongchuo.cases import ledgers
        from kongchuo.policy import Ledger

        dropout = walk(FULL_WORK)
        suspected = attrs.evolve(open_case(kind=kc.CaseKind.SUSPECTED_DROPOUT), case_id="FC-2")
        closed = walk([*FULL_WORK, "placed", "closed"])
        views = ledgers(
            [],
            [dropout, suspected, closed],
            school_year=2025,
            as_of=dt.date(2025, 12, 1),
            policy=NATIONAL,
        )
        assert views[Ledger.DROPOUTS].total == 1
        assert views[Ledger.SUSPECTED_DROPOUTS].total == 1
        assert views[Ledger.DROPOUTS].by_jurisdiction == {"370983003": 1}
        before = ledgers(
            [], [closed], school_year=2025, as_of=dt.date(2025, 9, 10), policy=NATIONAL
        )
        assert before[Ledger.DROPOUTS].rows[0].state is kc.CaseState.VERIFIED

    def test_feicheng_before_2024_keeps_two_ledgers(self):
        """Before the 2024 notice the Feicheng profile keeps no suspected-dropout ledger."""
        from kongchuo.cases import ledgers
        from kongchuo.policy import Ledger

        views = ledgers([], [], school_year=2020, as_of=dt.date(2020, 9, 1), policy=FEICHENG)
        assert set(views) == {Ledger.SCHOOL_AGE_CHILDREN, Ledger.DROPOUTS}

    def test_rejects_wrong_inputs(self):
        """A non-case among the cases is named by its index."""
        from kongchuo.cases import ledgers

        with pytest.raises(ValidationError) as exc_info:
            ledgers(
                [], [open_case(), "x"], school_year=2025, as_of=dt.date(2025, 9, 9), policy=NATIONAL
            )
        assert exc_info.value.path == "cases[1]"


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(st.from_type(kc.Case))
def test_case_strategy_builds_valid_cases(case):
    """kongchuo.testing.cases() (registered for Case) builds cases that verify."""
    assert case.verify(expected_head=case.head).ok
    assert case.state is kc.derive_state(e for _, e in case.effective())


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(st.from_type(kc.Case))
def test_case_json_round_trip_keeps_the_chain(case):
    """from_json(to_json(case)) is the same case, and its log still verifies."""
    import kongchuo

    again = kongchuo.from_json(kongchuo.to_json(case), kc.Case)
    assert again == case
    assert again.verify(expected_head=case.head).ok
    masked = kongchuo.to_json(case, mask=True)
    if case.child_id is not None:
        assert case.child_id.value not in masked


def test_case_documents_report_every_problem():
    """A bad case document lists each problem with its path, events included."""
    import json

    import kongchuo

    doc = json.loads(kongchuo.to_json(walk(["verified"])))
    doc["kind"] = "truant"
    doc["entries"][1]["event"]["confirmed"] = "yes"
    doc["entries"][0]["event"]["type"] = "spotted"
    with pytest.raises(ValidationError) as exc_info:
        kongchuo.from_json(json.dumps(doc), kc.Case)
    paths = {p.path for p in exc_info.value.errors}
    assert {"$.kind", "$.entries[1].event.confirmed", "$.entries[0].event.type"} <= paths


def test_case_json_schema_names_every_event():
    """The JSON Schema of a case describes every event type by its tag."""
    import kongchuo
    from kongchuo.cases import EVENT_TYPES

    schema = kongchuo.json_schema(kc.Case)
    for tag, cls in EVENT_TYPES.items():
        assert schema["$defs"][cls.__name__]["properties"]["type"] == {"const": tag}
