"""The case state machine, held as data (个案状态机).

States, the transitions each event type may make, the evidence a transition needs
and its basis are plain data in :data:`MACHINE`, so that the docs can print them
and a county can read exactly what the library allows. The state of a case is never
stored: :func:`derive_state` folds the effective events of its log through the
machine.

This module is part of the rules layer of the design (docs/design.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from kongchuo._core.args import require_instance, require_iterable
from kongchuo._core.enums import LabelledEnum
from kongchuo._core.errors import ValidationError, quote, type_name
from kongchuo._core.guard import friendly_init

__all__ = ["MACHINE", "CaseState", "Evidence", "Transition", "derive_state", "transition_for"]


class CaseState(LabelledEnum):
    """Where a case stands (个案状态).

    Example:
        >>> CaseState.IN_PERSUASION.label_zh
        '劝返中'
    """

    NEW = "new", "新建"
    IDENTIFIED = "identified", "已发现"
    VERIFIED = "verified", "已核实"
    NOT_CONFIRMED = "not_confirmed", "经核实排除"
    IN_PERSUASION = "in_persuasion", "劝返中"
    ESCALATED = "escalated", "强制入学程序中"
    RETURNED = "returned", "已复学"
    PLACED = "placed", "已安置"
    DEFERRED = "deferred", "经批准延缓入学或休学"
    STUDYING_ELSEWHERE = "studying_elsewhere", "外出就学"
    LEFT = "left", "迁出或死亡"
    CLOSED = "closed", "已销号"

    @property
    def is_open(self) -> bool:
        """Whether work on the case still goes on (not yet resolved or closed)."""
        return self in _OPEN


_OPEN: Final = frozenset(
    {
        CaseState.IDENTIFIED,
        CaseState.VERIFIED,
        CaseState.IN_PERSUASION,
        CaseState.ESCALATED,
    }
)
RESOLVED: Final = frozenset(
    {
        CaseState.NOT_CONFIRMED,
        CaseState.RETURNED,
        CaseState.PLACED,
        CaseState.DEFERRED,
        CaseState.STUDYING_ELSEWHERE,
        CaseState.LEFT,
    }
)
"""States in which the child's situation is resolved and the case may close."""


@friendly_init
@attrs.frozen(kw_only=True)
class Evidence:
    """A document a transition needs among the event's materials (佐证材料).

    Attributes:
        code: The stable code of the ledger finding when it is missing
            (``ledger.materials.<code>``).
        name: The document in English.
        name_zh: The document in Chinese.
        basis: Clause ids and law articles.

    Example:
        >>> Evidence(code="proof_of_return", name="proof of return", name_zh="复学证明").name_zh
        '复学证明'
    """

    code: str
    name: str
    name_zh: str
    basis: tuple[str, ...] = ("FC-1.2",)


_PROOF_OF_RETURN: Final = Evidence(
    code="proof_of_return", name="proof of return", name_zh="复学证明", basis=("FC-1.2", "FC-1.3")
)
_NOTICE_COPY: Final = Evidence(
    code="notice_copy",
    name="a copy of the notice",
    name_zh="通知书存根或复印件",
    basis=("FC-1.2", "FC-2.3"),
)
_ORDER_COPY: Final = Evidence(
    code="correction_order",
    name="a copy of the correction order",
    name_zh="责令限期改正决定书复印件",
    basis=("FC-1.2", "FC-2.4"),
)
_APPROVAL: Final = Evidence(
    code="approval",
    name="the approval of the deferral or suspension",
    name_zh="延缓入学或休学审批材料",
    basis=("FC-1.2", "义务教育法 第十一条"),
)
_POLICE_CONFIRMATION: Final = Evidence(
    code="police_confirmation",
    name="the public security confirmation",
    name_zh="公安机关户籍迁出或死亡证明",
    basis=("FC-1.2", "FC-3.1"),
)
_PENALTY_DECISION: Final = Evidence(
    code="penalty_decision",
    name="the penalty decision",
    name_zh="行政处罚决定书",
    basis=("FC-1.2", "行政处罚法 第十二条"),
)


@friendly_init
@attrs.frozen(kw_only=True)
class Transition:
    """One allowed move of the machine.

    Attributes:
        event: The event tag that makes the move.
        sources: The states the move may start from.
        target: The state it leads to, or ``None`` to stay where the case is.
        evidence: The documents the event must carry among its materials; the ledger
            check (三细三实, 材料齐全真实) reports each one missing.
        guard: A named condition on the log, such as ``"closure_grounds"`` (the
            requirements of :data:`kongchuo.cases.CLOSURE_GROUNDS`, checked when the
            event is appended and again by ``Case.verify``); ``None`` if there is none.
        condition: Which events of the type make this move, by
            :meth:`~kongchuo.cases.Event.transition_condition` (``None``: the usual
            case; ``"not_confirmed"``: a verification that found no case).
        basis: Clause ids and law articles.
    """

    event: str
    sources: frozenset[CaseState]
    target: CaseState | None
    evidence: tuple[Evidence, ...] = ()
    guard: str | None = None
    condition: str | None = None
    basis: tuple[str, ...] = ()


