import pathlib
import re
import subprocess
import sys

import pytest

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"
FULL_ID = re.compile(r"(?<![0-9])[0-9]{17}[0-9X](?![0-9])")
SCRIPTS = sorted(p for p in EXAMPLES.rglob("*.py") if not p.name.startswith("_"))


def test_examples_are_found():
    """The examples directory holds scripts, so the test below is not vacuous."""
    assert len(SCRIPTS) >= 5


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_example_runs(script, tmp_path):
    """Every script under examples/ runs to the end, says what it shows, and leaks no ID."""
    assert '"""' in script.read_text(encoding="utf-8")[:200], "start with a docstring"
    done = subprocess.run(  # noqa: S603 - the project's own scripts
        [sys.executable, str(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert FULL_ID.search(done.stdout) is None
