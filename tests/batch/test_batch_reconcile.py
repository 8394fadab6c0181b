import datetime as dt
import random

import pytest
from county_inputs import taken_in
from hypothesis import given, settings
from hypothesis import strategies as st

import kongchuo
from kongchuo import ChinaCalendar, regions
from kongchuo.batch import (
    Band,
    Census,
    DiscrepancyKind,
    Exemption,
    ExemptionKind,
    Feed,
    HouseholdStatus,
    Reconciliation,
    RowOutcome,
    WarningBands,
    build_census,
    intake,
    open_cases,
    partition_of,
    reconcile,
    rows_from_mappings,
    synthetic_feeds,
)
from kongchuo.cases import CaseKind, CaseState
from kongchuo.policy import FEICHENG

AS_OF = dt.date(2025, 10, 31)
SINCE = dt.date(2025, 9, 1)
CST = dt.timezone(dt.timedelta(hours=8))
RID = "370983201509010012"
OTHER = "370983201406150039"
KID = {"身份证号": RID, "姓名": "张小明", "户籍地代码": "370983", "镇街": "370983003"}


def take(rows, feed):
    return intake(
        rows_from_mappings(rows),
        feed,
        source=feed.value,
        as_of=AS_OF,
        policy=FEICHENG,
        jurisdictions=regions.FEICHENG_UNITS,
    )


def reg(rid=RID, school="2137098301"):
    return {"学籍号": "G" + rid, "学校标识码": school, "年级": "4", "学籍状态": "在读"}


def absent(days, rid=RID, school="2137098301", status="缺勤"):
    return [
        {"学籍号": "G" + rid, "学校标识码": school, "日期": d.isoformat(), "考勤状态": status}
        for d in days
    ]


def school_days(start, count):
    cal = ChinaCalendar()
    out, day = [], start
    while len(out) < count:
        if cal.is_workday(day):
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def run(households, regs=(), marks=(), **kw):
    census = build_census(take(households, Feed.HOUSEHOLD))
    registrations = [r.value for r in take(list(regs), Feed.REGISTRATION).records]
    attendance = [r.value for r in take(list(marks), Feed.ATTENDANCE).records]
    return reconcile(
        census,
        registrations,
        attendance,
        as_of=AS_OF,
        since=SINCE,
        policy=FEICHENG,
        calendar=ChinaCalendar(),
        **kw,
    )


def kinds(result):
    return [d.kind for d in result.discrepancies]


def test_census_merges_feeds_and_records_conflicts():
    """Feeds merge by ID; a differing name is a conflict naming both rows; counts conserved."""
    house = take([KID, KID, {**KID, "姓名": "张晓明"}], Feed.HOUSEHOLD)
    poor = take(
        [{"身份证号": RID, "认定日期": "2024/3/1"}, {"身份证号": OTHER, "认定日期": "2024/3/1"}],
        Feed.POVERTY,
    )
    census = build_census(poor, house)
    outcomes = [r.outcome for r in census.rows]
    assert outcomes == [
        RowOutcome.MERGED,
        RowOutcome.ACCEPTED,
        RowOutcome.ACCEPTED,
        RowOutcome.MERGED,
        RowOutcome.CONFLICT,
    ]
    assert len(census.rows) == 5
    (conflict,) = census.conflicts
    assert (conflict.field, conflict.kept, conflict.other) == ("name", "张小明", "张晓明")
    assert (conflict.kept_from.row, conflict.other_from.row) == (1, 3)
    assert "张" not in repr(conflict)
    assert census.rows[1].findings[0].code == "census.child.unknown"
    entry = census.get(kongchuo.ResidentId.parse(RID))
    assert entry.child.memberships[0].department is kongchuo.Department.RURAL_REVITALIZATION
    assert len(census.unmatched) == 1


def test_clean_up_status_applied_with_latest_confirmation():
    """A later household row's clean-up status applies, with its confirmation date."""
    census = build_census(
        take([KID, {**KID, "户籍状态": "迁出注销", "确认日期": "2025-08-01"}], Feed.HOUSEHOLD)
    )
    entry = census.get(RID)
    assert (entry.status, entry.confirmed_on) == (HouseholdStatus.MOVED_OUT, dt.date(2025, 8, 1))


