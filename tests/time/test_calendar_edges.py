"""Calendars at their edges: the days either side of each bound, every refusal pinned whole.

chinesecalendar is the source of truth for the built-in holidays and 调休 working
days: where a test names a built-in day, it asks the package too. Every calendar is
built inside its test, so that what a test checks is the calendar it builds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import chinese_calendar
import pytest

from kongchuo import (
    Break,
    BreakKind,
    CalendarHorizonError,
    ChinaCalendar,
    SchoolCalendar,
    Term,
    TermKind,
    ValidationError,
    YearArrangement,
    roll_forward,
)
from kongchuo._time.calendars import MAX_REST_RUN, advance_workdays

D = dt.date
DAY = dt.timedelta(days=1)


def _problems(info: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str, str, str]]:
    """Each problem of a refusal as (code, path, English, Chinese)."""
    return [(p.code, p.path, p.message, p.message_zh) for p in info.value.errors]


def _empty(year: int, source: str = "illustrative") -> YearArrangement:
    """A year with no holidays and no make-up days: every weekday works."""
    return YearArrangement(year=year, holidays=[], workdays=[], source=source)


def _builtin_span() -> tuple[int, int]:
    """The first and last year chinesecalendar holds, asked of the package itself."""
    years = [d.year for d in chinese_calendar.holidays]
    return min(years), max(years)


def _wrong_items_then_fail(limit: int = 100) -> Iterator[int]:
    """Integers (never dates); reading past ``limit`` of them fails the test."""
    for n in range(10**9):
        if n == limit:
            raise AssertionError("the items were read on past the check's limit")
        yield n


class Never:
    """A calendar on which no day is a working day."""

    def is_workday(self, day: dt.date) -> bool:  # noqa: ARG002 - the protocol's signature
        """Never a working day."""
        return False


class AnswersOne:
    """A calendar whose answer is an int, not a bool."""

    def is_workday(self, day: dt.date) -> int:  # noqa: ARG002 - the protocol's signature
        """Always 1."""
        return 1


class TestArrangementRanges:
    def test_a_whole_leap_year_loads_and_a_day_more_is_refused(self):
        """A range of 366 days (2028, a leap year) loads; one of 367 is refused, named."""
        whole = YearArrangement.from_mapping(
            {
                "year": 2028,
                "source": "x",
                "holidays": [{"start": "2028-01-01", "end": "2028-12-31"}],
            }
        )
        assert len(whole.holidays) == 366
        with pytest.raises(ValidationError) as info:
            YearArrangement.from_mapping(
                {
                    "year": 2027,
                    "source": "x",
                    "holidays": [{"start": "2027-01-01", "end": "2028-01-02"}],
                }
            )
        assert _problems(info) == [
            (
                "calendar.range",
                "$.holidays[0].end",
                "a range of 367 days is longer than a year",
                "区间长达 367 天，超过一年",
            )
        ]

    def test_a_range_without_end_is_one_day(self):
        """A range with only a start is that day alone."""
        arr = YearArrangement.from_mapping(
            {"year": 2027, "source": "x", "holidays": [{"name": "元旦", "start": "2027-01-01"}]}
        )
        assert arr.holidays == frozenset({D(2027, 1, 1)})


class TestArrangementChecks:
    @pytest.mark.parametrize("year", [1900, 9999])
    def test_the_first_and_last_year_are_accepted(self, year):
        """Years 1900 and 9999, the two ends of the allowed range, are accepted."""
        assert _empty(year).year == year

    @pytest.mark.parametrize("year", [1899, 10000])
    def test_a_year_past_either_end_is_refused(self, year):
        """Years 1899 and 10000 are refused with calendar.year at $.year."""
        with pytest.raises(ValidationError) as info:
            _empty(year)
        assert _problems(info) == [
            (
                "calendar.year",
                "$.year",
                "year must be an integer 1900–9999",
                "year 应为 1900–9999 的整数",
            )
        ]

    def test_every_non_date_in_the_day_sets_is_named(self):
        """Each non-date among holidays and workdays is a calendar.date problem of its set."""
        with pytest.raises(ValidationError) as info:
            YearArrangement(year=2027, holidays=[D(2027, 1, 1), 5, "x"], workdays=[2.0], source="x")
        assert _problems(info) == [
            (
                "calendar.date",
                "$.holidays",
                "holidays must hold dates, found int",
                "holidays 应只含日期，发现 int",
            ),
            (
                "calendar.date",
                "$.holidays",
                "holidays must hold dates, found str",
                "holidays 应只含日期，发现 str",
            ),
            (
                "calendar.date",
                "$.workdays",
                "workdays must hold dates, found float",
                "workdays 应只含日期，发现 float",
            ),
        ]

    @pytest.mark.parametrize(("value", "kind"), [(5, "int"), ("2027-01-01", "str")])
    def test_a_day_set_that_is_not_a_collection_is_refused(self, value, kind):
        """A number or a text given as the holidays is a type problem at $.holidays."""
        with pytest.raises(ValidationError) as info:
            YearArrangement(year=2027, holidays=value, workdays=[], source="x")
        assert _problems(info) == [
            (
                "type",
                "$.holidays",
                f"expected a collection of dates, got {kind}",
                f"应为日期的集合，实为 {kind}",
            )
        ]

    def test_an_unhashable_day_is_refused(self):
        """A list inside the make-up days is refused as calendar.date at $.workdays."""
        with pytest.raises(ValidationError) as info:
            YearArrangement(year=2027, holidays=[], workdays=[[2027, 2, 20]], source="x")
        assert _problems(info) == [("calendar.date", "$.workdays", "expected dates", "应为日期")]

    def test_a_day_set_is_read_only_to_its_twentieth_wrong_item(self):
        """Twenty wrong items are named and the rest is not read."""
        with pytest.raises(ValidationError) as info:
            YearArrangement(year=2027, holidays=_wrong_items_then_fail(), workdays=[], source="x")
        assert (
            _problems(info)
            == [
                (
                    "calendar.date",
                    "$.holidays",
                    "holidays must hold dates, found int",
                    "holidays 应只含日期，发现 int",
                )
            ]
            * 20
        )

    def test_a_long_day_set_of_dates_is_read_whole(self):
        """Forty holidays, all dates, are all kept: only wrong items count toward the stop."""
        days = [D(2027, 1, 1) + n * DAY for n in range(40)]
        arr = YearArrangement(year=2027, holidays=days, workdays=[], source="x")
        assert arr.holidays == frozenset(days)


class TestChinaCalendarData:
    def test_an_arrangement_replaces_only_its_own_year(self):
        """An empty 2025 drops 2025's holidays and 调休 days; 2024's stay as chinesecalendar has."""
        cal = ChinaCalendar([_empty(2025)])
        # 2025: National Day and its Sunday make-up day are gone.
        assert cal.is_workday(D(2025, 10, 1)) is True
        assert cal.is_workday(D(2025, 9, 28)) is False
        # 2024: the built-in National Day holiday and its make-up Sunday remain.
        assert chinese_calendar.is_holiday(D(2024, 10, 1))
        assert chinese_calendar.is_workday(D(2024, 9, 29))
        assert cal.is_workday(D(2024, 10, 1)) is False
        assert cal.is_workday(D(2024, 9, 29)) is True

    def test_two_arrangements_both_count(self):
        """Holidays and make-up days of two added years are all kept."""
        first = YearArrangement(
            year=2027, holidays=[D(2027, 1, 1)], workdays=[D(2027, 2, 20)], source="a"
        )
        second = YearArrangement(
            year=2028, holidays=[D(2028, 1, 3)], workdays=[D(2028, 2, 19)], source="b"
        )
        cal = ChinaCalendar([second, first])
        assert [cal.is_workday(d) for d in (D(2027, 1, 1), D(2028, 1, 3))] == [False, False]
        assert [cal.is_workday(d) for d in (D(2027, 2, 20), D(2028, 2, 19))] == [True, True]
        assert cal.arrangements == (first, second)

    def test_the_built_in_years_are_exactly_chinesecalendars(self):
        """The first and last built-in years answer; the years either side raise."""
        first, last = _builtin_span()
        cal = ChinaCalendar()
        assert cal.years == tuple(range(first, last + 1))
        assert cal.is_workday(D(first, 1, 1)) is chinese_calendar.is_workday(D(first, 1, 1))
        assert cal.is_workday(D(last, 12, 31)) is chinese_calendar.is_workday(D(last, 12, 31))
        for day in (D(first - 1, 12, 31), D(last + 1, 1, 1)):
            with pytest.raises(CalendarHorizonError, match=f"no working-day data for {day.year}"):
                cal.is_workday(day)

    def test_the_horizon_error_names_the_data_it_has(self):
        """Outside its data the error names the day, chinesecalendar's span and no added year."""
        first, last = _builtin_span()
        with pytest.raises(CalendarHorizonError) as info:
            ChinaCalendar().is_workday(D(last + 1, 1, 4))
        assert str(info.value) == (
            f"no working-day data for {last + 1} ({last + 1}-01-04); chinesecalendar covers "
            f"{first}–{last}, added years: none. Add the year's YearArrangement "
            f"({last + 1} 年没有工作日数据；请添加当年的节假日安排)"
        )

    def test_the_horizon_error_lists_the_added_years(self):
        """With 2031 and 2030 added, a day of 2032 names both, in order."""
        first, last = _builtin_span()
        cal = ChinaCalendar([_empty(2031), _empty(2030)])
        with pytest.raises(CalendarHorizonError) as info:
            cal.is_workday(D(2032, 1, 1))
        assert str(info.value) == (
            f"no working-day data for 2032 (2032-01-01); chinesecalendar covers "
            f"{first}–{last}, added years: 2030, 2031. Add the year's YearArrangement "
            "(2032 年没有工作日数据；请添加当年的节假日安排)"
        )

    def test_is_workday_refuses_text(self):
        """A day given as text is a type problem at day."""
        with pytest.raises(ValidationError) as info:
            ChinaCalendar().is_workday("2025-10-01")
        assert _problems(info) == [
            ("type", "day", "expected a date, got str", "应为日期，实为 str")
        ]


