"""The case log survives damage and tampering, and closes only on real grounds (issue 9)."""

import contextlib
import datetime as dt
import json

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cases import (
    CHILD,
    FULL_WORK,
    MOTHER,
    TEACHER,
    at,
    attendance_since_return,
    event_walks,
    make_event,
    open_case,
    walk,
)

import kongchuo
from kongchuo import ValidationError
from kongchuo.cases import (
    CLOSURE_GROUNDS,
    GENESIS,
    MACHINE,
    ApprovingAuthority,
    AttemptResult,
    Case,
    CaseKind,
    CaseState,
    DeferralKind,
    Deferred,
    Entry,
    Placed,
    Placement,
    StudyingElsewhere,
    check_closure,
    check_ledger,
    close_case,
    entry_hash,
    ledgers,
    record_attendance,
)
from kongchuo.cases._case import _canonical, _reference_canonical
from kongchuo.cases._machine import RESOLVED
from kongchuo.policy import FEICHENG
from kongchuo.testing import events

OPENED = dt.date(2025, 9, 8)


def _entry(seq: int, event, prev: str = GENESIS) -> Entry:
    return Entry(seq=seq, event=event, prev_hash=prev, hash=entry_hash(seq, event, prev))


def _forge(case: Case, event) -> Case:
    """``case`` with ``event`` added by hand, with a correct hash (no append checks)."""
    seq = len(case.entries)
    return attrs.evolve(case, entries=(*case.entries, _entry(seq, event, case.head)))


def _deferral(day: dt.date, *, until: dt.date | None = None, **changes) -> Deferred:
    fields = {
        **at(day),
        "kind": DeferralKind.SUSPENSION,
        "approved_by": "肥城市教育和体育局",
        "authority": ApprovingAuthority.COUNTY_EDUCATION_BUREAU,
        "applicant": MOTHER,
        "condition": "骨折术后需卧床休养",
        "condition_evidence": ("诊断证明-001",),
        "until": until,
        "materials": ("休学审批表-001",),
    }
    fields.update(changes)
    return Deferred(**fields)


# -- a damaged log is refused when loaded, never a hang ------------------------------


class TestDamagedLog:
    def test_duplicate_seq_is_refused_naming_the_entry(self):
        """A stored log that repeats a sequence number is refused when loaded."""
        doc = kongchuo.to_dict(walk(["verified"]))
        doc["entries"].append(doc["entries"][-1])
        with pytest.raises(ValidationError) as exc_info:
            kongchuo.from_dict(doc, Case)
        assert exc_info.value.code == "case.log.duplicate_seq"
        assert exc_info.value.path == "$.entries[2].seq"

    @pytest.mark.parametrize("target", [2, 3])
    def test_correction_pointing_at_itself_or_forward_is_refused(self, target):
        """Supersedes >= seq (a self-loop or a forward pointer) is refused when loaded."""
        case = walk(["verified", "progress_marked"])
        doc = kongchuo.to_dict(case)
        doc["entries"][2]["event"]["supersedes"] = target
        with pytest.raises(ValidationError) as exc_info:
            kongchuo.from_dict(doc, Case)
        assert exc_info.value.code == "case.log.supersedes"
        assert exc_info.value.path == "$.entries[2].event.supersedes"

    def test_a_cycle_of_corrections_is_refused(self):
        """Two entries that correct each other (a cycle) are refused when built."""
        a = attrs.evolve(make_event("progress_marked", OPENED), supersedes=2)
        b = attrs.evolve(make_event("progress_marked", OPENED), supersedes=1)
        first = make_event("identified", OPENED)
        with pytest.raises(ValidationError) as exc_info:
            Case(
                case_id="c",
                kind=CaseKind.DROPOUT,
                jurisdiction="370983003",
                child_ref="x",
                entries=(_entry(0, first), _entry(1, a), _entry(2, b)),
            )
        assert {p.code for p in exc_info.value.errors} == {"case.log.supersedes"}


_MARK = make_event("progress_marked", OPENED)


