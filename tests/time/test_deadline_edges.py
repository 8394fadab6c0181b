"""Duties and their calendar file at the edges: refusals (code, path, both messages), bounds."""

import datetime as dt
import pickle

import attrs
import pytest

from kongchuo import (
    ChinaCalendar,
    SchoolCalendar,
    Term,
    TermKind,
    ValidationError,
    monthly_report_due,
    obligations,
    to_ics,
)
from kongchuo.policy import (
    FEICHENG,
    NATIONAL,
    ParameterHistory,
    ParameterNotInForceError,
    Party,
    Span,
    TimeUnit,
)

CST = dt.timezone(dt.timedelta(hours=8))
STAMP = dt.datetime(2025, 8, 1, 9, tzinfo=CST)
TERMS = SchoolCalendar(
    school_year=2025,
    terms=[Term(kind=TermKind.AUTUMN, start=dt.date(2025, 9, 1), end=dt.date(2026, 1, 20))],
)
ITEMS = obligations(2025, policy=FEICHENG, terms=TERMS, calendar=ChinaCalendar())


def _problem(call):
    with pytest.raises(ValidationError) as info:
        call()
    (problem,) = info.value.errors
    return (problem.code, problem.path, problem.message, problem.message_zh)


def test_a_naive_stamp_is_refused():
    """A stamp without a time zone is ics.stamp, in both languages."""
    assert _problem(lambda: to_ics(ITEMS, stamp=dt.datetime(2025, 8, 1))) == (  # noqa: DTZ001
        "ics.stamp",
        "stamp",
        "stamp must be an aware datetime, got datetime",
        "stamp 应为带时区的 datetime，实为 datetime",
    )


OBLIGATION_EN = (
    "an Obligation needs text code and titles, dates, a tuple of Party and a tuple of citations"
)
OBLIGATION_ZH = "Obligation 需要文本的代码和标题、日期、Party 元组和依据元组"


@pytest.mark.parametrize(
    ("call", "path", "given"),
    [
        (lambda: to_ics(ITEMS, stamp=STAMP, name=5), "name", None),
        (lambda: to_ics(5, stamp=STAMP), "items", "int"),
        (lambda: to_ics([ITEMS[0], 5], stamp=STAMP), "items[1]", "int"),
        (lambda: obligations(2025, policy=FEICHENG, terms=5), "terms", "int"),
        (lambda: obligations(2025, policy=FEICHENG, terms=[TERMS.terms[0], 1]), "terms[1]", "int"),
    ],
)
def test_wrong_types_are_named(call, path, given):
    """Each argument of the wrong type is a type error at its path, naming what was given."""
    code, where, message, message_zh = _problem(call)
    assert (code, where) == ("type", path)
    if given is not None:
        assert given in message
        assert given in message_zh


@pytest.mark.parametrize("field", ["due", "title", "opens", "owners", "basis"])
def test_an_obligation_checks_its_fields(field):
    """An obligation with a field of the wrong kind says what it needs, in both languages."""
    problem = _problem(lambda: attrs.evolve(ITEMS[0], **{field: 5}))
    assert problem == ("type", "$", OBLIGATION_EN, OBLIGATION_ZH)


def test_an_obligation_may_have_no_opening_day():
    """An obligation with no window has no opening day."""
    assert attrs.evolve(ITEMS[0], opens=None).opens is None


def test_report_years_are_bounded():
    """Report years run from 1900 to 9998; beyond, the year is named."""
    assert _problem(lambda: monthly_report_due(1899, 5, policy=FEICHENG)) == (
        "int.range",
        "year",
        "must be at least 1900, got 1899",
        "不能小于 1900，实为 1899",
    )
    assert _problem(lambda: monthly_report_due(9999, 5, policy=FEICHENG)) == (
        "int.range",
        "year",
        "must be at most 9998, got 9999",
        "不能大于 9998，实为 9999",
    )
    assert monthly_report_due(9998, 5, policy=FEICHENG) == dt.date(9998, 6, 5)


def test_ics_lines_are_folded_and_escaped():
    """Long lines fold at 75 octets without splitting a character; newlines are escaped."""
    text = to_ics(ITEMS[:1], stamp=STAMP, name="控辍保学工作日历\n" + "长" * 60)
    lines = text.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert "X-WR-CALNAME:控辍保学工作日历\\n" + "长" * 60 in unfolded
    assert "DTSTAMP:20250801T010000Z" in unfolded


def test_ics_notes_a_moved_day_and_missing_owners():
    """An event says the day it moved from, and a dash where no owner is named."""
    item = attrs.evolve(ITEMS[0], owners=(), due=ITEMS[0].due + dt.timedelta(days=2))
    text = to_ics([item], stamp=STAMP, name="a\r\nb").replace("\r\n ", "")
    assert f"\\n顺延自 Moved from: {ITEMS[0].unrolled_due.isoformat()}\\n" in text
    assert "DESCRIPTION:责任主体 Owners: —\\n" in text
    assert "X-WR-CALNAME:a\\nb\r\n" in text


