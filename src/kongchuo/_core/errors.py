"""The error model: one root, :class:`KongchuoError`, and structured validation errors.

Every public entry point of kongchuo turns bad input into a subclass of
:class:`KongchuoError`. The concrete classes also inherit the builtin they resemble
(``ValidationError`` is a ``ValueError``), so code written against the standard
library keeps working.

A :class:`ValidationError` carries one or more :class:`Problem` records, each with a
stable ``code``, a ``path`` into the document (``$.guardians[1].phone``), an English
and a Chinese message. A document reports all its problems in one pass.

No message ever holds a full ID number: every message that quotes input passes it
through :func:`quote`, the one quoting function, which masks anything shaped like an
ID number and truncates long input.

This module stands below every layer of the design (docs/design.md): everything may import it.
"""

from __future__ import annotations

import math
import re
import reprlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

import attrs

__all__ = [
    "CalendarHorizonError",
    "KongchuoError",
    "Problem",
    "ValidationError",
    "mask_ids",
    "masked_text",
    "problem",
    "quote",
    "redact",
    "type_name",
]

ROOT: Final = "$"

_CONTEXT: Final = BaseException.__dict__["__context__"]

MAX_PROBLEMS: Final = 200
"""How many problems one error lists; the rest are counted in one last problem
(``problems.more``), so that a hostile document cannot make a message of millions
of lines."""


class KongchuoError(Exception):
    """The root of every error kongchuo raises (kongchuo 错误的根类).

    Catch this to handle any problem the library reports. Whatever text an error
    is given, anything shaped like an ID number in it is masked (:func:`quote`'s
    rule), so that no message can show one, whichever code built it.

    Example:
        >>> import kongchuo
        >>> try:
        ...     kongchuo.ResidentId.parse("not a number")
        ... except kongchuo.KongchuoError as exc:
        ...     print(type(exc).__name__)
        ValidationError
    """

    def __init__(self, *args: object) -> None:
        """Hold ``args``, with ID-shaped text in each str masked."""
        super().__init__(*(mask_ids(a) if isinstance(a, str) else a for a in args))

    # ``raise KongchuoError(...) from None`` drops the exception it replaces (a
    # KeyError holding a key, an OSError holding a file name: the caller's text,
    # unmasked). Python still stores it as the context and only hides it from
    # tracebacks; here it is not shown to anyone: a suppressed context reads None.
    @property
    def __context__(self) -> BaseException | None:
        """The exception this one replaced, unless it was raised ``from None``."""
        if self.__suppress_context__:
            return None
        found: BaseException | None = _CONTEXT.__get__(self)
        return found

    @__context__.setter
    def __context__(self, value: BaseException | None) -> None:
        _CONTEXT.__set__(self, value)


def masked_text(value: object) -> str:
    """The converter of message and path fields: text, with ID-shaped runs masked.

    The net under every message, whichever code built it (:class:`Problem`,
    :class:`~kongchuo.Finding`).

    Raises:
        ValidationError: ``type`` for anything but a str.
    """
    if isinstance(value, str):
        return mask_ids(value)
    raise ValidationError(
        "type",
        f"expected text, got {type_name(value)}",
        f"应为文本，实为 {type_name(value)}",
    )


@attrs.frozen
class Problem:
    """One problem found in an input (一个校验问题).

    Attributes:
        code: A stable, dotted, lower-case code such as ``"resident_id.checksum"``.
            Codes never change meaning; software may branch on them.
        path: Where the problem is, as a JSONPath-like string rooted at ``$``.
        message: The English message. It never holds a full ID number.
        message_zh: The Chinese message (中文说明).

    The path and both messages pass through :func:`mask_ids`: a full ID number that
    reached them (a key, a path given by the caller) is shown masked.

    Example:
        >>> p = Problem(code="x.bad", path="$.a", message="bad", message_zh="错误")
        >>> str(p)
        '$.a: bad (错误) [x.bad]'
        >>> Problem(code="x", path="$.11010519491231002X", message="m", message_zh="z").path
        '$.110105********002X'
    """

    code: str = attrs.field(converter=masked_text)
    path: str = attrs.field(converter=masked_text)
    message: str = attrs.field(converter=masked_text)
    message_zh: str = attrs.field(converter=masked_text)

    def __str__(self) -> str:
        """Return ``path: message (中文) [code]``."""
        return f"{self.path}: {self.message} ({self.message_zh}) [{self.code}]"

    def under(self, prefix: str) -> Problem:
        """Return the same problem with its path re-rooted under ``prefix``.

        ``Problem(path="$.phone").under("$.guardians[1]")`` has the path
        ``$.guardians[1].phone``.

        Example:
            >>> Problem(code="c", path="$.phone", message="m", message_zh="z").under(
            ...     "$.guardians[1]"
            ... ).path
            '$.guardians[1].phone'
        """
        if prefix == ROOT:
            return self
        rest = self.path[1:] if self.path.startswith(ROOT) else self.path
        return attrs.evolve(self, path=prefix + rest)


