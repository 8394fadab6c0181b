"""One self-contained HTML report with charts (HTML 报表).

:func:`html_report` writes one page that opens offline: inline CSS, charts as inline
SVG, no script and no link to a CDN. Charts — the monthly trend of open cases by
unit, cases by cause and cases by special group — are drawn with matplotlib, an
optional extra (``pip install 'kongchuo[reports]'``) imported only when a chart is
drawn; without it the page carries the same figures as tables and says so.

Nothing on the page identifies a child: units, counts, case counts by cause and
group, and (from the census) masked student numbers only.

This module belongs to the edges layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import warnings
from collections.abc import Iterable, Sequence
from typing import Any, Final

from kongchuo import SpecialGroup, ValidationError
from kongchuo._core.args import require_date, require_items
from kongchuo.cases import Case, Cause, CauseAnalysed
from kongchuo.reports._cadence import PeriodReview
from kongchuo.reports._census import SpecialGroupCensus
from kongchuo.reports._indicators import Indicator
from kongchuo.reports._monthly import COUNT_COLUMNS, MonthlyReport, log_on, month_end
from kongchuo.reports._scorecard import Scorecards

__all__ = ["cases_by_cause", "html_report"]

_CSS: Final = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;
margin:2em;color:#222;max-width:72em}
h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}
th,td{border:1px solid #bbb;padding:.25em .5em;text-align:right}
th{background:#f0f0f0}td:first-child,th:first-child{text-align:left}
.note{color:#666;font-size:.9em}figure{margin:1em 0}
"""
_FONTS: Final = ["Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "SimHei", "DejaVu Sans"]
_NO_CHARTS: Final = (
    "图表需要安装 matplotlib（pip install 'kongchuo[reports]'）；下列表格给出同样的数字。 "
    "Charts need matplotlib (the reports extra); the tables below hold the same figures."
)


def _e(value: object) -> str:
    return html.escape(str(value))


def _table(head: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = ["<table><thead><tr>", *(f"<th>{_e(h)}</th>" for h in head), "</tr></thead><tbody>"]
    out.extend("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    out.append("</tbody></table>")
    return "".join(out)


def cases_by_cause(cases: Iterable[Case], *, as_of: dt.date) -> dict[str, int]:
    """Cases by the primary cause of their latest cause analysis, as of a day (按原因).

    Religion, a sensitive category (个人信息保护法 第二十八条), is counted under
    其他; a case with no cause analysis counts as 未分析.

    Example:
        >>> import datetime as dt
        >>> from kongchuo.reports import example_county
        >>> cases_by_cause(example_county().cases, as_of=dt.date(2025, 12, 31))
        {'学习困难/厌学': 2, ...}
    """
    as_of = require_date(as_of, "as_of")
    counts: dict[str, int] = {}
    for case in require_items(cases, Case, "cases"):
        log = log_on(case, as_of)
        if not log.entries:
            continue
        primary = None
        for _, event in log.effective():
            if isinstance(event, CauseAnalysed):
                primary = event.primary
        if primary is Cause.RELIGION:
            primary = Cause.OTHER
        label = "未分析" if primary is None else primary.label_zh
        counts[label] = counts.get(label, 0) + 1
    order = [c.label_zh for c in Cause] + ["未分析"]
    return dict(sorted(counts.items(), key=lambda kv: order.index(kv[0])))


def _pyplot() -> Any | None:  # noqa: ANN401 - the pyplot module
    try:
        import matplotlib as mpl  # noqa: PLC0415 - optional extra, imported on first chart
    except ImportError:
        return None
    mpl.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    return plt


def _svg(plt: Any, draw: Any) -> str:  # noqa: ANN401
    """Draw one figure and return it as inline SVG (text kept as text for the browser)."""
    with plt.rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "kongchuo",
            "font.family": "sans-serif",
            "font.sans-serif": _FONTS,
            "figure.figsize": (7.5, 3.2),
        }
    ):
        fig, ax = plt.subplots()
        try:
            with warnings.catch_warnings():
                # CJK glyphs are laid out with a fallback font; the browser draws them.
                warnings.simplefilter("ignore", UserWarning)
                draw(ax)
                fig.tight_layout()
                buf = io.StringIO()
                fig.savefig(buf, format="svg", metadata={"Date": None})
        finally:
            plt.close(fig)
    text = buf.getvalue()
    text = text[text.index("<svg") :]
    # The RDF metadata block names namespaces and the tool; the page needs none of it.
    start, end = text.find("<metadata>"), text.find("</metadata>")
    if start != -1 and end != -1:
        text = text[:start] + text[end + len("</metadata>") :]
    return text


def _trend(plt: Any, reports: Sequence[MonthlyReport]) -> str:  # noqa: ANN401
    months = [f"{r.year}-{r.month:02d}" for r in reports]
    names: dict[str, str] = {}
    for r in reports:
        for u in r.units:
            names.setdefault(u.unit.code, u.unit.name)

    def draw(ax: Any) -> None:  # noqa: ANN401
        for code, name in names.items():
            series = [
                next((u.counts.open for u in r.units if u.unit.code == code), 0) for r in reports
            ]
            ax.plot(months, series, marker="o", label=name)
        ax.set_ylabel("未结个案")
        ax.set_title("各单位未结个案月度趋势")
        ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
        ax.yaxis.get_major_locator().set_params(integer=True)

    return _svg(plt, draw)


def _bars(plt: Any, counts: dict[str, int], title: str) -> str:  # noqa: ANN401
    def draw(ax: Any) -> None:  # noqa: ANN401
        labels = list(counts)
        ax.barh(labels[::-1], list(counts.values())[::-1], color="#4878a8")
        ax.set_title(title)
        ax.xaxis.get_major_locator().set_params(integer=True)

    return _svg(plt, draw)


def html_report(
    reports: Iterable[MonthlyReport],
    *,
    title: str = "控辍保学监测报告",
    cases: Iterable[Case] = (),
    review: PeriodReview | None = None,
    census: SpecialGroupCensus | None = None,
    indicators: Iterable[Indicator] = (),
    scorecards: Scorecards | None = None,
    charts: bool = True,
) -> str:
    """One self-contained HTML page: monthly reports, charts and the other reports.

    The page holds the latest month's report table, the monthly trend of open cases
    by unit, cases by cause (from ``cases``, as of the latest month's end) and by
    special group, and — where given — the county review, the special-group census,
    indicators with their formulas and sources, and the unit scorecards. It opens
    offline: CSS inline, charts as inline SVG, no scripts, no external links.

    Args:
        reports: Monthly reports, one or more; the latest is shown in full.
        title: The page title.
        cases: The case logs, for the chart of cases by cause.
        review: A county review to show.
        census: A special-group census to show.
        indicators: Indicators to show with their inputs and formulas.
        scorecards: Unit scorecards to show.
        charts: Draw charts (needs matplotlib); ``False`` gives tables only.

    Raises:
        ValidationError: ``type`` for wrong inputs; ``report.html`` for no
            monthly report.

    Example:
        >>> from kongchuo.reports import demo_report
        >>> page = html_report([demo_report()], charts=False)
        >>> page.startswith("<!DOCTYPE html>"), "湖屯镇" in page, "<script" in page
        (True, True, False)
    """
    found = sorted(
        require_items(reports, MonthlyReport, "reports"),
        key=lambda r: (r.year, r.month),
    )
    if not found:
        raise ValidationError(
            "report.html",
            "an HTML report needs at least one monthly report",
            "至少需要一份月报告",
            path="reports",
        )
    latest = found[-1]
    plt = _pyplot() if charts else None
    parts = [
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        (
            f'<p class="note">{_e(latest.label_zh)}；编制日 {latest.as_of.isoformat()}；'
            f"政策 {_e(latest.policy)}；报送截止日 {latest.due.isoformat()}。</p>"
        ),
    ]
    if charts and plt is None:
        parts.append(f'<p class="note">{_e(_NO_CHARTS)}</p>')
    parts += _monthly_section(latest)
    parts += _trend_section(plt, found)
    parts += _breakdown_sections(plt, latest, require_items(cases, Case, "cases"))
    if review is not None:
        parts += _records_section(
            f"县级研判 County review {review.first.isoformat()}—{review.last.isoformat()}",
            review.to_records(),
        )
    if census is not None:
        parts += _census_section(census)
    parts += _indicator_section(require_items(indicators, Indicator, "indicators"))
    if scorecards is not None:
        parts += _records_section(
            f"考核记分卡 Scorecards（{scorecards.as_of.isoformat()}）", scorecards.to_records()
        )
    parts.append("</body></html>\n")
    return "".join(parts)


def _monthly_section(latest: MonthlyReport) -> list[str]:
    head = ["单位", "类别", *(c[1] for c in COUNT_COLUMNS), "报送日期", "报送情况"]
    rows: list[list[object]] = [
        [
            u.unit.name,
            u.unit.party.label_zh,
            *u.counts.as_dict().values(),
            u.submitted_on or "",
            u.timeliness.outcome,
        ]
        for u in latest.units
    ]
    rows.append(["合计", "", *latest.county.as_dict().values(), "", ""])
    return [f"<h2>{_e(latest.label_zh)}</h2>", _table(head, rows)]


def _trend_section(plt: Any, found: Sequence[MonthlyReport]) -> list[str]:  # noqa: ANN401
    parts = ["<h2>未结个案月度趋势 Open cases by month</h2>"]
    if plt is not None:
        parts.append(f"<figure>{_trend(plt, found)}</figure>")
    units = [u.unit for u in found[-1].units]
    rows = [
        [
            unit.name,
            *(next((u.counts.open for u in r.units if u.unit.code == unit.code), 0) for r in found),
        ]
        for unit in units
    ]
    parts.append(_table(["单位", *(f"{r.year}-{r.month:02d}" for r in found)], rows))
    return parts


def _breakdown_sections(
    plt: Any,  # noqa: ANN401
    latest: MonthlyReport,
    cases: Sequence[Case],
) -> list[str]:
    parts = []
    by_cause = cases_by_cause(cases, as_of=month_end(latest.year, latest.month))
    if by_cause:
        parts.append("<h2>按原因 Cases by cause</h2>")
        if plt is not None:
            parts.append(f"<figure>{_bars(plt, by_cause, '个案按主要原因')}</figure>")
        parts.append(_table(["主要原因", "个案数"], by_cause.items()))
        parts.append('<p class="note">宗教类原因属敏感信息，计入“其他”。</p>')
    groups: dict[SpecialGroup, int] = {}
    for line in latest.cases:
        for g in line.special_groups:
            groups[g] = groups.get(g, 0) + 1
    by_group = {g.label_zh: groups[g] for g in SpecialGroup if g in groups}
    if by_group:
        parts.append("<h2>按特殊群体 Cases by special group</h2>")
        if plt is not None:
            parts.append(f"<figure>{_bars(plt, by_group, '个案按特殊群体')}</figure>")
        parts.append(_table(["特殊群体", "个案数"], by_group.items()))
    return parts


def _records_section(heading: str, records: list[dict[str, Any]]) -> list[str]:
    if not records:
        return []
    heads = list(records[0])
    return [f"<h2>{_e(heading)}</h2>", _table(heads, ([r[k] for k in heads] for r in records))]


def _census_section(census: SpecialGroupCensus) -> list[str]:
    return [
        f"<h2>特殊群体学生普查 Special-group census（截止 {census.due.isoformat()}）</h2>",
        _table(
            ["学校", "特殊群体", "学生数", "有关爱方案", "无关爱方案", "关爱有缺口"],
            (
                [
                    r.school_name,
                    r.group.label_zh,
                    r.students,
                    r.with_plan,
                    r.without_plan,
                    r.with_gaps,
                ]
                for r in census.rows
            ),
        ),
        "<h3>尚无关爱帮扶方案的学生 Students without a care plan</h3>",
        _table(
            ["学校", "学籍号（脱敏）", "年级"],
            ([u.school_code, u.student, u.grade] for u in census.without_plan),
        ),
    ]


def _indicator_section(shown: Sequence[Indicator]) -> list[str]:
    if not shown:
        return []
    rows = (
        [
            i.name_zh,
            i.percent(2),
            i.numerator,
            i.denominator,
            i.formula_zh,
            "；".join(f"{zh} {n}" for _, zh, n in i.inputs),
            "；".join(i.basis),
        ]
        for i in shown
    )
    return [
        "<h2>指标 Indicators</h2>",
        _table(["指标", "值", "分子", "分母", "公式", "输入", "依据"], rows),
    ]
