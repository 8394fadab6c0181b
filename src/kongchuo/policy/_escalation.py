"""Escalation ladder, correction deadline and 文号 scheme as policy data (强制入学程序参数).

The steps a county may take against a guardian who keeps a child out of school
without a just reason, in order, are a policy parameter: the law names the
measures (义务教育法 第五十八条; 未成年人保护法 第二十八、八十三、一百一十八条;
家庭教育促进法 第四十九条) but no national sequence, so each profile states its own
ladder. The length and counting rule of the 责令限期改正 deadline, the number of
failed persuasion attempts before the school reports in writing, the joint issuers
of a return notice and the pattern of document numbers (文号) live here too.

Part of the policy layer of ``DESIGN.md``: it imports nothing from the others.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import string
from typing import Final, TypedDict

from kongchuo._errors import ValidationError, type_name
from kongchuo.policy._parameters import ParameterHistory
from kongchuo.policy._values import Party, Span, TimeUnit

__all__ = [
    "EscalationStep",
    "EscalationValues",
    "escalation_values",
    "format_document_number",
    "is_ladder",
    "is_number_pattern",
    "is_parties",
    "ladder_problem",
    "number_pattern_problem",
    "parse_ladder",
    "parse_number_pattern",
    "parse_parties",
]


class EscalationStep(enum.StrEnum):
    """One step of the ladder of compulsory-enrolment measures (强制入学程序步骤).

    The order of the members is the order of the measures' severity; a policy's
    ladder lists a subsequence of them, starting with :attr:`PERSUASION`.

    Example:
        >>> EscalationStep.CORRECTION_ORDER.label_zh
        '批评教育、责令限期改正'
        >>> EscalationStep.JUDICIAL.owners
        (<Party.JUSTICE: 'justice'>,)
    """

    PERSUASION = "persuasion"
    WRITTEN_REPORT = "written_report"
    CORRECTION_ORDER = "correction_order"
    ADMINISTRATIVE_PENALTY = "administrative_penalty"
    JUDICIAL = "judicial"
    LEGAL_LIABILITY = "legal_liability"

    @property
    def label_zh(self) -> str:
        """The Chinese label, such as ``"学校书面报告"``."""
        return _STEP_INFO[self][0]

    @property
    def owners(self) -> tuple[Party, ...]:
        """Who takes the step (either of them may act where there are several)."""
        return _STEP_INFO[self][1]

    @property
    def basis(self) -> tuple[str, ...]:
        """The law articles the step rests on."""
        return _STEP_INFO[self][2]

    @property
    def rank(self) -> int:
        """The step's place in the order of severity, from 0."""
        return _ORDER.index(self)


_STEP_INFO: Final[dict[EscalationStep, tuple[str, tuple[Party, ...], tuple[str, ...]]]] = {
    EscalationStep.PERSUASION: (
        "劝返",
        (Party.SCHOOL, Party.EDUCATION_BUREAU, Party.TOWN_GOVERNMENT),
        ("未成年人保护法 第二十八条第二款", "FC-1.3"),
    ),
    EscalationStep.WRITTEN_REPORT: (
        "学校书面报告",
        (Party.SCHOOL,),
        ("未成年人保护法 第二十八条第二款", "FC-3.3"),
    ),
    EscalationStep.CORRECTION_ORDER: (
        "批评教育、责令限期改正",
        (Party.TOWN_GOVERNMENT, Party.EDUCATION_BUREAU),
        ("义务教育法 第五十八条", "未成年人保护法 第八十三条第二款", "FC-2.4"),
    ),
    EscalationStep.ADMINISTRATIVE_PENALTY: (
        "行政处罚",
        (Party.TOWN_GOVERNMENT, Party.EDUCATION_BUREAU),
        ("行政处罚法 第十二条 (only where a local regulation provides the penalty)",),
    ),
    EscalationStep.JUDICIAL: (
        "提请司法部门发出司法文书",
        (Party.JUSTICE,),
        (
            "FC-2.4",
            "FC-3.1",
            "未成年人保护法 第一百一十八条",
            "家庭教育促进法 第四十九条",
        ),
    ),
    EscalationStep.LEGAL_LIABILITY: (
        "依法追究法律责任",
        (Party.PUBLIC_SECURITY, Party.PROCURATORATE, Party.COURT),
        ("FC-2.4", "义务教育法 第六十条"),
    ),
}
_ORDER: Final = tuple(EscalationStep)


