"""Timing shared by the benchmark scripts (imported as a sibling: run them as scripts)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence


def best(fns: Sequence[Callable[[], object]], rounds: int = 5) -> list[float]:
    """The best of ``rounds`` interleaved runs of each of ``fns``, in seconds.

    Interleaving puts the baseline and the code measured under the same machine
    load, so their ratio holds on a busy machine.
    """
    found = [float("inf")] * len(fns)
    for _ in range(rounds):
        for i, fn in enumerate(fns):
            t0 = time.perf_counter()
            fn()
            found[i] = min(found[i], time.perf_counter() - t0)
    return found
