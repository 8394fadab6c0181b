"""The dated duties of several school years, pinned whole under both profiles.

:func:`~kongchuo.obligations` for the school years 2019–2025 with and without a
working-day calendar, :func:`~kongchuo.monthly_report_due` for every month of
2023–2025 (the years the shipped working-day calendar covers), and
:func:`~kongchuo.to_ics` of one year, are written out (code, titles, owners, window,
due and unrolled due dates, basis; or the error raised) and compared
with ``tests/golden/findings/deadlines.txt`` (``KONGCHUO_UPDATE_GOLDEN=1`` rewrites
it after a deliberate change), so a moved date, a changed title or citation shows up
as a diff to review.
"""

from __future__ import annotations

import datetime as dt

from kongchuo import (
    ChinaCalendar,
    KongchuoError,
    SchoolCalendar,
    Term,
    TermKind,
    monthly_report_due,
    obligations,
    to_ics,
)
from kongchuo.policy import FEICHENG, NATIONAL

CAL = ChinaCalendar()
CST = dt.timezone(dt.timedelta(hours=8))


def _terms(year: int) -> SchoolCalendar:
    return SchoolCalendar(
        school_year=year,
        terms=[
            Term(kind=TermKind.AUTUMN, start=dt.date(year, 9, 1), end=dt.date(year + 1, 1, 20)),
            Term(
                kind=TermKind.SPRING, start=dt.date(year + 1, 2, 20), end=dt.date(year + 1, 7, 10)
            ),
        ],
    )


def _report() -> str:
    out: list[str] = []
    for policy in (FEICHENG, NATIONAL):
        for year in range(2019, 2026):
            for calendar in (None, CAL):
                out.append(f"## obligations {year} {policy.name} calendar={calendar is not None}")
                try:
                    items = obligations(year, policy=policy, terms=_terms(year), calendar=calendar)
                except KongchuoError as error:
                    out.append(f"  refused: {type(error).__name__} {error}")
                    continue
                out.extend(
                    f"  {o.code} | {o.title} | {o.title_zh} | "
                    f"{','.join(p.value for p in o.owners)} | {o.opens} .. {o.due}"
                    f" (unrolled {o.unrolled_due}) | {','.join(o.basis)}"
                    for o in items
                )
        for year in range(2023, 2026):
            for month in range(1, 13):
                for calendar in (None, CAL):
                    try:
                        due = str(monthly_report_due(year, month, policy=policy, calendar=calendar))
                    except KongchuoError as error:
                        due = f"refused: {type(error).__name__}"
                    out.append(
                        f"## report {year}-{month:02d} {policy.name} "
                        f"calendar={calendar is not None}: {due}"
                    )
    items = obligations(2025, policy=FEICHENG, terms=_terms(2025), calendar=CAL)
    out.append("## ics 2025 feicheng")
    out.append(to_ics(items, stamp=dt.datetime(2025, 8, 1, 9, tzinfo=CST)).replace("\r\n", "\n"))
    return "\n".join(out) + "\n"


def test_schedule_matches_the_golden_file(golden):
    """Every year's duties and report days read exactly as in the golden file."""
    golden("findings/deadlines.txt", _report())


def test_the_schedule_is_broad(golden):
    """Every kind of duty appears, moved and unmoved due dates, and refusals before 2024."""
    text = golden.read("findings/deadlines.txt")
    for code in ("census", "data_sharing", "registration_cleanup", "enrolment_notices"):
        assert f"\n  {code} | " in text
    for code in ("special_group_census", "monthly_report", "county_review"):
        assert f"\n  {code} | " in text
    assert "refused: ParameterNotInForceError" in text
    assert "BEGIN:VEVENT" in text
