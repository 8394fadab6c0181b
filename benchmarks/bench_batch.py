"""Benchmark the batch layer on a generated county: intake, census, 三比对, JSON Lines.

Run: ``python benchmarks/bench_batch.py --children 100000`` (a county) or
``--province`` (1,000,000 children, about 950,000 registrations and a month of
school days as absence records: a few minutes and a few GB). Every figure is
printed beside a baseline measured in the same process:

* with ``--columnar``: the columnar path end to end from CSV files — read into
  columns, intake with ``engine="polars"`` (every row accounted for), census,
  reconcile — beside polars reading the same four files and running the
  registration join, each in a forked copy of a small process (the feeds are
  generated and written in another copy), with the peak RSS of each copy;
  ``--rows-each N`` pads the four feeds to N rows each;

* intake (row by row, normalising, row results) beside ``kongchuo.from_dicts`` on
  the same rows already clean (the library's all-or-nothing bulk loader);
* reconcile (every comparison, absence runs, bands), with each engine (pure
  Python, and polars: the ``columnar`` extra), beside a plain-dict join and a
  polars join of the registration comparison, the latter with and without the
  build of its frames;
* JSON Lines of the children beside msgspec with the same ID checks, with the time
  of the msgspec codec split into its parts (write mirrors, encoding, the text;
  decoding to the typed mirrors, the checked build of the records); ``--jsonl-only``
  runs this phase alone, on the children of the household feed's intake.

Memory is the maximum resident set size (``resource.getrusage``, ``ru_maxrss``):
of the whole process after each phase, and for reconciliation and the joins, of a
forked copy of the process that runs only that phase (its peak, and the resident
size it started from, which holds the inputs). The forks run before polars is
imported here, so no thread pool is forked.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import kongchuo
from kongchuo import Attendance, ChinaCalendar, Registration, ResidentId, regions
from kongchuo._models.base import gc_paused
from kongchuo.batch import (
    Census,
    Feed,
    build_census,
    intake,
    read_jsonl,
    reconcile,
    rows_from_mappings,
    synthetic_feeds,
    write_jsonl,
)
from kongchuo.policy import FEICHENG

sys.path.insert(0, str(Path(__file__).parent))
from _timing import best


def peak_mib() -> float:
    """The process's peak resident set size so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mib() -> float:
    """The process's resident set size now, in MiB."""
    with open("/proc/self/statm") as statm:  # noqa: PTH123 - Linux only, like the figures
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def forked_peak(fn: Callable[[], Any]) -> tuple[float, float]:
    """Run ``fn`` in a forked copy of the process: (RSS at the start, peak RSS), MiB.

    A forked process starts with the parent's resident set as its peak, so the
    difference is what the phase itself adds.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy
        os.close(read)
        start = rss_mib()
        try:
            fn()
        except Exception:  # noqa: BLE001 - such as polars missing: no figure
            os._exit(1)
        os.write(write, f"{start} {peak_mib()}".encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        text = pipe.read().split()
    os.waitpid(pid, 0)
    if not text:
        return float("nan"), float("nan")
    start, peak = (float(x) for x in text)
    return start, peak


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Run ``fn`` once; return its wall time and result."""
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def line(label: str, seconds: float, rows: int, baseline: float | None = None) -> None:
    """Print one figure: time, rows per second, ratio to the baseline, peak memory."""
    ratio = f"  {seconds / baseline:5.2f}x baseline" if baseline else ""
    print(
        f"  {label:<44} {seconds:8.2f} s {rows / seconds if seconds else 0:12,.0f} rows/s"
        f"{ratio}  peak {peak_mib():7,.0f} MiB"
    )


def plain_join(
    census: Census, regs: list[Registration], marks: list[Attendance], as_of: dt.date
) -> dict[str, int]:
    """The registration comparison as a plain dict/set join on the built objects."""
    active = {k for k, e in census.entries.items() if e.status.counts}
    gone = {k for k, e in census.entries.items() if not e.status.counts}
    schools: dict[str, list[str]] = {}
    for r in regs:
        if r.status.on_roll and r.effective_from <= as_of:
            schools.setdefault(census.key_of(r.student_number), []).append(r.school)
    attending: dict[str, set[str]] = {}
    for m in marks:
        attending.setdefault(census.key_of(m.student_number), set()).add(m.school)
    return {
        "never_enrolled": len(active - schools.keys()),
        "duplicate": sum(1 for v in schools.values() if len(v) > 1),
        "phantom": len(gone & schools.keys()),
        "mismatch": sum(
            1 for k, s in attending.items() if k in schools and not s & set(schools[k])
        ),
        "unregistered": len(attending.keys() - schools.keys()),
    }


