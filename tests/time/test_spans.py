"""One span arithmetic: :func:`kongchuo.span_end`, and every rule that takes a span."""

import datetime as dt

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kongchuo import (
    ChinaCalendar,
    SchoolCalendar,
    SchoolDays,
    Term,
    TermKind,
    ValidationError,
    obligations,
    span_end,
)
from kongchuo.cases import (
    AttemptResult,
    Case,
    CaseKind,
    Cause,
    CauseAnalysed,
    IdentificationMethod,
    Identified,
    Person,
    PersuasionAttempt,
    PersuasionMethod,
    PlanMade,
    Returned,
    Role,
    Verified,
    check_closure,
    check_ledger,
    is_closable,
)
from kongchuo.notices import ReturnNotice, check_notice, correction_deadline, examples
from kongchuo.policy import FEICHENG, Span, TimeUnit

D = dt.date
CAL = ChinaCalendar()
CST = dt.timezone(dt.timedelta(hours=8))
TERMS = SchoolCalendar(
    school_year=2025,
    terms=(
        Term(kind=TermKind.AUTUMN, start=D(2025, 9, 1), end=D(2026, 1, 23)),
        Term(kind=TermKind.SPRING, start=D(2026, 3, 2), end=D(2026, 7, 10)),
    ),
)
PRINCIPAL = Person(role=Role.PRINCIPAL, name="张校长")
MOTHER = Person(role=Role.GUARDIAN, name="王芳")

# Counts small enough that every end stays inside the calendar's data (to 2026).
MAX_COUNT = {
    TimeUnit.DAY: 150,
    TimeUnit.WEEK: 20,
    TimeUnit.MONTH: 5,
    TimeUnit.WORKDAY: 100,
    TimeUnit.SCHOOL_DAY: 100,
}


@st.composite
def spans(draw: st.DrawFn) -> Span:
    unit = draw(st.sampled_from(TimeUnit))
    return Span(count=draw(st.integers(min_value=0, max_value=MAX_COUNT[unit])), unit=unit)


def with_span(name: str, span: Span):
    """FEICHENG with the parameter ``name`` set to ``span`` from 2025."""
    history = getattr(FEICHENG, name).with_value(
        span, effective_from=D(2025, 1, 1), description="test", basis=("test",)
    )
    return attrs.evolve(FEICHENG, **{name: history})


def stamp(day: dt.date, recorded: dt.date | None = None) -> dict:
    recorded = recorded or day
    return {
        "occurred_on": day,
        "recorded_at": dt.datetime(recorded.year, recorded.month, recorded.day, 18, tzinfo=CST),
        "recorded_by": "李老师",
    }


def attempt(day: dt.date) -> PersuasionAttempt:
    return PersuasionAttempt(
        **stamp(day),
        method=PersuasionMethod.HOME_VISIT,
        visitors=(PRINCIPAL,),
        met=(MOTHER,),
        result=AttemptResult.UNDECIDED,
        next_step="一周后再访",
    )


def opened(day: dt.date, kind: CaseKind = CaseKind.DROPOUT) -> Case:
    """A case identified by the school on ``day``."""
    return Case.open(
        case_id="FC-2025-0009",
        kind=kind,
        jurisdiction="370983003",
        school_code="3709830031",
        child_ref="local-9",
        identified=Identified(
            **stamp(day), method=IdentificationMethod.SCHOOL_REPORT, found_by="班主任"
        ),
    )


def case_with_attempts(*days: dt.date) -> Case:
    start = D(2025, 9, 1)
    case = opened(start)
    case = case.append(Verified(**stamp(start), confirmed=True, finding="连续缺课，家长确认"))
    case = case.append(
        CauseAnalysed(
            **stamp(start),
            causes={Cause.LEARNING_DIFFICULTY},
            primary=Cause.LEARNING_DIFFICULTY,
            narrative="数学跟不上，产生厌学情绪；父母外出务工，无人督促学习。",
        )
    )
    case = case.append(
        PlanMade(
            **stamp(start),
            measures=("结对帮扶",),
            responsible=(PRINCIPAL,),
            target_date=D(2025, 10, 1),
        )
    )
    for day in days:
        case = case.append(attempt(day))
    return case


def ledger_codes(case: Case, as_of: dt.date, name: str, span: Span) -> tuple[str, ...]:
    """The codes check_ledger finds on ``as_of`` when the parameter ``name`` is ``span``."""
    return check_ledger(case, as_of=as_of, policy=with_span(name, span), calendar=CAL).codes()


