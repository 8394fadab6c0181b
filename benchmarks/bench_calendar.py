"""Benchmark: working-day reckoning and the iCalendar export beside plain loops.

* ``period_end(workdays=K)`` with :class:`kongchuo.ChinaCalendar`, beside a hand
  loop over two sets (chinesecalendar's holidays and 调休 working days, read once):
  the same answer, K working days after each of D start days.
* ``ChinaCalendar.is_workday`` beside ``chinese_calendar.is_workday`` (the package
  the calendar is built on) and the two-set test, per call.
* ``to_ics`` on a year's obligations, repeated, beside joining the same lines
  without folding (the floor any exporter pays).

Every figure comes from the same run; ratios are against the baseline of the same
run. Median of 3 repeats. Run::

    python benchmarks/bench_calendar.py [K]
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable, Sequence

import chinese_calendar

from kongchuo import ChinaCalendar, SchoolCalendar, obligations, period_end, to_ics
from kongchuo.policy import FEICHENG

_ONE_DAY = dt.timedelta(days=1)
HOLIDAYS = frozenset(chinese_calendar.holidays)
WORKDAYS = frozenset(chinese_calendar.workdays)


def hand_period_end(start: dt.date, workdays: int) -> dt.date:
    """The baseline: step day by day, counting days that are working days."""
    day, left = start, workdays
    while left:
        day += _ONE_DAY
        if day in WORKDAYS or (day.weekday() < 5 and day not in HOLIDAYS):
            left -= 1
    return day


def timed(fn: Callable[[], object], repeats: int = 3) -> float:
    """Median seconds of ``repeats`` calls of ``fn``."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench_period_end(k: int) -> None:
    """period_end over k working days from 20 start days, beside the hand loop."""
    cal = ChinaCalendar()
    starts = [dt.date(2010, 1, 4) + dt.timedelta(days=37 * i) for i in range(20)]
    for s in starts:
        if period_end(s, workdays=k, calendar=cal) != hand_period_end(s, k):
            raise SystemExit(f"answers differ from {s}")
    base = timed(lambda: [hand_period_end(s, k) for s in starts])
    ours = timed(lambda: [period_end(s, workdays=k, calendar=cal) for s in starts])
    n = len(starts)
    print(f"period_end over {k:,} working days, {n} start days; ms per call (median of 3)")
    print(f"  {'hand loop over two sets':<34} {base / n * 1e3:8.3f}  1.00")
    print(f"  {'kongchuo.period_end':<34} {ours / n * 1e3:8.3f} {ours / base:5.2f}")


def bench_is_workday() -> None:
    """One working-day test, per call, over every day of 2010-2025."""
    cal = ChinaCalendar()
    days = [dt.date(2010, 1, 1) + dt.timedelta(days=i) for i in range(16 * 365)]

    def two_sets() -> None:
        for d in days:
            _ = d in WORKDAYS or (d.weekday() < 5 and d not in HOLIDAYS)

    base = timed(two_sets)
    ours = timed(lambda: [cal.is_workday(d) for d in days])
    package = timed(lambda: [chinese_calendar.is_workday(d) for d in days])
    n = len(days)
    print(f"is_workday, {n:,} days; µs per call (median of 3)")
    print(f"  {'two-set test':<34} {base / n * 1e6:8.3f}  1.00")
    print(f"  {'ChinaCalendar.is_workday':<34} {ours / n * 1e6:8.3f} {ours / base:5.2f}")
    print(f"  {'chinese_calendar.is_workday':<34} {package / n * 1e6:8.3f} {package / base:5.2f}")


def bench_ics() -> None:
    """to_ics on a school year's obligations, beside the same lines unfolded."""
    terms = SchoolCalendar.from_mapping(
        {
            "school_year": 2025,
            "terms": [
                {"kind": "autumn", "start": "2025-09-01", "end": "2026-01-16"},
                {"kind": "spring", "start": "2026-02-24", "end": "2026-07-03"},
            ],
        }
    )
    items = obligations(2025, policy=FEICHENG, terms=terms, calendar=ChinaCalendar())
    stamp = dt.datetime(2025, 7, 1, tzinfo=dt.UTC)
    text = to_ics(items, stamp=stamp)
    unfolded = text.replace("\r\n ", "").split("\r\n")
    rounds = 200
    base = timed(lambda: ["".join(line + "\r\n" for line in unfolded) for _ in range(rounds)])
    ours = timed(lambda: [to_ics(items, stamp=stamp) for _ in range(rounds)])
    print(f"to_ics, {len(items)} obligations x {rounds}; ms per export (median of 3)")
    print(f"  {'join of the unfolded lines':<34} {base / rounds * 1e3:8.3f}  1.00")
    print(f"  {'kongchuo.to_ics':<34} {ours / rounds * 1e3:8.3f} {ours / base:5.2f}")


def main(argv: Sequence[str]) -> None:
    """Run the three comparisons."""
    k = int(argv[1]) if len(argv) > 1 else 1_000
    bench_period_end(k)
    bench_is_workday()
    bench_ics()


if __name__ == "__main__":
    main(sys.argv)