def _compare(people: Any, roll: Any, seen: Any) -> list[int]:  # noqa: ANN401 - polars frames
    """The registration comparison that both polars baselines time, on ready frames.

    Returns the counts never registered, duplicate, phantom, registered elsewhere and
    unregistered.
    """
    import polars as pl

    roll = roll.filter(pl.col("on_roll"))
    active = people.filter(pl.col("counts"))
    never = active.join(roll, on="key", how="anti").height
    dup = roll.group_by("key").len().filter(pl.col("len") > 1).height
    phantom = people.filter(~pl.col("counts")).join(roll, on="key", how="semi").height
    both = seen.unique().join(roll.select("key", "school"), on="key", how="left", suffix="_reg")
    per = both.group_by("key").agg(
        (pl.col("school") == pl.col("school_reg")).any().alias("match"),
        pl.col("school_reg").is_null().all().alias("unreg"),
    )
    mismatch = per.filter(~pl.col("match") & ~pl.col("unreg")).height
    unregistered = per.filter(pl.col("unreg")).height
    return [never, dup, phantom, mismatch, unregistered]


def polars_join(
    census: Census, regs: list[Registration], marks: list[Attendance], as_of: dt.date
) -> tuple[float, float]:
    """The same comparison in polars: (seconds with frame build, seconds on ready frames)."""
    import polars as pl

    start = time.perf_counter()
    people = pl.DataFrame(
        {
            "key": list(census.entries),
            "counts": [e.status.counts for e in census.entries.values()],
        }
    )
    roll = pl.DataFrame(
        {
            "key": [census.key_of(r.student_number) for r in regs],
            "school": [r.school for r in regs],
            "on_roll": [r.status.on_roll and r.effective_from <= as_of for r in regs],
        }
    )
    seen = pl.DataFrame(
        {
            "key": [census.key_of(m.student_number) for m in marks],
            "school": [m.school for m in marks],
        }
    )
    built = time.perf_counter()
    _compare(people, roll, seen)
    done = time.perf_counter()
    return done - start, done - built


def reconcile_phase(  # noqa: C901, PLR0912, PLR0917 - one phase, memory then time
    census: Census,
    regs: list[Registration],
    marks: list[Attendance],
    county: Any,  # noqa: ANN401 - a SyntheticCounty
    calendar: ChinaCalendar,
    repeat: int,
) -> None:
    """Reconcile with each engine beside the two joins: memory, then time."""
    kw = {
        "as_of": county.as_of,
        "since": county.since,
        "policy": FEICHENG,
        "calendar": calendar,
        "schools": county.schools,
    }

    def run(engine: str) -> Any:  # noqa: ANN401 - a Reconciliation
        return reconcile(census, regs, marks, engine=engine, **kw)  # type: ignore[arg-type]

    phases: list[tuple[str, Callable[[], Any]]] = [
        ("reconcile, engine python", lambda: run("python")),
        ("reconcile, engine polars", lambda: run("polars")),
        ("baseline plain dict/set join", lambda: plain_join(census, regs, marks, county.as_of)),
        (
            "baseline polars join incl. frame build",
            lambda: polars_join(census, regs, marks, county.as_of),
        ),
    ]
    print(
        f"reconcile {len(census):,} children, {len(regs):,} registrations, "
        f"{len(marks):,} absence records; memory of each phase alone (forked copy):"
    )
    gc.collect()
    gc.freeze()  # the copies share the objects' pages instead of collecting them
    for label, fn in phases:
        start, peak = forked_peak(fn)
        print(
            f"  {label:<44} peak RSS {peak:7,.0f} MiB, {peak - start:+6,.0f} MiB over the "
            f"{start:,.0f} MiB it started from (inputs and all held before)"
        )
    gc.unfreeze()
    print("reconcile beside the registration comparison as a join (same run, best of each):")
    try:
        import polars  # noqa: F401, ICN001 - warmed outside the timings
    except ImportError:
        has_polars = False
    else:
        has_polars = True
    best: dict[str, float] = {}
    results: dict[str, Any] = {}
    for _ in range(max(1, repeat)):
        for label, fn in phases:
            if "polars" in label and not has_polars:
                continue
            gc.collect()
            if label.startswith("baseline polars"):
                seconds, ready = polars_join(census, regs, marks, county.as_of)
                best["ready"] = min(best.get("ready", ready), ready)
            else:
                seconds, results[label] = timed(fn)
            best[label] = min(best.get(label, seconds), seconds)
    result = results["reconcile, engine python"]
    if has_polars:
        assert results["reconcile, engine polars"] == result  # noqa: S101 - the same result
        reference = best["baseline polars join incl. frame build"]
    else:
        reference = best["baseline plain dict/set join"]
    plain = best["baseline plain dict/set join"]
    for label in ("reconcile, engine python", "reconcile, engine polars"):
        if label in best:
            found = f"{label} ({len(result.discrepancies):,} found)"
            line(found, best[label], len(census), reference)
            print(f"{'':48}{best[label] / plain:5.2f}x the plain join")
    line("  baseline plain dict/set join", plain, len(census))
    if has_polars:
        line("  baseline polars join incl. frame build", reference, len(census))
        line("  baseline polars join on ready frames", best["ready"], len(census))
    else:
        print("  (polars not installed: pip install 'kongchuo[columnar]')")
    print("  found:", {k.value: v for k, v in result.counts().items()})
    del results


