import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kongchuo import ValidationError
from kongchuo.cases import CaseState
from kongchuo.policy import FEICHENG, NATIONAL, Party
from kongchuo.reports import (
    Counts,
    MonthStatus,
    Submission,
    check_report_timeliness,
    demo_report,
    example_county,
    log_on,
    month_end,
    monthly_report,
    to_csv,
)
from kongchuo.testing import cases

COUNTY = example_county()
MONTHS = [(2025, 9), (2025, 10), (2025, 11), (2025, 12)]


def report(cases_, year=2025, month=10, **kwargs):
    """The FEICHENG monthly report of the example county's units for ``cases_``."""
    kwargs.setdefault("as_of", month_end(year, month) + dt.timedelta(days=10))
    kwargs.setdefault("policy", FEICHENG)
    return monthly_report(
        cases_,
        year=year,
        month=month,
        children=COUNTY.children,
        registrations=COUNTY.registrations,
        schools=COUNTY.schools,
        jurisdictions=COUNTY.jurisdictions,
        submissions=COUNTY.submissions,
        **kwargs,
    )


case_lists = st.lists(
    st.dates(min_value=dt.date(2025, 8, 1), max_value=dt.date(2025, 12, 31)).flatmap(
        lambda day: cases(min_value=day, max_events=10)
    ),
    max_size=6,
)
months = st.sampled_from(MONTHS)
slow = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class TestMonthlyReport:
    def test_golden_table_and_csv(self, golden):
        """The example county's October report renders exactly as its golden files."""
        r = demo_report()
        golden("reports/monthly-2025-10.md", r.to_markdown())
        golden("reports/monthly-2025-10.csv", to_csv(r.to_records()))

    def test_units_include_zero_reports(self):
        """Every town office and city-direct school appears, with zeros where it has no case."""
        r = demo_report()
        parties = {u.unit.party for u in r.units}
        assert parties == {Party.TOWN_EDUCATION_OFFICE, Party.CITY_DIRECT_SCHOOL}
        assert len(r.units) == 5
        one_town = report([c for c in COUNTY.cases if c.jurisdiction == "370983105"], month=12)
        assert len(one_town.units) == 5
        assert sum(u.counts == Counts() for u in one_town.units) >= 3

    def test_city_direct_school_reports_its_own_cases(self):
        """A case at a city-direct school goes to the school, not to the town office."""
        r = report(COUNTY.cases, month=12)
        by_case = {line.case_id: line.unit for line in r.cases}
        city = [c for c in COUNTY.cases if c.school_code == "3709830001"]
        assert city
        for case in city:
            if case.case_id in by_case:
                assert by_case[case.case_id].party is Party.CITY_DIRECT_SCHOOL

    def test_national_profile_has_every_school_report(self):
        """Under NATIONAL every school is a unit; a child without a school goes to the town."""
        r = report(COUNTY.cases, month=12, policy=NATIONAL)
        parties = {line.unit.party for line in r.cases}
        assert Party.SCHOOL in parties
        for line in r.cases:
            case = next(c for c in COUNTY.cases if c.case_id == line.case_id)
            expected = Party.SCHOOL if case.school_code else Party.TOWN_EDUCATION_OFFICE
            assert line.unit.party is expected

    def test_new_and_returned_flows(self):
        """New counts cases identified in the month; returned counts returns or placements in it."""
        for year, month in MONTHS:
            r = report(COUNTY.cases, year, month)
            first, end = dt.date(year, month, 1), month_end(year, month)
            new = sum(first <= c.entries[0].event.occurred_on <= end for c in COUNTY.cases)
            back = sum(
                any(
                    e.event.tag in {"returned", "placed"} and first <= e.event.occurred_on <= end
                    for e in c.entries
                )
                for c in COUNTY.cases
            )
            assert (r.county.new, r.county.returned) == (new, back)

    def test_grade_and_group_breakdowns(self):
        """Grades add up to the unit's counts; special groups come from the children."""
        r = report(COUNTY.cases, month=12)
        for unit in r.units:
            assert sum((c for _, c in unit.by_grade), Counts()) == unit.counts
        groups = {g for u in r.units for g, _ in u.by_group}
        assert groups
        assert all(g in {gg for k in COUNTY.children for gg in k.special_groups} for g in groups)

    def test_records_have_the_same_keys_and_load_as_rows(self):
        """Every flat row has the same keys, so the rows load straight into a data frame."""
        rows = demo_report().to_records()
        keys = list(rows[0])
        assert all(list(r) == keys for r in rows)
        assert {"unit_code", "dimension", "key", "cases", "closed"} <= set(keys)
        assert rows[-1]["unit_kind"] == "county"

    def test_csv_with_bom(self):
        """to_csv(bom=True) starts with the UTF-8 byte-order mark Excel needs."""
        text = to_csv(demo_report().to_records(), bom=True)
        assert text.startswith("\ufeff")
        assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")

    def test_json_round_trips_through_the_standard_library(self):
        """to_json is plain JSON with a schema tag and Chinese kept as is."""
        import json

        data = json.loads(demo_report().to_json())
        assert data["$schema"] == "kongchuo.reports.monthly/1"
        assert "湖屯镇" in demo_report().to_json()

    def test_closed_before_the_month_drops_out(self):
        """A case closed in an earlier month is not in the report."""
        closed = [c for c in COUNTY.cases if c.state is CaseState.CLOSED]
        assert closed
        case = closed[0]
        day = next(e.event.occurred_on for e in case.entries if e.event.tag == "closed")
        later = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        r = report([case], later.year, later.month)
        assert r.cases == ()
        same = report([case], day.year, day.month)
        assert [line.status for line in same.cases] == [MonthStatus.CLOSED]

    def test_as_of_before_month_end_is_refused(self):
        """A report for a month that has not ended is refused with report.as_of."""
        with pytest.raises(ValidationError, match=r"report\.as_of"):
            report(COUNTY.cases, as_of=dt.date(2025, 10, 30))

    def test_bad_inputs_are_all_reported(self):
        """Every wrong item of an input is named, with its index."""
        with pytest.raises(ValidationError) as info:
            report([COUNTY.cases[0], "x", 3])
        assert [p.path for p in info.value.errors] == ["cases[1]", "cases[2]"]
        assert {p.code for p in info.value.errors} == {"type"}

    def test_bad_month_is_refused(self):
        """A month outside 1-12 is refused with report.month."""
        with pytest.raises(ValidationError, match=r"report\.month"):
            report(COUNTY.cases, month=13)

    @slow
    @given(case_lists, months)
    def test_every_case_counted_in_exactly_one_status(self, found, ym):
        """The status counts add up to the cases; each case appears at most once."""
        r = report(found, *ym)
        statuses = sum(getattr(r.county, s.value) for s in MonthStatus)
        assert statuses == r.county.cases == len(r.cases)
        assert r.county.open == r.county.out_of_school + r.county.suspected_dropouts + (
            r.county.dropouts
        )
        ids = [id(line) for line in r.cases]
        assert len(ids) == len(set(ids))
        end = month_end(*ym)
        first = dt.date(ym[0], ym[1], 1)
        expected = [
            c
            for c in found
            if log_on(c, end).entries
            and log_on(c, first - dt.timedelta(days=1)).state is not CaseState.CLOSED
        ]
        assert len(r.cases) == len(expected)

    @slow
    @given(case_lists, months)
    def test_county_rollup_equals_sum_of_units(self, found, ym):
        """The county's counts are the field-by-field sum of its units'."""
        r = report(found, *ym)
        assert r.county == sum((u.counts for u in r.units), Counts())
        assert r.county == Counts.of(r.cases)

    @slow
    @given(case_lists, months)
    def test_recomputed_later_is_identical(self, found, ym):
        """A report recomputed after the logs grew, or on a later day, counts the same."""
        end = month_end(*ym)
        then = report([log_on(c, end) for c in found], *ym, as_of=end + dt.timedelta(days=5))
        later = report(found, *ym, as_of=end + dt.timedelta(days=5))
        assert later == then
        much_later = report(found, *ym, as_of=end + dt.timedelta(days=400))
        assert much_later.county == then.county
        assert much_later.cases == then.cases


