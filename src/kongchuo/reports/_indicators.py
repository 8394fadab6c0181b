"""Indicators: 九年义务教育巩固率 and the dropout rate, with inputs and formulas (监测指标).

An :class:`Indicator` carries its value as an exact fraction, its numerator and
denominator, every input by name, the formula in English and Chinese, and the
sources it rests on, so that a published figure can be checked by hand.

* :func:`consolidation_rate` — 九年义务教育巩固率: this year's graduates over the
  entrants of nine years earlier, the denominator netted as the policy's
  ``consolidation_formula`` says (gross; net of transfers in and out; also net of
  deaths), from a :class:`Cohort`; :func:`cohorts` builds cohorts from yearly counts.
* :func:`dropout_rate` — the confirmed dropouts of a period over the enrolment at its
  start, from the case logs.

This module belongs to the batch layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, Final

import attrs

from kongchuo import ValidationError
from kongchuo._core.args import require_date, require_instance, require_int, require_items
from kongchuo.cases import Case, CaseKind, Verified
from kongchuo.policy import ConsolidationFormula, Policy
from kongchuo.reports._inputs import counts_of
from kongchuo.reports._monthly import log_on

__all__ = ["Cohort", "Indicator", "cohorts", "consolidation_rate", "dropout_rate"]

_SECTION: Final = "docs/law.md, 指标 Indicators"
_TEMPLATE: Final = "county template https://360docs.net/doc/3719094076.html (secondary)"
_TARGET: Final = "国办发〔2017〕72号 (95% by 2020)"


def _count(value: object, name: str) -> int:
    if type(value) is not int or value < 0:
        raise ValidationError(
            "indicator.count",
            f"{name} must be a whole number of students, 0 or more",
            f"{name} 应为不小于 0 的整数人数",
            path=name,
        )
    return value


@attrs.frozen(kw_only=True)
class Cohort:
    """The students who entered grade 1 in one year and graduated nine years on (入学队列).

    Attributes:
        entry_year: The year the cohort entered grade 1 (autumn).
        entrants: How many entered (入学人数).
        graduation_year: The year it finished grade 9 (``entry_year + years``).
        graduates: How many graduated that year (毕业生数).
        transfers_in: Students who joined the cohort from elsewhere over its years.
        transfers_out: Students who left it for schools elsewhere.
        deaths: Students of the cohort who died.

    Example:
        >>> c = Cohort(entry_year=2016, entrants=1000, graduation_year=2025, graduates=960)
        >>> c.years
        9
    """

    entry_year: int
    entrants: int
    graduation_year: int
    graduates: int
    transfers_in: int = 0
    transfers_out: int = 0
    deaths: int = 0

    def __attrs_post_init__(self) -> None:
        """Check the counts and years."""
        for name in ("entrants", "graduates", "transfers_in", "transfers_out", "deaths"):
            _count(getattr(self, name), name)
        for name in ("entry_year", "graduation_year"):
            year = getattr(self, name)
            if type(year) is not int or not 1900 <= year <= 9998:
                raise ValidationError(
                    "indicator.year", f"{name} must be a year", f"{name} 应为年份", path=name
                )
        if self.graduation_year <= self.entry_year:
            raise ValidationError(
                "indicator.year",
                "graduation_year must come after entry_year",
                "毕业年份应晚于入学年份",
                path="graduation_year",
            )

    @property
    def years(self) -> int:
        """The years between entry and graduation (9 for the nine-year rate)."""
        return self.graduation_year - self.entry_year


def cohorts(
    entrants: Mapping[int, int],
    graduates: Mapping[int, int],
    *,
    years: int = 9,
    transfers_in: Mapping[int, int] | None = None,
    transfers_out: Mapping[int, int] | None = None,
    deaths: Mapping[int, int] | None = None,
) -> tuple[Cohort, ...]:
    """Cohorts from yearly counts: entrants by entry year, graduates by graduation year.

    A cohort is built for every graduation year ``Y`` with entrants in ``Y -
    years``. Transfers and deaths are keyed by the cohort's entry year.

    Raises:
        ValidationError: ``indicator.count`` for a count that is not a whole number.

    Example:
        >>> [c.graduation_year for c in cohorts({2015: 980, 2016: 1000}, {2024: 950, 2025: 960})]
        [2024, 2025]
    """
    entrants = counts_of(entrants, "entrants")
    graduates = counts_of(graduates, "graduates")
    years = require_int(years, "years", min_value=1, max_value=20)
    extra = {
        "transfers_in": counts_of(transfers_in, "transfers_in", optional=True),
        "transfers_out": counts_of(transfers_out, "transfers_out", optional=True),
        "deaths": counts_of(deaths, "deaths", optional=True),
    }
    found = []
    for year, grads in sorted(graduates.items()):
        start = year - years
        if start not in entrants:
            continue
        found.append(
            Cohort(
                entry_year=start,
                entrants=entrants[start],
                graduation_year=year,
                graduates=grads,
                **{k: v.get(start, 0) for k, v in extra.items()},
            )
        )
    return tuple(found)


@attrs.frozen(kw_only=True)
class Indicator:
    """A computed indicator with its inputs, formula and sources (监测指标).

    Attributes:
        code: ``"consolidation_rate"`` or ``"dropout_rate"``.
        name: Its English name.
        name_zh: Its Chinese name.
        numerator: The numerator.
        denominator: The denominator.
        value: numerator ÷ denominator, exactly; ``None`` when the denominator is 0.
        inputs: Every input, as ``(name, Chinese name, value)``.
        formula: The formula in English.
        formula_zh: The formula in Chinese.
        basis: The sources of the formula and its reading.
    """

    code: str
    name: str
    name_zh: str
    numerator: int
    denominator: int
    value: Fraction | None
    inputs: tuple[tuple[str, str, int], ...]
    formula: str
    formula_zh: str
    basis: tuple[str, ...]

    def percent(self, digits: int = 1) -> str:
        """The value as a percentage with ``digits`` decimals, or ``"—"`` if undefined.

        Example:
            >>> Indicator(
            ...     code="x",
            ...     name="x",
            ...     name_zh="x",
            ...     numerator=1,
            ...     denominator=3,
            ...     value=Fraction(1, 3),
            ...     inputs=(),
            ...     formula="",
            ...     formula_zh="",
            ...     basis=(),
            ... ).percent(2)
            '33.33%'
        """
        if self.value is None:
            return "—"
        return f"{float(self.value) * 100:.{digits}f}%"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data; the value as a float (and exactly, as a fraction string)."""
        return {
            "code": self.code,
            "name": self.name,
            "name_zh": self.name_zh,
            "value": None if self.value is None else float(self.value),
            "exact": None if self.value is None else str(self.value),
            "numerator": self.numerator,
            "denominator": self.denominator,
            "inputs": {name: value for name, _, value in self.inputs},
            "formula": self.formula,
            "formula_zh": self.formula_zh,
            "basis": list(self.basis),
        }


