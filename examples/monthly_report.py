"""The monthly dropout report and the other reports of a small county (月报告与监测报表).

Shows: `kongchuo.reports` on a generated county under FEICHENG — the October monthly
report per reporting unit (town offices and the city-direct school) with its due
date and each unit's timeliness, the county's review of the quarter, the 四个一
cadence, the special-group census after the autumn term starts, 九年义务教育巩固率 and
the dropout rate with their formulas, the unit scorecards, and the outputs: flat
rows, CSV with a BOM for Excel, JSON, and one self-contained HTML page (with charts
when matplotlib is installed). Files are written to the current directory.

Run: python examples/monthly_report.py
"""

import datetime as dt
import pathlib

from kongchuo.policy import FEICHENG, NATIONAL
from kongchuo.reports import (
    cohorts,
    consolidation_rate,
    county_review,
    dropout_rate,
    example_county,
    html_report,
    monthly_report,
    reporting_cadence,
    scorecards,
    special_group_census,
    to_csv,
)

county = example_county()
inputs = {
    "policy": FEICHENG,
    "children": county.children,
    "registrations": county.registrations,
    "schools": county.schools,
    "jurisdictions": county.jurisdictions,
    "submissions": county.submissions,
}

# The monthly report, compiled on 15 November: counts as of 31 October.
october = monthly_report(county.cases, year=2025, month=10, as_of=dt.date(2025, 11, 15), **inputs)
print(f"== {october.label_zh}（截止 {october.due}）")
print(october.to_markdown())
for unit in october.units:
    findings = "; ".join(f.message_zh for f in unit.timeliness.findings) or "按时报送"
    print(f"  {unit.unit.name}: {unit.timeliness.outcome} — {findings}")

# The quarter's review, rolled up from the monthly reports.
months = [
    monthly_report(county.cases, year=2025, month=m, as_of=dt.date(2026, 1, 15), **inputs)
    for m in (10, 11, 12)
]
review = county_review(months)
print(f"\n== 县级研判 {review.first} — {review.last}")
c = review.county
print(
    f"  新增 {c.new}，复学 {c.returned}，销号 {c.closed}，期末未结 {c.open_at_end}，"
    f"按时报送 {c.reports_on_time}/{c.reports_due}"
)

print("\n== 四个一 reporting cadence (NATIONAL)")
for item in reporting_cadence(NATIONAL, on=dt.date(2025, 3, 1)):
    print(f"  {item.level_zh}: {item.duty_zh} — {item.basis[0]}")

census = special_group_census(
    county.children,
    county.registrations,
    term=county.calendar.terms[0],
    policy=FEICHENG,
    care_plans=county.care_plans,
    schools=county.schools,
)
print(f"\n== 特殊群体学生普查（{census.opens} 至 {census.due}）")
print(f"  特殊群体学生 {census.students} 人，尚无关爱方案 {len(census.without_plan)} 人")
for who in census.without_plan:
    print(f"    {who.school_code} {who.student} {who.grade}年级")

print("\n== 指标 Indicators")
cohort = cohorts(
    {2016: 1204}, {2025: 1160}, transfers_in={2016: 41}, transfers_out={2016: 63}, deaths={2016: 2}
)[0]
rates = [
    consolidation_rate(cohort, policy=FEICHENG),
    dropout_rate(
        county.cases, enrolment=1200, first=dt.date(2025, 9, 1), last=dt.date(2025, 12, 31)
    ),
]
for rate in rates:
    print(f"  {rate.name_zh} = {rate.percent(2)}  [{rate.formula_zh}]")
    print(f"    inputs: {', '.join(f'{zh} {n}' for _, zh, n in rate.inputs)}")

cards = scorecards(
    county.cases,
    as_of=dt.date(2025, 12, 31),
    policy=FEICHENG,
    reports=months,
    children=county.children,
    schools=county.schools,
    jurisdictions=county.jurisdictions,
)
print("\n== 考核记分卡 Scorecards")
for card in cards.cards:
    print(
        f"  {card.unit.name}: 按时 {card.reports_on_time}/{card.reports_due}，"
        f"台账完整 {card.ledgers_complete}/{card.cases}，未结 {card.open}，"
        f"强制入学程序中 {card.escalated}"
    )

out = pathlib.Path.cwd()
(out / "monthly-2025-10.csv").write_text(
    to_csv(october.to_records(), bom=True), encoding="utf-8", newline=""
)
(out / "monthly-2025-10.json").write_text(october.to_json(), encoding="utf-8")
page = html_report(
    months,
    cases=county.cases,
    review=review,
    census=census,
    indicators=rates,
    scorecards=cards,
)
(out / "reports.html").write_text(page, encoding="utf-8")
print(f"\nwrote monthly-2025-10.csv (UTF-8 with BOM), monthly-2025-10.json, reports.html to {out}")
