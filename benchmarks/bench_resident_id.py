"""Benchmark: ``ResidentId.parse`` beside a hand-written check and python-stdnum.

Parses N resident ID numbers (default 1,000,000) with:

* ``hand-written``: a plain function doing the same steps — form, date, check
  character and a region look-up in a precomputed set — and building nothing;
* ``ResidentId.parse``: kongchuo's lenient parse (form, date, check character), which
  builds a frozen ``ResidentId``;
* ``ResidentId.parse + region``: the same, then ``.region`` (the named region);
* ``ResidentId.parse strict``: ``strict_region=True`` (the code must be valid in the
  birth year);
* ``stdnum.cn.ric.validate``: on a sample (it costs ~30 µs a call), per call.

Every figure comes from the same run, with the garbage collector on and off; ratios
are against the hand-written check of the same run. Each figure is the best of 5
passes, the variants taking turns, so that load from elsewhere falls on all alike. Run::

    python benchmarks/bench_resident_id.py [N]
"""

from __future__ import annotations

import gc
import random
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence

from stdnum.cn import ric

from kongchuo import ResidentId, regions

_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def make_numbers(n: int, seed: int = 2026) -> list[str]:
    """N valid numbers for births of 2008-2020 in counties valid then."""
    rng = random.Random(seed)
    table = regions._table()  # noqa: SLF001 - the benchmark reads the same data
    by_year = {
        year: [
            c
            for c, spans in table.items()
            if not c.endswith("00") and any(r.valid_in(year) for r in spans)
        ]
        for year in range(2008, 2021)
    }
    out = []
    for _ in range(n):
        year = rng.randint(2008, 2020)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        code = rng.choice(by_year[year])
        body = f"{code}{year:04d}{month:02d}{day:02d}{rng.randint(0, 999):03d}"
        out.append(body + ric.calc_check_digit(body + "0"))
    return out


def hand_written_checker() -> Callable[[str], bool]:
    """A plain check of the same steps, with the region set built beforehand."""
    known = frozenset(regions._table())  # noqa: SLF001
    check = "0123456789X"

    def is_valid(text: str) -> bool:
        s = text.strip()
        if len(s) != 18:
            return False
        body = s[:17]
        if not (body.isascii() and body.isdigit()):
            return False
        year, month, day = int(s[6:10]), int(s[10:12]), int(s[12:14])
        if not 1 <= month <= 12:
            return False
        leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        if not 1 <= day <= _DAYS[month - 1] + leap:
            return False
        if check[(1 - 2 * int(body, 13)) % 11] != s[17].upper():
            return False
        return s[:6] in known

    return is_valid


def _time(fn: Callable[[str], object], numbers: Sequence[str], *, gc_on: bool) -> float:
    """Seconds for one pass of ``fn`` over ``numbers``."""
    gc.collect()
    if not gc_on:
        gc.disable()
    try:
        start = time.perf_counter()
        for number in numbers:
            fn(number)
        return time.perf_counter() - start
    finally:
        gc.enable()


def _best_interleaved(
    cases: Sequence[tuple[str, Callable[[str], object]]],
    numbers: Sequence[str],
    *,
    gc_on: bool,
    rounds: int = 5,
) -> list[float]:
    """The best of ``rounds`` passes per case, the cases taking turns in each round.

    Taking turns puts every case under the same load from whatever else the machine
    runs, so the ratios hold even when absolute times drift.
    """
    best = [float("inf")] * len(cases)
    for _ in range(rounds):
        for i, (_name, fn) in enumerate(cases):
            best[i] = min(best[i], _time(fn, numbers, gc_on=gc_on))
    return best


def _peak_memory(numbers: Sequence[str]) -> int:
    tracemalloc.start()
    kept = [ResidentId.parse(n) for n in numbers]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    return peak


def main(argv: Sequence[str]) -> None:
    """Run the benchmark and print the figures."""
    n = int(argv[1]) if len(argv) > 1 else 1_000_000
    numbers = make_numbers(n)
    hand = hand_written_checker()
    if not all(map(hand, numbers[:1000])):
        raise SystemExit("the hand-written check rejects generated numbers")
    # Warm the tables once, as any long-running job would.
    ResidentId.parse(numbers[0], strict_region=True).region  # noqa: B018

    def parse_region(number: str) -> object:
        return ResidentId.parse(number).region

    def parse_strict(number: str) -> object:
        return ResidentId.parse(number, strict_region=True)

    cases: list[tuple[str, Callable[[str], object]]] = [
        ("hand-written check (baseline)", hand),
        ("ResidentId.parse", ResidentId.parse),
        ("ResidentId.parse + .region", parse_region),
        ("ResidentId.parse strict_region", parse_strict),
    ]
    print(f"ResidentId benchmark: {n:,} numbers, Python {sys.version.split()[0]}")
    print(f"{'operation':<34} {'GC':>4} {'µs/number':>10} {'numbers/s':>12} {'× baseline':>11}")
    for gc_on in (True, False):
        times = _best_interleaved(cases, numbers, gc_on=gc_on)
        base = times[0] / n * 1e6
        for (name, _fn), seconds in zip(cases, times, strict=True):
            per = seconds / n * 1e6
            print(
                f"{name:<34} {'on' if gc_on else 'off':>4} {per:>10.3f} "
                f"{n / seconds:>12,.0f} {per / base:>11.2f}"
            )
    sample = numbers[: min(n, 20_000)]
    seconds, parse_s, strict_s = _best_interleaved(
        [("stdnum", ric.validate), ("parse", ResidentId.parse), ("strict", parse_strict)],
        sample,
        gc_on=True,
        rounds=3,
    )
    per = seconds / len(sample) * 1e6
    parse_per = parse_s / len(sample) * 1e6
    strict_per = strict_s / len(sample) * 1e6
    print(
        f"{'stdnum.cn.ric.validate':<34} {'on':>4} {per:>10.3f} {len(sample) / seconds:>12,.0f}"
        f"   ({len(sample):,} numbers; ResidentId.parse is {per / parse_per:.0f}× faster,"
        f" strict_region {per / strict_per:.0f}× faster)"
    )
    peak = _peak_memory(numbers[: min(n, 200_000)])
    print(
        f"peak memory holding {min(n, 200_000):,} parsed ResidentIds: {peak / 2**20:.1f} MiB "
        f"({peak / min(n, 200_000):.0f} B each, the number strings included)"
    )


if __name__ == "__main__":
    main(sys.argv)
