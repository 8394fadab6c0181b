"""Monitoring and reports (监测与报表): the monthly report, roll-ups, census, indicators.

Reports are computed from iterables of models and case logs, as of a day given as
an argument, and come out as typed objects, JSON, flat rows (``to_records()``) for
pandas or polars, CSV and one self-contained HTML page.

* :func:`monthly_report` — the monthly dropout report (辍学月报告制度, FC-2.5) per
  reporting unit, by status, special group and grade, with due date and
  :func:`check_report_timeliness`;

Example:
    >>> from kongchuo.reports import demo_report
    >>> report = demo_report()
    >>> report.county.cases == sum(u.counts.cases for u in report.units)
    True

References:
    FC-2.5, FC-3.3; law-and-policy §2.1, §2.4, §2.6.
"""

from kongchuo.reports._example import ExampleCounty, demo_report, example_county
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
from kongchuo.reports._units import ReportingUnit

__all__ = [
    "COUNT_COLUMNS",
    "CaseMonth",
    "Counts",
    "ExampleCounty",
    "MonthStatus",
    "MonthlyReport",
    "ReportingUnit",
    "Submission",
    "UnitMonth",
    "check_report_timeliness",
    "classify_case",
    "demo_report",
    "example_county",
    "log_on",
    "month_end",
    "monthly_report",
    "to_csv",
]