class TestChinaCalendarArguments:
    def test_an_arrangement_that_is_not_one(self):
        """A wrong item among the arrangements is named with its index and Chinese name."""
        with pytest.raises(ValidationError) as info:
            ChinaCalendar([_empty(2027), 1])
        assert _problems(info) == [
            (
                "type",
                "arrangements[1]",
                "expected a YearArrangement, got int",
                "应为 YearArrangement 调休安排，实为 int",
            )
        ]

    def test_two_arrangements_for_one_year(self):
        """A second arrangement for the same year is refused at its own index."""
        with pytest.raises(ValidationError) as info:
            ChinaCalendar([_empty(2027, "a"), _empty(2028), _empty(2027, "b")])
        assert _problems(info) == [
            (
                "calendar.duplicate_year",
                "arrangements[2]",
                "two arrangements for 2027",
                "2027 年有两个安排",
            )
        ]

    def test_with_arrangement_refuses_other_objects(self):
        """with_arrangement(None) is a type problem at arrangement."""
        with pytest.raises(ValidationError) as info:
            ChinaCalendar().with_arrangement(None)
        assert _problems(info) == [
            (
                "type",
                "arrangement",
                "expected a YearArrangement, got NoneType",
                "应为 YearArrangement，实为 NoneType",
            )
        ]