_WORKING: Final = frozenset({CaseState.VERIFIED, CaseState.IN_PERSUASION, CaseState.ESCALATED})
_NOT_CLOSED: Final = frozenset(CaseState) - {CaseState.NEW, CaseState.CLOSED}

MACHINE: Final[tuple[Transition, ...]] = (
    Transition(
        event="identified",
        sources=frozenset({CaseState.NEW}),
        target=CaseState.IDENTIFIED,
        basis=("FC-1.1", "FC-2.5"),
    ),
    Transition(
        event="verified",
        sources=frozenset({CaseState.IDENTIFIED}),
        target=CaseState.VERIFIED,
        basis=("FC-2.5",),
    ),
    Transition(
        event="verified",
        sources=frozenset({CaseState.IDENTIFIED}),
        target=CaseState.NOT_CONFIRMED,
        condition="not_confirmed",
        basis=("FC-2.5",),
    ),
    Transition(
        event="cause_analysis",
        sources=_WORKING,
        target=None,
        basis=("FC-1.2", "FC-1.3"),
    ),
    Transition(event="plan", sources=_WORKING, target=None, basis=("FC-1.3",)),
    Transition(
        event="persuasion_attempt",
        sources=frozenset({CaseState.VERIFIED, CaseState.IN_PERSUASION}),
        target=CaseState.IN_PERSUASION,
        basis=("FC-1.2", "FC-1.3", "未成年人保护法 第二十八条"),
    ),
    Transition(
        event="persuasion_attempt",
        sources=frozenset({CaseState.ESCALATED}),
        target=None,
        basis=("FC-1.3",),
    ),
    Transition(
        event="notice_issued",
        sources=_WORKING,
        target=None,
        evidence=(_NOTICE_COPY,),
        basis=("FC-2.3",),
    ),
    Transition(
        event="written_report",
        sources=frozenset({CaseState.IN_PERSUASION, CaseState.ESCALATED}),
        target=CaseState.ESCALATED,
        basis=("未成年人保护法 第二十八条", "FC-3.3"),
    ),
    Transition(
        event="correction_order",
        # From persuasion too: a 失学 child has no school to report, and the township
        # or the bureau orders correction directly (义务教育法 第五十八条).
        sources=frozenset({CaseState.IN_PERSUASION, CaseState.ESCALATED}),
        target=CaseState.ESCALATED,
        evidence=(_ORDER_COPY,),
        basis=("义务教育法 第五十八条", "未成年人保护法 第八十三条", "FC-2.4"),
    ),
    Transition(
        event="judicial_step",
        sources=frozenset({CaseState.ESCALATED}),
        target=None,
        basis=("FC-2.4", "FC-3.1", "未成年人保护法 第一百一十八条"),
    ),
    Transition(
        event="penalty_imposed",
        sources=frozenset({CaseState.ESCALATED}),
        target=None,
        evidence=(_PENALTY_DECISION,),
        basis=("行政处罚法 第十二条", "FC-2.4"),
    ),
    Transition(
        event="liability_pursued",
        sources=frozenset({CaseState.ESCALATED}),
        target=None,
        basis=("FC-2.4", "义务教育法 第六十条"),
    ),
    Transition(
        event="returned",
        sources=_WORKING,
        target=CaseState.RETURNED,
        evidence=(_PROOF_OF_RETURN,),
        basis=("FC-1.3",),
    ),
    Transition(
        event="placed",
        sources=_WORKING,
        target=CaseState.PLACED,
        basis=("FC-3.1", "残疾人教育条例 第十七条"),
    ),
    Transition(
        event="deferred",
        sources=frozenset({CaseState.IDENTIFIED, *_WORKING}),
        target=CaseState.DEFERRED,
        evidence=(_APPROVAL,),
        basis=("义务教育法 第十一条",),
    ),
    Transition(
        event="studying_elsewhere",
        sources=frozenset({CaseState.IDENTIFIED, *_WORKING}),
        target=CaseState.STUDYING_ELSEWHERE,
        basis=("FC-2.3",),
    ),
    Transition(
        event="moved_away",
        sources=_NOT_CLOSED - {CaseState.LEFT},
        target=CaseState.LEFT,
        evidence=(_POLICE_CONFIRMATION,),
        basis=("FC-3.1",),
    ),
    Transition(
        event="deceased",
        sources=_NOT_CLOSED - {CaseState.LEFT},
        target=CaseState.LEFT,
        evidence=(_POLICE_CONFIRMATION,),
        basis=("FC-3.1",),
    ),
    Transition(event="progress_marked", sources=_NOT_CLOSED, target=None, basis=("FC-1.2",)),
    Transition(
        event="attendance_recorded",
        sources=frozenset({CaseState.RETURNED}),
        target=None,
        basis=("FC-2.5", "FC-1.3"),
    ),
    Transition(
        event="closed",
        sources=frozenset(RESOLVED | _OPEN),
        target=CaseState.CLOSED,
        guard="closure_grounds",
        basis=("FC-2.5",),
    ),
    Transition(
        event="reopened",
        sources=frozenset({CaseState.CLOSED}),
        target=CaseState.VERIFIED,
        basis=("FC-2.5",),
    ),
)
"""Every allowed transition. An event type may appear in several, from different states."""


