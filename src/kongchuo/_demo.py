"""The embedded demo county (演示数据): a few made-up children and cases in 肥城市.

Every name and number here is invented; the ID numbers have valid check characters
but belong to no one. :func:`demo_county` builds the data; :func:`run` is the main job
that ``kongchuo demo`` prints: the census of school-age children, the ledgers, each
case's ledger check, closure and responsible parties, and the year's deadlines.

This is an edge of the design (docs/design.md): it only calls the public library.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final, TextIO

import attrs

from kongchuo import (
    Child,
    ChinaCalendar,
    Guardian,
    GuardianRelationship,
    KongchuoError,
    ResidentId,
    SchoolCalendar,
    SpecialGroup,
    Term,
    TermKind,
    is_school_age,
    monthly_report_due,
    obligations,
)
from kongchuo.cases import (
    AttemptResult,
    Case,
    CaseKind,
    Cause,
    CauseAnalysed,
    IdentificationMethod,
    Identified,
    Person,
    PersuasionAttempt,
    PersuasionMethod,
    Placed,
    Placement,
    PlanMade,
    ProgressMarked,
    Role,
    Verified,
    check_closure,
    check_ledger,
    ledgers,
    responsible_parties,
)
from kongchuo.policy import FEICHENG
from kongchuo.regions import FEICHENG_UNITS

__all__ = ["DemoCounty", "demo_county", "run"]

SCHOOL_YEAR: Final = 2025
AS_OF: Final = dt.date(2025, 10, 15)
_CST: Final = dt.timezone(dt.timedelta(hours=8))

# (name, ID number, town suffix, special groups, rural household)
_CHILDREN: Final = (
    ("张小明", "370983201509010012", "003", (), False),
    ("李小红", "370983201304120023", "003", (SpecialGroup.LEFT_BEHIND,), True),
    ("王浩", "370983201101200031", "101", (SpecialGroup.POVERTY_ALLEVIATED,), True),
    ("赵雨", "370983201708300047", "104", (), True),
    ("刘洋", "370983201206150034", "003", (SpecialGroup.LEFT_BEHIND,), True),
    ("陈静", "370983201602290063", "001", (), False),
    ("孙磊", "370983201003050076", "106", (SpecialGroup.DISABLED,), True),
    ("周婷", "37098320190831008X", "002", (), False),
    ("吴凡", "370983201909010097", "002", (), False),
    ("郑欣", "370983200909010105", "109", (SpecialGroup.ORPHAN,), True),
    ("冯佳", "370983201407180125", "113", (SpecialGroup.MIGRANT,), False),
    ("何敏", "370983201811110145", "-KQ", (), False),
)


@attrs.frozen(kw_only=True)
class DemoCounty:
    """The demo county's records."""

    children: tuple[Child, ...]
    cases: tuple[Case, ...]
    calendar: SchoolCalendar


def _town(suffix: str) -> str:
    code = "370983" + suffix
    if not any(u.code == code for u in FEICHENG_UNITS):  # pragma: no cover - data check
        msg = f"unknown Feicheng unit {code}"
        raise ValueError(msg)
    return code


def _child(
    name: str, number: str, town: str, groups: tuple[SpecialGroup, ...], *, rural: bool
) -> Child:
    rid = ResidentId.parse(number)
    return Child(
        resident_id=rid,
        name=name,
        sex=rid.sex,
        birth_date=rid.birth_date,
        household_region="370983",
        residence_region="370983",
        rural_household=rural,
        jurisdiction=_town(town),
        special_groups=frozenset(groups),
        guardians=(
            Guardian(
                relationship=GuardianRelationship.MOTHER,
                name=name[0] + "母",
                phone="13800138000",
                working_away=SpecialGroup.LEFT_BEHIND in groups,
            ),
        ),
        retain_until=dt.date(rid.birth_date.year + 19, 8, 31),
    )


def _on(day: dt.date, **fields: Any) -> dict[str, Any]:  # noqa: ANN401 - event fields
    return {
        "occurred_on": day,
        "recorded_at": dt.datetime(day.year, day.month, day.day, 18, tzinfo=_CST),
        "recorded_by": "李老师",
        **fields,
    }


