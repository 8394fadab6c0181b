"""The :class:`Policy`: every number and interpretive choice the rules use (政策参数集).

Each field is a :class:`~kongchuo.policy.ParameterHistory`, so a rule asks for the
value in force on the date it reasons about. A policy is frozen; a county makes its
own with :func:`attrs.evolve` or by loading a file (see ``_loading``). Construction
checks every field and reports all problems at once.

Later issues add the escalation ladder and the closure criteria as further fields;
a field is a name in :data:`SPECS` plus an attribute below, nothing more.

Part of the policy layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, Final

import attrs

from kongchuo._core.args import require_date, require_instance, require_int, require_items
from kongchuo._core.enums import from_value, parse_members
from kongchuo._core.errors import Problem, ValidationError, problem, quote, type_name
from kongchuo._core.guard import friendly_init
from kongchuo.policy._escalation import (
    AppealRights,
    CaseKindLadders,
    EscalationStep,
    StepAuthorities,
    is_ladder,
    is_number_pattern,
    is_parties,
    parse_appeal_rights,
    parse_authorities,
    parse_case_kind_ladders,
    parse_ladder,
    parse_number_pattern,
    parse_parties,
)
from kongchuo.policy._parameters import ParameterHistory
from kongchuo.policy._responsibility import ResponsibilityScheme, parse_scheme
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

__all__ = ["SPECS", "Policy", "Spec", "own_basis", "require_policy"]


@attrs.frozen(kw_only=True)
class Spec:
    """How one policy field's values are checked and read from a document.

    Attributes:
        kind: The kind of value, in words, for messages (``"a month-day 'MM-DD'"``).
        accepts: Whether a Python value is of the right kind.
        parse: Read a value from a JSON or TOML document; raises ValidationError
            with a path under the given one.
        optional: Whether ``None`` (no value set on purpose) is allowed.
    """

    kind: str
    accepts: Callable[[object], bool]
    parse: Callable[[object, str], object]
    optional: bool = False


def _bad(path: str, kind: str, raw: object) -> ValidationError:
    return ValidationError(
        "policy.value",
        f"expected {kind}, got {type_name(raw)}",
        f"应为 {kind}，实为 {type_name(raw)}",
        path=path,
    )


def _wrap(build: Callable[[], object], path: str) -> object:
    """Call a value constructor and re-root its error paths under ``path``."""
    try:
        return build()
    except ValidationError as exc:
        raise exc.under(path) from None


def _table(raw: object, path: str, keys: tuple[str, ...], kind: str) -> dict[str, Any]:
    if not isinstance(raw, dict) or set(raw) != set(keys):
        raise _bad(path, kind, raw)
    return raw


def _parse_int(raw: object, path: str) -> object:
    return require_int(raw, path)


def _parse_text(raw: object, path: str) -> object:
    if not isinstance(raw, str) or not raw.strip():
        raise _bad(path, "non-blank text", raw)
    return raw


def _parse_bool(raw: object, path: str) -> object:
    if type(raw) is not bool:
        raise _bad(path, "true or false", raw)
    return raw


def _parse_month_day(raw: object, path: str) -> object:
    kind = "a month-day 'MM-DD'"
    if not isinstance(raw, str) or len(raw) != 5 or raw[2] != "-":
        raise _bad(path, kind, raw)
    month, day = raw[:2], raw[3:]
    if not (month.isdigit() and day.isdigit() and month.isascii() and day.isascii()):
        raise _bad(path, kind, raw)
    return _wrap(lambda: MonthDay(month=int(month), day=int(day)), path)


def _parse_age_band(raw: object, path: str) -> object:
    data = _table(raw, path, ("min_age", "max_age"), "a table {min_age, max_age}")
    return _wrap(lambda: AgeBand(min_age=data["min_age"], max_age=data["max_age"]), path)


def _parse_enum(
    kind: type[TimeUnit | Comparison | ConsolidationFormula], raw: object, path: str
) -> Any:  # noqa: ANN401
    return from_value(kind, raw, path)


def _parse_span(raw: object, path: str) -> object:
    data = _table(raw, path, ("count", "unit"), "a table {count, unit}")
    problems: list[Problem] = []
    unit = _gather(problems, lambda: _parse_enum(TimeUnit, data["unit"], f"{path}.unit"))
    # The count is checked even when the unit is wrong: every problem at once.
    span = _gather(problems, lambda: _wrap(lambda: Span(count=data["count"], unit=unit), path))
    if problems:
        raise ValidationError.of(problems)
    return span


def _parse_threshold(raw: object, path: str) -> object:
    data = _table(raw, path, ("count", "unit", "comparison"), "a table {count, unit, comparison}")
    problems: list[Problem] = []
    unit = _gather(problems, lambda: _parse_enum(TimeUnit, data["unit"], f"{path}.unit"))
    comparison = _gather(
        problems, lambda: _parse_enum(Comparison, data["comparison"], f"{path}.comparison")
    )
    found = _gather(
        problems,
        lambda: _wrap(
            lambda: Threshold(count=data["count"], unit=unit, comparison=comparison), path
        ),
    )
    if problems:
        raise ValidationError.of(problems)
    return found


def _gather(problems: list[Problem], build: Callable[[], Any]) -> Any:  # noqa: ANN401
    """``build()``, or ``None`` with its problems added to ``problems`` (one pass)."""
    try:
        return build()
    except ValidationError as exc:
        problems.extend(exc.errors)
        return None


def _parse_members(kind: type[Party | Ledger], raw: object, path: str) -> list[Any]:
    what = (f"{kind.__name__} names", "台账" if kind is Ledger else "责任主体")
    return parse_members(kind, raw, path, code="policy.value", what=what, non_empty=True)


def _is_int(value: object) -> bool:
    return type(value) is int


def _is_bool(value: object) -> bool:
    return type(value) is bool


def _is_parties(value: object) -> bool:
    return isinstance(value, tuple) and bool(value) and all(isinstance(v, Party) for v in value)


def _is_ledgers(value: object) -> bool:
    return isinstance(value, frozenset) and all(isinstance(v, Ledger) for v in value)


def _is(kind: type) -> Callable[[object], bool]:
    return lambda value: isinstance(value, kind)


SPECS: Final[dict[str, Spec]] = {
    "age_band": Spec(kind="an age band", accepts=_is(AgeBand), parse=_parse_age_band),
    "entry_cutoff": Spec(kind="a month-day", accepts=_is(MonthDay), parse=_parse_month_day),
    "census_month": Spec(kind="a month 1–12", accepts=_is_int, parse=_parse_int, optional=True),
    "data_sharing_deadline": Spec(
        kind="a month-day", accepts=_is(MonthDay), parse=_parse_month_day, optional=True
    ),
    "special_group_census_window": Spec(
        kind="a span", accepts=_is(Span), parse=_parse_span, optional=True
    ),
    "monthly_report_day": Spec(
        kind="a day of the month 1–31", accepts=_is_int, parse=_parse_int, optional=True
    ),
    "monthly_report_owners": Spec(
        kind="a tuple of Party",
        accepts=_is_parties,
        parse=lambda raw, path: tuple(_parse_members(Party, raw, path)),
    ),
    "roll_fixed_day_deadlines": Spec(kind="a bool", accepts=_is_bool, parse=_parse_bool),
    "return_notice_delay": Spec(kind="a span", accepts=_is(Span), parse=_parse_span, optional=True),
    "suspected_dropout_threshold": Spec(
        kind="a threshold", accepts=_is(Threshold), parse=_parse_threshold
    ),
    "dropout_threshold": Spec(kind="a threshold", accepts=_is(Threshold), parse=_parse_threshold),
    "county_review_months": Spec(
        kind="a number of months", accepts=_is_int, parse=_parse_int, optional=True
    ),
    "ledgers": Spec(
        kind="a frozenset of Ledger",
        accepts=_is_ledgers,
        parse=lambda raw, path: frozenset(_parse_members(Ledger, raw, path)),
    ),
    "responsibility_scheme": Spec(
        kind="a ResponsibilityScheme",
        accepts=_is(ResponsibilityScheme),
        parse=parse_scheme,
        optional=True,
    ),
    "cause_narrative_min_chars": Spec(
        kind="a number of characters", accepts=_is_int, parse=_parse_int
    ),
    "principal_visit_required": Spec(kind="a bool", accepts=_is_bool, parse=_parse_bool),
    "persuasion_interval": Spec(kind="a span", accepts=_is(Span), parse=_parse_span, optional=True),
    "late_entry_limit": Spec(kind="a span", accepts=_is(Span), parse=_parse_span, optional=True),
    "platform_marking_delay": Spec(
        kind="a span", accepts=_is(Span), parse=_parse_span, optional=True
    ),
    "closure_attendance": Spec(kind="a span", accepts=_is(Span), parse=_parse_span, optional=True),
    "verification_delay": Spec(kind="a span", accepts=_is(Span), parse=_parse_span, optional=True),
    "disabled_entry_extension": Spec(kind="a number of years", accepts=_is_int, parse=_parse_int),
    "de_facto_restriction_months": Spec(
        kind="a number of months", accepts=_is_int, parse=_parse_int
    ),
    "de_facto_uncontactable_months": Spec(
        kind="a number of months", accepts=_is_int, parse=_parse_int
    ),
    "closure_age": Spec(kind="an age in years", accepts=_is_int, parse=_parse_int, optional=True),
    "backdating_limit": Spec(kind="a span", accepts=_is(Span), parse=_parse_span, optional=True),
    "left_behind_age_limit": Spec(kind="an age in years", accepts=_is_int, parse=_parse_int),
    "escalation_ladder": Spec(
        kind="a ladder of EscalationStep (persuasion first, in order)",
        accepts=is_ladder,
        parse=parse_ladder,
    ),
    "case_kind_ladders": Spec(
        kind="a table of ladders by case kind",
        accepts=_is(CaseKindLadders),
        parse=parse_case_kind_ladders,
    ),
    "step_authorities": Spec(
        kind="a table of authorities by step",
        accepts=_is(StepAuthorities),
        parse=parse_authorities,
    ),
    "correction_deadline": Spec(kind="a span", accepts=_is(Span), parse=_parse_span),
    "correction_order_joint_issuers": Spec(
        kind="a tuple of distinct Party", accepts=is_parties, parse=parse_parties, optional=True
    ),
    "announcement_service_period": Spec(kind="a span", accepts=_is(Span), parse=_parse_span),
    "penalty_regulation": Spec(
        kind="the name of a local regulation",
        accepts=lambda v: isinstance(v, str) and bool(v.strip()),
        parse=_parse_text,
        optional=True,
    ),
    "appeal_rights": Spec(
        kind="review and litigation rights", accepts=_is(AppealRights), parse=parse_appeal_rights
    ),
    "persuasion_attempts_before_report": Spec(
        kind="a number of attempts", accepts=_is_int, parse=_parse_int
    ),
    "return_notice_issuers": Spec(
        kind="a tuple of distinct Party", accepts=is_parties, parse=parse_parties
    ),
    "document_number_pattern": Spec(
        kind="a pattern with {year} and {seq}",
        accepts=is_number_pattern,
        parse=parse_number_pattern,
    ),
    "training_referral_parties": Spec(
        kind="a tuple of distinct Party", accepts=is_parties, parse=parse_parties
    ),
    "child_labour_age": Spec(kind="a number of full years", accepts=_is_int, parse=_parse_int),
    "consolidation_formula": Spec(
        kind="a ConsolidationFormula",
        accepts=_is(ConsolidationFormula),
        parse=lambda raw, path: _parse_enum(ConsolidationFormula, raw, path),
    ),
}

_RANGES: Final[dict[str, tuple[int, int]]] = {
    "census_month": (1, 12),
    "monthly_report_day": (1, 31),
    "county_review_months": (1, 12),
    "cause_narrative_min_chars": (0, 2000),
    "disabled_entry_extension": (0, 12),
    "de_facto_restriction_months": (1, 60),
    "de_facto_uncontactable_months": (1, 60),
    "left_behind_age_limit": (1, 18),
    "persuasion_attempts_before_report": (1, 20),
    "child_labour_age": (10, 18),
    "closure_age": (6, 30),
}


def value_problems(name: str, value: object, path: str) -> list[Problem]:
    """The problems of one value of the field ``name`` (empty if it is fine)."""
    spec = SPECS[name]
    if value is None:
        if spec.optional:
            return []
        return [
            problem(
                "policy.value",
                f"{name} needs a value ({spec.kind}); None is not allowed",
                f"{name} 必须有值（{spec.kind}），不能为 None",
                path,
            )
        ]
    if not spec.accepts(value):
        return [
            problem(
                "policy.value",
                f"{name} must be {spec.kind}, got {type_name(value)}",
                f"{name} 应为 {spec.kind}，实为 {type_name(value)}",
                path,
            )
        ]
    bounds = _RANGES.get(name)
    if bounds is not None and not bounds[0] <= value <= bounds[1]:  # type: ignore[operator]
        return [
            problem(
                "policy.range",
                f"{name} must be {bounds[0]}–{bounds[1]}, got {quote(value)}",
                f"{name} 应在 {bounds[0]}–{bounds[1]} 之间，实为 {quote(value)}",
                path,
            )
        ]
    return []


def _check_policy(policy: Policy) -> None:
    problems: list[Problem] = []
    for field in attrs.fields(type(policy)):
        value = getattr(policy, field.name)
        path = f"$.{field.name}"
        if field.name not in SPECS:
            if not isinstance(value, str):
                problems.append(
                    problem("type", f"{field.name} must be text", f"{field.name} 应为文本", path)
                )
            continue
        if not isinstance(value, ParameterHistory):
            problems.append(
                problem(
                    "type",
                    f"{field.name} must be a ParameterHistory, got {type_name(value)}",
                    f"{field.name} 应为 ParameterHistory，实为 {type_name(value)}",
                    path,
                )
            )
            continue
        if value.name != field.name:
            problems.append(
                problem(
                    "policy.name",
                    f"the history of {field.name} is named {quote(value.name)}",
                    f"{field.name} 的参数沿革名称为 {quote(value.name)}，应一致",
                    f"{path}.name",
                )
            )
        for index, item in enumerate(value.values):
            problems.extend(value_problems(field.name, item.value, f"{path}.values[{index}].value"))
    if problems:
        raise ValidationError.of(problems)


_READING_MONTH: Final = 7


@friendly_init
@attrs.frozen(kw_only=True, cache_hash=True)
class Policy:
    """Every number and interpretive choice the rules use, each dated and cited (政策参数集).

    Two profiles ship: :data:`kongchuo.policy.FEICHENG` and
    :data:`kongchuo.policy.NATIONAL`. Make your own with :func:`attrs.evolve` or
    :func:`kongchuo.policy.load_policy`. Each field is a
    :class:`~kongchuo.policy.ParameterHistory`; read a value with
    ``policy.field.value_at(day)``, or with ``.at(day)`` for its unit, description
    and basis. ``None`` as a value means the policy sets nothing on purpose (the
    national monthly report has no fixed day), never "unknown".

    Attributes:
        name: A short identifier, such as ``"feicheng"``.
        name_zh: The Chinese name, such as ``"肥城市"``.
        age_band: The ages in full years (周岁) of the census and of school age.
        entry_cutoff: Children born on or before this month-day (inclusive) start
            grade 1 that autumn.
        census_month: The month of the yearly census of school-age children.
        data_sharing_deadline: The day by which departments send their records.
        special_group_census_window: How long after a term starts schools have for
            the special-group census.
        monthly_report_day: The day of the following month by which the monthly
            report is due (inclusive); ``None``: no fixed day.
        monthly_report_owners: Who sends the monthly report.
        roll_fixed_day_deadlines: Whether a fixed-day deadline that falls on a rest
            day moves to the next working day.
        return_notice_delay: How soon after a dropout is confirmed the return notice
            (复学通知书) must go out.
        suspected_dropout_threshold: Absence that makes a student a suspected
            dropout (疑似辍学).
        dropout_threshold: Absence that makes a student a dropout (辍学).
        county_review_months: How often, in months, the county reviews its ledgers.
        ledgers: Which ledgers the county keeps.
        responsibility_scheme: A local scheme of named responsible office-holders,
            such as the 七长责任制; ``None`` where the policy has none.
        cause_narrative_min_chars: The shortest cause narrative a ledger accepts
            (原因分析细).
        principal_visit_required: Whether a dropout's ledger needs a home visit by
            the principal, the first responsible person.
        persuasion_interval: The longest gap between persuasion attempts while a
            case is open.
        late_entry_limit: How long after an event it may be entered before the
            ledger flags it (过程记录真实).
        platform_marking_delay: How soon after an attempt its progress must be
            marked on the platform (及时标注).
        closure_attendance: How long a returned child must attend before the case
            may close (销号).
        verification_delay: How soon after identification a suspected dropout or
            dropout must be verified (立即核实, FC-2.5); ``None``: not checked.
        disabled_entry_extension: How many years past the usual entry age a disabled
            child may still enter (残疾人教育条例 第十四条: 适当提高).
        de_facto_restriction_months: The shortest term of imprisonment, compulsory
            rehabilitation or other restriction of liberty that counts for
            事实无人抚养儿童 (民发〔2019〕62号).
        de_facto_uncontactable_months: How long a parent must have been out of
            contact (失联) to count for 事实无人抚养儿童.
        closure_age: The age (周岁) past which an unresolved case may close on age
            alone, never for an unresolved refusal; ``None``: never (the law sets no
            age limit on 尚未完成义务教育的辍学未成年学生).
        backdating_limit: How long after an event happened it may still be appended
            to a case log; older events are refused (过程记录真实).
        left_behind_age_limit: 农村留守儿童 are under this age in full years.
        escalation_ladder: The steps of compulsory enrolment, in order (强制入学程序).
        case_kind_ladders: The ladders that replace ``escalation_ladder`` for some kinds
            of case (失学: no school report).
        step_authorities: Who acts on each step; for the judicial step, the
            authorities a referral may go to.
        correction_deadline: The time limit of a correction order (责令限期改正),
            counted from the day it is served, and by its unit how it is counted:
            calendar days by 民法典 or working days.
        correction_order_joint_issuers: The parties who must all sign a correction
            order (联合); ``None`` where either may decide alone.
        announcement_service_period: How long after a public announcement
            (公告送达) an order counts as served.
        penalty_regulation: The local regulation that provides an administrative
            penalty on guardians; ``None`` where there is none.
        appeal_rights: The review and litigation rights a correction order states.
        persuasion_attempts_before_report: How many failed persuasion attempts come
            before the school's written report (劝返无效).
        return_notice_issuers: Who issues a return notice (复学通知书), jointly.
        document_number_pattern: The pattern of document numbers (文号).
        training_referral_parties: Who a training-institution referral goes to.
        child_labour_age: Below this age in full years employment is child labour.
        consolidation_formula: How 九年义务教育巩固率 nets its denominator.

    Example:
        >>> import attrs
        >>> from datetime import date
        >>> from kongchuo.policy import FEICHENG, Policy
        >>> FEICHENG.monthly_report_day.value_at(date(2025, 9, 1))
        5
        >>> mine = attrs.evolve(
        ...     FEICHENG,
        ...     name="mine",
        ...     monthly_report_day=FEICHENG.monthly_report_day.with_value(
        ...         10,
        ...         effective_from=date(2026, 1, 1),
        ...         description="每月10日前",
        ...         basis=("本县通知",),
        ...     ),
        ... )
        >>> mine.monthly_report_day.value_at(date(2026, 3, 1))
        10
        >>> Policy.reading_date(2025)
        datetime.date(2025, 7, 1)
    """

    name: str
    name_zh: str
    age_band: ParameterHistory[AgeBand]
    entry_cutoff: ParameterHistory[MonthDay]
    census_month: ParameterHistory[int | None]
    data_sharing_deadline: ParameterHistory[MonthDay | None]
    special_group_census_window: ParameterHistory[Span | None]
    monthly_report_day: ParameterHistory[int | None]
    monthly_report_owners: ParameterHistory[tuple[Party, ...]]
    roll_fixed_day_deadlines: ParameterHistory[bool]
    return_notice_delay: ParameterHistory[Span | None]
    suspected_dropout_threshold: ParameterHistory[Threshold]
    dropout_threshold: ParameterHistory[Threshold]
    county_review_months: ParameterHistory[int | None]
    ledgers: ParameterHistory[frozenset[Ledger]]
    responsibility_scheme: ParameterHistory[ResponsibilityScheme | None]
    cause_narrative_min_chars: ParameterHistory[int]
    principal_visit_required: ParameterHistory[bool]
    persuasion_interval: ParameterHistory[Span | None]
    late_entry_limit: ParameterHistory[Span | None]
    platform_marking_delay: ParameterHistory[Span | None]
    closure_attendance: ParameterHistory[Span | None]
    verification_delay: ParameterHistory[Span | None]
    disabled_entry_extension: ParameterHistory[int]
    de_facto_restriction_months: ParameterHistory[int]
    de_facto_uncontactable_months: ParameterHistory[int]
    closure_age: ParameterHistory[int | None]
    backdating_limit: ParameterHistory[Span | None]
    left_behind_age_limit: ParameterHistory[int]
    escalation_ladder: ParameterHistory[tuple[EscalationStep, ...]]
    case_kind_ladders: ParameterHistory[CaseKindLadders]
    step_authorities: ParameterHistory[StepAuthorities]
    correction_deadline: ParameterHistory[Span]
    correction_order_joint_issuers: ParameterHistory[tuple[Party, ...] | None]
    announcement_service_period: ParameterHistory[Span]
    penalty_regulation: ParameterHistory[str | None]
    appeal_rights: ParameterHistory[AppealRights]
    persuasion_attempts_before_report: ParameterHistory[int]
    return_notice_issuers: ParameterHistory[tuple[Party, ...]]
    document_number_pattern: ParameterHistory[str]
    training_referral_parties: ParameterHistory[tuple[Party, ...]]
    child_labour_age: ParameterHistory[int]
    consolidation_formula: ParameterHistory[ConsolidationFormula]

    def __attrs_post_init__(self) -> None:
        """Check every field, reporting all problems at once."""
        _check_policy(self)

    @staticmethod
    def reading_date(school_year: int) -> dt.date:
        """The day on which the parameters of a school year are read: 1 July.

        A school year's cycle opens with the July census (FC-1.1) and runs to the
        next summer, so the values in force on 1 July of the year it starts govern
        it: the cut-off, the age band, the thresholds. A change that applies to an
        autumn's enrolment must therefore take effect by 1 July.

        Raises:
            ValidationError: If ``school_year`` is not an int in 1900–9998.
        """
        year = require_int(school_year, "school_year", min_value=1900, max_value=9998)
        return dt.date(year, _READING_MONTH, 1)


def require_policy(value: object, path: str = "policy") -> Policy:
    """Return ``value`` if it is a :class:`Policy`; else raise ValidationError."""
    return require_instance(value, Policy, path)


def own_basis(policy: Policy, on: dt.date, basis: Iterable[str]) -> tuple[str, ...]:
    """``basis`` as the profile deciding on ``on`` may cite it (依据以作出决定的配置为准).

    A decision's basis comes from the profile that made it. The seed's clauses
    (``FC-x.y``) are kept only when the profile rests on the seed on ``on`` — its
    escalation ladder cites them, as FEICHENG's and a county's built on it do; under
    NATIONAL they are dropped.

    Example:
        >>> import datetime as dt
        >>> from kongchuo.policy import FEICHENG, NATIONAL
        >>> own_basis(NATIONAL, dt.date(2025, 1, 1), ("FC-2.4", "义务教育法 第五十八条"))
        ('义务教育法 第五十八条',)
        >>> own_basis(FEICHENG, dt.date(2025, 1, 1), ("FC-2.4",))
        ('FC-2.4',)
    """
    policy = require_policy(policy)
    on = require_date(on, "on")
    cited = require_items(basis, str, "basis")
    if cites_seed(policy, on):
        return cited
    return tuple(b for b in cited if not b.startswith("FC-"))


def cites_seed(policy: Policy, on: dt.date) -> bool:
    """Whether the profile deciding on ``on`` rests on the seed (its ladder cites FC-x.y).

    :func:`own_basis` keeps every basis as it is exactly then, so a rule can return
    its decision without rewriting each finding.

    Example:
        >>> import datetime as dt
        >>> from kongchuo.policy import FEICHENG, NATIONAL
        >>> cites_seed(FEICHENG, dt.date(2025, 1, 1)), cites_seed(NATIONAL, dt.date(2025, 1, 1))
        (True, False)
    """
    return any(b.startswith("FC-") for b in policy.escalation_ladder.at(on).basis)
