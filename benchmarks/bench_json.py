"""Benchmark: one-record JSON beside the batch path, per record.

For N child records (default 50,000; the shape of ``bench_models.py``):

* ``batch``: the texts parsed with ``json.loads`` and built with one
  ``kongchuo.from_dicts`` call; back with one ``kongchuo.to_dicts`` call and
  ``json.dumps`` per record (the baseline: the loader and dumper with nothing
  around them);
* ``one by one``: ``kongchuo.from_json(text, Child)`` and ``kongchuo.to_json(child)``
  per record, as a web handler or a queue consumer calls them.

Both build the same children and write the same texts (checked first). Each
figure is the best of 5 passes, the two taking turns, with the garbage collector
on (as callers run). Run::

    python benchmarks/bench_json.py [N]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import kongchuo
from _timing import best

sys.path.insert(0, str(Path(__file__).parent))
from bench_models import make_docs


def main(argv: Sequence[str]) -> None:
    """Check both paths agree, then time them."""
    n = int(argv[1]) if len(argv) > 1 else 50_000
    docs = make_docs(n)
    texts = [json.dumps(d, ensure_ascii=False) for d in docs]
    children = kongchuo.from_dicts(docs, kongchuo.Child)
    if [kongchuo.from_json(t, kongchuo.Child) for t in texts[:1000]] != children[:1000]:
        raise SystemExit("the two load paths disagree")
    written = [json.dumps(d, ensure_ascii=False) for d in kongchuo.to_dicts(children[:1000])]
    if [kongchuo.to_json(c) for c in children[:1000]] != written:
        raise SystemExit("the two write paths disagree")

    # Both keep what they build, as a caller does, so the collector sees the same heap.
    def load_batch() -> object:
        return kongchuo.from_dicts([json.loads(t) for t in texts], kongchuo.Child)

    def load_each() -> object:
        return [kongchuo.from_json(t, kongchuo.Child) for t in texts]

    def dump_batch() -> object:
        return [json.dumps(d, ensure_ascii=False) for d in kongchuo.to_dicts(children)]

    def dump_each() -> object:
        return [kongchuo.to_json(c) for c in children]

    lb, le, db, de = best([load_batch, load_each, dump_batch, dump_each])
    print(f"{n:,} children; µs per record, best of 5; ratio to the batch path")
    print(f"  {'load: json.loads + from_dicts':<36} {lb / n * 1e6:7.2f}  1.00")
    print(f"  {'load: from_json one by one':<36} {le / n * 1e6:7.2f} {le / lb:5.2f}")
    print(f"  {'dump: to_dicts + json.dumps':<36} {db / n * 1e6:7.2f}  1.00")
    print(f"  {'dump: to_json one by one':<36} {de / n * 1e6:7.2f} {de / db:5.2f}")


if __name__ == "__main__":
    main(sys.argv)
