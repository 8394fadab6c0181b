"""The per-child case (一人一案个案) and its append-only, hash-chained log.

A :class:`Case` is one child's episode of being out of school: its kind, the child,
the school holding the registration, the jurisdiction, and a log of
:class:`Entry` records. Each entry holds an event, its sequence number, the hash of
the entry before it and its own hash, so that :meth:`Case.verify` detects any
change, removal or reordering of stored entries (数据登记真实、过程记录真实). The
first entry's predecessor is the hash of the case header (:attr:`Case.genesis`), so
a changed header, or entries moved under another case's header, break the chain.

Nothing is edited in place: :meth:`Case.append` returns a new case, and a correction
is a new event whose ``supersedes`` names the entry it corrects. The case's state is
derived from the log by the machine in :mod:`kongchuo.cases._machine`, folded once
and kept with the case: appending an event advances the fold by one step.

What :meth:`Case.append` refuses, loading or :meth:`Case.verify` refuses too: a
damaged log (a duplicated sequence number, a correction that points at itself or
forward) is an error when the case is built, never a hang; ``verify`` replays the
machine, the date checks and the closure grounds of every entry.

This module is part of the models layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import json
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any, ClassVar, Final

import attrs

from kongchuo._core.decision import Decision, Finding, Severity, finding
from kongchuo._core.errors import Problem, ValidationError, type_name
from kongchuo._identity.numbers import ResidentId
from kongchuo._models.base import (
    FULL,
    RESIDENT_ID,
    UNIT_CODE,
    BoolKind,
    Code,
    DateKind,
    EnumKind,
    EnumSetKind,
    IntKind,
    Kind,
    Model,
    ModelKind,
    Nullable,
    Text,
    TupleKind,
    as_tuple,
    fields_of,
    gc_paused,
    meta,
    problem,
)
from kongchuo._models.documents import TAG_KEY
from kongchuo.cases._closure import closure_problems
from kongchuo.cases._events import (
    EVENT,
    EVENT_TYPES,
    SEQUENCE,
    CaseKind,
    DateTimeKind,
    Event,
    Identified,
    SequenceKind,
)
from kongchuo.cases._machine import CaseState, Transition, transition_for

if TYPE_CHECKING:
    from kongchuo.policy import Policy

__all__ = ["GENESIS", "Case", "Entry", "entry_hash"]

GENESIS: Final = "0" * 64
"""The ``prev_hash`` of the first entry of a log stored before the case header was
bound into the chain; :meth:`Case.verify` reports such a log (``log.legacy_genesis``)
and :meth:`Case.migrate` rebuilds it."""

_HASH: Final = Text(64)
_CHAIN: Final = "kongchuo-case/2"


def _reference_canonical(event: Event) -> str:
    """The canonical text of an event: sorted-key compact JSON of its full dump."""
    return json.dumps(
        EVENT.dump(event, FULL), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


def _quoted_iso(value: dt.date) -> str:
    return '"' + value.isoformat() + '"'


class _Source:
    """The namespace of a generated encoder: the helpers its expressions name."""

    def __init__(self) -> None:
        self.ns: dict[str, object] = {"_eb": encode_basestring, "_dumps": json.dumps, "FULL": FULL}

    def ref(self, obj: object) -> str:
        name = f"_r{len(self.ns)}"
        self.ns[name] = obj
        return name


def _expr(kind: Kind, v: str, src: _Source) -> str:  # noqa: PLR0911 - one branch per kind
    """A Python expression writing ``v`` of ``kind`` as :func:`_reference_canonical` does."""
    if isinstance(kind, Nullable):
        return f"('null' if {v} is None else {_expr(kind.inner, v, src)})"
    if isinstance(kind, (Text, Code)):
        return f"_eb({v})"
    if isinstance(kind, (DateKind, DateTimeKind)):
        return f"""('"' + {v}.isoformat() + '"')"""
    if isinstance(kind, EnumKind):
        return f"_eb({v}.value)"
    if isinstance(kind, EnumSetKind):
        return f"('[' + ','.join([_eb(x) for x in sorted([m.value for m in {v}])]) + ']')"
    if isinstance(kind, BoolKind):
        return f"('true' if {v} else 'false')"
    if isinstance(kind, (IntKind, SequenceKind)):
        return f"str({v})"
    if isinstance(kind, TupleKind):
        item = _expr(kind.inner, "x", src)
        return f"('[' + ','.join([{item} for x in {v}]) + ']')"
    if isinstance(kind, ModelKind):
        return f"{src.ref(_object_encoder(kind.cls, None))}({v})"
    k = src.ref(kind)
    return f"_dumps({k}.dump({v}, FULL), sort_keys=True, ensure_ascii=False, separators=(',', ':'))"


def _object_encoder(cls: type[Model], tag: str | None) -> Callable[[Any], str]:
    """Generate, once per class, a function writing its canonical JSON text."""
    src = _Source()
    parts = [(f.name, _expr(f.kind, f"o.{f.name}", src)) for f in fields_of(cls)]
    if tag is not None:
        parts.append((TAG_KEY, repr(encode_basestring(tag))))
    parts.sort()
    pieces = []
    for i, (key, expr) in enumerate(parts):
        pieces.append(repr(("{" if i == 0 else ",") + json.dumps(key) + ":"))
        pieces.append(expr)
    pieces.append("'}'" if parts else "'{}'")
    code = "def encode(o):\n    return " + " + ".join(pieces) + "\n"
    exec(compile(code, f"<kongchuo canonical {cls.__name__}>", "exec"), src.ns)  # noqa: S102 - generated from the class's own fields
    return src.ns["encode"]  # type: ignore[return-value]


_ENCODERS: Final[dict[type[Event], Callable[[Any], str]]] = {
    cls: _object_encoder(cls, tag) for tag, cls in EVENT_TYPES.items()
}


def _canonical(event: Event) -> str:
    """The event's canonical text, written once per event object and kept with it.

    An event is frozen, so its text cannot go stale; a changed copy (``attrs.evolve``)
    is a new object that is written afresh.
    """
    text: str | None = getattr(event, "_text", None)
    if text is None:
        text = _ENCODERS[type(event)](event)
        object.__setattr__(event, "_text", text)
    return text


def entry_hash(seq: int, event: Event, prev_hash: str) -> str:
    """The SHA-256 of an entry: its predecessor's hash, its number and its event.

    The event is written as sorted-key compact JSON (the same text as
    ``json.dumps(…, sort_keys=True, ensure_ascii=False, separators=(",", ":"))`` of
    its full document), by an encoder made once per event type.

    Example:
        >>> import datetime as dt
        >>> from kongchuo.cases import IdentificationMethod, Identified, Recorder
        >>> event = Identified(
        ...     **Recorder(by="李老师").on(dt.date(2025, 9, 8)),
        ...     method=IdentificationMethod.SCHOOL_REPORT,
        ...     found_by="班主任",
        ... )
        >>> len(entry_hash(0, event, GENESIS))
        64
    """
    if (
        type(seq) is not int
        or not 0 <= seq < 1 << 63
        or not isinstance(event, Event)
        or not isinstance(prev_hash, str)
        or len(prev_hash) != 64
        or not prev_hash.isascii()
    ):
        raise ValidationError(
            "case.entry_hash",
            f"expected an int from 0, an Event and a str, got {type_name(seq)}, "
            f"{type_name(event)} and {type_name(prev_hash)}",
            f"应为 int、Event 和 str，实为 {type_name(seq)}、{type_name(event)} 和 "
            f"{type_name(prev_hash)}",
        )
    text = f"{prev_hash}\n{seq}\n{_canonical(event)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def header_hash(
    *,
    case_id: str,
    kind: CaseKind,
    jurisdiction: str,
    child_id: ResidentId | None,
    child_ref: str | None,
    school_code: str | None,
) -> str:
    """The hash the chain of a case starts from: its header, bound into every entry.

    Example:
        >>> len(
        ...     header_hash(
        ...         case_id="c",
        ...         kind=CaseKind.DROPOUT,
        ...         jurisdiction="370983",
        ...         child_id=None,
        ...         child_ref="local-1",
        ...         school_code=None,
        ...     )
        ... )
        64
    """
    text = json.dumps(
        [
            _CHAIN,
            case_id,
            kind.value,
            jurisdiction,
            child_id.value if child_id is not None else None,
            child_ref,
            school_code,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@attrs.frozen(kw_only=True)
class Entry(Model):
    """One stored entry of a case log (台账记录).

    The two hashes are left out of masked and pseudonymised exports: they are
    computed over the full header, ID number included, so they would let a reader
    try the hidden digits of a masked ID one by one.

    Attributes:
        seq: Its position, from 0.
        event: The event.
        prev_hash: The hash of the entry before it (:attr:`Case.genesis` for the first).
        hash: Its own hash, over ``prev_hash``, ``seq`` and the event.
    """

    seq: int = attrs.field(metadata=meta(SEQUENCE))
    event: Event = attrs.field(metadata=meta(EVENT))
    prev_hash: str = attrs.field(metadata=meta(_HASH, sensitive="private"))
    hash: str = attrs.field(metadata=meta(_HASH, sensitive="private"))


_ENTRIES: Final = TupleKind(ModelKind(Entry))


_LOCK: Final = threading.Lock()


class _View(Sequence[Any]):
    """The first ``n`` items of a list shared along a line of appends (read-only).

    A case and the case appended to it share one list: the newer case sees one more
    item. An append to a case whose list has grown since (a branch) copies its part
    first, so no case ever sees an item that is not its own. This is what makes
    appending O(1) rather than a copy of the whole log.
    """

    __slots__ = ("_items", "_n")

    def __init__(self, items: list[Any], n: int) -> None:
        self._items = items
        self._n = n

    def grown(self, item: object) -> _View:
        """A view with ``item`` after these items (the list is shared when it can be)."""
        with _LOCK:
            items = self._items if len(self._items) == self._n else self._items[: self._n]
            items.append(item)
        return _View(items, self._n + 1)

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, index: Any) -> Any:  # noqa: ANN401 - an item or a tuple
        if isinstance(index, slice):
            return tuple(self._items[: self._n][index])
        if index < 0:
            index += self._n
        if not 0 <= index < self._n:
            msg = "log index out of range"
            raise IndexError(msg)
        return self._items[index]

    def __iter__(self) -> Iterator[Any]:
        return itertools.islice(self._items, self._n)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (_View, tuple)):
            return len(other) == self._n and all(a == b for a, b in zip(self, other, strict=False))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (tuple(self),))


def _as_entries(value: Any) -> Any:  # noqa: ANN401 - checked by the field's kind
    """Entries given to the constructor: a shared view or a list becomes a tuple."""
    if isinstance(value, _View):
        return tuple(value)
    return as_tuple(value)


class _Fold:
    """The machine folded over a log: what every rule reads, computed once per case.

    Attributes:
        pairs: The events that count, as ``(seq, event)``, corrections in place.
        steps: The transition each of them made, in the same order.
        state: The state after the last event.
        resolved: The index in ``pairs`` of the event that led to ``state``.
        corrected: The sequence numbers already corrected.
        opened_on: The day of the first entry.
        latest_on: The latest day of an event that is not a correction.
    """

    __slots__ = (
        "_by_type",
        "_effective",
        "_transitions",
        "corrected",
        "latest_on",
        "opened_on",
        "pairs",
        "resolved",
        "state",
        "steps",
    )

    def __init__(  # noqa: PLR0917 - a record
        self,
        pairs: _View,
        steps: _View,
        state: CaseState,
        resolved: int | None,
        corrected: frozenset[int],
        opened_on: dt.date | None,
        latest_on: dt.date | None,
    ) -> None:
        self.pairs = pairs
        self.steps = steps
        self.state = state
        self.resolved = resolved
        self.corrected = corrected
        self.opened_on = opened_on
        self.latest_on = latest_on
        self._effective: tuple[tuple[int, Event], ...] | None = None
        self._by_type: dict[type[Event], tuple[tuple[int, Event], ...]] | None = None
        self._transitions: tuple[tuple[int, Transition], ...] | None = None

    @property
    def transitions(self) -> tuple[tuple[int, Transition], ...]:
        """``(seq, transition)`` for each effective event, made once."""
        if self._transitions is None:
            self._transitions = tuple(
                (seq, t) for (seq, _), t in zip(self.pairs, self.steps, strict=True)
            )
        return self._transitions

    @property
    def effective(self) -> tuple[tuple[int, Event], ...]:
        """The effective events as a tuple, made once."""
        if self._effective is None:
            self._effective = tuple(self.pairs)
        return self._effective

    def of_type(self, cls: type[Event]) -> tuple[tuple[int, Event], ...]:
        """The effective events of one type, grouped once for every type."""
        if self._by_type is None:
            groups: dict[type[Event], list[tuple[int, Event]]] = {}
            for pair in self.pairs:
                groups.setdefault(type(pair[1]), []).append(pair)
            self._by_type = {k: tuple(v) for k, v in groups.items()}
        return self._by_type.get(cls, ())

    def step(self, seq: int, event: Event, path: str, *, owned: bool = False) -> _Fold:
        """The fold after one more event that is not a correction (O(1) in the log).

        An ``owned`` fold (one that no case holds, as in :meth:`Case.verify`) is
        advanced in place instead of copied.
        """
        t = transition_for(event.tag, self.state, condition=event.transition_condition(), path=path)
        position = self.pairs._n  # noqa: SLF001 - the fold's own view
        day = event.occurred_on
        latest = self.latest_on
        if owned:
            self.pairs._items.append((seq, event))  # noqa: SLF001
            self.pairs._n += 1  # noqa: SLF001
            self.steps._items.append(t)  # noqa: SLF001
            self.steps._n += 1  # noqa: SLF001
            if t.target is not None:
                self.state = t.target
                self.resolved = position
            if self.opened_on is None:
                self.opened_on = day
            if latest is None or day > latest:
                self.latest_on = day
            self._effective = self._by_type = self._transitions = None
            return self
        return _Fold(
            self.pairs.grown((seq, event)),
            self.steps.grown(t),
            self.state if t.target is None else t.target,
            self.resolved if t.target is None else position,
            self.corrected,
            day if self.opened_on is None else self.opened_on,
            day if latest is None or day > latest else latest,
        )


_EMPTY: Final = _Fold(_View([], 0), _View([], 0), CaseState.NEW, None, frozenset(), None, None)


def _replay(pairs: Iterable[tuple[int, Event]]) -> _Fold:
    """Fold a whole log, corrections included (a correction takes its target's place).

    Raises:
        ValidationError: ``case.transition`` or ``case.supersedes`` naming the entry.
    """
    position_of: dict[int, int] = {}
    effective: list[tuple[int, Event]] = []
    corrected: set[int] = set()
    opened_on = latest_on = None
    for seq, event in pairs:
        target = event.supersedes
        if target is None:
            position_of[seq] = len(effective)
            effective.append((seq, event))
            latest_on = (
                event.occurred_on if latest_on is None else max(latest_on, event.occurred_on)
            )
        else:
            where = position_of.get(target)
            if where is None or target in corrected:
                raise ValidationError(
                    "case.supersedes",
                    f"supersedes={target} names no entry that still counts",
                    f"supersedes={target} 未指向仍然有效的记录",
                    path=f"$.entries[{seq}].event.supersedes",
                )
            corrected.add(target)
            position_of[seq] = where
            effective[where] = (seq, event)
        if opened_on is None:
            opened_on = event.occurred_on
    transitions = []
    state = CaseState.NEW
    resolved = None
    for i, (seq, event) in enumerate(effective):
        t = transition_for(
            event.tag,
            state,
            condition=event.transition_condition(),
            path=f"$.entries[{seq}].event",
        )
        transitions.append(t)
        if t.target is not None:
            state = t.target
            resolved = i
    return _Fold(
        _View(effective, len(effective)),
        _View(transitions, len(transitions)),
        state,
        resolved,
        frozenset(corrected),
        opened_on,
        latest_on,
    )


def _backdating_limit(policy: Policy, event: Event) -> dt.date | None:
    """The last day ``event`` may be entered on, by the policy's ``backdating_limit``."""
    return _last_entry_day(policy, event.occurred_on)


@functools.lru_cache(maxsize=4096)
def _last_entry_day(policy: Policy, day: dt.date) -> dt.date | None:
    """The last day an event of ``day`` may be entered on (kept per policy and day).

    Counted by the one span arithmetic, :func:`kongchuo.span_end`, with no calendar:
    the limit is set in calendar days, weeks or months (a limit in working or school
    days needs a calendar the log does not have, and is refused as ``span.calendar``).
    """
    from kongchuo._time.periods import SchoolDays, span_end  # noqa: PLC0415 - the time layer

    span = policy.backdating_limit.value_at(day)
    if span is None or span.count == 0:
        return None
    try:
        return span_end(day, span, school_days=SchoolDays.REFUSED)
    except ValidationError as exc:
        if exc.code in {"span.calendar", "span.unit"}:
            raise
        return None  # past 9999-12-31: no day is too late


class _Check:
    """The findings of one entry: errors (what append refuses) and warnings."""

    __slots__ = ("errors", "warnings")

    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []


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
        entries: The log: a tuple, or for a case grown by :meth:`append` a read-only
            sequence that shares its items with the case it grew from.

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
        >>> case.entries[0].prev_hash == case.genesis != GENESIS
        True

    References:
        FC-1.2 (台账, 三细三实), FC-1.3 (一人一案), FC-2.5 (销号).
    """

    case_id: str = attrs.field(metadata=meta(Text(64)))
    kind: CaseKind = attrs.field(metadata=meta(EnumKind(CaseKind)))
    jurisdiction: str = attrs.field(metadata=meta(UNIT_CODE))
    child_id: ResidentId | None = attrs.field(
        default=None, metadata=meta(Nullable(RESIDENT_ID), sensitive="identifier")
    )
    child_ref: str | None = attrs.field(default=None, metadata=meta(Nullable(Text(64))))
    school_code: str | None = attrs.field(default=None, metadata=meta(Nullable(UNIT_CODE)))
    entries: Sequence[Entry] = attrs.field(
        default=(), converter=_as_entries, metadata=meta(_ENTRIES)
    )
    _fold: _Fold | None = attrs.field(init=False, default=None, eq=False, repr=False, hash=False)

    cross_fields: ClassVar[tuple[str, ...]] = ("child_id", "child_ref", "entries")

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """A case names its child; its log has no duplicate number or forward correction.

        A correction (``supersedes``) must name an entry stored before it, with a
        smaller number: a log whose corrections point at themselves, forward or
        round in a cycle is refused here, naming the entry, so that nothing that
        reads the log can loop on it.
        """
        found: list[Problem] = []
        if values.get("child_id") is None and values.get("child_ref") is None:
            found.append(
                problem(
                    "case.child_missing",
                    "a case needs child_id or child_ref",
                    "个案必须有儿童身份证号码或本地编号",
                    "$.child_id",
                )
            )
        entries = values.get("entries")
        if entries:
            found.extend(_structure_problems(entries))
        return found

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
        policy: Policy | None = None,
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
        return case.append(identified, policy=policy)

    # -- the log ------------------------------------------------------------------

    @property
    def genesis(self) -> str:
        """The hash of the case header, which the first entry links to."""
        return header_hash(
            case_id=self.case_id,
            kind=self.kind,
            jurisdiction=self.jurisdiction,
            child_id=self.child_id,
            child_ref=self.child_ref,
            school_code=self.school_code,
        )

    @property
    def events(self) -> tuple[Event, ...]:
        """Every stored event, corrected ones included, in log order."""
        return tuple(e.event for e in self.entries)

    @property
    def head(self) -> str:
        """The hash of the last entry: store it apart to detect a cut-off tail."""
        return self.entries[-1].hash if self.entries else self.genesis

    def _folded(self) -> _Fold:
        fold = getattr(self, "_fold", None)
        if fold is None:
            fold = _replay((e.seq, e.event) for e in self.entries)
            object.__setattr__(self, "_fold", fold)
        return fold

    def effective(self) -> tuple[tuple[int, Event], ...]:
        """The events that count, as ``(seq, event)``, with corrections in place.

        A correction takes the place of the event it supersedes (following chains of
        corrections to the last one); the superseded event drops out. Computed once
        per case and kept.
        """
        return self._folded().effective

    @property
    def state(self) -> CaseState:
        """The state derived from the effective events (never stored).

        Raises:
            ValidationError: If the stored log breaks the machine (it was not built
                with :meth:`append`); :meth:`verify` reports the same as findings.
        """
        return self._folded().state

    def effective_of(self, cls: type[Event]) -> tuple[tuple[int, Event], ...]:
        """The effective events of type ``cls``, as ``(seq, event)`` in log order.

        The log is grouped by type once per case, so a rule that asks for several
        types reads it once.
        """
        return self._folded().of_type(cls)

    def state_on(self, day: dt.date) -> CaseState | None:
        """The state of the log as it stood on ``day``: its entries up to the first later one.

        ``None`` when the case had not opened by then.

        Raises:
            ValidationError: As :attr:`state`.
        """
        entries = self.entries
        cut = 0
        for entry in entries:
            if entry.event.occurred_on > day:
                break
            cut += 1
        if cut == len(entries):
            return self.state if cut else None
        if cut == 0:
            return None
        return _replay((e.seq, e.event) for e in entries[:cut]).state

    def transitions(self) -> tuple[tuple[int, Transition], ...]:
        """The transition each effective event made, as ``(seq, transition)``."""
        return self._folded().transitions

    def resolving_event(self) -> tuple[int, Event] | None:
        """The event that led to the current state, as ``(seq, event)`` (``None`` if new)."""
        fold = self._folded()
        return fold.pairs[fold.resolved] if fold.resolved is not None else None

    def append(self, event: Event, *, policy: Policy | None = None) -> Case:
        """Return a new case with ``event`` appended, if the machine allows it.

        Refused: an event the machine does not allow from the current state; a bad
        correction, or any correction of a closed case (reopen it first); an event
        dated before the case opened; with a ``policy``, an event entered more than
        its ``backdating_limit`` after it happened; and a closing
        (:class:`~kongchuo.cases.Closed`) whose ground's requirements
        (:data:`~kongchuo.cases.CLOSURE_GROUNDS`) do not hold on its day, which
        needs the ``policy``. An event dated before the one logged before it is
        accepted, and :meth:`verify` flags it.

        The ledger check that closing also needs is
        :func:`kongchuo.cases.close_case`'s, not the log's.

        Appending advances the case's fold by one step: it does not replay the log
        (a correction does, once).

        Raises:
            ValidationError: ``case.event_type`` for a non-event,
                ``case.transition`` naming the event, the state and where it is
                allowed, ``case.supersedes`` for a bad correction, ``case.closed``
                for a correction of a closed case, ``case.date.before_opened``,
                ``case.date.backdated``, ``closure.<code>`` for each unmet closure
                requirement, and ``case.policy_required`` when closing without a
                policy.
        """
        if not isinstance(event, Event) or type(event) not in _KNOWN:
            raise ValidationError(
                "case.event_type",
                f"expected a case event, got {type(event).__name__}",
                f"应为个案事件，实际为 {type(event).__name__}",
                path="$.event",
            )
        fold = self._folded()
        seq = len(self.entries)
        check = _Check()
        grown = _check_entry(self, fold, seq, event, policy, check, strict=True)
        if check.errors:
            raise ValidationError.of(check.errors)
        assert grown is not None  # noqa: S101 - no error means the machine moved
        prev = self.head
        # Every field of the entry is known good: the event was checked when it was
        # built, the number and the hashes are made here.
        entry: Entry = object.__new__(Entry)
        object.__setattr__(entry, "seq", seq)
        object.__setattr__(entry, "event", event)
        object.__setattr__(entry, "prev_hash", prev)
        object.__setattr__(entry, "hash", entry_hash(seq, event, prev))
        out: Case = object.__new__(Case)
        for name in _HEADER:
            object.__setattr__(out, name, getattr(self, name))
        entries = self.entries
        if not isinstance(entries, _View):  # the first append after loading: copy once
            entries = _View(list(entries), len(entries))
        object.__setattr__(out, "entries", entries.grown(entry))
        object.__setattr__(out, "_fold", grown)
        return out

    # -- integrity ------------------------------------------------------------------

    def verify(self, *, expected_head: str | None = None, policy: Policy | None = None) -> Decision:
        """Check the hash chain and replay the log (数据登记真实、过程记录真实).

        Detects a changed entry (its hash no longer matches), a removed or reordered
        entry (sequence numbers and links break), a changed header or entries moved
        under another case's header (the first link breaks) and, given the head hash
        stored apart (``expected_head``), a removed tail. An intact chain is then
        replayed entry by entry with the very checks of :meth:`append`: the machine,
        corrections, dates and — given the ``policy`` — each closing's ground, so a
        hand-made ``Closed`` entry with a correct hash is still reported. Without a
        policy a closing is flagged as unchecked (a warning). Events dated before
        the one logged before them are flagged (a warning).

        Returns:
            A decision, ``ok`` when the log is intact and has no error finding.

        Example:
            >>> Case(
            ...     case_id="x", kind=CaseKind.DROPOUT, jurisdiction="370983", child_ref="local-1"
            ... ).verify().outcome
            'intact'
        """
        with gc_paused():  # a freshly loaded log is young: the collector would walk it
            findings = self._chain_findings(expected_head)
            if not findings:
                findings = self._replay_findings(policy)
        ok = not any(f.severity is Severity.ERROR for f in findings)
        return Decision(
            rule="case_log",
            ok=ok,
            outcome="intact" if ok else "tampered",
            findings=findings,
            basis=("FC-1.2", "FC-2.5"),
        )

    def _chain_findings(self, expected_head: str | None) -> list[Finding]:
        findings: list[Finding] = []
        entries = self.entries
        prev = self.genesis
        if entries and entries[0].prev_hash == GENESIS:
            findings.append(
                _finding(
                    "log.legacy_genesis",
                    "the log was stored before the case header was bound into its chain, "
                    "so its header cannot be checked: migrate it with Case.migrate",
                    "该台账保存于个案信息纳入哈希链之前，无法核验个案信息：请用 Case.migrate 迁移",
                    "$.entries[0].prev_hash",
                )
            )
            prev = GENESIS
        sha256 = hashlib.sha256
        canonical = _canonical
        for i, entry in enumerate(entries):
            seq = entry.seq
            event = entry.event
            if seq != i:
                findings.append(
                    _finding(
                        "log.sequence",
                        f"entry {i} carries sequence number {seq}: removed or reordered",
                        f"第 {i} 条记录的序号为 {seq}：记录被删除或调换顺序",
                        f"$.entries[{i}].seq",
                    )
                )
            if entry.prev_hash != prev:
                en, zh = (
                    (
                        (
                            "the first entry does not follow the case header: the header "
                            "was changed or the entries belong to another case"
                        ),
                        "第一条记录与个案信息不符：个案信息被修改或记录属于其他个案",
                    )
                    if i == 0
                    else (
                        f"entry {i} does not follow the entry before it",
                        f"第 {i} 条记录与前一条记录的链接断裂",
                    )
                )
                findings.append(_finding("log.link", en, zh, f"$.entries[{i}].prev_hash"))
            head = f"{entry.prev_hash}\n{seq}\n"
            loaded = event._loaded  # noqa: SLF001 - the text it was loaded from, if any
            if (
                loaded is None or sha256((head + loaded).encode()).hexdigest() != entry.hash
            ) and sha256((head + canonical(event)).encode()).hexdigest() != entry.hash:
                findings.append(
                    _finding(
                        "log.hash",
                        f"entry {i} was changed after it was stored",
                        f"第 {i} 条记录在保存后被修改",
                        f"$.entries[{i}].hash",
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
        return findings

    def _replay_findings(self, policy: Policy | None) -> list[Finding]:
        findings: list[Finding] = []
        fold = _Fold(_View([], 0), _View([], 0), CaseState.NEW, None, frozenset(), None, None)
        check = _Check()
        for entry in self.entries:
            grown = _check_entry(self, fold, entry.seq, entry.event, policy, check, strict=False)
            if check.errors or check.warnings:
                findings.extend(
                    _finding(p.code, p.message, p.message_zh, p.path) for p in check.errors
                )
                findings.extend(
                    _finding(p.code, p.message, p.message_zh, p.path, Severity.WARNING)
                    for p in check.warnings
                )
                check = _Check()
            if grown is None:
                break
            fold = grown
        return findings

    def migrate(self, *, expected_head: str | None = None) -> Case:
        """Rebuild a log stored before the header was bound into the chain.

        The old chain (first link :data:`GENESIS`) is checked first — against the
        head stored apart, if given — and then rebuilt with the header bound. Store
        the new :attr:`head` apart in place of the old one.

        Raises:
            ValidationError: ``log.*`` naming what is wrong with the old chain, or
                ``log.not_legacy`` for a log that needs no migration.
        """
        if not self.entries or self.entries[0].prev_hash != GENESIS:
            raise ValidationError(
                "log.not_legacy",
                "the log already starts from its header: nothing to migrate",
                "该台账已从个案信息开始链接，无需迁移",
                path="$.entries",
            )
        problems = [
            f for f in self._chain_findings(expected_head) if f.code != "log.legacy_genesis"
        ]
        if problems:
            raise ValidationError.of(
                problem(f.code, f.message, f.message_zh, f.path) for f in problems
            )
        prev = self.genesis
        entries = []
        for entry in self.entries:
            h = entry_hash(entry.seq, entry.event, prev)
            entries.append(Entry(seq=entry.seq, event=entry.event, prev_hash=prev, hash=h))
            prev = h
        return attrs.evolve(self, entries=tuple(entries))


_HEADER: Final = ("case_id", "kind", "jurisdiction", "child_id", "child_ref", "school_code")
_KNOWN: Final = frozenset(EVENT_TYPES.values())


def _structure_problems(entries: Sequence[Entry]) -> list[Problem]:
    """Duplicate numbers and corrections that do not point back at an earlier entry."""
    found: list[Problem] = []
    seen: set[int] = set()
    for i, entry in enumerate(entries):
        seq = entry.seq
        if seq in seen:
            found.append(
                problem(
                    "case.log.duplicate_seq",
                    f"entry {i} repeats sequence number {seq}",
                    f"第 {i} 条记录的序号 {seq} 重复",
                    f"$.entries[{i}].seq",
                )
            )
        target = entry.event.supersedes
        if target is not None and (target >= seq or target not in seen):
            found.append(
                problem(
                    "case.log.supersedes",
                    f"entry {i} (seq {seq}) corrects supersedes={target}, which is not an "
                    "earlier entry: a correction points back, never at itself or forward",
                    f"第 {i} 条记录（序号 {seq}）更正的 supersedes={target} 不是更早的记录："
                    "更正只能指向之前的记录",
                    f"$.entries[{i}].event.supersedes",
                )
            )
        seen.add(seq)
    return found


def _check_entry(  # noqa: C901, PLR0912, PLR0917 - the checks of one entry, in append's order
    case: Case,
    fold: _Fold,
    seq: int,
    event: Event,
    policy: Policy | None,
    check: _Check,
    *,
    strict: bool,
) -> _Fold | None:
    """Run append's checks of one entry on ``fold``; return the fold after it.

    Errors and warnings go to ``check``; ``None`` is returned when the machine (or a
    correction) cannot go on from the entry.
    """
    path = f"$.entries[{seq}].event"
    target = event.supersedes
    # What the checks below read of the log before this entry (an owned fold moves).
    state, resolved, opened_on, latest_on = (
        fold.state,
        fold.resolved,
        fold.opened_on,
        fold.latest_on,
    )
    if target is None:
        try:
            grown = fold.step(seq, event, path, owned=not strict)
        except ValidationError as exc:
            check.errors.extend(exc.errors)
            return None
    else:
        original = next((e for s, e in fold.pairs if s == target), None)
        if fold.state is CaseState.CLOSED:
            check.errors.append(
                problem(
                    "case.closed",
                    "a closed case takes no correction: reopen it first",
                    "已销号的个案不能更正：请先重新开启",
                    f"{path}.supersedes",
                )
            )
            return None
        if original is None or type(original) is not type(event):
            already = target in fold.corrected
            check.errors.append(
                problem(
                    "case.supersedes",
                    f"entry {target} is already corrected; correct the latest correction"
                    if already
                    else f"supersedes={target} must name an earlier {event.tag!r} event "
                    "of this case",
                    f"第 {target} 条记录已被更正，请更正最新的更正记录"
                    if already
                    else f"supersedes={target} 必须指向本个案中更早的同类（{event.tag}）事件",
                    f"{path}.supersedes",
                )
            )
            return None
        pairs = [(s, e) for s, e in _log_pairs(case, seq)]
        pairs.append((seq, event))
        try:
            grown = _replay(pairs)
        except ValidationError as exc:
            check.errors.extend(exc.errors)
            return None
    day = event.occurred_on
    if opened_on is not None and day < opened_on:
        check.errors.append(
            problem(
                "case.date.before_opened",
                f"the event is dated {day.isoformat()}, before the case opened on "
                f"{opened_on.isoformat()}",
                f"事件日期 {day.isoformat()} 早于立案日期 {opened_on.isoformat()}",
                f"{path}.occurred_on",
            )
        )
    elif target is None and latest_on is not None and day < latest_on:
        check.warnings.append(
            problem(
                "log.date.out_of_order",
                f"the event is dated {day.isoformat()}, before an event logged earlier "
                f"({latest_on.isoformat()})",
                f"事件日期 {day.isoformat()} 早于之前记录的事件（{latest_on.isoformat()}）",
                f"{path}.occurred_on",
            )
        )
    if policy is not None:
        last_day = _backdating_limit(policy, event)
        if last_day is not None and event.recorded_at.date() > last_day:
            check.errors.append(
                problem(
                    "case.date.backdated",
                    f"entered on {event.recorded_at.date().isoformat()}, more than the policy's "
                    f"backdating_limit after it happened ({day.isoformat()})",
                    f"事件发生于 {day.isoformat()}，录入于 {event.recorded_at.date().isoformat()}，"
                    "超过政策规定的补录期限",
                    f"{path}.recorded_at",
                )
            )
    if event.tag == "closed" and target is None:
        if policy is None:
            bad = problem(
                "case.policy_required",
                "closing a case checks its closure ground: pass policy=",
                "销号需要检查销号依据：请传入 policy=",
                path,
            )
            (check.errors if strict else check.warnings).append(
                bad
                if strict
                else problem(
                    "log.closure_unchecked",
                    "the closing was not checked against its ground: pass policy= to verify",
                    "未核验销号依据：请传入 policy= 进行核验",
                    path,
                )
            )
        else:
            birth = case.child_id.birth_date if case.child_id is not None else None
            check.errors.extend(
                closure_problems(
                    fold.pairs[: len(fold.pairs) - (grown is fold)],
                    state,
                    resolved,
                    birth=birth,
                    closed_on=day,
                    policy=policy,
                )
            )
    return grown


def _log_pairs(case: Case, upto: int) -> list[tuple[int, Event]]:
    return [(e.seq, e.event) for e in case.entries[:upto]]


def _finding(
    code: str, en: str, zh: str, path: str, severity: Severity = Severity.ERROR
) -> Finding:
    return finding(code, en, zh, path, severity=severity, basis=("FC-1.2",))