@pytest.mark.parametrize(("size", "folded"), [(62, False), (63, True)])
def test_ics_folds_after_75_octets(size, folded):
    """A line of 75 octets stays whole; one of 76 is folded."""
    lines = to_ics([], stamp=STAMP, name="x" * size).split("\r\n")
    assert any(line.startswith(" ") for line in lines) is folded


@pytest.mark.parametrize(("size", "parts"), [(136, [75, 74]), (137, [75, 74, 1])])
def test_ics_continuation_lines_hold_74_octets(size, parts):
    """After the first 75 octets each continuation holds 74 and its leading space."""
    text = to_ics([], stamp=STAMP, name="x" * size).split("\r\n")
    start = next(i for i, x in enumerate(text) if x.startswith("X-WR-CALNAME:"))
    lines = text[start : start + len(parts)]
    assert [len(lines[0]), *(len(x) - 1 for x in lines[1:])] == parts
    assert all(x.startswith(" ") for x in lines[1:])
    assert not text[start + len(parts)].startswith(" ")
    assert lines[0] + "".join(x[1:] for x in lines[1:]) == "X-WR-CALNAME:" + "x" * size


@pytest.mark.parametrize(("months", "last"), [(1, dt.date(2026, 8, 31)), (2, dt.date(2026, 8, 31))])
def test_a_county_review_ending_on_the_school_years_last_day_is_listed(months, last):
    """A review period that ends on 31 August, the school year's last day, is still in the year."""
    policy = attrs.evolve(
        FEICHENG,
        county_review_months=FEICHENG.county_review_months.with_value(
            months,
            effective_from=dt.date(2025, 1, 1),
            description=f"every {months} months",
            basis=("test",),
        ),
    )
    reviews = [o for o in obligations(2025, policy=policy, terms=()) if o.code == "county_review"]
    assert reviews[-1].due == last
    assert reviews[-1].unrolled_due == last
    assert len(reviews) == 12 // months
    assert reviews[0].due == dt.date(2025, 9 + months, 1) - dt.timedelta(days=1)


def test_national_lists_no_school_year_before_the_2024_notice():
    """NATIONAL refuses 2023, naming the monthly report's source and 2024 as its first year."""
    with pytest.raises(ParameterNotInForceError) as info:
        obligations(2023, policy=NATIONAL, terms=())
    error = info.value
    assert (error.parameter, error.on, error.first) == (
        "monthly_report_owners",
        dt.date(2023, 9, 1),
        dt.date(2024, 4, 30),
    )
    assert str(error) == (
        "parameter 'monthly_report_owners' has no value in force on 2023-09-01; its first "
        "value applies from 2024-04-30. That first value rests on 教育部办公厅 "
        "常态化报告工作机制通知（2024年4月）. Policy 'national' cannot list the duties of "
        "school year 2023: it lists them from school year 2024 on (参数 "
        "monthly_report_owners 在 2023-09-01 没有生效的值；最早的值自 2024-04-30 起适用。"
        "最早的值依据：教育部办公厅 常态化报告工作机制通知（2024年4月）。配置 national "
        "不能列出 2023 学年的年度工作事项，自 2024 学年起才能列出)"
    )
    assert str(pickle.loads(pickle.dumps(error))) == str(error)
    assert obligations(2024, policy=NATIONAL, terms=())


def test_feicheng_lists_school_years_from_2019():
    """FEICHENG's account applies from 2019: 2018 is refused naming the seed, 2019 is listed."""
    with pytest.raises(ParameterNotInForceError) as info:
        obligations(2018, policy=FEICHENG, terms=TERMS.terms)
    assert (info.value.parameter, info.value.on) == ("census_month", dt.date(2018, 7, 1))
    assert info.value.note == (
        (
            "That first value rests on FC-1.1; 肥城市教体局《关于控辍保学有关工作经验做法》. "
            "Policy 'feicheng' cannot list the duties of school year 2018: it lists them from "
            "school year 2019 on"
        ),
        (
            "最早的值依据：FC-1.1; 肥城市教体局《关于控辍保学有关工作经验做法》。配置 feicheng "
            "不能列出 2018 学年的年度工作事项，自 2019 学年起才能列出"
        ),
    )
    assert obligations(2019, policy=FEICHENG, terms=())


def _later(**histories):
    """FEICHENG with some values replaced by ones that start later."""
    return attrs.evolve(
        FEICHENG,
        **{
            name: ParameterHistory.single(
                name, value, unit="u", description="later", basis=("test",), effective_from=on
            )
            for name, (value, on) in histories.items()
        },
    )


def test_a_window_in_working_days_does_not_end_the_search_early():
    """The first year is the one every value reaches (2024), though no calendar is given."""
    policy = _later(
        special_group_census_window=(Span(count=10, unit=TimeUnit.WORKDAY), dt.date(2019, 1, 1)),
        monthly_report_owners=((Party.SCHOOL,), dt.date(2024, 4, 30)),
    )
    with pytest.raises(ParameterNotInForceError) as info:
        obligations(2018, policy=policy, terms=TERMS)
    assert info.value.parameter == "census_month"
    assert info.value.note is not None
    assert info.value.note[0].endswith("it lists them from school year 2024 on")
    assert info.value.note[1].endswith("自 2024 学年起才能列出")


