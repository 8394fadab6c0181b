import datetime as dt
import json

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongchuo import (
    Break,
    BreakKind,
    CalendarHorizonError,
    ChinaCalendar,
    KongchuoError,
    SchoolCalendar,
    Term,
    TermKind,
    ValidationError,
    WorkCalendar,
    YearArrangement,
    roll_forward,
)
from kongchuo._time.calendars import advance_workdays

D = dt.date
CAL = ChinaCalendar()

#: An illustrative 2027 arrangement for tests: NOT the State Council's notice.
ILLUSTRATIVE_2027 = """
year = 2027
source = "illustrative test data, not a real notice"
holidays = [
  { name = "元旦", start = 2027-01-01, end = 2027-01-03 },
  { name = "春节", start = 2027-02-06, end = 2027-02-14 },
  2027-10-01,
]
workdays = [2027-02-20]
"""


class TestChinaCalendar:
    @pytest.mark.parametrize(
        ("day", "workday"),
        [
            (D(2025, 9, 28), True),  # Sunday, make-up working day
            (D(2025, 9, 30), True),
            (D(2025, 10, 1), False),
            (D(2025, 10, 6), False),  # Mid-Autumn inside the holiday
            (D(2025, 10, 8), False),
            (D(2025, 10, 9), True),
            (D(2025, 10, 11), True),  # Saturday, make-up working day
            (D(2025, 10, 12), False),
            (D(2026, 2, 14), True),  # Saturday, make-up working day
            (D(2026, 2, 15), False),
            (D(2026, 2, 23), False),
            (D(2026, 2, 24), True),
            (D(2026, 2, 28), True),  # Saturday, make-up working day
        ],
    )
    def test_2025_national_day_and_2026_spring_festival(self, day, workday):
        """The 2025 National Day and 2026 Spring Festival days off and make-up days."""
        assert CAL.is_workday(day) is workday

    @pytest.mark.parametrize("day", [D(2027, 1, 4), D(2003, 12, 31), D(2100, 1, 1)])
    def test_outside_the_data_raises(self, day):
        """Days outside the data raise CalendarHorizonError, never a guess."""
        with pytest.raises(CalendarHorizonError) as info:
            CAL.is_workday(day)
        assert isinstance(info.value, KongchuoError)
        assert isinstance(info.value, LookupError)
        assert str(day.year) in str(info.value)
        assert "YearArrangement" in str(info.value)

    def test_years(self):
        """The built-in data covers 2004–2026."""
        assert CAL.years[0] == 2004
        assert 2026 in CAL.years
        assert 2027 not in CAL.years

    def test_add_a_year_from_toml(self):
        """A deployment adds 2027 from a TOML arrangement."""
        cal = ChinaCalendar([YearArrangement.from_toml(ILLUSTRATIVE_2027)])
        assert 2027 in cal.years
        assert not cal.is_workday(D(2027, 1, 1))
        assert not cal.is_workday(D(2027, 2, 8))
        assert cal.is_workday(D(2027, 2, 20))  # a Saturday made a working day
        assert cal.is_workday(D(2027, 2, 15))
        assert not cal.is_workday(D(2027, 3, 6))  # an ordinary Saturday
        assert cal.is_workday(D(2026, 9, 30))  # the built-in data still answers

    def test_with_arrangement_replaces_a_year(self):
        """with_arrangement adds a year, and a second one replaces it."""
        first = YearArrangement(year=2027, holidays=[D(2027, 1, 1)], workdays=[], source="a")
        second = YearArrangement(year=2027, holidays=[], workdays=[], source="b")
        cal = CAL.with_arrangement(first)
        assert not cal.is_workday(D(2027, 1, 1))
        assert cal.with_arrangement(second).is_workday(D(2027, 1, 1))
        assert 2027 not in CAL.years

    def test_arrangement_overrides_builtin_year(self):
        """An arrangement for a built-in year takes precedence (a correction)."""
        fix = YearArrangement(year=2025, holidays=[D(2025, 9, 30)], workdays=[], source="fix")
        assert not ChinaCalendar([fix]).is_workday(D(2025, 9, 30))

    def test_answers_equal_chinesecalendar_on_every_day(self):
        """The calendar's sets answer as chinesecalendar does on every day it covers."""
        day, last = D(CAL.years[0], 1, 1), D(CAL.years[-1], 12, 31)
        while day <= last:
            assert CAL.is_workday(day) is chinese_calendar.is_workday(day), day
            day += dt.timedelta(days=1)

    @given(
        start=st.dates(min_value=D(2024, 1, 1), max_value=D(2027, 6, 30)),
        count=st.integers(min_value=0, max_value=200),
    )
    def test_fast_count_equals_day_by_day(self, start, count):
        """Counting working days on the calendar's sets gives the day-by-day answer."""
        fix = YearArrangement(year=2025, holidays=[D(2025, 9, 30)], workdays=[], source="fix")
        cal = ChinaCalendar([fix]).with_arrangement(YearArrangement.from_toml(ILLUSTRATIVE_2027))

        class Asked:
            def is_workday(self, day: dt.date) -> bool:
                return cal.is_workday(day)

        try:
            expected: object = advance_workdays(Asked(), start, count)
        except CalendarHorizonError:
            expected = CalendarHorizonError
        try:
            got: object = advance_workdays(cal, start, count)
        except CalendarHorizonError:
            got = CalendarHorizonError
        assert got == expected

    def test_json_and_files(self, tmp_path):
        """Arrangements load from JSON text and from .toml and .json files."""
        data = {"year": 2027, "source": "x", "holidays": ["2027-01-01"], "workdays": []}
        assert D(2027, 1, 1) in YearArrangement.from_json(json.dumps(data)).holidays
        path = tmp_path / "2027.toml"
        path.write_text(ILLUSTRATIVE_2027, encoding="utf-8")
        assert YearArrangement.load(path).year == 2027
        path = tmp_path / "2027.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        assert YearArrangement.load(str(path)).year == 2027

    def test_arrangement_problems_in_one_pass(self):
        """Wrong-year days, weekday make-up days and clashes are all reported."""
        with pytest.raises(ValidationError) as info:
            YearArrangement(
                year=2027,
                holidays=[D(2026, 12, 31), D(2027, 2, 20)],
                workdays=[D(2027, 2, 17), D(2027, 2, 20)],
                source="",
            )
        codes = [p.code for p in info.value]
        assert sorted(codes) == [
            "calendar.conflict",
            "calendar.source",
            "calendar.weekday_workday",
            "calendar.year",
        ]

    def test_document_problems_with_paths(self):
        """A bad document reports every problem with its path."""
        with pytest.raises(ValidationError) as info:
            YearArrangement.from_mapping(
                {
                    "year": "2027",
                    "holidays": [{"start": "2027-01-03", "end": "2027-01-01"}, "tomorrow"],
                    "workdays": "2027-02-20",
                    "extra": 1,
                }
            )
        paths = {p.path for p in info.value}
        assert paths == {
            "$.year",
            "$.source",
            "$.holidays[0].end",
            "$.holidays[1]",
            "$.workdays",
            "$.extra",
        }

    @pytest.mark.parametrize(
        ("call", "code"),
        [
            (lambda: YearArrangement.from_toml("year = "), "document.syntax"),
            (lambda: YearArrangement.from_toml(b"year = 1"), "type"),
            (lambda: YearArrangement.from_json("["), "document.syntax"),
            (lambda: YearArrangement.from_mapping(None), "type"),
            (lambda: YearArrangement.load("x.yaml"), "document.suffix"),
            (lambda: YearArrangement.load("/nonexistent/x.toml"), "document.read"),
            (lambda: YearArrangement.load(3), "type"),
            (lambda: ChinaCalendar([1]), "type"),
            (lambda: ChinaCalendar(5), "type"),
            (lambda: CAL.with_arrangement(None), "type"),
            (
                lambda: ChinaCalendar(
                    [
                        YearArrangement(year=2027, holidays=[], workdays=[], source="a"),
                        YearArrangement(year=2027, holidays=[], workdays=[], source="b"),
                    ]
                ),
                "calendar.duplicate_year",
            ),
        ],
    )
    def test_bad_input(self, call, code):
        """Bad text, files and arguments raise ValidationError with a code."""
        with pytest.raises(ValidationError) as info:
            call()
        assert info.value.code == code

    @pytest.mark.parametrize("bad", [None, "2025-10-01", dt.datetime(2025, 10, 1)])  # noqa: DTZ001
    def test_is_workday_bad_day(self, bad):
        """is_workday refuses non-dates with ValidationError."""
        with pytest.raises(ValidationError) as info:
            CAL.is_workday(bad)
        assert info.value.path == "day"

    def test_protocol(self):
        """ChinaCalendar and any object with is_workday satisfy WorkCalendar."""
        assert isinstance(CAL, WorkCalendar)
        assert not isinstance(object(), WorkCalendar)

    @given(st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 12, 31)))
    def test_agrees_with_chinesecalendar(self, day):
        """Without added years, every answer is chinesecalendar's."""
        import chinese_calendar

        assert CAL.is_workday(day) == chinese_calendar.is_workday(day)


