"""Decisions and findings: what every rule returns (规则结论与发现).

A rule never raises to say "no": it returns a :class:`Decision` that says what was
decided (:attr:`Decision.ok` and a stable :attr:`Decision.outcome`), every
:class:`Finding` behind it, and the basis it rests on (clause ids such as
``FC-2.4`` and law articles such as ``义务教育法 第五十八条``).

This module belongs to the rules layer of the design (docs/design.md); models and batch jobs
import it.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from kongchuo._core.args import require_items
from kongchuo._core.enums import LabelledEnum
from kongchuo._core.errors import KongchuoError, masked_text
from kongchuo._core.guard import friendly_init

__all__ = ["AmbiguousDecisionError", "Decision", "Finding", "Severity", "finding"]


class Severity(LabelledEnum):
    """How much a finding matters (严重程度).

    Example:
        >>> Severity.ERROR.label_zh
        '错误'
    """

    INFO = "info", "提示"
    WARNING = "warning", "警告"
    ERROR = "error", "错误"


def _findings(value: Iterable[Finding]) -> tuple[Finding, ...]:
    return require_items(value, Finding, "$.findings")


def _basis(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(require_items(value, str, "$.basis")))


@friendly_init
@attrs.frozen(kw_only=True)
class Finding:
    """One thing a rule found (发现), as data.

    Attributes:
        code: A stable code, such as ``"ledger.cause.missing"``.
        message: The English message.
        message_zh: The Chinese message.
        path: Where in the input it was found (``$.events[3].met``).
        severity: How much it matters.
        basis: The clause ids and law articles it rests on.

    The path and both messages pass through the ID mask of :func:`kongchuo.quote`,
    as a :class:`~kongchuo.Problem`'s do.

    Example:
        >>> f = Finding(
        ...     code="age.too_young",
        ...     message="under 6",
        ...     message_zh="未满六周岁",
        ...     basis=("义务教育法 第十一条",),
        ... )
        >>> str(f)
        '[error] $: under 6 (未满六周岁) [age.too_young]'
    """

    code: str
    message: str = attrs.field(converter=masked_text)
    message_zh: str = attrs.field(converter=masked_text)
    path: str = attrs.field(default="$", converter=masked_text)
    severity: Severity = Severity.ERROR
    basis: tuple[str, ...] = attrs.field(default=(), converter=_basis)

    def __str__(self) -> str:
        """Return ``[severity] path: message (中文) [code]``."""
        return f"[{self.severity}] {self.path}: {self.message} ({self.message_zh}) [{self.code}]"


class AmbiguousDecisionError(KongchuoError, TypeError):
    """A :class:`Decision` was used as a bool (结论不能直接当作布尔值).

    ``if check_x(...):`` would always be true for a non-empty object and hide a "no";
    read :attr:`Decision.ok` instead.
    """


def finding(
    code: str,
    en: str,
    zh: str,
    path: str = "$",
    *,
    severity: Severity = Severity.ERROR,
    basis: Iterable[str] = (),
) -> Finding:
    """The shorthand for a :class:`Finding`: code, English, Chinese and path, as ``problem``.

    Example:
        >>> str(finding("x.late", "late", "逾期", "$.day", basis=("FC-2.5",)))
        '[error] $.day: late (逾期) [x.late]'
    """
    return Finding(
        code=code, message=en, message_zh=zh, path=path, severity=severity, basis=tuple(basis)
    )


@friendly_init
@attrs.frozen(kw_only=True)
class Decision:
    """What a rule decided, why, and on what basis (规则结论).

    Attributes:
        rule: The rule's stable name, such as ``"school_entry"``.
        ok: Whether the rule's question is answered yes (allowed, complete, due ...).
            For a check that lists gaps (the ledger, care, a notice, a case log) it
            means no finding of severity error: warnings leave it true. Whether
            there is no finding at all is :attr:`clean`.
        outcome: A stable code for what was decided, finer than ``ok``
            (``"eligible"``, ``"deferred"``, ``"too_young"`` ...).
        findings: Every finding, in the order the rule found them.
        basis: The clause ids and law articles the decision rests on.

    A decision is not a bool: ``if decision:`` raises
    :class:`AmbiguousDecisionError`; test :attr:`ok`.

    Example:
        >>> d = Decision(rule="demo", ok=False, outcome="no", basis=("FC-1.1",))
        >>> d.ok, d.outcome
        (False, 'no')
        >>> bool(d)
        Traceback (most recent call last):
        ...
        kongchuo.AmbiguousDecisionError: a Decision is not a bool; read decision.ok ...
    """

    rule: str
    ok: bool
    outcome: str
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_findings)
    basis: tuple[str, ...] = attrs.field(default=(), converter=_basis)

    def __bool__(self) -> bool:
        """Refuse: a decision used as a bool hides its answer."""
        msg = (
            "a Decision is not a bool; read decision.ok "
            "(结论不能直接当作布尔值，请读取 decision.ok)"
        )
        raise AmbiguousDecisionError(msg)

    @property
    def clean(self) -> bool:
        """Whether there is no finding at all, not even a warning.

        Not the same as :attr:`ok`: a check with only warnings is ``ok`` but not
        ``clean``.

        Example:
            >>> d = Decision(
            ...     rule="r",
            ...     ok=True,
            ...     outcome="complete",
            ...     findings=[finding("x.late", "late", "逾期", "$", severity=Severity.WARNING)],
            ... )
            >>> d.ok, d.clean
            (True, False)
        """
        return not self.findings

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity :attr:`Severity.ERROR`."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    def codes(self) -> tuple[str, ...]:
        """The codes of all findings, in order.

        Example:
            >>> Decision(rule="r", ok=True, outcome="ok").codes()
            ()
        """
        return tuple(f.code for f in self.findings)

    def explain(self) -> str:
        """A short multi-line explanation in Chinese and English.

        Example:
            >>> print(
            ...     Decision(
            ...         rule="demo",
            ...         ok=True,
            ...         outcome="eligible",
            ...         basis=("FC-1.1", "义务教育法 第十一条"),
            ...     ).explain()
            ... )
            demo: eligible (ok)
              basis 依据: FC-1.1; 义务教育法 第十一条
        """
        lines = [f"{self.rule}: {self.outcome} ({'ok' if self.ok else 'not ok'})"]
        lines.extend(f"  - {f}" for f in self.findings)
        if self.basis:
            lines.append(f"  basis 依据: {'; '.join(self.basis)}")
        return "\n".join(lines)
