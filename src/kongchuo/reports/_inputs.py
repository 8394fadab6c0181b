"""Checks of the inputs every report function takes (报表输入检查).

Reports take iterables of models and cases; a wrong item is reported with the name
of the argument and its index, all wrong items of one argument in one pass, as a
:class:`kongchuo.ValidationError`. Nothing here reads the clock.

This module belongs to the batch layer of the design (docs/design.md) and imports kongchuo only
through its public modules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final, TypeVar

from kongchuo import Problem, ValidationError

__all__ = ["items_of", "month_of", "require_day", "require_flag"]

T = TypeVar("T")

_MAX_PROBLEMS: Final = 20


def _kind(value: object) -> str:
    return type(value).__name__


def items_of(value: object, cls: type[T], name: str) -> tuple[T, ...]:
    """``value`` as a tuple of ``cls``, or one error listing every wrong item.

    Example:
        >>> items_of([1, 2], int, "counts")
        (1, 2)
        >>> items_of([1, "x"], int, "counts")
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: counts[1]: expected int, got str ... [report.input]
    """
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ValidationError(
            "report.input",
            f"expected an iterable of {cls.__name__}, got {_kind(value)}",
            f"应为 {cls.__name__} 的序列，实为 {_kind(value)}",
            path=name,
        )
    found = tuple(value)
    problems = [
        Problem(
            code="report.input",
            path=f"{name}[{i}]",
            message=f"expected {cls.__name__}, got {_kind(item)}",
            message_zh=f"应为 {cls.__name__}，实为 {_kind(item)}",
        )
        for i, item in enumerate(found)
        if not isinstance(item, cls)
    ]
    if problems:
        raise ValidationError.of(problems[:_MAX_PROBLEMS])
    return found


def require_day(value: object, name: str) -> dt.date:
    """``value`` if it is a date (a datetime is refused, not truncated)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise ValidationError(
        "report.date",
        f"expected a date, got {_kind(value)}",
        f"应为日期，实为 {_kind(value)}",
        path=name,
    )


def require_flag(value: object, name: str) -> bool:
    """``value`` if it is a bool."""
    if type(value) is bool:
        return value
    raise ValidationError(
        "report.flag",
        f"expected true or false, got {_kind(value)}",
        f"应为 true 或 false，实为 {_kind(value)}",
        path=name,
    )


def month_of(year: object, month: object) -> tuple[int, int]:
    """A checked (year, month) pair; both problems at once if both are wrong."""
    problems = []
    if type(year) is not int or not 1900 <= year <= 9998:
        problems.append(
            Problem(
                code="report.year",
                path="year",
                message="expected a year 1900-9998",
                message_zh="应为 1900—9998 之间的年份",
            )
        )
    if type(month) is not int or not 1 <= month <= 12:
        problems.append(
            Problem(
                code="report.month",
                path="month",
                message="expected a month 1-12",
                message_zh="应为 1—12 之间的月份",
            )
        )
    if problems:
        raise ValidationError.of(problems)
    return year, month  # type: ignore[return-value]