class TestRollForward:
    def test_rolls_past_the_holiday(self):
        """1 October 2025 rolls to 9 October; a working day stays."""
        assert roll_forward(D(2025, 10, 1), calendar=CAL) == D(2025, 10, 9)
        assert roll_forward(D(2025, 9, 28), calendar=CAL) == D(2025, 9, 28)

    def test_bad_arguments(self):
        """Bad days and calendars raise ValidationError."""
        with pytest.raises(ValidationError) as info:
            roll_forward(None, calendar=CAL)
        assert (info.value.code, info.value.path) == ("type", "day")
        with pytest.raises(ValidationError) as info:
            roll_forward(D(2025, 1, 1), calendar=None)
        assert info.value.path == "calendar"


AUTUMN = Term(kind=TermKind.AUTUMN, start=D(2025, 9, 1), end=D(2026, 1, 23))
SPRING = Term(kind=TermKind.SPRING, start=D(2026, 3, 2), end=D(2026, 7, 10))
WINTER = Break(kind=BreakKind.WINTER, start=D(2026, 1, 24), end=D(2026, 3, 1))


class TestSchoolCalendar:
    def test_terms_and_breaks(self):
        """Terms are sorted; term_on and is_school_day answer by term and working day."""
        cal = SchoolCalendar(school_year=2025, terms=[SPRING, AUTUMN], breaks=[WINTER])
        assert cal.terms == (AUTUMN, SPRING)
        assert cal.term_on(D(2025, 10, 1)) is AUTUMN
        assert cal.term_on(D(2026, 2, 1)) is None
        assert not cal.is_school_day(D(2025, 10, 1), calendar=CAL)
        assert cal.is_school_day(D(2025, 10, 11), calendar=CAL)
        assert not cal.is_school_day(D(2026, 2, 14), calendar=CAL)  # a make-up day in the break

    def test_overlap_is_refused(self):
        """A break that overlaps a term is refused."""
        bad = Break(kind=BreakKind.WINTER, start=D(2026, 1, 20), end=D(2026, 3, 1))
        with pytest.raises(ValidationError) as info:
            SchoolCalendar(school_year=2025, terms=[AUTUMN, SPRING], breaks=[bad])
        assert info.value.code == "calendar.overlap"

    def test_from_toml(self):
        """A school calendar loads from TOML with registration days."""
        cal = SchoolCalendar.from_toml(
            """
school_year = 2025
source = "illustrative"
[[terms]]
kind = "autumn"
start = 2025-09-01
end = 2026-01-23
registration = 2025-08-30
[[terms]]
kind = "spring"
start = 2026-03-02
end = 2026-07-10
[[breaks]]
kind = "summer"
start = 2026-07-11
end = 2026-08-31
"""
        )
        assert cal.terms[0].registration_day == D(2025, 8, 30)
        assert cal.terms[1].registration_day == D(2026, 3, 2)
        assert cal.breaks[0].kind.label_zh == "暑假"

    def test_document_problems_with_paths(self):
        """Bad terms report every problem with its path."""
        with pytest.raises(ValidationError) as info:
            SchoolCalendar.from_mapping(
                {
                    "school_year": 2025.0,
                    "terms": [
                        {"kind": "winter", "start": "2025-09-01", "end": "2026-01-23"},
                        {"kind": "spring", "start": "2026-03-02", "end": "2026-02-01"},
                        {"kind": "autumn", "start": "x", "end": "2026-01-23", "room": 1},
                        7,
                    ],
                    "breaks": {},
                }
            )
        paths = {p.path for p in info.value}
        assert paths == {
            "$.school_year",
            "$.terms[0].kind",
            "$.terms[1].end",
            "$.terms[2].start",
            "$.terms[2].room",
            "$.terms[3]",
            "$.breaks",
        }

    def test_bad_objects(self):
        """Wrong kinds and types raise ValidationError."""
        with pytest.raises(ValidationError) as info:
            Term(kind="autumn", start=D(2025, 9, 1), end=D(2026, 1, 1))
        assert (info.value.code, info.value.path) == ("type", "$.kind")
        with pytest.raises(ValidationError) as info:
            Term(kind=TermKind.AUTUMN, start="2025-09-01", end=D(2026, 1, 1))
        assert (info.value.code, info.value.path) == ("type", "$.start")
        with pytest.raises(ValidationError) as info:
            Break(kind=BreakKind.SUMMER, start=D(2026, 9, 1), end=D(2026, 7, 1))
        assert (info.value.code, info.value.path) == ("calendar.range", "$.end")
        assert "结束日期早于开始日期" in str(info.value)
        with pytest.raises(ValidationError) as info:
            SchoolCalendar(school_year=2025, terms=[1])
        assert (info.value.code, info.value.path) == ("type", "$.terms[0]")
        with pytest.raises(ValidationError) as info:
            SchoolCalendar(school_year="2025", terms=[])
        assert (info.value.code, info.value.path) == ("type", "$.school_year")

    def test_files(self, tmp_path):
        """School calendars load from JSON text and files."""
        data = {
            "school_year": 2025,
            "terms": [{"kind": "autumn", "start": "2025-09-01", "end": "2026-01-23"}],
        }
        assert SchoolCalendar.from_json(json.dumps(data)).terms == (AUTUMN,)
        path = tmp_path / "school.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        assert SchoolCalendar.load(path).school_year == 2025

    def test_labels(self):
        """Term and break kinds carry Chinese labels."""
        assert [k.label_zh for k in TermKind] == ["秋季学期", "春季学期"]
        assert [k.label_zh for k in BreakKind] == ["寒假", "暑假"]


@pytest.mark.parametrize(
    ("build", "problems"),
    [
        (
            lambda: Term(TermKind.AUTUMN, D(2025, 9, 1), D(2026, 1, 1)),
            [
                ("arguments.positional", "$"),
                ("missing", "$.kind"),
                ("missing", "$.start"),
                ("missing", "$.end"),
            ],
        ),
        (lambda: Break(kind=BreakKind.WINTER), [("missing", "$.start"), ("missing", "$.end")]),
        (lambda: SchoolCalendar(terms=[]), [("missing", "$.school_year")]),
        (
            lambda: YearArrangement(year=2027),
            [("missing", "$.holidays"), ("missing", "$.workdays"), ("missing", "$.source")],
        ),
    ],
)
def test_wrong_arguments_raise_validation_error(build, problems):
    """Missing and positional arguments raise ValidationError listing each, not TypeError."""
    with pytest.raises(ValidationError) as info:
        build()
    assert [(p.code, p.path) for p in info.value.errors] == problems
