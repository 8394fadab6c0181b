"""The shipped policy profiles: :data:`NATIONAL` and :data:`FEICHENG` (政策配置).

``NATIONAL`` holds the national rules (义务教育法; the 2024 notice on regular
reporting, 教育部办公厅 2024 常态化报告工作机制). ``FEICHENG`` holds the rules of the Feicheng
bureau's account (the seed, clauses ``FC-x.y``) on top of the national ones.

Where a text is ambiguous the reading is stated in the parameter's description;
where no source gives a number, the description says the number is a default and
which way it errs.

Part of the policy layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final, TypedDict, TypeVar

import attrs

from kongchuo.policy._escalation import escalation_values
from kongchuo.policy._parameters import Parameter, ParameterHistory
from kongchuo.policy._policy import Policy
from kongchuo.policy._responsibility import ResponsibilityScheme
from kongchuo.policy._sources import (
    KONGCHUO_DEFAULT,
    KONGCHUO_READING,
    dated_history,
    dated_rows,
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

__all__ = ["FEICHENG", "NATIONAL"]

T = TypeVar("T")

#: 义务教育法 (2006 revision) in force.
LAW_2006: Final = dt.date(2006, 9, 1)
#: 义务教育法 (1986) in force; its 第五条 already set entry at 年满六周岁.
LAW_1986: Final = dt.date(1986, 7, 1)
#: 民法典 in force (its 第二百零三条 on rest days; 民法通则 第一百五十四条 before it).
CIVIL_CODE: Final = dt.date(2021, 1, 1)
#: 教育部办公厅 notice on the regular reporting mechanism (常态化报告工作机制), April 2024.
NOTICE_2024: Final = dt.date(2024, 4, 30)
#: The Feicheng account is undated; it cites the 2019 漠视群众利益 campaign, so its
#: rules are taken to apply from 1 January 2019. Earlier dates raise
#: ParameterNotInForceError rather than borrow these values.
FEICHENG_FROM: Final = dt.date(2019, 1, 1)

_SEED: Final = "肥城市教体局《关于控辍保学有关工作经验做法》"
_NOTICE: Final = "教育部办公厅 常态化报告工作机制通知（2024年4月）"
_RULE_1259: Final = "民法典 第一千二百五十九条"


def _p(
    value: T, *, unit: str, description: str, basis: Iterable[str], effective_from: dt.date
) -> Parameter[T]:
    return Parameter(
        value=value,
        unit=unit,
        description=description,
        basis=tuple(basis),
        effective_from=effective_from,
    )


_AGE_TEXT: Final = (
    "Children aged 6–15 周岁 are of compulsory-school age. The law sets the entry age "
    "(年满六周岁) and nine years of schooling but no upper age; 15 is a kongchuo reading "
    "(six years' entry plus nine years of schooling), the screening bound, and disabled "
    "children may be older (残疾人教育条例 第十四条). Errs toward screening: a child "
    "who entered late and is 16 is still followed by the case rules."
)
_AGE_BASIS: Final = ("义务教育法 第十一条", "义务教育法 第二条", KONGCHUO_READING)


def _age_band(*, feicheng: bool) -> ParameterHistory[AgeBand]:
    band = AgeBand(min_age=6, max_age=15)
    rows: list[tuple[dt.date, object, str, tuple[str, ...]]] = [
        (LAW_1986, band, _AGE_TEXT, _AGE_BASIS)
    ]
    if feicheng:
        rows.append((FEICHENG_FROM, band, _AGE_TEXT, ("FC-1.1", "FC-2.2", *_AGE_BASIS)))
    return dated_rows("age_band", "full years (周岁)", *rows)  # type: ignore[return-value]


_ENTRY_CUTOFF: Final = dated_history(
    "entry_cutoff",
    MonthDay(month=8, day=31),
    unit="month-day, inclusive",
    description=(
        "Born on or before 08-31 (inclusive): starts grade 1 that autumn, having reached "
        "6 周岁 by 1 September, the start of the school year. This is local practice, "
        "not national law: 义务教育法 第十一条 (and 1986 第五条) says only 年满六周岁, and "
        "the provinces' and counties' enrolment rules (招生入学工作通知) fix 8月31日; the "
        "seed is silent. A kongchuo reading; a county with another cut-off sets its own. "
        "Errs toward the usual practice, neither earlier nor later entry."
    ),
    basis=("义务教育法 第十一条", "local enrolment practice (招生入学工作通知)", KONGCHUO_READING),
    effective_from=LAW_1986,
)

_ROLL_NATIONAL: Final = dated_history(
    "roll_fixed_day_deadlines",
    value=True,
    unit="yes/no",
    description=(
        "A deadline whose last day is a rest day moves to the next working day, by "
        "analogy with 民法典 第二百零三条; no national law fixes how administrative "
        "deadlines are counted. A reading that errs toward giving time."
    ),
    basis=("民法典 第二百零三条", KONGCHUO_READING),
    effective_from=CIVIL_CODE,
)

_SUSPECTED_DEFAULT: Final = Threshold(
    count=5, unit=TimeUnit.SCHOOL_DAY, comparison=Comparison.MORE_THAN
)
_DROPOUT_DEFAULT: Final = Threshold(
    count=20, unit=TimeUnit.SCHOOL_DAY, comparison=Comparison.MORE_THAN
)
_THRESHOLD_NOTE: Final = (
    " No national or Feicheng text gives a number; this is a kongchuo screening default "
    "after common local rules (absent without reason more than a week: suspected; more "
    "than a month: dropout), counted in school days, 超过 read by 民法典 第一千二百五十九条 "
    "(the number itself not included). Set your county's number."
)
_SUSPECTED_ERRS: Final = (
    " It errs early: a short absence flags a suspected dropout for follow-up, which "
    "costs a visit, not a measure against the family."
)
_DROPOUT_ERRS: Final = (
    " It errs late: a month's absence is needed before a dropout is confirmed and the "
    "coercive ladder can begin, which errs toward the family."
)


_KONGCHUO_DEFAULT: Final = KONGCHUO_DEFAULT


class _CaseRules(TypedDict):
    responsibility_scheme: ParameterHistory[ResponsibilityScheme | None]
    cause_narrative_min_chars: ParameterHistory[int]
    principal_visit_required: ParameterHistory[bool]
    persuasion_interval: ParameterHistory[Span | None]
    late_entry_limit: ParameterHistory[Span | None]
    platform_marking_delay: ParameterHistory[Span | None]
    closure_attendance: ParameterHistory[Span | None]
    verification_delay: ParameterHistory[Span | None]
    closure_age: ParameterHistory[int | None]
    backdating_limit: ParameterHistory[Span | None]


def _verification_delay(
    *, feicheng: bool, effective_from: dt.date
) -> ParameterHistory[Span | None]:
    """立即核实 (FC-2.5) or the 2024 notice's prompt verification, as a kongchuo reading."""
    if feicheng:
        return dated_history(
            "verification_delay",
            Span(count=3, unit=TimeUnit.DAY),
            unit="span from identification to verification",
            description=(
                "一旦发生学生辍学或疑似辍学……立即核实情况: 立即 read as within 3 calendar "
                "days of identification, so a weekend never makes a Friday report late "
                "(with a working-day calendar a last day in a holiday runs to the next "
                "working day). A kongchuo reading of 立即, not the seed's number; it errs "
                "late (lenient to schools) by up to two days against 'the next working day'."
            ),
            basis=("FC-2.5", _SEED, _KONGCHUO_DEFAULT),
            effective_from=effective_from,
        )
    return dated_history(
        "verification_delay",
        Span(count=7, unit=TimeUnit.DAY),
        unit="span from identification to verification",
        description=(
            "The 2024 notice asks schools to find and verify absences promptly (及时), "
            "with no number: read as within 7 calendar days of identification. A "
            "kongchuo default; it errs late (lenient to schools)."
        ),
        basis=(_NOTICE, _KONGCHUO_DEFAULT),
        effective_from=effective_from,
    )