def end(start: dt.date, span: Span) -> dt.date:
    """The reading check_ledger uses with a calendar and no school calendar."""
    return span_end(start, span, school_days=SchoolDays.WORKDAYS, calendar=CAL)


class TestSpanEnd:
    def test_month_ends_on_the_corresponding_day(self):
        """A month from 31 January ends on 28 February (民法典 第二百零二条: 月的对应日)."""
        month = Span(count=1, unit=TimeUnit.MONTH)
        assert span_end(D(2025, 1, 31), month, school_days=SchoolDays.REFUSED) == D(2025, 2, 28)

    def test_weeks_are_seven_days(self):
        """Five weeks are 35 days, not five (the span's unit is read)."""
        weeks = Span(count=5, unit=TimeUnit.WEEK)
        assert span_end(D(2025, 9, 1), weeks, school_days=SchoolDays.REFUSED) == D(2025, 10, 6)

    def test_days_do_not_count_the_start_day(self):
        """Three days from 1 March end on 4 March (第二百零一条: 开始的当日不计入)."""
        days = Span(count=3, unit=TimeUnit.DAY)
        assert span_end(D(2025, 3, 1), days, school_days=SchoolDays.REFUSED) == D(2025, 3, 4)

    def test_rolls_to_the_next_working_day_with_a_calendar(self):
        """A last day in the National Day holiday moves to 9 October (第二百零三条)."""
        days = Span(count=3, unit=TimeUnit.DAY)
        assert span_end(D(2025, 9, 28), days, school_days=SchoolDays.REFUSED, calendar=CAL) == D(
            2025, 10, 9
        )
        assert span_end(
            D(2025, 9, 28), days, school_days=SchoolDays.REFUSED, calendar=CAL, roll=False
        ) == D(2025, 10, 1)

    def test_school_days_as_working_days(self):
        """Under WORKDAYS a school day is a working day of the calendar."""
        one = Span(count=1, unit=TimeUnit.SCHOOL_DAY)
        got = span_end(D(2025, 9, 30), one, school_days=SchoolDays.WORKDAYS, calendar=CAL)
        assert got == D(2025, 10, 9)

    def test_school_days_within_terms_skip_the_winter_break(self):
        """Under TERMS the winter break is not counted; WORKDAYS counts its working days."""
        five = Span(count=5, unit=TimeUnit.SCHOOL_DAY)
        terms = span_end(
            D(2026, 1, 22), five, school_days=SchoolDays.TERMS, calendar=CAL, terms=TERMS
        )
        workdays = span_end(D(2026, 1, 22), five, school_days=SchoolDays.WORKDAYS, calendar=CAL)
        assert terms == D(2026, 3, 5)
        assert workdays == D(2026, 1, 29)

    def test_school_days_refused_for_legal_periods(self):
        """A legal period is not counted in school days: span.unit."""
        five = Span(count=5, unit=TimeUnit.SCHOOL_DAY)
        with pytest.raises(ValidationError) as exc_info:
            span_end(D(2025, 9, 1), five, school_days=SchoolDays.REFUSED, calendar=CAL)
        assert exc_info.value.code == "span.unit"

    @pytest.mark.parametrize("unit", [TimeUnit.WORKDAY, TimeUnit.SCHOOL_DAY])
    def test_working_units_need_a_calendar(self, unit):
        """Working and school days without a calendar raise span.calendar."""
        with pytest.raises(ValidationError) as exc_info:
            span_end(D(2025, 9, 1), Span(count=1, unit=unit), school_days=SchoolDays.WORKDAYS)
        assert exc_info.value.code == "span.calendar"
        assert exc_info.value.path == "calendar"

    def test_terms_reading_needs_a_school_calendar_and_stops_at_its_end(self):
        """TERMS without a school calendar raises span.terms; past its end span.horizon."""
        span = Span(count=5, unit=TimeUnit.SCHOOL_DAY)
        with pytest.raises(ValidationError) as exc_info:
            span_end(D(2025, 9, 1), span, school_days=SchoolDays.TERMS, calendar=CAL)
        assert exc_info.value.code == "span.terms"
        with pytest.raises(ValidationError) as exc_info:
            span_end(D(2026, 7, 8), span, school_days=SchoolDays.TERMS, calendar=CAL, terms=TERMS)
        assert exc_info.value.code == "span.horizon"

    def test_reading_is_required_and_checked(self):
        """The school-day reading is an explicit argument; a wrong one is named."""
        with pytest.raises(ValidationError) as exc_info:
            span_end(D(2025, 9, 1), Span(count=1, unit=TimeUnit.DAY), school_days="workdays")
        assert exc_info.value.code == "span.school_days"
        with pytest.raises(ValidationError) as exc_info:
            span_end(D(2025, 9, 1), "1 day", school_days=SchoolDays.WORKDAYS)
        assert exc_info.value.code == "type"

    @given(span=spans())
    def test_zero_and_order(self, span):
        """A span ends on or after its start, on the start exactly when it is 0."""
        start = D(2025, 9, 10)
        got = span_end(start, span, school_days=SchoolDays.TERMS, calendar=CAL, terms=TERMS)
        assert (got == start) == (span.count == 0)
        assert got >= start


