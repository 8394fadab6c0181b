"""Enums whose members carry a Chinese label (带中文标签的枚举), and reading them.

Every kongchuo enum derives from :class:`LabelledEnum`: a string enum whose member
is written ``NAME = "value", "中文标签"``. The value is the stable string of
documents; :attr:`~LabelledEnum.label_zh` is the label shown to people;
:meth:`~LabelledEnum.from_label` reads either back, for intake from forms and
spreadsheets. :func:`parse_members` reads a list of member values (a policy
document's ladder, parties or ledgers) with one set of messages.

This module stands below every layer of the design (docs/design.md): everything may import it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, Self, TypeVar

from kongchuo._core.errors import ROOT, Problem, ValidationError, problem, quote, type_name

__all__ = [
    "LabelledEnum",
    "choices",
    "choices_zh",
    "from_value",
    "parse_members",
    "type_problem",
    "unknown_problem",
]

E = TypeVar("E", bound="LabelledEnum")


class LabelledEnum(enum.StrEnum):
    """A string enum whose members carry a Chinese label (带中文标签的枚举).

    A member is declared as ``NAME = "value", "中文标签"``: the value is what
    documents hold, the label what people read.

    Example:
        >>> class Colour(LabelledEnum):
        ...     RED = "red", "红"
        ...     BLUE = "blue", "蓝"
        >>> Colour.RED, Colour.RED.label_zh
        (<Colour.RED: 'red'>, '红')
        >>> Colour.from_label("蓝"), Colour.from_label("red")
        (<Colour.BLUE: 'blue'>, <Colour.RED: 'red'>)
    """

    _value_: str
    _label_zh: str

    if TYPE_CHECKING:
        # What type checkers see: ``Sex("male")`` looks a member up by its value.
        def __new__(cls, value: str) -> Self: ...

    else:

        def __new__(cls, value: str, label_zh: str) -> Self:
            # Called once per member while the class is made, with its two strings.
            member = str.__new__(cls, value)
            member._value_ = value
            member._label_zh = label_zh  # noqa: SLF001 - the member being made
            return member

    @property
    def label_zh(self) -> str:
        """The Chinese label (中文标签)."""
        return self._label_zh

    @classmethod
    def from_label(cls, text: object, *, path: str = ROOT) -> Self:
        """Return the member whose Chinese label or value is ``text``.

        Surrounding white space is ignored.

        Args:
            text: A Chinese label such as ``"男"`` or a value such as ``"male"``.
            path: Where ``text`` stands, for the error.

        Raises:
            ValidationError: ``enum.unknown`` if ``text`` is neither, listing the
                accepted labels; ``type`` if it is not a string.

        Example:
            >>> from kongchuo import Sex
            >>> Sex.from_label("男"), Sex.from_label(" female ")
            (<Sex.MALE: 'male'>, <Sex.FEMALE: 'female'>)
            >>> try:
            ...     Sex.from_label("未知")
            ... except ValidationError as exc:
            ...     print(exc.code, exc.message_zh)
            enum.unknown '未知' 不是以下之一：男、女
        """
        if not isinstance(text, str):
            raise ValidationError.of([type_problem(cls, text, path)])
        table = _lookup(cls)
        member = table.get(text) or table.get(text.strip())
        if member is None:
            raise ValidationError.of([unknown_problem(cls, text, path)])
        return member


def from_value(cls: type[E], raw: object, path: str = ROOT) -> E:
    """Return the member of ``cls`` whose value is ``raw``: the strict reading of documents.

    Documents hold values, never labels; a bad value is reported with the labels.

    Example:
        >>> from kongchuo import Sex
        >>> from_value(Sex, "female")
        <Sex.FEMALE: 'female'>
        >>> try:
        ...     from_value(Sex, "女")
        ... except ValidationError as exc:
        ...     print(exc)
        $: '女' is not one of male, female ('女' 不是以下之一：男、女) [enum.unknown]
    """
    try:
        return cls._value2member_map_[raw]  # type: ignore[return-value]
    except (KeyError, TypeError):
        pass
    if raw.__class__ is not str:
        raise ValidationError.of([type_problem(cls, raw, path)])
    raise ValidationError.of([unknown_problem(cls, raw, path)])


def _lookup(cls: type[E]) -> Mapping[str, E]:
    table: dict[str, E] | None = cls.__dict__.get("_by_label_")
    if table is None:
        table = {m.value: m for m in cls}
        table.update({m.label_zh: m for m in cls})
        type.__setattr__(cls, "_by_label_", table)
    return table


def choices(cls: type[LabelledEnum]) -> str:
    """The values of an enum, for English messages.

    Example:
        >>> from kongchuo import Sex
        >>> choices(Sex)
        'male, female'
    """
    return ", ".join(m.value for m in cls)


def choices_zh(cls: type[LabelledEnum]) -> str:
    """The Chinese labels of an enum, for Chinese messages.

    Example:
        >>> from kongchuo import Sex
        >>> choices_zh(Sex)
        '男、女'
    """
    return "、".join(m.label_zh for m in cls)


def unknown_problem(cls: type[LabelledEnum], text: str, path: str = ROOT) -> Problem:
    """The problem of a string that is neither a value nor a label of ``cls``."""
    return problem(
        "enum.unknown",
        f"{quote(text)} is not one of {choices(cls)}",
        f"{quote(text)} 不是以下之一：{choices_zh(cls)}",
        path,
    )


def type_problem(cls: type[LabelledEnum], value: object, path: str = ROOT) -> Problem:
    """The problem of a value that is not even a string, where ``cls`` is expected."""
    return problem(
        "type",
        f"expected one of {choices(cls)}, got {type_name(value)}",
        f"应为以下之一：{choices_zh(cls)}，实际为 {type_name(value)}",
        path,
    )


def parse_members(
    cls: type[E],
    raw: object,
    path: str,
    *,
    code: str,
    what: tuple[str, str],
    non_empty: bool = False,
    unique: bool = False,
) -> list[E]:
    """Read a list of member values of ``cls`` from a document (the one enum-list reader).

    Args:
        cls: The enum.
        raw: The raw JSON or TOML value: a list of member values.
        path: Where the list stands.
        code: The problem code for a wrong shape, such as ``"policy.value"``.
        what: What the list holds, in English and in Chinese, for messages.
        non_empty: Whether an empty list is refused.
        unique: Whether a member listed twice is refused.

    Raises:
        ValidationError: Every bad item, each with its path, in one pass.

    Example:
        >>> from kongchuo import Sex
        >>> parse_members(Sex, ["male", "female"], "$.sexes", code="x", what=("sexes", "性别"))
        [<Sex.MALE: 'male'>, <Sex.FEMALE: 'female'>]
    """
    en, zh = what
    if not isinstance(raw, list) or (non_empty and not raw):
        qualifier, qualifier_zh = ("a non-empty ", "非空的") if non_empty else ("a ", "")
        raise ValidationError(
            code,
            f"expected {qualifier}list of {en}, got {type_name(raw)}",
            f"应为{qualifier_zh}{zh}列表，实为 {type_name(raw)}",
            path=path,
        )
    found: list[E] = []
    problems: list[Problem] = []
    for index, item in enumerate(raw):
        try:
            found.append(from_value(cls, item, f"{path}[{index}]"))
        except ValidationError as exc:
            problems.extend(exc.errors)
    if not problems and unique and len(set(found)) != len(found):
        problems.append(problem(code, f"{en}: a member is listed twice", f"{zh}重复", path))
    if problems:
        raise ValidationError.of(problems)
    return found