class TestWorkingDaySearch:
    def test_counting_stops_at_the_horizon(self):
        """One working day after the last built-in day needs the next year's data."""
        _, last = _builtin_span()
        with pytest.raises(CalendarHorizonError, match=f"{last + 1}-01-01"):
            advance_workdays(ChinaCalendar(), D(last, 12, 31), 1)

    def test_counting_from_year_one_stops_at_once(self):
        """A count from 0001-01-01 raises on the first day it reaches, 0001-01-02."""
        with pytest.raises(CalendarHorizonError, match=r"no working-day data for 1 \(0001-01-02\)"):
            advance_workdays(ChinaCalendar(), D(1, 1, 1), 1)

    def test_counting_zero_days_is_the_start(self):
        """Zero working days after a holiday is the holiday itself."""
        assert advance_workdays(ChinaCalendar(), D(2025, 10, 1), 0) == D(2025, 10, 1)

    def test_counting_past_9999_is_a_clear_error(self):
        """On a calendar holding 9999, counting past 9999-12-31 is date.range at start."""
        cal = ChinaCalendar([_empty(9999)])
        with pytest.raises(ValidationError) as info:
            advance_workdays(cal, D(9999, 12, 31), 1)
        assert _problems(info) == [
            (
                "date.range",
                "start",
                "the date would fall after 9999-12-31, the last day a date can hold",
                "日期将超出 9999-12-31（日期所能表示的最后一天）",
            )
        ]

    def test_rolling_past_9999_is_a_clear_error(self):
        """Rolling a rest day 9999-12-31 forward is date.range at day."""
        with pytest.raises(ValidationError) as info:
            roll_forward(D(9999, 12, 31), calendar=Never())
        assert _problems(info) == [
            (
                "date.range",
                "day",
                "the date would fall after 9999-12-31, the last day a date can hold",
                "日期将超出 9999-12-31（日期所能表示的最后一天）",
            )
        ]

    def test_a_calendar_without_working_days_stops_after_a_year(self):
        """The search gives up after MAX_REST_RUN days, naming the last day asked."""
        assert MAX_REST_RUN == 366
        with pytest.raises(ValidationError) as info:
            roll_forward(D(2025, 1, 1), calendar=Never())
        assert _problems(info) == [
            (
                "calendar.no_workday",
                "calendar",
                "the calendar has no working day in the 366 days to 2026-01-02: it cannot be right",
                "该日历截至 2026-01-02 连续 366 天没有工作日，日历有误",
            )
        ]

    def test_a_working_day_at_the_end_of_the_search_is_found(self):
        """A working day on the 366th day after a rest day is found."""
        target = D(2025, 1, 1) + MAX_REST_RUN * DAY

        class OneDay:
            def is_workday(self, day: dt.date) -> bool:
                return day == target

        assert roll_forward(D(2025, 1, 1), calendar=OneDay()) == target

    def test_a_calendar_must_answer_with_a_bool(self):
        """An is_workday answering 1 is calendar.answer at calendar."""
        with pytest.raises(ValidationError) as info:
            roll_forward(D(2025, 1, 1), calendar=AnswersOne())
        assert _problems(info) == [
            (
                "calendar.answer",
                "calendar",
                "the calendar's is_workday returned int, not a bool",
                "日历的 is_workday 返回了 int，应为布尔值",
            )
        ]

    def test_a_calendar_must_have_is_workday(self):
        """A calendar given as a number is a type problem at calendar, both messages naming int."""
        with pytest.raises(ValidationError) as info:
            roll_forward(D(2025, 1, 1), calendar=5)
        assert _problems(info) == [
            (
                "type",
                "calendar",
                "expected a WorkCalendar (with is_workday), got int",
                "应为 WorkCalendar（有 is_workday 方法），实为 int",
            )
        ]


