"""Benchmark: ``ResidentId.parse`` beside a hand-written check and python-stdnum.

Parses N resident ID numbers (default 200,000) with:

* ``hand-written``: a plain function doing the same steps — form, date, check
  character and a region look-up in a precomputed set — and building nothing (the
  baseline);
* ``ResidentId.parse``: kongchuo's lenient parse (form, date, check character), which
  builds a frozen ``ResidentId``;
* ``ResidentId.parse + .region``: the same, then ``.region`` (the named region);
* ``ResidentId.parse strict_region``: ``strict_region=True`` (the code must be valid
  in the birth year);
* ``stdnum.cn.ric.validate``: on a sample (it costs ~30 µs a call), beside the strict
  parse of the same sample.

Every figure comes from the same run. In each of R rounds (default 9) the variants
take turns every 2,000 numbers, the order rotating, so that a burst of load from
elsewhere falls on all alike; each ratio is taken within a round, against the
baseline's pass of that round, and the median of the rounds is printed with their
range. Times are medians
too. The garbage collector's state is stated on every line (on, as a program runs;
off, as in a batch that pauses it), and the load average is printed. Run::

    python benchmarks/bench_resident_id.py [N] [R]
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence

from stdnum.cn import ric

from _timing import collector
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


def _interleaved(
    cases: Sequence[tuple[str, Callable[[str], object]]],
    numbers: Sequence[str],
    *,
    gc_on: bool,
    rounds: int,
    chunk: int = 2_000,
) -> list[list[float]]:
    """Seconds per pass over ``numbers``: ``rounds`` passes of every case, interleaved.

    Within a round the cases take turns chunk by chunk (``chunk`` numbers, a few
    milliseconds), the order rotating from chunk to chunk, so that a burst of load
    from elsewhere falls on every case alike instead of on one whole pass.
    """
    times: list[list[float]] = [[] for _ in cases]
    fns = [fn for _name, fn in cases]
    chunks = [numbers[i : i + chunk] for i in range(0, len(numbers), chunk)]
    clock = time.perf_counter
    for _ in range(rounds):
        spent = [0.0] * len(cases)
        with collector(on=gc_on):
            for c, part in enumerate(chunks):
                for k in range(len(fns)):
                    i = (c + k) % len(fns)
                    fn = fns[i]
                    start = clock()
                    for number in part:
                        fn(number)
                    spent[i] += clock() - start
        for i, seconds in enumerate(spent):
            times[i].append(seconds)
    return times


def _ratios(times: list[float], base: list[float]) -> tuple[float, float, float]:
    """Median, lowest and highest of the per-round ratios ``times / base``."""
    ratios = [t / b for t, b in zip(times, base, strict=True)]
    return statistics.median(ratios), min(ratios), max(ratios)


def _peak_memory(numbers: Sequence[str]) -> int:
    tracemalloc.start()
    kept = [ResidentId.parse(n) for n in numbers]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    return peak


def main(argv: Sequence[str]) -> None:
    """Run the benchmark and print the figures."""
    n = int(argv[1]) if len(argv) > 1 else 200_000
    rounds = int(argv[2]) if len(argv) > 2 else 9
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
    print(
        f"ResidentId benchmark: {n:,} numbers, {rounds} rounds taking turns, medians; "
        f"Python {sys.version.split()[0]}; load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"{'operation':<34} {'GC':>4} {'µs/number':>10} {'numbers/s':>12} "
        f"{'× baseline':>11} {'(range)':>13}"
    )
    for gc_on in (True, False):
        times = _interleaved(cases, numbers, gc_on=gc_on, rounds=rounds)
        for (name, _fn), passes in zip(cases, times, strict=True):
            seconds = statistics.median(passes)
            ratio, low, high = _ratios(passes, times[0])
            print(
                f"{name:<34} {'on' if gc_on else 'off':>4} {seconds / n * 1e6:>10.3f} "
                f"{n / seconds:>12,.0f} {ratio:>11.2f} {f'({low:.2f}–{high:.2f})':>13}"
            )
    sample = numbers[: min(n, 20_000)]
    stdnum_s, parse_s, strict_s = _interleaved(
        [("stdnum", ric.validate), ("parse", ResidentId.parse), ("strict", parse_strict)],
        sample,
        gc_on=True,
        rounds=max(3, rounds // 2),
    )
    per = statistics.median(stdnum_s) / len(sample) * 1e6
    lenient, lenient_low, lenient_high = _ratios(stdnum_s, parse_s)
    strict, strict_low, strict_high = _ratios(stdnum_s, strict_s)
    print(
        f"{'stdnum.cn.ric.validate':<34} {'on':>4} {per:>10.3f} "
        f"{len(sample) / statistics.median(stdnum_s):>12,.0f}   ({len(sample):,} numbers)"
    )
    print(
        f"  stdnum ÷ ResidentId.parse: {lenient:.0f}× ({lenient_low:.0f}–{lenient_high:.0f}); "
        f"÷ strict_region: {strict:.0f}× ({strict_low:.0f}–{strict_high:.0f}), per-round medians"
    )
    peak = _peak_memory(numbers[: min(n, 200_000)])
    print(
        f"peak memory holding {min(n, 200_000):,} parsed ResidentIds: {peak / 2**20:.1f} MiB "
        f"({peak / min(n, 200_000):.0f} B each, the number strings included)"
    )


if __name__ == "__main__":
    main(sys.argv)