class TestTimeliness:
    def check(self, submitted_on, as_of=dt.date(2025, 11, 30), policy=FEICHENG):
        return check_report_timeliness(
            year=2025, month=10, submitted_on=submitted_on, as_of=as_of, policy=policy
        )

    def test_on_the_due_day_is_on_time(self):
        """每月5日前 is read as on or before the 5th: a report on the 5th is on time."""
        assert self.check(dt.date(2025, 11, 5)).outcome == "on_time"

    def test_late(self):
        """A report after the 5th is late, with the days counted and the clause cited."""
        d = self.check(dt.date(2025, 11, 9))
        assert (d.ok, d.outcome, d.findings[0].code) == (False, "late", "report.late")
        assert "4 天" in d.findings[0].message_zh
        assert "FC-2.5" in d.basis

    def test_missing_and_not_due(self):
        """No report is missing after the due date and not yet due before it."""
        assert self.check(None).outcome == "missing"
        assert self.check(None, as_of=dt.date(2025, 11, 5)).outcome == "not_due"

    def test_early_is_a_warning(self):
        """A report sent before the month ended is on time but warned about."""
        d = self.check(dt.date(2025, 10, 20))
        assert (d.ok, d.findings[0].code) == (True, "report.early")

    def test_national_due_date(self):
        """Under NATIONAL the report is due by the last day of the following month."""
        assert self.check(dt.date(2025, 11, 30), policy=NATIONAL).outcome == "on_time"

    def test_submissions_reach_the_units(self):
        """A unit's submission date and timeliness appear in its row."""
        r = demo_report()
        sent = {s.unit_code: s.on for s in COUNTY.submissions if (s.year, s.month) == (2025, 10)}
        for unit in r.units:
            assert unit.submitted_on == sent.get(unit.unit.code)

    def test_bad_submission_is_refused(self):
        """A submission with a datetime for its day is refused with date.datetime."""
        with pytest.raises(ValidationError, match=r"date\.datetime"):
            Submission(unit_code="x", year=2025, month=1, on=dt.datetime(2025, 2, 1))  # noqa: DTZ001