def ladder_problem(value: object) -> str | None:
    """Why ``value`` is not a well-formed ladder, in English, or ``None`` if it is.

    A ladder is a tuple of distinct :class:`EscalationStep` members in the order of
    their severity, starting with persuasion and with the correction order in it:
    the law makes the order the gate to every later measure.

    Example:
        >>> ladder_problem((EscalationStep.PERSUASION, EscalationStep.JUDICIAL))
        'the ladder must hold correction_order'
        >>> print(ladder_problem(tuple(EscalationStep)))
        None
    """
    if not isinstance(value, tuple) or not all(isinstance(v, EscalationStep) for v in value):
        return "a ladder is a tuple of EscalationStep"
    if not value or value[0] is not EscalationStep.PERSUASION:
        return "the ladder must start with persuasion"
    ranks = [step.rank for step in value]
    if ranks != sorted(set(ranks)):
        return "the steps must be distinct and in order of severity"
    if EscalationStep.CORRECTION_ORDER not in value:
        return "the ladder must hold correction_order"
    return None


def is_ladder(value: object) -> bool:
    """Whether ``value`` is a well-formed ladder (see :func:`ladder_problem`)."""
    return ladder_problem(value) is None


def parse_ladder(raw: object, path: str) -> object:
    """Read a ladder from a list of step names in a policy document."""
    if not isinstance(raw, list):
        raise ValidationError(
            "policy.value",
            f"expected a list of escalation steps, got {type_name(raw)}",
            f"应为强制入学程序步骤的列表，实为 {type_name(raw)}",
            path=path,
        )
    steps = []
    for index, item in enumerate(raw):
        try:
            steps.append(EscalationStep(item))
        except ValueError:
            names = ", ".join(repr(m.value) for m in EscalationStep)
            raise ValidationError(
                "policy.value",
                f"expected one of {names}",
                f"应为 {names} 之一",
                path=f"{path}[{index}]",
            ) from None
    ladder = tuple(steps)
    problem = ladder_problem(ladder)
    if problem is not None:
        raise ValidationError("policy.ladder", problem, "强制入学程序步骤不合规范", path=path)
    return ladder


def is_parties(value: object) -> bool:
    """Whether ``value`` is a non-empty tuple of distinct :class:`Party` members."""
    return (
        isinstance(value, tuple)
        and bool(value)
        and all(isinstance(v, Party) for v in value)
        and len(set(value)) == len(value)
    )


def parse_parties(raw: object, path: str) -> object:
    """Read a non-empty list of party names from a policy document."""
    if not isinstance(raw, list) or not raw:
        raise ValidationError(
            "policy.value",
            f"expected a non-empty list of parties, got {type_name(raw)}",
            f"应为非空的责任主体列表，实为 {type_name(raw)}",
            path=path,
        )
    found = []
    for index, item in enumerate(raw):
        try:
            found.append(Party(item))
        except ValueError:
            names = ", ".join(repr(m.value) for m in Party)
            raise ValidationError(
                "policy.value",
                f"expected one of {names}",
                f"应为 {names} 之一",
                path=f"{path}[{index}]",
            ) from None
    parties = tuple(found)
    if not is_parties(parties):
        raise ValidationError("policy.value", "a party is listed twice", "责任主体重复", path=path)
    return parties


_FIELDS: Final = frozenset({"code", "year", "seq"})