def jsonl_phase(children: list[kongchuo.Child], *, with_json: bool, rounds: int = 3) -> None:  # noqa: PLR0915
    """JSON Lines of the children beside msgspec Structs with the same ID checks.

    Every timing here runs with the collector paused, as the library's paths do. The
    msgspec codec and the baseline run interleaved, best of ``rounds`` (so both meet
    the same load and neither pays alone for the first use of fresh memory).
    ``with_json`` adds the standard-library codec and where its time goes.
    """
    print(
        f"JSON Lines of {len(children):,} children beside msgspec with the same ID checks "
        f"(collector paused in every timing; best of {rounds} interleaved runs):"
    )
    fast = io.StringIO()
    write_jsonl(children, fast, codec="auto")
    text = fast.getvalue()
    del fast
    assert read_jsonl(io.StringIO(text), kongchuo.Child) == children  # noqa: S101 - a benchmark checks its own round trip
    per = None
    if with_json:
        buf = io.StringIO()
        with gc_paused():
            write_s, _ = timed(lambda out=buf: write_jsonl(children, out, codec="json"))
        assert buf.getvalue() == text  # noqa: S101 - the same bytes either way
        del buf
        with gc_paused():
            read_s, loaded = timed(
                lambda: read_jsonl(io.StringIO(text), kongchuo.Child, codec="json")
            )
        assert loaded == children  # noqa: S101
        del loaded
        with gc_paused():
            unstructure_s, docs = timed(lambda: kongchuo.to_dicts(children))
            encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
            encode_s, lines = timed(lambda docs=docs: [encoder(d) for d in docs])
            decode_s, parsed = timed(lambda lines=lines: [json.loads(x) for x in lines])
            structure_s, _ = timed(
                lambda parsed=parsed: kongchuo.from_dicts(parsed, kongchuo.Child)
            )
        del docs, lines, parsed
        line("write_jsonl (codec json)", write_s, len(children))
        line("  of which to_dicts (unstructure + version stamp)", unstructure_s, len(children))
        line("  of which json encode", encode_s, len(children))
        line("read_jsonl (codec json)", read_s, len(children))
        line("  of which json decode", decode_s, len(children))
        line("  of which from_dicts (checks incl. ID)", structure_s, len(children))
        per = (write_s + read_s) / len(children) * 1e6
    try:
        import msgspec
    except ImportError:
        print("  (msgspec not installed)")
        return

    class Kid(msgspec.Struct):
        resident_id: str | None
        name: str
        sex: str
        birth_date: str
        household_region: str
        residence_region: str
        jurisdiction: str
        retain_until: str
        special_groups: list[str] = []

    kids = [
        Kid(
            resident_id=c.resident_id.value if c.resident_id else None,
            name=c.name,
            sex=c.sex.value,
            birth_date=c.birth_date.isoformat(),
            household_region=c.household_region,
            residence_region=c.residence_region,
            jurisdiction=c.jurisdiction,
            retain_until=c.retain_until.isoformat(),
            special_groups=sorted(g.value for g in c.special_groups),
        )
        for c in children
    ]
    enc = msgspec.json.Encoder()
    dec = msgspec.json.Decoder(Kid)
    data = b"\n".join(enc.encode(k) for k in kids)

    def ms_write() -> bytes:
        return b"\n".join(enc.encode(k) for k in kids)

    def ms_read() -> list[Kid]:
        out = [dec.decode(x) for x in data.split(b"\n")]
        for k in out:
            if k.resident_id is not None:
                ResidentId.parse(k.resident_id)
        return out

    raw = text.encode()
    with gc_paused():
        fast_write_s, bin_write_s, ms_write_s = best(
            [
                lambda: write_jsonl(children, io.StringIO(), codec="auto"),
                lambda: write_jsonl(children, io.BytesIO(), codec="auto"),
                ms_write,
            ],
            rounds,
        )
        fast_read_s, bin_read_s, ms_read_s = best(
            [
                lambda: read_jsonl(io.StringIO(text), kongchuo.Child),
                lambda raw=raw: read_jsonl(io.BytesIO(raw), kongchuo.Child),
                ms_read,
            ],
            rounds,
        )
    del raw
    with gc_paused():  # where the msgspec codec's time goes: its typed path
        from kongchuo._models import compiled

        dump = compiled.typed_dumper(kongchuo.Child, top=True)
        encoder = msgspec.json.Encoder()
        mirrors_s, mirrors = timed(lambda: [dump(c) for c in children])
        lines_s, encoded = timed(lambda mirrors=mirrors: encoder.encode_lines(mirrors))
        text_s, _ = timed(lambda encoded=encoded: encoded.decode())
        del mirrors, encoded
        decoder = msgspec.json.Decoder(compiled.mirror(kongchuo.Child))
        rows = text.splitlines()
        decode_s, parsed = timed(lambda rows=rows: [decoder.decode(x) for x in rows])
        build = compiled.typed_loader(kongchuo.Child)
        none: frozenset[str] = frozenset()
        build_s, _ = timed(lambda parsed=parsed: [build(x, none) for x in parsed])
    del rows, parsed
    line("write_jsonl (codec auto: msgspec)", fast_write_s, len(children), ms_write_s)
    line("  of which the write mirrors (typed dumper)", mirrors_s, len(children))
    line("  of which msgspec encode_lines", lines_s, len(children))
    line("  of which bytes to text (the file is text)", text_s, len(children))
    line("read_jsonl (codec auto: msgspec)", fast_read_s, len(children), ms_read_s)
    line("  of which msgspec decode to the typed mirrors", decode_s, len(children))
    line("  of which the typed loader (checks incl. ID)", build_s, len(children))
    line("write_jsonl (msgspec) to a binary file", bin_write_s, len(children), ms_write_s)
    line("read_jsonl (msgspec) from a binary file", bin_read_s, len(children), ms_read_s)
    line("  baseline msgspec Structs write", ms_write_s, len(kids))
    line("  baseline msgspec Structs read + ResidentId.parse", ms_read_s, len(kids))
    ms_per = (ms_write_s + ms_read_s) / len(kids) * 1e6
    fast_per = (fast_write_s + fast_read_s) / len(children) * 1e6
    bin_per = (bin_write_s + bin_read_s) / len(children) * 1e6
    json_part = f"kongchuo json {per:.1f} µs/record ({per / ms_per:.2f}x), " if per else ""
    print(
        f"  round trip: {json_part}"
        f"kongchuo msgspec codec {fast_per:.1f} µs/record ({fast_per / ms_per:.2f}x), "
        f"binary files {bin_per:.1f} µs/record ({bin_per / ms_per:.2f}x), "
        f"msgspec Structs {ms_per:.1f} µs/record; {len(text.encode()) / len(children):.0f} "
        "bytes per line"
    )


