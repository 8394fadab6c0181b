"""Benchmark: the time ``import kongchuo`` takes, beside importing its dependencies.

Each figure is the median of R fresh interpreters (default 9), the variants taking
turns so that load from elsewhere falls on all alike:

* ``dependencies``: ``import attrs, cattrs, chinese_calendar, dateutil,
  stdnum.cn.ric, stdnum.cn.uscc`` — everything the library builds on (the baseline);
* ``import kongchuo``;
* ``import kongchuo`` + first use: a parse, a JSON round trip and a rendered
  notice, which load what the bare import leaves for later.

With ``--before=SRC`` (a ``src`` folder of an earlier kongchuo, for instance
``git archive main src | tar -x -C /tmp/before``) the bare import of that version
takes its turn too, so before and after are measured in the same run.

With ``--no-bytecode`` every interpreter compiles afresh (an empty
``PYTHONPYCACHEPREFIX``), as on a read-only install where no bytecode is written.
Also prints the modules kongchuo leaves unloaded until first use. Run::

    python benchmarks/bench_import.py [R] [--no-bytecode] [--before=SRC]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence

DEPENDENCIES = "import attrs, cattrs, chinese_calendar, dateutil, stdnum.cn.ric, stdnum.cn.uscc"
FIRST_USE = (
    "import kongchuo; from kongchuo.notices import examples, render_text; "
    "kongchuo.ResidentId.parse('11010519491231002X'); "
    "[render_text(n) for n in examples().values()]"
)
VARIANTS = (
    ("dependencies (baseline)", DEPENDENCIES),
    ("import kongchuo", "import kongchuo"),
    ("import kongchuo + first use", FIRST_USE),
)


def seconds(code: str, *, bytecode: bool, path: str | None = None) -> float:
    """Wall time of ``code`` in a fresh interpreter, measured inside it."""
    env = dict(os.environ)
    if path is not None:
        env["PYTHONPATH"] = path
    with tempfile.TemporaryDirectory() as cache:
        if bytecode:
            # Bytecode is written by the warm-up run even where the shell says not to
            # (otherwise every edited module compiles afresh in every run).
            env.pop("PYTHONDONTWRITEBYTECODE", None)
        else:
            env["PYTHONPYCACHEPREFIX"] = cache
        script = f"import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"
        out = subprocess.run(  # noqa: S603 - our own interpreter, our own code
            [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
        )
    return float(out.stdout.strip().splitlines()[-1])


def main(argv: Sequence[str]) -> None:
    """Time each variant in turn, R times, and print medians and ratios."""
    args = [a for a in argv[1:] if not a.startswith("--")]
    rounds = int(args[0]) if args else 9
    bytecode = "--no-bytecode" not in argv
    before = next((a.split("=", 1)[1] for a in argv if a.startswith("--before=")), None)
    variants: list[tuple[str, str, str | None]] = [(n, c, None) for n, c in VARIANTS]
    if before is not None:
        variants.insert(1, ("import kongchuo (before)", "import kongchuo", before))
    for _name, code, path in variants:  # warm the bytecode cache and the disk
        seconds(code, bytecode=True, path=path)
    times: dict[str, list[float]] = {name: [] for name, _, _ in variants}
    for _ in range(rounds):
        for name, code, path in variants:
            times[name].append(seconds(code, bytecode=bytecode, path=path))
    kind = "with bytecode" if bytecode else "compiling afresh"
    load = os.getloadavg()[0]
    print(f"import time, {kind}; median of {rounds} fresh interpreters; ms; load {load:.1f}")
    base = statistics.median(times[VARIANTS[0][0]])
    for name, _code, _path in variants:
        median = statistics.median(times[name])
        print(f"  {name:<30} {median * 1e3:8.1f} {median / base:6.2f}")
    probe = (
        "import sys, kongchuo; "
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'stdnum', 'ssl', 'pydoc', 'hypothesis', 'cattrs', 'chinese_calendar'})))"
    )
    loaded = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    print(f"  loaded by the bare import, of stdnum/ssl/pydoc/hypothesis/cattrs/...: {loaded}")


if __name__ == "__main__":
    main(sys.argv)