class TestEveryRuleHonoursTheUnit:
    """Every TimeUnit is honoured by every span-taking rule: each agrees with span_end."""

    @settings(max_examples=60, deadline=None)
    @given(span=spans(), gap=st.integers(min_value=0, max_value=200))
    def test_persuasion_interval(self, span, gap):
        """ledger.attempt.sparse fires exactly when the second attempt is past span_end."""
        before = D(2025, 9, 10)
        after = before + dt.timedelta(days=gap)
        codes = ledger_codes(case_with_attempts(before, after), after, "persuasion_interval", span)
        assert ("ledger.attempt.sparse" in codes) == (after > end(before, span))

    @settings(max_examples=60, deadline=None)
    @given(span=spans(), gap=st.integers(min_value=0, max_value=200))
    def test_persuasion_overdue(self, span, gap):
        """ledger.attempt.overdue fires exactly when as_of is past span_end of the last one."""
        last = D(2025, 9, 10)
        as_of = last + dt.timedelta(days=gap)
        codes = ledger_codes(case_with_attempts(last), as_of, "persuasion_interval", span)
        assert ("ledger.attempt.overdue" in codes) == (as_of > end(last, span))

    @settings(max_examples=60, deadline=None)
    @given(span=spans(), gap=st.integers(min_value=0, max_value=200))
    def test_late_entry_limit(self, span, gap):
        """ledger.entry.late fires exactly when the entry is recorded past span_end."""
        day = D(2025, 9, 2)
        recorded = day + dt.timedelta(days=gap)
        case = opened(day, CaseKind.SUSPECTED_DROPOUT).append(
            Verified(**stamp(day, recorded), confirmed=False, finding="请假未销")
        )
        codes = ledger_codes(case, recorded, "late_entry_limit", span)
        assert ("ledger.entry.late" in codes) == (recorded > end(day, span))

    @settings(max_examples=60, deadline=None)
    @given(span=spans(), gap=st.integers(min_value=0, max_value=200))
    def test_platform_marking_delay(self, span, gap):
        """ledger.platform.not_marked fires exactly when as_of is past span_end, unmarked."""
        day = D(2025, 9, 10)
        as_of = day + dt.timedelta(days=gap)
        codes = ledger_codes(case_with_attempts(day), as_of, "platform_marking_delay", span)
        assert ("ledger.platform.not_marked" in codes) == (as_of > end(day, span))

    @settings(max_examples=40, deadline=None)
    @given(span=spans())
    def test_special_group_census_window(self, span):
        """The census obligation is due span_end after the term starts (school days: workdays)."""
        policy = with_span("special_group_census_window", span)
        items = obligations(2025, policy=policy, terms=TERMS, calendar=CAL)
        census = [o for o in items if o.code == "special_group_census"]
        assert [o.due for o in census] == [end(t.start, span) for t in TERMS.terms]
        plain = [
            span_end(t.start, span, school_days=SchoolDays.WORKDAYS, calendar=CAL, roll=False)
            for t in TERMS.terms
        ]
        assert [o.unrolled_due for o in census] == plain

    @settings(max_examples=40, deadline=None)
    @given(span=spans())
    def test_correction_deadline(self, span):
        """A correction order's limit is span_end with school days refused (a legal period)."""
        policy = with_span("correction_deadline", span)
        issued = D(2025, 9, 22)
        if span.unit is TimeUnit.SCHOOL_DAY:
            with pytest.raises(ValidationError) as exc_info:
                correction_deadline(issued, policy=policy, calendar=CAL)
            assert exc_info.value.code == "span.unit"
            return
        expected = span_end(issued, span, school_days=SchoolDays.REFUSED, calendar=CAL)
        assert correction_deadline(issued, policy=policy, calendar=CAL) == expected

    def test_a_month_is_not_a_day(self):
        """persuasion_interval of one month: an attempt 30 days later is not sparse."""
        policy = with_span("persuasion_interval", Span(count=1, unit=TimeUnit.MONTH))
        case = case_with_attempts(D(2025, 9, 10), D(2025, 10, 10))
        assert (
            "ledger.attempt.sparse"
            not in check_ledger(case, as_of=D(2025, 10, 10), policy=policy).codes()
        )
        late = case_with_attempts(D(2025, 9, 10), D(2025, 10, 11))
        assert (
            "ledger.attempt.sparse"
            in check_ledger(late, as_of=D(2025, 10, 11), policy=policy).codes()
        )

    def test_working_day_interval_needs_a_calendar(self):
        """A span in working days without a calendar is bad input: span.calendar."""
        policy = with_span("persuasion_interval", Span(count=5, unit=TimeUnit.WORKDAY))
        with pytest.raises(ValidationError) as exc_info:
            check_ledger(case_with_attempts(D(2025, 9, 10)), as_of=D(2025, 9, 20), policy=policy)
        assert exc_info.value.code == "span.calendar"


