"""Fuzz: every public loader, parser, constructor and rule under generated garbage.

Run on demand (not in CI)::

    python benchmarks/fuzz.py [--n 100000] [--timeout 2.0] [--seed 0]

The targets are enumerated from the ``__all__`` of the public modules (``kongchuo``,
``kongchuo.cases``, ``kongchuo.notices``, ``kongchuo.policy``, ``kongchuo.regions``,
``kongchuo.batch``): every public function and class, and every public classmethod
or staticmethod of a public class (``from_json``, ``from_dict``, ``parse`` ...), plus
the text loaders fed garbage text. Functions that read or write files
(``read_csv``, ``read_jsonl``, ``read_xlsx``, ``write_jsonl``, ``load_policy``,
``load_mapping``) are left out: garbage paths would touch the disk.

Hypothesis generates the arguments: deep nesting, huge integers, lone surrogates,
dates near 9999-12-31, wrong types, JSON and TOML text with those inside. Each call
runs under a per-call time limit (``--timeout`` seconds, counted as ``Timeout``) and a
3 GB address-space limit. The script prints the count of outcomes by exception type
and, for every exception that is not a ``KongchuoError``, the call that raised it.
The promise under test: 0 non-KongchuoError.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import enum
import importlib
import inspect
import json
import resource
import signal
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import kongchuo

MODULES = (
    "kongchuo",
    "kongchuo.cases",
    "kongchuo.notices",
    "kongchuo.policy",
    "kongchuo.regions",
    "kongchuo.batch",
)
SKIP = frozenset(
    {"read_csv", "read_jsonl", "read_xlsx", "write_jsonl", "load_policy", "load_mapping"}
)
TEXT_LOADERS = (
    "kongchuo.from_json",
    "kongchuo.notices.notice_from_json",
    "kongchuo.policy.policy_from_json",
    "kongchuo.policy.policy_from_toml",
)


class Timeout(Exception):  # noqa: N818 - the name printed in the table
    """A call ran past the per-call time limit."""


def _alarm(_signum: int, _frame: object) -> None:
    raise Timeout


# --- garbage -------------------------------------------------------------------

_near_9999 = st.dates(min_value=dt.date(9999, 1, 1)) | st.dates(max_value=dt.date(1, 12, 31))
_text = (
    st.text(max_size=30)
    | st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3)
    | st.sampled_from(
        [
            "11010519491231002X",
            "G11010519491231002X",
            "370983",
            "9999-12-31",
            "0001-01-01",
            "{seq:>100000000}",
            "$.x",
            "",
            "new",
            "FEICHENG",
        ]
    )
    | _near_9999.map(dt.date.isoformat)
)
_ints = (
    st.integers(min_value=-(2**70), max_value=2**70)
    | st.integers(min_value=4000, max_value=6000).map(lambda k: 10**k)
    | st.sampled_from([0, -1, 10**9, 2**63])
)
_scalars = (
    st.none()
    | st.booleans()
    | _ints
    | st.floats()
    | _text
    | _near_9999
    | st.datetimes()
    | st.binary(max_size=8)
    | st.sampled_from([object(), type, print, Ellipsis, frozenset({1}), 1j])
)
_json = st.recursive(
    st.none() | st.booleans() | _ints | st.floats(allow_nan=False) | _text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=20,
)


def _deep(depth: int) -> Any:  # noqa: ANN401 - garbage
    value: Any = 1
    for _ in range(depth):
        value = [value] if depth % 2 else {"a": value}
    return value


_deep_values = st.integers(min_value=500, max_value=50_000).map(_deep)
GARBAGE = _scalars | _json | _deep_values


@st.composite
def _garbage_text(draw: st.DrawFn) -> str:
    pick = draw(st.integers(min_value=0, max_value=4))
    if pick == 0:
        depth = draw(st.integers(min_value=100, max_value=200_000))
        return "[" * depth + "]" * depth
    if pick == 1:
        depth = draw(st.integers(min_value=100, max_value=50_000))
        return "a = " + "[" * depth + "]" * depth
    if pick == 2:
        return "{" + '"n": ' + "9" * draw(st.integers(min_value=1, max_value=20_000)) + "}"
    if pick == 3:
        try:
            return json.dumps(draw(_json))
        except (ValueError, TypeError):
            return "{}"
    return draw(_text)


# --- targets -------------------------------------------------------------------


def _targets() -> dict[str, Callable[..., Any]]:  # noqa: C901 - one walk over the modules
    found: dict[str, Callable[..., Any]] = {}
    for name in MODULES:
        module = importlib.import_module(name)
        for public in module.__all__:
            if public in SKIP:
                continue
            obj = getattr(module, public)
            if not callable(obj):
                continue
            if isinstance(obj, type) and issubclass(obj, BaseException):
                continue  # the errors themselves
            if isinstance(obj, type) and issubclass(obj, enum.Enum):
                # Calling an enum is the standard library's lookup; its own loader is
                # from_label.
                if hasattr(obj, "from_label"):
                    found[f"{name}.{public}.from_label"] = obj.from_label
                continue
            found[f"{name}.{public}"] = obj
            if isinstance(obj, type):
                for attr, raw in vars(obj).items():
                    if attr.startswith(("_", "cross_")):
                        continue  # private, or the models' cross-field hooks
                    if isinstance(raw, classmethod | staticmethod):
                        found[f"{name}.{public}.{attr}"] = getattr(obj, attr)
    return found


def _arity(func: Callable[..., Any]) -> tuple[int, int, list[str]]:
    """Required and all positional parameters (up to 4), keyword-only names of ``func``.

    Calls always pass the required positional arguments: leaving one out is a
    mistake in the call, which Python reports itself, not garbage input.
    """
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return 1, 2, []
    positional = [
        p
        for p in sig.parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.name not in {"self", "cls"}
    ]
    keywords = [p.name for p in sig.parameters.values() if p.kind is p.KEYWORD_ONLY]
    required = sum(p.default is p.empty for p in positional)
    return min(required, 4), min(len(positional), 4), keywords


def main() -> None:  # noqa: C901, PLR0915 - one script
    """Run the fuzz and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=100_000, help="generated inputs in all")
    parser.add_argument("--timeout", type=float, default=2.0, help="seconds per call")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    limit = 3 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    sys.setrecursionlimit(3000)
    signal.signal(signal.SIGALRM, _alarm)
    warnings.simplefilter("ignore")

    targets = _targets()
    per_target = max(1, args.n // (len(targets) + len(TEXT_LOADERS)))
    counts: collections.Counter[str] = collections.Counter()
    leaks: dict[tuple[str, str], tuple[str, str, int]] = {}
    calls = 0

    def call(name: str, func: Callable[..., Any], a: tuple[Any, ...], kw: dict[str, Any]) -> None:
        nonlocal calls
        calls += 1
        signal.setitimer(signal.ITIMER_REAL, args.timeout)
        try:
            func(*a, **kw)
            outcome = "ok"
        except kongchuo.KongchuoError as error:
            outcome = f"KongchuoError ({type(error).__name__})"
        except BaseException as error:
            if isinstance(error, KeyboardInterrupt):
                raise
            outcome = type(error).__name__
            key = (name, outcome)
            if key in leaks:
                first, where, seen = leaks[key]
                leaks[key] = (first, where, seen + 1)
            else:
                shown = ", ".join(
                    [_short(x) for x in a] + [f"{k}={_short(v)}" for k, v in kw.items()]
                )
                frame = traceback.extract_tb(error.__traceback__)[-1]
                leaks[key] = (
                    f"{name}({shown}): {_short(str(error))}",
                    f"{frame.filename}:{frame.lineno}",
                    1,
                )
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        counts[outcome] += 1

    run = settings(
        max_examples=per_target,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        derandomize=False,
    )
    started = time.perf_counter()

    def fuzz_call(name: str, func: Callable[..., Any]) -> Callable[[], None]:
        required, positional, keywords = _arity(func)

        @run
        @given(
            n=st.integers(min_value=required, max_value=positional),
            a=st.lists(GARBAGE, min_size=positional, max_size=positional),
            kw=st.fixed_dictionaries({}, optional=dict.fromkeys(keywords, GARBAGE)),
        )
        def fuzz(n: int, a: list[Any], kw: dict[str, Any]) -> None:
            call(name, func, tuple(a[:n]), kw)

        return fuzz

    def fuzz_text(name: str, func: Callable[..., Any]) -> Callable[[], None]:
        @run
        @given(text=_garbage_text())
        def fuzz(text: str) -> None:
            call(name + "[text]", func, (text,), {})

        return fuzz

    for name, func in sorted(targets.items()):
        fuzz_call(name, func)()
    for name in TEXT_LOADERS:
        module, _, attr = name.rpartition(".")
        fuzz_text(name, getattr(importlib.import_module(module), attr))()
    seconds = time.perf_counter() - started

    print(f"targets: {len(targets)} callables + {len(TEXT_LOADERS)} text loaders")
    print(f"calls: {calls:,} in {seconds:.0f} s ({calls / seconds:,.0f} calls/s)")
    print("\noutcomes by exception type:")
    for outcome, count in counts.most_common():
        print(f"  {count:>9,}  {outcome}")
    leaked = sum(c for o, c in counts.items() if o != "ok" and not o.startswith("KongchuoError"))
    print(f"\nnon-KongchuoError: {leaked:,} from {len(leaks)} (call, type) pairs")
    for (_name, outcome), (example, where, seen) in sorted(leaks.items()):
        print(f"  {outcome} x{seen} at {where}\n      {example}")


def _short(value: object) -> str:
    try:
        text = repr(value)
    except BaseException:  # noqa: BLE001 - garbage may not even repr
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 80 else text[:77] + "..."


if __name__ == "__main__":
    main()