def test_child_without_id_matched_by_student_number():
    """A child without an ID is filed by J number, and a registration with it merges."""
    number = "J370983201509010099"
    row = {
        "学籍号": number,
        "姓名": "无号",
        "性别": "女",
        "出生日期": "2015-09-01",
        "户籍地代码": "370983",
        "镇街": "370983003",
    }
    house = take([row], Feed.HOUSEHOLD)
    regs = take([{**reg(), "学籍号": number}], Feed.REGISTRATION)
    census = build_census(house, regs)
    assert census.get(number) is not None
    assert [r.outcome for r in census.rows] == [RowOutcome.ACCEPTED, RowOutcome.MERGED]


def test_out_of_school_unless_exempt():
    """A school-age child with no registration is 失学, unless exempted."""
    result = run([KID])
    assert kinds(result) == [DiscrepancyKind.OUT_OF_SCHOOL]
    finding = result.discrepancies[0].finding
    assert finding.code == "reconcile.out_of_school"
    assert "FC-1.1" in finding.basis
    assert RID not in finding.message
    exempt = Exemption(resident_id=kongchuo.ResidentId.parse(RID), kind=ExemptionKind.DEFERRED)
    assert run([KID], exemptions=[exempt]).discrepancies == ()


def test_grade_nine_graduate_has_completed_and_is_not_out_of_school():
    """A 15-year-old who graduated from grade 9 is not 失学; a primary graduate with no place is.

    义务教育法 第十一条: "其父母或者其他法定监护人应当送其入学接受并完成义务教育" — the
    duty ends when the nine years are completed, not when a registration ends.
    """
    grad = "370983201003010015"
    kid = {**KID, "身份证号": grad}
    done = {**reg(grad), "年级": "9", "学籍状态": "毕业", "生效日期": "2025-07-01"}
    assert run([kid], [done]).discrepancies == ()
    primary = {**reg(RID), "年级": "6", "学籍状态": "毕业", "生效日期": "2025-07-01"}
    assert kinds(run([KID], [primary])) == [DiscrepancyKind.OUT_OF_SCHOOL]
    later = {**done, "生效日期": "2025-11-01"}
    assert kinds(run([kid], [later])) == [DiscrepancyKind.OUT_OF_SCHOOL]


def test_deceased_child_is_not_out_of_school_but_a_roll_entry_is_phantom():
    """A child 公安 confirmed deceased is not 失学; a registration on roll for them is 空挂学籍."""
    dead = {**KID, "户籍状态": "死亡", "确认日期": "2025-08-01"}
    assert run([dead]).discrepancies == ()
    result = run([dead], [reg()])
    assert kinds(result) == [DiscrepancyKind.PHANTOM]
    assert result.discrepancies[0].since == dt.date(2025, 8, 1)


def test_absence_thresholds_from_policy_with_leave_excluded():
    """Over 5 school days running is 疑似辍学, over 20 辍学; approved leave breaks a run."""
    week = school_days(dt.date(2025, 9, 8), 6)
    assert kinds(run([KID], [reg()], absent(week))) == [DiscrepancyKind.SUSPECTED_DROPOUT]
    assert kinds(run([KID], [reg()], absent(week[:5]))) == []
    month = school_days(dt.date(2025, 9, 8), 21)
    assert kinds(run([KID], [reg()], absent(month))) == [DiscrepancyKind.DROPOUT]
    marked_leave = absent(week[:3]) + absent(week[3:4], status="请假") + absent(week[4:])
    assert kinds(run([KID], [reg()], marked_leave)) == []
    leave = kongchuo.Leave(
        student_number=kongchuo.StudentNumber.parse("G" + RID),
        school="2137098301",
        kind=kongchuo.LeaveKind.SICK,
        start=week[2],
        end=week[2],
        approval=kongchuo.Approval.APPROVED,
        decided_by="王校长",
        decided_on=week[2],
    )
    assert kinds(run([KID], [reg()], absent(week), leaves=[leave])) == []


def test_dropout_finding_names_evidence_and_basis():
    """A dropout finding names the run, the threshold and its basis, with the child masked."""
    month = school_days(dt.date(2025, 9, 8), 21)
    (found,) = run([KID], [reg()], absent(month)).discrepancies
    assert found.since == month[0]
    assert any("超过20在校日" in e for e in found.evidence)
    assert "policy.dropout_threshold" in found.finding.basis
    assert found.child == "370983********0012"
    assert RID not in repr(found)


