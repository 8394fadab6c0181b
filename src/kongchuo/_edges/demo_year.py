"""The demo county's year (演示县的一年): ``kongchuo demo`` at real size.

A county shaped like 肥城市 — its 14 towns and street offices and the 矿区 — is
generated deterministically from a seed by :func:`kongchuo.batch.synthetic_feeds`:
the four departments' feeds with their faults, the 学籍 roll and a term of
attendance. :func:`run_year` then does the year's work on it: intake, census,
reconciliation (三比对), cases opened, a month of persuasion (劝返), escalation
decisions and notices for the families who refuse, and the monthly report.

Every name and number is invented; the ID numbers have valid check characters but
belong to no one.

This module is part of the edges layer of the design: it calls the public library.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, Final

import attrs

from kongchuo import (
    Child,
    ChinaCalendar,
    School,
    ValidationError,
    age_on,
    is_school_age,
    obligations,
    school_year_day,
)
from kongchuo import (
    SchoolCalendar as _SchoolCalendar,
)
from kongchuo import Term as _Term
from kongchuo import TermKind as _TermKind
from kongchuo.cases import (
    AttemptResult,
    Case,
    CaseState,
    Cause,
    CauseAnalysed,
    Person,
    PersuasionAttempt,
    PersuasionMethod,
    PlanMade,
    ProgressMarked,
    Recorder,
    Returned,
    Role,
    Verified,
    check_ledger,
    draft_notice,
    next_escalation,
    notice_event,
)
from kongchuo.notices import Notice, NoticeKind, render_text
from kongchuo.policy import FEICHENG, EscalationStep, Party
from kongchuo.regions import FEICHENG_UNITS

__all__ = ["STEPS", "YearResult", "run_year"]

SCHOOL_YEAR: Final = 2025
RECONCILED_ON: Final = dt.date(2025, 10, 31)
MONTH_END: Final = dt.date(2025, 11, 30)
REPORTED_ON: Final = dt.date(2025, 12, 5)
# The steps of the year, in order; run_year's progress callback is called after each.
STEPS: Final = (
    "generate",
    "intake",
    "census",
    "reconcile",
    "open cases",
    "persuasion",
    "escalation and ledgers",
    "monthly report",
    "deadlines",
)  # in order; progress is called after each
DEMO_SCHOOLS: Final = 40  # about as many as a county of 60,000 children aged 3–17 runs
DEMO_AGES: Final = (3, 17)  # as 公安's register lists minors; the census band is the policy's

_UNITS: Final = {
    Party.EDUCATION_BUREAU: "肥城市教育和体育局",
    Party.TOWN_GOVERNMENT: "镇人民政府（街道办事处）",
    Party.VILLAGE_COMMITTEE: "村（居）民委员会",
}
_CAUSES: Final = (
    (Cause.LEARNING_DIFFICULTY, "学习跟不上，产生厌学情绪，家长督促不力，长期不愿到校上课。"),
    (Cause.FAMILY_FINANCES, "家庭经济困难，父母希望孩子早日外出打工补贴家用，未按时到校。"),
    (Cause.FAMILY_CRISIS, "父母在外务工，由年迈的祖父母照看，无人督促学习，逐渐不去上学。"),
    (Cause.WORK, "随亲戚外出打工，在外地一家餐馆做帮工，家长知情但未加阻止。"),
    (Cause.DISTANCE, "家距学校较远，冬季交通不便，家长不愿接送，孩子时常不到校。"),
)


@attrs.frozen(kw_only=True)
class YearResult:
    """What the demo year produced, for the summary and for ``--out``.

    Attributes:
        children: How many children the county was generated with.
        seed: The seed.
        intake: Feed → its row outcome counts and a few rejected rows (as text).
        census: Children in the census, conflicts and special-group counts.
        discrepancies: Discrepancy kind → count.
        cases: The case logs at the end of the month.
        states: Case state → count, at the end of the month.
        notices: Every notice issued in the month.
        escalation: Next escalation step → count, for the cases still escalated.
        ledger_gaps: Ledger finding code → count, across the cases.
        report: The monthly report (kongchuo.reports), if that layer is installed.
        deadlines: The year's obligations (due, title).
        timings: Step → seconds.
    """

    children: int
    seed: int
    intake: dict[str, dict[str, Any]]
    census: dict[str, Any]
    discrepancies: dict[str, int]
    cases: tuple[Case, ...] = attrs.field(repr=False)
    states: dict[str, int]
    notices: tuple[Notice, ...] = attrs.field(repr=False)
    escalation: dict[str, int]
    ledger_gaps: dict[str, int]
    report: Any = attrs.field(repr=False)
    deadlines: tuple[tuple[dt.date, str, str], ...]
    timings: dict[str, float]
    rows: dict[str, list[dict[str, Any]]] = attrs.field(repr=False, factory=dict)


class _Clock:
    def __init__(self, progress: Callable[[str], None]) -> None:
        self.timings: dict[str, float] = {}
        self.progress = progress
        self._last = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.timings[step] = round(now - self._last, 2)
        self._last = now
        self.progress(step)


def _school_calendar() -> _SchoolCalendar:
    return _SchoolCalendar(
        school_year=SCHOOL_YEAR,
        terms=(
            _Term(kind=_TermKind.AUTUMN, start=dt.date(2025, 9, 1), end=dt.date(2026, 1, 23)),
            _Term(kind=_TermKind.SPRING, start=dt.date(2026, 2, 24), end=dt.date(2026, 7, 10)),
        ),
        source="演示用校历 (demo)",
    )


def _school_for(case: Case, by_code: dict[str, School], by_town: dict[str, School]) -> School:
    if case.school_code and case.school_code in by_code:
        return by_code[case.school_code]
    return by_town.get(case.jurisdiction) or next(iter(by_code.values()))


def _persuade(
    case: Case,
    *,
    rng: random.Random,
    child: Child | None,
    school: School,
    rec: Recorder,
    calendar: ChinaCalendar,
    notices: list[Notice],
    seq: Counter[NoticeKind],
) -> Case:
    start = max(case.events[0].occurred_on, RECONCILED_ON) + dt.timedelta(days=1)

    def day(n: int) -> dt.date:
        return start + dt.timedelta(days=n)

    if rng.random() < 0.08:  # a false alarm: studying elsewhere, moved, or a data error
        return case.append(
            Verified(**rec.on(day(0)), confirmed=False, finding="核实为误报：已在外地学校就读")
        )
    case = case.append(Verified(**rec.on(day(0)), confirmed=True, finding="入户核实，确认未在校"))
    cause, narrative = _CAUSES[rng.randrange(len(_CAUSES))]
    principal = Person(role=Role.PRINCIPAL, name="校长")
    teacher = Person(role=Role.HEAD_TEACHER, name="班主任")
    guardian = Person(role=Role.GUARDIAN, name="监护人")
    case = case.append(
        CauseAnalysed(**rec.on(day(1)), causes={cause}, primary=cause, narrative=narrative)
    )
    case = case.append(
        PlanMade(
            **rec.on(day(1)),
            measures=("校长、班主任入户劝返", "结对帮扶", "落实资助政策"),
            responsible=(principal, teacher),
            target_date=day(21),
        )
    )
    roll = rng.random()
    visits = 1 if roll < 0.55 else 2 if roll < 0.85 else 3  # 15% of families refuse
    for i in range(visits):
        on = day(2 + 6 * i)
        agreed = i + 1 == visits and roll < 0.85
        case = case.append(
            PersuasionAttempt(
                **rec.on(on, materials=("家长书面承诺书",) if agreed else ()),
                method=PersuasionMethod.HOME_VISIT,
                visitors=(principal, teacher),
                met=(guardian,),
                result=AttemptResult.AGREED_TO_RETURN
                if agreed
                else AttemptResult.REFUSED
                if roll >= 0.85
                else AttemptResult.UNDECIDED,
                next_step=None if agreed else "再次入户，并联系镇街协同劝返",
            )
        )
        case = case.append(ProgressMarked(**rec.on(on), platform="控辍保学台账系统"))
    if roll < 0.85:
        return case.append(
            Returned(
                **rec.on(day(2 + 6 * (visits - 1) + 3), materials=("复学证明",)),
                school_code=school.code,
                grade=rng.randint(1, 9),
            )
        )
    if child is None:
        return case
    # The family refuses: up the ladder, as far as the month allows.
    for _ in range(2):
        on = case.events[-1].occurred_on + dt.timedelta(days=2)
        step = next_escalation(case, as_of=on, policy=FEICHENG, calendar=calendar, child=child)
        kind = (
            {
                EscalationStep.WRITTEN_REPORT: NoticeKind.SCHOOL_REPORT,
                EscalationStep.CORRECTION_ORDER: NoticeKind.CORRECTION_ORDER,
            }.get(step.step)
            if step.step
            else None
        )
        if kind is None or not step.allowed or on > MONTH_END:
            break
        seq[kind] += 1
        extra: dict[str, Any] = (
            {"summary": "校长、班主任三次家访，监护人拒绝送子女返校。"}
            if kind is NoticeKind.SCHOOL_REPORT
            else {"facts": "该生无正当理由长期未到校，学校三次上门劝返，监护人仍未送其返校。"}
        )
        if kind is not NoticeKind.SCHOOL_REPORT and not child.guardians:
            extra["guardians"] = ("监护人",)  # the feeds name no guardians
        notice = draft_notice(
            kind,
            case=case,
            child=child,
            school=school,
            policy=FEICHENG,
            issued_on=on,
            seq=seq[kind],
            units=_UNITS,
            calendar=calendar,
            **extra,
        )
        notices.append(notice)
        case = case.append(
            notice_event(notice, recorded_at=rec.on(on)["recorded_at"], recorded_by=rec.by)
        )
    return case


_VARIANTS: Final = str.maketrans("明华伟芳静丽军杰涛英强敏", "铭桦玮方婧莉君洁滔瑛蔷民")


def _spoil_names(
    rows: dict[Any, list[dict[str, Any]]],
    feed: Any,  # noqa: ANN401 - the Feed enum
    rng: random.Random,
) -> None:
    """Spoil names as departments do: conflicts that the census leaves to a person.

    A name written differently by another department (2% of group rows), and a child
    registered twice in 户籍 (0.2%), half of them under a variant of the name.
    """
    for group in (feed.POVERTY, feed.DISABILITY, feed.CIVIL_AFFAIRS):
        for row in rows.get(group, []):
            if rng.random() < 0.02 and isinstance(row.get("姓名"), str):
                row["姓名"] = row["姓名"].translate(_VARIANTS)
    household = rows.get(feed.HOUSEHOLD, [])
    for row in list(household):
        if rng.random() < 0.002:
            twin = dict(row)
            if rng.random() < 0.5 and isinstance(twin.get("姓名"), str):
                twin["姓名"] = twin["姓名"].translate(_VARIANTS)
            household.append(twin)


def _rejected_sample(results: Iterable[Any], limit: int = 3) -> list[dict[str, Any]]:
    out = []
    for row in results:
        if row.outcome.value == "rejected" and row.findings:
            f = row.findings[0]
            out.append({"row": row.row, "code": f.code, "zh": f.message_zh, "en": f.message})
            if len(out) == limit:
                break
    return out


def _age_bands(children: Iterable[Child]) -> dict[str, int]:
    """How many children are under, in and over the policy's age band (6–15) this year."""
    ages: Counter[str] = Counter()
    reference = school_year_day(SCHOOL_YEAR, policy=FEICHENG)
    youngest = FEICHENG.age_band.value_at(FEICHENG.reading_date(SCHOOL_YEAR)).min_age
    for child in children:
        birth = child.birth_date
        if is_school_age(birth, school_year=SCHOOL_YEAR, policy=FEICHENG):
            ages["school_age"] += 1
        else:
            ages["under" if age_on(birth, reference) < youngest else "over"] += 1
    return {k: ages[k] for k in ("under", "school_age", "over")}