class TestClosureAttendance:
    """closure_attendance counts school days attended since the return."""

    @pytest.mark.parametrize("unit", [u for u in TimeUnit if u is not TimeUnit.SCHOOL_DAY])
    def test_other_units_are_refused_not_misread(self, unit):
        """A closure_attendance of one month is refused (span.unit), never read as one day."""
        policy = with_span("closure_attendance", Span(count=1, unit=unit))
        case = case_with_attempts(D(2025, 9, 10)).append(
            Returned(
                **stamp(D(2025, 9, 15)),
                school_code="3709830031",
                grade=7,
                materials=("复学登记表",),
            )
        )
        with pytest.raises(ValidationError) as exc_info:
            check_closure(case, as_of=D(2025, 10, 20), policy=policy)
        assert exc_info.value.code == "span.unit"
        assert exc_info.value.path == "policy.closure_attendance"

    def test_school_days_are_counted(self):
        """In school days the count of attended days is compared with the span."""
        policy = with_span("closure_attendance", Span(count=2, unit=TimeUnit.SCHOOL_DAY))
        case = case_with_attempts(D(2025, 9, 10)).append(
            Returned(
                **stamp(D(2025, 9, 15)),
                school_code="3709830031",
                grade=7,
                materials=("复学登记表",),
            )
        )
        decision = check_closure(case, as_of=D(2025, 10, 20), policy=policy)
        assert decision.outcome == "attendance_short"


class TestReturnNoticeDelay:
    @settings(max_examples=40, deadline=None)
    @given(span=spans(), gap=st.integers(min_value=0, max_value=120))
    def test_return_notice_delay(self, span, gap):
        """notice.return.late fires exactly when the notice is issued past span_end."""
        (example,) = [n for n in examples().values() if isinstance(n, ReturnNotice)]
        confirmed = example.issued_on
        issued = confirmed + dt.timedelta(days=gap)
        shift = dt.timedelta(days=gap)
        service = example.service and attrs.evolve(
            example.service, served_on=example.service.served_on + shift
        )
        notice = attrs.evolve(
            example, issued_on=issued, service=service, return_by=example.return_by + shift
        )
        policy = with_span("return_notice_delay", span)
        if span.unit is TimeUnit.SCHOOL_DAY:
            with pytest.raises(ValidationError) as exc_info:
                check_notice(
                    notice, as_of=issued, policy=policy, calendar=CAL, confirmed_on=confirmed
                )
            assert exc_info.value.code == "span.unit"
            return
        codes = check_notice(
            notice, as_of=issued, policy=policy, calendar=CAL, confirmed_on=confirmed
        ).codes()
        due = span_end(confirmed, span, school_days=SchoolDays.REFUSED, calendar=CAL)
        assert ("notice.return.late" in codes) == (issued > due)


class TestClosureReadsLedgerSpans:
    """check_closure hands its calendar to the ledger check it runs."""

    def test_workday_spans_need_and_take_the_calendar(self):
        """With ledger spans in working days, closing asks for the calendar and uses it."""
        policy = with_span("persuasion_interval", Span(count=10, unit=TimeUnit.WORKDAY))
        case = case_with_attempts(D(2025, 9, 10))
        with pytest.raises(ValidationError) as info:
            check_closure(case, as_of=D(2025, 9, 12), policy=policy)
        assert "span.calendar" in [p.code for p in info.value]
        decision = check_closure(case, as_of=D(2025, 9, 12), policy=policy, calendar=CAL)
        assert decision.outcome == "not_resolved"
        assert is_closable(case, as_of=D(2025, 9, 12), policy=policy, calendar=CAL) is False
