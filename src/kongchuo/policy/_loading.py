"""Reading a :class:`Policy` from a JSON or TOML document (读取政策文件).

The format, the same in both languages::

    name = "ningyang"            # required
    name_zh = "宁阳县"            # required
    base = "feicheng"            # optional: "feicheng" or "national"

    [[parameters.monthly_report_day]]
    value = 10
    effective_from = 2027-01-01  # a TOML date, or "2027-01-01" in JSON
    description = "每月10日前 read as on or before the 10th"
    basis = ["宁阳县教体局通知"]
    unit = "day of the following month, inclusive"   # optional with a base

With a ``base``, each listed value is added to the base profile's history (a value
from the same day replaces the base's); unlisted parameters keep the base's
history. Without one, every parameter must be listed. A value that a policy may
leave unset on purpose is written ``"none"`` (TOML has no null; JSON may also use
``null``). Every problem in the document is reported at once, each with its path.

Loading from a path is an edge function; the rest is pure.

Part of the policy layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from typing import Any, Final

import attrs

from kongchuo._core.documents import (
    parse_document,
    read_date,
    read_document,
    read_table,
    unknown_keys,
)
from kongchuo._core.errors import Problem, ValidationError, problem, quote
from kongchuo.policy._parameters import Parameter, ParameterHistory, checked_parameter
from kongchuo.policy._policy import SPECS, Policy, value_problems
from kongchuo.policy._profiles import FEICHENG, NATIONAL

__all__ = ["load_policy", "policy_from_json", "policy_from_mapping", "policy_from_toml"]

_BASES: Final = {"feicheng": FEICHENG, "national": NATIONAL}
_TOP: Final = frozenset({"name", "name_zh", "base", "parameters"})
_ENTRY: Final = frozenset({"value", "effective_from", "description", "basis", "unit"})
_REQUIRED: Final = frozenset({"value", "effective_from", "description", "basis"})
_NONE: Final = "none"


def _read_text(raw: object, path: str, problems: list[Problem]) -> str | None:
    if isinstance(raw, str) and raw.strip():
        return raw
    problems.append(problem("policy.text", "expected non-empty text", "应为非空文本", path))
    return None


def _read_basis(raw: object, path: str, problems: list[Problem]) -> tuple[str, ...] | None:
    if isinstance(raw, list) and all(isinstance(x, str) and x.strip() for x in raw) and raw:
        return tuple(raw)
    problems.append(
        problem(
            "policy.basis", "expected a non-empty list of citations", "应为非空的依据列表", path
        )
    )
    return None


def _read_value(name: str, raw: object, path: str, problems: list[Problem]) -> tuple[bool, Any]:
    if raw is None or raw == _NONE:
        found = value_problems(name, None, path)
        problems.extend(found)
        return (not found, None)
    try:
        value = SPECS[name].parse(raw, path)
    except ValidationError as exc:
        problems.extend(exc.errors)
        return (False, None)
    found = value_problems(name, value, path)
    problems.extend(found)
    return (not found, value)


def _read_entry(
    name: str,
    raw: object,
    path: str,
    fallback_unit: str | None,
    problems: list[Problem],
) -> Parameter[Any] | None:
    if not isinstance(raw, Mapping):
        problems.append(problem("type", "expected a table", "应为表（对象）", path))
        return None
    before = len(problems)
    keys = raw.keys()
    if not keys <= _ENTRY:  # one set test for the usual, sound entry
        problems.extend(unknown_keys(raw, _ENTRY.__contains__, path))
    if not keys >= _REQUIRED:
        problems.extend(
            problem("policy.missing", f"{key} is missing", f"缺少 {key}", f"{path}.{key}")
            for key in ("value", "effective_from", "description", "basis")
            if key not in raw
        )
    if "unit" not in raw and fallback_unit is None:
        problems.append(problem("policy.missing", "unit is missing", "缺少 unit", f"{path}.unit"))
    ok, value = (
        _read_value(name, raw["value"], f"{path}.value", problems)
        if "value" in raw
        else (
            False,
            None,
        )
    )
    start = (
        read_date(raw["effective_from"], f"{path}.effective_from", problems, prefix="policy")
        if ("effective_from" in raw)
        else None
    )
    description = (
        _read_text(raw["description"], f"{path}.description", problems)
        if ("description" in raw)
        else None
    )
    basis = _read_basis(raw["basis"], f"{path}.basis", problems) if "basis" in raw else None
    unit = _read_text(raw["unit"], f"{path}.unit", problems) if "unit" in raw else fallback_unit
    if len(problems) > before or not ok or start is None or description is None:
        return None
    if basis is None or unit is None:  # pragma: no cover - recorded as problems above
        return None
    return checked_parameter(value, unit, description, basis, start)


def _read_history(
    name: str,
    raw: object,
    path: str,
    base: Policy | None,
    problems: list[Problem],
) -> ParameterHistory[Any] | None:
    if not isinstance(raw, list) or not raw:
        problems.append(
            problem(
                "type", "expected a non-empty list of dated values", "应为非空的带日期值列表", path
            )
        )
        return None
    history: ParameterHistory[Any] | None = getattr(base, name) if base else None
    unit = history.latest.unit if history else None
    entries = [
        _read_entry(name, item, f"{path}[{index}]", unit, problems)
        for index, item in enumerate(raw)
    ]
    if any(e is None for e in entries):
        return None
    found = [e for e in entries if e is not None]
    first: dict[dt.date, int] = {}
    duplicates = False
    for index, entry in enumerate(found):
        start = entry.effective_from
        if start in first:
            duplicates = True
            other = f"{path}[{first[start]}]"
            problems.append(
                problem(
                    "policy.duplicate_date",
                    f"two values of {name} start on {start.isoformat()} (also {other})",
                    f"{name} 有两个值都从 {start.isoformat()} 起适用（另见 {other}）",
                    f"{path}[{index}].effective_from",
                )
            )
        else:
            first[start] = index
    if duplicates:
        return None
    if history is None:
        return ParameterHistory(name=name, values=tuple(found))
    # Each listed value replaces the base's value from the same day, as
    # ParameterHistory.with_value does; merged at once, not one rebuild per value.
    kept = [p for p in history.values if p.effective_from not in first]
    return ParameterHistory(name=name, values=(*kept, *found))


def policy_from_mapping(data: object) -> Policy:
    """Build a :class:`Policy` from a parsed JSON or TOML document.

    Args:
        data: The document, as :func:`json.loads` or :func:`tomllib.loads` returns it.

    Raises:
        ValidationError: With every problem of the document, each with its path.

    Example:
        >>> from datetime import date
        >>> p = policy_from_mapping(
        ...     {
        ...         "name": "ningyang",
        ...         "name_zh": "宁阳县",
        ...         "base": "feicheng",
        ...         "parameters": {
        ...             "monthly_report_day": [
        ...                 {
        ...                     "value": 10,
        ...                     "effective_from": "2027-01-01",
        ...                     "description": "每月10日前",
        ...                     "basis": ["县通知"],
        ...                 }
        ...             ]
        ...         },
        ...     }
        ... )
        >>> p.monthly_report_day.value_at(date(2027, 2, 1))
        10
    """
    data, problems = read_table(data, _TOP)
    names = {key: _read_text(data.get(key), f"$.{key}", problems) for key in ("name", "name_zh")}
    base: Policy | None = None
    if "base" in data:
        base = _BASES.get(data["base"]) if isinstance(data["base"], str) else None
        if base is None:
            problems.append(
                problem(
                    "policy.base",
                    f"base must be one of {sorted(_BASES)}",
                    f"base 应为 {sorted(_BASES)} 之一",
                    "$.base",
                )
            )
    params = data.get("parameters", {})
    histories: dict[str, ParameterHistory[Any]] = {}
    if not isinstance(params, Mapping):
        problems.append(problem("type", "expected a table", "应为表（对象）", "$.parameters"))
        params = {}
    for key, raw in params.items():
        if key not in SPECS:
            problems.append(
                problem(
                    "unknown_key",
                    f"unknown parameter {quote(key)}",
                    f"未知的参数 {quote(key)}",
                    f"$.parameters.{quote(key, bare=True)}",
                )
            )
            continue
        # A known parameter's name is a plain identifier: it needs no quoting.
        history = _read_history(key, raw, f"$.parameters.{key}", base, problems)
        if history is not None:
            histories[key] = history
    if base is None and "base" not in data:
        problems.extend(
            problem(
                "policy.missing",
                f"parameter {key} is missing (and there is no base profile)",
                f"缺少参数 {key}（且未指定 base）",
                f"$.parameters.{key}",
            )
            for key in SPECS
            if key not in params
        )
    if problems:
        raise ValidationError.of(problems)
    name, name_zh = str(names["name"]), str(names["name_zh"])
    if base is None:
        return Policy(name=name, name_zh=name_zh, **histories)
    return attrs.evolve(base, name=name, name_zh=name_zh, **histories)


def policy_from_json(text: str | bytes) -> Policy:
    """Build a :class:`Policy` from JSON text; see :func:`policy_from_mapping`.

    Raises:
        ValidationError: ``document.syntax`` for text that is not JSON, or the
            problems of the document.
    """
    return policy_from_mapping(parse_document(text, "json"))


def policy_from_toml(text: str) -> Policy:
    """Build a :class:`Policy` from TOML text; see :func:`policy_from_mapping`.

    Example:
        >>> from datetime import date
        >>> p = policy_from_toml('''
        ... name = "mine"
        ... name_zh = "本县"
        ... base = "national"
        ... [[parameters.census_month]]
        ... value = 6
        ... effective_from = 2025-01-01
        ... description = "每年6月"
        ... basis = ["本县通知"]
        ... ''')
        >>> p.census_month.value_at(date(2025, 6, 1))
        6

    Raises:
        ValidationError: ``document.syntax`` for text that is not TOML, or the
            problems of the document.
    """
    return policy_from_mapping(parse_document(text, "toml"))


def load_policy(path: str | os.PathLike[str]) -> Policy:
    """Read a policy file: ``.toml`` or ``.json`` (an edge function: it does I/O).

    Raises:
        ValidationError: For an unknown suffix (``document.suffix``), a file that
            cannot be read (``document.read``), or the problems of the document.
    """
    return policy_from_mapping(read_document(path))