def _case_rules(*, principal_visit: bool, feicheng: bool, effective_from: dt.date) -> _CaseRules:
    """The ledger and closure parameters (FC-1.2, FC-1.3, FC-2.5) of a profile.

    No text found sets these numbers; each description says so and which way the
    default errs. A county sets its own with :func:`attrs.evolve`.
    """
    return _CaseRules(
        responsibility_scheme=dated_history(
            "responsibility_scheme",
            None,
            unit="scheme",
            description=(
                "No scheme of named office-holders (such as the 七长责任制): FC-1.3 names "
                "the school and its principal, and 义务教育法 第十三条 the bureau and the "
                "township. A county that uses one sets it (see SEVEN_HEADS)."
            ),
            basis=("FC-1.3", "义务教育法 第十三条"),
            effective_from=effective_from,
        ),
        cause_narrative_min_chars=dated_history(
            "cause_narrative_min_chars",
            20,
            unit="characters",
            description=(
                "原因分析细: a cause narrative shorter than this is flagged as thin. "
                "A kongchuo default; it errs toward asking for more detail."
            ),
            basis=("FC-1.2", _KONGCHUO_DEFAULT),
            effective_from=effective_from,
        ),
        principal_visit_required=dated_history(
            "principal_visit_required",
            principal_visit,
            unit="bool",
            description=(
                "校长是劝返复学第一责任人 read as: a dropout's ledger shows a home visit by "
                "the principal. The seed is silent on visits; a kongchuo reading that errs "
                "toward asking more of the school."
                if principal_visit
                else "No national text asks for the principal's own home visit."
            ),
            basis=("FC-1.3", KONGCHUO_READING) if principal_visit else (_NOTICE,),
            effective_from=effective_from,
        ),
        persuasion_interval=dated_history(
            "persuasion_interval",
            Span(count=30, unit=TimeUnit.DAY),
            unit="calendar days",
            description=(
                "The longest gap between persuasion attempts while a case is open. "
                "A kongchuo default (the 2024 notice asks that every attempt be "
                "recorded, not how often); it errs toward prompting work, as a warning."
            ),
            basis=("FC-1.3", _NOTICE, _KONGCHUO_DEFAULT),
            effective_from=effective_from,
        ),
        late_entry_limit=dated_history(
            "late_entry_limit",
            Span(count=7, unit=TimeUnit.DAY),
            unit="calendar days",
            description=(
                "过程记录真实: an event entered more than this after it happened is "
                "flagged (a warning). A kongchuo default."
            ),
            basis=("FC-1.2", _KONGCHUO_DEFAULT),
            effective_from=effective_from,
        ),
        platform_marking_delay=dated_history(
            "platform_marking_delay",
            Span(count=7, unit=TimeUnit.DAY),
            unit="calendar days",
            description=(
                "劝返工作进展要在管理平台中及时标注: 及时 read as within 7 days of the "
                "attempt. A kongchuo reading; it errs toward flagging."
            ),
            basis=("FC-1.2", _KONGCHUO_DEFAULT),
            effective_from=effective_from,
        ),
        closure_attendance=dated_history(
            "closure_attendance",
            Span(count=20, unit=TimeUnit.SCHOOL_DAY),
            unit="school days attended since the return",
            description=(
                "A returned child's case closes after this much attendance (about a "
                "school month). No closure criteria are published nationally "
                "(教育部办公厅 2024 常态化报告工作机制); the default errs toward keeping a case "
                "open."
            ),
            basis=("FC-2.5", _NOTICE, _KONGCHUO_DEFAULT),
            effective_from=effective_from,
        ),
        verification_delay=_verification_delay(feicheng=feicheng, effective_from=effective_from),
        closure_age=dated_history(
            "closure_age",
            None,
            unit="years (周岁)",
            description=(
                "No closure on age alone: 未成年人保护法 第二十八条第二款 and 第八十三条第二款 "
                "speak of 尚未完成义务教育的辍学未成年学生 with no age limit, so a child who "
                "has not completed compulsory education stays in scope. A county whose "
                "own text lets a case close past an age sets it, citing that text; an "
                "unresolved refusal never closes on age."
            ),
            basis=("未成年人保护法 第二十八条第二款", "未成年人保护法 第八十三条第二款"),
            effective_from=effective_from,
        ),
        backdating_limit=dated_history(
            "backdating_limit",
            Span(count=365, unit=TimeUnit.DAY),
            unit="calendar days",
            description=(
                "过程记录真实: an event entered more than a year after it happened is "
                "refused by Case.append (entries within it but later than late_entry_limit "
                "are only flagged). A kongchuo default; it errs toward accepting late "
                "records."
            ),
            basis=("FC-1.2", _KONGCHUO_DEFAULT),
            effective_from=effective_from,
        ),
    )


