import datetime as dt
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongchuo import (
    Severity,
    ValidationError,
    age_on,
    check_school_entry,
    entry_year,
    is_school_age,
    period_end,
    school_year_day,
)
from kongchuo.policy import FEICHENG, NATIONAL, ParameterNotInForceError

D = dt.date
ONE = dt.timedelta(days=1)
births = st.dates(min_value=D(1900, 1, 1), max_value=D(2090, 12, 31))


class TestAgeOn:
    def test_reaches_age_on_the_day_after_the_birthday(self):
        """A child is 5 on the 6th birthday and 6 on the day after."""
        assert age_on(D(2019, 9, 1), D(2025, 8, 31)) == 5
        assert age_on(D(2019, 9, 1), D(2025, 9, 1)) == 5
        assert age_on(D(2019, 9, 1), D(2025, 9, 2)) == 6

    def test_age_zero_on_the_day_of_birth(self):
        """On the day of birth and the day after, the age is 0."""
        assert age_on(D(2020, 5, 5), D(2020, 5, 5)) == 0
        assert age_on(D(2020, 5, 5), D(2020, 5, 6)) == 0
        assert age_on(D(2020, 5, 5), D(2021, 5, 5)) == 0
        assert age_on(D(2020, 5, 5), D(2021, 5, 6)) == 1

    @pytest.mark.parametrize(
        ("on", "age"),
        [
            (D(2025, 2, 28), 8),
            (D(2025, 3, 1), 9),
            (D(2024, 2, 28), 7),
            (D(2024, 2, 29), 7),
            (D(2024, 3, 1), 8),
        ],
    )
    def test_leap_day_child_reaches_age_on_1_march(self, on, age):
        """A 29 February child reaches N on 1 March in common and leap years."""
        assert age_on(D(2016, 2, 29), on) == age

    def test_before_birth_raises(self):
        """A day before the birth is refused with age.before_birth."""
        with pytest.raises(ValidationError) as info:
            age_on(D(2020, 5, 5), D(2020, 5, 4))
        assert info.value.code == "age.before_birth"
        assert info.value.path == "on"
        assert "早于出生日期" in info.value.message_zh

    @pytest.mark.parametrize("bad", [None, "2020-01-01", b"2020", 20200101, 2020.0])
    def test_non_dates_raise_validation_error(self, bad):
        """None, text, bytes and numbers raise ValidationError naming the argument."""
        with pytest.raises(ValidationError) as info:
            age_on(bad, D(2025, 1, 1))
        assert (info.value.code, info.value.path) == ("type", "birth")
        with pytest.raises(ValidationError) as info:
            age_on(D(2020, 1, 1), bad)
        assert info.value.path == "on"

    def test_datetime_is_refused(self):
        """A datetime is refused rather than silently truncated."""
        with pytest.raises(ValidationError) as info:
            age_on(D(2020, 1, 1), dt.datetime(2025, 1, 1, 12, tzinfo=dt.UTC))
        assert info.value.code == "date.datetime"

    def test_error_pickles(self):
        """The error crosses process boundaries with its code."""
        with pytest.raises(ValidationError) as info:
            age_on(D(2020, 1, 1), None)  # type: ignore[arg-type]
        assert pickle.loads(pickle.dumps(info.value)).code == "type"

    @given(births, st.integers(min_value=0, max_value=20_000))
    def test_age_never_decreases(self, birth, offset):
        """From one day to the next the age stays or grows by one."""
        on = birth + dt.timedelta(days=offset)
        if on.year >= 9999:
            return
        step = age_on(birth, on + ONE) - age_on(birth, on)
        assert step in {0, 1}

    @given(births, st.integers(min_value=1, max_value=100))
    def test_steps_by_one_on_the_day_after_each_birthday(self, birth, n):
        """The age becomes N exactly on the day after the period of N years ends."""
        last = period_end(birth, years=n)  # the Nth birthday, or 28 Feb for 29 Feb
        assert age_on(birth, last) == n - 1
        assert age_on(birth, last + ONE) == n

    @given(births, st.integers(min_value=0, max_value=40_000))
    def test_agrees_with_the_civil_code_period(self, birth, offset):
        """The age is N or more exactly when the day is after the N-year period's last day."""
        on = birth + dt.timedelta(days=offset)
        age = age_on(birth, on)
        assert age == 0 or on > period_end(birth, years=age)
        assert on <= period_end(birth, years=age + 1)


