"""Near-miss inputs for negative tests (无效输入的测试数据生成).

Each strategy yields an :class:`Invalid`: the bad input together with what is wrong
with it (the problem names, and the error codes and paths kongchuo reports), so a
test can assert not only that the input is rejected but that it is rejected for the
advertised reasons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Final, Generic, TypeVar

import attrs
from hypothesis import strategies as st
from stdnum.cn import ric

from kongchuo import Child, StudentNumberKind, ValidationError, redact, to_dict
from kongchuo._core.guard import renamed
from kongchuo.notices import examples, notice_to_dict
from kongchuo.testing._models import children, schools
from kongchuo.testing._strategies import (
    DEFAULT_MAX_BIRTH,
    DEFAULT_MIN_BIRTH,
    argument_error,
    choices,
    resident_ids,
)

__all__ = [
    "Invalid",
    "invalid_child_documents",
    "invalid_notice_documents",
    "invalid_resident_ids",
    "invalid_school_documents",
    "invalid_student_numbers",
]

T = TypeVar("T")


@attrs.frozen(repr=False)
class Invalid(Generic[T]):
    """A near-miss input and what is wrong with it (无效输入及其问题).

    Attributes:
        value: The bad input (a str for numbers, a dict for documents).
        problems: What was broken, as names such as ``"check_character"`` or
            ``"name.blank"``, one per independent problem.
        codes: The error code kongchuo reports for each problem, in the same order.
        paths: Where each problem sits (``"$"`` for a lone number).

    ``repr`` masks a string value the way kongchuo masks ID numbers.

    Example:
        >>> from kongchuo import ResidentId, ValidationError
        >>> bad = Invalid("11010519491231002Y", ("format",), ("resident_id.format",), ("$",))
        >>> try:
        ...     ResidentId.parse(bad.value)
        ... except ValidationError as error:
        ...     bad.matches(error)
        True
    """

    value: T
    problems: tuple[str, ...]
    codes: tuple[str, ...]
    paths: tuple[str, ...]

    def expected(self) -> frozenset[tuple[str, str]]:
        """The ``(path, code)`` pairs a loader must report, one per problem."""
        return frozenset(zip(self.paths, self.codes, strict=True))

    def matches(self, error: ValidationError) -> bool:
        """Whether ``error`` reports exactly the advertised problems (path and code)."""
        return frozenset((p.path, p.code) for p in error) == self.expected()

    def __repr__(self) -> str:
        """Return ``Invalid(<masked value>, problems=..., codes=...)``."""
        shown = redact(self.value) if isinstance(self.value, str) else type(self.value).__name__
        return f"Invalid({shown!r}, problems={self.problems!r}, codes={self.codes!r})"


RESIDENT_ID_PROBLEMS: Final = {
    "check_character": "resident_id.checksum",
    "birth_date": "resident_id.birth_date",
    "length": "resident_id.length",
    "full_width": "resident_id.format",
    "legacy_15": "resident_id.legacy_15",
    "space": "resident_id.length",
}

STUDENT_NUMBER_PROBLEMS: Final = {
    "kind": "student_number.kind",
    "length": "student_number.length",
    "format": "student_number.format",
    "resident_id": "resident_id.checksum",
}

_CHECK_CHARS: Final = "0123456789X"
_FULL_WIDTH: Final = {d: chr(0xFF10 + int(d)) for d in "0123456789"}


def _choose(name: str, value: Iterable[str] | None, menu: dict[str, str]) -> tuple[str, ...]:
    return tuple(menu) if value is None else choices(name, value, menu)


def _with_check(body: str) -> str:
    return body + ric.calc_check_digit(body + "0")


@st.composite
def _near_miss_id(  # noqa: PLR0911 - one branch per problem
    draw: st.DrawFn, problem: str, ids: st.SearchStrategy[Any]
) -> str:
    good: str = draw(ids).value
    if problem == "check_character":
        wrong = draw(st.sampled_from([c for c in _CHECK_CHARS if c != good[17]]))
        return good[:17] + wrong
    if problem == "birth_date":
        year = good[6:10]
        month_day = draw(
            st.sampled_from(["0230", "0231", "0431", "0631", "0931", "1131", "1301", "0001"])
            | st.sampled_from(["0100", "0132", "1232", "0015", "9999"])
        )
        return _with_check(good[:6] + year + month_day + good[14:17])
    if problem == "length":
        size = draw(st.sampled_from([16, 17, 19, 20]))
        return (good + good)[:size]
    if problem == "full_width":
        where = draw(st.integers(min_value=0, max_value=16))
        return good[:where] + _FULL_WIDTH[good[where]] + good[where + 1 :]
    if problem == "legacy_15":
        return good[:6] + good[8:14] + good[14:17]
    # "space": the groups as printed on a card, or one stray space inside.
    if draw(st.booleans()):
        return f"{good[:6]} {good[6:14]} {good[14:]}"
    where = draw(st.integers(min_value=1, max_value=17))
    return good[:where] + " " + good[where:]


@renamed(min_birth="min_value", max_birth="max_value")
def invalid_resident_ids(
    *,
    problems: Iterable[str] | None = None,
    min_value: dt.date = DEFAULT_MIN_BIRTH,
    max_value: dt.date = DEFAULT_MAX_BIRTH,
) -> st.SearchStrategy[Invalid[str]]:
    """Near-miss resident ID numbers, each with one problem (近似但无效的身份证号码).

    Each starts from a valid number and breaks one thing:

    * ``check_character``: another check character (``resident_id.checksum``);
    * ``birth_date``: an impossible date such as 02-30, month 13 or day 00, with the
      right check character (``resident_id.birth_date``);
    * ``length``: 16, 17, 19 or 20 characters (``resident_id.length``);
    * ``full_width``: one digit typed full-width, 全角 (``resident_id.format``);
    * ``legacy_15``: the 15-digit first-generation number (``resident_id.legacy_15``);
    * ``space``: spaces between the groups, or one inside (``resident_id.length``).

    Args:
        problems: Only these problems (default: all of them).
        min_value: The earliest birth date of the number broken.
        max_value: The latest birth date of the number broken.

    Raises:
        ValidationError: ``testing.argument`` naming the bad argument.

    Example:
        >>> from hypothesis import given
        >>> from kongchuo import ResidentId, ValidationError
        >>> @given(invalid_resident_ids())
        ... def test_rejected(bad):
        ...     try:
        ...         ResidentId.parse(bad.value)
        ...     except ValidationError as error:
        ...         assert error.code == bad.codes[0]
        ...     else:
        ...         raise AssertionError("accepted")
        >>> test_rejected()
    """
    chosen = _choose("problems", problems, RESIDENT_ID_PROBLEMS)
    ids = resident_ids(min_value=min_value, max_value=max_value)

    @st.composite
    def build(draw: st.DrawFn) -> Invalid[str]:
        problem = draw(st.sampled_from(chosen))
        text = draw(_near_miss_id(problem, ids))
        return Invalid(text, (problem,), (RESIDENT_ID_PROBLEMS[problem],), ("$",))

    return build()


def invalid_student_numbers(
    *,
    problems: Iterable[str] | None = None,
    kinds: Iterable[StudentNumberKind | str] = tuple(StudentNumberKind),
) -> st.SearchStrategy[Invalid[str]]:
    """Near-miss student numbers (学籍号), each with one problem.

    * ``kind``: another first letter than G, L or J (``student_number.kind``);
    * ``length``: a character too many or too few (``student_number.length``);
    * ``format``: an L or J number with a full-width digit (``student_number.format``);
    * ``resident_id``: a G number whose ID part has a wrong check character
      (``resident_id.checksum``).

    ``kinds`` limits the letters of the numbers broken by ``length``; ``format``
    always breaks an L or J number and ``resident_id`` a G number.

    Raises:
        ValidationError: ``testing.argument`` naming the bad argument.

    Example:
        >>> from hypothesis import given
        >>> from kongchuo import StudentNumber, ValidationError
        >>> @given(invalid_student_numbers(problems=["kind", "format"]))
        ... def test_rejected(bad):
        ...     try:
        ...         StudentNumber.parse(bad.value)
        ...     except ValidationError as error:
        ...         assert bad.matches(error)
        ...     else:
        ...         raise AssertionError("accepted")
        >>> test_rejected()
    """
    chosen = _choose("problems", problems, STUDENT_NUMBER_PROBLEMS)
    letters = tuple(k.value for k in choices("kinds", kinds, tuple(StudentNumberKind)))
    ids = resident_ids()
    others = list("ABCDEFHIKMNOPQRSTUVWXYZ0123456789")

    @st.composite
    def build(draw: st.DrawFn) -> Invalid[str]:
        problem = draw(st.sampled_from(chosen))
        rid: str = draw(ids).value
        if problem == "kind":
            text = draw(st.sampled_from(others)) + rid
        elif problem == "length":
            size = draw(st.sampled_from([17, 18, 20, 21]))
            text = (draw(st.sampled_from(letters)) + rid + rid)[:size]
        elif problem == "format":
            where = draw(st.integers(min_value=0, max_value=16))
            body = rid[:where] + _FULL_WIDTH[rid[where]] + rid[where + 1 :]
            text = draw(st.sampled_from("LJ")) + body
        else:
            text = "G" + draw(_near_miss_id("check_character", ids))
        return Invalid(text, (problem,), (STUDENT_NUMBER_PROBLEMS[problem],), ("$",))

    return build()


Breakers = dict[str, tuple[str, str, st.SearchStrategy[Any]]]
"""Per problem name: the key broken, the code reported (empty: the value's own, for a
near-miss :class:`Invalid`) and the bad values."""


def _breakers() -> Breakers:
    """Per problem: the key broken, the code reported and the bad values."""
    return {
        "resident_id": (
            "resident_id",
            "",  # the near-miss number's own code
            invalid_resident_ids(),
        ),
        "name.blank": ("name", "text.blank", st.sampled_from(["", " ", "\u3000"])),
        "sex.unknown": ("sex", "enum.unknown", st.sampled_from(["x", "unknown", "男女"])),
        "birth_date.format": (
            "birth_date",
            "date.format",
            st.sampled_from(["2015-02-30", "2015-13-01", "20150901", "2015/09/01", ""]),
        ),
        "household_region.format": (
            "household_region",
            "region_code.format",
            st.sampled_from(["zz", "3709", "37098", "370983x"]),
        ),
        "legal_basis.unknown": (
            "legal_basis",
            "enum.unknown",
            st.sampled_from(["consent!", "none", "其他"]),
        ),
        "retain_until.format": (
            "retain_until",
            "date.format",
            st.sampled_from(["2030-02-30", "2030", "next year"]),
        ),
        "residence_region.type": ("residence_region", "type", st.integers() | st.booleans()),
        "unknown_key": ("", "unknown_key", st.just(1)),
    }


def invalid_child_documents(
    *, min_problems: int = 1, max_problems: int = 3
) -> st.SearchStrategy[Invalid[dict[str, Any]]]:
    """``Child`` documents (``to_dict`` form) with k independent problems.

    Starts from a valid child's document and breaks between ``min_problems`` and
    ``max_problems`` different fields (a near-miss resident ID, a blank name, an
    unknown sex or legal basis, an impossible date, a malformed region code, a wrong
    type, an unknown key). ``kongchuo.from_dict(value, cls=Child)`` reports every one
    of them in one error: :meth:`Invalid.matches` checks exactly that.

    Args:
        min_problems: At least this many problems (1 or more).
        max_problems: At most this many (up to 9, the number of kinds of problem).

    Raises:
        ValidationError: ``testing.argument`` naming the bad argument.

    Example:
        >>> from hypothesis import given
        >>> from kongchuo import Child, ValidationError, from_dict
        >>> @given(invalid_child_documents(min_problems=2, max_problems=4))
        ... def test_all_reported(bad):
        ...     try:
        ...         from_dict(bad.value, cls=Child)
        ...     except ValidationError as error:
        ...         assert bad.matches(error), (bad, list(error))
        ...     else:
        ...         raise AssertionError("accepted")
        >>> test_all_reported()

    Limitations:
        ``Child`` documents; :func:`invalid_school_documents` and
        :func:`invalid_notice_documents` break schools and notices.
    """
    breakers = _breakers()
    _check_counts(min_problems, max_problems, len(breakers))

    @st.composite
    def build(draw: st.DrawFn) -> Invalid[dict[str, Any]]:
        child: Child = draw(children())
        return draw(_broken(to_dict(child), breakers, min_problems, max_problems))

    return build()


def _check_counts(min_problems: object, max_problems: object, most: int) -> None:
    for name, value in (("min_problems", min_problems), ("max_problems", max_problems)):
        if type(value) is not int or not 1 <= value <= most:
            raise argument_error(
                name, f"must be an int from 1 to {most}", f"必须是 1 到 {most} 之间的整数"
            )
    if min_problems > max_problems:  # type: ignore[operator]
        raise argument_error(
            "min_problems", "must not exceed max_problems", "不能大于 max_problems"
        )


@st.composite
def _broken(
    draw: st.DrawFn, doc: dict[str, Any], breakers: Breakers, min_problems: int, max_problems: int
) -> Invalid[dict[str, Any]]:
    """``doc`` with between ``min_problems`` and ``max_problems`` of ``breakers`` applied."""
    doc = dict(doc)
    chosen = draw(
        st.lists(
            st.sampled_from(sorted(breakers)),
            min_size=min_problems,
            max_size=min(max_problems, len(breakers)),
            unique=True,
        )
    )
    codes: list[str] = []
    paths: list[str] = []
    for problem in chosen:
        key, code, values = breakers[problem]
        bad = draw(values)
        if problem == "unknown_key":
            key = "unexpected_field"
        if isinstance(bad, Invalid):
            code, bad = bad.codes[0], bad.value
        doc[key] = bad
        codes.append(code)
        paths.append(f"$.{key}")
    return Invalid(doc, tuple(chosen), tuple(codes), tuple(paths))


def _school_breakers() -> Breakers:
    return {
        "code.format": ("code", "code.format", st.sampled_from(["", "２１３７０９８３００３１"])),
        "name.blank": ("name", "text.blank", st.sampled_from(["", " ", "\u3000"])),
        "name.too_long": ("name", "text.too_long", st.just("学" * 101)),
        "kind.unknown": (
            "kind",
            "enum.unknown",
            st.sampled_from(["college", "小学", "kindergarten"]),
        ),
        "jurisdiction.type": ("jurisdiction", "type", st.integers() | st.none()),
        "city_direct.type": ("city_direct", "type", st.sampled_from(["yes", "否", 1, None])),
        "principal.blank": ("principal", "text.blank", st.sampled_from(["", " "])),
        "unknown_key": ("", "unknown_key", st.just(1)),
    }


def invalid_school_documents(
    *, min_problems: int = 1, max_problems: int = 3
) -> st.SearchStrategy[Invalid[dict[str, Any]]]:
    """``School`` documents (``to_dict`` form) with k independent problems (无效的学校文档).

    Starts from a valid school's document and breaks between ``min_problems`` and
    ``max_problems`` different fields, each one way:

    * ``code.format``: an empty or full-width unit code (``code.format``);
    * ``name.blank`` / ``name.too_long``: a blank name, or one over 100 characters
      (``text.blank``, ``text.too_long``) — at most one of the two;
    * ``kind.unknown``: a school kind kongchuo does not know (``enum.unknown``);
    * ``jurisdiction.type``: a number or null for the code (``type``);
    * ``city_direct.type``: text or a number for the flag (``type``);
    * ``principal.blank``: a blank principal (``text.blank``);
    * ``unknown_key``: a key the document does not have (``unknown_key``).

    ``kongchuo.from_dict(value, cls=School)`` reports every one of them in one
    error: :meth:`Invalid.matches` checks exactly that.

    Args:
        min_problems: At least this many problems (1 or more).
        max_problems: At most this many (up to 7, one per field).

    Raises:
        ValidationError: ``testing.argument`` naming the bad argument.

    Example:
        >>> from hypothesis import given
        >>> from kongchuo import School, ValidationError, from_dict
        >>> @given(invalid_school_documents(min_problems=2))
        ... def test_all_reported(bad):
        ...     try:
        ...         from_dict(bad.value, cls=School)
        ...     except ValidationError as error:
        ...         assert bad.matches(error), (bad, list(error))
        ...     else:
        ...         raise AssertionError("accepted")
        >>> test_all_reported()
    """
    breakers = _school_breakers()
    _check_counts(min_problems, max_problems, len({key for key, _, _ in breakers.values()}))

    @st.composite
    def build(draw: st.DrawFn) -> Invalid[dict[str, Any]]:
        # One problem per field: the two ways of breaking the name exclude each other.
        name = draw(st.sampled_from(["name.blank", "name.too_long"]))
        chosen = {k: v for k, v in breakers.items() if not k.startswith("name.") or k == name}
        doc = to_dict(draw(schools()))
        return draw(_broken(doc, chosen, min_problems, max_problems))

    return build()


def _notice_breakers(doc: dict[str, Any]) -> Breakers:
    every: Breakers = {
        "number.blank": ("number", "text.blank", st.sampled_from(["", " "])),
        "issued_on.format": ("issued_on", "date.format", st.sampled_from(["2025-02-30", "昨天"])),
        "issuers.empty": ("issuers", "notice.issuers.empty", st.just([])),
        "child_id": ("child_id", "", invalid_resident_ids(problems=["check_character"])),
        "child_name.blank": ("child_name", "text.blank", st.sampled_from(["", "\u3000"])),
        "unknown_key": ("", "unknown_key", st.just(1)),
    }
    return {k: v for k, v in every.items() if k == "unknown_key" or v[0] in doc}


def invalid_notice_documents(
    *, min_problems: int = 1, max_problems: int = 3
) -> st.SearchStrategy[Invalid[dict[str, Any]]]:
    """Notice documents (``notice_to_dict`` form) with k independent problems (无效的文书文档).

    Starts from the worked example of a notice kind
    (:func:`kongchuo.notices.examples`) and breaks between ``min_problems`` and
    ``max_problems`` of its fields:

    * ``number.blank``: a blank 文号 (``text.blank``);
    * ``issued_on.format``: a date that does not exist, or words (``date.format``);
    * ``issuers.empty``: no issuing unit (``notice.issuers.empty``);
    * ``child_id``: a near-miss resident ID, for the kinds about one child
      (``resident_id.checksum``);
    * ``child_name.blank``: a blank name, for the kinds that name the child
      (``text.blank``);
    * ``unknown_key``: a key the document does not have (``unknown_key``).

    Kinds without the child's fields are drawn only when they can hold
    ``min_problems`` problems. ``kongchuo.notices.notice_from_dict(value)`` reports
    every one of them in one error.

    Args:
        min_problems: At least this many problems (1 or more).
        max_problems: At most this many (up to 6).

    Raises:
        ValidationError: ``testing.argument`` naming the bad argument.

    Example:
        >>> from hypothesis import given
        >>> from kongchuo import ValidationError
        >>> from kongchuo.notices import notice_from_dict
        >>> @given(invalid_notice_documents(min_problems=2, max_problems=5))
        ... def test_all_reported(bad):
        ...     try:
        ...         notice_from_dict(bad.value)
        ...     except ValidationError as error:
        ...         assert bad.matches(error), (bad, list(error))
        ...     else:
        ...         raise AssertionError("accepted")
        >>> test_all_reported()
    """
    docs = [notice_to_dict(n) for n in examples().values()]
    _check_counts(min_problems, max_problems, max(len(_notice_breakers(d)) for d in docs))
    fit = [d for d in docs if len(_notice_breakers(d)) >= min_problems]

    @st.composite
    def build(draw: st.DrawFn) -> Invalid[dict[str, Any]]:
        doc = draw(st.sampled_from(fit))
        return draw(_broken(doc, _notice_breakers(doc), min_problems, max_problems))

    return build()
