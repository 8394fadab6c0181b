"""A small generated county for examples, docs and golden tests (示例县).

:func:`example_county` builds, from a seed, a few towns of 肥城市, their schools
(one of them city-direct), children with special groups and registrations, case
logs that walk the state machine from September to December 2025, care plans and
the units' report submissions. Every name and number is invented; ID numbers have
valid check characters but belong to no one. The same seed always gives the same
county.

This module belongs to the batch layer of the design (docs/design.md) and uses only the public
library.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any, Final

import attrs

from kongchuo import (
    Child,
    Guardian,
    GuardianRelationship,
    Registration,
    RegistrationStatus,
    ResidentId,
    School,
    SchoolCalendar,
    SchoolKind,
    SpecialGroup,
    StudentNumber,
    Term,
    TermKind,
)
from kongchuo import cases as kc
from kongchuo._identity.numbers import check_character
from kongchuo.policy import FEICHENG
from kongchuo.regions import FEICHENG_UNITS, Jurisdiction
from kongchuo.reports._monthly import MonthlyReport, Submission, monthly_report

__all__ = ["ExampleCounty", "demo_report", "example_county"]

_CST: Final = dt.timezone(dt.timedelta(hours=8))
_TOWNS: Final = ("370983003", "370983101", "370983105", "370983106")
_CITY_SCHOOL: Final = "3709830001"
_SURNAMES: Final = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN: Final = "明红浩雨洋静磊婷凡欣佳敏强芳军丽伟娜"
_GROUPS: Final = (
    SpecialGroup.LEFT_BEHIND,
    SpecialGroup.POVERTY_ALLEVIATED,
    SpecialGroup.DISABLED,
    SpecialGroup.MIGRANT,
    SpecialGroup.IN_DIFFICULTY,
)
MONTHS: Final = ((2025, 9), (2025, 10), (2025, 11), (2025, 12))
"""The months the example county's logs cover."""


@attrs.frozen(kw_only=True)
class ExampleCounty:
    """The records of the example county.

    Attributes:
        jurisdictions: The towns whose education offices report.
        schools: The schools (``3709830001`` is city-direct).
        children: The children.
        registrations: Their registrations (学籍) from 1 September 2025.
        cases: The case logs.
        care_plans: Care plans of some special-group students.
        submissions: When each unit sent its monthly reports.
        calendar: The 2025–26 school calendar.
    """

    jurisdictions: tuple[Jurisdiction, ...]
    schools: tuple[School, ...]
    children: tuple[Child, ...]
    registrations: tuple[Registration, ...]
    cases: tuple[kc.Case, ...]
    care_plans: tuple[kc.CarePlan, ...]
    submissions: tuple[Submission, ...]
    calendar: SchoolCalendar


def _id(rng: random.Random, birth: dt.date, sex_odd: bool) -> ResidentId:  # noqa: FBT001
    seq = rng.randrange(10, 99) * 10 + rng.choice((1, 3, 5, 7, 9) if sex_odd else (0, 2, 4, 6, 8))
    body = f"370983{birth:%Y%m%d}{seq:03d}"
    return ResidentId.parse(body + check_character(body))


def _grade(birth: dt.date) -> int:
    entry = birth.year + 6 + (1 if birth.month >= 9 else 0)
    return max(1, min(9, 2025 - entry + 1))


def _schools() -> tuple[School, ...]:
    names = {u.code: u.name for u in FEICHENG_UNITS}
    town_schools = tuple(
        School(
            code=f"{town}{i}"[-10:] if len(town) > 9 else f"{town}{i}",
            name=f"肥城市{names[town]}中心学校",
            kind=SchoolKind.NINE_YEAR,
            jurisdiction=town,
        )
        for i, town in enumerate(_TOWNS, start=1)
    )
    city = School(
        code=_CITY_SCHOOL,
        name="肥城市实验学校",
        kind=SchoolKind.NINE_YEAR,
        jurisdiction="370983001",
        city_direct=True,
    )
    return (*town_schools, city)


def _on(day: dt.date, **fields: Any) -> dict[str, Any]:  # noqa: ANN401 - event fields
    return {
        "occurred_on": day,
        "recorded_at": dt.datetime(day.year, day.month, day.day, 18, tzinfo=_CST),
        "recorded_by": "李老师",
        **fields,
    }


_TEACHER: Final = kc.Person(role=kc.Role.HEAD_TEACHER, name="李老师")
_PRINCIPAL: Final = kc.Person(role=kc.Role.PRINCIPAL, name="张校长")
_PARENT: Final = kc.Person(role=kc.Role.GUARDIAN, name="家长")


