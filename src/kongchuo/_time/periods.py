"""Periods by 民法典 第二百条 to 第二百零四条 (期间计算).

:func:`period_end` gives the last day of a period counted from a start day: in
days, months or years (the start day not counted; a month or year period ends on
the corresponding day, or the month's last day where there is none), or in working
days. With a :class:`~kongchuo.WorkCalendar`, a last day that is a rest day moves
to the next working day.

Part of the time layer of the design (docs/design.md).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from typing import Final

from kongchuo._core.args import require_date, require_int
from kongchuo._core.enums import LabelledEnum
from kongchuo._core.errors import ValidationError, type_name
from kongchuo._time.calendars import (
    SchoolCalendar,
    WorkCalendar,
    advance_workdays,
    checked_workday,
    require_calendar,
    roll_forward,
)
from kongchuo.policy._values import Span, TimeUnit

__all__ = ["SchoolDays", "add_months", "period_end", "span_end"]

_ONE_DAY: Final = dt.timedelta(days=1)
_WORKING_UNITS: Final = frozenset({TimeUnit.WORKDAY, TimeUnit.SCHOOL_DAY})
_MAX_COUNT: Final = 100_000


def add_months(day: dt.date, months: int) -> dt.date:
    """The corresponding day ``months`` later, or that month's last day (对应日).

    Example:
        >>> from datetime import date
        >>> add_months(date(2025, 1, 31), 1)
        datetime.date(2025, 2, 28)
        >>> add_months(date(2024, 2, 29), 12)
        datetime.date(2025, 2, 28)
    """
    day = require_date(day, "day")
    months = require_int(months, "months", min_value=-_MAX_COUNT, max_value=_MAX_COUNT)
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise ValidationError(
            "period.range",
            "the period ends outside the years 1–9999",
            "期间的届满日超出公元 1–9999 年",
            path="months",
        )
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def period_end(
    start: dt.date,
    *,
    days: int = 0,
    months: int = 0,
    years: int = 0,
    workdays: int = 0,
    calendar: WorkCalendar | None = None,
) -> dt.date:
    """The last day of a period that starts on ``start`` (期间届满日).

    - The start day is not counted: 3 days from 1 March end on 4 March.
    - Months and years end on the corresponding day, or on the month's last day
      where there is none: 1 month from 31 January ends on 28 (or 29) February.
      ``years`` and ``months`` may be given together (``years=1, months=6``).
    - ``workdays`` counts working days after ``start`` and needs a ``calendar``;
      it cannot be mixed with the others.
    - With a ``calendar``, a last day that is a rest day (a weekend day or a
      statutory holiday, but not a 调休 make-up working day) moves to the next
      working day. Without one, no day moves.

    Args:
        start: The day the period is counted from (not itself counted).
        days: Calendar days.
        months: Months.
        years: Years.
        workdays: Working days, by ``calendar``.
        calendar: The working-day calendar; required for ``workdays``.

    Returns:
        The last day of the period; it ends at 24:00 of that day (第二百零三条).

    Raises:
        ValidationError: For a non-date start, negative or non-integer counts, an
            empty period, ``days`` mixed with months or years (the order would be
            ambiguous), ``workdays`` mixed with anything, or ``workdays`` without a
            calendar.
        kongchuo.CalendarHorizonError: If the calendar has no data for a day it
            must judge.

    References:
        民法典 第二百零一条 (start day not counted), 第二百零二条 (corresponding day
        or month's last day), 第二百零三条 (a last day on a rest day moves to the
        next day after it; 24:00), 第二百零四条 (other laws may differ);
        行政处罚法 第八十五条, 行政许可法 第八十二条 (short periods in working days).

    Limitations:
        Periods of hours are not modelled. Applying these articles to administrative
        deadlines is an analogy; a statute that says otherwise prevails
        (第二百零四条). Rolling errs late, in favour of the person who must act.

    Example:
        >>> from datetime import date
        >>> period_end(date(2025, 1, 31), months=1)
        datetime.date(2025, 2, 28)
        >>> from kongchuo import ChinaCalendar
        >>> period_end(date(2025, 9, 28), days=3, calendar=ChinaCalendar())
        datetime.date(2025, 10, 9)
        >>> period_end(date(2025, 9, 30), workdays=1, calendar=ChinaCalendar())
        datetime.date(2025, 10, 9)
    """
    start = require_date(start, "start")
    days = require_int(days, "days", min_value=0, max_value=_MAX_COUNT)
    months = require_int(months, "months", min_value=0, max_value=_MAX_COUNT)
    years = require_int(years, "years", min_value=0, max_value=_MAX_COUNT)
    workdays = require_int(workdays, "workdays", min_value=0, max_value=_MAX_COUNT)
    if calendar is not None:
        calendar = require_calendar(calendar)
    if not (days or months or years or workdays):
        raise ValidationError(
            "period.empty",
            "the period is empty: give days, months, years or workdays",
            "期间为空：请给出日、月、年或工作日数",
        )
    if workdays and (days or months or years):
        raise ValidationError(
            "period.mixed",
            "workdays cannot be mixed with days, months or years",
            "工作日不能与日、月、年混用",
            path="workdays",
        )
    if days and (months or years):
        raise ValidationError(
            "period.mixed",
            "days cannot be mixed with months or years: the order is ambiguous",
            "日不能与月、年混用：计算顺序不明确",
            path="days",
        )
    if workdays and calendar is None:
        raise ValidationError(
            "period.calendar",
            "a period in working days needs a calendar",
            "以工作日计算的期间需要工作日历",
            path="calendar",
        )
    return _period_end(
        start, days=days, months=months + 12 * years, workdays=workdays, calendar=calendar
    )


def _period_end(
    start: dt.date, *, days: int, months: int, workdays: int, calendar: WorkCalendar | None
) -> dt.date:
    """:func:`period_end` on checked arguments (one of them non-zero; a calendar for workdays)."""
    if workdays:
        assert calendar is not None  # noqa: S101 - checked by the callers
        return advance_workdays(calendar, start, workdays)
    if days:
        try:
            end = start + dt.timedelta(days=days)
        except OverflowError:
            raise ValidationError(
                "period.range",
                "the period ends outside the years 1–9999",
                "期间的届满日超出公元 1–9999 年",
                path="days",
            ) from None
    else:
        end = add_months(start, months)
    if calendar is None:
        return end
    return roll_forward(end, calendar=calendar)


class SchoolDays(LabelledEnum):
    """How a span in school days (在校日) is counted (在校日的计法).

    A rule that takes a :class:`~kongchuo.policy.Span` says which reading it uses;
    :func:`span_end` has no default.

    Example:
        >>> SchoolDays.TERMS.label_zh
        '校历学期内的工作日'
    """

    WORKDAYS = "workdays", "按工作日计"
    """The calendar's working days: right for a window that lies inside one term
    (such as the census window after term start); across a holiday it counts the
    holiday's working days too, so it errs early."""
    TERMS = "terms", "校历学期内的工作日"
    """Working days within the terms of a :class:`~kongchuo.SchoolCalendar`: the
    days school is actually held."""
    REFUSED = "refused", "不以在校日计"
    """Not counted: a legal period (a correction order's time limit) is not reckoned
    in school days, so such a span is bad input."""


