"""Care for every student (关爱服务): mentors, care plans, consultations and aid.

FC-1.5: every student has a mentor, with the head teacher (班主任) at the core; every
special-group student has care measures by category, learning-situation
consultations (学情会商) and targeted aid (精准资助救助); an economically
disadvantaged student (建档立卡等家庭经济困难学生: :data:`HARDSHIP_GROUPS`) has a care
plan of their own (一生一案).

This module holds the :class:`CarePlan` model (models layer) and the
:func:`check_care` rule (rules layer).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, Final

import attrs

from kongchuo._core.args import require_date, require_instance
from kongchuo._core.decision import Decision, Finding, Severity, finding
from kongchuo._core.errors import Problem
from kongchuo._identity.numbers import StudentNumber
from kongchuo._models.base import (
    BOOL,
    DATE,
    NAME,
    STUDENT_NUMBER,
    EnumKind,
    Model,
    ModelKind,
    Nullable,
    Text,
    TupleKind,
    as_tuple,
    meta,
    problem,
)
from kongchuo._models.children import Child, SpecialGroup
from kongchuo.cases._events import Role
from kongchuo.policy import Policy
from kongchuo.policy._policy import own_basis, require_policy

__all__ = ["HARDSHIP_GROUPS", "AidRecord", "CarePlan", "check_care", "is_cared_for"]

_NOTE: Final = Text(500)

HARDSHIP_GROUPS: Final[frozenset[SpecialGroup]] = frozenset(
    {
        SpecialGroup.POVERTY_ALLEVIATED,
        SpecialGroup.ORPHAN,
        SpecialGroup.DE_FACTO_UNSUPPORTED,
    }
)
"""The special groups whose students are 家庭经济困难 for 一生一案 (FC-1.5).

The seed: "把建档立卡**等**家庭经济困难学生作为脱贫攻坚重点对象，'一生一案'制订落实关爱方案".
等 is read as every group the models know whose membership itself rests on the
family's economic hardship: 脱贫 (formerly 建档立卡) families; orphans (孤儿, who
receive 民政's basic living allowance, 国办发〔2010〕54号); children de facto without
carers (事实无人抚养儿童, who receive a basic living subsidy on the orphans' model,
民发〔2019〕62号).

Left out, with the reason: 困境儿童 and 重点困境儿童, whose membership may rest on
disability or on neglect rather than hardship (国发〔2016〕36号 names three kinds);
disabled children (残疾儿童), where disability says nothing of the family's means;
留守儿童, 随迁子女 and 涉案未成年人. Families on 最低生活保障 (低保) or 特困供养 are
economically disadvantaged too, but the models do not record them yet. A kongchuo
reading of 等; it errs toward asking for a plan only where the group says hardship.
"""


@attrs.frozen(kw_only=True)
class AidRecord(Model):
    """One grant of aid (资助救助记录): when, what, by whom.

    Attributes:
        on: When it was granted.
        kind: What it was, such as ``"生活补助"`` or ``"营养餐"``.
        provider: Who granted it.
    """

    on: dt.date = attrs.field(metadata=meta(DATE))
    kind: str = attrs.field(metadata=meta(Text(100)))
    provider: str = attrs.field(metadata=meta(Text(100)))


@attrs.frozen(kw_only=True)
class CarePlan(Model):
    """A student's care plan (关爱帮扶方案; 一生一案 for an economically disadvantaged student).

    Attributes:
        student_number: The student's number.
        mentor: The mentor's name (导师; by default the head teacher).
        mentor_role: The mentor's role.
        one_life_one_plan: Whether this is a 一生一案 plan (for the students of
            :data:`HARDSHIP_GROUPS`).
        measures: Care measures by category.
        consultations: Days of learning-situation consultations (学情会商).
        aid: Aid granted (资助).
        started_on: When the plan started.

    Example:
        >>> import datetime as dt
        >>> plan = CarePlan(
        ...     student_number=StudentNumber.parse("G370983201206150034"),
        ...     mentor="李老师",
        ...     started_on=dt.date(2025, 9, 1),
        ... )
        >>> plan.mentor_role.label_zh
        '班主任'
    """

    student_number: StudentNumber = attrs.field(
        metadata=meta(STUDENT_NUMBER, sensitive="identifier")
    )
    mentor: str | None = attrs.field(default=None, metadata=meta(Nullable(NAME)))
    mentor_role: Role = attrs.field(default=Role.HEAD_TEACHER, metadata=meta(EnumKind(Role)))
    one_life_one_plan: bool = attrs.field(default=False, metadata=meta(BOOL))
    measures: tuple[str, ...] = attrs.field(
        default=(), converter=as_tuple, metadata=meta(TupleKind(_NOTE), sensitive="private")
    )
    consultations: tuple[dt.date, ...] = attrs.field(
        default=(), converter=as_tuple, metadata=meta(TupleKind(DATE))
    )
    aid: tuple[AidRecord, ...] = attrs.field(
        default=(),
        converter=as_tuple,
        metadata=meta(TupleKind(ModelKind(AidRecord)), sensitive="private"),
    )
    started_on: dt.date = attrs.field(metadata=meta(DATE))

    cross_fields: ClassVar[tuple[str, ...]] = ("started_on", "consultations")

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """Consultations fall on or after the plan's start."""
        start = values.get("started_on")
        if start is None:
            return []
        return [
            problem(
                "care_plan.before_start",
                "a consultation is dated before the plan started",
                "学情会商日期早于方案开始日期",
                f"$.consultations[{i}]",
            )
            for i, day in enumerate(values.get("consultations", ()))
            if day < start
        ]


