"""Benchmark: loading a policy document beside parsing its text alone.

* A full profile (FEICHENG written by ``policy_to_json``, every parameter with its
  history): ``policy_from_json`` beside ``json.loads`` of the same text (the floor:
  a loader cannot be faster than reading its text), and ``policy_from_mapping`` on
  the parsed document alone.
* One parameter with K dated values (1,000 to 8,000, on a ``base``): the time per
  value should stay flat as K grows; a loader that rescans earlier values per value
  grows linearly per value (quadratically in all).

Each figure is the best of R passes, the variants taking turns. Run::

    python benchmarks/bench_policy.py [R]
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from _timing import best
from kongchuo.policy import FEICHENG, policy_from_json, policy_from_mapping, policy_to_json


def many_values(k: int) -> dict[str, Any]:
    """A document on FEICHENG with ``k`` dated values of ``monthly_report_day``."""
    start = dt.date(2030, 1, 1)
    entries = [
        {
            "value": 1 + i % 28,
            "effective_from": (start + dt.timedelta(days=i)).isoformat(),
            "description": "d",
            "basis": ["b"],
        }
        for i in range(k)
    ]
    return {
        "name": "many",
        "name_zh": "多值",
        "base": "feicheng",
        "parameters": {"monthly_report_day": entries},
    }


def main(argv: Sequence[str]) -> None:
    """Time the full profile and the growing history."""
    rounds = int(argv[1]) if len(argv) > 1 else 5
    text = policy_to_json(FEICHENG, indent=None)
    doc = json.loads(text)
    base, mapping, full = best(
        [
            lambda: [json.loads(text) for _ in range(20)],
            lambda: [policy_from_mapping(doc) for _ in range(20)],
            lambda: [policy_from_json(text) for _ in range(20)],
        ],
        rounds,
    )
    print(
        f"FEICHENG as JSON ({len(text):,} characters); ms per load, best of {rounds}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(f"  {'json.loads (baseline)':<34} {base / 20 * 1e3:8.3f}  1.00")
    print(f"  {'policy_from_mapping (parsed)':<34} {mapping / 20 * 1e3:8.3f} {mapping / base:5.2f}")
    print(f"  {'policy_from_json':<34} {full / 20 * 1e3:8.3f} {full / base:5.2f}")
    print("one parameter with K dated values (on base feicheng); µs per value")
    first = None
    for k in (1_000, 2_000, 4_000, 8_000):
        document = many_values(k)
        (seconds,) = best([lambda document=document: policy_from_mapping(document)], 1)
        per = seconds / k * 1e6
        first = first or per
        print(
            f"  K = {k:>5,}  {seconds:7.3f} s  {per:8.1f} µs/value  ({per / first:4.1f}× K=1,000)"
        )


if __name__ == "__main__":
    main(sys.argv)