@st.composite
def supersedes_graphs(draw):
    """Logs of any shape: numbers possibly repeated, corrections pointing anywhere."""
    n = draw(st.integers(min_value=1, max_value=8))
    entries = [_entry(0, make_event("identified", OPENED))]
    for i in range(1, n):
        seq = draw(st.integers(min_value=0, max_value=n))
        target = draw(st.none() | st.integers(min_value=0, max_value=n))
        event = attrs.evolve(_MARK, supersedes=target)
        entries.append(_entry(seq if draw(st.booleans()) else i, event))
    return entries


_HEAD = {"case_id": "c", "kind": CaseKind.DROPOUT, "jurisdiction": "370983003", "child_ref": "x"}


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(supersedes_graphs())
def test_a_loaded_log_never_hangs(entries):
    """Any supersedes graph either fails to load or is read to the end by every reader."""
    seqs = [e.seq for e in entries]
    backward = all(
        e.event.supersedes is None
        or (e.event.supersedes < e.seq and e.event.supersedes in seqs[:i])
        for i, e in enumerate(entries)
    )
    if len(set(seqs)) != len(seqs) or not backward:
        with pytest.raises(ValidationError) as exc_info:
            Case(**_HEAD, entries=tuple(entries))
        assert {p.code for p in exc_info.value.errors} <= {
            "case.log.duplicate_seq",
            "case.log.supersedes",
        }
        return
    case = Case(**_HEAD, entries=tuple(entries))
    for read in (
        lambda: case.state,
        lambda: check_ledger(case, as_of=OPENED, policy=FEICHENG),
        lambda: ledgers([], [case], school_year=2025, as_of=OPENED, policy=FEICHENG),
        lambda: case.append(make_event("verified", OPENED)),
        lambda: case.verify(policy=FEICHENG),
    ):
        with contextlib.suppress(ValidationError):
            read()


# -- the header is bound into the chain -------------------------------------------------


class TestHeader:
    @pytest.mark.parametrize(
        "change",
        [
            {"case_id": "FC-2025-9999"},
            {"kind": CaseKind.SUSPECTED_DROPOUT},
            {"jurisdiction": "370983004"},
            {"child_id": kongchuo.ResidentId.parse("370983201206150050")},
            {"child_ref": "local-2"},
            {"school_code": "3709830099"},
        ],
        ids=lambda c: next(iter(c)),
    )
    def test_a_changed_header_breaks_the_first_link(self, change):
        """Changing any header field is detected by verify(), even without expected_head."""
        case = walk(["verified"])
        assert attrs.evolve(case, **change).verify().codes() == ("log.link",)

    def test_entries_under_another_cases_header_fail(self):
        """Case A's entries under case B's header do not verify."""
        a = walk(["verified"])
        b = Case.open(
            case_id="FC-2025-0002",
            kind=CaseKind.DROPOUT,
            jurisdiction="370983003",
            school_code="3709830031",
            child_ref="local-9",
            identified=make_event("identified", OPENED),
        )
        moved = attrs.evolve(b, entries=a.entries)
        assert not moved.verify(expected_head=a.head).ok
        assert "log.link" in moved.verify().codes()

    def test_a_legacy_log_is_reported_and_migrated(self):
        """A log chained from the old zero genesis is reported; migrate() rebuilds it."""
        case = walk(["verified"])
        old, prev = [], GENESIS
        for e in case.entries:
            old.append(_entry(e.seq, e.event, prev))
            prev = old[-1].hash
        legacy = attrs.evolve(case, entries=tuple(old))
        assert legacy.verify().codes() == ("log.legacy_genesis",)
        migrated = legacy.migrate(expected_head=prev)
        assert migrated.verify(expected_head=migrated.head).ok
        assert migrated.entries == case.entries

    def test_a_damaged_legacy_log_is_not_migrated(self):
        """migrate() checks the old chain first and refuses a changed one."""
        case = walk(["verified"])
        old = [_entry(0, case.entries[0].event)]
        old.append(_entry(1, case.entries[1].event, "f" * 64))
        with pytest.raises(ValidationError) as exc_info:
            attrs.evolve(case, entries=tuple(old)).migrate()
        assert exc_info.value.code == "log.link"
        with pytest.raises(ValidationError) as exc_info:
            case.migrate()
        assert exc_info.value.code == "log.not_legacy"

    def test_masked_exports_leave_the_hashes_out(self):
        """Hashes over the full ID would let a masked ID be guessed: masked exports drop them."""
        doc = kongchuo.to_dict(walk(["verified"]), mask=True)
        assert all("hash" not in e and "prev_hash" not in e for e in doc["entries"])


