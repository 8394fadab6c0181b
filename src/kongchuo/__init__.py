"""kongchuo: 控辍保学 — China's compulsory-education dropout-control work as typed models and rules.

The public API is re-exported here; implementation lives in private modules whose
names say what they hold. See the design (docs/design.md) for the layers.

Example:
    >>> import kongchuo
    >>> kongchuo.ResidentId.parse("11010519491231002X").masked()
    '110105********002X'
"""

import sys as _sys

from kongchuo._core.decision import AmbiguousDecisionError, Decision, Finding, Severity
from kongchuo._core.enums import LabelledEnum
from kongchuo._core.errors import (
    CalendarHorizonError,
    KongchuoError,
    Problem,
    ValidationError,
    quote,
    redact,
)
from kongchuo._core.names import publish
from kongchuo._edges.serialization import (
    SCHEMA_VERSION,
    from_dict,
    from_dicts,
    from_json,
    json_schema,
    sensitive_fields,
    to_dict,
    to_dicts,
    to_json,
)
from kongchuo._identity.numbers import Compacted, ResidentId, Sex, StudentNumber, StudentNumberKind
from kongchuo._models.children import (
    AbilityAssessment,
    Carer,
    Child,
    Department,
    Disability,
    DisabilityKind,
    GroupMembership,
    Guardian,
    GuardianRelationship,
    GuardianStatus,
    LegalBasis,
    SpecialGroup,
)
from kongchuo._models.schools import (
    Approval,
    Attendance,
    AttendanceStatus,
    Leave,
    LeaveKind,
    Registration,
    RegistrationStatus,
    School,
    SchoolKind,
    Transfer,
    TransferAction,
    TransferSide,
    TransferStep,
)
from kongchuo._rules.special_groups import (
    check_de_facto_unsupported,
    check_rural_left_behind,
    is_de_facto_unsupported,
    is_rural_left_behind,
)
from kongchuo._time.age import (
    age_on,
    check_school_entry,
    entry_year,
    is_school_age,
    school_year_day,
)
from kongchuo._time.calendars import (
    Break,
    BreakKind,
    ChinaCalendar,
    SchoolCalendar,
    Term,
    TermKind,
    WorkCalendar,
    YearArrangement,
    roll_forward,
)
from kongchuo._time.deadlines import Obligation, monthly_report_due, obligations, to_ics
from kongchuo._time.periods import SchoolDays, add_months, period_end, span_end

__all__ = [
    "SCHEMA_VERSION",
    "AbilityAssessment",
    "AmbiguousDecisionError",
    "Approval",
    "Attendance",
    "AttendanceStatus",
    "Break",
    "BreakKind",
    "CalendarHorizonError",
    "Carer",
    "Child",
    "ChinaCalendar",
    "Compacted",
    "Decision",
    "Department",
    "Disability",
    "DisabilityKind",
    "Finding",
    "GroupMembership",
    "Guardian",
    "GuardianRelationship",
    "GuardianStatus",
    "KongchuoError",
    "LabelledEnum",
    "Leave",
    "LeaveKind",
    "LegalBasis",
    "Obligation",
    "Problem",
    "Registration",
    "RegistrationStatus",
    "ResidentId",
    "School",
    "SchoolCalendar",
    "SchoolDays",
    "SchoolKind",
    "Severity",
    "Sex",
    "SpecialGroup",
    "StudentNumber",
    "StudentNumberKind",
    "Term",
    "TermKind",
    "Transfer",
    "TransferAction",
    "TransferSide",
    "TransferStep",
    "ValidationError",
    "WorkCalendar",
    "YearArrangement",
    "add_months",
    "age_on",
    "check_de_facto_unsupported",
    "check_rural_left_behind",
    "check_school_entry",
    "entry_year",
    "from_dict",
    "from_dicts",
    "from_json",
    "is_de_facto_unsupported",
    "is_rural_left_behind",
    "is_school_age",
    "json_schema",
    "monthly_report_due",
    "obligations",
    "period_end",
    "quote",
    "redact",
    "roll_forward",
    "school_year_day",
    "sensitive_fields",
    "span_end",
    "to_dict",
    "to_dicts",
    "to_ics",
    "to_json",
]

__version__ = "0.1.0.dev0"

publish(globals())

if "hypothesis" in _sys.modules:  # let st.from_type find kongchuo's types
    from _kongchuo_hypothesis import register_loaded as _register_loaded

    _register_loaded()
