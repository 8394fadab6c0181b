"""Benchmark: the case log — append, verify, check_ledger and ledgers — beside plain loops.

Four measurements, each beside a baseline over the same data in the same run:

* ``append``: grow one case to N events (default 10,000) with ``Case.append``,
  beside a plain loop that appends the same events to a Python list and one that
  writes each event as JSON and chains SHA-256 hashes (the least a hashed log does);
* ``verify``: ``Case.verify`` on that N-event log (chain, machine and date replay),
  and with the policy (closure grounds too), beside a plain SHA-256 hash chain over
  the already-serialised text of the same events; "warm" is the log as appended
  (each event keeps its canonical text), "cold" the same log loaded from JSON;
* ``check_ledger``: on M typical cases (default 100,000: ten events each, built from
  a few templates with distinct case ids), beside a plain loop that reads each
  case's events once;
* ``ledgers``: over the same M cases, beside a plain loop that sorts them into the
  two case ledgers by kind.

Figures are records per second and the ratio to the baseline; median of 3 repeats
with the garbage collector on (it is part of what a user pays). Run::

    python benchmarks/bench_cases.py [N] [M]
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import statistics
import sys
import time
from collections.abc import Callable

import attrs

from kongchuo import cases as kc
from kongchuo import from_json, to_json
from kongchuo.cases._case import _canonical, _reference_canonical  # the chain's text
from kongchuo.policy import FEICHENG

CST = dt.timezone(dt.timedelta(hours=8))
START = dt.date(2025, 9, 8)
PRINCIPAL = kc.Person(role=kc.Role.PRINCIPAL, name="张校长")
MOTHER = kc.Person(role=kc.Role.GUARDIAN, name="王芳")


def _at(day: dt.date) -> dict[str, object]:
    return {
        "occurred_on": day,
        "recorded_at": dt.datetime(day.year, day.month, day.day, 18, tzinfo=CST),
        "recorded_by": "李老师",
    }


def opened(case_id: str = "FC-2025-0001", kind: kc.CaseKind = kc.CaseKind.DROPOUT) -> kc.Case:
    """A case just opened."""
    return kc.Case.open(
        case_id=case_id,
        kind=kind,
        jurisdiction="370983003",
        school_code="3709830031",
        child_ref="local-1",
        identified=kc.Identified(
            **_at(START), method=kc.IdentificationMethod.SCHOOL_REPORT, found_by="班主任"
        ),
    )


def _undecided_visit(day: dt.date) -> kc.PersuasionAttempt:
    """The principal's home visit on ``day``: the mother has not decided yet."""
    return kc.PersuasionAttempt(
        **_at(day),
        method=kc.PersuasionMethod.HOME_VISIT,
        visitors=(PRINCIPAL,),
        met=(MOTHER,),
        result=kc.AttemptResult.UNDECIDED,
        next_step="一周后再次家访",
    )


