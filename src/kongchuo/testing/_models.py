"""Hypothesis strategies for kongchuo's models (模型的测试数据生成).

Every value they produce is a valid model: dates are in order, a child's birth date
and sex agree with the ID number, a disability membership carries its disability.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TypeVar

from hypothesis import strategies as st

import kongchuo
from kongchuo._core.guard import renamed
from kongchuo.testing._strategies import (
    argument_error,
    choices,
    date_bounds,
    resident_ids,
    student_numbers,
)

__all__ = [
    "attendances",
    "carers",
    "children",
    "disabilities",
    "guardians",
    "leaves",
    "memberships",
    "registrations",
    "schools",
    "transfer_steps",
    "transfers",
]

E = TypeVar("E")

_FIRST: dt.date = dt.date(2000, 1, 1)
_LAST: dt.date = dt.date(2035, 12, 31)

_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_names = st.text(_HAN, min_size=2, max_size=4)
_notes = st.none() | st.text(_HAN, min_size=1, max_size=20)
_phones = st.none() | st.builds(
    lambda head, rest: f"1{head}{rest:09d}",
    st.integers(min_value=3, max_value=9),
    st.integers(min_value=0, max_value=999_999_999),
)
_region_codes = st.sampled_from(("370983", "370902", "370911", "370983003", "370983101001"))
_unit_codes = st.sampled_from(("370983", "370983001", "370983003", "370983101", "370983-KQ"))
_school_codes = st.integers(min_value=2137098300, max_value=2137098399).map(str)


def _members(name: str, value: Iterable[E] | None, every: tuple[E, ...]) -> tuple[E, ...]:
    return every if value is None else choices(name, value, every)


def _check_size(name: str, value: object, low: int = 0, high: int = 20) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise argument_error(
            name, f"must be an int from {low} to {high}", f"必须是 {low} 到 {high} 的整数"
        )
    return value


def _ordered_dates(low: dt.date, high: dt.date) -> st.SearchStrategy[tuple[dt.date, dt.date]]:
    return st.tuples(
        st.dates(min_value=low, max_value=high), st.dates(min_value=low, max_value=high)
    ).map(lambda pair: (min(pair), max(pair)))


def carers() -> st.SearchStrategy[kongchuo.Carer]:
    """Valid :class:`~kongchuo.Carer` values (被委托照护人)."""
    return st.builds(
        kongchuo.Carer,
        name=_names,
        relationship=st.sampled_from(kongchuo.GuardianRelationship),
        phone=_phones,
    )


def disabilities() -> st.SearchStrategy[kongchuo.Disability]:
    """Valid :class:`~kongchuo.Disability` values (残疾情况)."""

    @st.composite
    def build(draw: st.DrawFn) -> kongchuo.Disability:
        assessment = draw(st.none() | st.sampled_from(kongchuo.AbilityAssessment))
        return kongchuo.Disability(
            kind=draw(st.sampled_from(kongchuo.DisabilityKind)),
            grade=draw(st.integers(min_value=1, max_value=4)),
            assessment=assessment,
            assessed_on=None
            if assessment is None
            else draw(st.dates(min_value=_FIRST, max_value=_LAST)),
        )

    return build()


@renamed(min_since="min_value", max_since="max_value")
def memberships(
    *,
    groups: Iterable[kongchuo.SpecialGroup] | None = None,
    min_value: dt.date = _FIRST,
    max_value: dt.date = _LAST,
) -> st.SearchStrategy[kongchuo.GroupMembership]:
    """Valid :class:`~kongchuo.GroupMembership` values (特殊群体身份).

    Args:
        groups: Draw only these groups (default: all).
        min_value: The earliest ``since`` date.
        max_value: The latest ``since`` date.

    Raises:
        ValidationError: ``testing.argument`` naming the bad argument.
    """
    chosen = _members("groups", groups, tuple(kongchuo.SpecialGroup))
    low, high = date_bounds(min_value, max_value)

    @st.composite
    def build(draw: st.DrawFn) -> kongchuo.GroupMembership:
        group = draw(st.sampled_from(chosen))
        return kongchuo.GroupMembership(
            group=group,
            department=draw(st.sampled_from(kongchuo.Department)),
            since=draw(st.dates(min_value=low, max_value=high)),
            evidence=draw(st.text(_HAN, min_size=1, max_size=30)),
            disability=draw(disabilities()) if group is kongchuo.SpecialGroup.DISABLED else None,
        )

    return build()


def guardians(
    *,
    relationships: Iterable[kongchuo.GuardianRelationship] | None = None,
    statuses: Iterable[kongchuo.GuardianStatus] | None = None,
) -> st.SearchStrategy[kongchuo.Guardian]:
    """Valid :class:`~kongchuo.Guardian` values (监护人).

    Args:
        relationships: Draw only these relationships (default: all).
        statuses: Draw only these statuses (default: all).

    Raises:
        ValidationError: ``testing.argument`` naming the bad argument.
    """
    rels = _members("relationships", relationships, tuple(kongchuo.GuardianRelationship))
    stats = _members("statuses", statuses, tuple(kongchuo.GuardianStatus))

    @st.composite
    def build(draw: st.DrawFn) -> kongchuo.Guardian:
        away = draw(st.booleans())
        since, until = draw(_ordered_dates(_FIRST, _LAST))
        return kongchuo.Guardian(
            relationship=draw(st.sampled_from(rels)),
            name=draw(_names),
            phone=draw(_phones),
            working_away=away,
            carer=draw(st.none() | carers()) if away else None,
            status=draw(st.sampled_from(stats)),
            status_since=draw(st.none() | st.just(since)),
            status_until=draw(st.none() | st.just(until)),
        )

    return build()


@renamed(min_birth="min_value", max_birth="max_value")
def children(
    *,
    min_value: dt.date = dt.date(2005, 1, 1),
    max_value: dt.date = dt.date(2022, 12, 31),
    with_resident_id: bool | None = None,
    max_guardians: int = 3,
) -> st.SearchStrategy[kongchuo.Child]:
    """Valid :class:`~kongchuo.Child` values (适龄儿童).

    A child with an ID number has the birth date and sex the number holds; one
    without may hold a J or L student number. Memberships are of groups the child
    is counted under.

    Args:
        min_value: The earliest birth date.
        max_value: The latest birth date.
        with_resident_id: ``True`` or ``False`` to force either; ``None`` for both.
        max_guardians: The most guardians a child has (0 to 6).

    Raises:
        ValidationError: ``testing.argument`` naming the bad argument.

    Example:
        >>> from hypothesis import given
        >>> from kongchuo.testing import children
        >>> @given(children(with_resident_id=True))
        ... def test_birth(child):
        ...     assert child.birth_date == child.resident_id.birth_date
        >>> test_birth()
    """
    low, high = date_bounds(min_value, max_value)
    if not (with_resident_id is None or with_resident_id is True or with_resident_id is False):
        raise argument_error(
            "with_resident_id", "must be None, True or False", "必须是 None、True 或 False"
        )
    most = _check_size("max_guardians", max_guardians, 0, 6)

    @st.composite
    def build(draw: st.DrawFn) -> kongchuo.Child:
        has_id = draw(st.booleans()) if with_resident_id is None else with_resident_id
        rid = draw(resident_ids(min_value=low, max_value=high)) if has_id else None
        number: kongchuo.StudentNumber | None = None
        if rid is not None:
            birth, sex = rid.birth_date, rid.sex
        else:
            birth = draw(st.dates(min_value=low, max_value=high))
            sex = draw(st.sampled_from(kongchuo.Sex))
            number = draw(
                st.none()
                | student_numbers(
                    kinds=(kongchuo.StudentNumberKind.J, kongchuo.StudentNumberKind.L),
                    min_value=low,
                    max_value=high,
                )
            )
        groups = draw(st.frozensets(st.sampled_from(kongchuo.SpecialGroup), max_size=3))
        reports = draw(st.lists(memberships(groups=sorted(groups)), max_size=3)) if groups else []
        return kongchuo.Child(
            resident_id=rid,
            student_number=number,
            name=draw(_names),
            sex=sex,
            birth_date=birth,
            household_region=draw(_region_codes),
            residence_region=draw(_region_codes),
            rural_household=draw(st.none() | st.booleans()),
            jurisdiction=draw(_unit_codes),
            special_groups=groups,
            memberships=tuple(reports),
            guardians=tuple(draw(st.lists(guardians(), max_size=most))),
            legal_basis=draw(st.sampled_from(kongchuo.LegalBasis)),
            retain_until=draw(st.dates(min_value=birth, max_value=dt.date(2099, 12, 31))),
        )

    return build()


def schools(
    *, kinds: Iterable[kongchuo.SchoolKind] | None = None
) -> st.SearchStrategy[kongchuo.School]:
    """Valid :class:`~kongchuo.School` values (学校).

    Raises:
        ValidationError: ``testing.argument`` naming the bad argument.
    """
    chosen = _members("kinds", kinds, tuple(kongchuo.SchoolKind))
    return st.builds(
        kongchuo.School,
        code=_school_codes,
        name=st.text(_HAN, min_size=2, max_size=12),
        kind=st.sampled_from(chosen),
        jurisdiction=_unit_codes,
        city_direct=st.booleans(),
        principal=st.none() | _names,
    )


def registrations(
    *,
    statuses: Iterable[kongchuo.RegistrationStatus] | None = None,
    min_value: dt.date = _FIRST,
    max_value: dt.date = _LAST,
) -> st.SearchStrategy[kongchuo.Registration]:
    """Valid :class:`~kongchuo.Registration` values (学籍), effective within the bounds.

    Raises:
        ValidationError: ``testing.argument`` naming the bad argument.
    """
    chosen = _members("statuses", statuses, tuple(kongchuo.RegistrationStatus))
    low, high = date_bounds(min_value, max_value)

    @st.composite
    def build(draw: st.DrawFn) -> kongchuo.Registration:
        start, end = draw(_ordered_dates(low, high))
        return kongchuo.Registration(
            student_number=draw(student_numbers()),
            school=draw(_school_codes),
            grade=draw(st.integers(min_value=1, max_value=9)),
            class_name=draw(st.none() | st.integers(1, 20).map(lambda n: f"{n}班")),
            status=draw(st.sampled_from(chosen)),
            effective_from=start,
            effective_to=draw(st.none() | st.just(end)),
        )

    return build()


def transfer_steps(
    *, min_value: dt.date = _FIRST, max_value: dt.date = _LAST
) -> st.SearchStrategy[kongchuo.TransferStep]:
    """Valid :class:`~kongchuo.TransferStep` values (转学环节).

    Raises:
        ValidationError: ``testing.argument`` naming the bad argument.
    """
    low, high = date_bounds(min_value, max_value)
    return st.builds(
        kongchuo.TransferStep,
        side=st.sampled_from(kongchuo.TransferSide),
        action=st.sampled_from(kongchuo.TransferAction),
        on=st.dates(min_value=low, max_value=high),
        note=_notes,
    )


def transfers(
    *, min_value: dt.date = _FIRST, max_value: dt.date = _LAST, max_steps: int = 4
) -> st.SearchStrategy[kongchuo.Transfer]:
    """Valid :class:`~kongchuo.Transfer` values (转学): two schools, steps in date order.

    Raises:
        ValidationError: ``testing.argument`` naming the bad argument.
    """
    low, high = date_bounds(min_value, max_value)
    most = _check_size("max_steps", max_steps, 0, 10)

    @st.composite
    def build(draw: st.DrawFn) -> kongchuo.Transfer:
        sending, receiving = draw(st.lists(_school_codes, min_size=2, max_size=2, unique=True))
        applied = draw(st.dates(min_value=low, max_value=high))
        steps = draw(st.lists(transfer_steps(min_value=applied, max_value=high), max_size=most))
        return kongchuo.Transfer(
            student_number=draw(student_numbers()),
            from_school=sending,
            to_school=receiving,
            applied_on=applied,
            steps=tuple(sorted(steps, key=lambda s: s.on)),
        )

    return build()


def attendances(
    *, min_value: dt.date = _FIRST, max_value: dt.date = _LAST
) -> st.SearchStrategy[kongchuo.Attendance]:
    """Valid :class:`~kongchuo.Attendance` records (考勤), on days within the bounds.

    Raises:
        ValidationError: ``testing.argument`` naming the bad argument.
    """
    low, high = date_bounds(min_value, max_value)
    return st.builds(
        kongchuo.Attendance,
        student_number=student_numbers(),
        school=_school_codes,
        on=st.dates(min_value=low, max_value=high),
        status=st.sampled_from(kongchuo.AttendanceStatus),
        note=_notes,
    )


def leaves(
    *, min_value: dt.date = _FIRST, max_value: dt.date = _LAST
) -> st.SearchStrategy[kongchuo.Leave]:
    """Valid :class:`~kongchuo.Leave` values (请假), within the bounds.

    Raises:
        ValidationError: ``testing.argument`` naming the bad argument.
    """
    low, high = date_bounds(min_value, max_value)

    @st.composite
    def build(draw: st.DrawFn) -> kongchuo.Leave:
        start, end = draw(_ordered_dates(low, high))
        approval = draw(st.sampled_from(kongchuo.Approval))
        decided = approval is not kongchuo.Approval.PENDING
        return kongchuo.Leave(
            student_number=draw(student_numbers()),
            school=draw(_school_codes),
            kind=draw(st.sampled_from(kongchuo.LeaveKind)),
            start=start,
            end=end,
            reason=draw(_notes),
            approval=approval,
            decided_by=draw(_names) if decided else None,
            decided_on=draw(st.dates(min_value=low, max_value=high)) if decided else None,
        )

    return build()
