"""The ``kongchuo`` command line (命令行).

Subcommands for the common jobs on files; ``kongchuo --help`` lists them and
``kongchuo COMMAND --help`` explains each:

* ``demo`` — run the year on the made-up demo county;
* ``check-id`` — check resident ID and student numbers, printing only masked numbers;
* ``check`` — a case file's log, ledger completeness (三细三实) and closure (销号);
* ``calendar`` — a school year's obligations, as a table or an ``.ics`` file;
* ``notice`` — render a notice file, or draft one from a case file and render it;
* ``intake`` — take in the departments' feeds (CSV or XLSX), row by row, into the census;
* ``reconcile`` — compare 户籍, 学籍 and attendance (三比对) and list what it finds;
* ``report`` — the monthly dropout report from case files, as a table, CSV, JSON or HTML.

Exit codes: 0 all is well; 1 a check found problems; 2 a usage error (an unknown
option, a missing argument); 3 a bad input file (unreadable, not JSON, not a valid
document); 141 the reader of the output went away (``kongchuo demo | head``).
Bad input gives one line naming the file and the path inside it, never a traceback.

This is an edge of the design: it reads arguments and files, writes text, and calls
the public library for everything else.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import pathlib
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final, TextIO

import kongchuo
from kongchuo import KongchuoError, ResidentId, StudentNumber, ValidationError
from kongchuo.policy import FEICHENG, NATIONAL, Policy, load_policy

if TYPE_CHECKING:
    from tqdm import tqdm


__all__ = ["main"]

OK: Final = 0
FOUND: Final = 1
USAGE: Final = 2
BAD_INPUT: Final = 3
PIPE_CLOSED: Final = 141

_EXIT_CODES: Final = """\
exit codes 退出码:
  0    all is well 一切正常
  1    a check found problems 检查发现问题
  2    usage error 用法错误
  3    bad input file (unreadable, not JSON, not a valid document) 输入文件有误
