"""The special-group rules at their edges: bad arguments, the order of guardians, one day."""

import datetime as dt

import attrs
import pytest

from kongchuo import (
    Child,
    Guardian,
    GuardianRelationship,
    GuardianStatus,
    Sex,
    ValidationError,
    check_de_facto_unsupported,
    check_rural_left_behind,
    is_de_facto_unsupported,
    is_rural_left_behind,
)
from kongchuo.policy import FEICHENG, NATIONAL

AS_OF = dt.date(2025, 9, 1)
FATHER, MOTHER = GuardianRelationship.FATHER, GuardianRelationship.MOTHER
GRANDPARENT = GuardianRelationship.GRANDPARENT


def _child(*guardians: Guardian) -> Child:
    return Child(
        name="张小明",
        sex=Sex.MALE,
        birth_date=dt.date(2015, 9, 1),
        household_region="370983",
        residence_region="370983",
        rural_household=True,
        jurisdiction="370983003",
        retain_until=dt.date(2034, 8, 31),
        guardians=guardians,
    )


def _guardian(relationship: GuardianRelationship, **fields) -> Guardian:
    return Guardian(relationship=relationship, name="张某", **fields)


@pytest.mark.parametrize("rule", [check_de_facto_unsupported, check_rural_left_behind])
def test_bad_arguments_are_named(rule):
    """A non-child and a non-date are named at $.child and $.as_of, in both languages."""
    with pytest.raises(ValidationError) as info:
        rule("张小明", as_of=AS_OF)
    (problem,) = info.value.errors
    assert (problem.code, problem.path) == ("type", "$.child")
    assert problem.message == "expected a Child, got str"
    assert problem.message_zh == "应为 Child 儿童，实为 str"
    with pytest.raises(ValidationError) as info:
        rule(_child(), as_of="2025-09-01")
    (problem,) = info.value.errors
    assert (problem.code, problem.path) == ("type", "$.as_of")
    assert problem.message == "expected a date, got str"
    assert problem.message_zh == "应为日期，实为 str"


def test_a_grandparent_listed_first_does_not_hide_the_parents():
    """Guardians who are not parents are skipped, wherever they are listed."""
    child = _child(
        _guardian(GRANDPARENT),
        _guardian(FATHER, working_away=True),
        _guardian(MOTHER, working_away=True),
    )
    assert check_rural_left_behind(child, as_of=AS_OF).outcome == "left_behind"
    assert is_rural_left_behind(child, as_of=AS_OF)
    assert is_rural_left_behind(child, as_of=AS_OF, policy=FEICHENG)


def test_a_status_from_the_day_of_the_check_counts():
    """A parent who died on the day of the check is absent that day, not the day before."""
    since = {"status": GuardianStatus.DECEASED, "status_since": AS_OF}
    child = _child(_guardian(FATHER, **since), _guardian(MOTHER, **since))
    assert check_de_facto_unsupported(child, as_of=AS_OF).outcome == "orphan"
    before = AS_OF - dt.timedelta(days=1)
    assert check_de_facto_unsupported(child, as_of=before).outcome == "not_qualified"


def test_the_yes_no_forms_follow_ok():
    """is_* is the decision's ok, for each policy."""
    absent = {"status": GuardianStatus.DECEASED}
    qualifies = _child(
        _guardian(FATHER, **absent), _guardian(MOTHER, status=GuardianStatus.MISSING)
    )
    assert check_de_facto_unsupported(qualifies, as_of=AS_OF).outcome == "orphan"
    assert not is_de_facto_unsupported(qualifies, as_of=AS_OF)
    prison = {
        "status": GuardianStatus.IMPRISONED,
        "status_since": dt.date(2025, 1, 1),
        "status_until": dt.date(2027, 1, 1),
    }
    supported = _child(_guardian(FATHER, **absent), _guardian(MOTHER, **prison))
    assert check_de_facto_unsupported(supported, as_of=AS_OF).ok
    assert is_de_facto_unsupported(supported, as_of=AS_OF)
    assert is_de_facto_unsupported(supported, as_of=AS_OF, policy=FEICHENG)
    assert not is_rural_left_behind(_child(_guardian(FATHER), _guardian(MOTHER)), as_of=AS_OF)


def _with_value(name: str, value: object):
    """NATIONAL with the parameter ``name`` set to ``value`` from 2020."""
    history = getattr(NATIONAL, name).with_value(
        value, effective_from=dt.date(2020, 1, 1), description="test", basis=("test",)
    )
    return attrs.evolve(NATIONAL, **{name: history})


def test_the_yes_no_forms_read_the_policy_given():
    """is_* applies the policy it is given, not the national default."""
    away = _child(_guardian(FATHER, working_away=True), _guardian(MOTHER, working_away=True))
    young_limit = _with_value("left_behind_age_limit", 8)
    assert is_rural_left_behind(away, as_of=AS_OF)
    assert not is_rural_left_behind(away, as_of=AS_OF, policy=young_limit)
    prison = {
        "status": GuardianStatus.IMPRISONED,
        "status_since": dt.date(2025, 1, 1),
        "status_until": dt.date(2027, 1, 1),
    }
    supported = _child(
        _guardian(FATHER, status=GuardianStatus.DECEASED), _guardian(MOTHER, **prison)
    )
    long_terms = _with_value("de_facto_restriction_months", 60)
    assert is_de_facto_unsupported(supported, as_of=AS_OF)
    assert not is_de_facto_unsupported(supported, as_of=AS_OF, policy=long_terms)
