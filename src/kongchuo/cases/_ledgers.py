"""The three ledgers (三本台账) as views over children and cases.

The county keeps a ledger of school-age children (适龄儿童台账), of suspected
dropouts (疑似辍学学生台账) and of dropouts (辍学学生台账), and updates them
continuously. Here they are views, computed from the children and cases given,
with counts by jurisdiction and by special group; nothing is stored twice.

This module is part of the batch layer of the design (docs/design.md): it streams over its
inputs once and keeps only the rows of the ledgers.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from kongchuo._core.args import require_date, require_instance, require_int, require_items
from kongchuo._core.guard import friendly_init
from kongchuo._identity.numbers import ResidentId
from kongchuo._models.children import Child, SpecialGroup
from kongchuo.cases._case import Case
from kongchuo.cases._events import CaseKind, Reopened, Verified
from kongchuo.cases._machine import CaseState
from kongchuo.policy import Ledger
from kongchuo.policy._policy import require_policy

if TYPE_CHECKING:
    from kongchuo.policy import Policy

__all__ = ["LedgerRow", "LedgerView", "ledger_of", "ledgers", "log_on"]


@friendly_init
@attrs.frozen(kw_only=True)
class LedgerRow:
    """One line of a ledger (台账条目).

    Attributes:
        jurisdiction: The jurisdiction code the line counts under.
        special_groups: The child's special groups, where the child's record is known.
        child_id: The child's ID number, if any (masked in ``repr``).
        child_ref: A local reference for a child with no ID number.
        case_id: The case, for the case ledgers.
        state: The case's state, for the case ledgers.
        kind: What the case was opened as, for the case ledgers: a 失学 child
            (:attr:`CaseKind.OUT_OF_SCHOOL`) is listed in the 辍学学生台账 with this
            kind, so the two counts stay apart.
    """

    jurisdiction: str
    special_groups: frozenset[SpecialGroup] = frozenset()
    child_id: ResidentId | None = None
    child_ref: str | None = None
    case_id: str | None = None
    state: CaseState | None = None
    kind: CaseKind | None = None


@friendly_init
@attrs.frozen(kw_only=True)
class LedgerView:
    """A ledger on a day, with its counts (台账视图).

    Attributes:
        ledger: Which ledger.
        as_of: The day it describes.
        rows: Its lines.
        by_jurisdiction: How many lines per jurisdiction code.
        by_group: How many lines per special group (a child may count in several).
    """

    ledger: Ledger
    as_of: dt.date
    rows: tuple[LedgerRow, ...]
    by_jurisdiction: Mapping[str, int]
    by_group: Mapping[SpecialGroup, int]

    @property
    def total(self) -> int:
        """The number of lines."""
        return len(self.rows)

    @property
    def label_zh(self) -> str:
        """The ledger's Chinese name."""
        return self.ledger.label_zh


def _view(ledger: Ledger, as_of: dt.date, rows: list[LedgerRow]) -> LedgerView:
    groups: Counter[SpecialGroup] = Counter()
    for row in rows:
        groups.update(row.special_groups)
    return LedgerView(
        ledger=ledger,
        as_of=as_of,
        rows=tuple(rows),
        by_jurisdiction=dict(sorted(Counter(r.jurisdiction for r in rows).items())),
        by_group=dict(sorted(groups.items())),
    )


