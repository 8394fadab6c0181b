"""Timing shared by the benchmark scripts (imported as a sibling: run them as scripts)."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager


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


@contextmanager
def collector(*, on: bool) -> Iterator[None]:
    """Run the block with the garbage collector on or off, after a full collection.

    The collector is on again afterwards, whatever happens in the block.
    """
    gc.collect()
    if on:
        gc.enable()
    else:
        gc.disable()
    try:
        yield
    finally:
        gc.enable()