def _index(
    machine: Iterable[Transition],
) -> Mapping[tuple[str, str | None, CaseState], Transition]:
    table: dict[tuple[str, str | None, CaseState], Transition] = {}
    for t in machine:
        for source in t.sources:
            table[t.event, t.condition, source] = t
    return table


_TABLE: Final = _index(MACHINE)


def transition_for(
    tag: str, state: CaseState, *, condition: str | None = None, path: str = "$"
) -> Transition:
    """The transition an event of type ``tag`` (and ``condition``) makes from ``state``.

    Raises:
        ValidationError: ``case.transition`` naming the event, the state and the
            states the event is allowed from.

    Example:
        >>> transition_for("verified", CaseState.IDENTIFIED).target
        <CaseState.VERIFIED: 'verified'>
        >>> transition_for("verified", CaseState.IDENTIFIED, condition="not_confirmed").target
        <CaseState.NOT_CONFIRMED: 'not_confirmed'>
        >>> transition_for("returned", CaseState.NEW)
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: $: event 'returned' is not allowed in state 'new'...
    """
    path = require_instance(path, str, "path", name_zh="文本")
    if condition is not None and not isinstance(condition, str):
        raise ValidationError(
            "type",
            f"condition must be text or None, got {type_name(condition)}",
            f"condition 应为文本或 None，实为 {type_name(condition)}",
            path=path,
        )
    if not isinstance(tag, str) or not isinstance(state, CaseState):
        raise ValidationError(
            "case.transition",
            f"expected an event type (str) and a CaseState, got {type_name(tag)} "
            f"and {type_name(state)}",
            f"应为事件类型（字符串）和 CaseState，实为 {type_name(tag)} 和 {type_name(state)}",
            path=path,
        )
    found = _TABLE.get((tag, condition, state))
    if found is not None:
        return found
    allowed = sorted({s.value for (event, _, s) in _TABLE if event == tag})
    allowed_zh = "、".join(CaseState(s).label_zh for s in allowed)
    raise ValidationError(
        "case.transition",
        f"event {quote(tag)} is not allowed in state {state.value!r}; "
        f"it is allowed from: {', '.join(allowed) or 'nowhere'}",
        f"“{state.label_zh}”状态下不能记录事件 {quote(tag)}；"
        f"该事件只能在以下状态记录：{allowed_zh or '无'}",
        path=path,
    )


def derive_state(tags: Iterable[object]) -> CaseState:
    """Fold event tags (or events) through the machine and return the resulting state.

    A tag stands for the usual transition of its event type; pass the events
    themselves for those that pick a transition by their content (a verification
    with ``confirmed=False``).

    Raises:
        ValidationError: ``case.transition`` at ``$.events[i]`` for the first event
            the machine does not allow.

    Example:
        >>> derive_state(["identified", "verified", "persuasion_attempt", "returned"])
        <CaseState.RETURNED: 'returned'>
    """
    state = CaseState.NEW
    tags = require_iterable(tags, "tags")
    for i, item in enumerate(tags):
        if isinstance(item, str):
            tag, condition = item, None
        elif isinstance(getattr(item, "tag", None), str) and hasattr(item, "transition_condition"):
            tag, condition = item.tag, item.transition_condition()  # type: ignore[attr-defined]
        else:
            raise ValidationError(
                "case.transition",
                f"expected an event type (str) or an event, got {type_name(item)}",
                f"应为事件类型（字符串）或事件，实为 {type_name(item)}",
                path=f"$.events[{i}]",
            )
        t = transition_for(tag, state, condition=condition, path=f"$.events[{i}]")
        if t.target is not None:
            state = t.target
    return state