class TestReviewAndCadence:
    def test_review_sums_flows_and_takes_stock_at_the_end(self):
        """A quarter's review sums new, returned and closed; the stock is the last month's."""
        from kongchuo.reports import county_review

        months = [report(COUNTY.cases, 2025, m) for m in (10, 11, 12)]
        review = county_review(reversed(months))
        assert review.county.new == sum(r.county.new for r in months)
        assert review.county.closed == sum(r.county.closed for r in months)
        assert review.county.open_at_end == months[-1].county.open
        assert review.first == dt.date(2025, 10, 1)
        assert review.last == dt.date(2025, 12, 31)

    def test_review_county_equals_sum_of_units(self):
        """The review's county figures are the sum of its units'."""
        from kongchuo.reports import PeriodCounts, county_review

        review = county_review(report(COUNTY.cases, 2025, m) for m in (9, 10, 11))
        assert review.county == sum((c for _, c in review.units), PeriodCounts())
        assert review.county.reports_on_time <= review.county.reports_due == 15
        rows = review.to_records()
        assert rows[-1]["unit_kind"] == "county"
        assert all(list(r) == list(rows[0]) for r in rows)

    def test_review_needs_consecutive_months(self):
        """Months with a gap are refused with report.review."""
        from kongchuo.reports import county_review

        with pytest.raises(ValidationError, match=r"report\.review"):
            county_review([report(COUNTY.cases, 2025, 9), report(COUNTY.cases, 2025, 11)])
        with pytest.raises(ValidationError, match=r"report\.review"):
            county_review([])

    def test_national_cadence(self):
        """NATIONAL: school monthly, county quarterly, city each term, province yearly (四个一)."""
        from kongchuo.reports import reporting_cadence

        items = reporting_cadence(NATIONAL, on=dt.date(2025, 3, 1))
        assert [(c.level, c.every) for c in items] == [
            ("school", "month"),
            ("county", "3 months"),
            ("city", "term"),
            ("province", "year"),
        ]
        assert all(any("2024" in b for b in c.basis) for c in items)

    def test_feicheng_cadence_names_the_report_day(self):
        """FEICHENG's monthly item names the offices, city-direct schools and the 5th (FC-2.5)."""
        from kongchuo.reports import reporting_cadence

        school = reporting_cadence(FEICHENG, on=dt.date(2025, 3, 1))[0]
        assert "每月5日前" in school.duty_zh
        assert "市直学校" in school.duty_zh
        assert "FC-2.5" in school.basis

    def test_before_the_notice_only_what_was_in_force(self):
        """Before the 2024 notice, FEICHENG has its monthly report and no quarterly review."""
        from kongchuo.reports import reporting_cadence

        items = reporting_cadence(FEICHENG, on=dt.date(2023, 3, 1))
        assert [c.level for c in items] == ["school"]