_UNIT_TEXT: Final = {
    TimeUnit.DAY: ("day", "days", "天"),
    TimeUnit.WORKDAY: ("working day", "working days", "个工作日"),
    TimeUnit.SCHOOL_DAY: ("school day", "school days", "个在校日"),
    TimeUnit.WEEK: ("week", "weeks", "周"),
    TimeUnit.MONTH: ("month", "months", "个月"),
}


def span_text(span: Span) -> tuple[str, str]:
    """A span in words, English and Chinese, for messages: ``("5 weeks", "5周")``.

    Example:
        >>> from kongchuo.policy import Span, TimeUnit
        >>> span_text(Span(count=1, unit=TimeUnit.MONTH))
        ('1 month', '1个月')
    """
    one, many, zh = _UNIT_TEXT[span.unit]
    return f"{span.count} {one if span.count == 1 else many}", f"{span.count}{zh}"


def _span_error(code: str, en: str, zh: str, path: str) -> ValidationError:
    return ValidationError(code, en, zh, path=path)


def _school_days_after(
    start: dt.date, count: int, *, terms: SchoolCalendar, calendar: WorkCalendar
) -> dt.date:
    """The ``count``-th school day of ``terms`` after ``start``."""
    last_day = max(term.end for term in terms.terms) if terms.terms else start
    day = start
    left = count
    while left:
        if day >= last_day:
            raise _span_error(
                "span.horizon",
                f"the school calendar of {terms.school_year} ends on "
                f"{last_day.isoformat()} before {count} school days have passed",
                f"{terms.school_year} 学年校历在 {last_day.isoformat()} 结束，"
                f"不足 {count} 个在校日",
                "terms",
            )
        day += _ONE_DAY
        if terms.term_on(day) is not None and checked_workday(calendar, day):
            left -= 1
    return day


