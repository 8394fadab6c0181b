"""Policy as data: dated, cited parameters and the shipped profiles (政策参数).

Every number and interpretive choice that kongchuo's rules use lives in a
:class:`Policy`, as a :class:`ParameterHistory` of dated, cited
:class:`Parameter` values, in the manner of OpenFisca's parameters. No rule
hard-codes a local number.

Two profiles ship: :data:`NATIONAL` and :data:`FEICHENG`. A county evolves one
with :func:`attrs.evolve` or loads its own from a JSON or TOML file with
:func:`load_policy`.

This is the first layer of the design (docs/design.md): it imports nothing from the others.

Example:
    >>> from datetime import date
    >>> from kongchuo.policy import FEICHENG
    >>> p = FEICHENG.monthly_report_day.at(date(2025, 9, 1))
    >>> p.value, p.basis[0]
    (5, 'FC-2.5')
"""

from typing import TYPE_CHECKING

from kongchuo._core.names import lazy, publish
from kongchuo.policy._escalation import (
    AppealRights,
    CaseKindLadders,
    EscalationStep,
    StepAuthorities,
)
from kongchuo.policy._parameters import Parameter, ParameterHistory, ParameterNotInForceError
from kongchuo.policy._policy import Policy, own_basis
from kongchuo.policy._responsibility import (
    SEVEN_HEADS,
    ResponsibilityLine,
    ResponsibilityScheme,
    SchemeRole,
)
from kongchuo.policy._values import (
    AgeBand,
    Comparison,
    ConsolidationFormula,
    Ledger,
    MonthDay,
    Party,
    Span,
    Threshold,
    TimeUnit,
)

if TYPE_CHECKING:
    from kongchuo.policy._describe import describe_parameters, marker
    from kongchuo.policy._export import policy_to_json, policy_to_mapping
    from kongchuo.policy._loading import (
        load_policy,
        policy_from_json,
        policy_from_mapping,
        policy_from_toml,
    )
    from kongchuo.policy._profiles import FEICHENG, NATIONAL

__all__ = [
    "FEICHENG",
    "NATIONAL",
    "SEVEN_HEADS",
    "AgeBand",
    "AppealRights",
    "CaseKindLadders",
    "Comparison",
    "ConsolidationFormula",
    "EscalationStep",
    "Ledger",
    "MonthDay",
    "Parameter",
    "ParameterHistory",
    "ParameterNotInForceError",
    "Party",
    "Policy",
    "ResponsibilityLine",
    "ResponsibilityScheme",
    "SchemeRole",
    "Span",
    "StepAuthorities",
    "Threshold",
    "TimeUnit",
    "describe_parameters",
    "load_policy",
    "marker",
    "own_basis",
    "policy_from_json",
    "policy_from_mapping",
    "policy_from_toml",
    "policy_to_json",
    "policy_to_mapping",
]

publish(globals())

# The profiles, loading, export and description load on first use (PEP 562).
_LAZY = {
    "FEICHENG": "kongchuo.policy._profiles",
    "NATIONAL": "kongchuo.policy._profiles",
    "describe_parameters": "kongchuo.policy._describe",
    "load_policy": "kongchuo.policy._loading",
    "marker": "kongchuo.policy._describe",
    "policy_from_json": "kongchuo.policy._loading",
    "policy_from_mapping": "kongchuo.policy._loading",
    "policy_from_toml": "kongchuo.policy._loading",
    "policy_to_json": "kongchuo.policy._export",
    "policy_to_mapping": "kongchuo.policy._export",
}
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy(globals(), _LAZY)