class TestCensus:
    def census(self, **kwargs):
        from kongchuo.reports import special_group_census

        kwargs.setdefault("policy", FEICHENG)
        return special_group_census(
            COUNTY.children,
            COUNTY.registrations,
            term=COUNTY.calendar.terms[0],
            care_plans=COUNTY.care_plans,
            schools=COUNTY.schools,
            **kwargs,
        )

    def test_window_is_two_weeks_under_feicheng(self):
        """开学2周内: a term starting 1 September 2025 gives 15 September (FC-2.5)."""
        c = self.census()
        assert (c.opens, c.due) == (dt.date(2025, 9, 1), dt.date(2025, 9, 15))
        assert "FC-2.5" in c.basis

    def test_counts_match_children_and_plans(self):
        """Each registered special-group child counts once per group; plans are matched."""
        c = self.census()
        registered = {r.student_number.resident_id for r in COUNTY.registrations}
        in_groups = [k for k in COUNTY.children if k.special_groups and k.resident_id in registered]
        assert c.students == len(in_groups)
        assert sum(c.by_group().values()) == sum(len(k.special_groups) for k in in_groups)
        planned = {p.student_number.resident_id for p in COUNTY.care_plans}
        assert len(c.without_plan) == sum(k.resident_id not in planned for k in in_groups)
        assert all(r.students == r.with_plan + r.without_plan for r in c.rows)

    def test_students_without_plan_are_masked(self):
        """The list of students without a care plan shows masked student numbers only."""
        c = self.census()
        full = {k.resident_id.value for k in COUNTY.children}
        for u in c.without_plan:
            assert "********" in u.student
            assert not any(f in u.student for f in full)

    def test_national_has_no_window(self):
        """NATIONAL sets no census window: asking for one is refused with its code."""
        with pytest.raises(ValidationError, match=r"report\.census_window"):
            self.census(policy=NATIONAL)

    def test_records_are_flat(self):
        """The census flattens to rows with the same keys."""
        rows = self.census().to_records()
        assert rows
        assert all(list(r) == list(rows[0]) for r in rows)


