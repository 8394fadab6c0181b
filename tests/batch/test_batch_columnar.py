import datetime as dt
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from same_result import assert_same_result
from stdnum.cn import ric

import kongchuo
from kongchuo import (
    Approval,
    Attendance,
    AttendanceStatus,
    ChinaCalendar,
    Leave,
    LeaveKind,
    Registration,
    RegistrationStatus,
    ResidentId,
    Sex,
    StudentNumber,
)
from kongchuo.batch import (
    COLUMNAR_FROM,
    Census,
    CensusEntry,
    Exemption,
    ExemptionKind,
    HouseholdStatus,
    SourceRef,
    reconcile,
)
from kongchuo.policy import FEICHENG

pytest.importorskip("polars")

AS_OF = dt.date(2025, 10, 31)
SINCE = dt.date(2025, 9, 1)
CALENDAR = ChinaCalendar()
SCHOOLS = ("2137098301", "2137098302", "2137098303")
DAYS = [
    SINCE + dt.timedelta(days=i)
    for i in range((AS_OF - SINCE).days + 1)
    if CALENDAR.is_workday(SINCE + dt.timedelta(days=i))
]


def _rid(birth: dt.date, seq: int) -> str:
    body = f"370983{birth:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


@st.composite
def counties(draw):  # noqa: C901 - one strategy draws a whole county
    """A small county with every edge reconciliation meets.

    Children with and without an ID number (J numbers), every household status,
    registrations on roll, off roll, outside their dates and twice, attendance at
    the wrong school, runs of absence at the policy's boundaries (5/6 and 20/21
    school days), marked and approved leave, exemptions, and records of children
    not in the census.
    """
    entries: dict[str, CensusEntry] = {}
    links: dict[str, str] = {}
    regs: list[Registration] = []
    marks: list[Attendance] = []
    leaves: list[Leave] = []
    exemptions: list[Exemption] = []
    used: set[str] = set()
    n = draw(st.integers(min_value=0, max_value=12))
    for i in range(n):
        birth = draw(st.dates(dt.date(2009, 1, 1), dt.date(2021, 12, 31)))
        rid = _rid(birth, draw(st.integers(0, 999)))
        if rid in used:
            continue
        used.add(rid)
        has_id = draw(st.booleans())
        in_census = draw(st.integers(0, 5)) > 0
        number = StudentNumber.parse(("G" + rid) if has_id else f"J{rid[:17]}{i % 10}")
        key = rid if has_id else number.value
        if in_census:
            status = draw(st.sampled_from(list(HouseholdStatus)))
            child = kongchuo.Child(
                resident_id=ResidentId.parse(rid) if has_id else None,
                student_number=None if has_id else number,
                name="张" + "明华强伟"[i % 4],
                sex=Sex.MALE if int(rid[16]) % 2 else Sex.FEMALE,
                birth_date=birth,
                household_region="370983",
                residence_region="370983",
                jurisdiction="370983003",
                retain_until=dt.date(2040, 12, 31),
            )
            entries[key] = CensusEntry(
                child=child,
                status=status,
                confirmed_on=None
                if status is HouseholdStatus.ACTIVE
                else draw(st.sampled_from([None, dt.date(2025, 8, 20)])),
                sources=(SourceRef("公安户籍.csv", i + 2),),
            )
            if not has_id and draw(st.booleans()):
                # An L number linked to the child, as build_census links it.
                other = StudentNumber.parse(f"L{rid[:17]}{(i + 3) % 10}")
                links[other.value] = key
                number = other
        for _ in range(draw(st.integers(0, 3))):
            start = draw(
                st.sampled_from([dt.date(2024, 9, 1), dt.date(2025, 9, 1), AS_OF])
                | st.just(AS_OF + dt.timedelta(days=1))
            )
            end = draw(st.sampled_from([None, AS_OF, AS_OF - dt.timedelta(days=1)]))
            regs.append(
                Registration(
                    student_number=number,
                    school=draw(st.sampled_from(SCHOOLS)),
                    grade=draw(st.integers(1, 9)),
                    status=draw(st.sampled_from(list(RegistrationStatus))),
                    effective_from=start,
                    effective_to=None if end is None or end < start else end,
                )
            )
        days: set[dt.date] = set()
        for _ in range(draw(st.integers(0, 2))):
            length = draw(st.sampled_from([1, 5, 6, 20, 21, len(DAYS)]))
            start = draw(st.integers(0, max(0, len(DAYS) - length)))
            days.update(DAYS[start : start + length])
        if draw(st.booleans()):
            days.update(draw(st.lists(st.sampled_from(DAYS), max_size=4)))
        if draw(st.integers(0, 9)) == 0:
            days.add(SINCE - dt.timedelta(days=3))  # outside the window
            days.add(dt.date(2025, 10, 1))  # a holiday, not a school day
        school = draw(st.sampled_from(SCHOOLS))
        for day in sorted(days):
            marks.append(  # noqa: PERF401 - each status drawn
                Attendance(
                    student_number=number,
                    school=school,
                    on=day,
                    status=draw(
                        st.sampled_from([AttendanceStatus.ABSENT] * 4 + list(AttendanceStatus))
                    ),
                )
            )
        if days and draw(st.integers(0, 3)) == 0:
            start = draw(st.sampled_from(sorted(days)))
            approval = draw(st.sampled_from(list(Approval)))
            leaves.append(
                Leave(
                    student_number=number,
                    school=school,
                    kind=LeaveKind.SICK,
                    start=start,
                    end=start + dt.timedelta(days=draw(st.integers(0, 10))),
                    approval=approval,
                    decided_by=None if approval is Approval.PENDING else "王校长",
                    decided_on=None if approval is Approval.PENDING else start,
                )
            )
        if has_id and draw(st.integers(0, 5)) == 0:
            exemptions.append(
                Exemption(
                    resident_id=ResidentId.parse(rid),
                    kind=draw(st.sampled_from(list(ExemptionKind))),
                    until=draw(st.sampled_from([None, AS_OF, AS_OF - dt.timedelta(days=1)])),
                )
            )
    return Census(entries=entries, links=links), regs, marks, leaves, exemptions


