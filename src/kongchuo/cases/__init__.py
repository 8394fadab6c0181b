"""Cases and ledgers (个案与台账): the per-child case log, its rules and the ledgers.

One :class:`Case` per child and episode holds an append-only, hash-chained log of
typed events; its state is derived by the machine in :data:`MACHINE`. The rules
check a case's ledger ("三细三实", :func:`check_ledger`), whether it may close
(销号, :func:`check_closure`) and who answers for it (:func:`responsible_parties`).

Example:
    >>> import datetime as dt
    >>> from kongchuo.cases import CaseState, derive_state
    >>> derive_state(["identified", "verified", "persuasion_attempt"])
    <CaseState.IN_PERSUASION: 'in_persuasion'>

References:
    FC-1.2, FC-1.3, FC-2.5; 教育部办公厅 2024 常态化报告工作机制 (三本台账, 动态销号; docs/law.md).
"""

import sys as _sys

from kongchuo._core.names import publish
from kongchuo.cases._care import (
    HARDSHIP_GROUPS,
    AidRecord,
    CarePlan,
    check_care,
    is_cared_for,
)
from kongchuo.cases._case import GENESIS, Case, Entry, entry_hash
from kongchuo.cases._closure import CLOSURE_GROUNDS, ClosureGround, Requirement
from kongchuo.cases._drafts import CHINA_STANDARD_TIME, Recorder, draft_notice
from kongchuo.cases._escalation import (
    JustCause,
    JustCauseKind,
    NextStep,
    SeriousFinding,
    SeriousKind,
    check_escalation,
    is_escalation_allowed,
    next_escalation,
)
from kongchuo.cases._events import (
    EVENT_TYPES,
    ApprovingAuthority,
    AttemptResult,
    AttendanceRecorded,
    CaseKind,
    Cause,
    CauseAnalysed,
    Closed,
    CorrectionOrdered,
    Deceased,
    DeferralKind,
    Deferred,
    Event,
    IdentificationMethod,
    Identified,
    JudicialStep,
    LiabilityPursued,
    MovedAway,
    NoticeIssued,
    PenaltyImposed,
    Person,
    PersuasionAttempt,
    PersuasionMethod,
    Placed,
    Placement,
    PlanMade,
    ProgressMarked,
    Reopened,
    Returned,
    Role,
    StudyingElsewhere,
    Verified,
    WrittenReport,
)
from kongchuo.cases._ledgers import LedgerRow, LedgerView, ledger_of, ledgers
from kongchuo.cases._machine import (
    MACHINE,
    CaseState,
    Evidence,
    Transition,
    derive_state,
    transition_for,
)
from kongchuo.cases._notices import notice_event
from kongchuo.cases._rules import (
    LEDGER_FINDINGS,
    Responsibility,
    check_closure,
    check_ledger,
    close_case,
    deferral_in_force,
    is_closable,
    is_ledger_complete,
    record_attendance,
    responsible_parties,
)

__all__ = [
    "CHINA_STANDARD_TIME",
    "CLOSURE_GROUNDS",
    "EVENT_TYPES",
    "GENESIS",
    "HARDSHIP_GROUPS",
    "LEDGER_FINDINGS",
    "MACHINE",
    "AidRecord",
    "ApprovingAuthority",
    "AttemptResult",
    "AttendanceRecorded",
    "CarePlan",
    "Case",
    "CaseKind",
    "CaseState",
    "Cause",
    "CauseAnalysed",
    "Closed",
    "ClosureGround",
    "CorrectionOrdered",
    "Deceased",
    "DeferralKind",
    "Deferred",
    "Entry",
    "Event",
    "Evidence",
    "IdentificationMethod",
    "Identified",
    "JudicialStep",
    "JustCause",
    "JustCauseKind",
    "LedgerRow",
    "LedgerView",
    "LiabilityPursued",
    "MovedAway",
    "NextStep",
    "NoticeIssued",
    "PenaltyImposed",
    "Person",
    "PersuasionAttempt",
    "PersuasionMethod",
    "Placed",
    "Placement",
    "PlanMade",
    "ProgressMarked",
    "Recorder",
    "Reopened",
    "Requirement",
    "Responsibility",
    "Returned",
    "Role",
    "SeriousFinding",
    "SeriousKind",
    "StudyingElsewhere",
    "Transition",
    "Verified",
    "WrittenReport",
    "check_care",
    "check_closure",
    "check_escalation",
    "check_ledger",
    "close_case",
    "deferral_in_force",
    "derive_state",
    "draft_notice",
    "entry_hash",
    "is_cared_for",
    "is_closable",
    "is_escalation_allowed",
    "is_ledger_complete",
    "ledger_of",
    "ledgers",
    "next_escalation",
    "notice_event",
    "record_attendance",
    "responsible_parties",
    "transition_for",
]

publish(globals())

if "hypothesis" in _sys.modules:  # let st.from_type find Case
    from _kongchuo_hypothesis import register_loaded as _register_loaded

    _register_loaded()
