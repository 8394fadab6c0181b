"""From the departments' spreadsheets to cases: intake → census → 三比对 → cases.

The sample tables beside this script are what a county bureau receives, spoilt
the ways people spoil them: 公安's household register as UTF-8 CSV with a BOM,
the 学籍 export in GB18030, 乡村振兴's list as XLSX (needs openpyxl; skipped
without it), the schools' absence records, each with bad rows. The script takes
them in row by row, shows what it rejected and why (IDs masked), merges the
census, reconciles it as of 31 October 2025 and opens the cases.

Run: ``python examples/batch/intake_to_cases.py``
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
from pathlib import Path

from kongchuo import ChinaCalendar, School, SchoolKind, regions
from kongchuo.batch import (
    Feed,
    RowOutcome,
    build_census,
    intake,
    open_cases,
    read_csv,
    read_xlsx,
    reconcile,
)
from kongchuo.policy import FEICHENG

HERE = Path(__file__).resolve().parent
AS_OF = dt.date(2025, 10, 31)
CST = dt.timezone(dt.timedelta(hours=8))


def schools() -> list[School]:
    """The county's school registry (学校名录)."""
    with (HERE / "schools.csv").open(encoding="utf-8", newline="") as f:
        return [
            School(
                code=r["code"],
                name=r["name"],
                kind=SchoolKind(r["kind"]),
                jurisdiction=r["jurisdiction"],
            )
            for r in csv.DictReader(f)
        ]


def main() -> None:
    """Run the whole job and print what a bureau would read."""
    registry = schools()
    common = {
        "as_of": dt.date(2025, 9, 1),
        "policy": FEICHENG,
        "jurisdictions": regions.FEICHENG_UNITS,
        "schools": registry,
    }
    tables = [
        (Feed.HOUSEHOLD, "household_utf8_bom.csv", read_csv(HERE / "household_utf8_bom.csv")),
        (
            Feed.REGISTRATION,
            "registrations_gb18030.csv",
            read_csv(HERE / "registrations_gb18030.csv"),
        ),
        (Feed.ATTENDANCE, "attendance.csv", read_csv(HERE / "attendance.csv")),
    ]
    if importlib.util.find_spec("openpyxl") is not None:
        tables.append((Feed.POVERTY, "poverty.xlsx", read_xlsx(HERE / "poverty.xlsx")))
    else:
        print("(openpyxl is not installed: poverty.xlsx skipped)")
    taken = {feed: intake(rows, feed, source=name, **common) for feed, name, rows in tables}

    print("== 数据接收 Intake ==")
    for result in taken.values():
        counts = result.counts()
        print(
            f"{result.source}: {len(result.rows)} 行, 接收 {counts[RowOutcome.ACCEPTED]}, "
            f"拒收 {counts[RowOutcome.REJECTED]}"
        )
        for row in result.rows:
            for finding in row.findings:
                print(f"  第 {row.row} 行 [{finding.severity.label_zh}] {finding.message_zh}")

    census = build_census(*taken.values())
    counts = census.counts()
    print("== 适龄儿童台账 Census ==")
    print(
        f"{len(census)} 名儿童; 行: 接收 {counts[RowOutcome.ACCEPTED]}, "
        f"合并 {counts[RowOutcome.MERGED]}, 冲突 {counts[RowOutcome.CONFLICT]}, "
        f"拒收 {counts[RowOutcome.REJECTED]} (共 {len(census.rows)} 行)"
    )
    for conflict in census.conflicts:
        print(
            f"  冲突 {conflict.child} {conflict.field}: {conflict.kept_from.source} 第 "
            f"{conflict.kept_from.row} 行 vs {conflict.other_from.source} 第 "
            f"{conflict.other_from.row} 行"
        )

    result = reconcile(
        census,
        [r.value for r in taken[Feed.REGISTRATION].records],
        [r.value for r in taken[Feed.ATTENDANCE].records],
        as_of=AS_OF,
        since=dt.date(2025, 9, 1),
        policy=FEICHENG,
        calendar=ChinaCalendar(),
        schools=registry,
    )
    print(f"== 三比对 Reconciliation as of {AS_OF} ==")
    for kind, n in result.counts().items():
        if n:
            print(f"  {kind.label_zh}: {n}")
    for d in result.discrepancies:
        print(f"  [{d.finding.code}] {d.finding.message_zh}")

    opened = open_cases(
        result.discrepancies,
        recorded_at=dt.datetime(2025, 11, 3, 9, tzinfo=CST),
        recorded_by="市教育局控辍办",
    )
    print(f"== 立案 Cases: {len(opened.opened)} opened ==")
    for case in opened.opened:
        print(f"  {case.case_id} {case.kind.label_zh} {case.state.label_zh}")
    again = open_cases(
        result.discrepancies,
        existing=opened.opened,
        recorded_at=dt.datetime(2025, 11, 4, 9, tzinfo=CST),
        recorded_by="市教育局控辍办",
    )
    print(f"re-run: {len(again.opened)} opened, {len(again.already_open)} already open")


if __name__ == "__main__":
    main()
