import calendar
import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kongchuo import ChinaCalendar, ValidationError, add_months, period_end

D = dt.date
CAL = ChinaCalendar()
in_data = st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 11, 30))


class WeekdaysOnly:
    def is_workday(self, day):
        return day.weekday() < 5


class TestCalendarDays:
    def test_start_day_not_counted(self):
        """3 days from 1 March end on 4 March."""
        assert period_end(D(2025, 3, 1), days=3) == D(2025, 3, 4)

    @pytest.mark.parametrize(
        ("start", "months", "end"),
        [
            (D(2025, 1, 31), 1, D(2025, 2, 28)),
            (D(2024, 1, 31), 1, D(2024, 2, 29)),
            (D(2025, 1, 30), 1, D(2025, 2, 28)),
            (D(2025, 2, 28), 1, D(2025, 3, 28)),
            (D(2025, 3, 31), 1, D(2025, 4, 30)),
            (D(2025, 8, 31), 6, D(2026, 2, 28)),
            (D(2025, 11, 15), 3, D(2026, 2, 15)),
        ],
    )
    def test_month_periods(self, start, months, end):
        """Months end on the corresponding day or the month's last day."""
        assert period_end(start, months=months) == end

    def test_years_from_a_leap_day(self):
        """A year from 29 February ends on 28 February; four years on 29 February."""
        assert period_end(D(2024, 2, 29), years=1) == D(2025, 2, 28)
        assert period_end(D(2024, 2, 29), years=4) == D(2028, 2, 29)
        assert period_end(D(2024, 2, 29), years=1, months=1) == D(2025, 3, 29)

    def test_no_calendar_no_move(self):
        """Without a calendar a last day on a holiday stays put."""
        assert period_end(D(2025, 9, 28), days=3) == D(2025, 10, 1)


class TestRolling:
    def test_national_day_rolls_to_9_october(self):
        """A last day inside the 2025 National Day holiday moves to 9 October."""
        assert period_end(D(2025, 9, 28), days=3, calendar=CAL) == D(2025, 10, 9)

    def test_make_up_working_day_does_not_roll(self):
        """A last day on a make-up working day (Sunday 28 September 2025) stays."""
        assert period_end(D(2025, 9, 27), days=1, calendar=CAL) == D(2025, 9, 28)
        assert period_end(D(2025, 10, 10), days=1, calendar=CAL) == D(2025, 10, 11)

    def test_weekend_rolls(self):
        """A Saturday moves to Monday."""
        assert period_end(D(2025, 11, 21), days=1, calendar=CAL) == D(2025, 11, 24)

    def test_any_work_calendar(self):
        """Any object with is_workday serves as a calendar."""
        assert period_end(D(2025, 10, 3), days=1, calendar=WeekdaysOnly()) == D(2025, 10, 6)


class TestWorkdays:
    def test_workdays_skip_the_holiday(self):
        """3 working days from 30 September 2025 end on 11 October (a make-up day)."""
        assert period_end(D(2025, 9, 30), workdays=1, calendar=CAL) == D(2025, 10, 9)
        assert period_end(D(2025, 9, 30), workdays=3, calendar=CAL) == D(2025, 10, 11)

    def test_spring_festival_2026(self):
        """5 working days from 13 February 2026 count the make-up Saturday 14th."""
        assert period_end(D(2026, 2, 13), workdays=1, calendar=CAL) == D(2026, 2, 14)
        assert period_end(D(2026, 2, 13), workdays=2, calendar=CAL) == D(2026, 2, 24)

    def test_workdays_need_a_calendar(self):
        """Working days without a calendar raise period.calendar."""
        with pytest.raises(ValidationError) as info:
            period_end(D(2025, 1, 1), workdays=3)
        assert info.value.code == "period.calendar"


class TestBadInput:
    @pytest.mark.parametrize(
        ("kwargs", "code", "path"),
        [
            ({}, "period.empty", "$"),
            ({"days": 0}, "period.empty", "$"),
            ({"days": -1}, "int.range", "days"),
            ({"months": -2}, "int.range", "months"),
            ({"days": 1.5}, "type", "days"),
            ({"days": True}, "type", "days"),
            ({"years": "1"}, "type", "years"),
            ({"days": 1, "months": 1}, "period.mixed", "days"),
            ({"workdays": 1, "days": 1}, "period.mixed", "workdays"),
            ({"days": 1, "calendar": "china"}, "type", "calendar"),
            ({"days": 10**9}, "int.range", "days"),
        ],
    )
    def test_bad_periods(self, kwargs, code, path):
        """Negative, empty, mixed and mistyped periods raise ValidationError."""
        with pytest.raises(ValidationError) as info:
            period_end(D(2025, 1, 1), **kwargs)
        assert (info.value.code, info.value.path) == (code, path)

    @pytest.mark.parametrize("start", [None, "2025-01-01", b"x", dt.datetime(2025, 1, 1)])  # noqa: DTZ001
    def test_bad_start(self, start):
        """A start that is not a date raises ValidationError naming 'start'."""
        with pytest.raises(ValidationError) as info:
            period_end(start, days=1)
        assert info.value.path == "start"

    def test_out_of_range(self):
        """A period that ends after 9999 raises ValidationError."""
        with pytest.raises(ValidationError) as info:
            period_end(D(9999, 12, 1), days=100)
        assert (info.value.code, info.value.path) == ("period.range", "days")
        assert "1–9999" in str(info.value)
        with pytest.raises(ValidationError) as info:
            period_end(D(9999, 12, 1), months=1)
        assert (info.value.code, info.value.path) == ("period.range", "months")

    def test_bad_calendar_answer(self):
        """A calendar that answers with a non-bool is refused."""

        class Sloppy:
            def is_workday(self, _day):
                return 1

        with pytest.raises(ValidationError) as info:
            period_end(D(2025, 1, 1), days=1, calendar=Sloppy())
        assert info.value.code == "calendar.answer"


class TestProperties:
    @given(st.dates(max_value=D(9000, 1, 1)), st.integers(min_value=1, max_value=1200))
    def test_month_periods_land_on_corresponding_day_or_month_end(self, start, months):
        """The end is the same day of the target month, or that month's last day."""
        end = period_end(start, months=months)
        assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
        last = calendar.monthrange(end.year, end.month)[1]
        assert end.day == start.day or (end.day == last and start.day > last)

    @given(in_data, st.integers(min_value=1, max_value=40))
    def test_rolled_is_a_working_day_never_earlier(self, start, days):
        """A rolled last day is a working day, on or after the unrolled one."""
        plain = period_end(start, days=days)
        assume(plain.year <= 2026)
        rolled = period_end(start, days=days, calendar=CAL)
        assert CAL.is_workday(rolled)
        assert rolled >= plain
        gap = plain
        while gap < rolled:
            assert not CAL.is_workday(gap)
            gap += dt.timedelta(days=1)

    @given(in_data, st.integers(min_value=1, max_value=20))
    def test_workdays_count_exactly(self, start, n):
        """N working days end on a working day with n working days after the start."""
        end = period_end(start, workdays=n, calendar=CAL)
        days = [start + dt.timedelta(days=i) for i in range(1, (end - start).days + 1)]
        assert CAL.is_workday(end)
        assert sum(CAL.is_workday(d) for d in days) == n

    @given(st.dates(max_value=D(9000, 1, 1)), st.integers(min_value=0, max_value=100))
    def test_years_are_twelve_months(self, start, years):
        """A period of N years equals one of 12·N months."""
        assert add_months(start, 12 * years) == (period_end(start, years=years) if years else start)
