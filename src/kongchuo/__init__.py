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
from kongchuo._identity import ResidentId, Sex, StudentNumber, StudentNumberKind

__all__ = [
    "AmbiguousDecisionError",
    "CalendarHorizonError",
    "Decision",
    "Finding",
    "KongchuoError",
    "Problem",
    "ResidentId",
    "Severity",
    "Sex",
    "StudentNumber",
    "StudentNumberKind",
    "ValidationError",
    "redact",
]

__version__ = "0.1.0.dev0"