class TestIndicators:
    def cohort(self, **kwargs):
        from kongchuo.reports import Cohort

        fields = {
            "entry_year": 2016,
            "entrants": 1000,
            "graduation_year": 2025,
            "graduates": 955,
            "transfers_in": 30,
            "transfers_out": 50,
            "deaths": 5,
        }
        return Cohort(**(fields | kwargs))

    def rate(self, formula, cohort=None):
        import attrs

        from kongchuo.policy import ConsolidationFormula
        from kongchuo.reports import consolidation_rate

        policy = attrs.evolve(
            NATIONAL,
            consolidation_formula=NATIONAL.consolidation_formula.with_value(
                ConsolidationFormula(formula),
                effective_from=dt.date(2020, 1, 1),
                description="test",
                basis=("test",),
            ),
        )
        return consolidation_rate(cohort or self.cohort(), policy=policy)

    def test_formula_chosen_by_the_policy(self):
        """Gross, net of transfers, and net of transfers and deaths give their denominators."""
        from fractions import Fraction

        assert self.rate("gross").value == Fraction(955, 1000)
        assert self.rate("net_transfers").value == Fraction(955, 980)
        assert self.rate("net_transfers_and_deaths").value == Fraction(955, 975)

    def test_national_default_nets_transfers_and_cites_its_source(self):
        """NATIONAL nets transfers (the county template, §2.6) and says it is a default."""
        from kongchuo.reports import consolidation_rate

        r = consolidation_rate(self.cohort(), policy=NATIONAL)
        assert r.denominator == 980
        assert r.percent() == "97.4%"
        assert any(b.startswith("docs/law.md, 指标") for b in r.basis)
        assert any("kongchuo default" in b for b in r.basis)
        assert [name for name, _, _ in r.inputs] == [
            "graduates",
            "entrants",
            "transfers_in",
            "transfers_out",
        ]

    def test_gross_shows_only_its_inputs(self):
        """The gross formula lists graduates and entrants only."""
        r = self.rate("gross")
        assert [name for name, _, _ in r.inputs] == ["graduates", "entrants"]
        assert r.formula_zh == "毕业生数 ÷ 入学人数"

    def test_cohorts_pair_entrants_with_graduates_nine_years_on(self):
        """cohorts() pairs each graduation year with the entrants of nine years before."""
        from kongchuo.reports import cohorts

        found = cohorts(
            {2014: 900, 2015: 950, 2016: 1000},
            {2024: 930, 2025: 960, 2026: 1},
            transfers_out={2016: 12},
        )
        assert [(c.entry_year, c.graduation_year) for c in found] == [(2015, 2024), (2016, 2025)]
        assert found[1].transfers_out == 12

    def test_bad_counts(self):
        """A negative count is refused with indicator.count; years must be ordered."""
        with pytest.raises(ValidationError, match=r"indicator\.count"):
            self.cohort(entrants=-1)
        with pytest.raises(ValidationError, match=r"indicator\.year"):
            self.cohort(graduation_year=2010)

    def test_zero_denominator_is_undefined(self):
        """With no entrants the rate is undefined, not a division error."""
        r = self.rate("gross", self.cohort(entrants=0, graduates=0))
        assert (r.value, r.percent()) == (None, "—")

    def test_dropout_rate_counts_confirmed_dropouts(self):
        """The dropout rate counts confirmed dropout cases of the period, not 失学 children."""
        from kongchuo.cases import CaseKind
        from kongchuo.reports import dropout_rate

        first, last = dt.date(2025, 9, 1), dt.date(2025, 12, 31)
        r = dropout_rate(COUNTY.cases, enrolment=200, first=first, last=last)
        expected = sum(
            c.kind is not CaseKind.OUT_OF_SCHOOL
            and any(e.event.tag == "verified" and e.event.confirmed for e in c.entries)
            for c in COUNTY.cases
        )
        assert (r.numerator, r.denominator) == (expected, 200)
        assert r.to_dict()["inputs"] == {"dropouts": expected, "enrolment": 200}

    def test_dropout_rate_period_checked(self):
        """A period that ends before it starts is refused with indicator.period."""
        from kongchuo.reports import dropout_rate

        with pytest.raises(ValidationError, match=r"indicator\.period"):
            dropout_rate([], enrolment=1, first=dt.date(2025, 9, 2), last=dt.date(2025, 9, 1))


class TestScorecards:
    def cards(self, **kwargs):
        from kongchuo.reports import scorecards

        return scorecards(
            COUNTY.cases,
            as_of=dt.date(2025, 12, 31),
            policy=FEICHENG,
            reports=[report(COUNTY.cases, 2025, m) for m in (9, 10, 11)],
            children=COUNTY.children,
            schools=COUNTY.schools,
            jurisdictions=COUNTY.jurisdictions,
            **kwargs,
        )

    def test_every_unit_has_a_card(self):
        """Every reporting unit gets a card; reports due are the months given."""
        cards = self.cards().cards
        assert len(cards) == 5
        assert all(c.reports_due == 3 for c in cards)

    def test_cards_add_up_to_the_cases(self):
        """Cards count each case not closed by the day once; ledgers complete are a subset."""
        from kongchuo.reports import log_on

        cards = self.cards().cards
        day = dt.date(2025, 12, 31)
        live = [
            c
            for c in COUNTY.cases
            if log_on(c, day).entries and log_on(c, day).state is not CaseState.CLOSED
        ]
        assert sum(c.cases for c in cards) == len(live)
        assert all(0 <= c.ledgers_complete <= c.cases for c in cards)
        assert sum(c.open for c in cards) == sum(log_on(c, day).state.is_open for c in live)

    def test_escalated_counts_match_the_report(self):
        """Escalated cases on the card match the month-end report's escalated count."""
        cards = self.cards().cards
        december = report(COUNTY.cases, 2025, 12)
        assert sum(c.escalated for c in cards) == december.county.escalated

    def test_records_are_flat(self):
        """Scorecards flatten to rows with the same keys, shares in percent."""
        rows = self.cards().to_records()
        assert all(list(r) == list(rows[0]) for r in rows)
        assert "on_time_pct" in rows[0]
        assert "attempts_refused" in rows[0]


