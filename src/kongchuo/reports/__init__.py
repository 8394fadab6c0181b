"""Monitoring and reports (监测与报表): the monthly report, roll-ups, census, indicators.

Reports are computed from iterables of models and case logs, as of a day given as
an argument, and come out as typed objects, JSON, flat rows (``to_records()``) for
pandas or polars, CSV and one self-contained HTML page.

* :func:`monthly_report` — the monthly dropout report (辍学月报告制度, FC-2.5) per
  reporting unit, by status, special group and grade, with due date and
  :func:`check_report_timeliness`;
* :func:`county_review` — the county's periodic review (县级研判) rolled up from
  monthly reports, and :func:`reporting_cadence` — who reports how often (四个一);
* :func:`special_group_census` — the special-group census after each term starts
  (FC-2.5), with the students still without a care plan;
* :func:`consolidation_rate` (九年义务教育巩固率, from :class:`Cohort` data) and
  :func:`dropout_rate`, each an :class:`Indicator` with its inputs and formula;
* :func:`scorecards` — a scorecard per unit for accountability (FC-3.3);
* :func:`html_report` — one self-contained HTML page with charts (matplotlib, an
  optional extra) and :func:`to_csv` for flat rows.

Example:
    >>> from kongchuo.reports import demo_report
    >>> report = demo_report()
    >>> report.county.cases == sum(u.counts.cases for u in report.units)
    True

References:
    FC-2.5, FC-3.3; docs/law.md.
"""

from kongchuo._core.names import publish
from kongchuo.reports._cadence import (
    CITY_TERM_VISIT,
    PROVINCE_YEARLY_EVALUATION,
    CadenceItem,
    PeriodCounts,
    PeriodReview,
    county_review,
    reporting_cadence,
)
from kongchuo.reports._census import CensusRow, SpecialGroupCensus, Uncared, special_group_census
from kongchuo.reports._example import ExampleCounty, demo_report, example_county
from kongchuo.reports._html import cases_by_cause, html_report
from kongchuo.reports._indicators import (
    Cohort,
    Indicator,
    cohorts,
    consolidation_rate,
    dropout_rate,
)
from kongchuo.reports._monthly import (
    COUNT_COLUMNS,
    CaseMonth,
    Counts,
    MonthlyReport,
    MonthStatus,
    Submission,
    UnitMonth,
    check_report_timeliness,
    classify_case,
    log_on,
    month_end,
    monthly_report,
)
from kongchuo.reports._output import to_csv
from kongchuo.reports._scorecard import AGE_BANDS, Scorecard, Scorecards, scorecards
from kongchuo.reports._units import ReportingUnit

__all__ = [
    "AGE_BANDS",
    "CITY_TERM_VISIT",
    "COUNT_COLUMNS",
    "PROVINCE_YEARLY_EVALUATION",
    "CadenceItem",
    "CaseMonth",
    "CensusRow",
    "Cohort",
    "Counts",
    "ExampleCounty",
    "Indicator",
    "MonthStatus",
    "MonthlyReport",
    "PeriodCounts",
    "PeriodReview",
    "ReportingUnit",
    "Scorecard",
    "Scorecards",
    "SpecialGroupCensus",
    "Submission",
    "Uncared",
    "UnitMonth",
    "cases_by_cause",
    "check_report_timeliness",
    "classify_case",
    "cohorts",
    "consolidation_rate",
    "county_review",
    "demo_report",
    "dropout_rate",
    "example_county",
    "html_report",
    "log_on",
    "month_end",
    "monthly_report",
    "reporting_cadence",
    "scorecards",
    "special_group_census",
    "to_csv",
]

publish(globals())