class _ChildRules(TypedDict):
    disabled_entry_extension: ParameterHistory[int]
    de_facto_restriction_months: ParameterHistory[int]
    de_facto_uncontactable_months: ParameterHistory[int]
    left_behind_age_limit: ParameterHistory[int]


_LEFT_BEHIND_2016: Final = dt.date(2016, 2, 4)
"""国发〔2016〕13号, dated by its issue day as commonly reported (not checked against the text)."""

_REGULATION_2017: Final = dt.date(2017, 5, 1)
"""残疾人教育条例 (国务院令第674号), revised, in force from 1 May 2017."""
_DE_FACTO_2019: Final = dt.date(2019, 6, 18)
"""民发〔2019〕62号, dated by its issue day as commonly reported (not checked against the text)."""
_DE_FACTO: Final = "民发〔2019〕62号"


def _child_rules() -> _ChildRules:
    """School entry and special-group parameters (残疾儿童入学, 事实无人抚养儿童).

    The same in both profiles: they read national texts, not local ones.
    """
    return _ChildRules(
        disabled_entry_extension=dated_history(
            "disabled_entry_extension",
            3,
            unit="years beyond the usual entry age",
            description=(
                "残疾人教育条例 第十四条: 必要时，其入学年龄和在校年龄可以适当提高. 适当 "
                "names no number: read as up to 3 years past the entry age (entry by 9 "
                "周岁 with a band from 6); a disabled child older than that and not yet "
                "enrolled is overdue. A kongchuo default; it errs late (lenient to "
                "families): a larger number calls fewer children overdue."
            ),
            basis=("残疾人教育条例 第十四条", _KONGCHUO_DEFAULT),
            effective_from=_REGULATION_2017,
        ),
        de_facto_restriction_months=dated_history(
            "de_facto_restriction_months",
            6,
            unit="months, at least",
            description=(
                "事实无人抚养儿童: 服刑在押、强制隔离戒毒或者被执行其他限制人身自由的措施 "
                "count when the term is 6 months or more (期限在6个月以上), and only "
                "while it runs. Dated from 18 June 2019, the issue day as commonly "
                "reported (not checked against the text)."
            ),
            basis=(_DE_FACTO,),
            effective_from=_DE_FACTO_2019,
        ),
        de_facto_uncontactable_months=dated_history(
            "de_facto_uncontactable_months",
            6,
            unit="months, at least",
            description=(
                "事实无人抚养儿童: 失联 is 失去联系且未履行监护抚养责任6个月以上, counted "
                "from the recorded start of 失联 (locally: the day 公安 accepted the report). "
                "Dated as de_facto_restriction_months."
            ),
            basis=(_DE_FACTO,),
            effective_from=_DE_FACTO_2019,
        ),
        left_behind_age_limit=dated_history(
            "left_behind_age_limit",
            16,
            unit="full years (周岁); a child under it",
            description=(
                "农村留守儿童 are 不满十六周岁 (国发〔2016〕13号, read through secondary "
                "sources: the text is not in the collection). A child of 16 or more is not "
                "counted. Dated by the opinion's issue day as commonly reported."
            ),
            basis=("国发〔2016〕13号",),
            effective_from=_LEFT_BEHIND_2016,
        ),
    )


