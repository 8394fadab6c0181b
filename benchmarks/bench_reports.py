"""Benchmark: the monthly report over many case logs, beside replaying the logs alone.

Builds a county of N cases (default 20,000) by drawing the example county under many
seeds, then times, best of ``--repeat`` runs:

* ``replay`` (the baseline): each case's log cut at the month's end and its state
  replayed through the machine — the least work any count of the month can do;
* ``monthly_report``: the full report (units, statuses, flows, groups, grades,
  timeliness);
* ``to_records + to_csv``: flattening the report and writing CSV;
* ``html_report``: the HTML page over four months, tables only and with charts
  (if matplotlib is installed).

Peak memory of the report (tracemalloc, a separate pass) is printed per case.

Run: ``python benchmarks/bench_reports.py -n 20000``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from kongchuo.policy import FEICHENG
from kongchuo.reports import (
    example_county,
    html_report,
    log_on,
    month_end,
    monthly_report,
    to_csv,
)


def county(n: int) -> dict[str, Any]:
    """N cases and the children, registrations, schools and towns they refer to."""
    cases, children, regs = [], [], []
    seed = 0
    while len(cases) < n:
        c = example_county(seed=seed, children=120, cases=60)
        cases.extend(c.cases)
        children.extend(c.children)
        regs.extend(c.registrations)
        seed += 1
    first = example_county()
    return {
        "cases": cases[:n],
        "children": children,
        "registrations": regs,
        "schools": first.schools,
        "jurisdictions": first.jurisdictions,
        "submissions": first.submissions,
    }


def best(fn: Callable[[], object], repeat: int) -> float:
    """The best wall time of ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Time the report beside the replay baseline and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = county(args.n)
    cases = data.pop("cases")
    end = month_end(2025, 11)

    def replay() -> None:
        for case in cases:
            log = log_on(case, end)
            if log.entries:
                log.state  # noqa: B018 - the work being timed

    def report() -> Any:  # noqa: ANN401
        return monthly_report(
            cases, year=2025, month=11, as_of=dt.date(2025, 12, 15), policy=FEICHENG, **data
        )

    base = best(replay, args.repeat)
    full = best(report, args.repeat)
    r = report()
    flat = best(lambda: to_csv(r.to_records()), args.repeat)
    months = [
        monthly_report(
            cases, year=2025, month=m, as_of=dt.date(2026, 1, 15), policy=FEICHENG, **data
        )
        for m in (9, 10, 11, 12)
    ]
    tables = best(lambda: html_report(months, cases=cases, charts=False), 1)
    charts = best(lambda: html_report(months, cases=cases), 1)
    tracemalloc.start()
    report()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    n = len(cases)
    print(f"cases: {n:,}  (in the report: {r.county.cases:,})")
    print(f"replay (baseline)     {base:8.3f} s  {n / base:12,.0f} cases/s")
    print(f"monthly_report        {full:8.3f} s  {n / full:12,.0f} cases/s  {full / base:5.2f}x")
    print(f"to_records + to_csv   {flat:8.3f} s  ({len(r.to_records())} rows)")
    print(f"html_report, tables   {tables:8.3f} s  (4 months)")
    print(f"html_report, charts   {charts:8.3f} s  (4 months)")
    print(f"peak memory           {peak / n:8.0f} B per case")


if __name__ == "__main__":
    main()
