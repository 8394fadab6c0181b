"""The per-child case (一人一案个案) and its append-only, hash-chained log.

A :class:`Case` is one child's episode of being out of school: its kind, the child,
the school holding the registration, the jurisdiction, and a log of
:class:`Entry` records. Each entry holds an event, its sequence number, the hash of
the entry before it and its own hash, so that :meth:`Case.verify` detects any
change, removal or reordering of stored entries (数据登记真实、过程记录真实).

Nothing is edited in place: :meth:`Case.append` returns a new case, and a correction
is a new event whose ``supersedes`` names the entry it corrects. The case's state is
derived from the log by the machine in :mod:`kongchuo.cases._machine`.

This module is part of the models layer of the design (docs/design.md).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Final

import attrs

from kongchuo._decision import Decision, Finding
from kongchuo._errors import Problem, ValidationError
from kongchuo._identity import ResidentId
from kongchuo._models._base import (
    FULL,
    RESIDENT_ID,
    UNIT_CODE,
    EnumKind,
    Model,
    ModelKind,
    Optional,
    Text,
    TupleKind,
    as_tuple,
    meta,
    problem,
)
from kongchuo.cases._events import EVENT, SEQUENCE, CaseKind, Event, Identified
from kongchuo.cases._machine import CaseState, Transition, transition_for

if TYPE_CHECKING:
    from kongchuo.policy import Policy

__all__ = ["GENESIS", "Case", "Entry", "entry_hash"]

GENESIS: Final = "0" * 64
"""The ``prev_hash`` of the first entry of every log."""

_HASH: Final = Text(64)


def _canonical(event: Event) -> str:
    return json.dumps(
        EVENT.dump(event, FULL), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


def entry_hash(seq: int, event: Event, prev_hash: str) -> str:
    """The SHA-256 of an entry: its predecessor's hash, its number and its event.

    Example:
        >>> len(entry_hash(0, _demo_event(), GENESIS))
        64
    """
    text = f"{prev_hash}\n{seq}\n{_canonical(event)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _demo_event() -> Event:
    import datetime as dt  # noqa: PLC0415 - only for the doctest above

    from kongchuo.cases._events import IdentificationMethod  # noqa: PLC0415

    return Identified(
        occurred_on=dt.date(2025, 9, 8),
        recorded_at=dt.datetime(2025, 9, 8, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        recorded_by="李老师",
        method=IdentificationMethod.SCHOOL_REPORT,
        found_by="班主任",
    )


@attrs.frozen(kw_only=True)
class Entry(Model):
    """One stored entry of a case log (台账记录).

    Attributes:
        seq: Its position, from 0.
        event: The event.
        prev_hash: The hash of the entry before it (:data:`GENESIS` for the first).
        hash: Its own hash, over ``prev_hash``, ``seq`` and the event.
    """

    seq: int = attrs.field(metadata=meta(SEQUENCE))
    event: Event = attrs.field(metadata=meta(EVENT))
    prev_hash: str = attrs.field(metadata=meta(_HASH))
    hash: str = attrs.field(metadata=meta(_HASH))


_ENTRIES: Final = TupleKind(ModelKind(Entry))


@attrs.frozen(kw_only=True)
class Case(Model):
    """One child's case (个案): who, what kind, where, and the log of what was done.

    Build one with :meth:`open` and grow it with :meth:`append`; both return new
    objects. The state is derived from the log (:attr:`state`), never stored.

    Attributes:
        case_id: The case's identifier in the county's system.
        kind: 失学, 疑似辍学 or 辍学.
        jurisdiction: The code of the jurisdiction (镇街 or 矿区) that owns the case.
        child_id: The child's resident ID number, where there is one.
        child_ref: A local reference for a child with no ID number yet.
        school_code: The school holding the child's registration (for a dropout).
        entries: The log.

    Example:
        >>> import datetime as dt
        >>> import kongchuo
        >>> from kongchuo.cases import Case, CaseKind, Identified, IdentificationMethod
        >>> cst = dt.timezone(dt.timedelta(hours=8))
        >>> case = Case.open(
        ...     case_id="FC-2025-0001",
        ...     kind=CaseKind.SUSPECTED_DROPOUT,
        ...     jurisdiction="370983003",
        ...     school_code="3709830031",
        ...     child_id=kongchuo.ResidentId.parse("370983201206150034"),
        ...     identified=Identified(
        ...         occurred_on=dt.date(2025, 9, 8),
        ...         recorded_at=dt.datetime(2025, 9, 8, 17, tzinfo=cst),
        ...         recorded_by="李老师",
        ...         method=IdentificationMethod.SCHOOL_REPORT,
        ...         found_by="班主任",
        ...     ),
        ... )
        >>> case.state, len(case.entries), case.verify().ok
        (<CaseState.IDENTIFIED: 'identified'>, 1, True)

    References:
        FC-1.2 (台账, 三细三实), FC-1.3 (一人一案), FC-2.5 (销号).
    """

    case_id: str = attrs.field(metadata=meta(Text(64)))
    kind: CaseKind = attrs.field(metadata=meta(EnumKind(CaseKind)))
    jurisdiction: str = attrs.field(metadata=meta(UNIT_CODE))
    child_id: ResidentId | None = attrs.field(
        default=None, metadata=meta(Optional(RESIDENT_ID), sensitive="identifier")
    )
    child_ref: str | None = attrs.field(default=None, metadata=meta(Optional(Text(64))))
    school_code: str | None = attrs.field(default=None, metadata=meta(Optional(UNIT_CODE)))
    entries: tuple[Entry, ...] = attrs.field(
        default=(), converter=as_tuple, metadata=meta(_ENTRIES)
    )

    cross_fields: ClassVar[tuple[str, ...]] = ("child_id", "child_ref")

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """A case names its child by ID number or by a local reference."""
        if values.get("child_id") is None and values.get("child_ref") is None:
            return [
                problem(
                    "case.child_missing",
                    "a case needs child_id or child_ref",
                    "个案必须有儿童身份证号码或本地编号",
                    "$.child_id",
                )
            ]
        return []

    @classmethod
    def open(
        cls,
        *,
        case_id: str,
        kind: CaseKind,
        jurisdiction: str,
        identified: Identified,
        child_id: ResidentId | None = None,
        child_ref: str | None = None,
        school_code: str | None = None,
    ) -> Case:
        """Open a case with the event that identified the child.

        Raises:
            ValidationError: Every problem of the arguments at once.
        """
        if not isinstance(identified, Identified):
            raise ValidationError(
                "case.first_event",
                "a case opens with an Identified event",
                "个案必须以“发现”事件开始",
                path="$.identified",
            )
        case = cls(
            case_id=case_id,
            kind=kind,
            jurisdiction=jurisdiction,
            child_id=child_id,
            child_ref=child_ref,
            school_code=school_code,
        )
        return case.append(identified)

    # -- the log ------------------------------------------------------------------

    @property
    def events(self) -> tuple[Event, ...]:
        """Every stored event, corrected ones included, in log order."""
        return tuple(e.event for e in self.entries)

    @property
    def head(self) -> str:
        """The hash of the last entry: store it apart to detect a cut-off tail."""
        return self.entries[-1].hash if self.entries else GENESIS

    def effective(self) -> tuple[tuple[int, Event], ...]:
        """The events that count, as ``(seq, event)``, with corrections in place.

        A correction takes the place of the event it supersedes (following chains of
        corrections to the last one); the superseded event drops out.
        """
        replaced: dict[int, int] = {}
        for entry in self.entries:
            target = entry.event.supersedes
            if target is not None:
                replaced[target] = entry.seq
        by_seq = {e.seq: e.event for e in self.entries}
        out = []
        for entry in self.entries:
            if entry.event.supersedes is not None:
                continue
            seq = entry.seq
            while seq in replaced:
                seq = replaced[seq]
            out.append((seq, by_seq[seq]))
        return tuple(out)

    @property
    def state(self) -> CaseState:
        """The state derived from the effective events (never stored).

        Raises:
            ValidationError: If the stored log breaks the machine (it was not built
                with :meth:`append`); :meth:`verify` reports the same as findings.
        """
        state = CaseState.NEW
        for seq, event in self.effective():
            t = transition_for(event.tag, state, path=f"$.entries[{seq}].event")
            if t.target is not None:
                state = t.target
        return state

    def transitions(self) -> tuple[tuple[int, Transition], ...]:
        """The transition each effective event made, as ``(seq, transition)``."""
        state = CaseState.NEW
        out = []
        for seq, event in self.effective():
            t = transition_for(event.tag, state, path=f"$.entries[{seq}].event")
            out.append((seq, t))
            if t.target is not None:
                state = t.target
        return tuple(out)

    def append(self, event: Event, *, policy: Policy | None = None) -> Case:
        """Return a new case with ``event`` appended, if the machine allows it.

        Closing (:class:`~kongchuo.cases.Closed`) runs the closure rule and needs the
        ``policy``; a case whose closure criteria are not met cannot be closed.

        Raises:
            ValidationError: ``case.event_type`` for a non-event,
                ``case.transition`` naming the event, the state and where it is
                allowed, ``case.supersedes`` for a bad correction,
                ``case.closure_refused`` with the closure rule's findings, and
                ``case.policy_required`` when closing without a policy.
        """
        if not isinstance(event, Event) or type(event) is Event:
            raise ValidationError(
                "case.event_type",
                f"expected a case event, got {type(event).__name__}",
                f"应为个案事件，实际为 {type(event).__name__}",
                path="$.event",
            )
        seq = len(self.entries)
        path = f"$.entries[{seq}].event"
        self._check_supersedes(event, path)
        entry = Entry(
            seq=seq,
            event=event,
            prev_hash=self.head,
            hash=entry_hash(seq, event, self.head),
        )
        grown = attrs.evolve(self, entries=(*self.entries, entry))
        grown.state  # noqa: B018 - replays the machine; raises case.transition
        if event.tag == "closed" and event.supersedes is None:
            _check_closable(self, event, policy, path)
        return grown

    def _check_supersedes(self, event: Event, path: str) -> None:
        target = event.supersedes
        if target is None:
            return
        original = self.entries[target].event if 0 <= target < len(self.entries) else None
        if original is None or type(original) is not type(event):
            raise ValidationError(
                "case.supersedes",
                f"supersedes={target} must name an earlier {event.tag!r} event of this case",
                f"supersedes={target} 必须指向本个案中更早的同类（{event.tag}）事件",
                path=f"{path}.supersedes",
            )
        if any(e.event.supersedes == target for e in self.entries):
            raise ValidationError(
                "case.supersedes",
                f"entry {target} is already corrected; correct the latest correction",
                f"第 {target} 条记录已被更正，请更正最新的更正记录",
                path=f"{path}.supersedes",
            )

    # -- integrity ------------------------------------------------------------------

    def verify(self, *, expected_head: str | None = None) -> Decision:
        """Check the hash chain and the machine (数据登记真实、过程记录真实).

        Detects a changed entry (its hash no longer matches), a removed or reordered
        entry (sequence numbers and links break) and, given the head hash stored
        apart (``expected_head``), a removed tail.

        Returns:
            A decision, ``ok`` when the log is intact, with a finding per problem.

        Example:
            >>> Case(
            ...     case_id="x", kind=CaseKind.DROPOUT, jurisdiction="370983", child_ref="local-1"
            ... ).verify().outcome
            'intact'
        """
        findings: list[Finding] = []
        prev = GENESIS
        basis = ("FC-1.2",)
        for i, entry in enumerate(self.entries):
            where = f"$.entries[{i}]"
            if entry.seq != i:
                findings.append(
                    _finding(
                        "log.sequence",
                        f"entry {i} carries sequence number {entry.seq}: removed or reordered",
                        f"第 {i} 条记录的序号为 {entry.seq}：记录被删除或调换顺序",
                        f"{where}.seq",
                    )
                )
            if entry.prev_hash != prev:
                findings.append(
                    _finding(
                        "log.link",
                        f"entry {i} does not follow the entry before it",
                        f"第 {i} 条记录与前一条记录的链接断裂",
                        f"{where}.prev_hash",
                    )
                )
            if entry_hash(entry.seq, entry.event, entry.prev_hash) != entry.hash:
                findings.append(
                    _finding(
                        "log.hash",
                        f"entry {i} was changed after it was stored",
                        f"第 {i} 条记录在保存后被修改",
                        f"{where}.hash",
                    )
                )
            prev = entry.hash
        if expected_head is not None and expected_head != self.head:
            findings.append(
                _finding(
                    "log.head",
                    "the last entry is not the one stored apart: entries were removed",
                    "最后一条记录与另行保存的记录不符：有记录被删除",
                    "$.entries",
                )
            )
        if not findings:
            try:
                self.state  # noqa: B018 - replays the machine
            except ValidationError as exc:
                findings.extend(
                    _finding(p.code, p.message, p.message_zh, p.path) for p in exc.errors
                )
        return Decision(
            rule="case_log",
            ok=not findings,
            outcome="intact" if not findings else "tampered",
            findings=findings,
            basis=basis,
        )


def _finding(code: str, en: str, zh: str, path: str) -> Finding:
    return Finding(code=code, message=en, message_zh=zh, path=path, basis=("FC-1.2",))


def _check_closable(before: Case, event: Event, policy: Policy | None, path: str) -> None:
    if policy is None:
        raise ValidationError(
            "case.policy_required",
            "closing a case checks the closure criteria: pass policy=",
            "销号需要检查销号条件：请传入 policy=",
            path=path,
        )
    from kongchuo.cases._rules import check_closure  # noqa: PLC0415 - rules import this module

    decision = check_closure(before, as_of=event.occurred_on, policy=policy)
    if not decision.ok:
        raise ValidationError.of(
            Problem(
                code="case.closure_refused",
                path=f.path if f.path != "$" else path,
                message=f"cannot close: {f.message}",
                message_zh=f"不能销号：{f.message_zh}",
            )
            for f in decision.errors or decision.findings
        )