def _without_seed(policy: Policy) -> Policy:
    """``policy`` with the seed's clauses (FC-x.y) taken out of every value's basis.

    Shared helpers cite the seed where FEICHENG reads it; NATIONAL rests on national
    texts alone, and a value left with nothing to cite is marked a kongchuo reading.
    """
    changes: dict[str, ParameterHistory[object]] = {}
    for name, history in attrs.asdict(policy, recurse=False).items():
        if not isinstance(history, ParameterHistory):
            continue
        values = tuple(
            attrs.evolve(
                p,
                basis=tuple(b for b in p.basis if not b.startswith("FC-")) or (KONGCHUO_READING,),
            )
            for p in history.values
        )
        changes[name] = ParameterHistory(name=history.name, values=values)
    return attrs.evolve(policy, **changes)  # type: ignore[arg-type]


_CONSOLIDATION: Final = dated_history(
    "consolidation_formula",
    ConsolidationFormula.NET_TRANSFERS,
    unit="formula",
    description=(
        "九年义务教育巩固率 = graduates this year ÷ (entrants nine years earlier + "
        "transfers in − transfers out) × 100%, the formula of a county template "
        "(secondary source). Sources differ on netting transfers and deaths; deaths are "
        "not netted by default, which errs towards a lower rate, never overstating it."
    ),
    basis=(
        "docs/law.md (county template https://360docs.net/doc/3719094076.html)",
        "国办发〔2017〕72号 (巩固率 target)",
        _KONGCHUO_DEFAULT,
    ),
    effective_from=LAW_2006,
)