def _age_line(band: dict[str, int], *, zh: bool) -> str:
    return (
        f"  其中适龄（6–15 周岁）{band['school_age']:,}，"
        f"学龄前 {band['under']:,}，超龄 {band['over']:,}（不列入失学比对）"
        if zh
        else f"  of whom {band['school_age']:,} of school age (6–15), "
        f"{band['under']:,} under it and {band['over']:,} over it (not compared for 失学)"
    )


def run_year(  # noqa: PLR0915 - the year's steps, in order
    *,
    children: int = 60_000,
    seed: int = 2025,
    progress: Callable[[str], None] = lambda _step: None,
) -> YearResult:
    """Generate the demo county and run the year's work on it.

    Args:
        children: How many children aged 3–17 the county has (公安's register).
        seed: The seed of the generated data; the same seed gives the same year.
        progress: Called with the name of each step as it ends.

    Raises:
        ValidationError: ``demo.batch`` if the batch layer is not installed.
    """
    try:
        from kongchuo import batch  # noqa: PLC0415 - the batch layer is optional here
    except ImportError:  # pragma: no cover - the batch layer ships with kongchuo
        raise ValidationError(
            "demo.batch", "the batch layer is not installed", "未安装批处理模块"
        ) from None
    clock = _Clock(progress)
    county = batch.synthetic_feeds(
        children,
        seed=seed,
        as_of=RECONCILED_ON,
        bad_rows=25,
        school_count=DEMO_SCHOOLS,
        ages=DEMO_AGES,
    )
    _spoil_names(county.rows, batch.Feed, random.Random(seed + 1))  # noqa: S311 - made up
    clock.lap("generate")

    schools = county.schools
    intakes = {
        feed: batch.intake(
            batch.rows_from_mappings(rows),
            feed,
            source=feed.value,
            as_of=county.as_of,
            policy=FEICHENG,
            jurisdictions=FEICHENG_UNITS,
            schools=schools,
        )
        for feed, rows in county.rows.items()
    }
    intake_summary = {
        feed.value: {
            "rows": len(take.rows),
            **{k.value: v for k, v in take.counts().items()},
            "examples": _rejected_sample(take.rows),
        }
        for feed, take in intakes.items()
    }
    clock.lap("intake")

    census = batch.build_census(*intakes.values())
    groups: Counter[str] = Counter()
    for entry in census.entries.values():
        for group in entry.child.special_groups:
            groups[group.label_zh] += 1
    census_summary = {
        "children": len(census),
        "ages": _age_bands(entry.child for entry in census.entries.values()),
        "conflicts": len(census.conflicts),
        "special_groups": dict(groups.most_common()),
    }
    clock.lap("census")

    registrations = [r.value for r in intakes[batch.Feed.REGISTRATION].records]
    attendance = [r.value for r in intakes[batch.Feed.ATTENDANCE].records]
    calendar = ChinaCalendar()
    terms = _school_calendar()
    found = batch.reconcile(
        census,
        registrations,
        attendance,
        as_of=RECONCILED_ON,
        policy=FEICHENG,
        calendar=calendar,
        school_calendar=terms,
        schools=schools,
    )
    discrepancies = {k.value: v for k, v in found.counts().items()}
    clock.lap("reconcile")

    rec = Recorder(by="肥城市教育和体育局 控辍保学专班")
    opened = batch.open_cases(
        found.discrepancies,
        recorded_at=rec.on(RECONCILED_ON)["recorded_at"],
        recorded_by=rec.by,
    ).opened
    clock.lap("open cases")

    rng = random.Random(seed)  # noqa: S311 - made-up data, reproducible from the seed
    by_code = {s.code: s for s in schools}
    by_town: dict[str, School] = {}
    for s in schools:
        by_town.setdefault(s.jurisdiction, s)
    kids = {
        e.child.resident_id.value: e.child for e in census.entries.values() if e.child.resident_id
    }
    notices: list[Notice] = []
    seq: Counter[NoticeKind] = Counter()
    cases = []
    for case in opened:
        child = kids.get(case.child_id.value) if case.child_id else None
        cases.append(
            _persuade(
                case,
                rng=rng,
                child=child,
                school=_school_for(case, by_code, by_town),
                rec=rec,
                calendar=calendar,
                notices=notices,
                seq=seq,
            )
        )
    clock.lap("persuasion")

    states = Counter(c.state.label_zh for c in cases)
    escalation: Counter[str] = Counter()
    gaps: Counter[str] = Counter()
    for case in cases:
        child = kids.get(case.child_id.value) if case.child_id else None
        if case.state is CaseState.ESCALATED and child is not None:
            nxt = next_escalation(
                case, as_of=MONTH_END, policy=FEICHENG, calendar=calendar, child=child
            )
            escalation[nxt.step.value if nxt.step else "none"] += 1
        gaps.update(check_ledger(case, as_of=MONTH_END, policy=FEICHENG).codes())
    clock.lap("escalation and ledgers")

    report = None
    try:
        from kongchuo import reports  # noqa: PLC0415 - optional layer
    except ImportError:  # pragma: no cover
        reports = None  # type: ignore[assignment]
    if reports is not None:
        report = reports.monthly_report(
            cases,
            year=MONTH_END.year,
            month=MONTH_END.month,
            as_of=REPORTED_ON,
            policy=FEICHENG,
            children=(e.child for e in census.entries.values()),
            registrations=registrations,
            schools=schools,
            jurisdictions=FEICHENG_UNITS,
            calendar=calendar,
        )
    clock.lap("monthly report")

    deadlines = tuple(
        (o.due, o.title_zh, o.title)
        for o in obligations(SCHOOL_YEAR, policy=FEICHENG, terms=terms, calendar=calendar)
    )
    rows: dict[str, list[dict[str, Any]]] = {
        "intake_rejects": [
            {"feed": feed.value, "row": r.row, "code": r.findings[0].code,
             "message_zh": r.findings[0].message_zh, "message": r.findings[0].message}
            for feed, take in intakes.items()
            for r in take.rows
            if r.outcome.value == "rejected" and r.findings
        ],
        "discrepancies": [
            {"kind": d.kind.value, "child": d.child, "school": d.school or "",
             "jurisdiction": d.jurisdiction or "", "since": d.since.isoformat() if d.since else "",
             "code": d.finding.code}
            for d in found.discrepancies
        ],
    }  # fmt: skip
    clock.lap("deadlines")
    return YearResult(
        children=children,
        seed=seed,
        intake=intake_summary,
        census=census_summary,
        discrepancies=discrepancies,
        cases=tuple(cases),
        states=dict(states.most_common()),
        notices=tuple(notices),
        escalation=dict(escalation.most_common()),
        ledger_gaps=dict(gaps.most_common()),
        report=report,
        deadlines=deadlines,
        timings=clock.timings,
        rows=rows,
    )


