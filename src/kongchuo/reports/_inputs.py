"""The report month argument (报表月份检查).

Reports take a year and a month; both problems are named at once. The other
argument checks of the reports (iterables of models, dates, flags) are the shared
ones in ``kongchuo._core.args``. Nothing here reads the clock.

This module belongs to the batch layer of the design (docs/design.md).
"""

from __future__ import annotations

from collections.abc import Mapping

from kongchuo import ValidationError
from kongchuo._core.errors import problem

__all__ = ["counts_of", "month_of"]


def month_of(year: object, month: object) -> tuple[int, int]:
    """A checked (year, month) pair; both problems at once if both are wrong."""
    problems = []
    if type(year) is not int or not 1900 <= year <= 9998:
        problems.append(
            problem("report.year", "expected a year 1900-9998", "应为 1900—9998 之间的年份", "year")
        )
    if type(month) is not int or not 1 <= month <= 12:
        problems.append(
            problem("report.month", "expected a month 1-12", "应为 1—12 之间的月份", "month")
        )
    if problems:
        raise ValidationError.of(problems)
    return year, month  # type: ignore[return-value]


def counts_of(value: object, name: str, *, optional: bool = False) -> Mapping[int, int]:
    """A table of year → count (``type``): integer keys, counts of 0 or more."""
    if value is None and optional:
        return {}
    if not isinstance(value, Mapping) or not all(
        type(k) is int and type(v) is int and v >= 0 for k, v in value.items()
    ):
        raise ValidationError(
            "type",
            "expected a table of year to count (integers, counts of 0 or more)",
            "应为年份到人数的表（整数，人数不小于 0）",
            path=name,
        )
    return value