def long_events(n: int) -> list[kc.Event]:
    """N events a case in persuasion may take: attempts and platform marks, in date order."""
    out: list[kc.Event] = [kc.Verified(**_at(START), confirmed=True, finding="连续缺课，家长确认")]
    for i in range(n - 1):
        day = START + dt.timedelta(days=i // 4)
        if i % 2:
            out.append(kc.ProgressMarked(**_at(day), platform="控辍保学台账系统"))
        else:
            out.append(_undecided_visit(day))
    return out


def typical_case(case_id: str) -> kc.Case:
    """A returned dropout's case of ten events."""
    case = opened(case_id)
    d = START
    for event in (
        kc.Verified(**_at(d), confirmed=True, finding="连续缺课 6 天，家长确认"),
        kc.CauseAnalysed(
            **_at(d + dt.timedelta(days=1)),
            causes={kc.Cause.LEARNING_DIFFICULTY},
            primary=kc.Cause.LEARNING_DIFFICULTY,
            narrative="数学跟不上，产生厌学情绪；父母外出务工，无人督促学习。",
        ),
        kc.PlanMade(
            **_at(d + dt.timedelta(days=1)),
            measures=("结对帮扶",),
            responsible=(PRINCIPAL,),
            target_date=d + dt.timedelta(days=30),
        ),
        _undecided_visit(d + dt.timedelta(days=2)),
        kc.ProgressMarked(**_at(d + dt.timedelta(days=2)), platform="控辍保学台账系统"),
        kc.PersuasionAttempt(
            **_at(d + dt.timedelta(days=9)),
            method=kc.PersuasionMethod.HOME_VISIT,
            visitors=(PRINCIPAL,),
            met=(MOTHER,),
            result=kc.AttemptResult.AGREED_TO_RETURN,
            materials=("承诺书",),
        ),
        kc.ProgressMarked(**_at(d + dt.timedelta(days=9)), platform="控辍保学台账系统"),
        kc.Returned(
            **_at(d + dt.timedelta(days=12)),
            school_code="3709830031",
            grade=7,
            materials=("复学登记表",),
        ),
        kc.ProgressMarked(**_at(d + dt.timedelta(days=12)), platform="控辍保学台账系统"),
    ):
        case = case.append(event)
    return case


def many_cases(m: int) -> list[kc.Case]:
    """M typical cases with distinct ids, sharing their events (as a loader's would not)."""
    template = typical_case("T")
    return [attrs.evolve(template, case_id=f"FC-{i:07d}") for i in range(m)]


def timed(fn: Callable[[], object], repeats: int = 3) -> float:
    """Median seconds of ``repeats`` runs of ``fn``."""
    times = []
    for _ in range(repeats):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def timed_fresh(
    make: Callable[[], kc.Case], fn: Callable[[kc.Case], object], repeats: int = 3
) -> float:
    """Median seconds of ``fn`` on a fresh ``make()`` each time (``make`` untimed)."""
    times = []
    for _ in range(repeats):
        gc.collect()
        value = make()
        t0 = time.perf_counter()
        fn(value)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def row(name: str, count: int, seconds: float, base: float) -> None:
    """One line: records per second and the ratio to the baseline."""
    rate = count / seconds
    print(f"  {name:<52} {rate:>12,.0f} /s  {seconds * 1e3:>9.1f} ms  {seconds / base:>6.2f}x")


def main(n: int = 10_000, m: int = 100_000) -> None:  # noqa: C901, PLR0915 - four measurements
    """Run the four measurements and print the table."""
    one, five, fifteen = os.getloadavg()  # what uptime prints
    print(f"machine load average (1, 5, 15 min): {one:.2f}, {five:.2f}, {fifteen:.2f}")
    events = long_events(n)
    first = opened()

    def append_all() -> kc.Case:
        case = first
        for event in events:
            case = case.append(event)
        return case

    def list_all() -> list[kc.Event]:
        out: list[kc.Event] = []
        for event in events:
            out.append(event)  # noqa: PERF402 - the baseline is the plain loop
        return out

    def json_chain_all() -> list[str]:
        out: list[str] = []
        prev = "0" * 64
        for i, event in enumerate(events):
            text = _reference_canonical(event)
            prev = hashlib.sha256(f"{prev}\n{i}\n{text}".encode()).hexdigest()
            out.append(prev)
        return out

    print(f"append {n:,} events (ratios to the JSON + SHA-256 chain)")
    chain = timed(json_chain_all)
    row("plain list append", n, timed(list_all), chain)
    row("plain loop: json.dumps + SHA-256 chain (baseline)", n, chain, chain)
    row("Case.append", n, timed(append_all, repeats=1), chain)

    case = append_all()
    texts = [_canonical(e.event) for e in case.entries]

    def plain_chain() -> str:
        prev = "0" * 64
        for i, text in enumerate(texts):
            prev = hashlib.sha256(f"{prev}\n{i}\n{text}".encode()).hexdigest()
        return prev

    def verify_with_policy() -> object:
        return case.verify(policy=FEICHENG)

    doc = to_json(case)
    from_json(doc, kc.Case)  # warm-up: the loaders are compiled and the date table built once

    def load() -> kc.Case:
        return from_json(doc, kc.Case)

    def load_and_verify() -> object:
        return from_json(doc, kc.Case).verify()

    print(f"verify a {len(case.entries):,}-event log")
    base = timed(plain_chain)
    row("plain SHA-256 chain over serialised text (baseline)", len(texts), base, base)
    row("Case.verify() (warm: as appended)", len(texts), timed(case.verify), base)
    row("Case.verify(policy=FEICHENG) (warm)", len(texts), timed(verify_with_policy), base)
    row("from_json alone", len(texts), timed(load), base)
    row(
        "Case.verify() on a log just loaded (load untimed)",
        len(texts),
        timed_fresh(load, kc.Case.verify),
        base,
    )
    row("from_json + Case.verify() (cold)", len(texts), timed(load_and_verify), base)

    cases = many_cases(m)
    as_of = START + dt.timedelta(days=20)

    def read_events() -> int:
        total = 0
        for c in cases:
            for e in c.entries:
                total += e.event.occurred_on <= as_of
        return total

    def ledger_all() -> int:
        return sum(kc.check_ledger(c, as_of=as_of, policy=FEICHENG).ok for c in cases)

    print(f"check_ledger on {m:,} cases of {len(cases[0].entries)} events")
    base = timed(read_events)
    row("plain loop over every event (baseline)", m, base, base)
    row("check_ledger", m, timed(ledger_all, repeats=1), base)

    def sort_cases() -> tuple[int, int]:
        suspected = dropouts = 0
        for c in cases:
            if c.entries and c.entries[0].event.occurred_on <= as_of:
                if c.kind is kc.CaseKind.SUSPECTED_DROPOUT:
                    suspected += 1
                else:
                    dropouts += 1
        return suspected, dropouts

    def ledger_views() -> object:
        return kc.ledgers([], cases, school_year=2025, as_of=as_of, policy=FEICHENG)

    print(f"ledgers() over {m:,} cases")
    base = timed(sort_cases)
    row("plain loop sorting cases by kind (baseline)", m, base, base)
    row("ledgers", m, timed(ledger_views, repeats=1), base)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
