import io
import json
import pathlib
import re
import subprocess
import sys

import pytest

import kongchuo
from kongchuo.__main__ import main
from kongchuo.demo import sample_case
from kongchuo.notices import NoticeKind, examples, notice_to_json

FULL_ID = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9X](?![0-9A-Za-z])")
SCRIPT = pathlib.Path(sys.executable).parent / "kongchuo"
ENTRY = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "kongchuo"]


def run(*args, stdin=None, cwd=None):
    """Run the installed `kongchuo` command, as a user would."""
    return subprocess.run(  # noqa: S603 - the project's own command
        [*ENTRY, *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        timeout=300,
    )


def assert_one_line_error(done, code, *needles):
    """A bad input gives its exit code and one line naming it: never a traceback."""
    assert done.returncode == code, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    for needle in needles:
        assert needle in done.stderr
    assert FULL_ID.search(done.stderr) is None


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """A case, its child and school, a notice, and spoilt files, as JSON on disk."""
    root = tmp_path_factory.mktemp("cli")
    case, child, school = sample_case()
    (root / "case.json").write_text(kongchuo.to_json(case), encoding="utf-8")
    (root / "cases.json").write_text(kongchuo.to_json([case, case]), encoding="utf-8")
    (root / "children.json").write_text(kongchuo.to_json([child]), encoding="utf-8")
    (root / "child.json").write_text(kongchuo.to_json(child), encoding="utf-8")
    (root / "school.json").write_text(kongchuo.to_json(school), encoding="utf-8")
    notice = examples()[NoticeKind.RETURN]
    (root / "notice.json").write_text(notice_to_json(notice), encoding="utf-8")
    (root / "broken.json").write_text('{"case_id": 1', encoding="utf-8")
    doc = json.loads(kongchuo.to_json(case))
    doc["entries"][2]["event"]["occurred_on"] = "2025-13-01"
    (root / "invalid.json").write_text(json.dumps(doc), encoding="utf-8")
    doc = json.loads(kongchuo.to_json(case))
    doc["entries"][2]["hash"] = "0" * 64
    (root / "tampered.json").write_text(json.dumps(doc), encoding="utf-8")
    return root


# -- the whole command --------------------------------------------------------------


def test_version():
    """`kongchuo --version` prints the package version."""
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"kongchuo {kongchuo.__version__}"


@pytest.mark.parametrize("command", ["demo", "check-id", "check", "calendar", "notice", "report"])
def test_every_subcommand_has_help_with_exit_codes(command):
    """Each subcommand explains itself, offers --lang and documents its exit codes."""
    done = run(command, "--help")
    assert done.returncode == 0
    assert "--lang" in done.stdout
    assert "exit codes" in done.stdout


def test_usage_errors_exit_2():
    """A missing argument or unknown command is a usage error (exit 2)."""
    assert run("check").returncode == 2
    assert run("frobnicate").returncode == 2


# -- check-id -----------------------------------------------------------------------


def test_check_id_reports_each_number():
    """`kongchuo check-id` marks good numbers, explains bad ones, and exits 1 on any bad."""
    out = io.StringIO()
    assert main(["check-id", "370983201509010012", "G370983201206150034"], out=out) == 0
    out = io.StringIO()
    assert main(["check-id", "370983201509010013"], out=out) == 1
    assert "resident_id.checksum" in out.getvalue()
    assert FULL_ID.search(out.getvalue()) is None


def test_check_id_reads_stdin():
    """`kongchuo check-id` with no arguments reads numbers from standard input."""
    done = run("check-id", stdin="370983201509010012\n\n11010519491231002x\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("✓") == 2
    assert FULL_ID.search(done.stdout) is None


# -- check --------------------------------------------------------------------------


def test_check_reports_ledger_and_closure(files):
    """`kongchuo check` prints the log, ledger and closure checks and exits 1 on gaps."""
    done = run("check", files / "case.json", "--as-of", "2025-10-15")
    assert done.returncode == 1, done.stderr
    assert "台账" in done.stdout
    assert "ledger.plan.missing" in done.stdout
    assert "closure.not_resolved" in done.stdout
    assert FULL_ID.search(done.stdout) is None


def test_check_in_english(files):
    """`--lang en` gives the English messages."""
    done = run("check", files / "case.json", "--lang", "en")
    assert "ledger: incomplete" in done.stdout
    assert "台账" not in done.stdout


def test_check_finds_a_tampered_log(files):
    """A log changed after it was written is reported (exit 1)."""
    done = run("check", files / "tampered.json")
    assert done.returncode == 1
    assert "log.hash" in done.stdout


@pytest.mark.parametrize(
    ("name", "needles"),
    [
        ("missing.json", ["missing.json", "文件不存在"]),
        ("broken.json", ["broken.json", "document.syntax", "第 1 行"]),
        ("invalid.json", ["invalid.json", "$.entries[2].event.occurred_on"]),
    ],
)
def test_check_bad_files(files, name, needles):
    """An unreadable, non-JSON or invalid case file gives one line naming it (exit 3)."""
    assert_one_line_error(run("check", files / name), 3, *needles)


def test_check_bad_policy_file(files):
    """A policy file that cannot be read is named (exit 3)."""
    done = run("check", files / "case.json", "--policy", files / "nope.toml")
    assert_one_line_error(done, 3, "nope.toml", "document.read")


def test_check_a_directory(files):
    """A directory given as the case file is named as such (exit 3)."""
    assert_one_line_error(run("check", files, "--lang", "en"), 3, "is a directory")


# -- calendar -----------------------------------------------------------------------


def test_calendar_table_and_ics():
    """`kongchuo calendar` lists the year's obligations; `--format ics` writes iCalendar."""
    done = run("calendar", "2025")
    assert done.returncode == 0, done.stderr
    assert "FC-1.1" in done.stdout
    assert "典型" in done.stdout  # says it assumed typical terms
    done = run("calendar", "2025", "--format", "ics", "--stamp", "2025-08-01T00:00:00+00:00")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("BEGIN:VCALENDAR")
    assert "DTSTAMP:20250801T000000Z" in done.stdout


def test_calendar_bad_terms_file(files):
    """A school calendar that is not valid is named (exit 3)."""
    assert_one_line_error(
        run("calendar", "2025", "--terms", files / "broken.json"), 3, "broken.json"
    )


# -- notice -------------------------------------------------------------------------


def test_notice_renders_a_notice_file(files):
    """`kongchuo notice FILE` renders a notice document as text or HTML, IDs masked."""
    done = run("notice", files / "notice.json")
    assert done.returncode == 0, done.stderr
    assert "复学通知书" in done.stdout
    assert FULL_ID.search(done.stdout) is None
    html = run("notice", files / "notice.json", "--format", "html")
    assert html.returncode == 0
    assert "<" in html.stdout


def draft_order(files, *more):
    """``kongchuo notice`` drafting the correction order of the sample case."""
    return run(
        "notice", files / "case.json", "--kind", "correction_order",
        "--child", files / "child.json", "--school", files / "school.json",
        "--issued-on", "2025-09-22", "--seq", "3",
        "--unit", "education_bureau=肥城市教育和体育局",
        "--unit", "town_government=肥城市王瓜店街道办事处",
        *more,
    )  # fmt: skip


def test_notice_drafts_from_a_case(files):
    """With --kind, a notice is drafted from the case, child and school files."""
    done = draft_order(files, "--set", "facts=自2025年9月1日起未到校上课")
    assert done.returncode == 0, done.stderr
    assert "肥教责〔2025〕3号" in done.stdout
    assert "2025年10月9日" in done.stdout


def test_notice_draft_reports_what_is_missing(files):
    """A draft without the facts names the missing field in one line (exit 3)."""
    done = draft_order(files)
    assert_one_line_error(done, 3, "$.facts", "missing")


def test_notice_draft_needs_its_inputs(files):
    """Drafting without --child and the others is a usage error naming them (exit 2)."""
    done = run("notice", files / "case.json", "--kind", "return")
    assert_one_line_error(done, 2, "--child", "--seq")


def test_notice_rejects_a_case_as_a_notice(files):
    """A case file given as a notice is named, with the path of the problem (exit 3)."""
    assert_one_line_error(run("notice", files / "case.json"), 3, "case.json", "[missing]")


# -- intake and reconcile -----------------------------------------------------------


@pytest.fixture(scope="module")
def feeds(tmp_path_factory):
    """The feeds of a small made-up county as CSV files, with spoilt rows."""
    import csv

    from kongchuo.batch import synthetic_feeds

    root = tmp_path_factory.mktemp("feeds")
    county = synthetic_feeds(300, seed=1, bad_rows=3)
    for feed, rows in county.rows.items():
        if rows:
            with (root / f"{feed.value}.csv").open("w", newline="", encoding="utf-8") as f:
                writer = csv.DictWriter(f, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(rows)
    (root / "binary.csv").write_bytes(b"\xff\xfe\x00\x81\x82")
    return root


def test_intake_reports_rows_and_writes_the_census(feeds, tmp_path):
    """`kongchuo intake` takes in each feed, lists rejected rows with reasons, builds the census."""
    done = run("intake", "--household", feeds / "household.csv",
               "--poverty", feeds / "poverty.csv", "--as-of", "2025-10-31",
               "--out", tmp_path)  # fmt: skip
    assert done.returncode == 1, done.stderr  # the spoilt rows were rejected
    assert "拒收" in done.stdout
    assert "batch.id.number" in done.stdout
    assert "适龄儿童台账" in done.stdout
    assert FULL_ID.search(done.stdout) is None
    assert (tmp_path / "rows.csv").read_text(encoding="utf-8").startswith("source,row,outcome")
    children = kongchuo.from_json(
        (tmp_path / "census.json").read_text(encoding="utf-8"), list[kongchuo.Child]
    )
    assert len(children) > 250


def test_reconcile_lists_discrepancies(feeds):
    """`kongchuo reconcile` compares 户籍, 学籍 and attendance, as a table or CSV."""
    args = ("--household", feeds / "household.csv", "--registration",
            feeds / "registration.csv", "--attendance", feeds / "attendance.csv",
            "--as-of", "2025-10-31")  # fmt: skip
    done = run("reconcile", *args)
    assert done.returncode == 1, done.stderr
    assert "失学" in done.stdout
    assert FULL_ID.search(done.stdout) is None
    csv = run("reconcile", *args, "--format", "csv", "--lang", "en")
    assert "kind,child,school" in csv.stdout
    assert "out_of_school" in csv.stdout


def test_intake_bad_files(feeds):
    """A missing or undecodable feed file is named in one line (exit 3); no feed is usage (2)."""
    assert_one_line_error(
        run("intake", "--household", feeds / "nope.csv", "--as-of", "2025-10-31"), 3, "nope.csv"
    )
    assert_one_line_error(
        run("intake", "--household", feeds / "binary.csv", "--as-of", "2025-10-31"),
        3,
        "binary.csv",
    )
    assert_one_line_error(run("reconcile", "--as-of", "2025-10-31"), 2, "--household")


# -- report -------------------------------------------------------------------------


def test_report_table_csv_json_and_html(files):
    """`kongchuo report` compiles the monthly report from case files in four formats."""
    table = run("report", files / "cases.json", "--month", "2025-09",
                "--children", files / "children.json")  # fmt: skip
    assert table.returncode == 0, table.stderr
    assert "辍学月报告" in table.stdout
    assert "王瓜店街道" in table.stdout
    csv = run("report", files / "case.json", "--month", "2025-09", "--format", "csv")
    assert csv.returncode == 0, csv.stderr
    assert csv.stdout.startswith("year,month,unit_code")
    doc = run("report", files / "cases.json", "--month", "2025-09", "--format", "json")
    assert json.loads(doc.stdout)["year"] == 2025
    html = run("report", files / "cases.json", "--month", "2025-09", "--format", "html")
    assert html.stdout.lower().startswith("<!doctype html>")
    for done in (table, csv, doc, html):
        assert FULL_ID.search(done.stdout) is None


def test_report_bad_files(files):
    """A broken case list is named with its path inside (exit 3); a bad month is usage (2)."""
    assert_one_line_error(
        run("report", files / "broken.json", "--month", "2025-09"), 3, "broken.json"
    )
    assert_one_line_error(
        run("report", files / "notice.json", "--month", "2025-09"), 3, "notice.json"
    )
    assert run("report", files / "cases.json", "--month", "2025-13").returncode == 2


# -- demo ---------------------------------------------------------------------------


def test_demo_runs_the_year_without_leaking_ids(tmp_path):
    """`kongchuo demo` runs intake to the monthly report, prints a summary and writes files."""
    done = run("demo", "--children", "2000", "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    for heading in (
        "数据接收",
        "适龄儿童台账",
        "三比对",
        "立案",
        "强制入学",
        "月报告",
        "年度工作事项",
    ):
        assert heading in done.stdout
    assert FULL_ID.search(done.stdout) is None
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert {
        "summary.json",
        "cases.json",
        "monthly_report.csv",
        "monthly_report.html",
        "summary.html",
    } <= names
    for path in (tmp_path / "out").iterdir():
        assert FULL_ID.search(path.read_text(encoding="utf-8")) is None, path.name
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["cases"] > 0


def test_demo_is_deterministic():
    """The same seed gives the same year; the English summary reads in English."""
    first = io.StringIO()
    second = io.StringIO()
    assert main(["demo", "--children", "1500", "--seed", "3", "--lang", "en"], out=first) == 0
    assert main(["demo", "--children", "1500", "--seed", "3", "--lang", "en"], out=second) == 0
    strip = lambda text: text.rsplit("took", 1)[0]  # noqa: E731 - the timings differ
    assert strip(first.getvalue()) == strip(second.getvalue())
    assert "Reconciliation" in first.getvalue()


class _Terminal(io.StringIO):
    """Standard error as a terminal would look to the progress bar."""

    def isatty(self):
        return True


def test_demo_shows_progress_on_a_terminal_only(monkeypatch):
    """On a terminal the demo shows a progress bar over its steps; piped, stderr stays empty."""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["demo", "--children", "400", "--lang", "en"], out=io.StringIO()) == 0
    shown = terminal.getvalue()
    assert "kongchuo demo" in shown
    assert "/9 " in shown  # the steps, counted
    done = run("demo", "--children", "400")
    assert done.returncode == 0
    assert done.stderr == ""


def test_intake_shows_row_progress_on_a_terminal(monkeypatch, tmp_path):
    """`kongchuo intake` counts the rows of each file on a terminal, naming the file."""
    feed = tmp_path / "户籍.csv"
    feed.write_text(
        "身份证号,姓名,性别,出生日期,户籍地代码,镇街\n"
        "370983201509010012,张小明,男,2015-09-01,370983,370983003\n",
        encoding="utf-8",
    )
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    main(["intake", "--household", str(feed), "--as-of", "2025-10-31"], out=io.StringIO())
    assert "户籍.csv" in terminal.getvalue()
    assert " rows" in terminal.getvalue()


def test_demo_county_lists_children_aged_three_to_seventeen():
    """The demo's 公安 register holds children aged 3–17; only those aged 6–15 are compared."""
    out = io.StringIO()
    assert main(["demo", "--children", "3000", "--lang", "en"], out=out) == 0
    match = re.search(
        r"of whom ([\d,]+) of school age \(6–15\), ([\d,]+) under it and ([\d,]+) over",
        out.getvalue(),
    )
    assert match is not None, out.getvalue()
    school_age, under, over = (int(g.replace(",", "")) for g in match.groups())
    assert under > 0
    assert over > 0
    assert 0.6 < school_age / (school_age + under + over) < 0.73  # ten of fifteen years


def test_demo_cannot_write_into_a_file(tmp_path):
    """`--out` naming a file, not a directory, gives one line naming it (exit 3)."""
    blocker = tmp_path / "taken"
    blocker.write_text("x", encoding="utf-8")
    done = run("demo", "--children", "500", "--out", blocker)
    assert_one_line_error(done, 3, "taken")


def test_closed_pipe_is_quiet():
    """`kongchuo demo | head` ends without a traceback."""
    done = subprocess.run(  # noqa: S602 - a fixed command, to close the pipe early
        f"{sys.executable} -m kongchuo demo --children 500 | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in done.stderr
    assert done.stdout.startswith("kongchuo")
