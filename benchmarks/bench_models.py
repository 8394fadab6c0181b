"""Benchmark: build children from dicts and back, beside hand-written code and msgspec.

Builds N child records (default 1,000,000) of the shape other systems send —
an ID number, name, sex, birth date, two region codes, a jurisdiction, a set of
special groups, one or two nested guardians, a retention date — and converts them:

* ``hand``: a hand-written function into a frozen attrs class of the same fields,
  with enums looked up and dates parsed but **no validation** (the baseline);
* ``cattrs``: cattrs' default converter into the same attrs class (no validation);
* ``kongchuo``: ``kongchuo.from_dicts`` into :class:`kongchuo.Child` with **full
  validation** (ID check character and date, birth date and sex against the ID,
  codes, phones, unknown keys, cross-field rules); it pauses the GC itself;
* ``kongchuo/each``: ``kongchuo.from_dict`` called per record (the GC as set);
* ``msgspec``: ``msgspec.convert`` into frozen Structs (types only).

And back to dicts: hand-written, ``kongchuo.to_dicts`` and ``msgspec.to_builtins``.
Each is timed with the garbage collector on and off, interleaved, best of
``--repeat`` runs. Peak memory (tracemalloc, a separate pass) is reported per record.

Run: ``python benchmarks/bench_models.py -n 100000`` (N is the first argument).
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import gc
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
import msgspec
from stdnum.cn import ric

import kongchuo
from _timing import collector

GROUPS = [g.value for g in kongchuo.SpecialGroup]
REGIONS = ["370983", "370902", "370911", "370921", "370923"]
UNITS = ["370983001", "370983002", "370983003", "370983101", "370983-KQ"]


def make_docs(n: int, seed: int = 2024) -> list[dict[str, Any]]:
    """N child documents with distinct, valid ID numbers."""
    rnd = random.Random(seed)
    start = dt.date(2009, 9, 1)
    docs = []
    for i in range(n):
        birth = start + dt.timedelta(days=rnd.randrange(365 * 10))
        body = f"{rnd.choice(REGIONS)}{birth:%Y%m%d}{i % 1000:03d}"
        rid = body + ric.calc_check_digit(body + "0")
        guardians = [
            {
                "relationship": "father",
                "name": "张强",
                "phone": f"13{rnd.randrange(10**9):09d}",
                "working_away": rnd.random() < 0.3,
            }
        ]
        if rnd.random() < 0.5:
            guardians.append({"relationship": "mother", "name": "李梅", "phone": None})
        docs.append(
            {
                "$schema_version": kongchuo.SCHEMA_VERSION,
                "resident_id": rid,
                "name": "张小明",
                "sex": "male" if int(rid[16]) % 2 else "female",
                "birth_date": birth.isoformat(),
                "household_region": rnd.choice(REGIONS),
                "residence_region": rnd.choice(REGIONS),
                "rural_household": rnd.random() < 0.6,
                "jurisdiction": rnd.choice(UNITS),
                "special_groups": sorted(rnd.sample(GROUPS, rnd.choice((0, 0, 0, 1, 1, 2)))),
                "guardians": guardians,
                "retain_until": f"{birth.year + 19}-08-31",
            }
        )
    return docs


# -- the hand-written baseline: same fields, no validation ------------------------


class HSex(enum.Enum):
    """Sex, for the baseline."""

    MALE = "male"
    FEMALE = "female"


HGroup = enum.Enum("HGroup", {g.upper(): g for g in GROUPS})  # type: ignore[misc]


@attrs.frozen(kw_only=True)
class HGuardian:
    """The same fields as :class:`kongchuo.Guardian`, without checks."""

    relationship: str
    name: str
    phone: str | None = None
    working_away: bool = False
    carer: Any = None
    status: str = "active"
    status_since: dt.date | None = None
    status_until: dt.date | None = None


@attrs.frozen(kw_only=True)
class HChild:
    """The same fields as :class:`kongchuo.Child`, so that both build as many slots."""

    resident_id: str
    student_number: str | None = None
    name: str
    sex: HSex
    birth_date: dt.date
    household_region: str
    residence_region: str
    rural_household: bool | None
    jurisdiction: str
    special_groups: frozenset[Any]
    memberships: tuple[Any, ...] = ()
    guardians: tuple[HGuardian, ...]
    legal_basis: str = "statutory_duty"
    retain_until: dt.date


_SEX = {m.value: m for m in HSex}
_GROUP = {m.value: m for m in HGroup}
_date = dt.date.fromisoformat


def hand_from(d: dict[str, Any]) -> HChild:
    """Hand-written conversion: look-ups and parsing, no validation."""
    return HChild(
        resident_id=d["resident_id"],
        name=d["name"],
        sex=_SEX[d["sex"]],
        birth_date=_date(d["birth_date"]),
        household_region=d["household_region"],
        residence_region=d["residence_region"],
        rural_household=d.get("rural_household"),
        jurisdiction=d["jurisdiction"],
        special_groups=frozenset([_GROUP[g] for g in d["special_groups"]]),
        guardians=tuple([HGuardian(**g) for g in d["guardians"]]),
        retain_until=_date(d["retain_until"]),
    )


def hand_to(c: HChild) -> dict[str, Any]:
    """Hand-written conversion back to a JSON-ready dict."""
    return {
        "resident_id": c.resident_id,
        "student_number": c.student_number,
        "name": c.name,
        "sex": c.sex.value,
        "birth_date": c.birth_date.isoformat(),
        "household_region": c.household_region,
        "residence_region": c.residence_region,
        "rural_household": c.rural_household,
        "jurisdiction": c.jurisdiction,
        "special_groups": sorted(g.value for g in c.special_groups),
        "memberships": list(c.memberships),
        "guardians": [
            {
                "relationship": g.relationship,
                "name": g.name,
                "phone": g.phone,
                "working_away": g.working_away,
                "carer": g.carer,
                "status": g.status,
                "status_since": g.status_since and g.status_since.isoformat(),
                "status_until": g.status_until and g.status_until.isoformat(),
            }
            for g in c.guardians
        ],
        "legal_basis": c.legal_basis,
        "retain_until": c.retain_until.isoformat(),
    }


_CATTRS = cattrs.Converter()
_CATTRS.register_structure_hook(dt.date, lambda v, _: dt.date.fromisoformat(v))


# -- msgspec ------------------------------------------------------------------------


class MGuardian(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A guardian as a msgspec Struct."""

    relationship: str
    name: str
    phone: str | None = None
    working_away: bool = False


