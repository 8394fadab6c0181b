"""Every number in the shipped profiles is dated and cited honestly."""

import datetime as dt

import attrs
import pytest

from kongchuo.policy import FEICHENG, NATIONAL, Policy
from kongchuo.policy._escalation import KONGCHUO_DEFAULT, KONGCHUO_READING
from kongchuo.policy._policy import SPECS

D = dt.date

#: When each cited text came into force: a value may cite it only from that day on.
IN_FORCE = {
    "义务教育法 ": D(2006, 9, 1),
    "未成年人保护法 ": D(2021, 6, 1),
    "家庭教育促进法": D(2022, 1, 1),
    "民法典": D(2021, 1, 1),
    "行政复议法 ": D(2024, 1, 1),
    "行政诉讼法 第四十六条": D(2015, 5, 1),
    "行政处罚法 第十二条": D(2021, 7, 15),
    "民事诉讼法 第九十五条": D(2022, 1, 1),
    "禁止使用童工规定": D(2002, 12, 1),
    "校外培训行政处罚暂行办法": D(2023, 10, 15),
    "残疾人教育条例": D(2017, 5, 1),
    "GB/T 9704-2012": D(2012, 7, 1),
    "教育部办公厅 常态化报告工作机制通知（2024年4月）": D(2024, 4, 30),
}


def _values(policy):
    for field in attrs.fields(Policy):
        if field.name in SPECS:
            history = getattr(policy, field.name)
            for value in history.values:
                yield field.name, value


@pytest.mark.parametrize("policy", [NATIONAL, FEICHENG], ids=lambda p: p.name)
def test_no_value_cites_a_text_before_it_was_in_force(policy):
    """A value's history starts when its basis was in force; earlier dates cite the earlier text."""
    early = [
        (name, value.effective_from.isoformat(), cited)
        for name, value in _values(policy)
        for cited in value.basis
        for prefix, start in IN_FORCE.items()
        if cited.startswith(prefix) and value.effective_from < start
    ]
    assert early == []


def test_national_cites_no_seed_clause():
    """NATIONAL's parameters rest on national texts, never on the seed's FC clauses."""
    seeded = [(n, b) for n, v in _values(NATIONAL) for b in v.basis if b.startswith("FC-")]
    assert seeded == []


@pytest.mark.parametrize("name", ["suspected_dropout_threshold", "dropout_threshold"])
@pytest.mark.parametrize("policy", [NATIONAL, FEICHENG], ids=lambda p: p.name)
def test_absence_thresholds_are_marked_defaults_saying_how_they_err(policy, name):
    """No text gives 5 or 20 school days: the thresholds are kongchuo defaults that say so."""
    value = getattr(policy, name).latest
    assert KONGCHUO_DEFAULT in value.basis
    assert "errs" in value.description


@pytest.mark.parametrize("policy", [NATIONAL, FEICHENG], ids=lambda p: p.name)
def test_entry_cutoff_is_marked_local_practice(policy):
    """义务教育法 第十一条 says only 年满六周岁: 08-31 is local practice, a reading."""
    for value in policy.entry_cutoff.values:
        assert KONGCHUO_READING in value.basis
        assert "local practice" in value.description


@pytest.mark.parametrize("name", ["roll_fixed_day_deadlines", "principal_visit_required"])
def test_feicheng_readings_where_the_seed_is_silent(name):
    """The seed is silent on rolling fixed days and on the principal's own visit: readings."""
    value = getattr(FEICHENG, name).latest
    assert KONGCHUO_READING in value.basis


@pytest.mark.parametrize("policy", [NATIONAL, FEICHENG], ids=lambda p: p.name)
def test_every_parameter_is_cited_or_marked(policy):
    """Every value has a basis: a citation, or the default or reading marker."""
    assert all(value.basis for _, value in _values(policy))


def test_school_entry_under_national_cites_no_seed_clause():
    """A school-entry decision's basis comes from the profile: no FC-1.1 under NATIONAL."""
    from kongchuo import check_school_entry

    national = check_school_entry(D(2019, 8, 31), school_year=2025, policy=NATIONAL)
    cited = [*national.basis, *(b for f in national.findings for b in f.basis)]
    assert not [b for b in cited if b.startswith("FC-")]
    assert "FC-1.1" in check_school_entry(D(2019, 8, 31), school_year=2025, policy=FEICHENG).basis


def test_child_labour_age_is_a_dated_cited_parameter():
    """禁止使用童工规定 第二条 "不满16周岁": the age is policy data the labour rule reads."""
    from kongchuo import ChinaCalendar
    from kongchuo.notices import NoticeKind, check_notice, examples

    value = NATIONAL.child_labour_age.at(D(2025, 1, 1))
    assert value.value == 16
    assert value.basis == ("禁止使用童工规定 第二条",)
    referral = attrs.evolve(examples()[NoticeKind.LABOUR_REFERRAL], child_birth_date=D(2010, 3, 2))
    lower = attrs.evolve(
        FEICHENG,
        child_labour_age=FEICHENG.child_labour_age.with_value(
            15, effective_from=D(2025, 1, 1), description="试验", basis=("试验",)
        ),
    )
    calendar = ChinaCalendar()
    as_of = D(2025, 12, 1)
    shipped = check_notice(referral, as_of=as_of, policy=FEICHENG, calendar=calendar)
    assert "notice.labour.not_a_child" not in shipped.codes()
    changed = check_notice(referral, as_of=as_of, policy=lower, calendar=calendar)
    assert "notice.labour.not_a_child" in changed.codes()


def test_left_behind_age_is_a_dated_cited_parameter():
    """国发〔2016〕13号 "不满十六周岁": the left-behind age limit is policy data the rule reads."""
    from kongchuo import Child, Guardian, GuardianRelationship, Sex, check_rural_left_behind

    parents = [
        Guardian(relationship=r, name=n, working_away=True)
        for r, n in [(GuardianRelationship.FATHER, "张强"), (GuardianRelationship.MOTHER, "李梅")]
    ]
    child = Child(
        name="张小明",
        sex=Sex.MALE,
        birth_date=D(2010, 3, 1),
        household_region="370983",
        residence_region="370983",
        rural_household=True,
        jurisdiction="370983003",
        retain_until=D(2034, 8, 31),
        guardians=parents,
    )
    as_of = D(2025, 9, 1)  # 15 周岁
    assert NATIONAL.left_behind_age_limit.at(as_of).basis == ("国发〔2016〕13号",)
    assert check_rural_left_behind(child, as_of=as_of).outcome == "left_behind"
    lower = attrs.evolve(
        NATIONAL,
        left_behind_age_limit=NATIONAL.left_behind_age_limit.with_value(
            15, effective_from=D(2025, 1, 1), description="试验", basis=("试验",)
        ),
    )
    assert check_rural_left_behind(child, as_of=as_of, policy=lower).outcome == "too_old"
