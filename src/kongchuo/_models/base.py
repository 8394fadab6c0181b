"""The machinery behind every model: field kinds, one-pass validation, building.

Each field of a kongchuo model carries a :class:`Kind` in its attrs metadata. A kind
knows how to check a typed value (when a model is built in Python), how to load a
raw JSON value (when a document is read), how to dump a value (when one is written)
and how to describe itself in JSON Schema. Because the checks live beside the field
rather than in attrs validators, a model reports every problem of an object in one
pass, each with its path, instead of stopping at the first.

This module is part of the models layer of the design (docs/design.md); serialization builds on it.
"""

# Kinds share one interface; not every kind needs every argument of it.
# ruff: noqa: ARG002, ARG003, ANN401

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, ClassVar, Final, Literal

import attrs

from kongchuo._core.documents import unknown_keys
from kongchuo._core.enums import LabelledEnum, type_problem, unknown_problem
from kongchuo._core.errors import Problem, ValidationError, problem, quote, type_name
from kongchuo._core.guard import friendly_init
from kongchuo._identity.numbers import ResidentId, StudentNumber, shared_dates

__all__ = [
    "BOOL",
    "DATE",
    "META",
    "MODELS",
    "Kind",
    "Model",
    "Sensitivity",
    "meta",
    "problem",
]

META: Final = "kongchuo"
"""The attrs metadata key under which a field's :class:`FieldInfo` lives."""

Sensitivity = Literal["identifier", "birth", "name", "contact", "private"]
"""How sensitive a field is: ``identifier`` (an ID or student number), ``birth`` (a
birth date: the digits a masked ID hides), ``name`` (a person's name), ``contact``
(a phone number or address) or ``private`` (other sensitive personal information)."""

ExportLevel = Literal["full", "internal", "published", "pseudonym"]
"""How much an export shows: ``full`` (loads back), ``internal`` (a county's own
staff), ``published`` (anyone) or ``pseudonym`` (departments that hold the key)."""

EXPORT_LEVELS: Final[tuple[ExportLevel, ...]] = ("full", "internal", "published", "pseudonym")

EXPORT_TABLE: Final[dict[Sensitivity, dict[ExportLevel, str]]] = {
    # sensitivity:  full            internal         published        pseudonym
    "identifier": {"full": "keep", "internal": "mask", "published": "mask", "pseudonym": "hmac"},
    "birth": {"full": "keep", "internal": "year", "published": "year", "pseudonym": "keep"},
    "name": {"full": "keep", "internal": "keep", "published": "mask", "pseudonym": "mask"},
    "contact": {"full": "keep", "internal": "keep", "published": "omit", "pseudonym": "omit"},
    "private": {"full": "keep", "internal": "keep", "published": "omit", "pseudonym": "omit"},
}
"""What each export level does with each sensitivity (the one table; docs/models.md).

``keep`` writes the value; ``mask`` keeps an ID's region and sequence digits
(``370983********0012``) or a name's first character (``张**``); ``year`` keeps
only the year of a date (``2015-**-**``), because a masked ID beside its birth date
could be rebuilt; ``hmac`` writes a keyed pseudonym; ``omit`` leaves the field out."""


def mask_name(text: str) -> str:
    """A name with all but its first character hidden (``张小明`` → ``张**``).

    Example:
        >>> mask_name("张小明")
        '张**'
    """
    return text[:1] + "*" * (len(text) - 1)


def mask_date(day: dt.date) -> str:
    """A date with its month and day hidden (``2015-**-**``).

    Example:
        >>> import datetime as dt
        >>> mask_date(dt.date(2015, 9, 1))
        '2015-**-**'
    """
    return f"{day.year:04d}-**-**"


_CACHE_LIMIT: Final = 1 << 16


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: a batch of new objects holds no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _type_problem(expected: str, expected_zh: str, value: object) -> Problem:
    return problem(
        "type",
        f"expected {expected}, got {type_name(value)}",
        f"应为{expected_zh}，实际为 {type_name(value)}",
    )


def _fail(*problems: Problem) -> ValidationError:
    return ValidationError.of(problems)