def sample_notice_text(result: YearResult) -> str | None:
    """The first correction order of the month, rendered (IDs masked)."""
    for notice in result.notices:
        if notice.kind is NoticeKind.CORRECTION_ORDER:
            return render_text(notice)
    return None


_FEED_ZH: Final = {
    "household": "公安 户籍",
    "poverty": "乡村振兴 脱贫家庭",
    "disability": "残联 残疾儿童",
    "civil_affairs": "民政 困境儿童",
    "registration": "学籍",
    "attendance": "学校 考勤",
    "leave": "学校 请假",
}
_KIND_ZH: Final = {
    "out_of_school": ("失学（有户籍无学籍）", "out of school (never enrolled)"),
    "suspected_dropout": ("疑似辍学", "suspected dropout"),
    "dropout": ("辍学", "dropout"),
    "mismatch": ("人籍不一致", "attends another school"),
    "phantom": ("空挂学籍", "phantom registration"),
    "unregistered": ("借读（无学籍在校）", "attending without registration"),
    "duplicate_registration": ("重复学籍", "registered twice"),
}


def summary(result: YearResult, *, lang: str = "zh") -> str:
    """The year in a page, for a county officer (年度小结), in Chinese or English."""
    zh = lang == "zh"
    out: list[str] = []

    def head(title_zh: str, title_en: str) -> None:
        out.append("")
        out.append(f"== {title_zh} ==" if zh else f"== {title_en} ==")

    total = sum(result.timings.values())
    out.append(
        f"kongchuo 演示：肥城市（虚构数据，种子 {result.seed}）{SCHOOL_YEAR}—{SCHOOL_YEAR + 1} "
        f"学年，三比对 {RECONCILED_ON}，月报 {MONTH_END:%Y年%m月}"
        if zh
        else f"kongchuo demo: 肥城市 (made-up data, seed {result.seed}), school year "
        f"{SCHOOL_YEAR}-{SCHOOL_YEAR + 1}, reconciled {RECONCILED_ON}, report for "
        f"{MONTH_END:%Y-%m}"
    )
    head("1 数据接收（各部门报送）", "1 Intake of the departments' feeds")
    for feed, info in result.intake.items():
        if not info["rows"]:
            continue
        label = _FEED_ZH.get(feed, feed) if zh else feed
        out.append(
            f"  {label:<12} {info['rows']:>7,} 行  接收 {info.get('accepted', 0):,}  "
            f"合并 {info.get('merged', 0):,}  冲突 {info.get('conflict', 0):,}  "
            f"拒收 {info.get('rejected', 0):,}"
            if zh
            else f"  {label:<14} {info['rows']:>7,} rows  accepted {info.get('accepted', 0):,}  "
            f"merged {info.get('merged', 0):,}  conflict {info.get('conflict', 0):,}  "
            f"rejected {info.get('rejected', 0):,}"
        )
    examples = result.intake.get("household", {}).get("examples", [])
    if examples:
        out.append("  拒收示例（原因均已记录）：" if zh else "  rejected, with reasons kept:")
        out.extend(
            f"    第 {e['row']} 行：{e['zh']} [{e['code']}]"
            if zh
            else f"    row {e['row']}: {e['en']} [{e['code']}]"
            for e in examples[:2]
        )
    head("2 适龄儿童台账", "2 Census of school-age children")
    census = result.census
    out.append(
        f"  {census['children']:,} 名儿童；信息冲突 {census['conflicts']} 条待人工核实"
        if zh
        else f"  {census['children']:,} children; {census['conflicts']} conflicts left for a person"
    )
    out.append(_age_line(census["ages"], zh=zh))
    groups = "、".join(f"{k} {v:,}" for k, v in census["special_groups"].items())
    out.append(f"  特殊群体：{groups}" if zh else f"  special groups: {groups}")
    head("3 三比对（户籍·学籍·在校）", "3 Reconciliation (户籍 · 学籍 · presence)")
    for kind, n in result.discrepancies.items():
        label = _KIND_ZH.get(kind, (kind, kind))[0 if zh else 1]
        out.append(f"  {label:<16} {n:>6,}")
    head("4 立案与一个月的劝返", "4 Cases opened and a month of persuasion")
    out.append(
        f"  立案 {len(result.cases):,} 件（一人一案）" if zh else f"  {len(result.cases):,} cases"
    )
    out.extend(f"  {state:<10} {n:>6,}" for state, n in result.states.items())
    gaps = ", ".join(f"{code} {n:,}" for code, n in list(result.ledger_gaps.items())[:4])
    out.append(f"  台账问题：{gaps or '无'}" if zh else f"  ledger findings: {gaps or 'none'}")
    head("5 强制入学程序与通知文书", "5 Escalation and notices")
    kinds = Counter(n.kind.label_zh if zh else n.kind.value for n in result.notices)
    out.append(
        "  本月发出：" + ("、".join(f"{k} {v}" for k, v in kinds.items()) or "无")
        if zh
        else "  issued this month: " + (", ".join(f"{k} {v}" for k, v in kinds.items()) or "none")
    )
    labels = {s.value: s.label_zh for s in EscalationStep}
    nxt = ", ".join(f"{labels.get(k, k) if zh else k} {v}" for k, v in result.escalation.items())
    out.append(f"  下一步：{nxt or '无'}" if zh else f"  next steps: {nxt or 'none'}")
    report = result.report
    if report is not None:
        head(
            f"6 {MONTH_END:%Y年%m月} 辍学月报告（{report.due} 前报送）",
            f"6 Monthly report for {MONTH_END:%Y-%m} (due {report.due})",
        )
        c = report.county
        out.append(
            f"  合计：个案 {c.cases:,}，失学 {c.out_of_school}，疑似辍学 {c.suspected_dropouts}，"
            f"辍学 {c.dropouts}，已返校 {c.back_in_school}，强制入学程序中 {c.escalated}"
            if zh
            else f"  county: {c.cases:,} cases, {c.out_of_school} out of school, "
            f"{c.suspected_dropouts} suspected, {c.dropouts} dropouts, "
            f"{c.back_in_school} back in school, {c.escalated} escalated"
        )
        busiest = sorted(report.units, key=lambda u: -u.counts.cases)[:5]
        unit = "件" if zh else "cases"
        out.extend(f"  {u.unit.name:<10} {u.counts.cases:>5} {unit}" for u in busiest)
    head("7 年度工作事项（节选）", "7 The year's deadlines (first few)")
    for due, title_zh, title_en in result.deadlines[:5]:
        out.append(f"  {due}  {title_zh if zh else title_en}")
    out.append("")
    out.append(
        f"用时 {total:.1f} 秒（{'，'.join(f'{k} {v}' for k, v in result.timings.items())}）"
        if zh
        else f"took {total:.1f} s ({', '.join(f'{k} {v}' for k, v in result.timings.items())})"
    )
    return "\n".join(out) + "\n"


