import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongchuo import (
    ChinaCalendar,
    Obligation,
    SchoolCalendar,
    Term,
    TermKind,
    ValidationError,
    monthly_report_due,
    obligations,
    to_ics,
)
from kongchuo.policy import FEICHENG, NATIONAL, ParameterNotInForceError, Party

D = dt.date
CAL = ChinaCalendar()
STAMP = dt.datetime(2026, 11, 29, 1, 0, tzinfo=dt.UTC)
AUTUMN = Term(
    kind=TermKind.AUTUMN, start=D(2025, 9, 1), end=D(2026, 1, 23), registration=D(2025, 8, 30)
)
SPRING = Term(kind=TermKind.SPRING, start=D(2026, 3, 2), end=D(2026, 7, 10))
TERMS = (AUTUMN, SPRING)
ROLLING = attrs.evolve(
    FEICHENG,
    name="rolling",
    roll_fixed_day_deadlines=FEICHENG.roll_fixed_day_deadlines.with_value(
        True, effective_from=D(2019, 1, 1), description="顺延", basis=("test",)
    ),
)


def _report_day(day, *, since, description):
    """FEICHENG with the monthly report due on ``day`` from ``since``."""
    return attrs.evolve(
        FEICHENG,
        monthly_report_day=FEICHENG.monthly_report_day.with_value(
            day, effective_from=since, description=description, basis=("test",)
        ),
    )


class TestMonthlyReportDue:
    def test_feicheng_fifth_of_next_month(self):
        """FEICHENG: the 5th of the following month, across a year end."""
        assert monthly_report_due(2025, 9, policy=FEICHENG) == D(2025, 10, 5)
        assert monthly_report_due(2025, 12, policy=FEICHENG) == D(2026, 1, 5)

    def test_feicheng_does_not_roll(self):
        """FEICHENG keeps 5 October 2025 although it is a National Day holiday."""
        assert monthly_report_due(2025, 9, policy=FEICHENG, calendar=CAL) == D(2025, 10, 5)

    def test_a_rolling_policy_rolls(self):
        """A policy that rolls moves 5 October 2025 to 9 October."""
        assert monthly_report_due(2025, 9, policy=ROLLING, calendar=CAL) == D(2025, 10, 9)
        assert monthly_report_due(2025, 9, policy=ROLLING) == D(2025, 10, 5)

    def test_national_last_day_of_next_month(self):
        """NATIONAL: no fixed day, so the following month's last day."""
        assert monthly_report_due(2025, 1, policy=NATIONAL) == D(2025, 2, 28)
        assert monthly_report_due(2025, 12, policy=NATIONAL) == D(2026, 1, 31)
        # 31 January 2026 is a Saturday; the national profile rolls.
        assert monthly_report_due(2025, 12, policy=NATIONAL, calendar=CAL) == D(2026, 2, 2)

    def test_day_past_month_end_clamps(self):
        """A report day of 31 falls on the last day of a shorter month."""
        policy = _report_day(31, since=D(2025, 1, 1), description="月底前")
        assert monthly_report_due(2025, 1, policy=policy) == D(2025, 2, 28)
        assert monthly_report_due(2025, 3, policy=policy) == D(2025, 4, 30)

    def test_value_read_in_the_month_reported(self):
        """The report day in force on the first day of the month reported applies."""
        policy = _report_day(10, since=D(2026, 1, 1), description="每月10日前")
        assert monthly_report_due(2025, 12, policy=policy) == D(2026, 1, 5)
        assert monthly_report_due(2026, 1, policy=policy) == D(2026, 2, 10)

    def test_not_in_force(self):
        """NATIONAL has no monthly report before the 2024 notice."""
        with pytest.raises(ParameterNotInForceError, match="monthly_report_day") as info:
            monthly_report_due(2023, 5, policy=NATIONAL)
        assert "2024-04-30" in str(info.value)

    @pytest.mark.parametrize(
        ("args", "kwargs", "path"),
        [
            ((2025, 13), {"policy": FEICHENG}, "month"),
            ((2025, 0), {"policy": FEICHENG}, "month"),
            (("2025", 1), {"policy": FEICHENG}, "year"),
            ((None, 1), {"policy": FEICHENG}, "year"),
            ((2025, 1), {"policy": None}, "policy"),
            ((2025, 1), {"policy": FEICHENG, "calendar": 3}, "calendar"),
        ],
    )
    def test_bad_arguments(self, args, kwargs, path):
        """Bad arguments raise ValidationError naming the argument."""
        with pytest.raises(ValidationError) as info:
            monthly_report_due(*args, **kwargs)
        assert info.value.path == path

    @given(st.integers(2019, 2025), st.integers(1, 12), st.sampled_from([ROLLING, NATIONAL]))
    def test_rolled_is_a_working_day_never_earlier(self, year, month, policy):
        """A rolled due date is a working day on or after the unrolled one."""
        if policy is NATIONAL and (year, month) < (2024, 5):
            return
        plain = monthly_report_due(year, month, policy=policy)
        rolled = monthly_report_due(year, month, policy=policy, calendar=CAL)
        assert CAL.is_workday(rolled)
        assert rolled >= plain
        assert (rolled - plain).days < 12


