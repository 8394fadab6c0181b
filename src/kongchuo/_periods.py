"""Periods by 民法典 第二百条 to 第二百零四条 (期间计算).

:func:`period_end` gives the last day of a period counted from a start day: in
days, months or years (the start day not counted; a month or year period ends on
the corresponding day, or the month's last day where there is none), or in working
days. With a :class:`~kongchuo.WorkCalendar`, a last day that is a rest day moves
to the next working day.

Part of the time layer of ``DESIGN.md``.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from typing import Final

from kongchuo._args import require_date, require_int
from kongchuo._calendar import WorkCalendar, _require_calendar, advance_workdays, roll_forward
from kongchuo._errors import ValidationError

__all__ = ["add_months", "period_end"]

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
        calendar = _require_calendar(calendar)
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
    if workdays:
        if calendar is None:
            raise ValidationError(
                "period.calendar",
                "a period in working days needs a calendar",
                "以工作日计算的期间需要工作日历",
                path="calendar",
            )
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
        end = add_months(start, years * 12 + months)
    if calendar is None:
        return end
    return roll_forward(end, calendar=calendar)
