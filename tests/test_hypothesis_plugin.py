"""The Hypothesis plugin: loading Hypothesis does not load kongchuo; from_type still works."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

ENTRY_POINT = "_kongchuo_hypothesis:_register"
ROOT = Path(__file__).resolve().parents[1]


def _installed_entry_point() -> str | None:
    found = [e for e in metadata.entry_points(group="hypothesis") if e.name == "kongchuo"]
    return found[0].value if found else None


def _run(code: str) -> str:
    done = subprocess.run(  # noqa: S603 - this interpreter, the test's own code
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_pyproject_declares_the_entry_point_outside_the_package() -> None:
    """The hypothesis entry point names the top-level module, not one inside kongchuo."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["entry-points"]["hypothesis"] == {"kongchuo": ENTRY_POINT}


needs_current_install = pytest.mark.skipif(
    _installed_entry_point() != ENTRY_POINT,
    reason="the installed metadata predates the entry point move: pip install -e .",
)


@needs_current_install
def test_importing_hypothesis_imports_no_kongchuo_module() -> None:
    """`import hypothesis` loads no kongchuo module (no kongchuo.cases, no models)."""
    out = _run(
        "import sys, hypothesis, hypothesis.strategies\n"
        "print(sorted(m for m in sys.modules if m.startswith('kongchuo')))"
    )
    assert out == "[]"


@needs_current_install
@pytest.mark.parametrize("hypothesis_first", [True, False])
def test_from_type_works_whichever_is_imported_first(
    hypothesis_first: bool,  # noqa: FBT001 - a parameter of the test
) -> None:
    """st.from_type finds ResidentId, Child and Case whether Hypothesis or kongchuo loads first."""
    imports = (
        "import hypothesis.strategies as st\nimport kongchuo\n"
        if hypothesis_first
        else "import kongchuo\nimport hypothesis.strategies as st\n"
    )
    out = _run(
        imports + "from kongchuo.cases import Case\n"
        "from hypothesis import find\n"
        "for cls in (kongchuo.ResidentId, kongchuo.Child, Case):\n"
        "    print(type(find(st.from_type(cls), lambda v: True)).__name__)\n"
    )
    assert out.split() == ["ResidentId", "Child", "Case"]


def test_importing_kongchuo_does_not_import_hypothesis() -> None:
    """`import kongchuo` does not load Hypothesis (the registration waits for it)."""
    out = _run("import sys, kongchuo, kongchuo.cases\nprint('hypothesis' in sys.modules)")
    assert out == "False"


def test_the_old_entry_point_still_registers() -> None:
    """An install whose metadata names kongchuo.testing._plugin keeps working."""
    out = _run(
        "import hypothesis.strategies as st\n"
        "from kongchuo.testing import _plugin\n"
        "_plugin._register()\n"
        "import kongchuo\n"
        "from hypothesis import find\n"
        "print(type(find(st.from_type(kongchuo.StudentNumber), lambda v: True)).__name__)"
    )
    assert out == "StudentNumber"
