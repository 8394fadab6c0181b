import io
import re
import subprocess
import sys

from kongchuo.__main__ import main

FULL_ID = re.compile(r"[0-9]{17}[0-9X]")


def test_demo_runs_the_main_job_without_leaking_ids():
    """`kongchuo demo` prints the census, ledgers, cases and deadlines, all masked."""
    out = io.StringIO()
    assert main(["demo"], out=out) == 0
    text = out.getvalue()
    for heading in ("适龄儿童摸底", "台账", "个案", "年度工作事项", "身份号码"):
        assert heading in text
    assert "辍学学生台账: 2" in text
    assert "ledger.plan.missing" in text
    assert FULL_ID.search(text) is None


def test_check_id_reports_each_number():
    """`kongchuo check-id` marks good numbers, explains bad ones, and exits 1 on any bad."""
    out = io.StringIO()
    assert main(["check-id", "370983201509010012", "G370983201206150034"], out=out) == 0
    out = io.StringIO()
    assert main(["check-id", "370983201509010013"], out=out) == 1
    assert "resident_id.checksum" in out.getvalue()
    assert FULL_ID.search(out.getvalue()) is None


def test_command_line_entry_point():
    """`python -m kongchuo check-id` reads numbers from standard input."""
    done = subprocess.run(
        [sys.executable, "-m", "kongchuo", "check-id"],
        input="370983201509010012\n\n11010519491231002x\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("✓") == 2


def test_closed_pipe_is_quiet():
    """`kongchuo demo | head` ends without a traceback."""
    done = subprocess.run(  # noqa: S602 - a fixed command, to close the pipe early
        f"{sys.executable} -m kongchuo demo | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in done.stderr
    assert done.stdout.startswith("kongchuo")
