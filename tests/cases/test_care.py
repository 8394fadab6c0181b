import datetime as dt

import pytest

from kongchuo import ResidentId, Sex, StudentNumber, ValidationError
from kongchuo._models.children import Child, SpecialGroup
from kongchuo.cases import AidRecord, CarePlan, Role, check_care

RID = ResidentId.parse("370983201206150034")
SN = StudentNumber.parse("G370983201206150034")
DAY = dt.date(2025, 10, 1)


def child(*groups: SpecialGroup) -> Child:
    return Child(
        resident_id=RID,
        name="刘小红",
        sex=Sex.MALE,
        birth_date=dt.date(2012, 6, 15),
        household_region="370983",
        residence_region="370983",
        jurisdiction="370983003",
        retain_until=dt.date(2031, 8, 31),
        special_groups=set(groups),
    )


def plan(**fields) -> CarePlan:
    return CarePlan(student_number=SN, started_on=dt.date(2025, 9, 1), **fields)


def test_every_student_needs_a_mentor():
    """A student with no plan naming a mentor has a gap, even outside special groups."""
    assert check_care(child(), plan=None, as_of=DAY).codes() == ("care.mentor.missing",)
    assert check_care(child(), plan=plan(mentor="李老师"), as_of=DAY).ok


def test_special_group_needs_plan_measures_and_consultation():
    """A special-group student needs measures and a 学情会商 by as_of."""
    codes = check_care(child(SpecialGroup.LEFT_BEHIND), plan=plan(mentor="李老师"), as_of=DAY)
    assert set(codes.codes()) == {"care.measures.missing", "care.consultation.missing"}
    full = plan(
        mentor="李老师", measures=("每周电话联系家长",), consultations=(dt.date(2025, 9, 20),)
    )
    assert check_care(child(SpecialGroup.LEFT_BEHIND), plan=full, as_of=DAY).ok
    assert not check_care(child(SpecialGroup.LEFT_BEHIND), plan=full, as_of=dt.date(2025, 9, 10)).ok


def test_poverty_alleviated_needs_one_life_plan_and_aid():
    """A 脱贫家庭 student needs 一生一案 and recorded aid."""
    base = plan(mentor="李老师", measures=("结对帮扶",), consultations=(dt.date(2025, 9, 20),))
    codes = check_care(child(SpecialGroup.POVERTY_ALLEVIATED), plan=base, as_of=DAY).codes()
    assert set(codes) == {"care.plan.not_one_life", "care.aid.missing"}
    full = plan(
        mentor="李老师",
        mentor_role=Role.HEAD_TEACHER,
        one_life_one_plan=True,
        measures=("结对帮扶",),
        consultations=(dt.date(2025, 9, 20),),
        aid=(AidRecord(on=dt.date(2025, 9, 15), kind="生活补助", provider="肥城市教育和体育局"),),
    )
    assert check_care(child(SpecialGroup.POVERTY_ALLEVIATED), plan=full, as_of=DAY).ok


@pytest.mark.parametrize(
    "groups", [(), (SpecialGroup.LEFT_BEHIND,), (SpecialGroup.POVERTY_ALLEVIATED,)]
)
@pytest.mark.parametrize("mentor", [None, "李老师"])
def test_a_care_decision_is_ok_exactly_when_it_is_clean(groups, mentor):
    """Every care gap is an error: ok (no error) and clean (no finding) agree."""
    d = check_care(child(*groups), plan=plan(mentor=mentor) if mentor else None, as_of=DAY)
    assert d.ok == d.clean
    assert all(f.severity.value == "error" for f in d.findings)


def test_bad_input():
    """Wrong types raise ValidationError; plan dates are checked."""
    with pytest.raises(ValidationError) as info:
        check_care(None, plan=None, as_of=DAY)
    assert (info.value.code, info.value.path) == ("type", "child")
    with pytest.raises(ValidationError) as info:
        check_care(child(), plan="plan", as_of=DAY)
    assert (info.value.code, info.value.path) == ("type", "plan")
    with pytest.raises(ValidationError) as exc_info:
        plan(consultations=(dt.date(2025, 8, 1),))
    assert exc_info.value.path == "$.consultations[0]"