class MChild(msgspec.Struct, frozen=True, rename={"schema_version": "$schema_version"}):
    """A child as a msgspec Struct (types only)."""

    resident_id: str
    name: str
    sex: HSex
    birth_date: dt.date
    household_region: str
    residence_region: str
    rural_household: bool | None
    jurisdiction: str
    special_groups: frozenset[HGroup]  # type: ignore[valid-type]
    guardians: tuple[MGuardian, ...]
    retain_until: dt.date
    schema_version: int = 2


# -- measuring ------------------------------------------------------------------------


def _timed(fn: Callable[[], Any], *, gc_on: bool) -> tuple[float, Any]:
    with collector(on=gc_on):
        start = time.perf_counter()
        out = fn()
        return time.perf_counter() - start, out


def _peak(fn: Callable[[], Any]) -> tuple[int, int]:
    """Peak and retained bytes of fn's result (tracemalloc, GC off)."""
    gc.collect()
    gc.disable()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        out = fn()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        gc.enable()
    del out
    return peak - before, current - before


def _measure(
    cases: dict[str, Callable[[], Any]], repeat: int, best: dict[tuple[str, bool], float]
) -> None:
    """Time every case with the GC on and off, interleaved; keep the best of each."""
    for fn in cases.values():  # warm up: compile loaders, fill the caches
        fn()
    for _ in range(repeat):
        for name, fn in cases.items():
            for gc_on in (True, False):
                seconds, out = _timed(fn, gc_on=gc_on)
                del out
                print(f"  {name}, GC {'on' if gc_on else 'off'}: {seconds:.2f} s", file=sys.stderr)
                key = (name, gc_on)
                best[key] = min(best.get(key, float("inf")), seconds)