def number_pattern_problem(value: object) -> str | None:
    """Why ``value`` is not a document-number pattern, or ``None`` if it is.

    A pattern is text with the fields ``{code}`` (the notice kind's code, such as
    复), ``{year}`` and ``{seq}`` — the last two required — and no others.

    Example:
        >>> print(number_pattern_problem("肥教{code}〔{year}〕{seq}号"))
        None
        >>> number_pattern_problem("〔{year}〕号")
        'the pattern needs {year} and {seq}'
    """
    if not isinstance(value, str) or not value.strip():
        return "a pattern is non-blank text"
    try:
        names = [
            name for _, name, spec, conv in string.Formatter().parse(value) if name is not None
        ]
    except ValueError:
        return "the pattern has an unbalanced brace"
    if not {"year", "seq"} <= set(names):
        return "the pattern needs {year} and {seq}"
    unknown = set(names) - _FIELDS
    if unknown:
        return f"unknown fields in the pattern: {sorted(unknown)}; allowed: code, year, seq"
    return None


def is_number_pattern(value: object) -> bool:
    """Whether ``value`` is a document-number pattern (see :func:`number_pattern_problem`)."""
    return number_pattern_problem(value) is None


def parse_number_pattern(raw: object, path: str) -> object:
    """Read a document-number pattern from a policy document."""
    problem = number_pattern_problem(raw)
    if problem is not None:
        raise ValidationError("policy.value", problem, "文号格式不合规范", path=path)
    return raw


def format_document_number(pattern: str, *, code: str, year: int, seq: int) -> str:
    """A document number (文号) from a pattern, such as ``肥教复〔2025〕12号``.

    Example:
        >>> format_document_number("肥教{code}〔{year}〕{seq}号", code="复", year=2025, seq=12)
        '肥教复〔2025〕12号'
    """
    return pattern.format(code=code, year=year, seq=seq)


def number_regex(pattern: str, code: str) -> re.Pattern[str]:
    """A regular expression that matches the numbers a pattern makes for ``code``."""
    out = []
    for literal, name, _spec, _conv in string.Formatter().parse(pattern):
        out.append(re.escape(literal))
        if name == "code":
            out.append(re.escape(code))
        elif name == "year":
            out.append(r"(?P<year>[0-9]{4})")
        elif name == "seq":
            out.append(r"(?P<seq>[1-9][0-9]*)")
    return re.compile("".join(out))


class EscalationValues(TypedDict):
    """The escalation parameters of a profile, as ``Policy`` keyword arguments."""

    escalation_ladder: ParameterHistory[tuple[EscalationStep, ...]]
    correction_deadline: ParameterHistory[Span]
    persuasion_attempts_before_report: ParameterHistory[int]
    return_notice_issuers: ParameterHistory[tuple[Party, ...]]
    document_number_pattern: ParameterHistory[str]


_DEFAULT: Final = "kongchuo default (no national or local text sets this number)"
_GB_9704: Final = "GB/T 9704-2012 党政机关公文格式 7.2.4 (发文字号)"