@attrs.frozen
class DumpOptions:
    """How sensitive fields are written: the export level of :data:`EXPORT_TABLE`."""

    mode: ExportLevel = "full"
    key: bytes = b""

    def identifier(self, value: str, masked: str) -> str:
        """Write one identifier according to the mode."""
        if self.mode == "full":
            return value
        if self.mode != "pseudonym":
            return masked
        import hashlib  # noqa: PLC0415 - loaded on first pseudonym, not with kongchuo
        import hmac  # noqa: PLC0415

        return "hmac-sha256:" + hmac.new(self.key, value.encode(), hashlib.sha256).hexdigest()


FULL: Final = DumpOptions()


Mask = bool | Literal["internal", "published"]
"""What ``mask=`` takes: ``False`` (full), ``"internal"``, ``"published"`` or ``True``
(the same as ``"published"``)."""

EXPORT_KEY: Final = "$export"
"""The key that marks a masked or pseudonymised document (its export level)."""

_MIN_KEY_BYTES: Final = 16
_MASK_LEVELS: Final[dict[str, ExportLevel]] = {"internal": "internal", "published": "published"}


def export_options(mask: object, pseudonymise_key: object = None) -> DumpOptions:
    """The dump options of ``mask`` (``False``, ``True``, ``"internal"`` or ``"published"``).

    ``True`` is ``"published"``, the strictest level. Shared by every ``to_*``
    function that takes ``mask``.

    Raises:
        ValidationError: ``serialization.mask``, ``serialization.options`` (a mask
            and a key) or ``serialization.key`` (a key shorter than 16 bytes).
    """
    level: ExportLevel | None
    if mask is True:
        level = "published"
    elif mask is False:
        level = "full"
    else:
        level = _MASK_LEVELS.get(mask) if isinstance(mask, str) else None
        if level is None:
            raise ValidationError(
                "serialization.mask",
                f"mask must be False, True, 'internal' or 'published', not {quote(mask)}",
                f"mask 必须是 False、True、'internal' 或 'published'，而不是 {quote(mask)}",
                path="$.mask",
            )
    if pseudonymise_key is None:
        return FULL if level == "full" else DumpOptions(mode=level)
    if level != "full":
        raise ValidationError(
            "serialization.options",
            "choose mask=True or pseudonymise_key, not both",
            "mask=True 与 pseudonymise_key 只能选一个",
            path="$.pseudonymise_key",
        )
    if not isinstance(pseudonymise_key, bytes) or len(pseudonymise_key) < _MIN_KEY_BYTES:
        raise ValidationError(
            "serialization.key",
            f"pseudonymise_key must be bytes of at least {_MIN_KEY_BYTES} "
            f"(got {type_name(pseudonymise_key)})",
            f"pseudonymise_key 必须是至少 {_MIN_KEY_BYTES} 字节的 bytes",
            path="$.pseudonymise_key",
        )
    return DumpOptions(mode="pseudonym", key=pseudonymise_key)


def masked_export_problem(raw: object) -> Problem | None:
    """The problem of loading a masked or pseudonymised document, if ``raw`` is one."""
    if raw.__class__ is not dict or EXPORT_KEY not in raw:
        return None
    level = raw[EXPORT_KEY]
    return problem(
        "serialization.masked_export",
        f"this is a masked export ({quote(level)}): its identifiers are masked or "
        "pseudonymised and some fields are left out, so it cannot be loaded; load "
        "the full document instead",
        f"这是脱敏导出的文档（{quote(level)}）：身份号码已遮蔽或假名化，部分字段已省略，"
        "无法载入；请载入完整文档",
        f"$.{EXPORT_KEY}",
    )


class Kind:
    """How one field is checked, loaded, dumped and described in JSON Schema."""

    __slots__ = ()

    def check(self, value: object) -> list[Problem] | None:
        """Problems of a typed value (paths relative to the field), or ``None``."""
        raise NotImplementedError

    def load(self, raw: object) -> object:
        """The typed value of a raw JSON value; raises :class:`ValidationError`.

        By default the raw value is the typed value once :meth:`check` passes it.
        """
        found = self.check(raw)
        if found:
            raise ValidationError.of(found)
        return raw

    def dump(self, value: Any, opts: DumpOptions) -> object:
        """The JSON-ready form of a typed value."""
        return value

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        """The JSON Schema of the raw form; nested models go into ``defs``."""
        raise NotImplementedError


