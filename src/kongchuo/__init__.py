"""kongchuo: 控辍保学 — China's compulsory-education dropout-control work as typed models and rules.

The public API is re-exported here; implementation lives in private modules whose
names say what they hold. See ``DESIGN.md`` for the layers.

Example:
    >>> import kongchuo
    >>> kongchuo.ResidentId.parse("11010519491231002X").masked()
    '110105********002X'
"""

from kongchuo._decision import AmbiguousDecisionError, Decision, Finding, Severity
from kongchuo._errors import (
    CalendarHorizonError,
    KongchuoError,
    Problem,
    ValidationError,
    redact,
)
from kongchuo._group_rules import (
    check_de_facto_unsupported,
    check_rural_left_behind,
    is_de_facto_unsupported,
    is_rural_left_behind,
)
from kongchuo._identity import ResidentId, Sex, StudentNumber, StudentNumberKind
from kongchuo._models._children import (
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
from kongchuo._models._schools import (
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
from kongchuo._serialization import (
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

__all__ = [
    "SCHEMA_VERSION",
    "AbilityAssessment",
    "AmbiguousDecisionError",
    "Approval",
    "Attendance",
    "AttendanceStatus",
    "CalendarHorizonError",
    "Carer",
    "Child",
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
    "Leave",
    "LeaveKind",
    "LegalBasis",
    "Problem",
    "Registration",
    "RegistrationStatus",
    "ResidentId",
    "School",
    "SchoolKind",
    "Severity",
    "Sex",
    "SpecialGroup",
    "StudentNumber",
    "StudentNumberKind",
    "Transfer",
    "TransferAction",
    "TransferSide",
    "TransferStep",
    "ValidationError",
    "check_de_facto_unsupported",
    "check_rural_left_behind",
    "from_dict",
    "from_dicts",
    "from_json",
    "is_de_facto_unsupported",
    "is_rural_left_behind",
    "json_schema",
    "redact",
    "sensitive_fields",
    "to_dict",
    "to_dicts",
    "to_json",
]

__version__ = "0.1.0.dev0"