def _cases() -> tuple[Case, ...]:
    principal = Person(role=Role.PRINCIPAL, name="张校长")
    teacher = Person(role=Role.HEAD_TEACHER, name="李老师")
    grandmother = Person(role=Role.GUARDIAN, name="刘奶奶")
    dropout = Case.open(
        case_id="FC-2025-0001",
        kind=CaseKind.DROPOUT,
        jurisdiction=_town("003"),
        school_code="3709830031",
        child_id=ResidentId.parse("370983201206150034"),
        identified=Identified(
            **_on(dt.date(2025, 9, 15)),
            method=IdentificationMethod.SCHOOL_REPORT,
            found_by="班主任",
        ),
    )
    dropout = dropout.append(
        Verified(**_on(dt.date(2025, 9, 16)), confirmed=True, finding="连续缺课 6 天，家长确认辍学")
    )
    dropout = dropout.append(
        CauseAnalysed(
            **_on(dt.date(2025, 9, 17)),
            causes={Cause.LEARNING_DIFFICULTY, Cause.FAMILY_CRISIS},
            primary=Cause.LEARNING_DIFFICULTY,
            narrative="数学跟不上，产生厌学情绪；父母在外务工，由祖母照看，无人督促学习。",
        )
    )
    dropout = dropout.append(
        PersuasionAttempt(
            **_on(dt.date(2025, 9, 18)),
            method=PersuasionMethod.HOME_VISIT,
            visitors=(teacher,),
            met=(grandmother,),
            result=AttemptResult.UNDECIDED,
            next_step="请校长再次家访，并联系在外务工的父母",
        )
    )
    out_of_school = Case.open(
        case_id="FC-2025-0002",
        kind=CaseKind.OUT_OF_SCHOOL,
        jurisdiction=_town("106"),
        child_id=ResidentId.parse("370983201003050076"),
        identified=Identified(
            **_on(dt.date(2025, 7, 15)),
            method=IdentificationMethod.CENSUS_COMPARISON,
            found_by="户籍与学籍比对",
        ),
    )
    officer = Person(role=Role.EDUCATION_OFFICER, name="赵主任")
    for event in (
        Verified(**_on(dt.date(2025, 7, 16)), confirmed=True, finding="未入学，重度残疾"),
        CauseAnalysed(
            **_on(dt.date(2025, 7, 18)),
            causes={Cause.DISABILITY},
            primary=Cause.DISABILITY,
            narrative="重度肢体残疾，行动不便，家长担心无法适应学校生活，未申请入学。",
        ),
        PlanMade(
            **_on(dt.date(2025, 7, 18)),
            measures=("残疾人教育专家委员会评估", "送教上门"),
            responsible=(officer,),
            target_date=dt.date(2025, 9, 1),
            placement=Placement.HOME_DELIVERED,
        ),
        PersuasionAttempt(
            **_on(dt.date(2025, 7, 20)),
            method=PersuasionMethod.HOME_VISIT,
            visitors=(officer, principal),
            met=(Person(role=Role.GUARDIAN, name="孙父"),),
            result=AttemptResult.AGREED_TO_RETURN,
            materials=("家长申请书",),
        ),
        ProgressMarked(**_on(dt.date(2025, 7, 21)), platform="控辍保学台账系统"),
        Placed(**_on(dt.date(2025, 9, 1)), placement=Placement.HOME_DELIVERED),
    ):
        out_of_school = out_of_school.append(event)
    return (dropout, out_of_school)


def demo_county() -> DemoCounty:
    """Build the demo county: 12 children, 2 cases and the 2025–26 school calendar."""
    return DemoCounty(
        children=tuple(_child(*row[:4], rural=row[4]) for row in _CHILDREN),
        cases=_cases(),
        calendar=SchoolCalendar(
            school_year=SCHOOL_YEAR,
            terms=(
                Term(kind=TermKind.AUTUMN, start=dt.date(2025, 9, 1), end=dt.date(2026, 1, 23)),
                Term(kind=TermKind.SPRING, start=dt.date(2026, 2, 24), end=dt.date(2026, 7, 10)),
            ),
            source="演示用校历 (demo)",
        ),
    )