has_surrogate: Final = re.compile("[\ud800-\udfff]").search
"""Whether a str holds a lone surrogate (a half of a UTF-16 pair), which UTF-8 cannot hold."""


class Text(Kind):
    """A non-blank string of at most ``max_len`` characters."""

    __slots__ = ("max_len",)

    def __init__(self, max_len: int = 100) -> None:
        self.max_len = max_len

    def check(self, value: object) -> list[Problem] | None:
        if value.__class__ is not str:
            return [_type_problem("a str", "字符串", value)]
        if not value or value.isspace():
            return [problem("text.blank", "must not be blank", "不能为空")]
        if not value.isascii() and has_surrogate(value):
            # A lone surrogate cannot be written as UTF-8: not in a document, not in
            # the hash of a case log.
            return [
                problem(
                    "text.surrogate",
                    "holds a lone surrogate (U+D800–U+DFFF), which UTF-8 cannot hold",
                    "含有无法以 UTF-8 编码的孤立代理字符（U+D800–U+DFFF）",
                )
            ]
        if len(value) > self.max_len:
            return [
                problem(
                    "text.too_long",
                    f"must have at most {self.max_len} characters",
                    f"不能超过 {self.max_len} 个字符",
                )
            ]
        return None

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "minLength": 1, "maxLength": self.max_len, "pattern": r"\S"}


class Code(Kind):
    """A code: ASCII letters, digits and ``-``, optionally of fixed lengths of digits.

    Valid codes are interned: a county-wide batch shares one string per code.
    """

    __slots__ = ("_cache", "code", "digits", "label", "label_zh", "lengths", "pattern")

    def __init__(
        self,
        code: str,
        label: str,
        label_zh: str,
        *,
        lengths: tuple[int, ...] = (),
        digits: bool = False,
    ) -> None:
        self.code = code
        self.label = label
        self.label_zh = label_zh
        self.lengths = lengths
        self.digits = digits
        self.pattern = (
            "^[0-9]{" + "}$|^[0-9]{".join(map(str, lengths)) + "}$"
            if digits
            else "^[0-9A-Za-z][0-9A-Za-z-]{0,31}$"
        )
        self._cache: dict[str, str] = {}

    def _valid(self, value: str) -> bool:
        if not value.isascii():
            return False
        if self.digits:
            return value.isdigit() and len(value) in self.lengths
        return 0 < len(value) <= 32 and value[0].isalnum() and value.replace("-", "").isalnum()

    def check(self, value: object) -> list[Problem] | None:
        if value.__class__ is not str:
            return [_type_problem("a str", "字符串", value)]
        if value in self._cache:
            return None
        if self._valid(value):
            if len(self._cache) < _CACHE_LIMIT:
                self._cache[value] = value
            return None
        if self.digits:
            *most, last = map(str, self.lengths)
            shape = f"{', '.join(most)} or {last} ASCII digits" if most else f"{last} ASCII digits"
            shape_zh = "、".join(map(str, self.lengths)) + " 位数字"
        else:
            shape = "1-32 ASCII letters, digits or '-'"
            shape_zh = "1—32 个半角字母、数字或“-”"
        return [
            problem(
                f"{self.code}.format",
                f"a {self.label} has {shape}",
                f"{self.label_zh}应为{shape_zh}",
            )
        ]

    def load(self, raw: object) -> object:
        if raw.__class__ is str:
            found = self._cache.get(raw)
            if found is not None:
                return found
        bad = self.check(raw)
        if bad:
            raise ValidationError.of(bad)
        if len(self._cache) < _CACHE_LIMIT:
            self._cache[raw] = raw  # type: ignore[index,assignment]
        return raw

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "pattern": self.pattern}


