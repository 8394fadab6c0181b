"""Identity numbers: resident ID numbers (居民身份证号码) and student numbers (学籍号).

Both are value objects that hold the full number but show only a masked form in
``str`` and ``repr``. They are part of the identity layer of the design (docs/design.md).

Parsing is on the hot path of every county-wide batch, so the checks avoid the slow
parts of python-stdnum: the check character uses stdnum's own formula, the region
table is read once (see :mod:`kongchuo.regions`), and birth dates of 1900–2099 come
from a table built on first use instead of a fresh :class:`datetime.date` per number.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from functools import cache, lru_cache
from typing import Final, Self

import attrs

from kongchuo import regions as _regions
from kongchuo._core.enums import LabelledEnum
from kongchuo._core.errors import ValidationError, redact, type_name
from kongchuo.regions import Region

__all__ = ["Compacted", "ResidentId", "Sex", "StudentNumber", "StudentNumberKind"]


class Sex(LabelledEnum):
    """Sex as recorded in the household register (性别).

    The values are stable strings for documents; :attr:`label_zh` is the Chinese
    label and :attr:`gb_code` the code of GB/T 2261.1.

    Example:
        >>> Sex.FEMALE.label_zh, Sex.FEMALE.gb_code
        ('女', '2')
    """

    MALE = "male", "男"
    FEMALE = "female", "女"

    @property
    def gb_code(self) -> str:
        """The code of GB/T 2261.1: ``"1"`` for male, ``"2"`` for female."""
        return "1" if self is Sex.MALE else "2"


_FAST_YEARS: Final = range(1900, 2100)
_MIN_YEAR: Final = 1800


@cache
def shared_dates() -> dict[str, dt.date]:
    """Every ``YYYYMMDD`` of 1900–2099 mapped to its (shared) date object."""
    day = dt.date(_FAST_YEARS.start, 1, 1)
    end = dt.date(_FAST_YEARS.stop, 1, 1)
    one = dt.timedelta(days=1)
    table: dict[str, dt.date] = {}
    while day < end:
        table[day.strftime("%Y%m%d")] = day
        day += one
    return table


def _birth_date(digits: str) -> dt.date | None:
    """The date in ``YYYYMMDD`` form, or ``None`` if there is no such day."""
    found = shared_dates().get(digits)
    if found is not None:
        return found
    year = int(digits[:4])
    if year < _MIN_YEAR or year in _FAST_YEARS:
        return None
    try:
        return dt.date(year, int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


@cache
def _validity() -> dict[str, tuple[str, str, tuple[tuple[str, str], ...]]]:
    """``code -> (first year, last year, further spans)`` for the strict check.

    A code's validity spans are merged where they touch, so almost every code has
    one span and the check is one string comparison: four-digit years compare as
    text as they do as numbers, and the birth year need not be converted.
    """
    table: dict[str, tuple[str, str, tuple[tuple[str, str], ...]]] = {}
    for code, regions in _regions._table().items():  # noqa: SLF001 - same layer's data
        merged: list[list[int]] = []
        for lo, hi in sorted((r.valid_from or 0, r.valid_to or 9999) for r in regions):
            if merged and lo <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        spans = [(f"{lo:04d}", f"{hi:04d}") for lo, hi in merged]
        table[code] = (*spans[0], tuple(spans[1:]))
    return table


_VALIDITY: dict[str, tuple[str, str, tuple[tuple[str, str], ...]]] = {}


def _fill_validity() -> dict[str, tuple[str, str, tuple[tuple[str, str], ...]]]:
    _VALIDITY.update(_validity())
    return _VALIDITY


class _OpenFrom(dict[str, str]):
    """``code -> code + first year`` for every code valid from a year to this day.

    Almost every code has one such span, and the strict check's fast path is then
    one look-up and one comparison of the whole number with ten characters: the
    number's code is the same, so it sorts at or after them exactly when its birth
    year is that year or later (a hand-written check looks a code up in a set). Any
    other code reads as ``"~"``, after every number, and takes the slow path. The
    table is read on the first look-up (``__missing__`` of the empty table), not
    through a test on every call.
    """

    def __missing__(self, code: str) -> str:
        if not self:
            self.update(
                (code, code + lo)
                for code, (lo, hi, rest) in _validity().items()
                if hi == "9999" and not rest
            )
            return self.get(code, "~")
        return "~"


_OPEN_FROM: Final = _OpenFrom()


def _region_valid(code: str, year: str) -> bool:
    """Whether region ``code`` is valid in the four-digit ``year`` (the slow path)."""
    found = (_VALIDITY or _fill_validity()).get(code)
    if found is None:
        return False
    lo, hi, rest = found
    return lo <= year <= hi or any(a <= year <= b for a, b in rest)


@lru_cache(maxsize=1 << 16)
def _region_in(code: str, year: int) -> Region | None:
    """The region ``code`` named in ``year``; cached, because batches repeat codes."""
    return _regions.lookup(code, year=year)


@lru_cache(maxsize=1 << 14)
def _region_latest(code: str) -> Region | None:
    return _regions.lookup(code)


def _fail(code: str, en: str, zh: str, path: str) -> ValidationError:
    return ValidationError(f"resident_id.{code}", en, zh, path=path)


def _check_resident_id(text: object, path: str) -> str:
    """Return the normalised number or raise; the fast path has no region lookup."""
    if not isinstance(text, str):
        raise ValidationError(
            "type",
            f"a resident ID number must be a str, not {type_name(text)}",
            f"身份证号码必须是字符串，而不是 {type_name(text)}",
            path=path,
        )
    value = text.strip()
    if len(value) != 18:
        shown = redact(value)
        if len(value) == 15 and value.isascii() and value.isdigit():
            raise _fail(
                "legacy_15",
                f"{shown} is a 15-digit first-generation number; use the 18-digit number",
                f"{shown} 是 15 位的第一代身份证号码，请使用 18 位号码",
                path,
            )
        raise _fail(
            "length",
            f"a resident ID number has 18 characters, {shown} has {len(value)}",
            f"身份证号码应为 18 位，{shown} 为 {len(value)} 位",
            path,
        )
    body = value[:17]
    last = value[17]
    if not (body.isascii() and body.isdigit()) or last not in "0123456789Xx":
        raise _fail(
            "format",
            f"{redact(value)}: the first 17 characters must be ASCII digits and the last "
            "a digit or X (no spaces, full-width digits or other letters)",
            f"{redact(value)}：前 17 位必须是半角数字，末位是数字或 X"
            "（不能有空格、全角数字或其他字母）",
            path,
        )
    if last == "x":
        value = body + "X"
    if _birth_date(value[6:14]) is None:
        raise _fail(
            "birth_date",
            f"{redact(value)}: characters 7-14 are not a real date",
            f"{redact(value)}：第 7—14 位不是有效的出生日期",
            path,
        )
    if check_character(value[:17]) != value[17]:
        raise _fail(
            "checksum",
            f"{redact(value)}: the check character is wrong (ISO 7064 MOD 11-2); "
            "a digit was probably mistyped",
            f"{redact(value)}：校验码错误（ISO 7064 MOD 11-2），可能有数字录入错误",
            path,
        )
    return value


_SEPARATORS: Final = frozenset("-_.·/")
_CHANGE_ZH: Final = {
    "width": "全角字符已转为半角",
    "space": "已删除空格",
    "separator": "已删除分隔符",
    "case": "字母已转为大写",
}


@attrs.frozen(repr=False)
class Compacted:
    """A number as typed, cleaned up, with what was changed (整理结果).

    Attributes:
        value: The cleaned-up text (not yet checked: parse it to check it).
        changes: What was changed, as codes: ``width`` (full-width characters made
            half-width, 全角转半角), ``space`` (spaces removed), ``separator``
            (hyphens, dots or slashes removed), ``case`` (letters made upper case).

    The text is shown masked in ``repr``, like the numbers themselves.
    """

    value: str
    changes: tuple[str, ...]

    @property
    def changes_zh(self) -> tuple[str, ...]:
        """The changes in Chinese, such as ``"全角字符已转为半角"``."""
        return tuple(_CHANGE_ZH[c] for c in self.changes)

    def __repr__(self) -> str:
        """Return ``Compacted('<masked>', changes=(...))``."""
        return f"Compacted({redact(self.value)!r}, changes={self.changes!r})"


def _compact(text: object, path: str) -> Compacted:
    if not isinstance(text, str):
        raise ValidationError(
            "type",
            f"expected a str, got {type_name(text)}",
            f"应为字符串，实为 {type_name(text)}",
            path=path,
        )
    changes: list[str] = []
    value = unicodedata.normalize("NFKC", text)
    if value != text:
        changes.append("width")
    stripped = "".join(value.split())
    if stripped != value.strip():
        changes.append("space")
    cleaned = "".join(c for c in stripped if c not in _SEPARATORS)
    if cleaned != stripped:
        changes.append("separator")
    if cleaned.upper() != cleaned:
        changes.append("case")
    return Compacted(cleaned.upper(), tuple(changes))


_CHECK_CHARS: Final = "0123456789X"


def check_character(body: str) -> str:
    """The ISO 7064 MOD 11-2 check character of 17 digits (python-stdnum's formula).

    ``int(body, 13)`` weighs each digit by a power of 13, which is 2**k modulo 11;
    reducing the big number first keeps the arithmetic small. :meth:`ResidentId.parse`
    repeats this expression inline on its fast path; a property test pins both to
    ``stdnum.cn.ric.calc_check_digit``.
    """
    return _CHECK_CHARS[(1 - 2 * (int(body, 13) % 11)) % 11]


_DATE_TABLE: dict[str, dt.date] = {}


def _fill_date_table() -> dict[str, dt.date]:
    _DATE_TABLE.update(shared_dates())
    return _DATE_TABLE


@attrs.frozen(repr=False)
class ResidentId:
    """An 18-character resident ID number (公民身份号码, GB 11643-1999).

    Build one with :meth:`parse`. It keeps the full number in :attr:`value` for the
    systems that need it, but ``str()`` and ``repr()`` show only :meth:`masked`.
    Instances are frozen, hashable, equal by value and picklable.

    Attributes:
        value: The normalised number (upper-case ``X``).

    Example:
        >>> rid = ResidentId.parse(" 11010519491231002x ")
        >>> rid
        ResidentId('110105********002X')
        >>> rid.birth_date, rid.sex, rid.region_code, rid.region.name
        (datetime.date(1949, 12, 31), <Sex.FEMALE: 'female'>, '110105', '朝阳区')

    References:
        GB 11643-1999; FC-1.1, FC-2.2 (records are merged by ID number).
    """

    value: str = attrs.field()

    @value.validator
    def _check(self, _attribute: object, value: object) -> None:
        if _check_resident_id(value, "$") != value:
            raise _fail(
                "not_normalised",
                "build a ResidentId with ResidentId.parse(), which normalises the text",
                "请用 ResidentId.parse() 构造，它会规范化输入",
                "$",
            )

    @classmethod
    def parse(cls, text: str, *, strict_region: bool = False, path: str = "$") -> Self:
        """Parse and check a resident ID number.

        Surrounding whitespace is stripped and a lower-case ``x`` accepted. The
        number must have 17 ASCII digits and a digit or ``X``, a real birth date and
        the right ISO 7064 MOD 11-2 check character.

        The region code is lenient by default: a well-formed number whose code is
        unknown or retired still parses, because the code records where the number
        was first issued and rejecting a real child's number blocks case work. With
        ``strict_region=True`` the code must be known and valid in the birth year.

        Args:
            text: The number as typed.
            strict_region: Also check the region code against the birth year.
            path: Where the number sits in a larger document, for error messages.

        Returns:
            The parsed number.

        Raises:
            ValidationError: With code ``type``, ``resident_id.length``,
                ``.legacy_15``, ``.format``, ``.birth_date``, ``.checksum`` or
                (strict only) ``.region``. The message shows only a masked number.

        Example:
            >>> ResidentId.parse("11010519491231002X").masked()
            '110105********002X'
            >>> ResidentId.parse("110105194912310021")
            Traceback (most recent call last):
            ...
            kongchuo.ValidationError: $: 110105********0021: the check character is wrong ...
            >>> ResidentId.parse("110103201501010014", strict_region=True)
            Traceback (most recent call last):
            ...
            kongchuo.ValidationError: $: 110103********0014: region code 110103 ...

        Limitations:
            Without a clock the parser cannot reject a birth date in the future; rules
            that take ``as_of`` check that. Dates before 1800 are rejected.
        """
        # The fast path, inline because most numbers are already normalised: 17 ASCII
        # digits, the right check character (stdnum's ISO 7064 MOD 11-2 formula with
        # the big number reduced first) and a birth date in the 1900-2099 table.
        # Anything else goes through _check_resident_id, which normalises it or names
        # the exact problem.
        if (
            text.__class__ is str
            and len(text) == 18
            and (body := text[:17]).isascii()
            and body.isdigit()
            and text[17] == _CHECK_CHARS[(1 - 2 * (int(body, 13) % 11)) % 11]
            and text[6:14] in (_DATE_TABLE or _fill_date_table())
        ):
            value = text
        else:
            value = _check_resident_id(text, path)
        if (
            strict_region
            and value < _OPEN_FROM[value[:6]]
            and not _region_valid(value[:6], value[6:10])
        ):
            year = int(value[6:10])
            raise _fail(
                "region",
                f"{redact(value)}: region code {value[:6]} is not known for {year}",
                f"{redact(value)}：行政区划代码 {value[:6]} 在 {year} 年无效或未知",
                path,
            )
        new = _new(cls)
        _set_value(new, value)
        return new

    @property
    def birth_date(self) -> dt.date:
        """The birth date held in characters 7–14."""
        found = _birth_date(self.value[6:14])
        assert found is not None  # noqa: S101 - checked when parsed
        return found

    @property
    def sex(self) -> Sex:
        """The sex from the parity of the 17th character: odd male, even female."""
        return Sex.MALE if int(self.value[16]) % 2 else Sex.FEMALE

    @property
    def region_code(self) -> str:
        """The 6-digit region code (地址码) where the number was first issued."""
        return self.value[:6]

    @property
    def region(self) -> Region | None:
        """The region the code named in the birth year, or the latest name; else ``None``.

        Example:
            >>> ResidentId.parse("370983201509010012").region.name
            '肥城市'
            >>> ResidentId.parse("990000201509010018").region is None
            True
        """
        code = self.value[:6]
        return _region_in(code, int(self.value[6:10])) or _region_latest(code)

    @classmethod
    def is_valid(cls, text: object, *, strict_region: bool = False) -> bool:
        """Whether ``text`` parses, as python-stdnum's ``is_valid`` (校验).

        Example:
            >>> ResidentId.is_valid("11010519491231002X"), ResidentId.is_valid("110105")
            (True, False)
        """
        try:
            cls.parse(text, strict_region=strict_region)  # type: ignore[arg-type]
        except ValidationError:
            return False
        return True

    @staticmethod
    def compact(text: str) -> Compacted:
        """Clean up a number as people type it, saying what changed (整理).

        Full-width digits become half-width, spaces and separators go, ``x``
        becomes ``X``. The result is not checked: :meth:`parse` it. :meth:`parse`
        itself refuses such text rather than guess, so that a typing slip is seen.

        Raises:
            ValidationError: ``compact.type`` for something that is not a str.

        Example:
            >>> c = ResidentId.compact("１１０１０５ 19491231 002x")
            >>> c.changes, c.changes_zh[0]
            (('width', 'space', 'case'), '全角字符已转为半角')
            >>> ResidentId.parse(c.value)
            ResidentId('110105********002X')
        """
        return _compact(text, "$")

    @classmethod
    def format(cls, text: str, *, separator: str = " ") -> str:
        """The full number in groups of 6, 8 and 4 (region, birth date, sequence).

        The text is compacted and parsed first. The result holds the full number:
        it is for a form the holder fills in, never for a log.

        Raises:
            ValidationError: As :meth:`parse`.

        Example:
            >>> ResidentId.format("11010519491231002x")
            '110105 19491231 002X'
        """
        value = cls.parse(_compact(text, "$").value).value
        return separator.join((value[:6], value[6:14], value[14:]))

    def masked(self) -> str:
        """The first 6 characters, eight ``*`` and the last 4 (遮蔽显示).

        Example:
            >>> ResidentId.parse("11010519491231002X").masked()
            '110105********002X'
        """
        return redact(self.value)

    def __str__(self) -> str:
        """Return the masked number."""
        return self.masked()

    def __repr__(self) -> str:
        """Return ``ResidentId('<masked>')``: never the full number."""
        return f"ResidentId({self.masked()!r})"


_new = object.__new__
_set_value = ResidentId.__dict__["value"].__set__


def known_resident_id(value: str) -> ResidentId:
    """The :class:`ResidentId` of ``value``, a number already parsed: not checked again.

    Only for the batch layer's column readers, whose ID columns hold nothing but the
    normalised values of numbers the intake's checks passed (the fast path's tests as
    column expressions, or :meth:`ResidentId.parse` itself); never for text from a
    user. The object is the one :meth:`ResidentId.parse` builds: equal, with the same
    hash, masked repr and pickle.

    Example:
        >>> known_resident_id("11010519491231002X") == ResidentId.parse("11010519491231002X")
        True
    """
    new = _new(ResidentId)
    _set_value(new, value)
    return new


#: :meth:`ResidentId.parse` with lenient regions, bound once for batch loaders.
resident_id_fast: Final = ResidentId.parse

RESIDENT_ID_QUICK: Final = (
    "len({v}) == 18 and ({body} := {v}[:17]).isascii() and {body}.isdigit()"
    " and {v}[17] == _RID_CHECK[(1 - 2 * (int({body}, 13) % 11)) % 11]"
    " and {v}[6:14] in _RID_DATES"
)
"""The test of :meth:`ResidentId.parse`'s fast path as source, for the compiled loaders.