def test_mismatch_unregistered_and_duplicate():
    """Attending elsewhere is 人籍不一致; attending unregistered is 借读; two rolls is duplicate."""
    day = school_days(dt.date(2025, 9, 8), 1)
    assert kinds(run([KID], [reg()], absent(day, school="2137098302"))) == [
        DiscrepancyKind.MISMATCH
    ]
    unregistered = run([], [], absent(day, rid=OTHER, school="2137098302"))
    assert kinds(unregistered) == [DiscrepancyKind.UNREGISTERED]
    duplicate = run([KID], [reg(), reg(school="2137098302")])
    assert kinds(duplicate) == [DiscrepancyKind.DUPLICATE]


def test_warning_bands():
    """The band follows the attendance rate: Ed-Fi's 88% and 80% by default, county-changeable."""
    three = school_days(dt.date(2025, 9, 8), 3)
    result = run([KID], [reg()], absent(three))
    (band,) = result.bands
    total = band.school_days
    assert band.absent_days == 3
    assert band.rate == round((total - 3) * 100 / total, 1)
    assert band.band is Band.ON_TRACK
    strict = WarningBands(on_track=97.0, early_warning=95.0)
    assert run([KID], [reg()], absent(three), bands=strict).bands[0].band is Band.AT_RISK
    with pytest.raises(kongchuo.ValidationError) as err:
        WarningBands(on_track=70.0, early_warning=80.0)
    assert err.value.code == "batch.bands.order"


@pytest.mark.parametrize("engine", ["python", "polars"])
def test_a_window_without_school_days_gives_no_band(engine):
    """A window of a weekend has no school day: no band and no finding, not a ZeroDivisionError."""
    if engine == "polars":
        pytest.importorskip("polars")
    weekend = {"as_of": dt.date(2025, 10, 5), "since": dt.date(2025, 10, 4)}
    registrations = [r.value for r in take([reg()], Feed.REGISTRATION).records]
    result = reconcile(
        [], registrations, [], policy=FEICHENG, calendar=ChinaCalendar(), engine=engine, **weekend
    )
    assert len(result.bands) == 0
    assert result.bands == ()
    assert result.discrepancies == ()


def test_open_cases_once_per_episode():
    """Cases open with an Identified event, one per child, never twice for the same episode."""
    month = school_days(dt.date(2025, 9, 8), 21)
    result = run([KID, {**KID, "身份证号": OTHER}], [reg()], absent(month))
    at = dt.datetime(2025, 11, 1, 9, tzinfo=CST)
    first = open_cases(result.discrepancies, recorded_at=at, recorded_by="教育局")
    assert sorted(c.kind for c in first.opened) == [CaseKind.DROPOUT, CaseKind.OUT_OF_SCHOOL]
    assert all(c.state is CaseState.IDENTIFIED and c.verify().ok for c in first.opened)
    again = open_cases(result.discrepancies, existing=first.opened, recorded_at=at, recorded_by="x")
    assert again.opened == ()
    assert len(again.already_open) == 2


def test_identification_is_dated_when_the_comparison_found_the_child():
    """Identified is dated the day of finding (FC-2.5 核实 runs from it), not the first absence."""
    month = school_days(dt.date(2025, 9, 8), 21)
    result = run([KID], [reg()], absent(month))
    at = dt.datetime(2025, 11, 1, 9, tzinfo=CST)
    (case,) = open_cases(result.discrepancies, recorded_at=at, recorded_by="教育局").opened
    identified = case.entries[0].event
    assert identified.occurred_on == dt.date(2025, 11, 1)
    assert "自2025-09-08起" in (identified.note or "")
    found = dt.date(2025, 10, 31)
    (earlier,) = open_cases(
        result.discrepancies, recorded_at=at, recorded_by="教育局", found_on=found
    ).opened
    assert earlier.entries[0].event.occurred_on == found
    ledger = kongchuo.cases.check_ledger(case, as_of=dt.date(2025, 11, 1), policy=FEICHENG)
    assert "ledger.entry.late" not in ledger.codes()


def test_found_on_after_recording_is_refused():
    """A child cannot be entered before being found."""
    with pytest.raises(kongchuo.ValidationError) as err:
        open_cases(
            [],
            recorded_at=dt.datetime(2025, 11, 1, 9, tzinfo=CST),
            recorded_by="x",
            found_on=dt.date(2025, 11, 2),
        )
    assert err.value.code == "batch.found_on"


def test_bad_arguments():
    """Bad arguments raise ValidationError with a code."""
    with pytest.raises(kongchuo.ValidationError) as err:
        reconcile([], [], [], as_of="2025-10-31", policy=FEICHENG, calendar=ChinaCalendar())  # type: ignore[arg-type]
    assert err.value.code == "type"
    with pytest.raises(kongchuo.ValidationError) as err2:
        Reconciliation.combine([])
    assert err2.value.code == "batch.combine.empty"


