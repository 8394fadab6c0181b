"""Benchmark: ``age_on`` and ``is_school_age`` beside integer arithmetic and relativedelta.

Reckons the age of N children (default 1,000,000 birth dates of 2005–2022) on one
day, and whether each is of school age in a school year, with:

* ``integer arithmetic``: a plain function, ``on.year - b.year`` less one if the
  birthday has not passed (the baseline);
* ``kongchuo.age_on``: the library's reckoning (day after the birthday, 29 February
  handled, arguments checked);
* ``dateutil.relativedelta``: ``relativedelta(on, b).years``;
* ``integer school-age band``: the baseline's age, then a band test;
* ``kongchuo.is_school_age``: with the FEICHENG policy.

Every figure comes from the same run, with the garbage collector on and off; ratios
are against integer arithmetic of the same run. Median of 3 repeats. Run::

    python benchmarks/bench_age.py [N]
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence

from dateutil.relativedelta import relativedelta

from _timing import collector
from kongchuo import age_on, is_school_age
from kongchuo.policy import FEICHENG

ON = dt.date(2025, 9, 1)
SCHOOL_YEAR = 2025


def make_births(n: int, seed: int = 2026) -> list[dt.date]:
    """N birth dates spread over 2005-2022, every day possible."""
    rng = random.Random(seed)
    start = dt.date(2005, 1, 1).toordinal()
    end = dt.date(2022, 12, 31).toordinal()
    return [dt.date.fromordinal(rng.randint(start, end)) for _ in range(n)]


def int_age(b: dt.date, on: dt.date) -> int:
    """The baseline: plain integer arithmetic."""
    return on.year - b.year - ((on.month, on.day) < (b.month, b.day))


def dateutil_age(b: dt.date, on: dt.date) -> int:
    """The full years of dateutil's relativedelta."""
    return relativedelta(on, b).years


def int_school_age(b: dt.date, _on: dt.date) -> bool:
    """The baseline's age at 1 September, then the 6-15 band."""
    return 6 <= int_age(b, ON) <= 15


def kc_school_age(b: dt.date, _on: dt.date) -> bool:
    """kongchuo.is_school_age with FEICHENG."""
    return is_school_age(b, school_year=SCHOOL_YEAR, policy=FEICHENG)


def run(
    fn: Callable[[dt.date, dt.date], object], births: Sequence[dt.date], *, gc_on: bool
) -> float:
    """Seconds for one pass over ``births``; the best estimate of 3 (median)."""
    times = []
    for _ in range(3):
        with collector(on=gc_on):
            t0 = time.perf_counter()
            for b in births:
                fn(b, ON)
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: Sequence[str]) -> None:
    """Run every variant and print µs per call and the ratio to the baseline."""
    n = int(argv[1]) if len(argv) > 1 else 1_000_000
    births = make_births(n)
    # The readings differ only on the birthday itself (the courts count the day after).
    differ = sum(age_on(b, ON) != int_age(b, ON) for b in births)
    birthdays = sum((b.month, b.day) == (ON.month, ON.day) for b in births)
    if differ != birthdays:
        raise SystemExit(f"readings disagree on {differ - birthdays} dates")
    variants: list[tuple[str, Callable[[dt.date, dt.date], object]]] = [
        ("integer arithmetic", int_age),
        ("kongchuo.age_on", age_on),
        ("dateutil.relativedelta", dateutil_age),
        ("integer school-age band", int_school_age),
        ("kongchuo.is_school_age", kc_school_age),
    ]
    print(f"{n:,} birth dates; µs per call (median of 3); ratio to integer arithmetic")
    print(f"{'variant':<26} {'GC on':>8} {'ratio':>6} {'GC off':>8} {'ratio':>6}")
    base: dict[bool, float] = {}
    for name, fn in variants:
        cells = []
        for gc_on in (True, False):
            seconds = run(fn, births, gc_on=gc_on)
            base.setdefault(gc_on, seconds)
            cells.append(f"{seconds / n * 1e6:8.3f} {seconds / base[gc_on]:6.2f}")
        print(f"{name:<26} {cells[0]} {cells[1]}")


if __name__ == "__main__":
    main(sys.argv)
