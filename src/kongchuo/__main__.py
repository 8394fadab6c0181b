"""The ``kongchuo`` command line (命令行).

``kongchuo demo`` shows what the library does on embedded sample data;
``kongchuo check-id`` checks resident ID and student numbers given as arguments or
one per line on standard input, and prints only masked numbers.

This is an edge of ``DESIGN.md``: it reads arguments and writes text, and calls the
pure library for everything else.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from typing import TextIO

from kongchuo._errors import KongchuoError
from kongchuo._identity import ResidentId, StudentNumber

__all__ = ["main"]

_SAMPLE_IDS = (
    # Numbers made up for the demo, with valid check characters; none is a real person's.
    "370983201509010012",
    "370983201602290020",
    "11010519491231002x",
    "110103201501010014",
)
_SAMPLE_STUDENT_NUMBERS = ("G370983201206150034", "L370983201003109999")
_SAMPLE_BAD = (
    "370983201509010013",
    "370983150901001",
    "370983201502300012",
    "37098320１509010012",
)


def _describe_id(text: str, out: TextIO) -> bool:
    try:
        rid = ResidentId.parse(text)
    except KongchuoError as exc:
        out.write(f"  ✗ {exc}\n")
        return False
    region = rid.region
    place = f"{region.province} {region.name}" if region else "未知地区 unknown region"
    strict = "" if _strict_ok(rid) else "  (地址码与出生年份不符 code not valid in birth year)"
    out.write(
        f"  ✓ {rid.masked()}  {rid.sex.label_zh}/{rid.sex.value:<6}  "
        f"出生 born {rid.birth_date.isoformat()}  {rid.region_code} {place}{strict}\n"
    )
    return True


def _strict_ok(rid: ResidentId) -> bool:
    try:
        ResidentId.parse(rid.value, strict_region=True)
    except KongchuoError:
        return False
    return True


def _describe_student_number(text: str, out: TextIO) -> bool:
    try:
        sn = StudentNumber.parse(text)
    except KongchuoError as exc:
        out.write(f"  ✗ {exc}\n")
        return False
    holder = f"  holds {sn.resident_id!r}" if sn.resident_id else ""
    out.write(f"  ✓ {sn.masked()}  {sn.kind.value} {sn.kind.label_zh}{holder}\n")
    return True


def _demo(out: TextIO) -> int:
    from kongchuo import _demo  # noqa: PLC0415 - builds the demo county only when asked

    status = _demo.run(out)
    out.write("\n== 身份号码 identity numbers (GB 11643-1999, 学籍号) ==\n")
    out.write("身份证号码 Resident ID numbers: parsed, shown masked\n")
    for text in _SAMPLE_IDS:
        _describe_id(text, out)
    out.write("\n学籍号 Student numbers (G / L / J)\n")
    for text in _SAMPLE_STUDENT_NUMBERS:
        _describe_student_number(text, out)
    out.write("\n错误输入 Bad input is rejected with a stable code, a path and both languages\n")
    for text in _SAMPLE_BAD:
        _describe_id(text, out)
    out.write(
        "\nNext: `kongchuo check-id NUMBER ...` (or one per line on stdin) checks your own.\n"
    )
    return status


def _check(numbers: Iterable[str], out: TextIO) -> int:
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
    return 1 if failed else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kongchuo", description="控辍保学 rules as code: the kongchuo command line."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", help="run the demo on embedded sample data")
    check = sub.add_parser(
        "check-id", help="check resident ID or student numbers (arguments or stdin)"
    )
    check.add_argument("numbers", nargs="*", help="numbers to check; none reads stdin")
    return parser


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
    args = _parser().parse_args(argv)
    try:
        if args.command == "demo":
            return _demo(stream)
        return _check(args.numbers or sys.stdin, stream)
    except BrokenPipeError:
        # The reader went away (``kongchuo demo | head``): stop quietly, as other tools do.
        if out is None:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    raise SystemExit(main())
