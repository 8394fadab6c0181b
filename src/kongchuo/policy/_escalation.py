"""Escalation ladder, correction deadline and 文号 scheme as policy data (强制入学程序参数).

The steps a county may take against a guardian who keeps a child out of school
without a just reason, in order, are a policy parameter: the law names the
measures (义务教育法 第五十八条; 未成年人保护法 第二十八、八十三、一百一十八条;
家庭教育促进法 第四十九条) but no national sequence, so each profile states its own
ladder. The length and counting rule of the 责令限期改正 deadline, the number of
failed persuasion attempts before the school reports in writing, the joint issuers
of a return notice and the pattern of document numbers (文号) live here too.

Part of the policy layer of the design (docs/design.md): it imports nothing from the others.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Mapping
from typing import Any, Final

import attrs

from kongchuo._core.enums import LabelledEnum, parse_members
from kongchuo._core.errors import ValidationError, quote, type_name
from kongchuo._core.guard import friendly_init
from kongchuo.policy._parameters import ParameterHistory
from kongchuo.policy._sources import KONGCHUO_DEFAULT, KONGCHUO_READING, dated_rows
from kongchuo.policy._values import Party, Span, TimeUnit

__all__ = [
    "AppealRights",
    "CaseKindLadders",
    "EscalationStep",
    "StepAuthorities",
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


class EscalationStep(LabelledEnum):
    """One step of the ladder of compulsory-enrolment measures (强制入学程序步骤).

    The order of the members is the order of the measures' severity; a policy's
    ladder lists a subsequence of them, starting with :attr:`PERSUASION`.

    Example:
        >>> EscalationStep.CORRECTION_ORDER.label_zh
        '批评教育、责令限期改正'
        >>> [p.label_zh for p in EscalationStep.JUDICIAL.owners]
        ['人民法院', '公安', '人民检察院']
    """

    PERSUASION = "persuasion", "劝返"
    WRITTEN_REPORT = "written_report", "学校书面报告"
    CORRECTION_ORDER = "correction_order", "批评教育、责令限期改正"
    ADMINISTRATIVE_PENALTY = "administrative_penalty", "行政处罚"
    JUDICIAL = "judicial", "提请司法部门发出司法文书"
    LEGAL_LIABILITY = "legal_liability", "依法追究法律责任"

    @property
    def owners(self) -> tuple[Party, ...]:
        """Who takes the step by default (any of them may act where there are several).

        A policy's ``step_authorities`` says who acts in that county; this is the
        shipped default it is built from.
        """
        return _STEP_INFO[self][0]

    @property
    def coercive(self) -> bool:
        """Whether the step is a measure against the family (强制性措施).

        The correction order and every step above it are; persuasion and the
        school's written report (a duty of the school, 未成年人保护法 第二十八条第二款)
        are not.
        """
        return self.rank >= _ORDER.index(EscalationStep.CORRECTION_ORDER)

    @property
    def basis(self) -> tuple[str, ...]:
        """The law articles the step rests on."""
        return _STEP_INFO[self][1]

    @property
    def rank(self) -> int:
        """The step's place in the order of severity, from 0."""
        return _ORDER.index(self)


