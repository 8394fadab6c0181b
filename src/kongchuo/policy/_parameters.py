"""Dated, cited parameters and their histories (带生效日期的政策参数).

A :class:`Parameter` is one value with its unit, description, basis and the date
from which it applies, in the shape of OpenFisca's dated parameters. A
:class:`ParameterHistory` holds the values a parameter has had and answers "which
value was in force on date D"; it raises :class:`ParameterNotInForceError` when none
was, instead of falling back on a neighbour.

Part of the policy layer of the design (docs/design.md).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from typing import Any, Generic, TypeVar

import attrs

from kongchuo._core.args import require_date, require_items
from kongchuo._core.errors import KongchuoError, Problem, ValidationError, quote
from kongchuo._core.guard import friendly_init

__all__ = ["Parameter", "ParameterHistory", "ParameterNotInForceError"]

T = TypeVar("T")


class ParameterNotInForceError(KongchuoError, LookupError):
    """No value of a parameter was in force on the date asked (参数在该日期未生效).

    Attributes:
        parameter: The parameter's name.
        on: The date asked about.
        first: The earliest date from which the parameter has a value.
        note: What the caller adds (English, Chinese), such as the first school
            year a computation can cover; ``None`` for a bare look-up.

    Example:
        >>> from datetime import date
        >>> from kongchuo.policy import FEICHENG
        >>> FEICHENG.monthly_report_day.at(date(2010, 1, 1))
        Traceback (most recent call last):
        ...
        kongchuo.policy.ParameterNotInForceError: parameter 'monthly_report_day' has no value
        in force on 2010-01-01; its first value applies from 2019-01-01
        (参数 monthly_report_day 在 2010-01-01 没有生效的值；最早的值自 2019-01-01 起适用)
    """

    def __init__(
        self,
        parameter: str,
        on: dt.date,
        first: dt.date,
        note: tuple[str, str] | None = None,
    ) -> None:
        """Build the error for ``parameter`` asked about on ``on``, with an optional note."""
        self.parameter = parameter
        self.on = on
        self.first = first
        self.note = note
        en, zh = ("", "") if note is None else (f". {note[0]}", f"。{note[1]}")
        super().__init__(
            f"parameter {quote(parameter)} has no value in force on {on.isoformat()}; "
            f"its first value applies from {first.isoformat()}{en} "
            f"(参数 {quote(parameter, bare=True)} 在 {on.isoformat()} 没有生效的值；"
            f"最早的值自 {first.isoformat()} 起适用{zh})"
        )

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle by the constructor's arguments."""
        return (type(self), (self.parameter, self.on, self.first, self.note))


def _basis(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, Iterable) or not all(isinstance(x, str) for x in value):
        raise ValidationError(
            "parameter.basis",
            "basis must be a citation or a sequence of citations (text)",
            "basis 应为依据文本或依据文本的序列",
            path="$.basis",
        )
    return tuple(value)