class TestObligations:
    def test_feicheng_year(self):
        """FEICHENG 2025: every duty of the year, with its due date."""
        items = obligations(2025, policy=FEICHENG, terms=TERMS)
        codes = [o.code for o in items]
        assert codes.count("monthly_report") == 12
        assert codes.count("registration_cleanup") == 2
        assert codes.count("special_group_census") == 2
        assert codes.count("enrolment_notices") == 1
        assert codes.count("county_review") == 4
        by_code = {o.code: o for o in items}
        assert by_code["census"].opens == D(2025, 7, 1)
        assert by_code["census"].due == D(2025, 7, 31)
        assert by_code["data_sharing"].due == D(2025, 7, 20)
        assert Party.PUBLIC_SECURITY in by_code["data_sharing"].owners
        assert by_code["enrolment_notices"].due == D(2025, 8, 29)
        assert [o.due for o in items] == sorted(o.due for o in items)

    def test_special_group_census_window(self):
        """Two weeks from a 1 September start end on 15 September (start day not counted)."""
        items = obligations(2025, policy=FEICHENG, terms=TERMS)
        census = [o for o in items if o.code == "special_group_census"]
        assert [(o.opens, o.due) for o in census] == [
            (D(2025, 9, 1), D(2025, 9, 15)),
            (D(2026, 3, 2), D(2026, 3, 16)),
        ]

    def test_monthly_reports_cover_the_school_year(self):
        """The twelve reports cover September to August, due the 5th."""
        items = obligations(2025, policy=FEICHENG, terms=TERMS)
        reports = [o for o in items if o.code == "monthly_report"]
        assert reports[0].due == D(2025, 10, 5)
        assert reports[-1].due == D(2026, 9, 5)
        assert reports[0].owners == (Party.TOWN_EDUCATION_OFFICE, Party.CITY_DIRECT_SCHOOL)
        assert "FC-2.5" in reports[0].basis

    def test_with_calendar(self):
        """With a calendar, a period rolls; FEICHENG's fixed days do not."""
        terms = (
            Term(kind=TermKind.AUTUMN, start=D(2025, 9, 20), end=D(2026, 1, 23)),
            SPRING,
        )
        items = obligations(2025, policy=FEICHENG, terms=terms, calendar=CAL)
        census = next(o for o in items if o.code == "special_group_census")
        assert census.unrolled_due == D(2025, 10, 4)
        assert census.due == D(2025, 10, 9)
        assert census.rolled
        report = next(o for o in items if o.code == "monthly_report")
        assert report.due == D(2025, 10, 5)
        assert not report.rolled

    def test_national_year(self):
        """NATIONAL: no July census or data-sharing deadline; reports due month-end."""
        items = obligations(
            2025, policy=NATIONAL, terms=SchoolCalendar(school_year=2025, terms=TERMS)
        )
        codes = {o.code for o in items}
        assert "census" not in codes
        assert "data_sharing" not in codes
        assert "special_group_census" not in codes
        reviews = [o.due for o in items if o.code == "county_review"]
        assert reviews == [D(2025, 9, 30), D(2025, 12, 31), D(2026, 3, 31), D(2026, 6, 30)]
        report = next(o for o in items if o.code == "monthly_report")
        assert report.owners == (Party.SCHOOL,)
        assert report.due == D(2025, 10, 31)

    def test_feicheng_2020_has_no_county_review(self):
        """Before the 2024 notice FEICHENG lists no county review."""
        items = obligations(2020, policy=FEICHENG, terms=())
        assert "county_review" not in {o.code for o in items}

    def test_workday_window_needs_calendar(self):
        """A census window in working days without a calendar raises ValidationError."""
        from kongchuo.policy import Span, TimeUnit

        policy = attrs.evolve(
            FEICHENG,
            special_group_census_window=FEICHENG.special_group_census_window.with_value(
                Span(count=10, unit=TimeUnit.WORKDAY),
                effective_from=D(2025, 1, 1),
                description="10个工作日",
                basis=("test",),
            ),
        )
        with pytest.raises(ValidationError) as info:
            obligations(2025, policy=policy, terms=TERMS)
        assert info.value.path == "calendar"
        items = obligations(2025, policy=policy, terms=TERMS, calendar=CAL)
        census = next(o for o in items if o.code == "special_group_census")
        assert census.due == D(2025, 9, 15)

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"terms": "autumn"}, "terms"),
            ({"terms": 5}, "terms"),
            ({"terms": [AUTUMN, "spring"]}, "terms[1]"),
            ({"terms": TERMS, "policy": {}}, "policy"),
            ({"terms": TERMS, "calendar": object()}, "calendar"),
        ],
    )
    def test_bad_arguments(self, kwargs, path):
        """Bad terms, policies and calendars raise ValidationError naming them."""
        kwargs = {"policy": FEICHENG, **kwargs}
        with pytest.raises(ValidationError) as info:
            obligations(2025, **kwargs)
        assert info.value.path == path

    def test_bad_school_year(self):
        """A school year that is not an int raises ValidationError."""
        with pytest.raises(ValidationError) as info:
            obligations("2025", policy=FEICHENG, terms=TERMS)
        assert info.value.path == "school_year"