def ledgers(
    children: Iterable[Child],
    cases: Iterable[Case],
    *,
    school_year: int,
    as_of: dt.date,
    policy: Policy,
) -> dict[Ledger, LedgerView]:
    """Build the ledgers the policy keeps (三本台账) from children and cases.

    * 适龄儿童台账: every child of school age in ``school_year`` (by
      :func:`kongchuo.is_school_age`), by jurisdiction and special group;
    * 疑似辍学学生台账 and 辍学学生台账: each case on the ledger
      :func:`ledger_of` names for ``as_of``: membership follows verification, not
      the kind the case was opened as.

    Only the ledgers in force in the policy on ``as_of`` are returned. A case's
    special groups come from the child's record when the child is among
    ``children`` (matched by ID number).

    Raises:
        ValidationError: For inputs of the wrong type, naming the index.

    References:
        教育部办公厅 2024 常态化报告工作机制 (三本台账; docs/law.md); FC-1.1, FC-1.2, FC-2.5.

    Example:
        >>> import datetime as dt
        >>> from kongchuo.policy import NATIONAL, Ledger
        >>> views = ledgers([], [], school_year=2025, as_of=dt.date(2025, 9, 1), policy=NATIONAL)
        >>> [(v.label_zh, v.total) for v in views.values()]
        [('适龄儿童台账', 0), ('疑似辍学学生台账', 0), ('辍学学生台账', 0)]
    """
    from kongchuo._time.age import is_school_age  # noqa: PLC0415 - the time layer

    as_of = require_date(as_of, "as_of")
    year = require_int(school_year, "school_year", min_value=1900, max_value=9998)
    policy = require_policy(policy)
    kept = policy.ledgers.value_at(as_of)
    school_age: list[LedgerRow] = []
    groups_of: dict[ResidentId, frozenset[SpecialGroup]] = {}
    for child in require_items(children, Child, "children"):
        if child.resident_id is not None:
            groups_of[child.resident_id] = child.special_groups
        if is_school_age(child.birth_date, school_year=year, policy=policy):
            school_age.append(
                LedgerRow(
                    jurisdiction=child.jurisdiction,
                    special_groups=child.special_groups,
                    child_id=child.resident_id,
                )
            )
    suspected: list[LedgerRow] = []
    dropouts: list[LedgerRow] = []
    for case in require_items(cases, Case, "cases"):
        ledger, state = _placing(case, as_of)
        if ledger is Ledger.SCHOOL_AGE_CHILDREN:
            continue
        row = LedgerRow(
            jurisdiction=case.jurisdiction,
            special_groups=groups_of.get(case.child_id, frozenset())
            if case.child_id is not None
            else frozenset(),
            child_id=case.child_id,
            child_ref=case.child_ref,
            case_id=case.case_id,
            state=state,
            kind=case.kind,
        )
        (suspected if ledger is Ledger.SUSPECTED_DROPOUTS else dropouts).append(row)
    out = {
        Ledger.SCHOOL_AGE_CHILDREN: _view(Ledger.SCHOOL_AGE_CHILDREN, as_of, school_age),
        Ledger.SUSPECTED_DROPOUTS: _view(Ledger.SUSPECTED_DROPOUTS, as_of, suspected),
        Ledger.DROPOUTS: _view(Ledger.DROPOUTS, as_of, dropouts),
    }
    return {ledger: view for ledger, view in out.items() if ledger in kept}


def log_on(case: Case, day: dt.date) -> Case:
    """The case as its log stood on ``day``: the entries up to the first dated after it.

    Appending events later never changes what the log said on a past day, so the
    ledgers and the reports of a past day are reproduced exactly. ``day`` must not
    be before the case's first event.

    Example:
        >>> import datetime as dt
        >>> from kongchuo.reports import example_county
        >>> case = example_county().cases[2]
        >>> len(case.entries), len(log_on(case, dt.date(2025, 9, 30)).entries)
        (8, 4)
    """
    case = require_instance(case, Case, "case", name_zh="个案")
    day = require_date(day, "day")
    kept = tuple(itertools.takewhile(lambda e: e.event.occurred_on <= day, case.entries))
    return case if len(kept) == len(case.entries) else attrs.evolve(case, entries=kept)