@given(
    st.sampled_from(sorted(t for t in {t.event for t in MACHINE} if t != "identified")), st.data()
)
@settings(max_examples=60)
def test_the_fast_canonical_text_is_the_json_text(tag, data):
    """The generated encoder writes exactly the sorted-key compact JSON of the full dump."""
    event = data.draw(events(tag, min_value=OPENED))
    assert _canonical(event) == _reference_canonical(event)


# -- a log loaded from JSON is verified over the text it was loaded from -----------------


@given(event_walks())
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
def test_a_loaded_event_keeps_the_canonical_text(walked):
    """Each loaded event keeps the chain's canonical text, and a loaded log verifies as stored."""
    case, _ = walked
    loaded = kongchuo.from_json(kongchuo.to_json(case), Case)
    assert [e.event._loaded for e in loaded.entries] == [
        _reference_canonical(e.event) for e in case.entries
    ]
    assert loaded.verify(expected_head=case.head, policy=FEICHENG) == case.verify(
        expected_head=case.head, policy=FEICHENG
    )


class TestLoadedLog:
    def test_a_changed_field_in_the_stored_document_is_caught(self):
        """A stored document whose event was edited (hashes left as they were) fails."""
        case = walk(FULL_WORK)
        doc = json.loads(kongchuo.to_json(case))
        doc["entries"][2]["event"]["recorded_by"] = "某人"
        decision = kongchuo.from_dict(doc, Case).verify()
        assert decision.codes() == ("log.hash",)
        assert decision.findings[0].path == "$.entries[2].hash"

    def test_a_changed_copy_of_a_loaded_event_does_not_keep_the_loaded_text(self):
        """An event changed after loading is hashed afresh, not over the text it was loaded from."""
        loaded = kongchuo.from_json(kongchuo.to_json(walk(FULL_WORK)), Case)
        entries = list(loaded.entries)
        changed = attrs.evolve(entries[2].event, recorded_by="某人")
        assert changed._loaded is None
        entries[2] = attrs.evolve(entries[2], event=changed)
        assert attrs.evolve(loaded, entries=tuple(entries)).verify().codes() == ("log.hash",)

    def test_a_document_laid_out_otherwise_still_verifies(self):
        """Key order and indentation of the stored document do not matter."""
        case = walk(FULL_WORK)
        doc = json.loads(kongchuo.to_json(case))
        for entry in doc["entries"]:
            entry["event"] = dict(reversed(entry["event"].items()))
        loaded = kongchuo.from_json(json.dumps(doc, indent=2, ensure_ascii=True), Case)
        assert loaded.verify(expected_head=case.head).ok


# -- append refuses impossible dates and corrections of a closed case --------------------