class TestIcs:
    def test_ics_structure(self):
        """One VEVENT per obligation, CRLF line ends, all-day dates."""
        items = obligations(2025, policy=FEICHENG, terms=TERMS, calendar=CAL)
        text = to_ics(items, stamp=STAMP)
        assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
        assert text.endswith("END:VCALENDAR\r\n")
        assert text.count("BEGIN:VEVENT") == len(items)
        assert "\n" not in text.replace("\r\n", "")
        assert "DTSTAMP:20261129T010000Z" in text
        assert "DTSTART;VALUE=DATE:20251005" in text

    def test_lines_fold_at_75_octets(self):
        """Every physical line is at most 75 octets and unfolds to the original."""
        items = obligations(2025, policy=FEICHENG, terms=TERMS)
        text = to_ics(items, stamp=STAMP)
        lines = text.split("\r\n")[:-1]
        assert all(len(line.encode("utf-8")) <= 75 for line in lines)
        unfolded = text.replace("\r\n ", "")
        assert "SUMMARY:2025年9月辍学月报告 Monthly dropout report for 2025-09" in unfolded

    def test_uids_are_stable_and_unique(self):
        """UIDs depend only on the obligation: unique within, equal across runs."""
        items = obligations(2025, policy=FEICHENG, terms=TERMS)
        first = to_ics(items, stamp=STAMP)
        again = to_ics(items, stamp=STAMP + dt.timedelta(days=1))
        uids = [line for line in first.split("\r\n") if line.startswith("UID:")]
        assert len(uids) == len(set(uids)) == len(items)
        assert uids == [line for line in again.split("\r\n") if line.startswith("UID:")]

    def test_escaping(self):
        """Commas, semicolons, backslashes and newlines are escaped."""
        item = Obligation(
            code="x",
            title="a, b; c\\d",
            title_zh="甲",
            owners=(),
            opens=None,
            due=D(2025, 1, 1),
            unrolled_due=D(2025, 1, 1),
            basis=("x\ny",),
        )
        text = to_ics([item], stamp=STAMP, name="名")
        assert "SUMMARY:甲 a\\, b\\; c\\\\d" in text
        assert "x\\ny" in text.replace("\r\n ", "")

    @pytest.mark.parametrize(
        ("items", "kwargs", "path"),
        [
            ([], {"stamp": dt.datetime(2026, 1, 1)}, "stamp"),  # noqa: DTZ001
            ([], {"stamp": "2026-01-01"}, "stamp"),
            ([], {"stamp": STAMP, "name": None}, "name"),
            ("x", {"stamp": STAMP}, "items"),
            ([1], {"stamp": STAMP}, "items[0]"),
        ],
    )
    def test_bad_arguments(self, items, kwargs, path):
        """A naive stamp and non-obligations raise ValidationError."""
        with pytest.raises(ValidationError) as info:
            to_ics(items, **kwargs)
        assert info.value.path == path