For a str ``{v}`` (``{body}`` names a local for its 17 digits): when true, ``{v}`` is
a normalised number that :meth:`ResidentId.parse` returns as it is, so a loader
builds its :func:`known_resident_id` inline without the call. The names it reads are
:func:`resident_id_quick_names`; a property test pins it to ``parse``.
"""


def resident_id_quick_names() -> dict[str, object]:
    """The names :data:`RESIDENT_ID_QUICK` reads, and those to build the number inline."""
    return {
        "_RID_CHECK": _CHECK_CHARS,
        "_RID_DATES": _DATE_TABLE or _fill_date_table(),
        "_RID_NEW": _new,
        "_RID_CLASS": ResidentId,
        "_RID_SET": _set_value,
    }


class StudentNumberKind(LabelledEnum):
    """The kind of a national student number (学籍号类别), by its first letter.

    Example:
        >>> StudentNumberKind("L").label_zh
        '临时学籍号'
    """

    G = "G", "正式学籍号"
    L = "L", "临时学籍号"
    J = "J", "无有效身份证件学生学籍号"


def _student_fail(code: str, en: str, zh: str, path: str) -> ValidationError:
    return ValidationError(f"student_number.{code}", en, zh, path=path)


@attrs.frozen(repr=False)
class StudentNumber:
    """A national student number (全国中小学生学籍号): G, L or J and 18 characters.

    * **G** (正式学籍号): the formal number, ``G`` + the student's resident ID number.
      It must hold a valid ID number, exposed as :attr:`resident_id`.
    * **L** (临时学籍号): a temporary number given at first registration. It has the
      form of an ID number but belongs to no ID, so only its form is checked.
    * **J**: for students with no usable ID number; it follows the ID rules of form
      but is not an ID number, so only its form is checked.

    Checking the check character or birth date of L and J numbers would reject
    numbers the national system really issued (the Ministry's 2016 Q&A says they
    "use the ID-number format" without being ID numbers): kongchuo errs on the side
    of accepting them.

    Example:
        >>> sn = StudentNumber.parse("G11010519491231002X")
        >>> sn, sn.kind
        (StudentNumber('G110105********002X'), <StudentNumberKind.G: 'G'>)
        >>> sn.resident_id
        ResidentId('110105********002X')
        >>> StudentNumber.parse("l370983201509019999").kind.label_zh
        '临时学籍号'

    References:
        教育部《中小学生学籍管理常见问题及解答》(2016); 教基〔2025〕1号; FC-1.4.
    """

    value: str = attrs.field()

    @value.validator
    def _check(self, _attribute: object, value: object) -> None:
        if StudentNumber.parse(value).value != value:  # type: ignore[arg-type]
            raise _student_fail(
                "not_normalised",
                "build a StudentNumber with StudentNumber.parse(), which normalises the text",
                "请用 StudentNumber.parse() 构造，它会规范化输入",
                "$",
            )

    @classmethod
    def parse(cls, text: str, *, path: str = "$") -> Self:
        """Parse and check a student number.

        Surrounding whitespace is stripped; a lower-case letter is accepted.

        Raises:
            ValidationError: ``type``, ``student_number.length``, ``.kind``,
                ``.format``, or a ``resident_id.*`` code for a G number whose ID part
                is invalid.

        Example:
            >>> StudentNumber.parse("X11010519491231002X")
            Traceback (most recent call last):
            ...
            kongchuo.ValidationError: $: a student number starts with G, L or J, ...
        """
        if not isinstance(text, str):
            raise ValidationError(
                "type",
                f"a student number must be a str, not {type_name(text)}",
                f"学籍号必须是字符串，而不是 {type_name(text)}",
                path=path,
            )
        value = text.strip()
        if len(value) != 19:
            raise _student_fail(
                "length",
                f"a student number has 19 characters (a letter and 18), "
                f"{redact(value)} has {len(value)}",
                f"学籍号应为 19 位（1 个字母加 18 位），{redact(value)} 为 {len(value)} 位",
                path,
            )
        letter = value[0].upper()
        if letter not in "GLJ":
            raise _student_fail(
                "kind",
                f"a student number starts with G, L or J, not {value[0]!r}",
                f"学籍号必须以 G、L 或 J 开头，而不是 {value[0]!r}",
                path,
            )
        if letter == "G":
            rid = ResidentId.parse(value[1:], path=path)
            value = letter + rid.value
        else:
            body, last = value[1:18], value[18]
            if not (body.isascii() and body.isdigit()) or last not in "0123456789Xx":
                raise _student_fail(
                    "format",
                    f"{redact(value)}: after the letter come 17 ASCII digits and a digit or X",
                    f"{redact(value)}：字母后应为 17 位半角数字和 1 位数字或 X",
                    path,
                )
            value = letter + body + last.upper()
        new = _new(cls)
        _set_number(new, value)
        return new

    @property
    def kind(self) -> StudentNumberKind:
        """G, L or J."""
        return StudentNumberKind(self.value[0])

    @property
    def resident_id(self) -> ResidentId | None:
        """The resident ID a G number holds; ``None`` for L and J numbers."""
        if self.value[0] != "G":
            return None
        return ResidentId.parse(self.value[1:])

    @classmethod
    def is_valid(cls, text: object) -> bool:
        """Whether ``text`` parses, as python-stdnum's ``is_valid``.

        Example:
            >>> StudentNumber.is_valid("G11010519491231002X"), StudentNumber.is_valid("G1")
            (True, False)
        """
        try:
            cls.parse(text)  # type: ignore[arg-type]
        except ValidationError:
            return False
        return True

    @staticmethod
    def compact(text: str) -> Compacted:
        """Clean up a number as typed (width, spaces, separators, case), saying what changed.

        Example:
            >>> StudentNumber.compact("g-110105-19491231-002X").changes
            ('separator', 'case')
        """
        return _compact(text, "$")

    @classmethod
    def format(cls, text: str, *, separator: str = " ") -> str:
        """The full number as the letter and the groups of an ID number.

        Example:
            >>> StudentNumber.format("g11010519491231002x")
            'G 110105 19491231 002X'
        """
        value = cls.parse(_compact(text, "$").value).value
        return separator.join((value[0], value[1:7], value[7:15], value[15:]))

    def masked(self) -> str:
        """The letter, then the 18 characters masked as for an ID number.

        Example:
            >>> StudentNumber.parse("J370983201509019999").masked()
            'J370983********9999'
        """
        return self.value[0] + redact(self.value[1:])

    def __str__(self) -> str:
        """Return the masked number."""
        return self.masked()

    def __repr__(self) -> str:
        """Return ``StudentNumber('<masked>')``: never the full number."""
        return f"StudentNumber({self.masked()!r})"


_set_number = StudentNumber.__dict__["value"].__set__


def known_student_number(value: str) -> StudentNumber:
    """The :class:`StudentNumber` of ``value``, a number already parsed: not checked again.

    As :func:`known_resident_id`, only for the batch layer's column readers, whose
    student-number columns hold the normalised values of numbers the intake checked.

    Example:
        >>> number = "G11010519491231002X"
        >>> known_student_number(number) == StudentNumber.parse(number)
        True
    """
    new = _new(StudentNumber)
    _set_number(new, value)
    return new
