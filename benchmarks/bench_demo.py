"""Benchmark: ``kongchuo demo``'s year, step by step, at a few county sizes.

Runs the demo county's year (generate, intake, census, reconcile, open cases,
persuasion, escalation and ledgers, monthly report, deadlines) for each size and
prints, per step, the wall time, the process CPU time and children per second. The
baseline is the first step of the same run — generating the made-up feeds — so each
step is also shown as a multiple of it; on a shared machine, compare CPU seconds.
Peak memory is the process's maximum resident set size. Run::

    python benchmarks/bench_demo.py [SIZE ...]      # default: 5000 20000
    python benchmarks/bench_demo.py 60000           # the demo's own size
"""

from __future__ import annotations

import resource
import sys
import time

from kongchuo._edges.demo_year import run_year


def _run(children: int) -> None:
    marks: list[tuple[str, float, float]] = []
    wall, cpu = time.perf_counter(), time.process_time()

    def progress(step: str) -> None:
        nonlocal wall, cpu
        now_wall, now_cpu = time.perf_counter(), time.process_time()
        marks.append((step, now_wall - wall, now_cpu - cpu))
        wall, cpu = now_wall, now_cpu

    result = run_year(children=children, progress=progress)
    base = marks[0][2] or 1e-9
    print(f"\n{children:,} children, {len(result.cases):,} cases, {len(result.notices)} notices")
    print(f"  {'step':<24}{'wall s':>8}{'cpu s':>8}{'children/s':>12}{'× generate':>12}")
    for step, w, c in marks:
        rate = children / c if c else float("inf")
        print(f"  {step:<24}{w:>8.2f}{c:>8.2f}{rate:>12,.0f}{c / base:>12.1f}")
    total_w = sum(m[1] for m in marks)
    total_c = sum(m[2] for m in marks)
    print(f"  {'total':<24}{total_w:>8.2f}{total_c:>8.2f}{children / total_c:>12,.0f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory {peak:,.0f} MiB (process so far)")


def main(argv: list[str]) -> None:
    """Run the year at each size given (default 5000 and 20000 children)."""
    for size in [int(a) for a in argv] or [5000, 20000]:
        _run(size)


if __name__ == "__main__":
    main(sys.argv[1:])