_STEP_INFO: Final[dict[EscalationStep, tuple[tuple[Party, ...], tuple[str, ...]]]] = {
    EscalationStep.PERSUASION: (
        (Party.SCHOOL, Party.EDUCATION_BUREAU, Party.TOWN_GOVERNMENT),
        ("未成年人保护法 第二十八条第二款", "FC-1.3"),
    ),
    EscalationStep.WRITTEN_REPORT: (
        (Party.SCHOOL,),
        ("未成年人保护法 第二十八条第二款", "FC-3.3"),
    ),
    EscalationStep.CORRECTION_ORDER: (
        (Party.TOWN_GOVERNMENT, Party.EDUCATION_BUREAU),
        ("义务教育法 第五十八条", "未成年人保护法 第八十三条第二款", "FC-2.4"),
    ),
    EscalationStep.ADMINISTRATIVE_PENALTY: (
        (Party.TOWN_GOVERNMENT, Party.EDUCATION_BUREAU),
        ("行政处罚法 第十二条 (only where a local regulation provides the penalty)",),
    ),
    EscalationStep.JUDICIAL: (
        (Party.COURT, Party.PUBLIC_SECURITY, Party.PROCURATORATE),
        (
            "FC-2.4",
            "FC-3.1",
            "未成年人保护法 第一百一十八条",
            "家庭教育促进法 第四十九条",
        ),
    ),
    EscalationStep.LEGAL_LIABILITY: (
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
    what = ("escalation steps", "强制入学程序步骤")
    ladder = tuple(parse_members(EscalationStep, raw, path, code="policy.value", what=what))
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
    """Read a non-empty list of distinct party names from a policy document."""
    what = ("parties", "责任主体")
    found = parse_members(
        Party, raw, path, code="policy.value", what=what, non_empty=True, unique=True
    )
    return tuple(found)


def _bad_table(path: str, en: str, zh: str) -> ValidationError:
    return ValidationError("policy.value", en, zh, path=path)


def _step_of(raw: object, path: str) -> EscalationStep:
    try:  # looked up, not called: Enum's own error reprs the value whole
        return EscalationStep._value2member_map_[raw]  # type: ignore[return-value]
    except (KeyError, TypeError):
        names = ", ".join(repr(m.value) for m in EscalationStep)
        raise _bad_table(path, f"expected one of {names}", f"应为 {names} 之一") from None


def _pairs(value: object, path: str) -> tuple[tuple[Any, Any], ...]:
    if isinstance(value, Mapping):
        return tuple(value.items())
    if isinstance(value, tuple):
        return value
    raise _bad_table(
        path, f"expected a table, got {type_name(value)}", f"应为表，实为 {type_name(value)}"
    )


def _authorities(value: object) -> tuple[tuple[EscalationStep, tuple[Party, ...]], ...]:
    out = []
    for step, parties in _pairs(value, "$.entries"):
        path = f"$.entries[{quote(step, bare=True)}]"
        if not isinstance(step, EscalationStep):
            raise _bad_table(path, "a key must be an EscalationStep", "键应为 EscalationStep")
        if not is_parties(parties):
            raise _bad_table(
                path,
                "the authorities of a step are a non-empty tuple of distinct Party",
                "步骤的责任机关应为不重复的 Party 元组",
            )
        out.append((step, parties))
    return tuple(sorted(out, key=lambda e: e[0].rank))


@friendly_init
@attrs.frozen(kw_only=True)
class StepAuthorities:
    """Who acts on each step of the ladder (各步骤的责任机关), as policy data.

    For the judicial step these are the authorities a referral may go to: the
    people's court that issues 司法文书 and holds 巡回法庭 hearings; the public
    security organs that give 训诫 and order 家庭教育指导 (未成年人保护法
    第一百一十八条第二款); the procuratorate that may support a suit (支持起诉).

    Attributes:
        entries: Each step with its authorities, in ladder order; a mapping is
            accepted.

    Example:
        >>> a = StepAuthorities(entries={EscalationStep.JUDICIAL: (Party.COURT,)})
        >>> a.of(EscalationStep.JUDICIAL), a.of(EscalationStep.CORRECTION_ORDER)
        ((<Party.COURT: 'court'>,), ())
    """

    entries: tuple[tuple[EscalationStep, tuple[Party, ...]], ...] = attrs.field(
        converter=_authorities
    )

    def of(self, step: EscalationStep) -> tuple[Party, ...]:
        """The authorities of ``step``; ``()`` where the policy names none."""
        for key, parties in self.entries:
            if key is step:
                return parties
        return ()


def _ladders(value: object) -> tuple[tuple[str, tuple[EscalationStep, ...]], ...]:
    out = []
    for kind, ladder in _pairs(value, "$.entries"):
        path = f"$.entries[{quote(kind, bare=True)}]"
        if not isinstance(kind, str) or not kind.strip():
            raise _bad_table(path, "a key is a case kind's name", "键应为个案类别名称")
        problem = ladder_problem(ladder)
        if problem is not None:
            raise _bad_table(path, problem, "强制入学程序步骤不合规范")
        out.append((kind, ladder))
    return tuple(sorted(out))


@friendly_init
@attrs.frozen(kw_only=True)
class CaseKindLadders:
    """The ladders that replace ``escalation_ladder`` for some kinds of case (分类程序).

    A child who never enrolled (失学) has no school to report in writing: under
    义务教育法 第五十八条 the township government or the county education authority
    acts directly, so the shipped profiles give ``"out_of_school"`` a ladder without
    the school's report. Keys are the values of :class:`kongchuo.cases.CaseKind`.

    Attributes:
        entries: Each case kind's name with its ladder; a mapping is accepted.

    Example:
        >>> steps = (EscalationStep.PERSUASION, EscalationStep.CORRECTION_ORDER)
        >>> CaseKindLadders(entries={"out_of_school": steps}).of("out_of_school") == steps
        True
        >>> print(CaseKindLadders(entries={}).of("dropout"))
        None
    """

    entries: tuple[tuple[str, tuple[EscalationStep, ...]], ...] = attrs.field(converter=_ladders)

    def of(self, kind: str) -> tuple[EscalationStep, ...] | None:
        """The ladder for the case kind named ``kind``, or ``None`` to use the general one."""
        for key, ladder in self.entries:
            if key == kind:
                return ladder
        return None


def _nonblank(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise _bad_table(
            f"$.{attribute.name}", f"{attribute.name} must be non-blank text", "应为非空文本"
        )


def _span(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Span) or value.unit is TimeUnit.SCHOOL_DAY:
        raise _bad_table(
            f"$.{attribute.name}",
            f"{attribute.name} must be a Span in days, weeks or months",
            "应为以日、周或月计的时长",
        )


@friendly_init
@attrs.frozen(kw_only=True)
class AppealRights:
    """What a correction order tells the family of its remedies (复议诉讼权利告知).

    行政复议法 (2023) 第二十条: the application is made within 60 days of knowing
    of the act; when the act did not state the right, the body and the period, the
    period runs from when the family learns them, up to one year. 行政诉讼法
    第四十六条 gives six months for a suit. The bodies depend on who decided and
    where, so they are data.

    Attributes:
        review_body: The administrative review body (行政复议机关), as printed.
        review_period: The period to apply for review.
        court: The court a suit goes to, as printed.
        litigation_period: The period to sue.

    Example:
        >>> r = AppealRights(
        ...     review_body="肥城市人民政府",
        ...     review_period=Span(count=60, unit=TimeUnit.DAY),
        ...     court="肥城市人民法院",
        ...     litigation_period=Span(count=6, unit=TimeUnit.MONTH),
        ... )
        >>> r.text_zh()
        '如不服本决定，可以自收到本决定书之日起60日内向肥城市人民政府申请行政复议，或者6个月内依法向肥城市人民法院提起行政诉讼。'
    """

    review_body: str = attrs.field(validator=_nonblank)
    review_period: Span = attrs.field(validator=_span)
    court: str = attrs.field(validator=_nonblank)
    litigation_period: Span = attrs.field(validator=_span)

    def text_zh(self) -> str:
        """The sentence a correction order prints (告知语)."""
        return (
            f"如不服本决定，可以自收到本决定书之日起{_span_zh(self.review_period)}内向"
            f"{self.review_body}申请行政复议，或者{_span_zh(self.litigation_period)}内依法向"
            f"{self.court}提起行政诉讼。"
        )


def _span_zh(span: Span) -> str:
    unit = "个月" if span.unit is TimeUnit.MONTH else span.unit.label_zh
    return f"{span.count}{unit}"


def _table_of(raw: object, path: str) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise _bad_table(path, f"expected a table, got {type_name(raw)}", "应为表")
    return raw


def _wrap(build: Any, path: str) -> object:  # noqa: ANN401 - any constructor
    try:
        return build()
    except ValidationError as exc:
        raise exc.under(path) from None


def parse_authorities(raw: object, path: str) -> object:
    """Read :class:`StepAuthorities` from a table of step names to lists of parties."""
    table = _table_of(raw, path)
    entries = {
        _step_of(key, f"{path}.{key}"): parse_parties(value, f"{path}.{key}")
        for key, value in table.items()
    }
    return _wrap(lambda: StepAuthorities(entries=entries), path)


def parse_case_kind_ladders(raw: object, path: str) -> object:
    """Read :class:`CaseKindLadders` from a table of case kinds to lists of steps."""
    table = _table_of(raw, path)
    entries = {key: parse_ladder(value, f"{path}.{key}") for key, value in table.items()}
    return _wrap(lambda: CaseKindLadders(entries=entries), path)


def parse_appeal_rights(raw: object, path: str) -> object:
    """Read :class:`AppealRights` from a table with the four fields."""
    table = _table_of(raw, path)
    keys = {"review_body", "review_period", "court", "litigation_period"}
    if set(table) != keys:
        raise _bad_table(path, f"expected exactly the keys {sorted(keys)}", "键不符合要求")

    def span(name: str) -> Span:
        data: Mapping[str, Any] = _table_of(table[name], f"{path}.{name}")
        try:
            unit = TimeUnit(str(data.get("unit")))
        except ValueError:
            raise _bad_table(
                f"{path}.{name}.unit", "expected a time unit", "应为时间单位"
            ) from None
        count: Any = data.get("count")
        return _wrap(lambda: Span(count=count, unit=unit), f"{path}.{name}")  # type: ignore[return-value]

    return _wrap(
        lambda: AppealRights(
            review_body=table["review_body"],
            review_period=span("review_period"),
            court=table["court"],
            litigation_period=span("litigation_period"),
        ),
        path,
    )


_FIELDS: Final = frozenset({"code", "year", "seq"})
MAX_PATTERN: Final = 100
"""The longest document-number pattern a policy may hold."""


def number_pattern_problem(value: object) -> str | None:  # noqa: PLR0911 - one per reason
    """Why ``value`` is not a document-number pattern, or ``None`` if it is.

    A pattern is text with the fields ``{code}`` (the notice kind's code, such as
    复), ``{year}`` and ``{seq}`` — the last two required — and no others, each at
    most once, with no format spec or conversion: GB/T 9704-2012 7.2.5 writes the
    sequence without padding (序号不编虚位), and a spec such as ``{seq:>100000000}``
    would build a number of a hundred million characters. At most
    :data:`MAX_PATTERN` characters.

    Example:
        >>> print(number_pattern_problem("肥教{code}〔{year}〕{seq}号"))
        None
        >>> number_pattern_problem("〔{year}〕号")
        'the pattern needs {year} and {seq}'
    """
    if not isinstance(value, str) or not value.strip():
        return "a pattern is non-blank text"
    if len(value) > MAX_PATTERN:
        return f"a pattern has at most {MAX_PATTERN} characters"
    try:
        fields = [
            (name, spec, conv)
            for _, name, spec, conv in string.Formatter().parse(value)
            if name is not None
        ]
    except ValueError:
        return "the pattern has an unbalanced brace"
    names = [name for name, _, _ in fields]
    if not {"year", "seq"} <= set(names):
        return "the pattern needs {year} and {seq}"
    unknown = set(names) - _FIELDS
    if unknown:
        return f"unknown fields in the pattern: {sorted(unknown)}; allowed: code, year, seq"
    if len(names) != len(set(names)):
        return "each field appears at most once in the pattern"
    if any(spec or conv for _, spec, conv in fields):
        return "the pattern's fields take no format spec or conversion (序号不编虚位)"
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


_GB_9704: Final = "GB/T 9704-2012 党政机关公文格式 7.2.5 (发文字号)"
#: 未成年人保护法 (2020 revision) in force: the school's report (第二十八条), the
#: department's order to return (第八十三条), 训诫 and 家庭教育指导 (第一百一十八条).
MINORS_2021: Final = dt.date(2021, 6, 1)
#: 家庭教育促进法 in force (第四十九条).
FAMILY_EDUCATION_2022: Final = dt.date(2022, 1, 1)
#: 行政复议法 (2023 revision) in force (第二十条).
REVIEW_2024: Final = dt.date(2024, 1, 1)
#: 禁止使用童工规定 (国务院令第364号) in force.
CHILD_LABOUR_2002: Final = dt.date(2002, 12, 1)
#: 校外培训行政处罚暂行办法 (教育部令第53号) in force.
TRAINING_PENALTY_2023: Final = dt.date(2023, 10, 15)

_S: Final = EscalationStep
_ART_58: Final = "义务教育法 第五十八条"
_ART_60: Final = "义务教育法 第六十条"
_MINORS_28: Final = "未成年人保护法 第二十八条第二款"
_MINORS_83: Final = "未成年人保护法 第八十三条第二款"
_MINORS_118: Final = "未成年人保护法 第一百一十八条"
_FAMILY_49: Final = "家庭教育促进法 第四十九条"


def _history(name: str, unit: str, *values: tuple[dt.date, object, str, tuple[str, ...]]) -> Any:  # noqa: ANN401
    """A history from ``(effective_from, value, description, basis)`` rows, dated honestly."""
    return dated_rows(name, unit, *values)


def _national_ladders(start: dt.date) -> tuple[Any, Any, Any]:
    before = (_S.PERSUASION, _S.CORRECTION_ORDER, _S.LEGAL_LIABILITY)
    full = (_S.PERSUASION, _S.WRITTEN_REPORT, _S.CORRECTION_ORDER, _S.JUDICIAL, _S.LEGAL_LIABILITY)
    direct = (_S.PERSUASION, _S.CORRECTION_ORDER, _S.JUDICIAL, _S.LEGAL_LIABILITY)
    old_text = (
        "Before 2021-06-01 the national texts name only the correction order (义务教育法 "
        "第五十八条) and criminal liability (第六十条); persuasion before the order is a "
        "kongchuo reading. No school report and no 训诫 had a national basis yet."
    )
    text = (
        "The national measures in order: the school persuades and reports in writing "
        "(未成年人保护法 第二十八条第二款); the township government or the county education "
        "authority criticises and orders correction within a time limit (义务教育法 "
        "第五十八条, one decision); 训诫 and 家庭教育指导 by the police, procuratorate or "
        "court (未成年人保护法 第一百一十八条); criminal liability (义务教育法 第六十条). "
        "There is no national sequence; this is the order of the measures' severity."
    )
    basis_2021 = (_MINORS_28, _ART_58, _MINORS_83, _MINORS_118, _ART_60, KONGCHUO_READING)
    ladder = _history(
        "escalation_ladder",
        "steps, in order",
        (start, before, old_text, (_ART_58, _ART_60, KONGCHUO_READING)),
        (MINORS_2021, full, text, basis_2021),
        (
            FAMILY_EDUCATION_2022,
            full,
            text + " From 2022 家庭教育促进法 第四十九条 also gives 训诫 and 家庭教育指导.",
            (*basis_2021, _FAMILY_49),
        ),
    )
    kinds_text = (
        "失学 (never enrolled): there is no school to report in writing; the township "
        "government or the county education authority acts directly (义务教育法 第五十八条)."
    )
    kinds = _history(
        "case_kind_ladders",
        "ladder by case kind",
        (start, CaseKindLadders(entries={"out_of_school": before}), kinds_text, (_ART_58,)),
        (
            MINORS_2021,
            CaseKindLadders(entries={"out_of_school": direct}),
            kinds_text,
            (_ART_58, _MINORS_118),
        ),
    )
    base: dict[EscalationStep, tuple[Party, ...]] = {
        _S.PERSUASION: (Party.SCHOOL, Party.EDUCATION_BUREAU, Party.TOWN_GOVERNMENT),
        _S.WRITTEN_REPORT: (Party.SCHOOL,),
        _S.CORRECTION_ORDER: (Party.TOWN_GOVERNMENT, Party.EDUCATION_BUREAU),
        _S.LEGAL_LIABILITY: (Party.PUBLIC_SECURITY, Party.PROCURATORATE, Party.COURT),
    }
    judicial = {**base, _S.JUDICIAL: (Party.PUBLIC_SECURITY, Party.PROCURATORATE, Party.COURT)}
    authorities = _history(
        "step_authorities",
        "authorities by step",
        (
            start,
            StepAuthorities(entries=base),
            (
                "The correction order by the township government or the county education "
                "authority (义务教育法 第五十八条); criminal liability by the police, the "
                "procuratorate and the court (第六十条)."
            ),
            (_ART_58, _ART_60),
        ),
        (
            MINORS_2021,
            StepAuthorities(entries=judicial),
            (
                "The judicial step: the police give 训诫 and may order 家庭教育指导 on a report; "
                "the police, procuratorate and court do so in cases before them (未成年人保护法 "
                "第一百一十八条第二款). Not the 司法行政部门, which has no such power."
            ),
            (_ART_58, _ART_60, _MINORS_118),
        ),
    )
    return ladder, kinds, authorities


def _feicheng_ladders(start: dt.date, seed: str) -> tuple[Any, Any, Any]:
    full = (_S.PERSUASION, _S.WRITTEN_REPORT, _S.CORRECTION_ORDER, _S.JUDICIAL, _S.LEGAL_LIABILITY)
    direct = (_S.PERSUASION, _S.CORRECTION_ORDER, _S.JUDICIAL, _S.LEGAL_LIABILITY)
    ladder = _history(
        "escalation_ladder",
        "steps, in order",
        (
            start,
            full,
            (
                "FC-2.4 and FC-3.3: persuasion → the school's written report to the township "
                "and the bureau → 批评教育 with 责令限期改正 (one decision, the education "
                "authority jointly with the township government) → the 司法部门 asked to issue "
                "司法文书 → legal liability where serious or criminal. No administrative "
                "penalty: 义务教育法 第五十八条 sets none."
            ),
            ("FC-2.4", "FC-3.1", "FC-3.3", seed),
        ),
    )
    kinds = _history(
        "case_kind_ladders",
        "ladder by case kind",
        (
            start,
            CaseKindLadders(entries={"out_of_school": direct}),
            (
                "失学: 市教体局会同乡镇政府共同劝其入学 (seed 一(三)); with no school, the "
                "bureau and the township act directly (义务教育法 第五十八条)."
            ),
            ("FC-1.3", "FC-2.4", _ART_58, seed),
        ),
    )
    steps: dict[EscalationStep, tuple[Party, ...]] = {
        _S.PERSUASION: (Party.SCHOOL, Party.EDUCATION_BUREAU, Party.TOWN_GOVERNMENT),
        _S.WRITTEN_REPORT: (Party.SCHOOL,),
        _S.CORRECTION_ORDER: (Party.EDUCATION_BUREAU, Party.TOWN_GOVERNMENT),
        _S.JUDICIAL: (Party.COURT,),
        _S.LEGAL_LIABILITY: (Party.PUBLIC_SECURITY, Party.PROCURATORATE, Party.COURT),
    }
    text = (
        "The 司法部门 that issues 司法文书 and holds 巡回法庭 hearings (FC-3.1) is read as the "
        "people's court: it is the court that sits in circuit. "
    )
    authorities = _history(
        "step_authorities",
        "authorities by step",
        (start, StepAuthorities(entries=steps), text, ("FC-2.4", "FC-3.1", KONGCHUO_READING)),
        (
            MINORS_2021,
            StepAuthorities(
                entries={
                    **steps,
                    _S.JUDICIAL: (Party.COURT, Party.PUBLIC_SECURITY, Party.PROCURATORATE),
                }
            ),
            text + "From 2021-06-01 the police (训诫, 家庭教育指导) and the procuratorate "
            "(支持起诉) also act (未成年人保护法 第一百一十八条).",
            ("FC-2.4", "FC-3.1", _MINORS_118, KONGCHUO_READING),
        ),
    )
    return ladder, kinds, authorities


#: 行政诉讼法 (2014 amendment) in force: six months to sue (第四十六条); three before.
LITIGATION_2015: Final = dt.date(2015, 5, 1)


def _appeal(*, feicheng: bool, start: dt.date) -> Any:  # noqa: ANN401
    day = Span(count=60, unit=TimeUnit.DAY)
    if feicheng:
        bodies = ("肥城市人民政府", "肥城市人民法院")
        where = (
            " The bodies are read for Feicheng: the city government reviews its bureau's "
            "and its towns' acts; the city court hears the suit (a reading, not the seed's)."
        )
    else:
        bodies = ("作出决定的机关所属的县级人民政府", "有管辖权的人民法院")
        where = " The bodies are described, not named: a county prints its own."

    def rights(months: int) -> AppealRights:
        return AppealRights(
            review_body=bodies[0],
            review_period=day,
            court=bodies[1],
            litigation_period=Span(count=months, unit=TimeUnit.MONTH),
        )

    rows: list[tuple[dt.date, object, str, tuple[str, ...]]] = []
    if start < LITIGATION_2015:
        rows.append(
            (
                start,
                rights(3),
                "行政复议法 (1999) 第九条: 60 days to apply for review; 行政诉讼法 (1989) "
                "第三十九条: three months to sue." + where,
                ("行政复议法(1999) 第九条", "行政诉讼法(1989) 第三十九条", KONGCHUO_READING),
            )
        )
    rows.append(
        (
            max(start, LITIGATION_2015),
            rights(6),
            "行政复议法 (1999) 第九条: 60 days to apply for review; 行政诉讼法 第四十六条: six "
            "months to sue." + where,
            ("行政复议法(1999) 第九条", "行政诉讼法 第四十六条", KONGCHUO_READING),
        )
    )
    rows.append(
        (
            REVIEW_2024,
            rights(6),
            "行政复议法 (2023) 第二十条: 60 days from knowing of the act; a family not told "
            "of the right, the body and the period has up to one year. 行政诉讼法 第四十六条: "
            "six months to sue." + where,
            ("行政复议法 第二十条", "行政诉讼法 第四十六条", KONGCHUO_READING),
        )
    )
    return _history("appeal_rights", "review and litigation rights", *rows)


def _attempts(*, feicheng: bool, start: dt.date) -> Any:  # noqa: ANN401
    text = (
        "劝返无效 read as: at least this many attempts at which the guardian was met and "
        "did not agree to the return, the last of them failed, before a coercive step. A "
        "kongchuo default that errs toward more persuasion. It never holds back the "
        "school's written report, which is a duty."
    )
    first = ("FC-1.3", KONGCHUO_DEFAULT) if feicheng else (_ART_58, KONGCHUO_DEFAULT)
    later = ("FC-1.3", _MINORS_28, KONGCHUO_DEFAULT) if feicheng else (_MINORS_28, KONGCHUO_DEFAULT)
    return _history(
        "persuasion_attempts_before_report",
        "failed attempts (the guardian met and not agreeing)",
        (start, 3, text, first),
        (MINORS_2021, 3, text, later),
    )


def _training(*, feicheng: bool, start: dt.date) -> Any:  # noqa: ANN401
    clause = ("FC-3.3",) if feicheng else ()
    return _history(
        "training_referral_parties",
        "parties",
        (
            start,
            (Party.EDUCATION_BUREAU,),
            (
                "Before 2023 no national text names the recipient; the education authority, "
                "which approves schooling, is a kongchuo reading."
            ),
            (*clause, KONGCHUO_READING),
        ),
        (
            TRAINING_PENALTY_2023,
            (Party.EDUCATION_BUREAU,),
            (
                "A referral of an off-campus training institution goes to the county's "
                "校外培训主管部门, the education authority, which investigates and punishes "
                "under the 校外培训行政处罚暂行办法 (2023)."
            ),
            (*clause, "校外培训行政处罚暂行办法 (2023)"),
        ),
    )


#: 民事诉讼法 (2021 amendment) in force: 公告送达 after 30 days, not 60.
CIVIL_PROCEDURE_2022: Final = dt.date(2022, 1, 1)


def _announcement(start: dt.date, base: tuple[str, ...]) -> Any:  # noqa: ANN401
    text = (
        "公告送达: the order counts as served when this period from the announcement has "
        "passed. No law fixes it for a 责令限期改正 decision; it is read from the civil "
        "procedure law's rule by analogy — {rule}. Errs late: the family's time starts later."
    )
    rows: list[tuple[dt.date, object, str, tuple[str, ...]]] = []
    if start < CIVIL_PROCEDURE_2022:
        rows.append(
            (
                start,
                Span(count=60, unit=TimeUnit.DAY),
                text.format(rule="民事诉讼法 (2017) 第九十二条: 经过六十日，即视为送达"),
                ("民事诉讼法(2017) 第九十二条", KONGCHUO_READING, *base),
            )
        )
    rows.append(
        (
            max(start, CIVIL_PROCEDURE_2022),
            Span(count=30, unit=TimeUnit.DAY),
            text.format(rule="民事诉讼法 第九十五条: 自发出公告之日起，经过三十日，即视为送达"),
            ("民事诉讼法 第九十五条", KONGCHUO_READING, *base),
        )
    )
    return _history("announcement_service_period", "span from the day of the announcement", *rows)


def escalation_values(
    *, feicheng: bool, effective_from: dt.date, seed: str
) -> dict[str, ParameterHistory[Any]]:
    """The escalation parameters of the FEICHENG (``feicheng=True``) or NATIONAL profile.

    Each history starts when its basis was in force; an earlier date carries the
    earlier basis (or none).

    Args:
        feicheng: Whether to build the Feicheng values.
        effective_from: The day they apply from.
        seed: How the Feicheng account is cited.
    """
    if feicheng:
        ladder, kinds, authorities = _feicheng_ladders(effective_from, seed)
        issuers = _history(
            "return_notice_issuers",
            "parties",
            (
                effective_from,
                (Party.EDUCATION_BUREAU, Party.TOWN_GOVERNMENT, Party.VILLAGE_COMMITTEE),
                (
                    "FC-2.3: the education authority with the township government (street "
                    "office) and the village or community issue the return notice together."
                ),
                ("FC-2.3", seed),
            ),
        )
        joint = _history(
            "correction_order_joint_issuers",
            "parties, all of whom sign",
            (
                effective_from,
                (Party.EDUCATION_BUREAU, Party.TOWN_GOVERNMENT),
                (
                    "FC-2.4: 教育行政部门联合乡镇人民政府（街办）给予批评教育，责令限期改正 — one "
                    "decision by both; an order by one of them alone does not follow the seed."
                ),
                ("FC-2.4", seed),
            ),
        )
        pattern = _history(
            "document_number_pattern",
            "pattern with {code}, {year}, {seq}",
            (
                effective_from,
                "肥教{code}〔{year}〕{seq}号",
                (
                    "机关代字 肥教 + the notice kind's code + 〔year〕 + sequence number. The "
                    "代字 is assumed (not in the account); a county sets its own."
                ),
                (_GB_9704, KONGCHUO_READING),
            ),
        )
    else:
        ladder, kinds, authorities = _national_ladders(effective_from)
        issuers = _history(
            "return_notice_issuers",
            "parties",
            (
                effective_from,
                (Party.EDUCATION_BUREAU,),
                (
                    "No national text names who sends a return notice before 2021; the county "
                    "education authority is a kongchuo default (义务教育法 第五十八条 gives it "
                    "the correction order)."
                ),
                (_ART_58, KONGCHUO_READING),
            ),
            (
                MINORS_2021,
                (Party.EDUCATION_BUREAU,),
                (
                    "未成年人保护法 第八十三条第二款: the education authority orders the "
                    "guardians to send the child back; joint issuers are a local choice."
                ),
                (_MINORS_83,),
            ),
        )
        joint = _history(
            "correction_order_joint_issuers",
            "parties, all of whom sign",
            (
                effective_from,
                None,
                (
                    "义务教育法 第五十八条: the township government 或者 the county education "
                    "authority — either alone may decide."
                ),
                (_ART_58,),
            ),
        )
        pattern = _history(
            "document_number_pattern",
            "pattern with {code}, {year}, {seq}",
            (
                effective_from,
                "{code}〔{year}〕{seq}号",
                (
                    "发文字号 without a 机关代字: the kind's code + 〔year〕 + sequence number. "
                    "A county puts its own 机关代字 in front."
                ),
                (_GB_9704,),
            ),
        )
    base = (seed,) if feicheng else ()
    return {  # the Policy keyword arguments; their types are those of Policy's fields
        "escalation_ladder": ladder,
        "case_kind_ladders": kinds,
        "step_authorities": authorities,
        "correction_deadline": _history(
            "correction_deadline",
            "span from the day the order is served (unit day: 民法典 calendar days; workday)",
            (
                effective_from,
                Span(count=15, unit=TimeUnit.DAY),
                (
                    "The time limit of 责令限期改正: 15 days counted from the day after the "
                    "order is served (民法典 第二百零一条; an order binds once served), a last "
                    "day on a rest day moving to the next working day (第二百零三条). The law "
                    "sets no length; this is a kongchuo default that errs toward giving the "
                    "family time. A county that counts working days sets the unit 'workday'."
                ),
                (_ART_58, "民法典 第二百零一条", "民法典 第二百零三条", KONGCHUO_DEFAULT),
            ),
        ),
        "correction_order_joint_issuers": joint,
        "announcement_service_period": _announcement(effective_from, ()),
        "penalty_regulation": _history(
            "penalty_regulation",
            "the local regulation that provides a penalty",
            (
                effective_from,
                None,
                (
                    "No local regulation provides an administrative penalty on guardians; "
                    "义务教育法 第五十八条 sets none, and a penalty needs a law, regulation or "
                    "local regulation that provides it (行政处罚法 第十二条). A county whose "
                    "地方性法规 provides one names it here."
                ),
                (_ART_58, "行政处罚法 第十二条", *base),
            ),
        ),
        "appeal_rights": _appeal(feicheng=feicheng, start=effective_from),
        "persuasion_attempts_before_report": _attempts(feicheng=feicheng, start=effective_from),
        "return_notice_issuers": issuers,
        "document_number_pattern": pattern,
        "training_referral_parties": _training(feicheng=feicheng, start=effective_from),
        # A national regulation, in force under every profile from its own date (as
        # the special-group rules are): an employment that began before a county's
        # profile starts is judged by the regulation then in force.
        "child_labour_age": _history(
            "child_labour_age",
            "full years (周岁)",
            (
                CHILD_LABOUR_2002,
                16,
                (
                    "禁止使用童工规定 第二条: employing a minor under 16 周岁 (不满16周岁) is "
                    "child labour, judged on the day the employment began."
                ),
                ("禁止使用童工规定 第二条",),
            ),
        ),
    }