def _term(start: dt.date, end: dt.date, kind: TermKind = TermKind.AUTUMN) -> Term:
    return Term(kind=kind, start=start, end=end)


class TestSchoolCalendarEdges:
    def test_a_term_holds_its_first_and_last_day(self):
        """term_on finds the term on its first and last day, and none the day either side."""
        autumn = _term(D(2025, 9, 1), D(2026, 1, 23))
        cal = SchoolCalendar(school_year=2025, terms=[autumn])
        assert cal.term_on(D(2025, 9, 1)) is autumn
        assert cal.term_on(D(2026, 1, 23)) is autumn
        assert cal.term_on(D(2025, 8, 31)) is None
        assert cal.term_on(D(2026, 1, 24)) is None

    def test_term_on_refuses_text(self):
        """term_on("x") is a type problem at day."""
        cal = SchoolCalendar(school_year=2025, terms=[])
        with pytest.raises(ValidationError) as info:
            cal.term_on("x")
        assert _problems(info) == [
            ("type", "day", "expected a date, got str", "应为日期，实为 str")
        ]

    @pytest.mark.parametrize(("value", "kind"), [(5, "int"), ("ab", "str")])
    def test_terms_that_are_not_a_sequence(self, value, kind):
        """Terms given as a number or a text are a type problem at $.terms."""
        with pytest.raises(ValidationError) as info:
            SchoolCalendar(school_year=2025, terms=value)
        assert _problems(info) == [
            ("type", "$.terms", f"expected a sequence, got {kind}", f"应为序列，实为 {kind}")
        ]

    def test_breaks_that_are_not_a_sequence(self):
        """Breaks given as a number are a type problem at $.breaks."""
        with pytest.raises(ValidationError) as info:
            SchoolCalendar(school_year=2025, terms=[], breaks=7)
        assert _problems(info) == [
            ("type", "$.breaks", "expected a sequence, got int", "应为序列，实为 int")
        ]

    def test_terms_are_read_only_to_the_twentieth_wrong_item(self):
        """Twenty wrong terms are named, each with its index, and the rest is not read."""
        with pytest.raises(ValidationError) as info:
            SchoolCalendar(school_year=2025, terms=_wrong_items_then_fail())
        assert _problems(info) == [
            ("type", f"$.terms[{i}]", "expected a Term, got int", "应为 Term，实为 int")
            for i in range(20)
        ]

    def test_many_terms_are_read_whole(self):
        """Twenty-five one-day terms are all kept, in order: only wrong items count."""
        terms = [_term(D(2025, 9, 1) + n * DAY, D(2025, 9, 1) + n * DAY) for n in range(25)]
        cal = SchoolCalendar(school_year=2025, terms=reversed(terms))
        assert cal.terms == tuple(terms)

    def test_a_break_in_the_terms_is_named(self):
        """A Break among the terms is a type problem naming Term and Break."""
        winter = Break(kind=BreakKind.WINTER, start=D(2026, 1, 24), end=D(2026, 3, 1))
        with pytest.raises(ValidationError) as info:
            SchoolCalendar(school_year=2025, terms=[winter])
        assert _problems(info) == [
            ("type", "$.terms[0]", "expected a Term, got Break", "应为 Term，实为 Break")
        ]

    def test_the_source_is_kept_and_defaults_to_empty(self):
        """A document's source is kept; without one it is empty text."""
        doc = {"school_year": 2025, "terms": []}
        assert SchoolCalendar.from_mapping(doc).source == ""
        assert SchoolCalendar.from_mapping({**doc, "source": "校历通知"}).source == "校历通知"

    def test_registration_is_read_for_terms_only(self):
        """A term's bad registration is calendar.date; a break has no registration key."""
        with pytest.raises(ValidationError) as info:
            SchoolCalendar.from_mapping(
                {
                    "school_year": 2025,
                    "terms": [
                        {
                            "kind": "autumn",
                            "start": "2025-09-01",
                            "end": "2026-01-23",
                            "registration": "x",
                        }
                    ],
                    "breaks": [
                        {
                            "kind": "winter",
                            "start": "2026-01-24",
                            "end": "2026-03-01",
                            "registration": "2026-01-24",
                        }
                    ],
                }
            )
        assert _problems(info) == [
            (
                "calendar.date",
                "$.terms[0].registration",
                "expected a date YYYY-MM-DD, got text that is not a date",
                "应为 YYYY-MM-DD 格式的日期，实为无效的日期文本",
            ),
            (
                "unknown_key",
                "$.breaks[0].registration",
                "unknown key 'registration'",
                "未知字段 'registration'",
            ),
        ]


def test_json_syntax_errors_say_json():
    """A JSON document that does not parse says it is not valid JSON, in both languages."""
    with pytest.raises(ValidationError) as info:
        YearArrangement.from_json("[")
    ((code, path, message, message_zh),) = _problems(info)
    assert (code, path) == ("document.syntax", "$")
    assert message.startswith("not valid JSON: ")
    assert message_zh.startswith("不是有效的 JSON：")
