"""Benchmark: ``render_text`` beside a hand-written renderer of identical text.

Renders every shipped example notice (one per kind) N times with:

* ``hand-written``: a plain renderer that splits the template into literal runs and
  placeholder names once, then per notice formats exactly those names by hand
  (dates as ``2025年9月10日``, enums by their Chinese label, lists with 、, the ID
  masked) and joins the parts — the floor for wording kept as data;
* ``kongchuo.render_text``.

Before timing, every output is checked to be identical. Ratios are against the
hand-written renderer of the same run; each figure is the best of 5 passes, the two
taking turns so that load from elsewhere falls on both alike. Run::

    python benchmarks/bench_notices.py [N]
"""

from __future__ import annotations

import datetime as dt
import enum
import string
import sys
from collections.abc import Callable, Sequence

import attrs

from _timing import best
from kongchuo import ResidentId
from kongchuo.notices import DEFAULT_TEMPLATES, Notice, examples, render_text


def _fmt(value: object) -> str:  # noqa: PLR0911 - one return per type
    """The official formatting, by hand."""
    if value is None:
        return "无"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, ResidentId):
        return value.masked()
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, enum.Enum) and hasattr(value, "label_zh"):
        return str(value.label_zh)
    if isinstance(value, tuple):
        return "、".join(_fmt(v) for v in value)
    return str(value)


def service_line(n: Notice) -> str:
    """The service record line, by hand."""
    s = n.service
    if s is None:
        return "送达回证：尚未送达。" if type(n).addressed_to_guardians else ""
    note = f"；备注：{s.note}" if s.note else ""
    served = f"{s.served_on.year}年{s.served_on.month}月{s.served_on.day}日"
    return f"送达回证：{s.method.label_zh}，{served}，受送达人（签收人）：{s.recipient}{note}。"


def hand_renderer(notice: Notice) -> Callable[[Notice], str]:  # noqa: C901 - a baseline, flat
    """A renderer for ``notice``'s kind that formats only the names its template uses."""
    template = DEFAULT_TEMPLATES[notice.kind]
    names = string.Template(template.body).get_identifiers()
    fields = {f for f in names if hasattr(notice, f)}
    units = [f.name for f in attrs.fields(type(notice)) if attrs.has(type(getattr(notice, f.name)))]

    def value(n: Notice, name: str) -> str:  # noqa: C901, PLR0911 - a branch per name
        if name == "title":
            return template.title
        if name == "issuer":
            return n.issuers[0].name
        if name in {"issuers", "signature"}:
            return ("、" if name == "issuers" else "\n").join(i.name for i in n.issuers)
        if name == "service":
            return service_line(n)
        if name == "serious_request":
            return "；情节严重的，请依法吊销其营业执照" if getattr(n, "serious", False) else ""
        if name == "studying_elsewhere_note":
            elsewhere = getattr(n, "studying_elsewhere", None)
            return f"经核实，实际就读学校为{elsewhere}。" if elsewhere else ""
        if name == "school_years":
            year = getattr(n, "school_year", None)
            return f"{year}—{year + 1}" if isinstance(year, int) else ""
        if name in fields:
            return _fmt(getattr(n, name))
        unit, _, attribute = name.partition("_")
        for prefix in units:
            if name.startswith(prefix + "_"):
                unit, attribute = prefix, name[len(prefix) + 1 :]
        return _fmt(getattr(getattr(n, unit), attribute))

    # Split the body once into literal runs and names, as a careful renderer would.
    literals: list[str] = []
    order: list[str] = []
    position = 0
    current = ""
    for match in string.Template.pattern.finditer(template.body):
        current += template.body[position : match.start()]
        position = match.end()
        name = match.group("named") or match.group("braced")
        if name is None:
            current += "$"
        else:
            literals.append(current)
            order.append(name)
            current = ""
    literals.append(current + template.body[position:])
    pairs = list(zip(order, literals[1:], strict=True))

    def render(n: Notice) -> str:
        parts = [literals[0]]
        for name, literal in pairs:
            parts.append(value(n, name))
            parts.append(literal)
        text = "".join(parts)
        return "\n".join(line.rstrip() for line in text.rstrip().splitlines()) + "\n"

    return render


def main(argv: Sequence[str]) -> None:
    """Check identical output, then time both renderers over every kind."""
    n = int(argv[1]) if len(argv) > 1 else 2_000
    notices = list(examples().values())
    hands = [hand_renderer(x) for x in notices]
    for notice, hand in zip(notices, hands, strict=True):
        if hand(notice) != render_text(notice):
            raise SystemExit(f"outputs differ for {notice.kind.value}")

    def run_hand() -> None:
        for _ in range(n):
            for notice, hand in zip(notices, hands, strict=True):
                hand(notice)

    def run_ours() -> None:
        for _ in range(n):
            for notice in notices:
                render_text(notice)

    base, ours = best([run_hand, run_ours])
    total = n * len(notices)
    print(f"{total:,} notices ({len(notices)} kinds x {n:,}); µs per notice; best of 5")
    print(f"  {'hand-written renderer':<24} {base / total * 1e6:8.1f}  1.00")
    print(f"  {'kongchuo.render_text':<24} {ours / total * 1e6:8.1f} {ours / base:5.2f}")
    print(f"  100,000 notices with render_text: {ours / total * 1e5:.2f} s")


if __name__ == "__main__":
    main(sys.argv)