def escalation_values(*, feicheng: bool, effective_from: dt.date, seed: str) -> EscalationValues:
    """The escalation parameters of the FEICHENG (``feicheng=True``) or NATIONAL profile.

    Args:
        feicheng: Whether to build the Feicheng values.
        effective_from: The day they apply from.
        seed: How the Feicheng account is cited.
    """
    steps = EscalationStep
    ladder = (
        steps.PERSUASION,
        steps.WRITTEN_REPORT,
        steps.CORRECTION_ORDER,
        steps.JUDICIAL,
        steps.LEGAL_LIABILITY,
    )
    if feicheng:
        ladder_text = (
            "FC-2.4: persuasion → the school's written report → 批评教育 with 责令限期改正 "
            "(one decision, education authority with the township government) → judicial "
            "documents through the judicial department → legal liability. No "
            "administrative penalty: 义务教育法 第五十八条 sets none."
        )
        ladder_basis: tuple[str, ...] = ("FC-2.4", "FC-3.1", "FC-3.3", seed)
        issuers: tuple[Party, ...] = (
            Party.EDUCATION_BUREAU,
            Party.TOWN_GOVERNMENT,
            Party.VILLAGE_COMMITTEE,
        )
        issuers_text = (
            "FC-2.3: the education authority with the township government (street office) "
            "and the village or community issue the return notice together."
        )
        issuers_basis: tuple[str, ...] = ("FC-2.3", seed)
        pattern = "肥教{code}〔{year}〕{seq}号"
        pattern_text = (
            "机关代字 肥教 + the notice kind's code + 〔year〕 + sequence number. The "
            "代字 is assumed (not in the account); a county sets its own."
        )
    else:
        ladder_text = (
            "The national measures in order: the school persuades and reports in writing "
            "(未成年人保护法 第二十八条); the township government or the county education "
            "authority criticises and orders correction within a time limit (义务教育法 "
            "第五十八条, one decision); 训诫 and 家庭教育指导 through the police, "
            "procuratorate or court (未成年人保护法 第一百一十八条; 家庭教育促进法 第四十九条); "
            "criminal liability (义务教育法 第六十条). There is no national sequence; this "
            "is the order of the measures' severity."
        )
        ladder_basis = (
            "未成年人保护法 第二十八条",
            "义务教育法 第五十八条",
            "未成年人保护法 第八十三条",
            "未成年人保护法 第一百一十八条",
            "家庭教育促进法 第四十九条",
        )
        issuers = (Party.EDUCATION_BUREAU,)
        issuers_text = (
            "未成年人保护法 第八十三条: the education authority orders the guardians to send "
            "the child back; joint issuers are a local choice."
        )
        issuers_basis = ("未成年人保护法 第八十三条",)
        pattern = "{code}〔{year}〕{seq}号"
        pattern_text = (
            "发文字号 without a 机关代字: the kind's code + 〔year〕 + sequence number. A "
            "county puts its own 机关代字 in front."
        )
    return EscalationValues(
        escalation_ladder=ParameterHistory.single(
            "escalation_ladder",
            ladder,
            unit="steps, in order",
            description=ladder_text,
            basis=ladder_basis,
            effective_from=effective_from,
        ),
        correction_deadline=ParameterHistory.single(
            "correction_deadline",
            Span(count=15, unit=TimeUnit.DAY),
            unit="span from the day of the order (unit day: 民法典 calendar days; workday)",
            description=(
                "The time limit of 责令限期改正: 15 days counted by 民法典 第二百零一条 to "
                "第二百零三条 (the day of the order not counted; a last day on a rest day "
                "moves to the next working day). The law sets no length; this is a "
                "kongchuo default that errs toward giving the family time. A county that "
                "counts working days sets the unit 'workday'."
            ),
            basis=("义务教育法 第五十八条", "民法典 第二百零一条", "民法典 第二百零三条", _DEFAULT),
            effective_from=effective_from,
        ),
        persuasion_attempts_before_report=ParameterHistory.single(
            "persuasion_attempts_before_report",
            3,
            unit="failed attempts (the guardian met and not agreeing)",
            description=(
                "劝返无效 read as: at least this many attempts at which the guardian was met "
                "and did not agree to the return, the last of them failed. A kongchuo "
                "default that errs toward more persuasion before any escalation."
            ),
            basis=("未成年人保护法 第二十八条第二款", "FC-1.3", _DEFAULT),
            effective_from=effective_from,
        ),
        return_notice_issuers=ParameterHistory.single(
            "return_notice_issuers",
            issuers,
            unit="parties",
            description=issuers_text,
            basis=issuers_basis,
            effective_from=effective_from,
        ),
        document_number_pattern=ParameterHistory.single(
            "document_number_pattern",
            pattern,
            unit="pattern with {code}, {year}, {seq}",
            description=pattern_text,
            basis=(_GB_9704, seed) if feicheng else (_GB_9704,),
            effective_from=effective_from,
        ),
    )