def _county(county=None):
    return taken_in(county or synthetic_feeds(600, seed=5))


COUNTY = _county()


def _reconcile(census, regs, marks):
    return reconcile(
        census, regs, marks, as_of=AS_OF, since=SINCE, policy=FEICHENG, calendar=ChinaCalendar()
    )


def test_synthetic_county_finds_every_kind():
    """The generated county holds every kind of discrepancy but 借读."""
    found = _reconcile(*COUNTY).counts()
    assert all(found[k] > 0 for k in DiscrepancyKind if k is not DiscrepancyKind.UNREGISTERED)


def test_synthetic_county_of_all_minors_compares_only_the_school_age():
    """With ages 3–17, no child under 6 or over 15 is 失学, and graduates of grade 9 are not."""
    county = synthetic_feeds(1500, seed=4, ages=(3, 17))
    births = [dt.date.fromisoformat(r["出生日期"]) for r in county.rows[Feed.HOUSEHOLD]]
    assert min(births) < dt.date(2009, 9, 1)  # over 15 on 2025-08-31
    assert max(births) > dt.date(2019, 8, 31)  # under 6
    graduated = [r for r in county.rows[Feed.REGISTRATION] if r["学籍状态"] == "毕业"]
    assert graduated
    assert {r["年级"] for r in graduated} == {"9"}
    census, regs, marks = _county(county)
    for found in _reconcile(census, regs, marks).discrepancies:
        if found.kind is DiscrepancyKind.OUT_OF_SCHOOL:
            birth = census.get(found.key).child.birth_date
            assert kongchuo.is_school_age(birth, school_year=2025, policy=FEICHENG)
    default = synthetic_feeds(300, seed=4)
    births = [dt.date.fromisoformat(r["出生日期"]) for r in default.rows[Feed.HOUSEHOLD]]
    assert dt.date(2010, 9, 1) <= min(births) <= max(births) <= dt.date(2019, 8, 31)


@settings(max_examples=8, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(min_value=1, max_value=5))
def test_independent_of_input_order_and_partitioning(seed, parts):
    """Shuffled inputs, and inputs split by partition_of and combined, give the same result."""
    census, regs, marks = COUNTY
    whole = _reconcile(census, regs, marks)
    rng = random.Random(seed)  # noqa: S311 - a shuffle, not a secret
    shuffled_regs, shuffled_marks = list(regs), list(marks)
    rng.shuffle(shuffled_regs)
    rng.shuffle(shuffled_marks)
    entries = list(census.entries.values())
    rng.shuffle(entries)
    assert _reconcile(entries, shuffled_regs, shuffled_marks) == whole
    pieces = [
        _reconcile(
            Census(
                entries={k: e for k, e in census.entries.items() if partition_of(k, parts) == part}
            ),
            [r for r in shuffled_regs if partition_of(r.student_number, parts) == part],
            [m for m in shuffled_marks if partition_of(m.student_number, parts) == part],
        )
        for part in range(parts)
    ]
    assert Reconciliation.combine(pieces) == whole


@settings(max_examples=8, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1), st.sampled_from([88.0, 95.0, 100.0]))
def test_children_without_attendance_records_match_the_general_path(seed, on_track):
    """No attendance record gives what records all outside the window give."""
    census, regs, marks = COUNTY
    bands = WarningBands(on_track=on_track, early_warning=80.0)
    marked = {m.student_number for m in marks}
    rng = random.Random(seed)  # noqa: S311 - a sample, not a secret
    quiet = [r for r in regs if r.student_number not in marked]
    outside = [
        kongchuo.Attendance(
            student_number=r.student_number,
            school=r.school,
            on=SINCE - dt.timedelta(days=1 + rng.randrange(30)),
            status=rng.choice(list(kongchuo.AttendanceStatus)),
        )
        for r in rng.sample(quiet, k=min(len(quiet), 200))
    ]
    fast = reconcile(
        census,
        regs,
        marks,
        as_of=AS_OF,
        since=SINCE,
        policy=FEICHENG,
        calendar=ChinaCalendar(),
        bands=bands,
    )
    general = reconcile(
        census,
        regs,
        [*marks, *outside],
        as_of=AS_OF,
        since=SINCE,
        policy=FEICHENG,
        calendar=ChinaCalendar(),
        bands=bands,
    )
    assert outside
    assert fast == general