class Phone(Kind):
    """A mainland mobile number (11 digits) or a landline with its area code."""

    __slots__ = ()
    PATTERN: ClassVar[str] = r"^(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-?[1-9][0-9]{6,7})$"
    _re: ClassVar[re.Pattern[str]] = re.compile(PATTERN)

    def check(self, value: object) -> list[Problem] | None:
        if value.__class__ is not str:
            return [_type_problem("a str", "字符串", value)]
        if self._re.fullmatch(value) is None:
            # The number itself is personal information: the message does not repeat it.
            return [
                problem(
                    "phone.format",
                    "is not a mainland mobile number (11 digits) or a landline with area code",
                    "不是有效的手机号码（11 位）或带区号的固定电话",
                )
            ]
        return None

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "pattern": self.PATTERN}


class EnumKind(Kind):
    """A member of a string enum, written as its value."""

    __slots__ = ("by_value", "enum")

    def __init__(self, enum_cls: type[LabelledEnum]) -> None:
        self.enum = enum_cls
        self.by_value: dict[object, LabelledEnum] = {m.value: m for m in enum_cls}

    def _unknown(self, raw: object) -> Problem:
        if raw.__class__ is not str:
            return type_problem(self.enum, raw)
        return unknown_problem(self.enum, raw)

    def check(self, value: object) -> list[Problem] | None:
        if value.__class__ is self.enum:
            return None
        return [_type_problem(f"a {self.enum.__name__}", f" {self.enum.__name__} 成员", value)]

    def load(self, raw: object) -> object:
        try:
            return self.by_value[raw]
        except (KeyError, TypeError):
            raise ValidationError.of([self._unknown(raw)]) from None

    def dump(self, value: Any, opts: DumpOptions) -> object:
        return value.value

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.by_value)}


class DateKind(Kind):
    """A calendar date, written in ISO form (``2015-09-01``). Loaded dates are shared."""

    __slots__ = ("_cache",)

    def __init__(self) -> None:
        self._cache: dict[str, dt.date] = {}

    def check(self, value: object) -> list[Problem] | None:
        if value.__class__ is dt.date:
            return None
        return [_type_problem("a datetime.date", " datetime.date 日期", value)]

    def load(self, raw: object) -> object:
        if raw.__class__ is str:
            found = self._cache.get(raw)
            if found is not None:
                return found
            if len(raw) == 10 and raw[4] == "-" and raw[7] == "-":
                # Share the identity layer's date objects (1900-2099), so that a birth
                # date and the date in an ID number are the same object.
                day = shared_dates().get(raw[:4] + raw[5:7] + raw[8:])
                if day is None:
                    try:
                        day = dt.date.fromisoformat(raw)
                    except ValueError:
                        day = None
                if day is not None:
                    if len(self._cache) < _CACHE_LIMIT:
                        self._cache[raw] = day
                    return day
            raise ValidationError.of(
                [
                    problem(
                        "date.format",
                        "is not a date in ISO form YYYY-MM-DD",
                        "不是 YYYY-MM-DD 格式的有效日期",
                    )
                ]
            )
        raise ValidationError.of([_type_problem("an ISO date string", "ISO 日期字符串", raw)])

    def dump(self, value: Any, opts: DumpOptions) -> object:
        return value.isoformat()

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}


class BoolKind(Kind):
    """``true`` or ``false`` (never 0, 1 or a string)."""

    __slots__ = ()

    def check(self, value: object) -> list[Problem] | None:
        if value is True or value is False:
            return None
        return [_type_problem("a bool", "布尔值", value)]

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "boolean"}


class IntKind(Kind):
    """An integer between ``low`` and ``high`` inclusive (never a bool)."""

    __slots__ = ("high", "low")

    def __init__(self, low: int, high: int) -> None:
        self.low = low
        self.high = high

    def check(self, value: object) -> list[Problem] | None:
        if value.__class__ is not int:
            return [_type_problem("an int", "整数", value)]
        if not self.low <= value <= self.high:
            return [
                problem(
                    "int.range",
                    f"must lie between {self.low} and {self.high}",
                    f"必须在 {self.low} 到 {self.high} 之间",
                )
            ]
        return None

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.low, "maximum": self.high}