"""


class _BadInputError(Exception):
    """A one-line complaint about an input file, in both languages."""

    def __init__(self, where: str, en: str, zh: str) -> None:
        super().__init__(en)
        self.where, self.en, self.zh = where, en, zh


class _Out:
    """Output in the chosen language: ``zh`` (with English codes) or ``en``."""

    def __init__(self, stream: TextIO, lang: str) -> None:
        self.stream, self.lang = stream, lang

    def t(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def line(self, zh: str, en: str | None = None) -> None:
        self.stream.write((zh if en is None or self.lang == "zh" else en) + "\n")

    def finding(self, finding: kongchuo.Finding, indent: str = "  ") -> None:
        message = finding.message_zh if self.lang == "zh" else finding.message
        severity = finding.severity.label_zh if self.lang == "zh" else finding.severity.value
        self.stream.write(f"{indent}- [{severity}] {message} ({finding.code}) {finding.path}\n")


# -- reading files ------------------------------------------------------------------


def _read(path: str) -> str:
    try:
        return pathlib.Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _BadInputError(path, "no such file", "文件不存在") from None
    except IsADirectoryError:
        raise _BadInputError(path, "is a directory, not a file", "是目录，不是文件") from None
    except UnicodeDecodeError:
        raise _BadInputError(path, "is not UTF-8 text", "不是 UTF-8 文本") from None
    except OSError as exc:
        raise _BadInputError(
            path, f"cannot be read ({exc.strerror})", f"无法读取（{exc.strerror}）"
        ) from None


def _complaint(path: str, exc: ValidationError) -> _BadInputError:
    first = exc.errors[0]
    more = len(exc.errors) - 1
    tail_en = f" (and {more} more)" if more else ""
    tail_zh = f"（另有 {more} 个问题）" if more else ""
    return _BadInputError(
        path,
        f"{first.path}: {first.message} [{first.code}]{tail_en}",
        f"{first.path}：{first.message_zh} [{first.code}]{tail_zh}",
    )


def _load(path: str, cls: type[Any]) -> Any:  # noqa: ANN401 - an instance of cls
    text = _read(path)
    try:
        return kongchuo.from_json(text, cls)
    except ValidationError as exc:
        raise _complaint(path, exc) from None


def _load_many(path: str, cls: type[Any]) -> list[Any]:
    """A JSON list of documents of ``cls``, or a single one."""
    text = _read(path)
    try:
        return kongchuo.from_json(text, list[cls])  # type: ignore[valid-type]
    except ValidationError as exc:
        if text.lstrip().startswith("{"):
            try:
                return [kongchuo.from_json(text, cls)]
            except ValidationError as single:
                raise _complaint(path, single) from None
        raise _complaint(path, exc) from None


def _policy(name: str) -> Policy:
    known = {"feicheng": FEICHENG, "national": NATIONAL}
    if name.lower() in known:
        return known[name.lower()]
    try:
        return load_policy(name)
    except ValidationError as exc:
        raise _complaint(name, exc) from None


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"not a date (YYYY-MM-DD): {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


# -- check-id -----------------------------------------------------------------------


def _describe_id(text: str, out: _Out) -> bool:
    try:
        rid = ResidentId.parse(text)
    except KongchuoError as exc:
        out.stream.write(f"  ✗ {exc}\n")
        return False
    region = rid.region
    place = f"{region.province} {region.name}" if region else out.t("未知地区", "unknown region")
    strict = (
        ""
        if ResidentId.is_valid(rid.value, strict_region=True)
        else out.t("  （地址码与出生年份不符）", "  (code not valid in birth year)")
    )
    out.stream.write(
        f"  ✓ {rid.masked()}  {out.t(rid.sex.label_zh, rid.sex.value)}  "
        f"{rid.region_code} {place}{strict}\n"
    )
    return True


def _describe_student_number(text: str, out: _Out) -> bool:
    try:
        sn = StudentNumber.parse(text)
    except KongchuoError as exc:
        out.stream.write(f"  ✗ {exc}\n")
        return False
    holder = f"  holds {sn.resident_id!r}" if sn.resident_id else ""
    out.stream.write(f"  ✓ {sn.masked()}  {sn.kind.value} {sn.kind.label_zh}{holder}\n")
    return True


def _check_ids(numbers: Iterable[str], out: _Out) -> int:
    failed = 0
    for raw in numbers:
        text = raw.strip()
        if not text:
            continue
        ok = (
            _describe_student_number(text, out)
            if text[:1].upper() in {"G", "L", "J"}
            else _describe_id(text, out)
        )
        failed += not ok
    return FOUND if failed else OK


def _cmd_check_id(args: argparse.Namespace, out: _Out) -> int:
    return _check_ids(args.numbers or sys.stdin, out)


# -- check --------------------------------------------------------------------------


def _cmd_check(args: argparse.Namespace, out: _Out) -> int:
    from kongchuo.cases import Case, check_closure, check_ledger  # noqa: PLC0415

    case: Case = _load(args.case, Case)
    policy = _policy(args.policy)
    child = _load(args.child, kongchuo.Child) if args.child else None
    attendance = _load(args.attendance, list[kongchuo.Attendance]) if args.attendance else ()
    as_of = args.as_of or max(e.occurred_on for e in case.events)
    who = case.child_id.masked() if case.child_id else (case.child_ref or "—")
    out.line(
        f"{case.case_id} {case.kind.label_zh} {who}：{case.state.label_zh}（截至 {as_of}）",
        f"{case.case_id} {case.kind.value} {who}: {case.state.value} (as of {as_of})",
    )
    intact = case.verify()
    out.line(
        f"  日志 {'完整' if intact.ok else '被篡改'}：{len(case.entries)} 条",
        f"  log {'intact' if intact.ok else 'tampered'}: {len(case.entries)} entries",
    )
    for finding in intact.findings:
        out.finding(finding, "    ")
    ledger = check_ledger(case, as_of=as_of, policy=policy)
    out.line(
        f"  台账（三细三实）：{'完整' if ledger.ok else '不完整'}",
        f"  ledger: {'complete' if ledger.ok else 'incomplete'}",
    )
    for finding in ledger.findings:
        out.finding(finding, "    ")
    closure = check_closure(case, as_of=as_of, policy=policy, attendance=attendance, child=child)
    out.line(
        f"  销号：{'可以销号' if closure.ok else '不能销号'}（{closure.outcome}）",
        f"  closure: {'closable' if closure.ok else 'not closable'} ({closure.outcome})",
    )
    shown = set(ledger.findings)
    for finding in closure.findings:
        if finding not in shown:  # the ledger's findings are listed above
            out.finding(finding, "    ")
    basis = "; ".join(dict.fromkeys((*ledger.basis, *closure.basis)))
    out.line(f"  依据：{basis}", f"  basis: {basis}")
    return OK if intact.ok and ledger.ok else FOUND


# -- calendar -----------------------------------------------------------------------


def _cmd_calendar(args: argparse.Namespace, out: _Out) -> int:
    from kongchuo import (  # noqa: PLC0415
        ChinaCalendar,
        SchoolCalendar,
        Term,
        TermKind,
        obligations,
        to_ics,
    )

    policy = _policy(args.policy)
    year = args.year
    if args.terms:
        try:
            terms = SchoolCalendar.load(args.terms)
        except ValidationError as exc:
            raise _complaint(args.terms, exc) from None
    else:
        terms = SchoolCalendar(
            school_year=year,
            terms=(
                Term(kind=TermKind.AUTUMN, start=dt.date(year, 9, 1), end=dt.date(year + 1, 1, 20)),
                Term(
                    kind=TermKind.SPRING,
                    start=dt.date(year + 1, 2, 20),
                    end=dt.date(year + 1, 7, 10),
                ),
            ),
            source="kongchuo calendar: typical terms (典型校历); pass --terms for the real one",
        )
    items = obligations(year, policy=policy, terms=terms, calendar=ChinaCalendar())
    if args.format == "ics":
        stamp = args.stamp or dt.datetime.now(dt.UTC)
        out.stream.write(to_ics(items, stamp=stamp))
        return OK
    if not args.terms:
        out.line(
            "（未给出校历，按典型学期日期计算；用 --terms 指定本地校历）",
            "(no --terms given: typical term dates assumed)",
        )
    for item in items:
        rolled = out.t(
            f"（原定 {item.unrolled_due}，遇节假日顺延）", f" (from {item.unrolled_due})"
        )
        title = item.title_zh if out.lang == "zh" else item.title
        out.stream.write(
            f"{item.due}  {title}{rolled if item.rolled else ''}  [{', '.join(item.basis)}]\n"
        )
    return OK


# -- notice -------------------------------------------------------------------------


def _fields(pairs: Sequence[str], flag: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            msg = f"{flag} takes NAME=VALUE, not {pair!r}"
            raise argparse.ArgumentTypeError(msg)
        found[name.strip()] = value
    return found


def _typed(value: str) -> object:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return value


def _cmd_notice(args: argparse.Namespace, out: _Out) -> int:
    from kongchuo import notices  # noqa: PLC0415
    from kongchuo.cases import Case, draft_notice  # noqa: PLC0415
    from kongchuo.policy import Party  # noqa: PLC0415

    if args.kind is None:
        text = _read(args.file)
        try:
            notice = notices.notice_from_json(text)
        except ValidationError as exc:
            raise _complaint(args.file, exc) from None
    else:
        missing = [f"--{n}" for n in ("child", "school", "issued-on", "seq") if not _given(args, n)]
        if missing:
            msg = f"drafting a notice needs {', '.join(missing)}"
            raise argparse.ArgumentTypeError(msg)
        case = _load(args.file, Case)
        child = _load(args.child, kongchuo.Child)
        school = _load(args.school, kongchuo.School)
        try:
            units = {Party(k): v for k, v in _fields(args.unit, "--unit").items()}
        except ValueError:
            parties = ", ".join(p.value for p in Party)
            msg = f"--unit takes PARTY=NAME with PARTY one of {parties}"
            raise argparse.ArgumentTypeError(msg) from None
        overrides: dict[str, Any] = {k: _typed(v) for k, v in _fields(args.set, "--set").items()}
        try:
            notice = draft_notice(
                notices.NoticeKind(args.kind),
                case=case,
                child=child,
                school=school,
                policy=_policy(args.policy),
                issued_on=args.issued_on,
                seq=args.seq,
                units=units,
                **overrides,
            )
        except ValidationError as exc:
            raise _complaint(args.file, exc) from None
    render = notices.render_html if args.format == "html" else notices.render_text
    out.stream.write(render(notice) + "\n")
    return OK


def _given(args: argparse.Namespace, name: str) -> bool:
    return getattr(args, name.replace("-", "_")) is not None


# -- progress -----------------------------------------------------------------------

_ROW_UNIT: Final = " rows"


def _progress(
    items: Iterable[Any] | None = None, *, desc: str, unit: str, total: int | None = None
) -> tqdm[Any]:
    """A progress bar on standard error, over ``items`` or counted by hand.

    ``disable=None``: tqdm turns itself off when stderr is not a terminal (pipes, CI).
    """
    from tqdm import tqdm  # noqa: PLC0415 - only commands that run long load it

    return tqdm(
        items, total=total, desc=desc, unit=unit, file=sys.stderr, leave=False, disable=None
    )


# -- intake and reconcile -----------------------------------------------------------


def _intakes(args: argparse.Namespace) -> dict[Any, Any]:
    """Each feed file given, taken in row by row (rejects kept with their reasons)."""
    from kongchuo import batch  # noqa: PLC0415
    from kongchuo.regions import FEICHENG_UNITS  # noqa: PLC0415

    policy = _policy(args.policy)
    found: dict[Any, Any] = {}
    for feed in batch.Feed:
        path = getattr(args, feed.value)
        if path is None:
            continue
        try:
            rows = (
                batch.read_xlsx(path)
                if str(path).lower().endswith((".xlsx", ".xlsm"))
                else batch.read_csv(path)
            )
            with _progress(rows, desc=pathlib.Path(path).name, unit=_ROW_UNIT) as counted:
                found[feed] = batch.intake(
                    counted,
                    feed,
                    source=pathlib.Path(path).name,
                    as_of=args.as_of,
                    policy=policy,
                    jurisdictions=FEICHENG_UNITS if policy is FEICHENG else None,
                )
        except ValidationError as exc:
            raise _complaint(path, exc) from None
    if not found:
        msg = "give at least one feed file, such as --household 户籍.csv"
        raise argparse.ArgumentTypeError(msg)
    return found


def _print_intake(intakes: dict[Any, Any], out: _Out, *, rejects: int) -> int:
    rejected = 0
    for feed, take in intakes.items():
        counts = {k.value: v for k, v in take.counts().items()}
        rejected += counts.get("rejected", 0)
        out.line(
            f"{feed.label_zh} {take.source}：{len(take.rows)} 行，"
            f"接收 {counts.get('accepted', 0)}，合并 {counts.get('merged', 0)}，"
            f"冲突 {counts.get('conflict', 0)}，拒收 {counts.get('rejected', 0)}",
            f"{feed.value} {take.source}: {len(take.rows)} rows, accepted "
            f"{counts.get('accepted', 0)}, merged {counts.get('merged', 0)}, conflict "
            f"{counts.get('conflict', 0)}, rejected {counts.get('rejected', 0)}",
        )
        shown = [r for r in take.rows if r.outcome.value == "rejected"][:rejects]
        for row in shown:
            first = row.findings[0] if row.findings else None
            if first is not None:
                message = first.message_zh if out.lang == "zh" else first.message
                where = out.t(f"第 {row.row} 行", f"row {row.row}")
                out.stream.write(f"    {where}: {message} [{first.code}]\n")
    return rejected


def _cmd_intake(args: argparse.Namespace, out: _Out) -> int:
    from kongchuo import batch  # noqa: PLC0415

    intakes = _intakes(args)
    rejected = _print_intake(intakes, out, rejects=args.show)
    census = batch.build_census(*intakes.values())
    out.line(
        f"适龄儿童台账：{len(census)} 名儿童，信息冲突 {len(census.conflicts)} 条",
        f"census: {len(census)} children, {len(census.conflicts)} conflicts",
    )
    if args.out:
        rows = [
            {"source": r.source, "row": r.row, "outcome": r.outcome.value,
             "code": r.findings[0].code if r.findings else "",
             "message_zh": r.findings[0].message_zh if r.findings else ""}
            for take in intakes.values()
            for r in take.rows
        ]  # fmt: skip
        children = [e.child for e in census.entries.values()]
        _write(args.out, "rows.csv", _csv(rows))
        _write(args.out, "census.json", kongchuo.to_json(children))
        out.line(f"已写入 {args.out}", f"wrote {args.out}")
    return FOUND if rejected or census.conflicts else OK


def _cmd_reconcile(args: argparse.Namespace, out: _Out) -> int:
    from kongchuo import ChinaCalendar, batch  # noqa: PLC0415

    intakes = _intakes(args)
    _print_intake(intakes, out, rejects=0)
    census = batch.build_census(*intakes.values())

    def values(feed: Any) -> list[Any]:  # noqa: ANN401 - a Feed
        take = intakes.get(feed)
        return [r.value for r in take.records] if take else []

    found = batch.reconcile(
        census,
        values(batch.Feed.REGISTRATION),
        values(batch.Feed.ATTENDANCE),
        leaves=values(batch.Feed.LEAVE),
        as_of=args.as_of,
        policy=_policy(args.policy),
        calendar=ChinaCalendar(),
    )
    out.line(
        f"三比对（截至 {found.as_of}，考勤自 {found.since}）：",
        f"reconciliation (as of {found.as_of}, attendance since {found.since}):",
    )
    for kind, n in found.counts().items():
        out.stream.write(f"  {out.t(kind.label_zh, kind.value)}: {n}\n")
    rows = [
        {"kind": d.kind.value, "child": d.child, "school": d.school or "",
         "jurisdiction": d.jurisdiction or "", "since": d.since.isoformat() if d.since else "",
         "code": d.finding.code,
         "message": d.finding.message_zh if out.lang == "zh" else d.finding.message}
        for d in found.discrepancies
    ]  # fmt: skip
    if args.format == "csv":
        out.stream.write(_csv(rows))
    else:
        for row in rows[: args.show]:
            out.stream.write(
                f"  - {row['child']} {row['kind']} {row['school']} {row['since']}: "
                f"{row['message']} [{row['code']}]\n"
            )
    return FOUND if found.discrepancies else OK


def _csv(rows: list[dict[str, Any]]) -> str:
    from kongchuo import reports  # noqa: PLC0415 - loaded with the first CSV written

    return reports.to_csv(rows)


def _write(directory: str, name: str, text: str) -> None:
    try:
        root = pathlib.Path(directory)
        root.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _BadInputError(
            directory, f"cannot write ({exc.strerror})", f"无法写入（{exc.strerror}）"
        ) from None


# -- report -------------------------------------------------------------------------


def _month(text: str) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in text.split("-"))
    except ValueError:
        msg = f"not a month (YYYY-MM): {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if not 1 <= month <= 12:
        msg = f"not a month (YYYY-MM): {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return year, month


def _cmd_report(args: argparse.Namespace, out: _Out) -> int:
    from kongchuo import reports  # noqa: PLC0415
    from kongchuo.cases import Case  # noqa: PLC0415
    from kongchuo.regions import FEICHENG_UNITS  # noqa: PLC0415

    year, month = args.month
    cases = _load_many(args.cases, Case)
    children = _load_many(args.children, kongchuo.Child) if args.children else ()
    schools = _load_many(args.schools, kongchuo.School) if args.schools else ()
    policy = _policy(args.policy)
    as_of = args.as_of or reports.month_end(year, month)
    try:
        report = reports.monthly_report(
            cases,
            year=year,
            month=month,
            as_of=as_of,
            policy=policy,
            children=children,
            schools=schools,
            jurisdictions=FEICHENG_UNITS if policy is FEICHENG else (),
        )
    except ValidationError as exc:
        raise _complaint(args.cases, exc) from None
    if args.format == "csv":
        out.stream.write(reports.to_csv(report.to_records()))
    elif args.format == "json":
        out.stream.write(report.to_json() + "\n")
    elif args.format == "html":
        title = f"{year}年{month}月 辍学月报告"
        out.stream.write(reports.html_report([report], title=title, cases=cases))
    else:
        out.line(
            f"{year}年{month}月 辍学月报告（{report.due} 前报送）",
            f"monthly dropout report, {year}-{month:02d} (due {report.due})",
        )
        out.stream.write(report.to_markdown())
    return OK


# -- demo ---------------------------------------------------------------------------


def _cmd_demo(args: argparse.Namespace, out: _Out) -> int:
    from kongchuo._edges import demo_year as _year  # noqa: PLC0415 - builds the demo county only when asked

    with _progress(total=len(_year.STEPS), desc="kongchuo demo", unit=out.t("步", "step")) as bar:

        def progress(step: str) -> None:
            bar.set_postfix_str(step, refresh=False)
            bar.update(1)

        result = _year.run_year(children=args.children, seed=args.seed, progress=progress)
    out.stream.write(_year.summary(result, lang=out.lang))
    if args.out:
        try:
            names = _year.write_outputs(result, args.out)
        except OSError as exc:
            raise _BadInputError(
                args.out, f"cannot write ({exc.strerror})", f"无法写入（{exc.strerror}）"
            ) from None
        out.line(f"已写入 {args.out}：{'、'.join(names)}", f"wrote {args.out}: {', '.join(names)}")
    return OK


# -- the parser ---------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:  # noqa: PLR0915 - one parser, every command
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang",
        choices=("zh", "en"),
        default=argparse.SUPPRESS,
        help="language of the output: zh (中文, the default) or en",
    )
    parser = argparse.ArgumentParser(
        prog="kongchuo",
        description="控辍保学 rules as code: the kongchuo command line.",
        epilog=_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"kongchuo {kongchuo.__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=_EXIT_CODES,
            formatter_class=argparse.RawDescriptionHelpFormatter,
            parents=[common],
        )

    demo = add("demo", "run the year on the made-up demo county shaped like 肥城市 (演示)")
    demo.add_argument("--out", help="write JSON, CSV and HTML results into this directory")
    demo.add_argument(
        "--children", type=int, default=60_000, help="children in the county (default 60000)"
    )
    demo.add_argument("--seed", type=int, default=2025, help="the seed of the made-up data")
    demo.set_defaults(run=_cmd_demo)

    check_id = add("check-id", "check resident ID or student numbers (arguments or stdin)")
    check_id.add_argument("numbers", nargs="*", help="numbers to check; none reads stdin")
    check_id.set_defaults(run=_cmd_check_id)

    policy_help = "the policy: feicheng (default), national, or a .toml/.json file"
    check = add("check", "check a case file: its log, ledger (三细三实) and closure (销号)")
    check.add_argument("case", help="the case, as JSON (kongchuo.to_json(case))")
    check.add_argument("--as-of", type=_date, help="the day of the check (default: last event)")
    check.add_argument("--policy", default="feicheng", help=policy_help)
    check.add_argument("--child", help="the child, as JSON (for age-based closure)")
    check.add_argument("--attendance", help="attendance since the return, as a JSON list")
    check.set_defaults(run=_cmd_check)

    calendar = add("calendar", "a school year's obligations as a table or .ics (工作日历)")
    calendar.add_argument("year", type=int, help="the school year (2025 for 2025-2026)")
    calendar.add_argument("--policy", default="feicheng", help=policy_help)
    calendar.add_argument("--terms", help="the school calendar (校历), as .toml or .json")
    calendar.add_argument("--format", choices=("table", "ics"), default="table")
    calendar.add_argument(
        "--stamp",
        type=lambda s: dt.datetime.fromisoformat(s).astimezone(dt.UTC),
        help="DTSTAMP for .ics (ISO date-time; default: now)",
    )
    calendar.set_defaults(run=_cmd_calendar)

    notice = add(
        "notice", "render a notice file, or draft one from a case file with --kind (通知文书)"
    )
    notice.add_argument("file", help="a notice as JSON, or with --kind a case as JSON")
    notice.add_argument("--format", choices=("text", "html"), default="text")
    notice.add_argument("--kind", choices=_draftable(), help="draft this kind from the case")
    notice.add_argument("--child", help="the child, as JSON")
    notice.add_argument("--school", help="the school, as JSON")
    notice.add_argument("--issued-on", type=_date, help="the day of issue")
    notice.add_argument("--seq", type=int, help="the sequence number in the year (文号)")
    notice.add_argument("--policy", default="feicheng", help=policy_help)
    notice.add_argument(
        "--unit", action="append", default=[], help="PARTY=NAME of an issuing unit (repeat)"
    )
    notice.add_argument(
        "--set", action="append", default=[], help="FIELD=VALUE of the notice (repeat)"
    )
    notice.set_defaults(run=_cmd_notice)

    def feeds(command: argparse.ArgumentParser) -> None:
        from kongchuo.batch import Feed  # noqa: PLC0415

        for feed in Feed:
            command.add_argument(
                f"--{feed.value.replace('_', '-')}",
                dest=feed.value,
                metavar="FILE",
                help=f"the {feed.value} feed ({feed.label_zh}), as .csv or .xlsx",
            )
        command.add_argument("--as-of", type=_date, required=True, help="the day of the data")
        command.add_argument("--policy", default="feicheng", help=policy_help)
        command.add_argument(
            "--show", type=int, default=10, help="how many problems to list (default 10)"
        )

    intake = add("intake", "take in the departments' feeds and build the census (数据接收)")
    feeds(intake)
    intake.add_argument("--out", help="write rows.csv (every row's result) and census.json")
    intake.set_defaults(run=_cmd_intake)

    reconcile = add("reconcile", "compare 户籍, 学籍 and attendance (三比对)")
    feeds(reconcile)
    reconcile.add_argument("--format", choices=("table", "csv"), default="table")
    reconcile.set_defaults(run=_cmd_reconcile)

    report = add("report", "the monthly dropout report from case files (辍学月报告)")
    report.add_argument("cases", help="the cases, as a JSON list (or one case)")
    report.add_argument("--month", type=_month, required=True, help="the month, as YYYY-MM")
    report.add_argument("--as-of", type=_date, help="the day compiled (default: month's end)")
    report.add_argument("--children", help="the children, as a JSON list (special groups)")
    report.add_argument("--schools", help="the schools, as a JSON list (names, city-direct)")
    report.add_argument("--policy", default="feicheng", help=policy_help)
    report.add_argument("--format", choices=("table", "csv", "json", "html"), default="table")
    report.set_defaults(run=_cmd_report)
    return parser


def _draftable() -> list[str]:
    return [
        "enrolment",
        "return",
        "reminder",
        "school_report",
        "correction_order",
        "judicial_referral",
    ]


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line and return its exit status.

    Example:
        >>> import io
        >>> buffer = io.StringIO()
        >>> main(["check-id", "370983201509010012"], out=buffer)
        0
        >>> print(buffer.getvalue().split()[1])
        370983********0012
    """
    stream = out if out is not None else sys.stdout
    parser = _parser()
    args = parser.parse_args(argv)
    lang = getattr(args, "lang", "zh")
    writer = _Out(stream, lang)
    run: Callable[[argparse.Namespace, _Out], int] = args.run
    try:
        return run(args, writer)
    except _BadInputError as exc:
        message = exc.zh if lang == "zh" else exc.en
        sys.stderr.write(f"kongchuo {args.command}: {exc.where}: {message}\n")
        return BAD_INPUT
    except argparse.ArgumentTypeError as exc:
        sys.stderr.write(f"kongchuo {args.command}: {exc}\n")
        return USAGE
    except KongchuoError as exc:
        first = exc.errors[0] if isinstance(exc, ValidationError) else None
        text = f"{first.path}: {first.message} [{first.code}]" if first else str(exc)
        sys.stderr.write(f"kongchuo {args.command}: {text}\n")
        return BAD_INPUT
    except BrokenPipeError:
        # The reader went away (``kongchuo demo | head``): stop quietly, as other tools do.
        if out is None:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return PIPE_CLOSED


if __name__ == "__main__":
    raise SystemExit(main())
