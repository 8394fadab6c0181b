"""What each ground of closing a case needs (销号依据), held as data.

A case closes (:class:`~kongchuo.cases.Closed`) on the ground its state names: the
child returned, was placed, studies elsewhere, is on an approved deferral, moved
away or died, or was never a case. Each ground lists its requirements in
:data:`CLOSURE_GROUNDS`, and :func:`closure_problems` checks them against the
case's own log — the evidence is in the log, so :meth:`kongchuo.cases.Case.append`
refuses a closure that lacks it and :meth:`kongchuo.cases.Case.verify` reports a
stored one. Nothing here reads a ledger rule: the log stays a log, and the ledger
check at closing is :func:`kongchuo.cases.close_case`'s.

This module is part of the models layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from kongchuo._core.errors import Problem, ValidationError
from kongchuo._core.guard import friendly_init
from kongchuo._models.base import problem
from kongchuo.cases._events import (
    AttemptResult,
    AttendanceRecorded,
    Deferred,
    Event,
    PersuasionAttempt,
    Placed,
    Placement,
    StudyingElsewhere,
)
from kongchuo.cases._machine import CaseState

if TYPE_CHECKING:
    from kongchuo.policy import Policy, Span

__all__ = [
    "CLOSURE_GROUNDS",
    "ClosureGround",
    "Requirement",
    "closure_attendance",
    "closure_problems",
    "ground_for",
]


@friendly_init
@attrs.frozen(kw_only=True)
class Requirement:
    """One thing a ground of closing needs (销号条件).

    Attributes:
        code: The finding code when it is not met (``closure.<code>``).
        name: What is needed, in English.
        name_zh: What is needed, in Chinese.
        basis: Clause ids and law articles.
    """

    code: str
    name: str
    name_zh: str
    basis: tuple[str, ...] = ()


@friendly_init
@attrs.frozen(kw_only=True)
class ClosureGround:
    """A ground on which a case may close, and what it needs (销号依据).

    Attributes:
        ground: A stable name (``"returned"``, ``"aged_out"`` …).
        name_zh: The Chinese name.
        states: The states the case is in when it closes on this ground.
        requires: What must hold on the closing day, each checked from the log.
        work_record: Whether the ledger's record of the persuasion work (cause
            analysis, plan, attempts) is needed too. A child who studies elsewhere,
            moved away, died, is on an approved deferral or was never a case needs
            none: asking for it would invite fictitious records (过程记录真实).
        basis: Clause ids and law articles.
    """

    ground: str
    name_zh: str
    states: frozenset[CaseState]
    requires: tuple[Requirement, ...]
    work_record: bool
    basis: tuple[str, ...]


_OPEN_STATES: Final = frozenset(
    {CaseState.IDENTIFIED, CaseState.VERIFIED, CaseState.IN_PERSUASION, CaseState.ESCALATED}
)
_AGE_BASIS: Final = ("未成年人保护法 第二十八条第二款", "未成年人保护法 第八十三条第二款")

CLOSURE_GROUNDS: Final[tuple[ClosureGround, ...]] = (
    ClosureGround(
        ground="returned",
        name_zh="复学",
        states=frozenset({CaseState.RETURNED}),
        requires=(
            Requirement(
                code="proof_of_return",
                name="the proof of return among the return's materials",
                name_zh="复学证明",
                basis=("FC-1.2", "FC-1.3"),
            ),
            Requirement(
                code="attendance_short",
                name="school days attended since the return, recorded in the log "
                "(closure_attendance)",
                name_zh="复学后到校天数达到政策要求（记入台账）",
                basis=("FC-2.5",),
            ),
        ),
        work_record=True,
        basis=("FC-2.5", "FC-1.3"),
    ),
    ClosureGround(
        ground="placed",
        name_zh="安置",
        states=frozenset({CaseState.PLACED}),
        requires=(
            Requirement(
                code="not_registered",
                name="for 送教上门, the placement entered in the 学籍",
                name_zh="送教上门已纳入学籍管理",
                basis=("残疾人教育条例 第十七条第四款",),
            ),
        ),
        work_record=True,
        basis=("FC-3.1", "残疾人教育条例 第十七条"),
    ),
    ClosureGround(
        ground="studying_elsewhere",
        name_zh="外出就学",
        states=frozenset({CaseState.STUDYING_ELSEWHERE}),
        requires=(
            Requirement(
                code="no_school_confirmation",
                name="the other school's confirmation",
                name_zh="就读学校的就读证明",
                basis=("FC-2.3",),
            ),
        ),
        work_record=False,
        basis=("FC-2.3", "FC-2.5"),
    ),
    ClosureGround(
        ground="deferred",
        name_zh="经批准延缓入学或休学",
        states=frozenset({CaseState.DEFERRED}),
        requires=(
            Requirement(
                code="no_approval",
                name="the approval among the deferral's materials",
                name_zh="审批材料",
                basis=("义务教育法 第十一条第二款",),
            ),
            Requirement(
                code="deferral_expired",
                name="the deferral in force on the closing day (until not passed)",
                name_zh="销号之日仍在批准期限内",
                basis=("义务教育法 第十一条第二款",),
            ),
        ),
        work_record=False,
        basis=("义务教育法 第十一条第二款", "FC-2.5"),
    ),
    ClosureGround(
        ground="left",
        name_zh="迁出或死亡",
        states=frozenset({CaseState.LEFT}),
        requires=(
            Requirement(
                code="no_police_confirmation",
                name="the public security confirmation among the event's materials",
                name_zh="公安机关户籍证明",
                basis=("FC-3.1",),
            ),
        ),
        work_record=False,
        basis=("FC-3.1", "FC-2.5"),
    ),
    ClosureGround(
        ground="not_confirmed",
        name_zh="经核实排除",
        states=frozenset({CaseState.NOT_CONFIRMED}),
        requires=(
            Requirement(
                code="verification_finding",
                name="the verification's finding (always recorded with it)",
                name_zh="核实结论",
                basis=("FC-2.5",),
            ),
        ),
        work_record=False,
        basis=("FC-2.5",),
    ),
    ClosureGround(
        ground="aged_out",
        name_zh="超龄",
        states=_OPEN_STATES,
        requires=(
            Requirement(
                code="not_resolved",
                name="a closure age set in the policy with its basis, and passed "
                "(none by default: the law sets no age limit)",
                name_zh="政策明确规定并注明依据的销号年龄（默认无：法律未设年龄上限）",
                basis=_AGE_BASIS,
            ),
            Requirement(
                code="unresolved_refusal",
                name="no unresolved refusal (the last attempt was not refused, the case "
                "is not in the compulsory-enrolment procedure)",
                name_zh="无未化解的拒绝（最近一次劝返未被拒绝，且未进入强制入学程序）",
                basis=_AGE_BASIS,
            ),
        ),
        work_record=True,
        basis=_AGE_BASIS,
    ),
)
"""Every ground of closing and what it needs, in one table (the docs print it)."""

_BY_STATE: Final[Mapping[CaseState, ClosureGround]] = {
    state: g for g in CLOSURE_GROUNDS for state in g.states
}


def ground_for(state: CaseState) -> ClosureGround | None:
    """The ground a case in ``state`` would close on (``None`` for new or closed).

    Example:
        >>> ground_for(CaseState.STUDYING_ELSEWHERE).name_zh
        '外出就学'
    """
    return _BY_STATE.get(state)


def _unmet(path: str, en: str, zh: str) -> tuple[str, str, str]:
    return (path, en, zh)


@attrs.frozen
class _Closing:
    """What a requirement reads: the log, the resolving event and the day."""

    effective: Sequence[tuple[int, Event]]
    state: CaseState
    resolved: int | None
    birth: dt.date | None
    closed_on: dt.date
    policy: Policy

    @property
    def event(self) -> tuple[int, Event] | None:
        return self.effective[self.resolved] if self.resolved is not None else None


def _proof_of_return(c: _Closing) -> tuple[str, str, str] | None:
    found = c.event
    if found is None or found[1].materials:
        return None
    return _unmet(
        f"$.entries[{found[0]}].event.materials",
        "the return carries no proof of return",
        "复学记录未附复学证明",
    )


def closure_attendance(policy: Policy, day: dt.date) -> Span | None:
    """The school days a returned child must attend before closing, in school days.

    ``closure_attendance`` counts school days attended since the return; a span in
    another unit is refused rather than misread (one month is not one day).

    Raises:
        ValidationError: ``span.unit`` for a span not in school days.
    """
    from kongchuo.policy import TimeUnit  # noqa: PLC0415 - the policy layer, loaded on use

    needed = policy.closure_attendance.value_at(day)
    if needed is not None and needed.unit is not TimeUnit.SCHOOL_DAY:
        raise ValidationError(
            "span.unit",
            f"closure_attendance counts school days attended since the return; {needed} "
            "cannot be counted in attendance: give it in school days",
            f"closure_attendance 以复学后到校的在校日计；{needed.count}{needed.unit.label_zh}"
            "无法按到校记录计算，请以在校日给出",
            path="policy.closure_attendance",
        )
    return needed


def _attendance(c: _Closing) -> tuple[str, str, str] | None:
    needed = closure_attendance(c.policy, c.closed_on)
    found = c.event
    if needed is None or found is None:
        return None
    returned_on = found[1].occurred_on
    days: set[dt.date] = set()
    for _, e in c.effective[c.resolved + 1 if c.resolved is not None else 0 :]:
        if isinstance(e, AttendanceRecorded):
            days.update(d for d in e.days if returned_on <= d <= c.closed_on)
    if len(days) >= needed.count:
        return None
    return _unmet(
        "$.entries",
        f"the log records {len(days)} school days attended since the return on "
        f"{returned_on.isoformat()}; the policy asks for {needed.count} "
        "(record them with record_attendance)",
        f"台账记载儿童自 {returned_on.isoformat()} 复学以来到校 {len(days)} 天，"
        f"政策要求 {needed.count} 天（请用 record_attendance 记入台账）",
    )


def _registered(c: _Closing) -> tuple[str, str, str] | None:
    found = c.event
    if found is None:
        return None
    seq, e = found
    if not isinstance(e, Placed) or e.placement is not Placement.HOME_DELIVERED or e.registered:
        return None
    return _unmet(
        f"$.entries[{seq}].event.registered",
        "送教上门 counts as compulsory education only once entered in the 学籍 "
        "(残疾人教育条例 第十七条第四款: 并纳入学籍管理)",
        "送教上门须纳入学籍管理后方可销号（残疾人教育条例第十七条第四款）",
    )


def _school_confirmation(c: _Closing) -> tuple[str, str, str] | None:
    found = c.event
    if found is None or not isinstance(found[1], StudyingElsewhere) or found[1].confirmation:
        return None
    return _unmet(
        f"$.entries[{found[0]}].event.confirmation",
        "studying elsewhere closes only with the other school's confirmation",
        "外出就学须有就读学校的就读证明方可销号",
    )


def _approval(c: _Closing) -> tuple[str, str, str] | None:
    found = c.event
    if found is None or found[1].materials:
        return None
    return _unmet(
        f"$.entries[{found[0]}].event.materials",
        "the deferral carries no approval among its materials",
        "延缓入学或休学记录未附审批材料",
    )


def _in_force(c: _Closing) -> tuple[str, str, str] | None:
    found = c.event
    if found is None or not isinstance(found[1], Deferred) or found[1].in_force_on(c.closed_on):
        return None
    until = found[1].until
    assert until is not None  # noqa: S101 - in_force_on is False only past until
    return _unmet(
        f"$.entries[{found[0]}].event.until",
        f"the deferral ran until {until.isoformat()}: after it, it is no ground for closing "
        "and the child is owed a return",
        f"延缓入学或休学期限已于 {until.isoformat()} 届满：不能再作为销号依据，应督促复学",
    )


def _police(c: _Closing) -> tuple[str, str, str] | None:
    found = c.event
    if found is None or found[1].materials:
        return None
    return _unmet(
        f"$.entries[{found[0]}].event.materials",
        "moving away or death closes only with the public security confirmation attached",
        "迁出或死亡须附公安机关户籍证明方可销号",
    )


def _nothing(c: _Closing) -> tuple[str, str, str] | None:  # noqa: ARG001 - one signature
    return None


def _age(c: _Closing) -> tuple[str, str, str] | None:
    limit = c.policy.closure_age.value_at(c.closed_on)
    if limit is not None and c.birth is not None:
        from kongchuo._time.age import age_on  # noqa: PLC0415 - the time layer, loaded on use

        if c.birth <= c.closed_on and age_on(c.birth, c.closed_on) > limit:
            return None
    return _unmet(
        "$.entries",
        f"the case is {c.state.value}: the child has not returned, been placed or otherwise "
        "been accounted for, and a child who has not completed compulsory education stays "
        "in scope at any age (未成年人保护法 第二十八条第二款, 第八十三条第二款)",
        f"个案处于“{c.state.label_zh}”状态：儿童尚未复学、安置或以其他方式落实；"
        "尚未完成义务教育的辍学未成年学生不因年龄而销号（未成年人保护法第二十八条第二款、"
        "第八十三条第二款）",
    )


def _refusal(c: _Closing) -> tuple[str, str, str] | None:
    attempts = [e for _, e in c.effective if isinstance(e, PersuasionAttempt)]
    refused = bool(attempts) and attempts[-1].result is AttemptResult.REFUSED
    if not refused and c.state is not CaseState.ESCALATED:
        return None
    return _unmet(
        "$.entries",
        "an unresolved refusal never closes on age: the guardian refused or the "
        "compulsory-enrolment procedure is under way",
        "未化解的拒绝不能因超龄销号：监护人拒绝返校或强制入学程序仍在进行",
    )


_CHECKS: Final[Mapping[str, Callable[[_Closing], tuple[str, str, str] | None]]] = {
    "proof_of_return": _proof_of_return,
    "attendance_short": _attendance,
    "not_registered": _registered,
    "no_school_confirmation": _school_confirmation,
    "no_approval": _approval,
    "deferral_expired": _in_force,
    "no_police_confirmation": _police,
    "verification_finding": _nothing,
    "not_resolved": _age,
    "unresolved_refusal": _refusal,
}


def closure_problems(
    effective: Sequence[tuple[int, Event]],
    state: CaseState,
    resolved: int | None,
    *,
    birth: dt.date | None,
    closed_on: dt.date,
    policy: Policy,
) -> list[Problem]:
    """The requirements of the case's ground that do not hold on ``closed_on``.

    Args:
        effective: The effective log before the closing, as ``(seq, event)``.
        state: The state before the closing.
        resolved: The index in ``effective`` of the event that led to ``state``.
        birth: The child's birth date, where the header's ID number gives it.
        closed_on: The day of the closing.
        policy: The policy in force.

    Returns:
        One problem per unmet requirement, coded ``closure.<code>``; empty when the
        case may close on its ground. A state with no ground (new, closed) gives
        ``closure.no_ground``.
    """
    ground = ground_for(state)
    if ground is None:
        return [
            problem(
                "closure.no_ground",
                f"a case in state {state.value!r} has no ground to close on",
                f"“{state.label_zh}”状态的个案没有销号依据",
                "$.entries",
            )
        ]
    closing = _Closing(effective, state, resolved, birth, closed_on, policy)
    out = []
    for requirement in ground.requires:
        unmet = _CHECKS[requirement.code](closing)
        if unmet is not None:
            path, en, zh = unmet
            out.append(problem(f"closure.{requirement.code}", en, zh, path))
            if requirement.code == "not_resolved":
                break
    return out
