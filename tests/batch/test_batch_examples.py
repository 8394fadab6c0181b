import pathlib
import subprocess
import sys

import pytest

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "examples" / "batch" / "intake_to_cases.py"


def test_sample_runs_intake_to_cases(tmp_path):
    """The sample tables go through intake, census, reconciliation and cases, bad rows named."""
    pytest.importorskip("openpyxl")
    done = subprocess.run(  # noqa: S603 - the project's own script
        [sys.executable, str(SCRIPT)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert "household_utf8_bom.csv: 62 行, 接收 59, 拒收 3" in out
    assert "registrations_gb18030.csv: 58 行, 接收 56, 拒收 2" in out
    assert "poverty.xlsx: 8 行, 接收 6, 拒收 2" in out
    assert "设置为文本" in out
    assert "U+200B ZERO WIDTH SPACE" in out
    assert "(共 175 行)" in out
    for kind in ("失学", "疑似辍学", "辍学", "人籍不一致"):
        assert f"  {kind}: " in out
    assert "re-run: 0 opened, 5 already open" in out
