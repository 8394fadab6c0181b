"""Periods and spans at their edges: bounds, refusals (code, path, both messages), units."""

import datetime as dt

import pytest

from kongchuo import (
    ChinaCalendar,
    SchoolCalendar,
    Term,
    TermKind,
    ValidationError,
    add_months,
    period_end,
    span_end,
)
from kongchuo._time.periods import SchoolDays, span_text
from kongchuo.policy import Span, TimeUnit

D = dt.date
CAL = ChinaCalendar()
AUTUMN = SchoolCalendar(
    school_year=2025, terms=[Term(kind=TermKind.AUTUMN, start=D(2025, 9, 1), end=D(2026, 1, 23))]
)
RANGE_EN = "the period ends outside the years 1–9999"
RANGE_ZH = "期间的届满日超出公元 1–9999 年"


def _problem(call):
    with pytest.raises(ValidationError) as info:
        call()
    (problem,) = info.value.errors
    return (problem.code, problem.path, problem.message, problem.message_zh)


def span(count, unit):
    """A span of ``count`` ``unit``s."""
    return Span(count=count, unit=unit)


class TestAddMonths:
    def test_corresponding_day_or_month_end(self):
        """Months land on the same day, or the month's last day; negative months go back."""
        assert add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
        assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
        assert add_months(D(2025, 3, 31), -1) == D(2025, 2, 28)
        assert add_months(D(2025, 1, 15), 0) == D(2025, 1, 15)
        assert add_months(D(2025, 11, 30), 2) == D(2026, 1, 30)
        assert add_months(D(2025, 12, 1), 1) == D(2026, 1, 1)
        assert add_months(D(2025, 1, 1), -1) == D(2024, 12, 1)
        assert add_months(D(2025, 5, 31), 12) == D(2026, 5, 31)
        assert add_months(D(2025, 5, 31), -13) == D(2024, 4, 30)

    def test_the_first_and_last_representable_months(self):
        """January of year 1 and December of 9999 are reached; one month past is refused."""
        assert add_months(D(1, 2, 28), -1) == D(1, 1, 28)
        assert add_months(D(9999, 11, 30), 1) == D(9999, 12, 30)
        for day, months in ((D(1, 1, 31), -1), (D(9999, 12, 31), 1)):
            assert _problem(lambda d=day, m=months: add_months(d, m)) == (
                "period.range",
                "months",
                RANGE_EN,
                RANGE_ZH,
            )

    def test_months_are_bounded(self):
        """±100,000 months is the limit either way, named at months."""
        assert add_months(D(1000, 1, 1), 100_000) == D(9333, 5, 1)
        assert add_months(D(9000, 1, 1), -100_000) == D(666, 9, 1)
        assert _problem(lambda: add_months(D(2025, 1, 31), 100_001)) == (
            "int.range",
            "months",
            "must be at most 100000, got 100001",
            "不能大于 100000，实为 100001",
        )
        assert _problem(lambda: add_months(D(2025, 1, 31), -100_001)) == (
            "int.range",
            "months",
            "must be at least -100000, got -100001",
            "不能小于 -100000，实为 -100001",
        )

    def test_argument_types(self):
        """A non-date day and a non-integer count are named."""
        assert _problem(lambda: add_months("2025-01-01", 1))[:2] == ("type", "day")
        assert _problem(lambda: add_months(D(2025, 1, 1), 1.0))[:2] == ("type", "months")