def _section(out: TextIO, zh: str, en: str) -> None:
    out.write(f"\n== {zh} {en} ==\n")


def run(out: TextIO) -> int:
    """The main job on the demo county: census, ledgers, cases and deadlines."""
    county = demo_county()
    policy = FEICHENG
    units = {u.code: u.name for u in FEICHENG_UNITS}
    out.write(
        f"kongchuo 控辍保学 — demo county 肥城市 (made-up data), school year "
        f"{SCHOOL_YEAR}–{SCHOOL_YEAR + 1}, as of {AS_OF.isoformat()}, policy {policy.name_zh}\n"
    )

    _section(out, "适龄儿童摸底", "census of school-age children (FC-1.1)")
    band = policy.age_band.value_at(AS_OF)
    for child in county.children:
        assert child.resident_id is not None  # noqa: S101 - every demo child has one
        in_band = is_school_age(child.birth_date, school_year=SCHOOL_YEAR, policy=policy)
        groups = "、".join(g.label_zh for g in sorted(child.special_groups)) or "—"
        mark = "✓ 适龄" if in_band else "· 不在范围"
        out.write(
            f"  {mark}  {child.resident_id.masked()}  {child.name[0]}**  "
            f"{child.sex.label_zh}  {units[child.jurisdiction]:<6} {groups}\n"
        )
    views = ledgers(
        county.children, county.cases, school_year=SCHOOL_YEAR, as_of=AS_OF, policy=policy
    )
    out.write(f"  age band {band.min_age}–{band.max_age} 周岁 on {SCHOOL_YEAR}-09-01\n")

    _section(out, "台账", "ledgers (三本台账)")
    for view in views.values():
        by_town = ", ".join(f"{units.get(c, c)} {n}" for c, n in view.by_jurisdiction.items())
        by_group = ", ".join(f"{g.label_zh} {n}" for g, n in view.by_group.items())
        out.write(f"  {view.label_zh}: {view.total}  [{by_town or '—'}]  {by_group}\n")

    _section(out, "个案", "cases: ledger check (三细三实), closure (销号), responsibility")
    for case in county.cases:
        child_id = case.child_id.masked() if case.child_id else case.child_ref
        out.write(f"  {case.case_id} {case.kind.label_zh} {child_id}: {case.state.label_zh}\n")
        ledger = check_ledger(case, as_of=AS_OF, policy=policy)
        out.write(f"    台账 ledger: {'完整 complete' if ledger.ok else '不完整 incomplete'}\n")
        out.writelines(
            f"      - [{finding.severity.label_zh}] {finding.message_zh} ({finding.code})\n"
            for finding in ledger.findings
        )
        closure = check_closure(case, as_of=AS_OF, policy=policy)
        out.write(f"    销号 closure: {closure.outcome}\n")
        first = [r for r in responsible_parties(case) if r.first]
        out.write(
            "    第一责任 first responsible: "
            + "、".join(
                (r.party.label_zh if r.party else r.title_zh or "")
                + (f"({r.unit})" if r.unit else "")
                for r in first
            )
            + "\n"
        )

    _section(out, "年度工作事项", "the year's deadlines (FC-1.4, FC-2.2, FC-2.3, FC-2.5)")
    try:
        calendar = ChinaCalendar()
        items = obligations(SCHOOL_YEAR, policy=policy, terms=county.calendar, calendar=calendar)
        due = monthly_report_due(2025, 9, policy=policy, calendar=calendar)
    except KongchuoError as exc:  # pragma: no cover - only past the calendar's data
        out.write(f"  {exc}\n")
        return 1
    for item in items[:8]:
        rolled = f" (rolled from {item.unrolled_due.isoformat()})" if item.rolled else ""
        out.write(f"  {item.due.isoformat()}  {item.title_zh}{rolled}\n")
    out.write(f"  … {len(items)} items in all; the September report is due {due.isoformat()}\n")
    return 0