def write_outputs(result: YearResult, directory: str) -> list[str]:
    """Write the year's results as JSON, CSV and HTML into ``directory``; return the names.

    ID numbers are masked in every file: the data is made up, but the habit is not.
    """
    import html  # noqa: PLC0415
    import json  # noqa: PLC0415
    import pathlib  # noqa: PLC0415

    from kongchuo import reports, to_dicts  # noqa: PLC0415

    root = pathlib.Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    written: list[str] = []

    def put(name: str, text: str) -> None:
        (root / name).write_text(text, encoding="utf-8")
        written.append(name)

    facts = {
        "seed": result.seed,
        "children": result.children,
        "intake": result.intake,
        "census": result.census,
        "discrepancies": result.discrepancies,
        "cases": len(result.cases),
        "states": result.states,
        "notices": Counter(n.kind.value for n in result.notices),
        "escalation": result.escalation,
        "ledger_findings": result.ledger_gaps,
        "timings_s": result.timings,
    }
    put("summary.json", json.dumps(facts, ensure_ascii=False, indent=2, default=str))
    put("cases.json", json.dumps(to_dicts(result.cases, mask=True), ensure_ascii=False))
    put("intake_rejects.csv", reports.to_csv(result.rows.get("intake_rejects", [])))
    put("discrepancies.csv", reports.to_csv(result.rows.get("discrepancies", [])))
    if result.report is not None:
        put("monthly_report.json", result.report.to_json())
        put("monthly_report.csv", reports.to_csv(result.report.to_records()))
        put(
            "monthly_report.html",
            reports.html_report(
                [result.report],
                title=f"演示县 {MONTH_END:%Y年%m月} 辍学月报告",
                cases=result.cases,
            ),
        )
    page = (
        '<!doctype html><html lang="zh"><meta charset="utf-8">'
        "<title>kongchuo 演示县</title>"
        "<style>body{font-family:sans-serif;margin:2em}</style>"
        f"<pre>{html.escape(summary(result))}</pre>"
        '<p><a href="monthly_report.html">辍学月报告 monthly report</a></p></html>\n'
    )
    put("summary.html", page)
    return written