class TestAppendDates:
    def test_an_event_before_the_case_opened_is_refused(self):
        """An event dated before the identification is refused."""
        case = walk(["verified"])
        with pytest.raises(ValidationError) as exc_info:
            case.append(make_event("progress_marked", OPENED - dt.timedelta(days=1)))
        assert exc_info.value.code == "case.date.before_opened"

    def test_an_event_entered_past_the_backdating_limit_is_refused(self):
        """With a policy, an event entered past backdating_limit after it happened is refused."""
        case = walk(["verified"])
        late = attrs.evolve(
            make_event("progress_marked", OPENED + dt.timedelta(days=3)),
            recorded_at=dt.datetime(2027, 1, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        )
        with pytest.raises(ValidationError) as exc_info:
            case.append(late, policy=FEICHENG)
        assert exc_info.value.code == "case.date.backdated"
        assert "kongchuo default" in FEICHENG.backdating_limit.at(OPENED).basis[-1]
        assert case.append(late).state is CaseState.VERIFIED

    def test_an_event_out_of_order_is_accepted_and_flagged(self):
        """An event dated before one logged earlier is appended; verify() warns."""
        case = walk(["verified", "progress_marked"])
        grown = case.append(make_event("progress_marked", OPENED + dt.timedelta(days=1)))
        decision = grown.verify()
        assert decision.ok
        assert decision.codes() == ("log.date.out_of_order",)

    def test_a_closed_case_takes_no_correction(self):
        """Correcting a closed case is refused; after reopening it is allowed."""
        case = walk([*FULL_WORK, "placed", "closed"])
        fix = attrs.evolve(case.entries[3].event, measures=("送教上门",), supersedes=3)
        with pytest.raises(ValidationError) as exc_info:
            case.append(fix)
        assert exc_info.value.code == "case.closed"
        reopened = case.append(make_event("reopened", OPENED + dt.timedelta(days=9)))
        assert reopened.append(fix).verify(policy=FEICHENG).ok

    def test_what_append_refuses_verify_reports(self):
        """An event dated before the case opened, stored by hand, is reported by verify()."""
        case = _forge(
            walk(["verified"]), make_event("progress_marked", OPENED - dt.timedelta(days=5))
        )
        assert "case.date.before_opened" in case.verify().codes()


# -- closure through the log --------------------------------------------------------------


class TestClosure:
    def test_a_returned_child_closes_through_the_log(self):
        """record_attendance puts the days attended into the log; close_case then closes."""
        case = walk([*FULL_WORK, "returned"])
        day = OPENED + dt.timedelta(days=40)
        sn = kongchuo.StudentNumber.parse("G" + CHILD.value)
        since = case.resolving_event()[1].occurred_on
        records = [
            kongchuo.Attendance(
                student_number=sn,
                school="3709830031",
                on=since + dt.timedelta(days=i),
                status=kongchuo.AttendanceStatus.PRESENT,
            )
            for i in range(35)
            if (since + dt.timedelta(days=i)).weekday() < 5
        ]
        closing = make_event("closed", day)
        with pytest.raises(ValidationError) as exc_info:
            case.append(closing, policy=FEICHENG)
        assert exc_info.value.code == "closure.attendance_short"
        assert check_closure(case, as_of=day, policy=FEICHENG, attendance=records).outcome == (
            "attendance_not_recorded"
        )
        evidence = record_attendance(
            case, records, as_of=day, recorded_at=at(day)["recorded_at"], recorded_by="李老师"
        )
        assert len(evidence.days) == 25
        assert evidence.digest is not None
        closed = close_case(case.append(evidence), closing, policy=FEICHENG)
        assert closed.state is CaseState.CLOSED
        assert closed.verify(expected_head=closed.head, policy=FEICHENG).ok

    def test_a_forged_closing_with_a_correct_hash_is_reported(self):
        """verify(policy=) replays the closure guard: a hand-made Closed entry is caught."""
        case = walk([*FULL_WORK, "returned"])
        forged = _forge(case, make_event("closed", OPENED + dt.timedelta(days=10)))
        assert forged.state is CaseState.CLOSED
        assert forged.verify().codes() == ("log.closure_unchecked",)
        assert forged.verify(policy=FEICHENG).codes() == ("closure.attendance_short",)

    def test_a_false_alarm_moves_to_not_confirmed_and_closes(self):
        """Verified(confirmed=False) leads to NOT_CONFIRMED, closable on the finding (FC-2.5)."""
        case = open_case(CaseKind.SUSPECTED_DROPOUT)
        case = case.append(make_event("verified", OPENED, "not_confirmed"))
        assert case.state is CaseState.NOT_CONFIRMED
        decision = check_closure(case, as_of=OPENED, policy=FEICHENG)
        assert decision.ok, decision.findings
        closed = close_case(case, make_event("closed", OPENED), policy=FEICHENG)
        assert closed.state is CaseState.CLOSED

    def test_studying_elsewhere_needs_the_schools_confirmation_not_persuasion_work(self):
        """外出就学 closes on the other school's confirmation, with no 劝返 plan or attempts."""
        case = walk(["verified", "studying_elsewhere"])
        assert check_closure(case, as_of=OPENED + dt.timedelta(days=5), policy=FEICHENG).ok
        unconfirmed = walk(["verified"]).append(
            StudyingElsewhere(
                **at(OPENED + dt.timedelta(days=2)), school_name="外地某校", verified_by="李老师"
            )
        )
        decision = check_closure(unconfirmed, as_of=OPENED + dt.timedelta(days=5), policy=FEICHENG)
        assert decision.codes() == ("closure.no_school_confirmation",)

    def test_moving_away_needs_the_public_security_confirmation(self):
        """迁出 closes only with the 公安 confirmation attached (FC-3.1)."""
        case = walk(["verified"]).append(
            attrs.evolve(make_event("moved_away", OPENED + dt.timedelta(days=2)), materials=())
        )
        with pytest.raises(ValidationError) as exc_info:
            case.append(make_event("closed", OPENED + dt.timedelta(days=3)), policy=FEICHENG)
        assert exc_info.value.code == "closure.no_police_confirmation"

    def test_home_delivery_closes_once_in_the_register_disability_education_article_17(self):
        """残疾人教育条例 第十七条第四款: 送教上门 "并纳入学籍管理" before the case closes."""
        case = walk(FULL_WORK).append(
            Placed(**at(OPENED + dt.timedelta(days=8)), placement=Placement.HOME_DELIVERED)
        )
        day = OPENED + dt.timedelta(days=9)
        assert check_closure(case, as_of=day, policy=FEICHENG).codes() == (
            "closure.not_registered",
        )
        fixed = case.append(
            Placed(
                **at(OPENED + dt.timedelta(days=8)),
                placement=Placement.HOME_DELIVERED,
                registered=True,
                supersedes=len(case.entries) - 1,
            )
        )
        assert check_closure(fixed, as_of=day, policy=FEICHENG).ok

    def test_no_closure_on_age_alone_minor_protection_law_articles_28_and_83(self):
        """未成年人保护法 第二十八条第二款 "尚未完成义务教育的辍学未成年学生": no age limit."""
        case = walk(FULL_WORK)  # born 2012; 20 years old in 2032
        day = dt.date(2032, 9, 1)
        decision = check_closure(case, as_of=day, policy=FEICHENG)
        assert decision.outcome == "not_resolved"
        assert "第八十三条第二款" in decision.findings[0].message_zh
        with pytest.raises(ValidationError) as exc_info:
            case.append(make_event("closed", day), policy=FEICHENG)
        assert exc_info.value.code == "closure.not_resolved"

    def test_a_cited_closure_age_never_closes_an_unresolved_refusal(self):
        """A profile's closure_age closes an aged-out case, never an unresolved refusal."""
        mine = attrs.evolve(
            FEICHENG,
            closure_age=FEICHENG.closure_age.with_value(
                16,
                effective_from=dt.date(2025, 1, 1),
                description="本县规定",
                basis=("某县控辍保学实施细则 第九条",),
            ),
        )
        day = dt.date(2030, 9, 1)  # the child is 18
        aged = check_closure(walk(FULL_WORK), as_of=day, policy=mine)
        assert not [c for c in aged.codes() if c.startswith("closure.")]
        refused = walk(["verified", "cause_analysis", "plan"]).append(
            attrs.evolve(
                make_event("persuasion_attempt", OPENED + dt.timedelta(days=4)),
                result=AttemptResult.REFUSED,
                next_step="书面报告",
                materials=(),
            )
        )
        codes = check_closure(refused, as_of=day, policy=mine).codes()
        assert [c for c in codes if c.startswith("closure.")] == ["closure.unresolved_refusal"]

    def test_the_table_covers_every_resolved_state(self):
        """Every state a case may close from has exactly one ground in CLOSURE_GROUNDS."""
        closable = next(t for t in MACHINE if t.event == "closed").sources
        covered = [s for g in CLOSURE_GROUNDS for s in g.states]
        assert sorted(covered) == sorted(closable)
        assert set(covered) >= RESOLVED


# -- deferral (义务教育法 第十一条第二款) ------------------------------------------------------


class TestDeferral:
    def test_a_deferral_needs_a_guardian_applicant_compulsory_education_law_article_11(self):
        """第十一条第二款 "其父母或者其他法定监护人应当提出申请": a teacher is no applicant."""
        with pytest.raises(ValidationError) as exc_info:
            _deferral(OPENED, applicant=TEACHER)
        assert exc_info.value.code == "deferred.applicant"

    def test_a_deferral_needs_evidence_of_the_physical_condition(self):
        """第十一条第二款 "因身体状况": the condition is recorded with its evidence."""
        with pytest.raises(ValidationError) as exc_info:
            _deferral(OPENED, condition_evidence=())
        assert exc_info.value.code == "deferred.condition_evidence"

    def test_only_the_two_authorities_of_article_11_approve(self):
        """Only "当地乡镇人民政府或者县级人民政府教育行政部门" approve (第十一条第二款)."""
        assert [a.label_zh for a in ApprovingAuthority] == [
            "乡镇人民政府",
            "县级人民政府教育行政部门",
        ]
        with pytest.raises(ValidationError) as exc_info:
            _deferral(OPENED, authority="school")
        assert (exc_info.value.code, exc_info.value.path) == ("type", "$.authority")

    def test_an_expired_deferral_is_no_closure_ground(self):
        """After until the deferral neither closes the case nor stands as in force."""
        until = OPENED + dt.timedelta(days=30)
        case = walk(["verified"]).append(_deferral(OPENED + dt.timedelta(days=2), until=until))
        assert check_closure(case, as_of=until, policy=FEICHENG).ok
        late = check_closure(case, as_of=until + dt.timedelta(days=1), policy=FEICHENG)
        assert late.codes() == ("closure.deferral_expired", "ledger.deferral.expired")
        assert not case.resolving_event()[1].in_force_on(until + dt.timedelta(days=1))


# -- the property: a log is closed only when its ground held ------------------------------


@st.composite
def forged_logs(draw):
    """A valid walk, then a Closed entry added by hand on some later day."""
    tags = draw(
        st.lists(
            st.sampled_from(["cause_analysis", "plan", "persuasion_attempt", "progress_marked"]),
            max_size=3,
        )
    )
    end = draw(
        st.sampled_from(
            ["returned", "placed", "studying_elsewhere", "deferred", "moved_away", None]
        )
    )
    case = walk(["verified", *tags, *([end] if end else [])])
    day = OPENED + dt.timedelta(days=len(case.entries) + draw(st.integers(0, 60)))
    if end == "returned" and draw(st.booleans()):
        case = case.append(attendance_since_return(case, day))
    if end is not None and draw(st.booleans()):
        last = case.resolving_event()
        stripped = attrs.evolve(last[1], materials=(), supersedes=last[0])
        if isinstance(stripped, StudyingElsewhere):
            stripped = attrs.evolve(stripped, confirmation=None)
        case = case.append(stripped)
    return case, make_event("closed", day)


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(forged_logs())
def test_a_log_is_closed_only_when_its_ground_held(forged):
    """verify(policy=) accepts a closing exactly when its ground's requirements held that day."""
    case, closing = forged
    held = not [
        f
        for f in check_closure(case, as_of=closing.occurred_on, policy=FEICHENG).findings
        if f.code.startswith("closure.")
    ]
    decision = _forge(case, closing).verify(policy=FEICHENG)
    assert decision.ok is held
    if held:
        assert case.append(closing, policy=FEICHENG).state is CaseState.CLOSED