NATIONAL: Final = _without_seed(
    Policy(
        name="national",
        name_zh="全国",
        age_band=_age_band(feicheng=False),
        entry_cutoff=_ENTRY_CUTOFF,
        census_month=dated_history(
            "census_month",
            None,
            unit="month",
            description="No national census month: counties run 四查三比对 continuously.",
            basis=(_NOTICE,),
            effective_from=LAW_2006,
        ),
        data_sharing_deadline=dated_history(
            "data_sharing_deadline",
            None,
            unit="month-day, inclusive",
            description="No national deadline for departments' data.",
            basis=(_NOTICE,),
            effective_from=LAW_2006,
        ),
        special_group_census_window=dated_history(
            "special_group_census_window",
            None,
            unit="span after term start",
            description=(
                "No national window; the county visits schools and homes at the start of each term."
            ),
            basis=(_NOTICE,),
            effective_from=LAW_2006,
        ),
        monthly_report_day=dated_history(
            "monthly_report_day",
            None,
            unit="day of the following month, inclusive",
            description=(
                "Schools report once a month with no fixed day. Read as due by the last day "
                "of the following month, the latest day that still makes one report a month: "
                "errs towards never calling a compliant school late."
            ),
            basis=(_NOTICE,),
            effective_from=NOTICE_2024,
        ),
        monthly_report_owners=dated_history(
            "monthly_report_owners",
            (Party.SCHOOL,),
            unit="parties",
            description="Every school sends one report a month (四个一).",
            basis=(_NOTICE,),
            effective_from=NOTICE_2024,
        ),
        roll_fixed_day_deadlines=_ROLL_NATIONAL,
        return_notice_delay=dated_history(
            "return_notice_delay",
            None,
            unit="span after a dropout is confirmed",
            description=(
                "No national time limit: the school persuades, then reports in writing "
                "(未成年人保护法 第二十八条); the department orders the return (第八十三条)."
            ),
            basis=("未成年人保护法 第二十八条", "未成年人保护法 第八十三条"),
            effective_from=LAW_2006,
        ),
        suspected_dropout_threshold=dated_history(
            "suspected_dropout_threshold",
            _SUSPECTED_DEFAULT,
            unit="school days of absence without leave",
            description="Suspected dropout (疑似辍学)." + _THRESHOLD_NOTE + _SUSPECTED_ERRS,
            basis=(_RULE_1259, _KONGCHUO_DEFAULT),
            effective_from=NOTICE_2024,
        ),
        dropout_threshold=dated_history(
            "dropout_threshold",
            _DROPOUT_DEFAULT,
            unit="school days of absence without leave",
            description="Dropout (辍学)." + _THRESHOLD_NOTE + _DROPOUT_ERRS,
            basis=(_RULE_1259, _KONGCHUO_DEFAULT),
            effective_from=NOTICE_2024,
        ),
        county_review_months=dated_history(
            "county_review_months",
            3,
            unit="months",
            description="The county reviews its ledgers every quarter (县级每季度研判).",
            basis=(_NOTICE,),
            effective_from=NOTICE_2024,
        ),
        ledgers=dated_history(
            "ledgers",
            frozenset(Ledger),
            unit="ledgers",
            description="三本台账: school-age children, suspected dropouts, dropouts.",
            basis=(_NOTICE,),
            effective_from=NOTICE_2024,
        ),
        consolidation_formula=_CONSOLIDATION,
        **_case_rules(principal_visit=False, feicheng=False, effective_from=NOTICE_2024),
        **escalation_values(feicheng=False, effective_from=LAW_2006, seed=_SEED),
        **_child_rules(),
    )
)
"""The national rules (全国规则): 义务教育法 and the 2024 notice on regular reporting.

Example:
    >>> from datetime import date
    >>> from kongchuo.policy import NATIONAL
    >>> print(NATIONAL.monthly_report_day.value_at(date(2025, 1, 1)))
    None
    >>> NATIONAL.county_review_months.value_at(date(2025, 1, 1))
    3
"""

