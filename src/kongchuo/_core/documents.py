"""Reading JSON and TOML documents: the shared edge of every loader (读取文档).

Policies, holiday arrangements and school calendars are all loaded from a JSON or
TOML document. This module holds what their loaders share: parsing text, reading a
file by its suffix and reading a date, each turning a problem into a
:class:`~kongchuo.ValidationError`. A document that does not parse is
``document.syntax`` whatever it holds (a policy, a calendar, a case), and text of
the wrong type is ``type``, as everywhere (docs/codes.md).

Reading a file is I/O, so :func:`read_document` is an edge function; the rest is
pure. This module stands beside ``_errors`` below every layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any, Final

from kongchuo._core.args import require_path
from kongchuo._core.errors import Problem, ValidationError, problem, quote, type_name

__all__ = [
    "parse_document",
    "read_date",
    "read_document",
    "read_table",
    "unknown_keys",
    "unreadable",
]

_FORMATS: Final = (".toml", ".json")

MAX_DEPTH: Final = 32
"""How deeply a document may nest arrays and tables (kongchuo's own nest 6 deep)."""

MAX_INT_DIGITS: Final = 19
"""How many digits an integer in a document may have (any count, year or day fits)."""

MAX_BYTES: Final = 64 << 20
"""The largest document text read (64 MiB)."""


class _TooBigError(Exception):
    """An integer literal with more than :data:`MAX_INT_DIGITS` digits."""


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _TooBigError
    return int(text)


_INT_LIMIT: Final = 10**MAX_INT_DIGITS


def _shape_ok(data: dict[Any, Any] | list[Any]) -> bool:
    """Whether ``data`` nests no deeper than allowed and holds no huge integer.

    The walk of :func:`_shape_problem` without the paths, which only a problem
    needs: a path for every value was a third of the time a policy document took.
    """
    stack: list[tuple[dict[Any, Any] | list[Any], int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth >= MAX_DEPTH:
            return False
        for item in value.values() if isinstance(value, dict) else value:
            if isinstance(item, (dict, list)):
                stack.append((item, depth + 1))
            elif isinstance(item, int) and not -_INT_LIMIT < item < _INT_LIMIT:
                return False
    return True


def _shape_problem(data: object) -> ValidationError | None:
    """The first place where ``data`` nests too deeply or holds a huge integer.

    Walks the parsed document without recursion, so any depth is safe to check; a
    first walk without paths (:func:`_shape_ok`) clears the usual, sound document.
    """
    if isinstance(data, (dict, list)):
        if _shape_ok(data):
            return None
    elif not isinstance(data, int) or -_INT_LIMIT < data < _INT_LIMIT:
        return None
    limit = _INT_LIMIT
    stack: list[tuple[object, str, int]] = [(data, "$", 0)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth >= MAX_DEPTH:
                return ValidationError(
                    "document.depth",
                    f"the document nests deeper than {MAX_DEPTH} levels",
                    f"文档嵌套超过 {MAX_DEPTH} 层",
                    path=path,
                )
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(item, dict | list | int):
                    where = (
                        f"{path}[{key}]"
                        if isinstance(key, int)
                        else f"{path}.{quote(key, bare=True)}"
                    )
                    stack.append((item, where, depth + 1))
        elif isinstance(value, int) and not isinstance(value, bool) and not -limit < value < limit:
            return ValidationError(
                "document.number",
                f"an integer with more than {MAX_INT_DIGITS} digits",
                f"整数超过 {MAX_INT_DIGITS} 位",
                path=path,
            )
    return None


def parse_document(text: object, fmt: str) -> object:
    """Parse ``text`` as ``"toml"`` (a str) or ``"json"`` (a str or bytes).

    Raises:
        ValidationError: ``type`` for text of the wrong type, ``document.size``
            for a huge text, ``document.syntax`` for text that does not parse,
            ``document.depth`` or ``document.number`` for hostile nesting or numbers.

    Example:
        >>> parse_document("a = 1", "toml")
        {'a': 1}
        >>> parse_document("{", "json")
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: $: not valid JSON: ... [document.syntax]
    """
    if not isinstance(text, str | bytes) or (fmt == "toml" and not isinstance(text, str)):
        raise ValidationError(
            "type",
            f"expected text, got {type_name(text)}",
            f"应为文本，实为 {type_name(text)}",
        )
    if len(text) > MAX_BYTES:
        raise ValidationError(
            "document.size",
            f"the document is larger than {MAX_BYTES >> 20} MiB",
            f"文档超过 {MAX_BYTES >> 20} MiB",
        )
    failure: tuple[str, str] | None = None
    syntax: tuple[type[ValueError], ...] = (json.JSONDecodeError, UnicodeDecodeError)
    try:
        if isinstance(text, str) and fmt == "toml":
            import tomllib  # noqa: PLC0415 - loaded with the first TOML document

            syntax = (tomllib.TOMLDecodeError, *syntax)
            data = tomllib.loads(text)
        else:
            data = json.loads(text, parse_int=_parse_int)
    except syntax as exc:
        failure = (quote(str(exc), bare=True), quote(str(exc), bare=True))
    except RecursionError:
        failure = (f"it nests deeper than {MAX_DEPTH} levels", f"嵌套超过 {MAX_DEPTH} 层")
    except (_TooBigError, ValueError):  # ValueError: Python's limit on int() digits
        failure = (
            f"an integer has more than {MAX_INT_DIGITS} digits",
            f"有整数超过 {MAX_INT_DIGITS} 位",
        )
    if failure is not None:
        # Raised outside the handler: the parser's error would ride along as context.
        raise ValidationError(
            "document.syntax",
            f"not valid {fmt.upper()}: {failure[0]}",
            f"不是有效的 {fmt.upper()}：{failure[1]}",
        )
    shape = _shape_problem(data)
    if shape is not None:
        raise shape
    return data


def read_document(path: object) -> object:
    """Read and parse a ``.toml`` or ``.json`` file (an edge function: it does I/O).

    Raises:
        ValidationError: ``type`` for a path that is not a path,
            ``document.suffix`` for another suffix, ``document.read`` for a file
            that cannot be read, and the errors of :func:`parse_document`.
    """
    path = require_path(path, "path")
    from pathlib import Path  # noqa: PLC0415 - loaded with the first file read

    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in _FORMATS:
        raise ValidationError(
            "document.suffix",
            f"the file must end in .toml or .json, not {quote(suffix)}",
            f"文件扩展名应为 .toml 或 .json，实为 {quote(suffix)}",
            path="path",
        )
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, ValueError) as exc:  # ValueError: undecodable, a NUL, a lone surrogate
        raise unreadable(file.name, exc) from None
    return parse_document(text, suffix[1:])


def read_date(raw: object, path: str, problems: list[Problem], *, prefix: str) -> dt.date | None:
    """A date from a TOML date or a ``YYYY-MM-DD`` string; else record a problem.

    Example:
        >>> problems = []
        >>> read_date("2027-01-01", "$.day", problems, prefix="demo")
        datetime.date(2027, 1, 1)
        >>> read_date("2027-02-30", "$.day", problems, prefix="demo") is None
        True
        >>> problems[0].code, problems[0].path
        ('demo.date', '$.day')
    """
    if type(raw) is dt.date:
        return raw
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
    got = "text that is not a date" if isinstance(raw, str) else type_name(raw)
    got_zh = "无效的日期文本" if isinstance(raw, str) else type_name(raw)
    problems.append(
        problem(
            f"{prefix}.date",
            f"expected a date YYYY-MM-DD, got {got}",
            f"应为 YYYY-MM-DD 格式的日期，实为{got_zh}",
            path,
        )
    )
    return None


def unknown_keys(
    raw: Mapping[Any, Any], known: Callable[[Any], bool], path: str = "$"
) -> list[Problem]:
    """An ``unknown_key`` problem for each key of ``raw`` that ``known`` refuses (under ``path``).

    Example:
        >>> [str(p) for p in unknown_keys({"a": 1, "b": 2}, {"a"}.__contains__)]
        ["$.b: unknown key 'b' (未知字段 'b') [unknown_key]"]
    """
    return [
        problem(
            "unknown_key",
            f"unknown key {quote(key)}",
            f"未知字段 {quote(key)}",
            f"{path}.{quote(key, bare=True)}" if isinstance(key, str) else path,
        )
        for key in raw
        if not known(key)
    ]


def read_table(data: object, known: frozenset[str]) -> tuple[Mapping[Any, Any], list[Problem]]:
    """A document's top-level table, and a problem for each key it does not know.

    Raises:
        ValidationError: ``type`` for a document that is not a table.

    Example:
        >>> table, problems = read_table({"year": 2027, "yaer": 1}, frozenset({"year"}))
        >>> [p.code for p in problems]
        ['unknown_key']
    """
    if not isinstance(data, Mapping):
        raise ValidationError(
            "type",
            f"expected a table, got {type_name(data)}",
            f"应为表（对象），实为 {type_name(data)}",
        )
    return data, unknown_keys(data, known.__contains__)


def unreadable(name: str, exc: BaseException) -> ValidationError:
    """The error for a file that cannot be read (``document.read``), naming the file.

    Example:
        >>> unreadable("x.csv", FileNotFoundError()).code
        'document.read'
    """
    return ValidationError(
        "document.read",
        f"cannot read {name}: {type(exc).__name__}",
        f"无法读取 {name}：{type(exc).__name__}",
        path="path",
    )