def _attempt(result: kc.AttemptResult) -> Callable[[dt.date], kc.Event]:
    return lambda day: kc.PersuasionAttempt(
        **_on(day),
        method=kc.PersuasionMethod.HOME_VISIT,
        visitors=(_TEACHER, _PRINCIPAL),
        met=(_PARENT,),
        result=result,
        next_step="继续跟进，一周内再次家访",
        materials=("监护人书面承诺书",) if result is kc.AttemptResult.AGREED_TO_RETURN else (),
    )


def _cause(cause: kc.Cause) -> Callable[[dt.date], kc.Event]:
    return lambda day: kc.CauseAnalysed(
        **_on(day),
        causes={cause},
        primary=cause,
        narrative="经入户走访和与班主任、家长谈话，分析主要原因并记录家庭情况与学习情况。",
    )


def _plan(day: dt.date) -> kc.Event:
    return kc.PlanMade(
        **_on(day),
        measures=("结对帮扶", "每周家访"),
        responsible=(_TEACHER,),
        target_date=day + dt.timedelta(days=30),
    )


def _marked(day: dt.date) -> kc.Event:
    return kc.ProgressMarked(**_on(day), platform="控辍保学台账系统")


def _script(rng: random.Random, kind: kc.CaseKind, school: str | None, grade: int) -> list[Any]:
    """The events of one case after it is identified, as builders of a day."""
    cause = rng.choice(
        (kc.Cause.LEARNING_DIFFICULTY, kc.Cause.FAMILY_FINANCES, kc.Cause.WORK, kc.Cause.ILLNESS)
    )
    verified = lambda day: kc.Verified(**_on(day), confirmed=True, finding="核实属实")  # noqa: E731
    if kind is kc.CaseKind.OUT_OF_SCHOOL:
        return [
            verified,
            _cause(kc.Cause.DISABILITY),
            _plan,
            _attempt(kc.AttemptResult.AGREED_TO_RETURN),
            lambda day: kc.Placed(
                **_on(day), placement=kc.Placement.HOME_DELIVERED, registered=True
            ),
            lambda day: kc.Closed(**_on(day), approved_by="教育办主任"),
        ]
    path = rng.choice(("open", "return", "escalate", "false_alarm", "new"))
    if path == "new":
        return []
    if path == "false_alarm":
        return [
            lambda day: kc.Verified(**_on(day), confirmed=False, finding="病假手续齐全，不属辍学"),
            lambda day: kc.Closed(**_on(day), approved_by="教育办主任"),
        ]
    head = [verified, _cause(cause), _plan]
    if path == "open":
        return [*head, _attempt(kc.AttemptResult.UNDECIDED)]
    back = lambda day: kc.Returned(  # noqa: E731
        **_on(day), school_code=school or _CITY_SCHOOL, grade=grade, materials=("复学证明",)
    )
    if path == "return":
        return [*head, _attempt(kc.AttemptResult.AGREED_TO_RETURN), back]
    return [
        *head,
        _attempt(kc.AttemptResult.REFUSED),
        _attempt(kc.AttemptResult.REFUSED),
        _attempt(kc.AttemptResult.REFUSED),
        lambda day: kc.WrittenReport(**_on(day), reported_to="市教体局"),
        lambda day: kc.CorrectionOrdered(
            **_on(day),
            issuer="镇人民政府",
            deadline=day + dt.timedelta(days=15),
            materials=("责令限期改正决定书",),
        ),
        *([back] if rng.random() < 0.5 else []),
    ]


def _people(
    rng: random.Random, count: int, schools: tuple[School, ...]
) -> tuple[list[Child], list[Registration], list[kc.CarePlan]]:
    kids: list[Child] = []
    regs: list[Registration] = []
    plans: list[kc.CarePlan] = []
    for i in range(count):
        birth = dt.date(2010, 9, 1) + dt.timedelta(days=rng.randrange(0, 365 * 8))
        rid = _id(rng, birth, sex_odd=i % 2 == 0)
        school = rng.choice(schools)
        town = school.jurisdiction if not school.city_direct else rng.choice(_TOWNS)
        groups = frozenset({rng.choice(_GROUPS)}) if rng.random() < 0.4 else frozenset()
        kids.append(
            Child(
                resident_id=rid,
                name=rng.choice(_SURNAMES) + rng.choice(_GIVEN),
                sex=rid.sex,
                birth_date=birth,
                household_region="370983",
                residence_region="370983",
                rural_household=town != "370983003",
                jurisdiction=town,
                special_groups=groups,
                guardians=(
                    Guardian(
                        relationship=GuardianRelationship.MOTHER,
                        name="母亲",
                        phone="13800138000",
                        working_away=SpecialGroup.LEFT_BEHIND in groups,
                    ),
                ),
                retain_until=dt.date(birth.year + 19, 8, 31),
            )
        )
        if i % 6 == 5:  # never enrolled: a 失学 child
            continue
        number = StudentNumber.parse("G" + rid.value)
        regs.append(
            Registration(
                student_number=number,
                school=school.code,
                grade=_grade(birth),
                status=RegistrationStatus.ENROLLED,
                effective_from=dt.date(2025, 9, 1),
            )
        )
        if groups and rng.random() < 0.6:
            plans.append(
                kc.CarePlan(
                    student_number=number,
                    mentor="李老师",
                    one_life_one_plan=SpecialGroup.POVERTY_ALLEVIATED in groups,
                    measures=("学业辅导",),
                    consultations=(dt.date(2025, 9, 10),),
                    started_on=dt.date(2025, 9, 5),
                )
            )
    return kids, regs, plans


