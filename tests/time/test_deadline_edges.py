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
from kongchuo.policy import FEICHENG, NATIONAL, ParameterNotInForceError

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
    _, where, message, message_zh = _problem(lambda: attrs.evolve(ITEMS[0], **{field: 5}))
    assert (where, message, message_zh) == ("$", OBLIGATION_EN, OBLIGATION_ZH)


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
    assert str(info.value).endswith(
        "配置 feicheng 不能列出 2018 学年的年度工作事项，自 2019 学年起才能列出)"
    )
    assert "it lists them from school year 2019 on" in str(info.value)
    assert obligations(2019, policy=FEICHENG, terms=())