def span_end(  # noqa: C901 - one branch per unit and reading
    start: dt.date,
    span: Span,
    *,
    school_days: SchoolDays,
    calendar: WorkCalendar | None = None,
    terms: SchoolCalendar | None = None,
    roll: bool = True,
) -> dt.date:
    """The last day of ``span`` counted from ``start`` (时长届满日): one reading for every rule.

    - ``DAY``, ``WEEK`` (7 days) and ``MONTH`` count by :func:`period_end`: the
      start day is not counted, a month ends on the corresponding day or the
      month's last day; with a ``calendar`` (and ``roll``), a last day on a rest
      day moves to the next working day (民法典 第二百零三条).
    - ``WORKDAY`` counts the ``calendar``'s working days after ``start``.
    - ``SCHOOL_DAY`` is read as ``school_days`` says: the calendar's working days
      (:attr:`SchoolDays.WORKDAYS`), working days within the terms of ``terms``
      (:attr:`SchoolDays.TERMS`), or refused (:attr:`SchoolDays.REFUSED`).
    - A span of 0 ends on ``start`` in every unit.

    A day ``d`` is within the span when ``d <= span_end(start, span, ...)``: "at
    least every 30 days" is met by an attempt on the 30th day after the last one.

    Args:
        start: The day the span is counted from (not itself counted).
        span: The policy's span.
        school_days: How a span in school days is counted; no default, each rule
            says which it uses.
        calendar: The working-day calendar; required for working and school days.
        terms: The school calendar, for :attr:`SchoolDays.TERMS`.
        roll: Whether a calendar-day end on a rest day moves to the next working
            day (only with a ``calendar``).

    Returns:
        The last day of the span.

    Raises:
        ValidationError: For a non-date start or non-Span span (``type``), a
            unit that needs a calendar without one (``span.calendar``), school days
            under :attr:`SchoolDays.REFUSED` (``span.unit``) or under
            :attr:`SchoolDays.TERMS` without ``terms`` (``span.terms``) or past their
            end (``span.horizon``), an end outside the years 1–9999.
        kongchuo.CalendarHorizonError: If the calendar has no data for a day it
            must judge.

    References:
        民法典 第二百零一条 to 第二百零三条 (through :func:`period_end`);
        行政处罚法 第八十五条 (working days).

    Limitations:
        Hours are not modelled. Rolling errs late, in favour of the person who
        must act; :attr:`SchoolDays.WORKDAYS` across a holiday errs early.

    Example:
        >>> from datetime import date
        >>> from kongchuo import ChinaCalendar
        >>> from kongchuo.policy import Span, TimeUnit
        >>> month = Span(count=1, unit=TimeUnit.MONTH)
        >>> span_end(date(2025, 1, 31), month, school_days=SchoolDays.REFUSED)
        datetime.date(2025, 2, 28)
        >>> five_weeks = Span(count=5, unit=TimeUnit.WEEK)
        >>> span_end(date(2025, 9, 1), five_weeks, school_days=SchoolDays.REFUSED)
        datetime.date(2025, 10, 6)
        >>> span_end(
        ...     date(2025, 9, 30),
        ...     Span(count=1, unit=TimeUnit.SCHOOL_DAY),
        ...     school_days=SchoolDays.WORKDAYS,
        ...     calendar=ChinaCalendar(),
        ... )
        datetime.date(2025, 10, 9)
    """
    start = require_date(start, "start")
    if not isinstance(span, Span):
        raise _span_error(
            "type",
            f"expected a Span, got {type_name(span)}",
            f"应为 Span 时长，实为 {type_name(span)}",
            "span",
        )
    if not isinstance(school_days, SchoolDays):
        raise _span_error(
            "span.school_days",
            f"school_days must be a SchoolDays reading, got {type_name(school_days)}",
            f"school_days 应为 SchoolDays 计法，实为 {type_name(school_days)}",
            "school_days",
        )
    if calendar is not None:
        calendar = require_calendar(calendar)
    if terms is not None and not isinstance(terms, SchoolCalendar):
        raise _span_error(
            "type",
            f"terms must be a SchoolCalendar, got {type_name(terms)}",
            f"terms 应为 SchoolCalendar 校历，实为 {type_name(terms)}",
            "terms",
        )
    unit = span.unit
    if unit is TimeUnit.SCHOOL_DAY and school_days is SchoolDays.REFUSED:
        raise _span_error(
            "span.unit",
            "this period is not counted in school days",
            "此期限不以在校日计算",
            "span.unit",
        )
    if unit in _WORKING_UNITS and calendar is None:
        raise _span_error(
            "span.calendar",
            f"a span of {span} needs a working-day calendar",
            f"以{unit.label_zh}计的时长需要工作日历",
            "calendar",
        )
    if unit is TimeUnit.SCHOOL_DAY and school_days is SchoolDays.TERMS and terms is None:
        raise _span_error(
            "span.terms",
            f"a span of {span} read within terms needs a school calendar",
            f"按校历学期计算{unit.label_zh}需要校历",
            "terms",
        )
    count = span.count
    if count == 0:
        return start
    if unit is TimeUnit.SCHOOL_DAY and school_days is SchoolDays.TERMS:
        assert terms is not None  # noqa: S101 - checked above
        assert calendar is not None  # noqa: S101 - checked above
        return _school_days_after(start, count, terms=terms, calendar=calendar)
    # The span's count is already bounded (Span checks it), so the checked
    # arguments go straight to the one computation behind period_end.
    if unit in _WORKING_UNITS:
        return _period_end(start, days=0, months=0, workdays=count, calendar=calendar)
    rolling = calendar if roll else None
    if unit is TimeUnit.MONTH:
        return _period_end(start, days=0, months=count, workdays=0, calendar=rolling)
    days = count * (7 if unit is TimeUnit.WEEK else 1)
    return _period_end(start, days=days, months=0, workdays=0, calendar=rolling)
