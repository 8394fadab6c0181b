"""Writing a :class:`Policy` as a document (导出政策文件), the inverse of loading it.

:func:`policy_to_mapping` gives the document format that
:func:`~kongchuo.policy.policy_from_mapping` reads — every parameter's dated values
with their descriptions, basis and units — so a county can start its own profile
from a shipped one, and ``policy_from_mapping(policy_to_mapping(p)) == p``.

Part of the policy layer of the design (docs/design.md).
"""

from __future__ import annotations

import enum
import json
from typing import Any

from kongchuo._core.args import require_int
from kongchuo.policy._escalation import AppealRights, CaseKindLadders, StepAuthorities
from kongchuo.policy._policy import SPECS, Policy, require_policy
from kongchuo.policy._responsibility import ResponsibilityScheme
from kongchuo.policy._values import AgeBand, MonthDay, Span, Threshold

__all__ = ["policy_to_json", "policy_to_mapping"]


def _value(value: object) -> Any:  # noqa: ANN401, C901, PLR0911 - one return per kind of value
    """A parameter value in the form the loader reads."""
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, MonthDay):
        return str(value)
    if isinstance(value, AgeBand):
        return {"min_age": value.min_age, "max_age": value.max_age}
    if isinstance(value, Threshold):
        return {
            "count": value.count,
            "unit": value.unit.value,
            "comparison": value.comparison.value,
        }
    if isinstance(value, Span):
        return {"count": value.count, "unit": value.unit.value}
    if isinstance(value, StepAuthorities | CaseKindLadders):
        return {str(key): _value(parties) for key, parties in value.entries}
    if isinstance(value, AppealRights):
        return {
            "review_body": value.review_body,
            "review_period": _value(value.review_period),
            "court": value.court,
            "litigation_period": _value(value.litigation_period),
        }
    if isinstance(value, ResponsibilityScheme):
        return {
            "name_zh": value.name_zh,
            "source": value.source,
            "roles": [
                {"title_zh": r.title_zh, "line": r.line.value}
                | ({} if r.party is None else {"party": r.party.value})
                for r in value.roles
            ],
        }
    if isinstance(value, frozenset):
        return sorted(_value(v) for v in value)
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    return value


def policy_to_mapping(policy: Policy) -> dict[str, Any]:
    """The policy as a JSON-ready document that :func:`policy_from_mapping` reads back.

    Every parameter is written with its whole dated history, so the document needs
    no ``base``. A value set to nothing on purpose is written ``None`` (``null`` in
    JSON).

    Raises:
        ValidationError: ``type`` for something that is not a Policy.

    Example:
        >>> from kongchuo.policy import FEICHENG, policy_from_mapping
        >>> doc = policy_to_mapping(FEICHENG)
        >>> doc["parameters"]["monthly_report_day"][0]["value"]
        5
        >>> policy_from_mapping(doc) == FEICHENG
        True
    """
    policy = require_policy(policy)
    parameters = {
        name: [
            {
                "value": _value(p.value),
                "effective_from": p.effective_from.isoformat(),
                "description": p.description,
                "basis": list(p.basis),
                "unit": p.unit,
            }
            for p in getattr(policy, name).values
        ]
        for name in SPECS
    }
    return {"name": policy.name, "name_zh": policy.name_zh, "parameters": parameters}


def policy_to_json(policy: Policy, *, indent: int | None = 2) -> str:
    """The policy as JSON text (UTF-8, Chinese kept as is); see :func:`policy_to_mapping`.

    Example:
        >>> from kongchuo.policy import NATIONAL, policy_from_json
        >>> policy_from_json(policy_to_json(NATIONAL)) == NATIONAL
        True
    """
    if indent is not None:
        indent = require_int(indent, "indent", min_value=0, max_value=16)
    return json.dumps(policy_to_mapping(policy), ensure_ascii=False, indent=indent)
