"""Cell values as people type them, read into the values the models take (单元格取值).

A spreadsheet cell may hold full-width digits, stray spaces, invisible characters
copied from a web page, a date in one of four common spellings, an enum's Chinese
label, or an ID number that the spreadsheet turned into a number. Each reader here
takes one raw cell and returns the value a model field takes plus the warnings
(never a silent change); a value that cannot be read raises :class:`CellError` with
an error finding. Raw input is quoted only through :func:`kongchuo.quote`, so no
message shows a full ID number.

Part of the batch layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, Final

import kongchuo
from kongchuo import Finding, LabelledEnum, Severity, ValidationError, quote
from kongchuo._core.decision import finding

__all__ = [
    "CellError",
    "column_finding",
    "read_bool",
    "read_date",
    "read_enum",
    "read_int",
    "read_resident_id",
    "read_student_number",
    "read_text",
]

_INVISIBLE: Final = frozenset(
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
)
_ODD: Final = re.compile(
    "[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\uff01-\uff5e\u3000\u00a0]"
)
_WIDE: Final = {chr(0xFF01 + i): chr(0x21 + i) for i in range(94)} | {
    "\u3000": " ",
    "\u00a0": " ",
}
_SCIENTIFIC: Final = re.compile(r"^[0-9](\.[0-9]+)?[eE][+]?[0-9]+$")
_DATE_SEP: Final = re.compile(r"^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})$")
_DATE_ZH: Final = re.compile(r"^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日?$")
_DATE_PACKED: Final = re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})$")
_TRUE: Final = frozenset({"是", "true", "True", "TRUE", "1", "Y", "y", "yes", "Yes", "有", "农村"})
_FALSE: Final = frozenset(
    {"否", "false", "False", "FALSE", "0", "N", "n", "no", "No", "无", "城镇"}
)


class CellError(Exception):
    """A cell that cannot be read; carries the error finding (单元格无法读取)."""

    def __init__(self, finding: Finding) -> None:
        """Hold ``finding``."""
        super().__init__(str(finding))
        self.finding = finding


def column_finding(
    code: str, field: str, header: str, en: str, zh: str, *, severity: Severity = Severity.WARNING
) -> Finding:
    """A finding about one cell, naming its column as the source wrote it."""
    return finding(
        code,
        f"column {quote(header)}: {en}",
        f"“{header}”列：{zh}",
        f"$.{field}",
        severity=severity,
    )


def _fail(code: str, field: str, header: str, en: str, zh: str) -> CellError:
    return CellError(column_finding(code, field, header, en, zh, severity=Severity.ERROR))


def _char_names(text: str) -> str:
    names = dict.fromkeys(
        f"U+{ord(c):04X} {unicodedata.name(c, 'UNNAMED')}" for c in text if c in _INVISIBLE
    )
    return ", ".join(names)


def read_text(
    raw: object, field: str, header: str, notes: list[Finding], *, squeeze: bool = False
) -> str | None:
    """The text of a cell, cleaned; ``None`` for an empty cell.

    Invisible characters are removed and named in a warning; full-width letters,
    digits and spaces become ASCII and stray spaces are trimmed, with a warning.
    ``squeeze`` removes every space (for numbers and codes).

    Example:
        >>> notes = []
        >>> read_text(" ３７０９８３\u200b", "region", "户籍地", notes, squeeze=True)
        '370983'
        >>> [n.code for n in notes]
        ['batch.value.invisible', 'batch.value.normalised', 'batch.value.spaces']
        >>> "U+200B ZERO WIDTH SPACE" in notes[0].message
        True
    """
    if raw is None:
        return None
    text = raw if raw.__class__ is str else str(raw)
    if _ODD.search(text) is not None:
        if any(c in _INVISIBLE for c in text):
            names = _char_names(text)
            notes.append(
                column_finding(
                    "batch.value.invisible",
                    field,
                    header,
                    f"removed invisible characters: {names}",
                    f"已删除不可见字符：{names}",
                )
            )
            text = "".join(c for c in text if c not in _INVISIBLE)
        wide = "".join(_WIDE.get(c, c) for c in text)
        if wide != text:
            notes.append(
                column_finding(
                    "batch.value.normalised",
                    field,
                    header,
                    "full-width characters read as ASCII (全角转半角)",
                    "全角字符已转为半角",
                )
            )
            text = wide
    cleaned = "".join(text.split()) if squeeze else text.strip()
    if cleaned != text:
        notes.append(
            column_finding(
                "batch.value.spaces",
                field,
                header,
                "stray spaces removed",
                "已删除多余空格",
            )
        )
    return cleaned or None


def read_date(raw: object, field: str, header: str, notes: list[Finding]) -> dt.date | None:
    """A date as ``2015-09-24``, ``2015/9/24``, ``2015.9.24``, ``2015年9月24日`` or ``20150924``.

    Spreadsheet dates (:class:`datetime.date` or :class:`datetime.datetime` at
    midnight) are taken as they are.

    Raises:
        CellError: ``batch.date.format`` or ``batch.date.invalid``.

    Example:
        >>> [read_date(t, "d", "日期", []) for t in ("2015/9/24", "2015年9月24日", "20150924")]
        [datetime.date(2015, 9, 24), datetime.date(2015, 9, 24), datetime.date(2015, 9, 24)]
    """
    if raw.__class__ is dt.datetime:
        moment: dt.datetime = raw
        if moment.time() != dt.time(0):
            raise _fail(
                "batch.date.format",
                field,
                header,
                "a date with a time of day; give the date alone",
                "日期带有时间，请只填写日期",
            )
        return moment.date()
    if raw.__class__ is dt.date:
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raise _fail(
            "batch.date.number",
            field,
            header,
            "a number, not a date: format the column as a date or as text (设置为文本)",
            "为数字而非日期，请将该列设置为日期或文本格式",
        )
    text = read_text(raw, field, header, notes, squeeze=True)
    if text is None:
        return None
    found = _DATE_SEP.match(text) or _DATE_ZH.match(text) or _DATE_PACKED.match(text)
    if found is None:
        raise _fail(
            "batch.date.format",
            field,
            header,
            f"{quote(text, bare=True)} is not a date such as 2015-09-24, 2015/9/24, "
            "2015年9月24日 or 20150924",
            f"{quote(text, bare=True)} 不是日期"
            "（应如 2015-09-24、2015/9/24、2015年9月24日 或 20150924）",
        )
    year, month, day = (int(g) for g in found.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _fail(
            "batch.date.invalid",
            field,
            header,
            f"there is no day {year}-{month:02d}-{day:02d}",
            f"不存在 {year}-{month:02d}-{day:02d} 这一天",
        ) from None


def read_int(raw: object, field: str, header: str, notes: list[Finding]) -> int | None:
    """A whole number, such as a grade; ``"3.0"`` from a spreadsheet reads as 3.

    Raises:
        CellError: ``batch.int.format``.

    Example:
        >>> read_int("４", "grade", "年级", []), read_int(3.0, "grade", "年级", [])
        (4, 3)
    """
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    text = read_text(raw, field, header, notes, squeeze=True)
    if text is None:
        return None
    text = text.removesuffix(".0")
    if not (text.isascii() and text.isdigit()) or len(text) > 6:
        raise _fail(
            "batch.int.format",
            field,
            header,
            f"{quote(text, bare=True)} is not a whole number",
            f"{quote(text, bare=True)} 不是整数",
        )
    return int(text)


def read_bool(raw: object, field: str, header: str, notes: list[Finding]) -> bool | None:
    """是/否, true/false, 1/0, Y/N (and 农村/城镇 for a household's kind).

    Raises:
        CellError: ``batch.bool.format``.

    Example:
        >>> (
        ...     read_bool("是", "rural_household", "农村户籍", []),
        ...     read_bool("城镇", "r", "户口性质", []),
        ... )
        (True, False)
    """
    if raw.__class__ is bool:
        return raw
    text = read_text(raw, field, header, notes, squeeze=True)
    if text is None:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _fail(
        "batch.bool.format",
        field,
        header,
        f"{quote(text, bare=True)} is not yes or no (是/否)",
        f"{quote(text, bare=True)} 不是“是”或“否”",
    )


_ENUM_MEMO: Final[dict[tuple[type[LabelledEnum], str], LabelledEnum | None]] = {}


def read_enum(
    raw: object,
    field: str,
    header: str,
    notes: list[Finding],
    *,
    kind: type[LabelledEnum],
    aliases: dict[str, str] | None = None,
) -> Any:  # noqa: ANN401 - a member of ``kind``
    """A member of ``kind`` written as its value or its Chinese label (or a mapping's alias).

    Raises:
        CellError: ``batch.enum.unknown``, listing the values and labels accepted.

    Example:
        >>> from kongchuo import Sex
        >>> (
        ...     read_enum("女", "sex", "性别", [], kind=Sex),
        ...     read_enum("male", "sex", "性别", [], kind=Sex),
        ... )
        (<Sex.FEMALE: 'female'>, <Sex.MALE: 'male'>)
    """
    if isinstance(raw, kind):
        return raw
    text = read_text(raw, field, header, notes)
    if text is None:
        return None
    if aliases:
        text = aliases.get(text, text)
    key = (kind, text)
    member = _ENUM_MEMO.get(key, _ENUM_MEMO)
    if member is _ENUM_MEMO:
        try:
            member = kind.from_label(text)
        except ValidationError:
            member = None
        if len(_ENUM_MEMO) < 1 << 14:
            _ENUM_MEMO[key] = member
    if member is None:
        known = "、".join(m.label_zh for m in kind)
        raise _fail(
            "batch.enum.unknown",
            field,
            header,
            f"{quote(text, bare=True)} is not one of {known} (or their English values)",
            f"{quote(text, bare=True)} 不是可接受的取值（{known}）",
        )
    return member


def _number_hint(field: str, header: str) -> CellError:
    return _fail(
        "batch.id.number",
        field,
        header,
        "the spreadsheet turned the number into a number and lost digits "
        "(such as 3.70983E+17): format the column as text (设置为文本) and enter it again",
        "号码被表格软件转换成了数值并丢失了位数（如 3.70983E+17）："
        "请将该列设置为文本格式后重新录入",
    )


def _id_text(raw: object, field: str, header: str, notes: list[Finding]) -> str | None:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raise _number_hint(field, header)
    text = read_text(raw, field, header, notes, squeeze=True)
    if text is None:
        return None
    if _SCIENTIFIC.match(text) or (text.endswith(".0") and text[:-2].isdigit()):
        raise _number_hint(field, header)
    return text


def read_resident_id(
    raw: object, field: str, header: str, notes: list[Finding]
) -> kongchuo.ResidentId | None:
    """A resident ID number; a lower-case ``x`` is read as ``X``.

    Raises:
        CellError: ``batch.id.number`` (with the hint to format the column as text)
            or the ``resident_id.*`` code of :meth:`kongchuo.ResidentId.parse`.

    Example:
        >>> read_resident_id("3.70983E+17", "resident_id", "身份证号", [])
        Traceback (most recent call last):
        ...
        kongchuo.batch._cells.CellError: [error] $.resident_id: ... [batch.id.number]
    """
    text = _id_text(raw, field, header, notes)
    if text is None:
        return None
    try:
        return kongchuo.ResidentId.parse(text)
    except ValidationError as exc:
        raise _fail(exc.code, field, header, exc.message, exc.message_zh) from None


def read_student_number(
    raw: object, field: str, header: str, notes: list[Finding]
) -> kongchuo.StudentNumber | None:
    """A national student number (学籍号), G, J or L and 18 characters.

    Raises:
        CellError: ``batch.id.number`` or a ``student_number.*`` code.

    Example:
        >>> read_student_number("g370983201509010012", "s", "学籍号", []).kind.value
        'G'
    """
    text = _id_text(raw, field, header, notes)
    if text is None:
        return None
    if text[:1] in "gjl":
        text = text[0].upper() + text[1:]
    try:
        return kongchuo.StudentNumber.parse(text)
    except ValidationError as exc:
        raise _fail(exc.code, field, header, exc.message, exc.message_zh) from None