def _run(county, engine):
    census, regs, marks, leaves, exemptions = county
    return reconcile(
        census,
        regs,
        marks,
        as_of=AS_OF,
        since=SINCE,
        policy=FEICHENG,
        calendar=CALENDAR,
        leaves=leaves,
        exemptions=exemptions,
        engine=engine,
    )


@settings(max_examples=150, deadline=None)
@given(counties())
def test_columnar_path_gives_exactly_the_pure_python_result(county):
    """The polars path gives the pure-Python findings, messages, bands and order."""
    python = _run(county, "python")
    columnar = _run(county, "polars")
    assert_same_result(columnar, python)
    assert_same_result(_run(county, "python"), columnar)
    assert [b.child for b in columnar.bands] == [b.child for b in python.bands]


def test_columnar_path_on_the_synthetic_county(monkeypatch, synthetic_inputs):
    """On a generated county the two paths, and "auto" at either size, agree."""
    county, census, regs, marks = synthetic_inputs(800, 11)
    kw = {"as_of": county.as_of, "since": county.since, "policy": FEICHENG, "calendar": CALENDAR}
    python = reconcile(census, regs, marks, engine="python", **kw)
    assert reconcile(census, iter(regs), iter(marks), engine="polars", **kw) == python
    assert len(python.discrepancies) > 10
    assert len(census) + len(regs) + len(marks) < COLUMNAR_FROM  # "auto" stays in Python
    monkeypatch.setattr(kongchuo.batch._reconcile, "COLUMNAR_FROM", 100)
    assert reconcile(census, regs, marks, **kw) == python  # "auto" takes polars


def test_polars_engine_without_polars_is_refused_and_auto_falls_back(monkeypatch):
    """Without polars, engine="polars" names the extra to install; "auto" runs in Python."""
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(kongchuo.ValidationError, match=r"kongchuo\[columnar\]") as info:
        reconcile([], [], [], as_of=AS_OF, policy=FEICHENG, calendar=CALENDAR, engine="polars")
    assert info.value.errors[0].code == "batch.engine.missing"
    monkeypatch.setattr(kongchuo.batch._reconcile, "COLUMNAR_FROM", 0)
    assert reconcile([], [], [], as_of=AS_OF, policy=FEICHENG, calendar=CALENDAR).bands == ()


def test_unknown_engine_is_refused():
    """An engine other than auto, python or polars is a ValidationError naming it."""
    with pytest.raises(kongchuo.ValidationError, match="engine") as info:
        reconcile([], [], [], as_of=AS_OF, policy=FEICHENG, calendar=CALENDAR, engine="rust")
    assert info.value.errors[0].code == "batch.engine"


@pytest.mark.parametrize("gap", [1, 3])
def test_columnar_longest_run_keeps_the_earliest_of_two_equal_runs(gap):
    """Two equally long runs of absence: both paths name the earlier, as the message shows."""
    number = StudentNumber.parse("G" + _rid(dt.date(2014, 3, 1), 7))
    regs = [
        Registration(
            student_number=number,
            school=SCHOOLS[0],
            grade=5,
            status=RegistrationStatus.ENROLLED,
            effective_from=dt.date(2025, 9, 1),
        )
    ]
    first = DAYS[2:8]
    second = DAYS[8 + gap : 14 + gap]
    marks = [
        Attendance(student_number=number, school=SCHOOLS[0], on=day, status=AttendanceStatus.ABSENT)
        for day in (*first, *second, DAYS[0])
    ]
    kw = {"as_of": AS_OF, "since": SINCE, "policy": FEICHENG, "calendar": CALENDAR}
    python = reconcile([], regs, marks, engine="python", **kw)
    columnar = reconcile([], regs, marks, engine="polars", **kw)
    assert_same_result(columnar, python)
    (found,) = python.discrepancies
    assert found.since == first[0]
    assert f"{first[0].isoformat()} to {first[-1].isoformat()}" in found.finding.message
    assert "无故缺勤 13 天，最长连续 6 天" in found.evidence