class ResidentIdKind(Kind):
    """A resident ID number: the full number in documents unless masked or pseudonymised."""

    __slots__ = ()

    def check(self, value: object) -> list[Problem] | None:
        if value.__class__ is ResidentId:
            return None
        return [_type_problem("a ResidentId (use ResidentId.parse)", " ResidentId", value)]

    def load(self, raw: object) -> object:
        return ResidentId.parse(raw)  # type: ignore[arg-type]

    def dump(self, value: Any, opts: DumpOptions) -> object:
        if opts.mode == "full":
            return value.value
        return opts.identifier(value.value, value.masked())

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^[0-9]{17}[0-9X]$"}


class StudentNumberField(Kind):
    """A student number (学籍号), handled like an ID number on export.

    A pseudonymised student number is its letter, a colon and the pseudonym of the
    18 characters after the letter: for a G number that is the pseudonym of the
    child's ID number, so that registrations join the children they belong to.
    """

    __slots__ = ()

    def check(self, value: object) -> list[Problem] | None:
        if value.__class__ is StudentNumber:
            return None
        return [_type_problem("a StudentNumber (use StudentNumber.parse)", " StudentNumber", value)]

    def load(self, raw: object) -> object:
        return StudentNumber.parse(raw)  # type: ignore[arg-type]

    def dump(self, value: Any, opts: DumpOptions) -> object:
        if opts.mode == "full":
            return value.value
        if opts.mode != "pseudonym":
            return value.masked()
        return value.value[0] + ":" + opts.identifier(value.value[1:], "")

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^[GLJ][0-9]{17}[0-9X]$"}


class Nullable(Kind):
    """``None`` or a value of the inner kind."""

    __slots__ = ("inner",)

    def __init__(self, inner: Kind) -> None:
        self.inner = inner

    def check(self, value: object) -> list[Problem] | None:
        return None if value is None else self.inner.check(value)

    def load(self, raw: object) -> object:
        return None if raw is None else self.inner.load(raw)

    def dump(self, value: Any, opts: DumpOptions) -> object:
        return None if value is None else self.inner.dump(value, opts)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"anyOf": [self.inner.schema(defs), {"type": "null"}]}


class ModelKind(Kind):
    """A nested model."""

    __slots__ = ("cls",)

    def __init__(self, cls: type[Model]) -> None:
        self.cls = cls

    def check(self, value: object) -> list[Problem] | None:
        if value.__class__ is self.cls:
            return None
        return [_type_problem(f"a {self.cls.__name__}", f" {self.cls.__name__}", value)]

    def load(self, raw: object) -> object:
        return structure(self.cls, raw)

    def dump(self, value: Any, opts: DumpOptions) -> object:
        return unstructure(value, opts)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        name = self.cls.__name__
        if name not in defs:
            defs[name] = {}  # a placeholder stops recursion
            defs[name] = object_schema(self.cls, defs)
        return {"$ref": f"#/$defs/{name}"}


class TupleKind(Kind):
    """A tuple of values of one kind, written as a JSON array."""

    __slots__ = ("inner",)

    def __init__(self, inner: Kind) -> None:
        self.inner = inner

    def check(self, value: object) -> list[Problem] | None:
        if value.__class__ is not tuple:
            return [_type_problem("a tuple", "元组", value)]
        found: list[Problem] = []
        for i, item in enumerate(value):
            bad = self.inner.check(item)
            if bad:
                found.extend(p.under(f"$[{i}]") for p in bad)
        return found or None

    def load(self, raw: object) -> object:
        if raw.__class__ is not list:
            raise ValidationError.of([_type_problem("an array", "数组", raw)])
        if not raw:
            return ()
        out = []
        found: list[Problem] = []
        load = self.inner.load
        for i, item in enumerate(raw):
            try:
                out.append(load(item))
            except ValidationError as exc:
                found.extend(p.under(f"$[{i}]") for p in exc.errors)
        if found:
            raise ValidationError.of(found)
        return tuple(out)

    def dump(self, value: Any, opts: DumpOptions) -> object:
        dump = self.inner.dump
        return [dump(v, opts) for v in value]

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "array", "items": self.inner.schema(defs)}