def problem(code: str, en: str, zh: str, path: str = ROOT) -> Problem:
    """The shorthand for a :class:`Problem`: code, English, Chinese, then the path.

    Example:
        >>> str(problem("x.bad", "bad", "错误", "$.a"))
        '$.a: bad (错误) [x.bad]'
    """
    return Problem(code=code, path=path, message=en, message_zh=zh)


class ValidationError(KongchuoError, ValueError):
    """Input that kongchuo cannot accept (输入校验错误).

    It holds one or more :class:`Problem` records in :attr:`errors`. The attributes
    :attr:`code`, :attr:`path`, :attr:`message` and :attr:`message_zh` are those of
    the first problem, so that the common one-problem case reads naturally.

    Args:
        code: The stable code of the (first) problem.
        message: The English message.
        message_zh: The Chinese message.
        path: Where the problem is; ``"$"`` for the input as a whole.

    Example:
        >>> err = ValidationError("demo.empty", "must not be empty", "不能为空", path="$.name")
        >>> err.code, err.path
        ('demo.empty', '$.name')
        >>> print(err)
        $.name: must not be empty (不能为空) [demo.empty]
    """

    errors: tuple[Problem, ...]

    def __init__(self, code: str, message: str, message_zh: str, *, path: str = ROOT) -> None:
        self._set((Problem(code=code, path=path, message=message, message_zh=message_zh),))

    def _set(self, problems: tuple[Problem, ...]) -> None:
        self.errors = problems
        Exception.__init__(self, self._render())  # the problems are masked already

    @classmethod
    def of(cls, problems: Iterable[Problem]) -> ValidationError:
        """Build one error that reports several problems at once.

        Args:
            problems: At least one problem.

        Raises:
            ValueError: If ``problems`` is empty: an error must say what is wrong.

        Example:
            >>> err = ValidationError.of(
            ...     [
            ...         Problem(code="a", path="$.x", message="bad x", message_zh="x 错误"),
            ...         Problem(code="b", path="$.y", message="bad y", message_zh="y 错误"),
            ...     ]
            ... )
            >>> [p.path for p in err.errors]
            ['$.x', '$.y']
        """
        found = _capped(problems)
        if not found:
            msg = "a ValidationError needs at least one problem"
            raise ValueError(msg)
        err = cls.__new__(cls)
        err._set(found)  # noqa: SLF001 - the alternative constructor of this class
        return err

    def under(self, prefix: str) -> ValidationError:
        """Return the same error with every path re-rooted under ``prefix``."""
        return type(self).of(p.under(prefix) for p in self.errors)

    @property
    def code(self) -> str:
        """The stable code of the first problem."""
        return self.errors[0].code

    @property
    def path(self) -> str:
        """The path of the first problem."""
        return self.errors[0].path

    @property
    def message(self) -> str:
        """The English message of the first problem."""
        return self.errors[0].message

    @property
    def message_zh(self) -> str:
        """The Chinese message of the first problem."""
        return self.errors[0].message_zh

    def __iter__(self) -> Iterator[Problem]:
        """Iterate over the problems."""
        return iter(self.errors)

    def __len__(self) -> int:
        """Return the number of problems."""
        return len(self.errors)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle by the problems, so that errors cross process boundaries."""
        return (_rebuild, (type(self), self.errors))

    def _render(self) -> str:
        if len(self.errors) == 1:
            return str(self.errors[0])
        lines = [f"{len(self.errors)} problems ({len(self.errors)} 个问题):"]
        lines.extend(f"  - {p}" for p in self.errors)
        return "\n".join(lines)


def _capped(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """The first :data:`MAX_PROBLEMS` problems, and one that counts the rest."""
    found = tuple(problems)
    if len(found) <= MAX_PROBLEMS or found[-1].code == "problems.more":
        return found
    rest = len(found) - MAX_PROBLEMS
    more = Problem(
        code="problems.more",
        path=ROOT,
        message=f"and {rest} more problems, not listed",
        message_zh=f"另有 {rest} 个问题未列出",
    )
    return (*found[:MAX_PROBLEMS], more)


def _rebuild(cls: type[ValidationError], problems: Sequence[Problem]) -> ValidationError:
    return cls.of(problems)


class CalendarHorizonError(KongchuoError, LookupError):
    """A date lies outside the data a calendar holds (日历数据范围之外).

    Raised instead of guessing whether a day is a working day: a wrong guess moves a
    legal deadline. Add the year's data (the State Council's notice, published each
    November) to the calendar to go on.
    """


def redact(text: str) -> str:
    """Return ``text`` with everything but its first 6 and last 4 characters hidden.

    Use it for any value that might be an ID number before it goes into a message,
    a ``repr`` or a log line (遮蔽身份证号). Strings of 10 characters or fewer are
    hidden whole, because there is nothing safe to keep. The hidden characters of
    an ID number are its birth date.

    Raises:
        ValidationError: ``type`` for anything but a str.

    Example:
        >>> redact("11010519491231002X")
        '110105********002X'
        >>> redact("12345")
        '*****'
    """
    if not isinstance(text, str):
        raise ValidationError(
            "type",
            f"expected text, got {type_name(text)}",
            f"应为文本，实为 {type_name(text)}",
            path="text",
        )
    if len(text) <= 10:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


QUOTE_LIMIT: Final = 80
"""How many characters of an input :func:`quote` shows before it truncates."""

_ID_SHAPED: Final = re.compile(r"\d(?:[\s\-._/]{0,2}\d){14,}(?:[\s\-._/]{0,2}[Xx])?")
"""A run of 15 or more digits (up to two spaces, hyphens, dots, underscores or
slashes between any two allowed), with an optional final X: 15- and 18-character ID
numbers however they were typed or split, student numbers and anything longer that
might hold one."""

_SEPARATORS: Final = frozenset("-._/")

_MAYBE_ID: Final = re.compile(r"\d[\d\s\-._/]{14}")
"""What every match of the ID pattern starts with: fifteen characters of digits
and separators. A cheaper scan, so text without one (most messages) is passed
back without running the full pattern."""

_BIG_INT: Final = 10**30


def _mask_run(match: re.Match[str]) -> str:
    # Keep the first 6 digits of the run (the region) and the last 4 (3 for a
    # 15-digit number: its sequence), the separators in place, so that the text keeps
    # its length and the birth date is hidden.
    run = match.group()
    positions = [i for i, c in enumerate(run) if not (c.isspace() or c in _SEPARATORS)]
    hidden = set(positions[6 : -4 if len(positions) >= 18 else -3])
    return "".join("*" if i in hidden else c for i, c in enumerate(run))


def _mask_text(text: str, limit: int) -> str:
    # Look a little past the limit so that a number cut by the limit is still seen
    # whole enough to be masked; mask, then truncate.
    window = text[: limit + 48]
    masked = _ID_SHAPED.sub(_mask_run, window)
    if len(text) <= limit:
        return masked
    return f"{masked[:limit]}…(+{len(text) - limit} chars)"


def mask_ids(text: str) -> str:
    """Return ``text`` with every ID-shaped run masked, whatever its length.

    The net under every message: :class:`Problem`, :class:`KongchuoError` and the
    findings of rules pass their text through it, so that a full ID number that
    reached a message unquoted (a key, a path, a caller's text) is still hidden.
    Long input is cut by :func:`quote`, not here.

    Example:
        >>> mask_ids("key 11010519491231002x and １１０１０５１９４９１２３１００２Ｘ")
        'key 110105********002x and １１０１０５********００２Ｘ'
    """
    if len(text) < 15 or _MAYBE_ID.search(text) is None:  # 15: the shortest ID
        return text
    return _ID_SHAPED.sub(_mask_run, text)


def _int_text(value: int) -> str:
    if -_BIG_INT < value < _BIG_INT:
        return _ID_SHAPED.sub(_mask_run, str(value))
    digits = int(value.bit_length() * math.log10(2)) + 1
    return f"<an integer of about {digits} digits>"


class _Repr(reprlib.Repr):
    """reprlib with bounded ints and ID-shaped text masked (the containers of quote)."""

    def repr_int(self, x: int, level: int) -> str:  # noqa: ARG002 - reprlib's signature
        return _int_text(x)

    def repr_str(self, x: str, level: int) -> str:  # noqa: ARG002 - reprlib's signature
        return repr(_mask_text(x, self.maxstring))


_REPR: Final = _Repr()
_REPR.maxstring = 40
_REPR.maxother = 40


def quote(value: object, *, bare: bool = False, limit: int = QUOTE_LIMIT) -> str:
    """Return ``value`` as a message may show it: ID-shaped text masked, long input cut.

    This is the one quoting function of kongchuo (引用输入值): every message, path
    or ``repr`` that echoes input passes the input through it. Any run of 15 or more
    digits (an 18- or 15-character ID number, with or without spaces, or a student
    number) keeps only its first 6 and last 4 digits, so the birth date is never
    shown; text longer than ``limit`` characters is cut with a count of the rest;
    integers too large to print are described by their size; containers are shown
    through :mod:`reprlib` with the same rules.

    Args:
        value: Anything that came from the caller.
        bare: Show a str without quotes (for paths such as ``$.<key>``).
        limit: How many characters of a str to show.

    Example:
        >>> quote("11010519491231002X")
        "'110105********002X'"
        >>> quote("id 110105 19491231 002X here", bare=True)
        'id 110105 ******** 002X here'
        >>> quote("x" * 100, limit=5)
        "'xxxxx…(+95 chars)'"
        >>> quote(10**5000)
        '<an integer of about 5001 digits>'
    """
    if type(limit) is not int or limit < 0:
        raise ValidationError(
            "type",
            f"limit must be a whole number of characters, got {type_name(limit)}",
            f"limit 应为非负整数（字符数），实为 {type_name(limit)}",
            path="limit",
        )
    if isinstance(value, str):
        text = _mask_text(value, limit)
        return text if bare else repr(text)
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        return _int_text(value)
    try:
        text = _REPR.repr(value)
    except Exception:  # noqa: BLE001 - a caller's __repr__ may fail; say what it was
        text = f"<{type_name(value)}>"
    return _mask_text(text, limit)


def type_name(value: object) -> str:
    """Return the name of ``value``'s type, for messages about wrong input types."""
    return type(value).__name__