class TestPeriodEnd:
    def test_counts(self):
        """Days, months, years and both together; the start day is not counted."""
        assert period_end(D(2025, 3, 1), days=3) == D(2025, 3, 4)
        assert period_end(D(2025, 1, 31), months=1) == D(2025, 2, 28)
        assert period_end(D(2024, 2, 29), years=1) == D(2025, 2, 28)
        assert period_end(D(2025, 1, 31), years=1, months=1) == D(2026, 2, 28)
        assert period_end(D(2025, 1, 1), days=100_000) == D(2298, 10, 17)

    def test_rolling_only_with_a_calendar(self):
        """A last day on a holiday moves to the next working day only given a calendar."""
        assert period_end(D(2025, 9, 28), days=3) == D(2025, 10, 1)
        assert period_end(D(2025, 9, 28), days=3, calendar=CAL) == D(2025, 10, 9)
        assert period_end(D(2025, 8, 31), months=1, calendar=CAL) == D(2025, 9, 30)
        assert period_end(D(2025, 8, 1), months=2, calendar=CAL) == D(2025, 10, 9)
        assert period_end(D(2025, 9, 30), workdays=1, calendar=CAL) == D(2025, 10, 9)
        assert period_end(D(2025, 9, 26), workdays=2, calendar=CAL) == D(2025, 9, 29)

    @pytest.mark.parametrize(
        ("kwargs", "expected"),
        [
            (
                {},
                (
                    "period.empty",
                    "$",
                    "the period is empty: give days, months, years or workdays",
                    "期间为空：请给出日、月、年或工作日数",
                ),
            ),
            (
                {"days": 0, "months": 0, "years": 0, "workdays": 0},
                (
                    "period.empty",
                    "$",
                    "the period is empty: give days, months, years or workdays",
                    "期间为空：请给出日、月、年或工作日数",
                ),
            ),
            (
                {"workdays": 1, "days": 1, "calendar": CAL},
                (
                    "period.mixed",
                    "workdays",
                    "workdays cannot be mixed with days, months or years",
                    "工作日不能与日、月、年混用",
                ),
            ),
            (
                {"workdays": 1, "months": 1, "calendar": CAL},
                (
                    "period.mixed",
                    "workdays",
                    "workdays cannot be mixed with days, months or years",
                    "工作日不能与日、月、年混用",
                ),
            ),
            (
                {"workdays": 1, "years": 1, "calendar": CAL},
                (
                    "period.mixed",
                    "workdays",
                    "workdays cannot be mixed with days, months or years",
                    "工作日不能与日、月、年混用",
                ),
            ),
            (
                {"days": 1, "months": 1},
                (
                    "period.mixed",
                    "days",
                    "days cannot be mixed with months or years: the order is ambiguous",
                    "日不能与月、年混用：计算顺序不明确",
                ),
            ),
            (
                {"days": 1, "years": 1},
                (
                    "period.mixed",
                    "days",
                    "days cannot be mixed with months or years: the order is ambiguous",
                    "日不能与月、年混用：计算顺序不明确",
                ),
            ),
            (
                {"workdays": 1},
                (
                    "period.calendar",
                    "calendar",
                    "a period in working days needs a calendar",
                    "以工作日计算的期间需要工作日历",
                ),
            ),
            ({"days": 9_999_999}, None),
        ],
    )
    def test_refusals(self, kwargs, expected):
        """Each refusal has its code, path and exact messages in both languages."""
        problem = _problem(lambda: period_end(D(2025, 1, 1), **kwargs))
        if expected is None:
            assert problem[:2] == ("int.range", "days")
        else:
            assert problem == expected

    @pytest.mark.parametrize("name", ["days", "months", "years", "workdays"])
    def test_each_count_is_bounded(self, name):
        """Every count is an int from 0 to 100,000, named by its argument."""
        extra = {"calendar": CAL} if name == "workdays" else {}
        assert _problem(lambda: period_end(D(2025, 1, 1), **{name: -1}, **extra)) == (
            "int.range",
            name,
            "must be at least 0, got -1",
            "不能小于 0，实为 -1",
        )
        assert _problem(lambda: period_end(D(2025, 1, 1), **{name: 100_001}, **extra)) == (
            "int.range",
            name,
            "must be at most 100000, got 100001",
            "不能大于 100000，实为 100001",
        )
        assert _problem(lambda: period_end(D(2025, 1, 1), **{name: "1"}, **extra))[:2] == (
            "type",
            name,
        )

    def test_out_of_range_and_bad_calendar(self):
        """An end past 9999 is period.range at the count; a non-calendar is named."""
        assert _problem(lambda: period_end(D(9999, 12, 1), days=31)) == (
            "period.range",
            "days",
            RANGE_EN,
            RANGE_ZH,
        )
        assert period_end(D(9999, 12, 1), days=30) == D(9999, 12, 31)
        assert _problem(lambda: period_end(D(9999, 12, 1), years=1)) == (
            "period.range",
            "months",
            RANGE_EN,
            RANGE_ZH,
        )
        assert _problem(lambda: period_end(D(2025, 1, 1), days=1, calendar="cal"))[:2] == (
            "type",
            "calendar",
        )
        assert _problem(lambda: period_end("2025-01-01", days=1))[:2] == ("type", "start")