def _check_date(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:  # noqa: ANN401
    require_date(value, f"$.{attribute.name}")


def _check_text(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:  # noqa: ANN401
    if not isinstance(value, str):
        raise ValidationError(
            "type",
            f"{attribute.name} must be text",
            f"{attribute.name} 应为文本",
            path=f"$.{attribute.name}",
        )


@friendly_init
@attrs.frozen(kw_only=True)
class Parameter(Generic[T]):
    """One value of a policy parameter, with its unit, description and basis (政策参数值).

    Attributes:
        value: The value itself (an int, a :class:`~kongchuo.policy.MonthDay`,
            a :class:`~kongchuo.policy.Threshold` ...); ``None`` where the policy sets
            no value on purpose (the national monthly report has no fixed day).
        unit: The unit, in words (``"years"``, ``"day of month"``).
        description: What the value means and, where the text is ambiguous, how it is
            read.
        basis: The clause ids, law articles or local documents it rests on.
        effective_from: The first day on which it applies.

    Example:
        >>> from datetime import date
        >>> p = Parameter(
        ...     value=5,
        ...     unit="day of month",
        ...     description="每月5日前",
        ...     basis=("FC-2.5",),
        ...     effective_from=date(2019, 1, 1),
        ... )
        >>> p.value, p.basis
        (5, ('FC-2.5',))
    """

    value: T
    unit: str = attrs.field(validator=_check_text)
    description: str = attrs.field(validator=_check_text)
    basis: tuple[str, ...] = attrs.field(converter=_basis)
    effective_from: dt.date = attrs.field(validator=_check_date)


def checked_parameter(
    value: T, unit: str, description: str, basis: tuple[str, ...], effective_from: dt.date
) -> Parameter[T]:
    """A :class:`Parameter` of fields a loader has already checked as its validators do.

    The policy loader reads each field more strictly than the validators check it
    (non-empty text, a non-empty tuple of citations, a :class:`datetime.date`), so
    running them again was half the time an entry of a document took. The result
    equals ``Parameter(...)`` of the same fields (a test holds it, and that the
    fields are these).
    """
    new: Parameter[T] = object.__new__(Parameter)
    setattr_ = object.__setattr__
    setattr_(new, "value", value)
    setattr_(new, "unit", unit)
    setattr_(new, "description", description)
    setattr_(new, "basis", basis)
    setattr_(new, "effective_from", effective_from)
    return new


def _sorted_values(values: Iterable[Parameter[T]]) -> tuple[Parameter[T], ...]:
    found: tuple[Parameter[T], ...] = require_items(values, Parameter, "$.values")
    return tuple(sorted(found, key=lambda p: p.effective_from))


@friendly_init
@attrs.frozen(kw_only=True)
class ParameterHistory(Generic[T]):
    """The values a parameter has had, each from its own date (参数沿革).

    Attributes:
        name: The parameter's name, as in :class:`~kongchuo.policy.Policy`.
        values: The values, sorted by :attr:`Parameter.effective_from`; at least one,
            no two from the same day. Each applies until the next one starts.

    Example:
        >>> from datetime import date
        >>> h = ParameterHistory(
        ...     name="report_day",
        ...     values=[
        ...         Parameter(
        ...             value=5,
        ...             unit="day",
        ...             description="old",
        ...             basis=(),
        ...             effective_from=date(2019, 1, 1),
        ...         ),
        ...         Parameter(
        ...             value=10,
        ...             unit="day",
        ...             description="new",
        ...             basis=(),
        ...             effective_from=date(2025, 1, 1),
        ...         ),
        ...     ],
        ... )
        >>> h.value_at(date(2024, 12, 31)), h.value_at(date(2025, 1, 1))
        (5, 10)
    """

    name: str = attrs.field(validator=_check_text)
    values: tuple[Parameter[T], ...] = attrs.field(converter=_sorted_values)
    _starts: tuple[dt.date, ...] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        """Check the values and index their start dates."""
        if not self.values:
            raise ValidationError(
                "parameter.empty",
                f"parameter {quote(self.name)} needs at least one value",
                f"参数 {quote(self.name, bare=True)} 至少需要一个值",
                path="$.values",
            )
        starts = tuple(p.effective_from for p in self.values)
        problems = [
            Problem(
                code="parameter.duplicate_date",
                path=f"$.values[{index}].effective_from",
                message=f"parameter {quote(self.name)} has two values from {starts[index]}",
                message_zh=f"参数 {quote(self.name, bare=True)} 在 {starts[index]} 有两个值",
            )
            for index in range(1, len(starts))
            if starts[index] == starts[index - 1]
        ]
        if problems:
            raise ValidationError.of(problems)
        object.__setattr__(self, "_starts", starts)

    @classmethod
    def single(
        cls,
        name: str,
        value: T,
        *,
        unit: str,
        description: str,
        basis: Iterable[str],
        effective_from: dt.date,
    ) -> ParameterHistory[T]:
        """Build a history with one value.

        Example:
            >>> from datetime import date
            >>> ParameterHistory.single(
            ...     "x", 1, unit="", description="", basis=(), effective_from=date(2020, 1, 1)
            ... ).value_at(date(2030, 1, 1))
            1
        """
        return cls(
            name=name,
            values=(
                Parameter(
                    value=value,
                    unit=unit,
                    description=description,
                    basis=basis,  # the converter checks and makes it a tuple
                    effective_from=effective_from,
                ),
            ),
        )

    def at(self, on: dt.date) -> Parameter[T]:
        """The value in force on ``on``, with its unit, description and basis.

        Raises:
            ParameterNotInForceError: If ``on`` is before the first value applies.
            ValidationError: If ``on`` is not a date.
        """
        on = require_date(on, "on")
        index = bisect.bisect_right(self._starts, on) - 1
        if index < 0:
            raise ParameterNotInForceError(self.name, on, self._starts[0])
        return self.values[index]

    def value_at(self, on: dt.date) -> T:
        """Only the value in force on ``on``; see :meth:`at`."""
        return self.at(on).value

    @property
    def latest(self) -> Parameter[T]:
        """The value with the latest start date (not "today's": no clock is read)."""
        return self.values[-1]

    def with_value(
        self,
        value: T,
        *,
        effective_from: dt.date,
        description: str,
        basis: Iterable[str],
        unit: str | None = None,
    ) -> ParameterHistory[T]:
        """Return a new history with a value from ``effective_from`` on.

        A value from the same day as an existing one replaces it. The unit defaults
        to the latest value's.

        Example:
            >>> from datetime import date
            >>> from kongchuo.policy import FEICHENG
            >>> h = FEICHENG.monthly_report_day.with_value(
            ...     10,
            ...     effective_from=date(2027, 1, 1),
            ...     description="每月10日前",
            ...     basis=("某县通知",),
            ... )
            >>> h.value_at(date(2026, 12, 31)), h.value_at(date(2027, 1, 1))
            (5, 10)
        """
        start = require_date(effective_from, "effective_from")
        added = Parameter(
            value=value,
            unit=self.latest.unit if unit is None else unit,
            description=description,
            basis=tuple(basis),
            effective_from=start,
        )
        kept = [p for p in self.values if p.effective_from != start]
        return ParameterHistory(name=self.name, values=(*kept, added))