class EnumSetKind(Kind):
    """A frozenset of enum members, written as a sorted array. Loaded sets are shared."""

    __slots__ = ("_cache", "inner")

    def __init__(self, enum_cls: type[LabelledEnum]) -> None:
        self.inner = EnumKind(enum_cls)
        self._cache: dict[tuple[object, ...], frozenset[LabelledEnum]] = {(): frozenset()}

    def check(self, value: object) -> list[Problem] | None:
        if value.__class__ is not frozenset:
            return [_type_problem("a frozenset", " frozenset", value)]
        found: list[Problem] = []
        for item in value:
            bad = self.inner.check(item)
            if bad:
                found.extend(bad)
        return found or None

    def load(self, raw: object) -> object:
        if raw.__class__ is not list:
            raise ValidationError.of([_type_problem("an array", "数组", raw)])
        try:
            key = tuple(raw)
            found = self._cache.get(key)
        except TypeError:  # an unhashable item: reported below
            key = None
            found = None
        if found is not None:
            return found
        problems: list[Problem] = []
        members = []
        for i, item in enumerate(raw):
            try:
                members.append(self.inner.load(item))
            except ValidationError as exc:
                problems.extend(p.under(f"$[{i}]") for p in exc.errors)
        if not problems and len(set(members)) != len(members):
            problems.append(problem("set.duplicate", "holds the same value twice", "包含重复的值"))
        if problems:
            raise ValidationError.of(problems)
        result: frozenset[Any] = frozenset(members)
        if key is not None and len(self._cache) < _CACHE_LIMIT:
            self._cache[key] = result
        return result

    def dump(self, value: Any, opts: DumpOptions) -> object:
        return sorted(m.value for m in value)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "array", "items": self.inner.schema(defs), "uniqueItems": True}


BOOL: Final = BoolKind()
DATE: Final = DateKind()
RESIDENT_ID: Final = ResidentIdKind()
STUDENT_NUMBER: Final = StudentNumberField()
PHONE: Final = Phone()
NAME: Final = Text(50)
REGION_CODE: Final = Code(
    "region_code", "region code", "行政区划代码", lengths=(6, 9, 12), digits=True
)
UNIT_CODE: Final = Code("code", "code", "代码")


@attrs.frozen
class FieldInfo:
    """What kongchuo knows about one field of a model."""

    kind: Kind
    sensitive: Sensitivity | None = None
    doc: str = ""


def meta(kind: Kind, *, sensitive: Sensitivity | None = None, doc: str = "") -> dict[str, Any]:
    """The attrs metadata of a field: its kind and whether it is sensitive."""
    return {META: FieldInfo(kind=kind, sensitive=sensitive, doc=doc)}


def as_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Turn a list into a tuple; leave anything else for the check to report."""
    if value.__class__ is list:
        return tuple(value)
    return value  # type: ignore[return-value]


def as_frozenset(value: Iterable[Any]) -> frozenset[Any]:
    """Turn a set, list or tuple into a frozenset; leave anything else to the check."""
    if isinstance(value, (set, list, tuple)):
        try:
            return frozenset(value)
        except TypeError:  # an unhashable item: the check reports the whole value
            return value  # type: ignore[return-value]
    return value  # type: ignore[return-value]


@attrs.frozen
class _Field:
    name: str
    kind: Kind
    required: bool
    default: object
    sensitive: Sensitivity | None
    doc: str


_SPECS: dict[type, tuple[_Field, ...]] = {}
_CHECKERS: dict[type, Callable[[Any], None]] = {}


def fields_of(cls: type) -> tuple[_Field, ...]:
    """The fields of a model, in declaration order (the stable key order of documents)."""
    found = _SPECS.get(cls)
    if found is None:
        out = []
        for a in attrs.fields(cls):
            if META not in a.metadata:  # a private cache, such as a case's folded log
                continue
            info = a.metadata[META]
            required = a.default is attrs.NOTHING
            out.append(
                _Field(
                    name=a.name,
                    kind=info.kind,
                    required=required,
                    default=None if required else a.default,
                    sensitive=info.sensitive,
                    doc=info.doc,
                )
            )
        found = _SPECS[cls] = tuple(out)
    return found


class Compiled:
    """The compiled checker, loader and dumper, which :mod:`kongchuo._models.compiled` installs.

    The base does not import the compiler (the compiler builds on the base); the
    package installs it when it is first imported, before any model is built.
    """

    checker: Callable[[type[Model]], Callable[[Any], None]]
    loader: Callable[[type[Model]], Callable[[object, frozenset[str]], Any]]
    dumper: Callable[[type[Model]], Callable[[Any], dict[str, object]]]


COMPILED: Final = Compiled()


MODELS: Final[dict[type[Model], None]] = {}
"""Every model with a document form, in the order they were defined (an ordered set).

