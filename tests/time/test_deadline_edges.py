"""Duties and their calendar file at the edges: refusals (code, path, both messages), bounds."""

import datetime as dt

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
from kongchuo.policy import FEICHENG

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


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            lambda: to_ics(ITEMS, stamp=dt.datetime(2025, 8, 1)),  # noqa: DTZ001 - the point
            (
                "ics.stamp",
                "stamp",
                "stamp must be an aware datetime, got datetime",
                "stamp 应为带时区的 datetime，实为 datetime",
            ),
        ),
        (
            lambda: to_ics(ITEMS, stamp=STAMP, name=5),
            ("ics.name", "name", "name must be text", "name 应为文本"),
        ),
        (
            lambda: to_ics(5, stamp=STAMP),
            (
                "ics.items",
                "items",
                "items must be an iterable of Obligation, got int",
                "items 应为 Obligation 的序列，实为 int",
            ),
        ),
        (
            lambda: to_ics([ITEMS[0], 5], stamp=STAMP),
            (
                "ics.items",
                "items[1]",
                "expected an Obligation, got int",
                "应为 Obligation，实为 int",
            ),
        ),
        (
            lambda: obligations(2025, policy=FEICHENG, terms=None),
            (
                "obligations.terms",
                "terms",
                "terms must be a SchoolCalendar or an iterable of Term, got NoneType",
                "terms 应为 SchoolCalendar 或 Term 的序列，实为 NoneType",
            ),
        ),
        (
            lambda: obligations(2025, policy=FEICHENG, terms=[TERMS.terms[0], 1]),
            ("obligations.terms", "terms[1]", "expected a Term, got int", "应为 Term，实为 int"),
        ),
        (
            lambda: attrs.evolve(ITEMS[0], due="2025-09-01"),
            (
                "obligation.type",
                "$",
                (
                    "an Obligation needs text code and titles, dates, a tuple of Party and a "
                    "tuple of citations"
                ),
                "Obligation 需要文本的代码和标题、日期、Party 元组和依据元组",
            ),
        ),
        (
            lambda: attrs.evolve(ITEMS[0], title=5),
            (
                "obligation.type",
                "$",
                (
                    "an Obligation needs text code and titles, dates, a tuple of Party and a "
                    "tuple of citations"
                ),
                "Obligation 需要文本的代码和标题、日期、Party 元组和依据元组",
            ),
        ),
    ],
)
def test_refusals(call, expected):
    """Each refusal has its code, path and exact messages in both languages."""
    assert _problem(call) == expected


def test_an_obligation_checks_its_opening_day():
    """An opening day that is not a date is refused like the other dates."""
    assert _problem(lambda: attrs.evolve(ITEMS[0], opens="2025-07-01"))[0] == "obligation.type"
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