class TestSchoolAge:
    def test_cutoff_edges(self):
        """Born 31 August: in; born 1 September: out (FEICHENG, 2025)."""
        assert is_school_age(D(2019, 8, 31), school_year=2025, policy=FEICHENG)
        assert not is_school_age(D(2019, 9, 1), school_year=2025, policy=FEICHENG)

    def test_upper_edge(self):
        """15 on 1 September is in; 16 is out."""
        assert is_school_age(D(2009, 9, 1), school_year=2025, policy=FEICHENG)
        assert not is_school_age(D(2009, 8, 31), school_year=2025, policy=FEICHENG)

    def test_not_yet_born(self):
        """A child born after the reckoning day is not of school age."""
        assert not is_school_age(D(2026, 1, 1), school_year=2025, policy=NATIONAL)

    def test_reckoning_day(self):
        """The reckoning day is the day after the cut-off."""
        assert school_year_day(2025, policy=FEICHENG) == D(2025, 9, 1)

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"school_year": "2025", "policy": FEICHENG}, "school_year"),
            ({"school_year": True, "policy": FEICHENG}, "school_year"),
            ({"school_year": 2025, "policy": None}, "policy"),
            ({"school_year": 2025, "policy": "feicheng"}, "policy"),
        ],
    )
    def test_bad_arguments(self, kwargs, path):
        """Bad school years and policies raise ValidationError naming the argument."""
        with pytest.raises(ValidationError) as info:
            is_school_age(D(2019, 1, 1), **kwargs)
        assert info.value.path == path

    @pytest.mark.parametrize("bad", [None, "2019-01-01", b"x", dt.datetime(2019, 1, 1)])  # noqa: DTZ001
    def test_bad_birth(self, bad):
        """A birth that is not a date raises ValidationError naming 'birth'."""
        with pytest.raises(ValidationError) as info:
            is_school_age(bad, school_year=2025, policy=FEICHENG)
        assert info.value.path == "birth"
        with pytest.raises(ValidationError) as info:
            check_school_entry(bad, school_year=2025, policy=FEICHENG)
        assert info.value.path == "birth"

    def test_policy_without_a_value_raises(self):
        """A policy with no age band in force names the parameter and the date."""
        late = FEICHENG.age_band.with_value(
            FEICHENG.age_band.latest.value,
            effective_from=D(2030, 1, 1),
            description="x",
            basis=("x",),
        )
        policy = attrs.evolve(FEICHENG, age_band=attrs.evolve(late, values=late.values[-1:]))
        with pytest.raises(ParameterNotInForceError) as info:
            is_school_age(D(2019, 1, 1), school_year=2025, policy=policy)
        assert "age_band" in str(info.value)
        assert "2025-07-01" in str(info.value)

    @given(births, st.integers(min_value=1986, max_value=2080))
    def test_matches_age_on_the_reckoning_day(self, birth, year):
        """is_school_age is the age band test on the reckoning day."""
        day = school_year_day(year, policy=FEICHENG)
        expected = birth <= day and 6 <= age_on(birth, day) <= 15
        assert is_school_age(birth, school_year=year, policy=FEICHENG) == expected


class TestEntryYear:
    def test_examples(self):
        """31 August children start at 6; 1 September children a year later."""
        assert entry_year(D(2019, 8, 31), policy=FEICHENG) == 2025
        assert entry_year(D(2019, 9, 1), policy=FEICHENG) == 2026
        assert entry_year(D(2016, 2, 29), policy=FEICHENG) == 2022

    @given(st.dates(min_value=D(1981, 1, 1), max_value=D(2080, 12, 31)))
    def test_is_the_first_year_of_age_six(self, birth):
        """The child is 6 on that year's reckoning day and under 6 the year before."""
        year = entry_year(birth, policy=FEICHENG)
        assert age_on(birth, school_year_day(year, policy=FEICHENG)) == 6
        before = school_year_day(year - 1, policy=FEICHENG)
        assert before <= birth or age_on(birth, before) < 6

    def test_bad_input(self):
        """A missing birth date raises ValidationError."""
        with pytest.raises(ValidationError) as info:
            entry_year(None, policy=FEICHENG)  # type: ignore[arg-type]
        assert (info.value.code, info.value.path) == ("type", "birth")


class TestCheckSchoolEntry:
    @pytest.mark.parametrize(
        ("birth", "kwargs", "ok", "outcome"),
        [
            (D(2019, 9, 1), {}, False, "too_young"),
            (D(2019, 8, 31), {}, True, "due"),
            (D(2019, 8, 31), {"deferral_approved": True}, False, "deferred"),
            (D(2017, 5, 1), {}, True, "overdue"),
            (D(2017, 5, 1), {"disabled": True}, True, "late_entry_allowed"),
            (D(2016, 9, 1), {"disabled": True}, True, "late_entry_allowed"),
            (D(2013, 1, 1), {"disabled": True}, True, "overdue"),
            (D(2008, 1, 1), {"disabled": True}, False, "above_age_band"),
            (D(2009, 3, 1), {"completed": False}, True, "owed_compulsory_education"),
            (D(2009, 3, 1), {"completed": True}, False, "completed"),
            (D(2005, 3, 1), {"completed": False}, False, "above_age_band"),
            (D(2008, 1, 1), {}, False, "above_age_band"),
            (D(2027, 1, 1), {}, False, "too_young"),
        ],
    )
    def test_outcomes(self, birth, kwargs, ok, outcome):
        """Each outcome with its ok value."""
        decision = check_school_entry(birth, school_year=2025, policy=FEICHENG, **kwargs)
        assert (decision.ok, decision.outcome) == (ok, outcome)
        assert "义务教育法 第十一条" in decision.basis

    def test_disabled_cites_the_regulation(self):
        """Late entry of a disabled child cites 残疾人教育条例 第十四条."""
        decision = check_school_entry(
            D(2017, 1, 1), school_year=2025, policy=FEICHENG, disabled=True
        )
        assert "残疾人教育条例 第十四条" in decision.basis
        assert decision.findings[0].code == "school_entry.late_entry_allowed"

    def test_overdue_is_a_warning(self):
        """An overdue entry carries a warning finding."""
        decision = check_school_entry(D(2017, 5, 1), school_year=2025, policy=FEICHENG)
        assert decision.codes() == ("school_entry.overdue",)
        assert str(decision.findings[0].severity) == "warning"

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [({"disabled": "yes"}, "disabled"), ({"deferral_approved": 1}, "deferral_approved")],
    )
    def test_flags_must_be_bools(self, kwargs, path):
        """Flags that are not bools raise ValidationError naming the flag."""
        with pytest.raises(ValidationError) as info:
            check_school_entry(D(2019, 1, 1), school_year=2025, policy=FEICHENG, **kwargs)
        assert info.value.path == path


