import pathlib
import re
import subprocess
import sys

import pytest

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"
FULL_ID = re.compile(r"(?<![0-9])[0-9]{17}[0-9X](?![0-9])")
SCRIPTS = sorted(p for p in EXAMPLES.rglob("*.py") if not p.name.startswith("_"))


def _run(script, cwd):
    """Run an example as a user would, from a directory of its own; return its output."""
    done = subprocess.run(  # noqa: S603 - the project's own scripts
        [sys.executable, str(script)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def test_examples_are_found():
    """The examples directory holds scripts, so the test below is not vacuous."""
    assert len(SCRIPTS) >= 5


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_example_runs(script, tmp_path):
    """Every script under examples/ runs to the end, says what it shows, and leaks no ID."""
    assert '"""' in script.read_text(encoding="utf-8")[:200], "start with a docstring"
    done = _run(script, tmp_path)
    assert "Traceback" not in done.stderr
    assert FULL_ID.search(done.stdout) is None


def test_sample_runs_intake_to_cases(tmp_path):
    """The sample tables go through intake, census, reconciliation and cases, bad rows named."""
    pytest.importorskip("openpyxl")
    out = _run(EXAMPLES / "batch" / "intake_to_cases.py", tmp_path).stdout
    assert "household_utf8_bom.csv: 62 行, 接收 59, 拒收 3" in out
    assert "registrations_gb18030.csv: 58 行, 接收 56, 拒收 2" in out
    assert "poverty.xlsx: 8 行, 接收 6, 拒收 2" in out
    assert "设置为文本" in out
    assert "U+200B ZERO WIDTH SPACE" in out
    assert "(共 175 行)" in out
    for kind in ("失学", "疑似辍学", "辍学", "人籍不一致"):
        assert f"  {kind}: " in out
    assert "re-run: 0 opened, 5 already open" in out
