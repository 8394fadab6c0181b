"""Run the examples in the docs and the narrative corner-case pages as tests.

The README and the Markdown pages under ``docs/`` and ``tests/`` hold ``python``
code blocks; Sybil runs each page's blocks in order, in one namespace per page.
Blocks with ``>>>`` prompts are doctests; blocks without are executed and must not
raise.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings
from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser

if TYPE_CHECKING:
    from kongchuo import Decision

collect_ignore = ["docs/conf.py"]

# Property tests check behaviour, never speed: no per-example deadline and no
# "too slow" health check, so a loaded or slow machine cannot fail them.
settings.register_profile("kongchuo", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("kongchuo")

pytest_collect_file = Sybil(
    parsers=[PythonCodeBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE)],
    patterns=["*.md"],
    excludes=["CHANGELOG.md"],
).pytest()


def pytest_collection_modifyitems(items: list) -> None:
    """Run a published class's or function's doctests once, where it is defined.

    A facade gives its classes the public path (``kongchuo._core.names.publish``) and
    holds a friendly wrapper of each function, so doctest would also find them in the
    facade, where the names their examples use are out of reach; they run in the
    modules that define them.
    """
    import inspect  # noqa: PLC0415 - only needed while collecting

    import _pytest.doctest  # noqa: PLC0415

    def twice(item: object) -> bool:
        if not isinstance(item, _pytest.doctest.DoctestItem) or item.dtest is None:
            return False
        if not str(item.path).endswith("__init__.py"):
            return False
        facade = item.dtest.globs.get("__name__", "")
        if not item.dtest.name.startswith(facade + "."):
            return False
        obj = item.dtest.globs.get(item.dtest.name[len(facade) + 1 :].split(".")[0])
        return inspect.isclass(obj) or getattr(obj, "__kongchuo_friendly__", False)

    items[:] = [item for item in items if not twice(item)]


GOLDEN = Path(__file__).parent / "tests" / "golden"


class Golden:
    """The golden files under ``tests/golden/``, and how a decision is written into one.

    Golden files pin whole outputs (messages, codes, paths, dates), so a deliberate
    change shows up as a diff to review.
    """

    def __call__(self, name: str, text: str) -> None:
        """Compare a text with ``tests/golden/<name>``; ``KONGCHUO_UPDATE_GOLDEN=1`` rewrites it."""
        path = GOLDEN / name
        if os.environ.get("KONGCHUO_UPDATE_GOLDEN") == "1":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
        assert path.read_text(encoding="utf-8") == text  # noqa: S101 - a test helper

    def read(self, name: str) -> str:
        """The text of ``tests/golden/<name>``."""
        return (GOLDEN / name).read_text(encoding="utf-8")

    @staticmethod
    def decision(decision: Decision, *, rule: bool = False) -> list[str]:
        """A decision written out whole, one line for it and one per finding.

        The decision's line holds its outcome, ``ok`` and basis (after its rule when
        ``rule``); a finding's line its code, path, severity, both messages and basis.
        """
        head = f"{decision.rule} " if rule else ""
        return [
            f"  {head}{decision.outcome} ok={decision.ok} basis={','.join(decision.basis)}",
            *(
                f"  - {f.code} @{f.path} [{f.severity.value}] {f.message} | {f.message_zh}"
                f" | {','.join(f.basis)}"
                for f in decision.findings
            ),
        ]


@pytest.fixture
def golden() -> Golden:
    """The golden files: ``golden(name, text)`` compares, ``golden.read(name)`` reads.

    ``golden.decision(d)`` writes a decision out the one way every golden file does.
    """
    return Golden()


@pytest.fixture(scope="session")
def docs_script() -> Callable[[str], ModuleType]:
    """Load a page generator of ``docs/`` (``rules_reference``, ``traceability``) by name."""

    def load(name: str) -> ModuleType:
        spec = importlib.util.spec_from_file_location(
            name, Path(__file__).parent / "docs" / f"{name}.py"
        )
        assert spec is not None  # noqa: S101 - a test helper
        assert spec.loader is not None  # noqa: S101
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load