A model registers itself when its class is made (:meth:`Model.__init_subclass__`):
nothing keeps a list by hand.
"""


class Model:
    """The base of every kongchuo model: validates all fields at once when built."""

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Register the model; report wrong arguments as problems; mask birth dates.

        attrs makes each model twice (the class as written, then its slotted copy);
        only the copy, which holds ``__attrs_attrs__``, is registered. A model that
        only gives its subclasses their shared fields (an event, a notice) says so
        with ``abstract_model = True`` in its body and has no document form itself.
        A model with a ``birth`` field shows it in its ``repr`` by its year only: the
        masked ID beside it would otherwise be rebuilt from it.
        """
        super().__init_subclass__(**kwargs)
        if "__attrs_attrs__" in cls.__dict__:
            if "__init__" in cls.__dict__:
                friendly_init(cls)
                infos = (a.metadata.get(META) for a in cls.__attrs_attrs__)  # type: ignore[attr-defined]
                if any(getattr(info, "sensitive", None) == "birth" for info in infos):
                    cls.__repr__ = masked_repr  # type: ignore[assignment,method-assign]
            if not cls.__dict__.get("abstract_model", False):
                MODELS[cls] = None

    def __attrs_post_init__(self) -> None:
        """Check every field and every cross-field rule; raise once with all problems.

        A compiled checker (see :mod:`kongchuo._models.compiled`) passes a good object
        quickly; anything it doubts goes through :meth:`check_generic`, which finds
        and reports the problems.
        """
        found = _CHECKERS.get(type(self))
        if found is None:
            found = _CHECKERS[type(self)] = COMPILED.checker(type(self))
        found(self)

    def check_generic(self) -> None:
        """Check field by field (the reference the compiled checker falls back to)."""
        problems: list[Problem] = []
        good: dict[str, object] = {}
        for f in fields_of(type(self)):
            value = getattr(self, f.name)
            bad = f.kind.check(value)
            if bad:
                problems.extend(p.under(f"$.{f.name}") for p in bad)
            else:
                good[f.name] = value
        problems.extend(type(self).cross_check(good))
        if problems:
            raise ValidationError.of(problems)

    cross_fields: ClassVar[tuple[str, ...]] = ()
    """The fields :meth:`cross_check` reads. It must find nothing when all are None."""

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """Problems between fields; ``values`` holds only the fields that passed."""
        return []


def dates_in_order(values: Mapping[str, Any], earlier: str, later: str, code: str) -> list[Problem]:
    """A problem at ``later`` if both dates are present and ``later`` < ``earlier``."""
    start = values.get(earlier)
    end = values.get(later)
    if start is None or end is None or end >= start:
        return []
    return [
        problem(
            code,
            f"{later} ({end.isoformat()}) is before {earlier} ({start.isoformat()})",
            f"{later}（{end.isoformat()}）早于 {earlier}（{start.isoformat()}）",
            f"$.{later}",
        )
    ]


_MISSING: Final = object()
_new = object.__new__
_set = object.__setattr__


def _missing(name: str) -> Problem:
    return problem("missing", f"{name} is required", f"缺少必填字段 {name}", f"$.{name}")