def _table(title: str, names: list[str], base: str, n: int, best: dict[Any, float]) -> None:
    print()
    print(
        f"| {title} | µs/rec GC on | µs/rec GC off | rec/s GC on | vs hand GC on | vs hand GC off |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name in names:
        on, off = best[(name, True)], best[(name, False)]
        print(
            f"| {name} | {on / n * 1e6:.2f} | {off / n * 1e6:.2f} | {n / on:,.0f} | "
            f"{on / best[(base, True)]:.2f}x | {off / best[(base, False)]:.2f}x |"
        )


def _memory(docs: list[dict[str, Any]]) -> None:
    m = len(docs)
    print()
    print(f"| memory ({m:,} records, GC off) | peak B/rec | retained B/rec |")
    print("|---|---:|---:|")
    for name, fn in [
        ("hand", lambda: [hand_from(d) for d in docs]),
        ("kongchuo.from_dicts", lambda: kongchuo.from_dicts(docs, kongchuo.Child)),
        ("msgspec.convert", lambda: msgspec.convert(docs, list[MChild])),
    ]:
        peak, kept = _peak(fn)
        print(f"| {name} | {peak / m:,.0f} | {kept / m:,.0f} |")


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print Markdown tables."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000_000, help="records")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (best kept)")
    parser.add_argument("--memory-n", type=int, default=200_000, help="records for memory")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory pass")
    args = parser.parse_args(argv)
    n = args.n
    print(
        f"Python {sys.version.split()[0]}; kongchuo {kongchuo.__version__}, "
        f"attrs {attrs.__version__}, msgspec {msgspec.__version__}; N = {n:,}"
    )
    docs = make_docs(n)
    # cattrs' default converter does not know the version key: give it plain documents.
    plain = [{k: v for k, v in d.items() if k != "$schema_version"} for d in docs]
    child = kongchuo.Child
    build: dict[str, Callable[[], Any]] = {
        "hand (no validation)": lambda: [hand_from(d) for d in docs],
        "cattrs default (no validation)": lambda: [_CATTRS.structure(d, HChild) for d in plain],
        "kongchuo.from_dicts (full validation)": lambda: kongchuo.from_dicts(docs, child),
        "kongchuo.from_dict per record": lambda: [kongchuo.from_dict(d, child) for d in docs],
        "msgspec.convert (types only)": lambda: msgspec.convert(docs, list[MChild]),
    }
    best: dict[tuple[str, bool], float] = {}
    _measure(build, args.repeat, best)

    objects = {
        "hand": [hand_from(d) for d in docs],
        "kongchuo": kongchuo.from_dicts(docs, child),
        "msgspec": msgspec.convert(docs, list[MChild]),
    }
    if (
        kongchuo.from_dicts(kongchuo.to_dicts(objects["kongchuo"][:1000]), child)
        != (objects["kongchuo"][:1000])
    ):
        raise SystemExit("round trip failed")
    back: dict[str, Callable[[], Any]] = {
        "hand to dict": lambda: [hand_to(c) for c in objects["hand"]],
        "kongchuo.to_dicts": lambda: kongchuo.to_dicts(objects["kongchuo"]),
        "kongchuo.to_dict per record": lambda: [kongchuo.to_dict(c) for c in objects["kongchuo"]],
        "msgspec.to_builtins": lambda: msgspec.to_builtins(objects["msgspec"]),
    }
    _measure(back, args.repeat, best)
    objects.clear()

    _table("dict -> object", list(build), "hand (no validation)", n, best)
    _table("object -> dict", list(back), "hand to dict", n, best)
    if not args.no_memory:
        _memory(docs[: min(n, args.memory_n)])
    ours = "kongchuo.from_dicts (full validation)"
    on = best[(ours, True)] / best[("hand (no validation)", True)]
    off = best[(ours, False)] / best[("hand (no validation)", False)]
    print()
    print(f"kongchuo.from_dicts / hand-written: {on:.2f}x (caller's GC on), {off:.2f}x (GC off)")


if __name__ == "__main__":
    main()