class TestDisabledLateEntryBounded:
    """残疾人教育条例 第十四条: 必要时，其入学年龄和在校年龄可以适当提高 (bounded by policy)."""

    def test_extension_is_a_dated_cited_kongchuo_default(self):
        """适当 is a parameter: 3 years, citing 第十四条, a kongchuo default that errs late."""
        param = FEICHENG.disabled_entry_extension.at(D(2025, 7, 1))
        assert param.value == 3
        assert "残疾人教育条例 第十四条" in param.basis
        assert any("kongchuo default" in b for b in param.basis)
        assert "errs late" in param.description
        assert param.effective_from == D(2017, 5, 1)

    def test_late_entry_allowed_up_to_the_extension_then_overdue(self):
        """A disabled child may enter up to 3 years late (age 9); at 10 the child is overdue."""
        at_nine = check_school_entry(
            D(2016, 6, 1), school_year=2025, policy=FEICHENG, disabled=True
        )
        at_ten = check_school_entry(D(2015, 6, 1), school_year=2025, policy=FEICHENG, disabled=True)
        assert at_nine.outcome == "late_entry_allowed"
        assert at_ten.outcome == "overdue"
        assert at_ten.findings[0].severity is Severity.WARNING
        assert "残疾人教育条例 第十四条" in at_ten.basis

    def test_a_disabled_adult_is_not_late_entry(self):
        """A disabled person of 35 is not 'late entry allowed' (the bug this bound fixes)."""
        decision = check_school_entry(
            D(1990, 1, 1), school_year=2025, policy=FEICHENG, disabled=True
        )
        assert decision.outcome == "above_age_band"
        assert not decision.ok

    def test_extension_follows_the_policy(self):
        """A county that sets 5 years allows entry at 11."""
        history = FEICHENG.disabled_entry_extension.with_value(
            5, effective_from=D(2020, 1, 1), description="本县", basis=("本县通知",)
        )
        mine = attrs.evolve(FEICHENG, disabled_entry_extension=history)
        decision = check_school_entry(D(2014, 6, 1), school_year=2025, policy=mine, disabled=True)
        assert decision.outcome == "late_entry_allowed"


class TestStillOwedCompulsoryEducation:
    """未成年人保护法 第八十三条第二款: 对尚未完成义务教育的辍学未成年学生 … 责令 … 送入学校."""

    def test_sixteen_not_completed_is_owed_not_merely_above_the_band(self):
        """A 16-year-old who has not completed is owed_compulsory_education, ok, a warning."""
        decision = check_school_entry(
            D(2009, 3, 1), school_year=2025, policy=FEICHENG, completed=False
        )
        assert decision.ok
        assert decision.outcome == "owed_compulsory_education"
        (finding,) = decision.findings
        assert finding.severity is Severity.WARNING
        assert "未成年人保护法 第八十三条第二款" in decision.basis
        assert "未成年人保护法 第二十八条第二款" in decision.basis
        assert "尚未完成义务教育" in finding.message_zh

    def test_completion_unknown_says_to_find_out(self):
        """Above the band with completion not given: above_age_band, with a warning to check."""
        decision = check_school_entry(D(2009, 3, 1), school_year=2025, policy=FEICHENG)
        assert decision.outcome == "above_age_band"
        assert decision.findings[0].severity is Severity.WARNING
        assert decision.findings[0].path == "completed"

    def test_an_adult_is_outside_the_band(self):
        """At 18 the 未成年人保护法 articles no longer apply: above_age_band."""
        decision = check_school_entry(
            D(2006, 3, 1), school_year=2025, policy=FEICHENG, completed=False
        )
        assert decision.outcome == "above_age_band"

    def test_completed_must_be_a_bool(self):
        """completed='no' is refused, naming the argument."""
        with pytest.raises(ValidationError) as exc_info:
            check_school_entry(D(2009, 3, 1), school_year=2025, policy=FEICHENG, completed="no")
        assert exc_info.value.path == "completed"