def _f(code: str, en: str, zh: str, path: str, severity: Severity = Severity.ERROR) -> Finding:
    return finding(code, en, zh, path, severity=severity, basis=("FC-1.5",))


def _gaps(child: Child, plan: CarePlan | None, as_of: dt.date) -> Iterator[Finding]:
    if plan is None or plan.mentor is None:
        yield _f(
            "care.mentor.missing",
            "no mentor is named (the head teacher by default)",
            "未明确成长导师（默认由班主任担任）",
            "$.plan.mentor",
        )
    if not child.special_groups:
        return
    if plan is None:
        yield _f(
            "care.plan.missing",
            "a special-group student has no care plan",
            "特殊群体学生未制定关爱帮扶方案",
            "$.plan",
        )
        return
    if not plan.measures:
        yield _f(
            "care.measures.missing",
            "the care plan lists no measures",
            "关爱方案未列出分类关爱措施",
            "$.plan.measures",
        )
    if not any(day <= as_of for day in plan.consultations):
        yield _f(
            "care.consultation.missing",
            "no learning-situation consultation (学情会商) is recorded",
            "未记录学情会商",
            "$.plan.consultations",
        )
    hardship = sorted(child.special_groups & HARDSHIP_GROUPS)
    if not hardship:
        return
    names = "、".join(g.label_zh for g in hardship)
    values = ", ".join(g.value for g in hardship)
    if not plan.one_life_one_plan:
        yield _f(
            "care.plan.not_one_life",
            f"an economically disadvantaged student ({values}) needs a plan of their "
            "own (一生一案)",
            f"家庭经济困难学生（{names}）应实行“一生一案”",
            "$.plan.one_life_one_plan",
        )
    if not any(a.on <= as_of for a in plan.aid):
        yield _f(
            "care.aid.missing",
            f"no aid (资助) is recorded for an economically disadvantaged student ({values})",
            f"家庭经济困难学生（{names}）未记录资助情况",
            "$.plan.aid",
        )


def check_care(
    child: Child, *, plan: CarePlan | None, as_of: dt.date, policy: Policy | None = None
) -> Decision:
    """Report the gaps in a student's care (关爱服务缺口).

    * every student has a mentor (the head teacher by default): ``care.mentor.missing``
      when there is no plan naming one;
    * a special-group student has a care plan (``care.plan.missing``) with care
      measures (``care.measures.missing``) and at least one learning-situation
      consultation by ``as_of`` (``care.consultation.missing``);
    * an economically disadvantaged student — of every group in
      :data:`HARDSHIP_GROUPS`: a 脱贫家庭 (formerly 建档立卡) family, an orphan, a
      child de facto without carers (建档立卡**等**家庭经济困难学生) — has a 一生一案
      plan (``care.plan.not_one_life``) and aid recorded (``care.aid.missing``).

    The decision cites FC-1.5, the seed's clause on care; given ``policy``, its basis
    comes from that profile (:func:`~kongchuo.policy.own_basis`), so under NATIONAL it
    cites no seed clause.

    Every gap is an error, so the decision is ``ok`` (outcome ``"cared_for"``), as in
    every check, when there is no error finding, and here that is exactly when it is
    :attr:`~kongchuo.Decision.clean`.

    References:
        FC-1.5 (全员育人导师制, 学情会商, 精准资助救助, 一生一案).

    Limitations:
        The rule checks that the records exist, not that the care is good. It errs
        toward reporting a gap.

    Example:
        The demo child (:func:`kongchuo.demo.sample_child`), from a 脱贫家庭, with no
        care plan yet:

        >>> import datetime as dt
        >>> import attrs
        >>> from kongchuo import SpecialGroup
        >>> from kongchuo.cases import check_care
        >>> from kongchuo.demo import sample_child
        >>> child = attrs.evolve(sample_child(), special_groups={SpecialGroup.POVERTY_ALLEVIATED})
        >>> check_care(child, plan=None, as_of=dt.date(2025, 10, 1)).codes()
        ('care.mentor.missing', 'care.plan.missing')
    """
    require_instance(child, Child, "child", name_zh="儿童")
    require_instance(plan, CarePlan, "plan", name_zh="关爱方案", optional=True)
    as_of = require_date(as_of, "as_of")
    basis: tuple[str, ...] = ("FC-1.5",)
    findings = list(_gaps(child, plan, as_of))
    if policy is not None:
        basis = own_basis(require_policy(policy), as_of, basis)
        findings = [attrs.evolve(f, basis=own_basis(policy, as_of, f.basis)) for f in findings]
    ok = not any(f.severity is Severity.ERROR for f in findings)
    return Decision(
        rule="care",
        ok=ok,
        outcome="cared_for" if ok else "gaps",
        findings=findings,
        basis=basis,
    )


def is_cared_for(
    child: Child, *, plan: CarePlan | None, as_of: dt.date, policy: Policy | None = None
) -> bool:
    """Whether :func:`check_care` finds no gap (its decision is ``ok``)."""
    return check_care(child, plan=plan, as_of=as_of, policy=policy).ok