def consolidation_rate(cohort: Cohort, *, policy: Policy) -> Indicator:
    """九年义务教育巩固率 of a cohort, with the formula the policy chooses.

    * ``gross``: graduates ÷ entrants;
    * ``net_transfers``: graduates ÷ (entrants + transfers in − transfers out);
    * ``net_transfers_and_deaths``: graduates ÷ (entrants + transfers in −
      transfers out − deaths).

    The policy's ``consolidation_formula`` in force on 1 July of the graduation year
    applies. The rate is the share of the cohort that completed compulsory
    education; the national target was 95% by 2020 (国办发〔2017〕72号).

    Raises:
        ValidationError: For a bad argument; ``indicator.denominator`` if netting
            makes the denominator negative.

    References:
        docs/law.md (95% target), §2.6 (formula in common use, county
        template; "毕业班学生数 ÷ 该年级入学时学生数").

    Limitations:
        The formula's source is a secondary county template; sources differ on
        netting, hence the parameter. A rate above 100% (many transfers in) is
        reported as computed, not capped.

    Example:
        >>> from kongchuo.policy import NATIONAL
        >>> c = Cohort(
        ...     entry_year=2016,
        ...     entrants=1000,
        ...     graduation_year=2025,
        ...     graduates=960,
        ...     transfers_in=30,
        ...     transfers_out=40,
        ... )
        >>> r = consolidation_rate(c, policy=NATIONAL)
        >>> r.percent(), r.denominator, r.formula_zh
        ('97.0%', 990, '毕业生数 ÷ (入学人数 + 转入 − 转出)')
    """
    cohort = require_instance(cohort, Cohort, "cohort", name_zh="队列")
    param = policy.consolidation_formula.at(dt.date(cohort.graduation_year, 7, 1))
    formula = param.value
    denominator = cohort.entrants
    inputs = [
        ("graduates", f"{cohort.graduation_year}年毕业生数", cohort.graduates),
        ("entrants", f"{cohort.entry_year}年入学人数", cohort.entrants),
    ]
    if formula is not ConsolidationFormula.GROSS:
        denominator += cohort.transfers_in - cohort.transfers_out
        inputs += [
            ("transfers_in", "转入", cohort.transfers_in),
            ("transfers_out", "转出", cohort.transfers_out),
        ]
    if formula is ConsolidationFormula.NET_TRANSFERS_AND_DEATHS:
        denominator -= cohort.deaths
        inputs.append(("deaths", "死亡", cohort.deaths))
    if denominator < 0:
        raise ValidationError(
            "indicator.denominator",
            "transfers out and deaths exceed the entrants and transfers in",
            "转出与死亡人数超过入学与转入人数",
            path="cohort",
        )
    terms = " + transfers in − transfers out" if formula is not ConsolidationFormula.GROSS else ""
    terms += " − deaths" if formula is ConsolidationFormula.NET_TRANSFERS_AND_DEATHS else ""
    return Indicator(
        code="consolidation_rate",
        name=f"{cohort.years}-year consolidation rate",
        name_zh="九年义务教育巩固率" if cohort.years == 9 else f"{cohort.years}年巩固率",
        numerator=cohort.graduates,
        denominator=denominator,
        value=Fraction(cohort.graduates, denominator) if denominator else None,
        inputs=tuple(inputs),
        formula=f"graduates ÷ (entrants {cohort.years} years earlier{terms}) × 100%",
        formula_zh=formula.label_zh,
        basis=(*param.basis, _SECTION, _TEMPLATE, _TARGET),
    )