FEICHENG: Final = Policy(
    name="feicheng",
    name_zh="肥城市",
    age_band=_age_band(feicheng=True),
    entry_cutoff=_ENTRY_CUTOFF,
    census_month=dated_history(
        "census_month",
        7,
        unit="month",
        description="每年7月份: the census of children aged 6–15 runs through July.",
        basis=("FC-1.1", _SEED),
        effective_from=FEICHENG_FROM,
    ),
    data_sharing_deadline=dated_history(
        "data_sharing_deadline",
        MonthDay(month=7, day=20),
        unit="month-day, inclusive",
        description=(
            "每年7月中旬前 read as on or before 20 July: 中旬 is the 11th–20th, and "
            "'before mid-July' is taken to include the whole 中旬. Errs late; a county "
            "that reads it as before the 11th sets 07-10."
        ),
        basis=("FC-2.2", _SEED),
        effective_from=FEICHENG_FROM,
    ),
    special_group_census_window=dated_history(
        "special_group_census_window",
        Span(count=2, unit=TimeUnit.WEEK),
        unit="span after term start",
        description=(
            "开学2周内: 14 days counted from the day after the term starts "
            "(民法典 第二百零一条), so a term starting 1 September gives 15 September."
        ),
        basis=("FC-2.5", _SEED, "民法典 第二百零一条"),
        effective_from=FEICHENG_FROM,
    ),
    monthly_report_day=dated_history(
        "monthly_report_day",
        5,
        unit="day of the following month, inclusive",
        description="每月5日前 read as on or before the 5th of the following month.",
        basis=("FC-2.5", _SEED),
        effective_from=FEICHENG_FROM,
    ),
    monthly_report_owners=dated_history(
        "monthly_report_owners",
        (Party.TOWN_EDUCATION_OFFICE, Party.CITY_DIRECT_SCHOOL),
        unit="parties",
        description="Each town (mining-area) education office and each city-direct school.",
        basis=("FC-2.5", _SEED),
        effective_from=FEICHENG_FROM,
    ),
    roll_fixed_day_deadlines=dated_history(
        "roll_fixed_day_deadlines",
        value=False,
        unit="yes/no",
        description=(
            "A fixed day of the month (每月5日前) stays put when it is a rest day: the "
            "report is a routine internal duty, not a legal period. The seed is silent "
            "on rest days; this is a kongchuo reading. Errs early: an office may have "
            "to report before a holiday."
        ),
        basis=("FC-2.5", _SEED, KONGCHUO_READING),
        effective_from=FEICHENG_FROM,
    ),
    return_notice_delay=dated_history(
        "return_notice_delay",
        Span(count=1, unit=TimeUnit.WORKDAY),
        unit="span after a dropout is confirmed",
        description=(
            "立即 (at once) read as by the next working day after the dropout is "
            "confirmed. Errs late by at most one working day."
        ),
        basis=("FC-2.3", _SEED),
        effective_from=FEICHENG_FROM,
    ),
    suspected_dropout_threshold=dated_history(
        "suspected_dropout_threshold",
        _SUSPECTED_DEFAULT,
        unit="school days of absence without leave",
        description="Suspected dropout (疑似辍学)." + _THRESHOLD_NOTE + _SUSPECTED_ERRS,
        basis=("FC-2.5", _RULE_1259, _KONGCHUO_DEFAULT),
        effective_from=FEICHENG_FROM,
    ),
    dropout_threshold=dated_history(
        "dropout_threshold",
        _DROPOUT_DEFAULT,
        unit="school days of absence without leave",
        description="Dropout (辍学)." + _THRESHOLD_NOTE + _DROPOUT_ERRS,
        basis=("FC-2.5", _RULE_1259, _KONGCHUO_DEFAULT),
        effective_from=FEICHENG_FROM,
    ),
    county_review_months=ParameterHistory(
        name="county_review_months",
        values=(
            _p(
                None,
                unit="months",
                description="The account names no periodic county review.",
                basis=(_SEED,),
                effective_from=FEICHENG_FROM,
            ),
            _p(
                3,
                unit="months",
                description="The national quarterly review applies (县级每季度研判).",
                basis=(_NOTICE,),
                effective_from=NOTICE_2024,
            ),
        ),
    ),
    ledgers=ParameterHistory(
        name="ledgers",
        values=(
            _p(
                frozenset({Ledger.SCHOOL_AGE_CHILDREN, Ledger.DROPOUTS}),
                unit="ledgers",
                description=(
                    "The base database of school-age children and a ledger per "
                    "out-of-school or dropout child (台账销号制度)."
                ),
                basis=("FC-1.2", "FC-2.2", "FC-2.5", _SEED),
                effective_from=FEICHENG_FROM,
            ),
            _p(
                frozenset(Ledger),
                unit="ledgers",
                description="The national three ledgers (三本台账) apply.",
                basis=(_NOTICE,),
                effective_from=NOTICE_2024,
            ),
        ),
    ),
    consolidation_formula=_CONSOLIDATION,
    **_case_rules(principal_visit=True, feicheng=True, effective_from=FEICHENG_FROM),
    **escalation_values(feicheng=True, effective_from=FEICHENG_FROM, seed=_SEED),
    **_child_rules(),
)
"""The Feicheng rules (肥城市规则): the seed's clauses on top of the national rules.

Example:
    >>> from datetime import date
    >>> from kongchuo.policy import FEICHENG
    >>> str(FEICHENG.data_sharing_deadline.value_at(date(2025, 1, 1)))
    '07-20'
    >>> FEICHENG.roll_fixed_day_deadlines.value_at(date(2025, 1, 1))
    False
"""
