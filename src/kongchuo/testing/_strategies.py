"""The strategies behind :mod:`kongchuo.testing`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from functools import cache
from typing import Any, Final

from hypothesis import strategies as st
from stdnum.cn import ric

from kongchuo import regions
from kongchuo._core.errors import ValidationError, type_name
from kongchuo._core.guard import renamed
from kongchuo._identity.numbers import ResidentId, StudentNumber, StudentNumberKind

__all__ = ["resident_ids", "student_numbers"]

DEFAULT_MIN_BIRTH = dt.date(1990, 1, 1)
DEFAULT_MAX_BIRTH = dt.date(2025, 12, 31)


def argument_error(name: str, problem_en: str, problem_zh: str) -> ValidationError:
    return ValidationError(
        "testing.argument",
        f"{name}: {problem_en}",
        f"{name}：{problem_zh}",
        path=f"$.{name}",
    )


def check_date(name: str, value: object) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise argument_error(
            name,
            f"must be a datetime.date, not {type_name(value)}",
            f"必须是 datetime.date，而不是 {type_name(value)}",
        )
    if not 1900 <= value.year <= 2099:
        raise argument_error(name, "must lie in 1900-2099", "必须在 1900—2099 年之间")
    return value


def date_bounds(min_value: object, max_value: object) -> tuple[dt.date, dt.date]:
    """The bounds ``min_value`` and ``max_value`` of a strategy, checked and in order."""
    low = check_date("min_value", min_value)
    high = check_date("max_value", max_value)
    if low > high:
        raise argument_error("min_value", "must not be after max_value", "不能晚于 max_value")
    return low, high


MOST_CHOICES: Final = 1000
"""The most items a collection argument of a strategy may hold (an endless one is refused)."""


def choices(name: str, value: object, menu: Collection[Any] | None = None) -> tuple[Any, ...]:
    """The distinct items of a collection argument, read once, each of them in ``menu``.

    The one check of the "which kinds, statuses, problems or codes to draw from"
    arguments (an enum member may be given by its value): a str, a non-iterable,
    an empty collection, more than :data:`MOST_CHOICES` items (``range(10**12)``),
    an unhashable item or one not in ``menu`` is ``testing.argument`` at
    ``$.<name>``.
    """
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise argument_error(
            name,
            f"must be a collection, not {type_name(value)}",
            f"必须是集合，而不是 {type_name(value)}",
        )
    items: list[object] = []
    for item in value:
        if len(items) == MOST_CHOICES:
            raise argument_error(
                name, f"must hold at most {MOST_CHOICES} items", f"至多包含 {MOST_CHOICES} 项"
            )
        items.append(item)
    by_item = {m: m for m in menu} if menu is not None else None
    try:
        chosen = tuple(dict.fromkeys(items))
    except TypeError:  # an unhashable item is no member of any menu
        chosen = ()
    if not chosen or (by_item is not None and any(item not in by_item for item in chosen)):
        known = "" if menu is None else ": " + ", ".join(str(getattr(m, "value", m)) for m in menu)
        known_zh = "" if menu is None else "：" + "、".join(_shown_zh(m) for m in menu)
        raise argument_error(
            name,
            f"must be non-empty and hold only valid items{known}",
            f"必须非空且只含有效项{known_zh}",
        )
    # An enum's value names its member ("dropout" is CaseKind.DROPOUT): draw members.
    return chosen if by_item is None else tuple(dict.fromkeys(by_item[i] for i in chosen))


def _shown_zh(member: object) -> str:
    """A choice for a Chinese message: an enum's value with its Chinese label."""
    label = getattr(member, "label_zh", None)
    value = str(getattr(member, "value", member))
    return value if label is None else f"{value}（{label}）"


@cache
def _county_codes(year: int, only: tuple[str, ...] | None) -> tuple[str, ...]:
    """County-level codes valid in ``year`` (not the province or prefecture rows)."""
    table = regions._table()  # noqa: SLF001 - the same package's data
    codes = only if only is not None else tuple(table)
    return tuple(
        code
        for code in codes
        if not code.endswith("00") and any(r.valid_in(year) for r in table.get(code, ()))
    )


def _check_regions(value: Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    codes = choices("region_codes", value)
    for code in codes:
        regions.history(code)  # raises for a malformed code
    return codes


@renamed(min_birth="min_value", max_birth="max_value")
def resident_ids(
    *,
    min_value: dt.date = DEFAULT_MIN_BIRTH,
    max_value: dt.date = DEFAULT_MAX_BIRTH,
    region_codes: Sequence[str] | None = None,
) -> st.SearchStrategy[ResidentId]:
    """Valid resident ID numbers born between ``min_value`` and ``max_value`` inclusive.

    Region codes are drawn from those that existed in the birth year (so every value
    passes ``ResidentId.parse(..., strict_region=True)``), or from ``region_codes``.

    Args:
        min_value: The earliest birth date (1900 or later).
        max_value: The latest birth date (2099 or earlier).
        region_codes: Restrict regions to these 6-digit codes.

    Raises:
        ValidationError: ``testing.argument`` naming the bad argument.
    """
    low, high = date_bounds(min_value, max_value)
    only = _check_regions(region_codes)

    @st.composite
    def build(draw: st.DrawFn) -> ResidentId:
        birth = draw(st.dates(min_value=low, max_value=high))
        codes = _county_codes(birth.year, only)
        if not codes:
            raise argument_error(
                "region_codes",
                f"no code among them was valid in {birth.year}",
                f"其中没有 {birth.year} 年有效的代码",
            )
        code = draw(st.sampled_from(codes))
        sequence = draw(st.integers(min_value=0, max_value=999))
        body = f"{code}{birth:%Y%m%d}{sequence:03d}"
        return ResidentId.parse(body + ric.calc_check_digit(body + "0"))

    return build()


@renamed(min_birth="min_value", max_birth="max_value")
def student_numbers(
    *,
    kinds: Iterable[StudentNumberKind | str] = tuple(StudentNumberKind),
    min_value: dt.date = DEFAULT_MIN_BIRTH,
    max_value: dt.date = DEFAULT_MAX_BIRTH,
) -> st.SearchStrategy[StudentNumber]:
    """Valid student numbers of the given kinds (学籍号).

    G numbers hold a valid resident ID; L and J numbers have ID-number form, with a
    valid date and check character so that they look like the numbers the national
    system issues.

    Args:
        kinds: Draw only these kinds (default: all).
        min_value: The earliest birth date the number holds.
        max_value: The latest birth date the number holds.

    Raises:
        ValidationError: ``testing.argument`` naming the bad argument.
    """
    chosen = choices("kinds", kinds, tuple(StudentNumberKind))
    ids = resident_ids(min_value=min_value, max_value=max_value)
    return st.builds(
        lambda kind, rid: StudentNumber.parse(kind.value + rid.value),
        st.sampled_from(chosen),
        ids,
    )