def test_a_value_that_starts_in_9999_leaves_no_school_year():
    """A census month only from 9999 leaves no school year to list, and the message says so."""
    policy = _later(census_month=(7, dt.date(9999, 1, 1)))
    with pytest.raises(ParameterNotInForceError) as info:
        obligations(2025, policy=policy, terms=())
    assert info.value.note == (
        (
            "That first value rests on test. Policy 'feicheng' cannot list the duties of "
            "school year 2025: nor of any later one"
        ),
        "最早的值依据：test。配置 feicheng 不能列出 2025 学年的年度工作事项，之后的学年也不能列出",
    )


UTC_STAMP = dt.datetime(2025, 8, 1, 1, tzinfo=dt.UTC)


def test_a_calendar_name_that_is_not_text_is_refused():
    """A name given as a number is type at `name`, in both languages."""
    assert _problem(lambda: to_ics(ITEMS, stamp=UTC_STAMP, name=5)) == (
        "type",
        "name",
        "name must be text",
        "name 应为文本",
    )


def test_a_stamp_before_year_one_in_utc_is_refused():
    """0001-01-01 08:00 in China is before year 1 in UTC: ics.stamp, not an OverflowError."""
    early = dt.datetime(1, 1, 1, 7, tzinfo=CST)
    assert _problem(lambda: to_ics(ITEMS, stamp=early)) == (
        "ics.stamp",
        "stamp",
        "stamp falls outside the years 1–9999 in UTC",
        "stamp 换算为 UTC 后超出公元 1–9999 年",
    )


@pytest.mark.parametrize("where", ["name", "title"])
def test_a_lone_surrogate_is_refused_as_text(where):
    """A lone surrogate in the name or a title is ics.text at `items`, not a UnicodeEncodeError."""
    items = ITEMS if where == "name" else [attrs.evolve(ITEMS[0], title="报告\ud800")]
    name = "校历\ud800" if where == "name" else "kongchuo"
    assert _problem(lambda: to_ics(items, stamp=UTC_STAMP, name=name)) == (
        "ics.text",
        "items",
        "the name or an obligation holds a lone surrogate, which UTF-8 cannot hold",
        "名称或事项中含有无法以 UTF-8 编码的孤立代理字符",
    )


@pytest.mark.parametrize(
    ("due", "end"),
    [(dt.date(9999, 12, 30), "DTEND;VALUE=DATE:99991231"), (dt.date.max, "DURATION:P1D")],
)
def test_an_event_on_the_last_day_a_date_can_hold_lasts_one_day(due, end):
    """An all-day event ends the next day; on 9999-12-31, which has none, it lasts P1D."""
    item = attrs.evolve(ITEMS[0], due=due, unrolled_due=due, opens=None)
    lines = to_ics([item], stamp=UTC_STAMP).splitlines()
    assert f"DTSTART;VALUE=DATE:{due:%Y%m%d}" in lines
    assert end in lines
    assert sum(line.startswith(("DTEND", "DURATION")) for line in lines) == 1


def test_a_value_from_after_1_july_covers_the_next_school_year():
    """A census month only from 1 September 2024 is read on 1 July: 2025 is the first year."""
    policy = _later(census_month=(7, dt.date(2024, 9, 1)))
    with pytest.raises(ParameterNotInForceError) as info:
        obligations(2024, policy=policy, terms=())
    assert info.value.note is not None
    assert info.value.note[0].endswith("it lists them from school year 2025 on")
    assert obligations(2025, policy=policy, terms=())


def test_monthly_report_values_are_read_on_the_first_of_the_month():
    """A report day that changes on 2 January still gives January the day in force on the 1st."""
    policy = attrs.evolve(
        FEICHENG,
        monthly_report_day=FEICHENG.monthly_report_day.with_value(
            10, effective_from=dt.date(2026, 1, 2), description="每月10日前", basis=("test",)
        ),
    )
    assert monthly_report_due(2026, 1, policy=policy) == dt.date(2026, 2, 5)
    assert monthly_report_due(2026, 2, policy=policy) == dt.date(2026, 3, 10)


def test_a_fixed_day_on_a_rest_day_moves_when_the_policy_rolls():
    """With rolling on, the census due Sunday 31 July 2022 moves to Monday 1 August."""
    policy = attrs.evolve(
        FEICHENG,
        roll_fixed_day_deadlines=FEICHENG.roll_fixed_day_deadlines.with_value(
            True, effective_from=dt.date(2019, 1, 1), description="顺延", basis=("test",)
        ),
    )
    items = obligations(2022, policy=policy, terms=(), calendar=ChinaCalendar())
    (census,) = [o for o in items if o.code == "census"]
    assert (census.unrolled_due, census.due) == (dt.date(2022, 7, 31), dt.date(2022, 8, 1))
    assert census.rolled
