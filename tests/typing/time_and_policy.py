"""Pin the documented usage of the policy and time API under ``mypy --strict``.

mypy checks this file; it is never run.
"""

from __future__ import annotations

import datetime as dt

import attrs

import kongchuo
from kongchuo import policy

born = dt.date(2019, 8, 31)
feicheng: policy.Policy = policy.FEICHENG
age: int = kongchuo.age_on(born, dt.date(2025, 9, 2))
in_band: bool = kongchuo.is_school_age(born, school_year=2025, policy=feicheng)
first: int = kongchuo.entry_year(born, policy=feicheng)
decision: kongchuo.Decision = kongchuo.check_school_entry(
    born, school_year=2025, policy=feicheng, disabled=False, deferral_approved=False
)

day: int | None = feicheng.monthly_report_day.value_at(dt.date(2025, 9, 1))
param: policy.Parameter[policy.MonthDay | None] = feicheng.data_sharing_deadline.at(
    dt.date(2025, 9, 1)
)
band: policy.AgeBand = feicheng.age_band.value_at(dt.date(2025, 9, 1))
threshold: policy.Threshold = feicheng.dropout_threshold.value_at(dt.date(2025, 9, 1))
met: bool = threshold.is_met(21)
mine: policy.Policy = attrs.evolve(
    feicheng,
    monthly_report_day=feicheng.monthly_report_day.with_value(
        10, effective_from=dt.date(2027, 1, 1), description="每月10日前", basis=("县通知",)
    ),
)
loaded: policy.Policy = policy.policy_from_toml('name = "x"\nname_zh = "x"\nbase = "national"\n')

calendar: kongchuo.WorkCalendar = kongchuo.ChinaCalendar(
    [kongchuo.YearArrangement(year=2027, holidays=[], workdays=[], source="notice")]
)
end: dt.date = kongchuo.period_end(dt.date(2025, 9, 28), days=3, calendar=calendar)
end_workdays: dt.date = kongchuo.period_end(dt.date(2025, 9, 28), workdays=3, calendar=calendar)
due: dt.date = kongchuo.monthly_report_due(2025, 9, policy=feicheng, calendar=calendar)

terms = kongchuo.SchoolCalendar(
    school_year=2025,
    terms=[
        kongchuo.Term(
            kind=kongchuo.TermKind.AUTUMN, start=dt.date(2025, 9, 1), end=dt.date(2026, 1, 23)
        )
    ],
)
items: tuple[kongchuo.Obligation, ...] = kongchuo.obligations(
    2025, policy=feicheng, terms=terms, calendar=calendar
)
text: str = kongchuo.to_ics(items, stamp=dt.datetime(2026, 11, 29, tzinfo=dt.UTC))

try:
    feicheng.census_month.at(dt.date(2000, 1, 1))
except policy.ParameterNotInForceError as exc:
    missing: str = exc.parameter