def _confirmed_dropout(case: Case, first: dt.date, last: dt.date) -> bool:
    if case.kind is CaseKind.OUT_OF_SCHOOL:
        return False
    log = log_on(case, last)
    if not log.entries or not first <= log.entries[0].event.occurred_on <= last:
        return False
    return any(isinstance(e, Verified) and e.confirmed for _, e in log.effective())


def dropout_rate(
    cases: Iterable[Case], *, enrolment: int, first: dt.date, last: dt.date
) -> Indicator:
    """The dropout rate of a period: confirmed dropouts ÷ enrolment at its start (辍学率).

    The numerator counts the dropout and suspected-dropout cases identified from
    ``first`` to ``last`` whose verification confirmed them (核实属实) by ``last``,
    each case once; out-of-school (失学) children were never enrolled and are not
    counted. The denominator is the enrolment (在校生数) at ``first``.

    Raises:
        ValidationError: For bad arguments (``indicator.count``, ``type``,
            ``type``, ``indicator.period``).

    References:
        国办发〔2017〕72号 (控辍 as an assessed indicator; 控制线); docs/law.md.

    Limitations:
        No national formula is among the sources: this is the common statistical
        definition (辍学率 = 辍学学生数 ÷ 在校学生数) and a kongchuo default. A child
        with two cases in the period counts twice; pass one case per child.

    Example:
        >>> import datetime as dt
        >>> from kongchuo.reports import example_county
        >>> county = example_county()
        >>> r = dropout_rate(
        ...     county.cases,
        ...     enrolment=len(county.registrations),
        ...     first=dt.date(2025, 9, 1),
        ...     last=dt.date(2025, 12, 31),
        ... )
        >>> r.numerator, r.denominator, r.percent()
        (9, 20, '45.0%')
    """
    first = require_date(first, "first")
    last = require_date(last, "last")
    if last < first:
        raise ValidationError(
            "indicator.period", "last comes before first", "期末早于期初", path="last"
        )
    enrolment = _count(enrolment, "enrolment")
    dropouts = sum(_confirmed_dropout(c, first, last) for c in require_items(cases, Case, "cases"))
    return Indicator(
        code="dropout_rate",
        name="dropout rate",
        name_zh="辍学率",
        numerator=dropouts,
        denominator=enrolment,
        value=Fraction(dropouts, enrolment) if enrolment else None,
        inputs=(
            ("dropouts", f"{first.isoformat()}至{last.isoformat()}核实辍学人数", dropouts),
            ("enrolment", f"{first.isoformat()}在校生数", enrolment),
        ),
        formula="confirmed dropouts in the period ÷ enrolment at its start × 100%",
        formula_zh="期内核实辍学人数 ÷ 期初在校生数 × 100%",
        basis=(_TARGET, "common statistical definition; kongchuo default"),
    )