class TestSpanEnd:
    @pytest.mark.parametrize(
        ("count", "unit", "expected"),
        [
            (1, TimeUnit.DAY, D(2025, 9, 2)),
            (3, TimeUnit.DAY, D(2025, 9, 4)),
            (1, TimeUnit.WEEK, D(2025, 9, 8)),
            (5, TimeUnit.WEEK, D(2025, 10, 6)),
            (1, TimeUnit.MONTH, D(2025, 10, 1)),
            (0, TimeUnit.DAY, D(2025, 9, 1)),
            (0, TimeUnit.WEEK, D(2025, 9, 1)),
            (0, TimeUnit.MONTH, D(2025, 9, 1)),
        ],
    )
    def test_calendar_units_without_a_calendar(self, count, unit, expected):
        """Days, weeks of 7 days and months count from the day after start; 0 is start."""
        assert span_end(D(2025, 9, 1), span(count, unit), school_days=SchoolDays.REFUSED) == (
            expected
        )

    def test_rolling_follows_roll(self):
        """With a calendar an end on a holiday rolls, unless roll=False."""
        week = span(1, TimeUnit.WEEK)
        start = D(2025, 9, 24)  # a week later is 1 October, 国庆节
        kwargs = {"school_days": SchoolDays.REFUSED, "calendar": CAL}
        assert span_end(start, week, **kwargs) == D(2025, 10, 9)
        assert span_end(start, week, roll=False, **kwargs) == D(2025, 10, 1)
        month = span(1, TimeUnit.MONTH)
        assert span_end(D(2025, 9, 1), month, **kwargs) == D(2025, 10, 9)
        assert span_end(D(2025, 9, 1), month, roll=False, **kwargs) == D(2025, 10, 1)
        assert span_end(D(2025, 9, 30), span(1, TimeUnit.DAY), roll=False, **kwargs) == (
            D(2025, 10, 1)
        )

    def test_working_and_school_days(self):
        """Working days count the calendar's; school days read as workdays or within terms."""
        one = span(1, TimeUnit.WORKDAY)
        assert span_end(D(2025, 9, 30), one, school_days=SchoolDays.REFUSED, calendar=CAL) == (
            D(2025, 10, 9)
        )
        school = span(2, TimeUnit.SCHOOL_DAY)
        assert span_end(D(2025, 9, 30), school, school_days=SchoolDays.WORKDAYS, calendar=CAL) == D(
            2025, 10, 10
        )
        assert span_end(
            D(2025, 8, 29), school, school_days=SchoolDays.TERMS, calendar=CAL, terms=AUTUMN
        ) == D(2025, 9, 2)
        assert span_end(D(2025, 8, 29), school, school_days=SchoolDays.WORKDAYS, calendar=CAL) == D(
            2025, 9, 2
        )
        assert span_end(
            D(2025, 8, 20), school, school_days=SchoolDays.TERMS, calendar=CAL, terms=AUTUMN
        ) == D(2025, 9, 2)
        zero = span(0, TimeUnit.SCHOOL_DAY)
        assert span_end(
            D(2025, 8, 20), zero, school_days=SchoolDays.TERMS, calendar=CAL, terms=AUTUMN
        ) == D(2025, 8, 20)

    def test_the_last_school_day_of_the_terms(self):
        """Counting may end on the last term day; one school day more is span.horizon."""
        last = D(2026, 1, 23)
        kwargs = {"school_days": SchoolDays.TERMS, "calendar": CAL, "terms": AUTUMN}
        assert span_end(D(2026, 1, 22), span(1, TimeUnit.SCHOOL_DAY), **kwargs) == last
        assert _problem(
            lambda: span_end(D(2026, 1, 20), span(10, TimeUnit.SCHOOL_DAY), **kwargs)
        ) == (
            "span.horizon",
            "terms",
            "the school calendar of 2025 ends on 2026-01-23 before 10 school days have passed",
            "2025 学年校历在 2026-01-23 结束，不足 10 个在校日",
        )
        empty = SchoolCalendar(school_year=2025, terms=[])
        assert _problem(
            lambda: span_end(
                D(2025, 9, 1),
                span(1, TimeUnit.SCHOOL_DAY),
                school_days=SchoolDays.TERMS,
                calendar=CAL,
                terms=empty,
            )
        )[:2] == ("span.horizon", "terms")

    @pytest.mark.parametrize(
        ("call", "expected"),
        [
            (
                lambda: span_end(D(2025, 1, 1), "span", school_days=SchoolDays.REFUSED),
                ("type", "span", "expected a Span, got str", "应为 Span 时长，实为 str"),
            ),
            (
                lambda: span_end(D(2025, 1, 1), span(1, TimeUnit.DAY), school_days="refused"),
                (
                    "span.school_days",
                    "school_days",
                    "school_days must be a SchoolDays reading, got str",
                    "school_days 应为 SchoolDays 计法，实为 str",
                ),
            ),
            (
                lambda: span_end(
                    D(2025, 1, 1), span(1, TimeUnit.DAY), school_days=SchoolDays.REFUSED, terms=[]
                ),
                (
                    "type",
                    "terms",
                    "terms must be a SchoolCalendar, got list",
                    "terms 应为 SchoolCalendar 校历，实为 list",
                ),
            ),
            (
                lambda: span_end(
                    D(2025, 1, 1),
                    span(1, TimeUnit.SCHOOL_DAY),
                    school_days=SchoolDays.REFUSED,
                    calendar=CAL,
                ),
                (
                    "span.unit",
                    "span.unit",
                    "this period is not counted in school days",
                    "此期限不以在校日计算",
                ),
            ),
            (
                lambda: span_end(
                    D(2025, 1, 1), span(2, TimeUnit.WORKDAY), school_days=SchoolDays.REFUSED
                ),
                (
                    "span.calendar",
                    "calendar",
                    "a span of 2 workday (2工作日) needs a working-day calendar",
                    "以工作日计的时长需要工作日历",
                ),
            ),
            (
                lambda: span_end(
                    D(2025, 1, 1), span(2, TimeUnit.SCHOOL_DAY), school_days=SchoolDays.WORKDAYS
                ),
                (
                    "span.calendar",
                    "calendar",
                    "a span of 2 school_day (2在校日) needs a working-day calendar",
                    "以在校日计的时长需要工作日历",
                ),
            ),
            (
                lambda: span_end(
                    D(2025, 1, 1),
                    span(2, TimeUnit.SCHOOL_DAY),
                    school_days=SchoolDays.TERMS,
                    calendar=CAL,
                ),
                (
                    "span.terms",
                    "terms",
                    "a span of 2 school_day (2在校日) read within terms needs a school calendar",
                    "按校历学期计算在校日需要校历",
                ),
            ),
        ],
    )
    def test_refusals(self, call, expected):
        """Each refusal has its code, path and exact messages in both languages."""
        assert _problem(call) == expected

    def test_argument_types(self):
        """A non-date start and a non-calendar are named."""
        one = span(1, TimeUnit.DAY)
        assert _problem(lambda: span_end(None, one, school_days=SchoolDays.REFUSED))[:2] == (
            "type",
            "start",
        )
        assert _problem(
            lambda: span_end(D(2025, 1, 1), one, school_days=SchoolDays.REFUSED, calendar="x")
        )[:2] == ("type", "calendar")

    def test_school_days_under_workdays_need_no_terms(self):
        """SchoolDays.WORKDAYS counts without a school calendar; TERMS with one accepts."""
        two = span(2, TimeUnit.SCHOOL_DAY)
        assert span_end(D(2025, 9, 1), two, school_days=SchoolDays.WORKDAYS, calendar=CAL) == (
            D(2025, 9, 3)
        )


@pytest.mark.parametrize(
    ("unit", "one", "two"),
    [
        (TimeUnit.DAY, ("1 day", "1天"), ("2 days", "2天")),
        (TimeUnit.WORKDAY, ("1 working day", "1个工作日"), ("2 working days", "2个工作日")),
        (TimeUnit.SCHOOL_DAY, ("1 school day", "1个在校日"), ("2 school days", "2个在校日")),
        (TimeUnit.WEEK, ("1 week", "1周"), ("2 weeks", "2周")),
        (TimeUnit.MONTH, ("1 month", "1个月"), ("2 months", "2个月")),
    ],
)
def test_span_text(unit, one, two):
    """A span in words: singular for 1, plural otherwise, and the Chinese unit."""
    assert span_text(span(1, unit)) == one
    assert span_text(span(2, unit)) == two
