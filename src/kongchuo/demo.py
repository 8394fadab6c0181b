"""Made-up data to try kongchuo on (演示数据): one worked case, and a county at real size.

:func:`sample_case` is one dropout case in 肥城市 — the child, the school and the
case log from identification to a correction order — for examples and docs.
:func:`county` builds a whole demo county shaped like 肥城市 deterministically from
a seed (see :mod:`kongchuo.demo` 's ``county``); ``kongchuo demo`` runs the year on it.

Every name and number here is invented; the ID numbers have valid check characters
but belong to no one.

This module is part of the edges layer of the design: it only calls the public
library.

Example:
    >>> from kongchuo.demo import sample_case
    >>> case, child, school = sample_case()
    >>> case.state.label_zh, child.name, school.name
    ('强制入学程序中', '李明', '肥城市王瓜店中学')
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from kongchuo import (
    Child,
    Guardian,
    GuardianRelationship,
    ResidentId,
    School,
    SchoolKind,
    cases,
)

__all__ = ["sample_case"]

_TOWN: Final = "370983003"
_RECORDER: Final = cases.Recorder(by="李老师")


def sample_school() -> School:
    """The school of :func:`sample_case`: 肥城市王瓜店中学, a lower-secondary school."""
    return School(
        code="3709830031",
        name="肥城市王瓜店中学",
        kind=SchoolKind.JUNIOR_SECONDARY,
        jurisdiction=_TOWN,
    )


def sample_child() -> Child:
    """The child of :func:`sample_case`: 李明, born 2012, with two guardians."""
    rid = ResidentId.parse("370983201206150034")
    return Child(
        resident_id=rid,
        name="李明",
        sex=rid.sex,
        birth_date=rid.birth_date,
        household_region="370983",
        residence_region="370983",
        rural_household=True,
        jurisdiction=_TOWN,
        guardians=(
            Guardian(relationship=GuardianRelationship.FATHER, name="李强", phone="13800138000"),
            Guardian(relationship=GuardianRelationship.MOTHER, name="王芳", phone="13900139000"),
        ),
        retain_until=dt.date(2031, 8, 31),
    )


def sample_case() -> tuple[cases.Case, Child, School]:
    """One dropout case (辍学) in 王瓜店街道, logged up to a correction order.

    The student stopped coming on 2025-09-01; the head teacher and principal visited
    three times, the school reported in writing and the bureau ordered the guardians
    to send the child back by 2025-10-09.

    Returns:
        The case, the child and the school.
    """
    rec = _RECORDER
    teacher = cases.Person(role=cases.Role.HEAD_TEACHER, name="李老师")
    principal = cases.Person(role=cases.Role.PRINCIPAL, name="张校长")
    father = cases.Person(role=cases.Role.GUARDIAN, name="李强")
    child = sample_child()
    case = cases.Case.open(
        case_id="FC-2025-0001",
        kind=cases.CaseKind.DROPOUT,
        jurisdiction=_TOWN,
        school_code="3709830031",
        child_id=child.resident_id,
        identified=cases.Identified(
            **rec.on(dt.date(2025, 9, 1)),
            method=cases.IdentificationMethod.SCHOOL_REPORT,
            found_by="班主任",
        ),
    )
    for event in (
        cases.Verified(
            **rec.on(dt.date(2025, 9, 3)), confirmed=True, finding="连续缺课，家长确认辍学"
        ),
        cases.CauseAnalysed(
            **rec.on(dt.date(2025, 9, 4)),
            causes={cases.Cause.LEARNING_DIFFICULTY, cases.Cause.FAMILY_CRISIS},
            primary=cases.Cause.LEARNING_DIFFICULTY,
            narrative="数学跟不上，产生厌学情绪；家中需要劳力。",
        ),
        *(
            cases.PersuasionAttempt(
                **rec.on(day),
                method=cases.PersuasionMethod.HOME_VISIT,
                visitors=(teacher, principal),
                met=(father,),
                result=cases.AttemptResult.REFUSED,
            )
            for day in (dt.date(2025, 9, 5), dt.date(2025, 9, 10), dt.date(2025, 9, 17))
        ),
        cases.WrittenReport(
            **rec.on(dt.date(2025, 9, 19), materials=("肥教报〔2025〕5号",)),
            reported_to="肥城市教育和体育局",
        ),
        cases.CorrectionOrdered(
            **rec.on(dt.date(2025, 9, 22), materials=("肥教责〔2025〕2号",)),
            issuer="肥城市教育和体育局",
            deadline=dt.date(2025, 10, 9),
        ),
    ):
        case = case.append(event)
    return case, child, sample_school()