class TestHtml:
    def page(self, **kwargs):
        from kongchuo.reports import (
            county_review,
            dropout_rate,
            html_report,
            scorecards,
            special_group_census,
        )

        months = [
            report(COUNTY.cases, 2025, m, as_of=dt.date(2026, 1, 15)) for m in (9, 10, 11, 12)
        ]
        return html_report(
            months,
            cases=COUNTY.cases,
            review=county_review(months[1:]),
            census=special_group_census(
                COUNTY.children,
                COUNTY.registrations,
                term=COUNTY.calendar.terms[0],
                policy=FEICHENG,
                care_plans=COUNTY.care_plans,
                schools=COUNTY.schools,
            ),
            indicators=[
                dropout_rate(
                    COUNTY.cases,
                    enrolment=1200,
                    first=dt.date(2025, 9, 1),
                    last=dt.date(2025, 12, 31),
                )
            ],
            scorecards=scorecards(
                COUNTY.cases,
                as_of=dt.date(2025, 12, 31),
                policy=FEICHENG,
                reports=months,
                schools=COUNTY.schools,
                jurisdictions=COUNTY.jurisdictions,
            ),
            **kwargs,
        )

    def test_structure(self):
        """The page has its sections, tables and one inline SVG chart per figure."""
        pytest.importorskip("matplotlib")
        page = self.page()
        assert page.startswith("<!DOCTYPE html>")
        assert page.rstrip().endswith("</html>")
        for heading in (
            "2025年12月控辍保学月报告",
            "未结个案月度趋势",
            "按原因",
            "按特殊群体",
            "县级研判",
            "特殊群体学生普查",
            "指标",
            "考核记分卡",
        ):
            assert f"<h2>{heading}" in page
        assert page.count("<svg") == 3
        assert page.count("<table>") >= 8

    def test_self_contained(self):
        """The page opens offline: no script, no external stylesheet, image or font."""
        import re

        page = self.page()
        assert "<script" not in page
        assert "<link" not in page
        assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page)
        assert "@import" not in page

    def test_no_full_id(self):
        """No child's full ID number or student number appears anywhere on the page."""
        import re

        page = self.page()
        for child in COUNTY.children:
            assert child.resident_id.value not in page
        assert not re.search(r"\d{17}[\dX]", page)
        assert "********" in page  # the census lists masked student numbers

    def test_tables_without_matplotlib(self, monkeypatch):
        """Without matplotlib the page still renders every table and says charts need it."""
        import sys

        monkeypatch.setitem(sys.modules, "matplotlib", None)
        page = self.page()
        assert "<svg" not in page
        assert "matplotlib" in page
        assert "<h2>未结个案月度趋势" in page
        assert self.page(charts=False).count("<svg") == 0

    def test_same_inputs_same_page(self):
        """The page is a pure function of its inputs (stable SVG ids, no timestamp)."""
        assert self.page() == self.page()

    def test_religion_is_not_shown_as_a_cause(self):
        """Religion, a sensitive category, is counted under 其他 in the cause chart."""
        from kongchuo.cases import Cause
        from kongchuo.reports import cases_by_cause

        counts = cases_by_cause(COUNTY.cases, as_of=dt.date(2025, 12, 31))
        assert Cause.RELIGION.label_zh not in counts
        assert sum(counts.values()) == sum(
            bool(log_on(c, dt.date(2025, 12, 31)).entries) for c in COUNTY.cases
        )

    def test_needs_a_report(self):
        """An HTML report without a monthly report is refused with report.html."""
        from kongchuo.reports import html_report

        with pytest.raises(ValidationError, match=r"report\.html"):
            html_report([])


class TestDataFrames:
    @pytest.mark.parametrize("library", ["polars", "pandas"])
    def test_records_load_into_a_data_frame(self, library):
        """Flat rows load straight into polars or pandas, one row per record (skips if absent)."""
        lib = pytest.importorskip(library)
        rows = demo_report().to_records()
        frame = lib.DataFrame(rows)
        assert frame.shape == (len(rows), len(rows[0]))
        assert list(frame.columns) == list(rows[0])