def _case_log(rng: random.Random, n: int, child: Child, reg: Registration | None) -> kc.Case:
    kind = (
        kc.CaseKind.OUT_OF_SCHOOL
        if reg is None
        else rng.choice((kc.CaseKind.DROPOUT, kc.CaseKind.SUSPECTED_DROPOUT))
    )
    day = dt.date(2025, 9, 1) + dt.timedelta(days=rng.randrange(0, 110))
    case = kc.Case.open(
        case_id=f"FC-2025-{n:04d}",
        kind=kind,
        jurisdiction=child.jurisdiction,
        school_code=None if reg is None else reg.school,
        child_id=child.resident_id,
        identified=kc.Identified(
            **_on(day),
            method=kc.IdentificationMethod.SCHOOL_REPORT
            if reg is not None
            else kc.IdentificationMethod.CENSUS_COMPARISON,
            found_by="班主任" if reg is not None else "户籍与学籍比对",
        ),
    )
    school = None if reg is None else reg.school
    for build in _script(rng, kind, school, _grade(child.birth_date)):
        day += dt.timedelta(days=rng.randrange(2, 12))
        event = build(day)
        if (
            isinstance(event, kc.Closed)
            and not kc.check_closure(case, as_of=day, policy=FEICHENG).ok
        ):
            break
        case = case.append(event, policy=FEICHENG)
        if isinstance(event, kc.PersuasionAttempt) and (
            kind is kc.CaseKind.OUT_OF_SCHOOL or rng.random() < 0.75
        ):
            case = case.append(_marked(day))
    return case


def _submissions(rng: random.Random) -> tuple[Submission, ...]:
    found = []
    for year, month in MONTHS[:-1]:
        for code in (*_TOWNS, _CITY_SCHOOL):
            if rng.random() < 0.1:
                continue  # not sent
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            on = following + dt.timedelta(rng.randrange(0, 7))
            found.append(Submission(unit_code=code, year=year, month=month, on=on))
    return tuple(found)


def example_county(*, seed: int = 2025, children: int = 24, cases: int = 12) -> ExampleCounty:
    """Build the example county from a seed.

    Args:
        seed: The seed; the same seed gives the same county.
        children: How many children (4–500).
        cases: How many cases, at most ``children``.

    Example:
        >>> county = example_county()
        >>> len(county.children), len(county.cases), county.schools[-1].city_direct
        (24, 12, True)
    """
    rng = random.Random(seed)  # noqa: S311 - made-up data, not secrets
    schools = _schools()
    kids, regs, plans = _people(rng, max(4, min(children, 500)), schools)
    registered = {r.student_number.resident_id: r for r in regs}
    found = tuple(
        _case_log(rng, n, child, registered.get(child.resident_id))
        for n, child in enumerate(rng.sample(kids, min(cases, len(kids))), start=1)
    )
    return ExampleCounty(
        jurisdictions=tuple(u for u in FEICHENG_UNITS if u.code in _TOWNS),
        schools=schools,
        children=tuple(kids),
        registrations=tuple(regs),
        cases=found,
        care_plans=tuple(plans),
        submissions=_submissions(rng),
        calendar=SchoolCalendar(
            school_year=2025,
            terms=(
                Term(kind=TermKind.AUTUMN, start=dt.date(2025, 9, 1), end=dt.date(2026, 1, 23)),
                Term(kind=TermKind.SPRING, start=dt.date(2026, 2, 24), end=dt.date(2026, 7, 10)),
            ),
            source="示例校历 (example)",
        ),
    )


def demo_report(*, year: int = 2025, month: int = 10) -> MonthlyReport:
    """The example county's monthly report, compiled on 15 of the following month.

    Example:
        >>> demo_report().label_zh
        '2025年10月控辍保学月报告'
    """
    county = example_county()
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return monthly_report(
        county.cases,
        year=year,
        month=month,
        as_of=first_next + dt.timedelta(days=14),
        policy=FEICHENG,
        children=county.children,
        registrations=county.registrations,
        schools=county.schools,
        jurisdictions=county.jurisdictions,
        submissions=county.submissions,
    )