def structure(cls: type[Model], raw: object, *, extra: frozenset[str] = frozenset()) -> Any:
    """Build ``cls`` from a raw JSON object, reporting every problem in one pass.

    Keys in ``extra`` (such as ``$schema_version`` at the top) are allowed and ignored.
    This runs the compiled loader of :mod:`kongchuo._models.compiled`;
    :func:`structure_generic` is the reference it must agree with.
    """
    return COMPILED.loader(cls)(raw, extra)


def structure_generic(  # noqa: C901 - one loop over the fields
    cls: type[Model], raw: object, *, extra: frozenset[str] = frozenset()
) -> Any:
    """The field-by-field loader that the compiled one must agree with (for tests)."""
    if raw.__class__ is not dict:
        raise ValidationError.of([_type_problem("an object", "对象", raw)])
    specs = fields_of(cls)
    values: dict[str, object] = {}
    problems: list[Problem] | None = None
    found = 0
    get = raw.get
    for f in specs:
        item = get(f.name, _MISSING)
        if item is _MISSING:
            if f.required:
                problems = problems or []
                problems.append(_missing(f.name))
            else:
                values[f.name] = f.default
            continue
        found += 1
        try:
            values[f.name] = f.kind.load(item)
        except ValidationError as exc:
            problems = problems or []
            problems.extend(p.under(f"$.{f.name}") for p in exc.errors)
    if found != len(raw):
        names = {f.name for f in specs} | extra
        unknown = unknown_keys(raw, names.__contains__)
        if unknown:
            problems = problems or []
            problems.extend(unknown)
    cross = cls.cross_check(values)
    if cross:
        problems = problems or []
        problems.extend(cross)
    if problems:
        raise ValidationError.of(problems)
    obj = _new(cls)
    for name, value in values.items():
        _set(obj, name, value)
    return obj


def unstructure(obj: Model, opts: DumpOptions = FULL) -> dict[str, object]:
    """The JSON-ready dict of a model, keys in field order."""
    if opts is FULL:
        return COMPILED.dumper(type(obj))(obj)
    return unstructure_generic(obj, opts)


def unstructure_generic(obj: Model, opts: DumpOptions = FULL) -> dict[str, object]:
    """The field-by-field dumper (masking and pseudonyms; the reference for the compiled)."""
    out: dict[str, object] = {}
    for f in fields_of(type(obj)):
        value = getattr(obj, f.name)
        how = EXPORT_TABLE[f.sensitive][opts.mode] if f.sensitive else "keep"
        if how == "omit":
            continue
        if value is None or how in {"keep", "hmac"} or f.sensitive == "identifier":
            out[f.name] = f.kind.dump(value, opts)
        elif how == "year":
            out[f.name] = mask_date(value)
        else:  # a name, or a tuple of names
            out[f.name] = (
                mask_name(value) if isinstance(value, str) else [mask_name(v) for v in value]
            )
    return out


def masked_repr(obj: Model) -> str:
    """The ``repr`` of a model whose ``identifier`` fields stand beside a birth date.

    Identifiers show themselves masked; ``birth`` fields show only their year, so
    that the hidden digits of a masked ID cannot be read off beside it.
    """
    parts = []
    for f in fields_of(type(obj)):
        value = getattr(obj, f.name)
        shown = mask_date(value) if f.sensitive == "birth" and value is not None else value
        parts.append(f"{f.name}={shown!r}")
    return f"{type(obj).__name__}({', '.join(parts)})"


def object_schema(cls: type[Model], defs: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of one model as an object (nested models go into ``defs``)."""
    props: dict[str, Any] = {}
    required = []
    for f in fields_of(cls):
        prop = f.kind.schema(defs)
        if f.doc:
            prop = {"description": f.doc, **prop}
        if f.sensitive:
            prop["x-kongchuo-sensitive"] = f.sensitive
        props[f.name] = prop
        if f.required:
            required.append(f.name)
    summary = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else cls.__name__
    return {
        "title": cls.__name__,
        "description": summary,
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": False,
    }