def write_feeds(n: int, seed: int, folder: str, rows_each: int | None) -> dict[str, Any]:
    """Generate the county and write its feeds as CSV files (UTF-8 with BOM); not timed.

    ``rows_each`` pads the household, registration, attendance and poverty feeds
    to that many rows by repeating rows (repeated attendance rows are the same day
    logged twice; repeated poverty rows merge as one membership).
    """
    import csv

    county = synthetic_feeds(n, seed=seed)
    sizes: dict[str, int] = {}
    for feed, given in county.rows.items():
        rows = given
        if rows_each and feed in FOUR and 0 < len(given) < rows_each:
            rows = [given[i % len(given)] for i in range(rows_each)]
        path = os.path.join(folder, f"{feed.value}.csv")  # noqa: PTH118
        with open(path, "w", encoding="utf-8-sig", newline="") as out:  # noqa: PTH123
            if rows:
                writer = csv.DictWriter(out, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(rows)
        sizes[feed.value] = len(rows)
    return {
        "sizes": sizes,
        "as_of": county.as_of.isoformat(),
        "since": county.since.isoformat(),
        "schools": [(s.code, s.name, s.kind.value, s.jurisdiction) for s in county.schools],
    }


FOUR = (Feed.HOUSEHOLD, Feed.REGISTRATION, Feed.ATTENDANCE, Feed.POVERTY)


def in_fork(fn: Callable[[], Any]) -> Any:  # noqa: ANN401 - what fn returns, as JSON
    """Run ``fn`` in a forked copy; its JSON result, with the copy's peak RSS (MiB) added."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy
        os.close(read)
        try:
            out = {"result": fn(), "peak": peak_mib(), "start_rss": START_RSS}
        except Exception as exc:  # noqa: BLE001 - reported, not raised, across the fork
            out = {"error": f"{type(exc).__name__}: {exc}"}
        with os.fdopen(write, "w") as pipe:
            pipe.write(json.dumps(out))
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        text = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(text) if text else {"error": "no result"}


START_RSS = 0.0


def school_registry(meta: dict[str, Any]) -> tuple[Any, ...]:
    """The county's schools, from the generated feeds' metadata."""
    from kongchuo import School, SchoolKind

    return tuple(
        School(code=c, name=nm, kind=SchoolKind(k), jurisdiction=j)
        for c, nm, k, j in meta["schools"]
    )


def reconcile_files(census: Any, taken: dict[Feed, Any], meta: dict[str, Any]) -> Callable[[], Any]:  # noqa: ANN401
    """The ``reconcile`` call of the runs from the files (polars, the schools, a warm calendar)."""
    schools = school_registry(meta)
    as_of = dt.date.fromisoformat(meta["as_of"])
    calendar = ChinaCalendar()
    calendar.is_workday(as_of)  # warm the calendar's tables outside the clock

    def run() -> Any:  # noqa: ANN401 - a Reconciliation
        return reconcile(
            census,
            taken[Feed.REGISTRATION],
            taken[Feed.ATTENDANCE],
            as_of=as_of,
            since=dt.date.fromisoformat(meta["since"]),
            policy=FEICHENG,
            calendar=calendar,
            schools=schools,
            engine="polars",
        )

    return run


def columnar_run(folder: str, meta: dict[str, Any]) -> dict[str, Any]:
    """Intake (polars) → census → reconcile from the files, each phase timed; run in a fork."""
    import polars as pl  # noqa: F401 - imported here, in the copy, before the clock starts

    from kongchuo.batch import read_columns

    schools = school_registry(meta)
    as_of = dt.date.fromisoformat(meta["as_of"])
    common = {
        "as_of": as_of,
        "policy": FEICHENG,
        "jurisdictions": regions.FEICHENG_UNITS,
        "schools": schools,
    }
    out: dict[str, Any] = {"phases": []}
    taken = {}
    gc.collect()
    for feed in Feed:
        path = os.path.join(folder, f"{feed.value}.csv")  # noqa: PTH118
        start = time.perf_counter()
        table = read_columns(path)
        read_s = time.perf_counter() - start
        result = intake(table, feed, source=f"{feed.value}.csv", engine="polars", **common)
        seconds = time.perf_counter() - start
        taken[feed] = result
        if feed in FOUR:
            out["phases"].append(
                {
                    "label": f"intake {feed.value}",
                    "rows": len(table),
                    "seconds": seconds,
                    "read": read_s,
                    "rejected": result.counts()[kongchuo.batch.RowOutcome.REJECTED],
                    "rss": rss_mib(),
                }
            )
    start = time.perf_counter()
    census = build_census(*taken.values())
    counts = census.counts()
    seconds = time.perf_counter() - start
    out["phases"].append(
        {
            "label": f"build_census ({len(census):,} children)",
            "rows": sum(counts.values()),
            "seconds": seconds,
            "rss": rss_mib(),
        }
    )
    run = reconcile_files(census, taken, meta)
    # Best of two, as the baselines' joins are timed (the first result is let go
    # before the second run starts, so its freeing is not timed).
    seconds = float("inf")
    for attempt in range(2):
        if attempt:
            del result
            gc.collect()
        start = time.perf_counter()
        result = run()
        seconds = min(seconds, time.perf_counter() - start)
    out["phases"].append(
        {
            "label": f"reconcile, engine polars ({len(result.discrepancies):,} found)",
            "rows": len(census),
            "seconds": seconds,
            "rss": rss_mib(),
        }
    )
    out["found"] = {k.value: v for k, v in result.counts().items()}
    # What the first reader pays for what reconcile leaves to be built (collector on,
    # as a caller has it): every band, then every finding.
    start = time.perf_counter()
    bands = len(tuple(result.bands))
    out["read_bands"] = (time.perf_counter() - start, bands)
    start = time.perf_counter()
    findings = sum(1 for d in result.discrepancies if d.finding)
    out["read_findings"] = (time.perf_counter() - start, findings)
    return out


def object_joins(folder: str, meta: dict[str, Any]) -> dict[str, Any]:
    """The joins of the issue's baseline on Python records; run in a fork.

    The feeds are taken in as columns, then the census entries, registrations and
    attendance records are built as objects (not timed), and the registration
    comparison runs as a polars join (its frames built from the objects, timed) and
    as a plain dict/set join. ``reconcile`` of the same census and intakes runs
    between them, so that its ratio to the joins is taken at the same moments (the
    machine's load drifts between forks).
    """
    import polars as pl  # noqa: F401 - imported before the clock starts

    as_of = dt.date.fromisoformat(meta["as_of"])
    common = {"as_of": as_of, "policy": FEICHENG, "jurisdictions": regions.FEICHENG_UNITS}
    taken = {
        feed: intake(
            kongchuo.batch.read_columns(os.path.join(folder, f"{feed.value}.csv")),  # noqa: PTH118
            feed,
            source=feed.value,
            engine="polars",
            **common,
        )
        for feed in Feed
    }
    census = build_census(*taken.values())
    regs = [r.value for r in taken[Feed.REGISTRATION].records]
    marks = [r.value for r in taken[Feed.ATTENDANCE].records]
    _ = census.entries
    gc.collect()
    run = reconcile_files(census, taken, meta)

    best_build, best_ready, best_plain = float("inf"), float("inf"), float("inf")
    best_rec = float("inf")
    for _ in range(3):
        build, ready = polars_join(census, regs, marks, as_of)
        gc.collect()
        rec, result = timed(run)
        del result
        gc.collect()
        plain, _found = timed(lambda: plain_join(census, regs, marks, as_of))
        best_build, best_ready = min(best_build, build), min(best_ready, ready)
        best_plain, best_rec = min(best_plain, plain), min(best_rec, rec)
    return {
        "polars_build": best_build,
        "polars_ready": best_ready,
        "plain": best_plain,
        "reconcile": best_rec,
    }


def python_intake(folder: str, meta: dict[str, Any]) -> dict[str, Any]:
    """The four feeds read by read_csv and taken in with engine="python"; run in a fork."""
    from kongchuo.batch import read_csv

    schools = school_registry(meta)
    common = {
        "as_of": dt.date.fromisoformat(meta["as_of"]),
        "policy": FEICHENG,
        "jurisdictions": regions.FEICHENG_UNITS,
        "schools": schools,
    }
    start = time.perf_counter()
    rows = 0
    for feed in FOUR:
        path = os.path.join(folder, f"{feed.value}.csv")  # noqa: PTH118
        taken = intake(read_csv(path), feed, source=feed.value, engine="python", **common)
        rows += len(taken.rows)
    return {"seconds": time.perf_counter() - start, "rows": rows}


def polars_baseline(folder: str, as_of_text: str) -> dict[str, Any]:
    """Plain polars: read the four CSV files and run the registration join; run in a fork."""
    import polars as pl

    start = time.perf_counter()
    frames = {
        feed: pl.read_csv(
            os.path.join(folder, f"{feed.value}.csv"),  # noqa: PTH118
            infer_schema=False,
        )
        for feed in FOUR
    }
    read_s = time.perf_counter() - start
    house, regs, marks = (frames[f] for f in FOUR[:3])
    people = house.select(
        pl.col("身份证号").alias("key"),
        pl.col("户籍状态").is_in(["正常", "失踪失联"]).alias("counts"),
    )
    own = pl.col("学籍号").str.slice(1)
    roll = regs.select(
        own.alias("key"),
        pl.col("学校标识码").alias("school"),
        ((pl.col("学籍状态") == "在读") & (pl.col("生效日期") <= as_of_text)).alias("on_roll"),
    )
    seen = marks.select(own.alias("key"), pl.col("学校标识码").alias("school"))
    built = time.perf_counter()
    found = _compare(people, roll, seen)
    done = time.perf_counter()
    return {
        "read": read_s,
        "join_with_build": done - read_s - start,
        "join_ready": done - built,
        "total": done - start,
        "rows": sum(f.height for f in frames.values()),
        "found": found,
    }


def columnar_phase(n: int, seed: int, rows_each: int | None, *, with_python: bool) -> None:
    """The columnar path end to end from CSV files, each run in a forked copy of a small process."""
    import tempfile

    global START_RSS  # noqa: PLW0603 - read by the forked copies
    with tempfile.TemporaryDirectory(prefix="kongchuo-bench-") as folder:
        made = in_fork(lambda: write_feeds(n, seed, folder, rows_each))
        if "error" in made:
            print("  writing the feeds failed:", made["error"])
            return
        meta = made["result"]
        START_RSS = rss_mib()
        print(
            f"columnar path from CSV files (UTF-8 with BOM): {meta['sizes']} rows; "
            f"each run in a forked copy of a process at {START_RSS:,.0f} MiB (polars not imported)"
        )
        base = in_fork(lambda: polars_baseline(folder, meta["as_of"]))
        run = in_fork(lambda: columnar_run(folder, meta))
        base2 = in_fork(lambda: polars_baseline(folder, meta["as_of"]))
        slow = in_fork(lambda: python_intake(folder, meta)) if with_python else None
        joins = in_fork(lambda: object_joins(folder, meta))
    if "error" in run or "error" in base:
        print("  failed:", run.get("error"), base.get("error"))
        return
    b = min(base["result"]["total"], base2["result"]["total"])
    b_read = min(base["result"]["read"], base2["result"]["read"])
    b_join = min(base["result"]["join_with_build"], base2["result"]["join_with_build"])
    b_ready = min(base["result"]["join_ready"], base2["result"]["join_ready"])
    phases = run["result"]["phases"]
    intake_s = sum(p["seconds"] for p in phases if p["label"].startswith("intake"))
    intake_rows = sum(p["rows"] for p in phases if p["label"].startswith("intake"))
    for p in phases:
        extra = f"  (read {p['read']:.2f} s, {p['rejected']:,} rejected)" if "read" in p else ""
        print(
            f"  {p['label']:<44} {p['seconds']:8.2f} s {p['rows'] / p['seconds']:12,.0f} rows/s"
            f"  RSS after {p['rss']:7,.0f} MiB{extra}"
        )
    print(
        f"  {'intake, the four feeds together':<44} {intake_s:8.2f} s "
        f"{intake_rows / intake_s:12,.0f} rows/s  {intake_s / b:5.2f}x the polars read+join"
    )
    if slow is not None and "result" in slow:
        seconds = slow["result"]["seconds"]
        print(
            f"  {'  intake of the four feeds, engine python':<44} {seconds:8.2f} s "
            f"{slow['result']['rows'] / seconds:12,.0f} rows/s  (read_csv; peak RSS "
            f"{slow['peak']:,.0f} MiB): the columnar intake is {seconds / intake_s:4.1f}x faster"
        )
    rec = next(p for p in phases if p["label"].startswith("reconcile"))
    print(
        f"  {'  baseline polars read_csv + join':<44} {b:8.2f} s "
        f"{base['result']['rows'] / b:12,.0f} rows/s  (read {b_read:.2f} s, "
        f"join incl. frame build {b_join:.2f} s, on ready frames {b_ready:.2f} s)"
    )
    print(
        f"  reconcile from the columnar census: {rec['seconds'] / b_join:5.2f}x the polars join "
        f"incl. its frame build, {rec['seconds'] / (b_join + b_read):5.2f}x the join incl. "
        "reading the files"
    )
    if "result" in joins:
        j = joins["result"]
        print(
            f"  beside the issue's baseline on Python records (same files, same run): polars "
            f"join incl. building its frames from the records {j['polars_build']:.2f} s "
            f"(ready frames {j['polars_ready']:.2f} s), plain dict/set join {j['plain']:.2f} s; "
            f"reconcile from the columnar census is {rec['seconds'] / j['polars_build']:4.2f}x "
            f"the polars join, {rec['seconds'] / j['plain']:4.2f}x the plain join"
        )
        print(
            f"  the same, interleaved in one process (best of 3 each): reconcile "
            f"{j['reconcile']:.2f} s, polars join incl. its frame build {j['polars_build']:.2f} s: "
            f"{j['reconcile'] / j['polars_build']:4.2f}x; plain join {j['plain']:.2f} s: "
            f"{j['reconcile'] / j['plain']:4.2f}x"
        )
    else:
        print("  object baseline failed:", joins.get("error"))
    print(
        f"  peak RSS, intake → census → reconcile (forked copy): {run['peak']:,.0f} MiB "
        f"(it started at {run['start_rss']:,.0f} MiB); polars read+join alone: "
        f"{max(base['peak'], base2['peak']):,.0f} MiB"
    )
    print("  found:", run["result"]["found"])
    (band_s, bands), (finding_s, findings) = (
        run["result"]["read_bands"],
        run["result"]["read_findings"],
    )
    print(
        f"  first read, after reconcile: {bands:,} bands {band_s:.2f} s, "
        f"{findings:,} findings {finding_s:.2f} s (collector on)"
    )


def main() -> None:  # noqa: PLR0915 - the options and the phases, in order
    """Run every phase and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--children", type=int, default=20_000)
    parser.add_argument(
        "--province",
        action="store_true",
        help="a province slice: 1,000,000 children (overrides --children)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--repeat", type=int, default=2, help="timed runs of reconcile and the joins (best kept)"
    )
    parser.add_argument(
        "--columnar",
        action="store_true",
        help="the columnar path end to end from CSV files (intake, census, reconcile), "
        "beside polars reading the same files and joining",
    )
    parser.add_argument(
        "--rows-each",
        type=int,
        default=None,
        help="with --columnar: pad the four feeds to this many rows each (rows repeated)",
    )
    parser.add_argument(
        "--with-python",
        action="store_true",
        help="with --columnar: also time the four feeds' intake with engine='python'",
    )
    parser.add_argument(
        "--jsonl-only",
        action="store_true",
        help="only the JSON Lines phase, on the children of the household feed's intake",
    )
    args = parser.parse_args()
    n = 1_000_000 if args.province else args.children
    if args.columnar:
        print(
            f"kongchuo batch benchmark, columnar path: {n:,} children "
            f"(CPython, {time.strftime('%Y-%m-%d %H:%M')})"
        )
        print("machine load at the start (1, 5, 15 min):", *(f"{x:.2f}" for x in os.getloadavg()))
        columnar_phase(n, args.seed, args.rows_each, with_python=args.with_python)
        print("machine load (1, 5, 15 min):", " ".join(f"{x:.2f}" for x in os.getloadavg()))
        return
    print(f"kongchuo batch benchmark: {n:,} children (CPython, {time.strftime('%Y-%m-%d %H:%M')})")
    print(
        "machine load at the start (1, 5, 15 min):", " ".join(f"{x:.2f}" for x in os.getloadavg())
    )

    seconds, county = timed(lambda: synthetic_feeds(n, seed=args.seed))
    line("generate the feeds (not a goal)", seconds, n)
    common = {
        "as_of": county.as_of,
        "policy": FEICHENG,
        "jurisdictions": regions.FEICHENG_UNITS,
        "schools": county.schools,
    }
    if args.jsonl_only:
        taken = intake(
            rows_from_mappings(county.rows[Feed.HOUSEHOLD]), Feed.HOUSEHOLD, source="h", **common
        )
        children = [r.value for r in taken.records]
        del county, taken
        jsonl_phase(children, with_json=not args.province)
        print(f"peak memory: {peak_mib():,.0f} MiB")
        print("machine load (1, 5, 15 min):", " ".join(f"{x:.2f}" for x in os.getloadavg()))
        return
    # Warm the tables built on first use (ID dates, regions) outside the timings.
    intake(
        rows_from_mappings(county.rows[Feed.HOUSEHOLD][:50]), Feed.HOUSEHOLD, source="w", **common
    )

    print("intake, row by row (GC paused inside), beside from_dicts on clean rows:")
    taken = {}
    total_rows, total_seconds = 0, 0.0
    for feed in (Feed.HOUSEHOLD, Feed.REGISTRATION, Feed.ATTENDANCE, Feed.POVERTY):
        rows = county.rows.pop(feed)  # the rows are let go once taken in
        seconds, result = timed(
            lambda rows=rows, feed=feed: intake(
                rows_from_mappings(rows), feed, source=feed.value, **common
            )
        )
        taken[feed] = result
        docs = kongchuo.to_dicts([r.value for r in result.records])
        model = type(result.records[0].value)
        gc.collect()
        base, _ = timed(lambda docs=docs, model=model: kongchuo.from_dicts(docs, model))
        line(f"intake {feed.value} ({len(rows):,} rows)", seconds, len(rows), base)
        line(f"  baseline from_dicts ({len(docs):,} docs)", base, len(docs))
        total_rows += len(rows)
        total_seconds += seconds
        del docs
    for feed in (Feed.DISABILITY, Feed.CIVIL_AFFAIRS):
        taken[feed] = intake(
            rows_from_mappings(county.rows.pop(feed)), feed, source=feed.value, **common
        )
    line("intake, the four feeds together", total_seconds, total_rows)

    seconds, census = timed(lambda: build_census(*taken.values()))
    line(f"build_census ({len(census):,} children)", seconds, len(census.rows))

    regs = [r.value for r in taken[Feed.REGISTRATION].records]
    marks = [r.value for r in taken[Feed.ATTENDANCE].records]
    taken.clear()  # the census holds the row results
    calendar = ChinaCalendar()
    reconcile_phase(census, regs, marks, county, calendar, args.repeat)

    children = [e.child for e in census.entries.values()]
    del census, regs, marks
    jsonl_phase(children, with_json=not args.province)
    print(f"peak memory: {peak_mib():,.0f} MiB")
    print("machine load (1, 5, 15 min):", " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
