"""Checks for the arguments of public functions (参数检查).

Every public function of kongchuo turns bad input into a
:class:`~kongchuo.ValidationError` that names the argument, never a bare
``TypeError`` or ``AttributeError``. These helpers hold the checks that the time and
policy layers share. The path of an argument is its name (``"birth"``); the path
of a field in a document is rooted at ``$``.

A value of the wrong type has one code wherever it is refused: ``type`` (the
message names what was expected), as a document field of the wrong type has. The
codes are listed in docs/codes.md.

This module stands beside ``_errors`` below every layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import Final, TypeVar

from kongchuo._core.errors import Problem, ValidationError, problem, quote, type_name

__all__ = [
    "require_bool",
    "require_date",
    "require_instance",
    "require_int",
    "require_items",
    "require_iterable",
    "require_path",
    "with_article",
]

MAX_ITEM_PROBLEMS: Final = 20
"""How many wrong items of one argument :func:`require_items` lists before it stops
reading (a ``range(10**12)`` of wrong items is not read to its end)."""

T = TypeVar("T")


def require_date(value: object, path: str) -> dt.date:
    """Return ``value`` if it is a :class:`datetime.date` (and not a datetime).

    A ``datetime`` is refused rather than truncated: its time and time zone would be
    dropped without a word, and a deadline reckoned from the wrong day.

    Raises:
        ValidationError: ``date.datetime`` for a datetime, ``type`` for anything
            else that is not a date.

    Example:
        >>> import datetime as dt
        >>> require_date(dt.date(2025, 9, 1), "on")
        datetime.date(2025, 9, 1)
        >>> require_date("2025-09-01", "on")
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: on: expected a date, got str (应为日期，实为 str) [type]
    """
    if type(value) is dt.date:
        return value
    if isinstance(value, dt.datetime):
        raise ValidationError(
            "date.datetime",
            "expected a date, got a datetime; pass .date() explicitly",
            "应为日期，实为带时间的 datetime；请显式传入 .date()",
            path=path,
        )
    if isinstance(value, dt.date):
        return value
    raise ValidationError(
        "type",
        f"expected a date, got {type_name(value)}",
        f"应为日期，实为 {type_name(value)}",
        path=path,
    )


def require_int(
    value: object,
    path: str,
    *,
    min_value: int | None = None,
    max_value: int | None = None,
) -> int:
    """Return ``value`` if it is an ``int`` (not a bool) within the bounds given.

    Raises:
        ValidationError: ``type`` or ``int.range``.

    Example:
        >>> require_int(3, "days", min_value=0)
        3
        >>> require_int(-1, "days", min_value=0)
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: days: must be at least 0, got -1 (不能小于 0，实为 -1) [int.range]
    """
    if type(value) is not int:
        raise ValidationError(
            "type",
            f"expected an integer, got {type_name(value)}",
            f"应为整数，实为 {type_name(value)}",
            path=path,
        )
    if min_value is not None and value < min_value:
        raise ValidationError(
            "int.range",
            f"must be at least {min_value}, got {quote(value)}",
            f"不能小于 {min_value}，实为 {quote(value)}",
            path=path,
        )
    if max_value is not None and value > max_value:
        raise ValidationError(
            "int.range",
            f"must be at most {max_value}, got {quote(value)}",
            f"不能大于 {max_value}，实为 {quote(value)}",
            path=path,
        )
    return value


def require_bool(value: object, path: str) -> bool:
    """Return ``value`` if it is a ``bool``; ``0``, ``1`` and ``"yes"`` are refused.

    Raises:
        ValidationError: ``type``.

    Example:
        >>> require_bool(True, "disabled")
        True
    """
    if type(value) is not bool:
        raise ValidationError(
            "type",
            f"expected True or False, got {type_name(value)}",
            f"应为 True 或 False，实为 {type_name(value)}",
            path=path,
        )
    return value


def with_article(name: str) -> str:
    """``name`` with its English article: "an int", "an Obligation", "a Child", "an event".

    Example:
        >>> with_article("event"), with_article("notice")
        ('an event', 'a notice')
    """
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def require_instance(
    value: object, cls: type[T], path: str, *, name_zh: str = "", optional: bool = False
) -> T:
    """Return ``value`` if it is an instance of ``cls`` (or ``None`` when ``optional``).

    Raises:
        ValidationError: ``type`` at ``path``, naming the expected and the actual type.

    Example:
        >>> require_instance("x", int, "count", name_zh="整数")
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: count: expected an int, got str ... [type]
    """
    if isinstance(value, cls) or (optional and value is None):
        return value  # type: ignore[return-value]
    expected = with_article(cls.__name__) + (" or None" if optional else "")
    label = f"{cls.__name__} {name_zh}".rstrip()
    raise ValidationError(
        "type",
        f"expected {expected}, got {type_name(value)}",
        f"应为 {label}{' 或 None' if optional else ''}，实为 {type_name(value)}",
        path=path,
    )


def require_items(value: object, cls: type[T], path: str, *, name_zh: str = "") -> tuple[T, ...]:
    """Return ``value`` as a tuple of ``cls``, or one error naming every wrong item.

    A string or bytes is refused rather than read as a sequence of characters; each
    item that is not a ``cls`` is named by its index (``children[2]``), all of them in
    one pass. ``name_zh`` is the Chinese term shown beside the class name.

    Raises:
        ValidationError: ``type`` at ``path`` for a non-iterable, at ``path[i]`` for
            each wrong item.

    Example:
        >>> require_items([1, 2], int, "counts")
        (1, 2)
        >>> require_items([1, "x"], int, "counts", name_zh="整数")
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: counts[1]: expected an int, got str (应为 int 整数，实为 str) ...
    """
    label = f"{cls.__name__} {name_zh}".rstrip()
    found: list[T] = []
    wrong: list[Problem] = []
    for i, item in enumerate(require_iterable(value, path, of=cls, name_zh=name_zh)):
        if isinstance(item, cls):
            found.append(item)
            continue
        wrong.append(
            problem(
                "type",
                f"expected {with_article(cls.__name__)}, got {type_name(item)}",
                f"应为 {label}，实为 {type_name(item)}",
                f"{path}[{i}]",
            )
        )
        if len(wrong) == MAX_ITEM_PROBLEMS:
            break  # enough said: a range of 10**12 integers is not read to its end
    if wrong:
        raise ValidationError.of(wrong)
    return tuple(found)


def require_iterable(
    value: object, path: str, *, of: type | None = None, name_zh: str = ""
) -> Iterable[object]:
    """Return ``value`` if it is an iterable other than text, for the caller to read lazily.

    The one check of "an iterable of items": :func:`require_items` starts with it and
    then checks each item. ``of`` (with its Chinese term ``name_zh``) names the items
    expected in the message.

    Raises:
        ValidationError: ``type`` for anything that cannot be iterated, or a str or
            bytes (not taken for a sequence of its characters).

    Example:
        >>> require_iterable("abc", "tags")
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: tags: expected a sequence, got str (应为序列，实为 str) [type]
    """
    if not isinstance(value, str | bytes) and isinstance(value, Iterable):
        return value
    if of is None:
        en, zh = "a sequence", "序列"
    else:
        label = f"{of.__name__} {name_zh}".rstrip()
        en, zh = f"an iterable of {of.__name__}", f" {label}{'' if name_zh else ' '}的序列"
    raise ValidationError(
        "type",
        f"expected {en}, got {type_name(value)}",
        f"应为{zh}，实为 {type_name(value)}",
        path=path,
    )


def require_choice(value: object, choices: tuple[str, ...], path: str, *, code: str) -> str:
    """Return ``value`` if it is one of ``choices`` (an option such as ``engine``).

    Raises:
        ValidationError: ``code`` at ``path``, listing the choices in both languages.

    Example:
        >>> require_choice("json", ("json", "toml"), "form", code="form.bad")
        'json'
        >>> require_choice("x", ("json", "toml"), "form", code="form.bad")
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: form: form must be 'json' or 'toml' (form 应为 ...) [form.bad]
    """
    if value in choices:  # a tuple: an unhashable value is refused too
        return value
    shown = [f"'{choice}'" for choice in choices]
    en = ", ".join(shown[:-1]) + f" or {shown[-1]}" if len(shown) > 1 else shown[0]
    zh = "、".join(shown[:-1]) + f" 或 {shown[-1]}" if len(shown) > 1 else shown[0]
    raise ValidationError(code, f"{path} must be {en}", f"{path} 应为 {zh}", path=path)


def require_path(value: object, path: str) -> str | os.PathLike[str]:
    """Return ``value`` if it names a file: a str or an :class:`os.PathLike`.

    Raises:
        ValidationError: ``type``, naming the type given.

    Example:
        >>> require_path(3, "source")
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: source: expected a path, got int (应为文件路径，实为 int) [type]
    """
    if isinstance(value, str | os.PathLike):
        return value
    raise ValidationError(
        "type",
        f"expected a path, got {type_name(value)}",
        f"应为文件路径，实为 {type_name(value)}",
        path=path,
    )