def _placing(case: Case, as_of: dt.date) -> tuple[Ledger, CaseState | None]:
    """The ledger a case is on at the end of ``as_of``, and its state then."""
    if not case.entries or case.entries[0].event.occurred_on > as_of:
        return Ledger.SCHOOL_AGE_CHILDREN, None
    part = log_on(case, as_of)
    state = part.state
    if state in {CaseState.CLOSED, CaseState.NOT_CONFIRMED}:
        return Ledger.SCHOOL_AGE_CHILDREN, state
    standing: bool | None = None  # the last verification's answer; a reopening stands
    for _, event in part.effective():
        if isinstance(event, Verified):
            standing = event.confirmed
        elif isinstance(event, Reopened):
            standing = True
    if standing is False:
        return Ledger.SCHOOL_AGE_CHILDREN, state
    if standing:
        return Ledger.DROPOUTS, state
    if case.kind is CaseKind.SUSPECTED_DROPOUT:
        return Ledger.SUSPECTED_DROPOUTS, state
    return Ledger.DROPOUTS, state


def ledger_of(case: Case, *, as_of: dt.date) -> Ledger:
    """The one ledger a case's child is listed on at the end of ``as_of`` (所在台账).

    Membership follows verification (核实), not the kind the case was opened as:

    * a case not yet verified stays on the ledger of its kind: a suspected dropout
      on the 疑似辍学学生台账, a dropout or a 失学 child on the 辍学学生台账;
    * a case verified as a dropout (``Verified(confirmed=True)``) is on the
      辍学学生台账, whatever it was opened as; it stays there, through return,
      placement or deferral, until it is closed (动态销号);
    * a case verified as not a case (``confirmed=False``, 经核实排除) or closed
      (销号) leaves the case ledgers: the child is followed on the 适龄儿童台账 only,
      and :attr:`~kongchuo.policy.Ledger.SCHOOL_AGE_CHILDREN` is returned; so too on
      a day before the case opened. A reopened case is back on the 辍学学生台账.

    失学 children (never enrolled, found by comparing 户籍 with 学籍) have no ledger
    of their own among the national 三本台账 (适龄儿童台账, 疑似辍学学生台账,
    辍学学生台账); FC-1.2 keeps one work ledger for "失学辍学儿童" alike, so they are
    listed on the 辍学学生台账, told apart by :attr:`LedgerRow.kind`.

    Raises:
        ValidationError: For a case or day of the wrong type.

    References:
        教育部办公厅 2024 常态化报告工作机制 (三本台账; docs/law.md);
        FC-1.2 (失学辍学儿童逐一建立工作台账),
        FC-2.5 (立即核实, 台账销号).

    Limitations:
        A later correction of the verification (a superseding ``Verified``) counts
        from the day it occurred. The ledger of the child's school age itself is
        :func:`ledgers`'s concern (by birth date), not this function's.

    Example:
        >>> import datetime as dt
        >>> from kongchuo.cases import Case, CaseKind, Identified, IdentificationMethod, Verified
        >>> cst = dt.timezone(dt.timedelta(hours=8))
        >>> def at(day):
        ...     return {
        ...         "occurred_on": day,
        ...         "recorded_at": dt.datetime(day.year, day.month, day.day, 9, tzinfo=cst),
        ...         "recorded_by": "李老师",
        ...     }
        >>> case = Case.open(
        ...     case_id="c1",
        ...     kind=CaseKind.SUSPECTED_DROPOUT,
        ...     jurisdiction="370983003",
        ...     school_code="3709830031",
        ...     child_ref="local-7",
        ...     identified=Identified(
        ...         **at(dt.date(2025, 9, 8)),
        ...         method=IdentificationMethod.SCHOOL_REPORT,
        ...         found_by="班主任",
        ...     ),
        ... )
        >>> ledger_of(case, as_of=dt.date(2025, 9, 8)).label_zh
        '疑似辍学学生台账'
        >>> confirmed = case.append(
        ...     Verified(**at(dt.date(2025, 9, 9)), confirmed=True, finding="家长确认辍学")
        ... )
        >>> ledger_of(confirmed, as_of=dt.date(2025, 9, 9)).label_zh
        '辍学学生台账'
    """
    case = require_instance(case, Case, "case")
    return _placing(case, require_date(as_of, "as_of"))[0]
