"""The special-group census after each term starts (特殊群体学生普查, FC-2.5).

"开学2周内，学校完成特殊群体学生普查，市教体局汇总统计" — within the window after a
term starts (FEICHENG: 2 weeks), schools count their special-group students and the
bureau compiles the figures. :func:`special_group_census` counts the students on
roll at the window's end by school and special group, and lists those still without
a care plan (关爱帮扶方案, FC-1.5) and those whose care has gaps
(:func:`kongchuo.cases.check_care`).

This module belongs to the batch layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from kongchuo import (
    Child,
    Registration,
    School,
    SchoolDays,
    SpecialGroup,
    Term,
    ValidationError,
    WorkCalendar,
    span_end,
)
from kongchuo._core.args import require_instance, require_items
from kongchuo.cases import CarePlan, check_care
from kongchuo.policy import Policy
from kongchuo.policy._policy import require_policy

__all__ = ["CensusRow", "SpecialGroupCensus", "Uncared", "special_group_census"]


@attrs.frozen(kw_only=True)
class CensusRow:
    """The count of one special group at one school (普查计数).

    Attributes:
        school_code: The school.
        school_name: Its name (the code where no name is known).
        group: The special group.
        students: Students on roll in the group.
        with_plan: Of those, with a care plan.
        with_gaps: Of those, whose care has gaps (:func:`kongchuo.cases.check_care`).
    """

    school_code: str
    school_name: str
    group: SpecialGroup
    students: int
    with_plan: int
    with_gaps: int

    @property
    def without_plan(self) -> int:
        """Students in the group with no care plan."""
        return self.students - self.with_plan


@attrs.frozen(kw_only=True)
class Uncared:
    """A special-group student still without a care plan (尚无关爱帮扶方案的学生).

    Attributes:
        school_code: The school.
        student: The student number, masked (``G370983********0034``).
        groups: The student's special groups.
        grade: The grade.
    """

    school_code: str
    student: str
    groups: frozenset[SpecialGroup]
    grade: int


@attrs.frozen(kw_only=True)
class SpecialGroupCensus:
    """The special-group census of one term (特殊群体学生普查).

    Attributes:
        term: The term.
        opens: The first day of the window (the term's start).
        due: The last day of the window; students are counted as on roll that day.
        rows: Counts by school and group, sorted by school code and group.
        without_plan: The students still without a care plan, sorted.
        students: Special-group students on roll (each once, whatever their groups).
        basis: The clause ids and documents the window rests on.
    """

    term: Term
    opens: dt.date
    due: dt.date
    rows: tuple[CensusRow, ...]
    without_plan: tuple[Uncared, ...]
    students: int
    basis: tuple[str, ...]

    def by_group(self) -> dict[SpecialGroup, int]:
        """Students per group across schools (a student may count in several)."""
        out: dict[SpecialGroup, int] = {}
        for row in self.rows:
            out[row.group] = out.get(row.group, 0) + row.students
        return dict(sorted(out.items(), key=lambda kv: list(SpecialGroup).index(kv[0])))

    def to_records(self) -> list[dict[str, Any]]:
        """Flat rows, one per school and group, with the same keys."""
        return [
            {
                "term": self.term.kind.value,
                "term_start": self.term.start.isoformat(),
                "due": self.due.isoformat(),
                "school_code": r.school_code,
                "school_name": r.school_name,
                "group": r.group.value,
                "group_zh": r.group.label_zh,
                "students": r.students,
                "with_plan": r.with_plan,
                "without_plan": r.without_plan,
                "with_gaps": r.with_gaps,
            }
            for r in self.rows
        ]


def _on_roll(registrations: Iterable[Registration], day: dt.date) -> dict[Any, Registration]:
    """The latest registration on roll on ``day`` per student number."""
    found: dict[Any, Registration] = {}
    for reg in registrations:
        if not reg.status.on_roll or reg.effective_from > day:
            continue
        if reg.effective_to is not None and reg.effective_to < day:
            continue
        held = found.get(reg.student_number)
        if held is None or reg.effective_from >= held.effective_from:
            found[reg.student_number] = reg
    return found


def special_group_census(
    children: Iterable[Child],
    registrations: Iterable[Registration],
    *,
    term: Term,
    policy: Policy,
    care_plans: Iterable[CarePlan] = (),
    schools: Iterable[School] = (),
    calendar: WorkCalendar | None = None,
) -> SpecialGroupCensus:
    """Count the special-group students on roll after a term starts (特殊群体学生普查).

    The window opens on the term's first day and ends after the policy's
    ``special_group_census_window`` (FEICHENG: 2 weeks, counted from the day after
    the term starts, 民法典 第二百零一条, moved off a rest day with a ``calendar``).
    Students are counted as on roll on the window's last day (a registration in
    force that day whose status is on roll), matched to their child by the ID part
    of a G student number; a child counts under each of its special groups. A care
    plan is matched by student number.

    Raises:
        ValidationError: For bad arguments; ``report.census_window`` if the policy
            sets no census window for the term.

    References:
        FC-2.5 (开学2周内完成特殊群体学生普查); FC-1.5 (关爱帮扶, 一生一案).

    Limitations:
        A student with an L or J number (no ID part) cannot be matched to a child
        and is not counted; special groups are the child's current ones.

    Example:
        >>> from kongchuo.policy import FEICHENG
        >>> from kongchuo.reports import example_county
        >>> county = example_county()
        >>> census = special_group_census(
        ...     county.children,
        ...     county.registrations,
        ...     term=county.calendar.terms[0],
        ...     policy=FEICHENG,
        ...     care_plans=county.care_plans,
        ...     schools=county.schools,
        ... )
        >>> census.due.isoformat(), census.students, len(census.without_plan)
        ('2025-09-15', 10, 5)
    """
    term = require_instance(term, Term, "term", name_zh="学期")
    policy = require_policy(policy)
    window = policy.special_group_census_window.at(term.start)
    if window.value is None:
        raise ValidationError(
            "report.census_window",
            f"policy {policy.name!r} sets no special-group census window",
            f"政策 {policy.name_zh} 未规定特殊群体学生普查时限",
            path="policy",
        )
    due = span_end(term.start, window.value, school_days=SchoolDays.WORKDAYS, calendar=calendar)
    kids = {c.resident_id: c for c in require_items(children, Child, "children") if c.resident_id}
    plans = {p.student_number: p for p in require_items(care_plans, CarePlan, "care_plans")}
    names = {s.code: s.name for s in require_items(schools, School, "schools")}
    on_roll = _on_roll(require_items(registrations, Registration, "registrations"), due)
    tally: dict[tuple[str, SpecialGroup], list[int]] = {}
    missing: list[Uncared] = []
    counted = 0
    for number, reg in on_roll.items():
        rid = number.resident_id
        child = kids.get(rid) if rid is not None else None
        if child is None or not child.special_groups:
            continue
        counted += 1
        plan = plans.get(number)
        gaps = not check_care(child, plan=plan, as_of=due).ok
        for group in child.special_groups:
            cell = tally.setdefault((reg.school, group), [0, 0, 0])
            cell[0] += 1
            cell[1] += plan is not None
            cell[2] += gaps
        if plan is None:
            missing.append(
                Uncared(
                    school_code=reg.school,
                    student=number.masked(),
                    groups=child.special_groups,
                    grade=reg.grade,
                )
            )
    order = list(SpecialGroup)
    rows = tuple(
        CensusRow(
            school_code=school,
            school_name=names.get(school, school),
            group=group,
            students=cell[0],
            with_plan=cell[1],
            with_gaps=cell[2],
        )
        for (school, group), cell in sorted(
            tally.items(), key=lambda kv: (kv[0][0], order.index(kv[0][1]))
        )
    )
    return SpecialGroupCensus(
        term=term,
        opens=term.start,
        due=due,
        rows=rows,
        without_plan=tuple(sorted(missing, key=lambda u: (u.school_code, u.student))),
        basis=(*window.basis, "FC-1.5"),
        students=counted,
    )
