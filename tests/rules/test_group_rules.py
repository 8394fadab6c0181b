"""事实无人抚养儿童 (民发〔2019〕62号): conditions in effect on the day, durations as policy."""

import datetime as dt
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kongchuo
from kongchuo import (
    Child,
    Guardian,
    GuardianRelationship,
    GuardianStatus,
    Sex,
    check_de_facto_unsupported,
)
from kongchuo.policy import FEICHENG, NATIONAL

D = dt.date


def child(*guardians: Guardian) -> Child:
    return Child(
        name="张小明",
        sex=Sex.MALE,
        birth_date=D(2015, 9, 1),
        household_region="370983",
        residence_region="370983",
        jurisdiction="370983003",
        retain_until=D(2034, 8, 31),
        guardians=list(guardians),
    )


DEAD_MOTHER = Guardian(
    relationship=GuardianRelationship.MOTHER, name="李梅", status=GuardianStatus.DECEASED
)


def father(status: GuardianStatus, since: dt.date | None, until: dt.date | None) -> Guardian:
    return Guardian(
        relationship=GuardianRelationship.FATHER,
        name="张强",
        status=status,
        status_since=since,
        status_until=until,
    )


TERMS = (
    GuardianStatus.IMPRISONED,
    GuardianStatus.COMPULSORY_REHAB,
    GuardianStatus.OTHER_RESTRICTED,
)


class TestInEffectOnTheDay:
    """62号: 服刑在押、强制隔离戒毒或被执行其他限制人身自由的措施 … 期限在6个月以上."""

    @pytest.mark.parametrize("status", TERMS)
    def test_a_term_that_ended_no_longer_qualifies(self, status):
        """A parent whose term ended before the day checked no longer qualifies the child."""
        c = child(father(status, D(2020, 1, 1), D(2022, 1, 1)), DEAD_MOTHER)
        assert check_de_facto_unsupported(c, as_of=D(2021, 6, 1)).outcome == "qualifies"
        ended = check_de_facto_unsupported(c, as_of=D(2024, 9, 1))
        assert ended.outcome == "not_qualified"
        assert "已于2022-01-01结束" in " ".join(f.message_zh for f in ended.findings)

    @pytest.mark.parametrize("status", [*TERMS, GuardianStatus.SERIOUSLY_ILL])
    def test_a_condition_not_yet_begun_does_not_qualify(self, status):
        """A condition recorded from a later day does not count before it."""
        c = child(father(status, D(2025, 1, 1), D(2027, 1, 1)), DEAD_MOTHER)
        assert check_de_facto_unsupported(c, as_of=D(2024, 9, 1)).outcome == "not_qualified"

    def test_other_restriction_of_liberty_needs_six_months(self):
        """被执行其他限制人身自由的措施 qualifies only for a term of 6 months or more."""
        short = child(
            father(GuardianStatus.OTHER_RESTRICTED, D(2024, 6, 1), D(2024, 11, 30)), DEAD_MOTHER
        )
        long = child(
            father(GuardianStatus.OTHER_RESTRICTED, D(2024, 6, 1), D(2024, 12, 1)), DEAD_MOTHER
        )
        unknown = child(father(GuardianStatus.OTHER_RESTRICTED, None, None), DEAD_MOTHER)
        assert check_de_facto_unsupported(short, as_of=D(2024, 9, 1)).outcome == "not_qualified"
        assert check_de_facto_unsupported(long, as_of=D(2024, 9, 1)).outcome == "qualifies"
        assert (
            check_de_facto_unsupported(unknown, as_of=D(2024, 9, 1)).outcome == "insufficient_facts"
        )

    def test_uncontactable_for_six_months_by_the_day(self):
        """失联: 失去联系且未履行监护抚养责任6个月以上, counted to the day checked."""
        c = child(father(GuardianStatus.UNCONTACTABLE, D(2024, 3, 1), None), DEAD_MOTHER)
        assert check_de_facto_unsupported(c, as_of=D(2024, 8, 31)).outcome == "not_qualified"
        assert check_de_facto_unsupported(c, as_of=D(2024, 9, 1)).outcome == "qualifies"
        found = child(
            father(GuardianStatus.UNCONTACTABLE, D(2024, 3, 1), D(2025, 1, 1)), DEAD_MOTHER
        )
        assert check_de_facto_unsupported(found, as_of=D(2025, 2, 1)).outcome == "not_qualified"

    @given(
        start=st.dates(min_value=D(2019, 7, 1), max_value=D(2030, 1, 1)),
        length=st.integers(min_value=0, max_value=2000),
        offset=st.integers(min_value=-400, max_value=2400),
    )
    def test_a_term_qualifies_exactly_while_in_effect_and_long_enough(self, start, length, offset):
        """A term qualifies iff it is 6 months or more and the day lies within it."""
        end = start + dt.timedelta(days=length)
        day = start + dt.timedelta(days=offset)
        if day < D(2019, 6, 18) or day > D(2033, 9, 1):
            return
        c = child(father(GuardianStatus.IMPRISONED, start, end), DEAD_MOTHER)
        qualifies = start <= day <= end and end >= kongchuo.add_months(start, 6)
        assert check_de_facto_unsupported(c, as_of=day).ok is qualifies


class TestDurationsArePolicy:
    def test_six_months_are_dated_cited_parameters(self):
        """Both six-month readings are policy parameters citing 民发〔2019〕62号."""
        for name in ("de_facto_restriction_months", "de_facto_uncontactable_months"):
            for policy in (NATIONAL, FEICHENG):
                param = getattr(policy, name).at(D(2024, 9, 1))
                assert param.value == 6
                assert "民发〔2019〕62号" in param.basis

    def test_a_county_may_read_twelve_months(self):
        """A policy with 12 months changes the outcome, through the policy argument."""
        history = NATIONAL.de_facto_uncontactable_months.with_value(
            12, effective_from=D(2020, 1, 1), description="本地", basis=("本地细则",)
        )
        strict = attrs.evolve(NATIONAL, de_facto_uncontactable_months=history)
        c = child(father(GuardianStatus.UNCONTACTABLE, D(2024, 1, 1), None), DEAD_MOTHER)
        assert check_de_facto_unsupported(c, as_of=D(2024, 9, 1)).ok
        assert not check_de_facto_unsupported(c, as_of=D(2024, 9, 1), policy=strict).ok

    def test_policy_must_be_a_policy(self):
        """A wrong policy argument is named."""
        c = child(DEAD_MOTHER)
        with pytest.raises(kongchuo.ValidationError) as exc_info:
            check_de_facto_unsupported(c, as_of=D(2024, 9, 1), policy="national")
        assert exc_info.value.code == "type"


class TestInDifficultyHasNoRule:
    def test_reason_is_documented(self):
        """困境儿童 and 重点困境儿童 have no rule function; the module says why."""
        doc = (Path(__file__).parents[2] / "docs" / "models.md").read_text(encoding="utf-8")
        assert "困境儿童" in doc
        assert "重点困境儿童" in doc
        assert "国发〔2016〕36号" in doc
        assert not hasattr(kongchuo, "check_in_difficulty")


def test_before_the_document_no_reading_is_in_force():
    """Before 民发〔2019〕62号 there is no six-month reading: ParameterNotInForceError."""
    c = child(DEAD_MOTHER)
    with pytest.raises(kongchuo.policy.ParameterNotInForceError) as exc_info:
        check_de_facto_unsupported(c, as_of=D(2018, 1, 1))
    assert "de_facto_restriction_months" in str(exc_info.value)
