"""An escalation walkthrough, with the notices rendered (强制入学程序).

Shows: a dropout whose guardians refuse three home visits goes up the ladder —
the school's written report, the bureau's correction order (批评教育、责令限期改正)
and, once its deadline has passed, the referral to the judicial route. At each step
`next_escalation` says what comes next, who owns it and from when; `draft_notice`
fills the notice from the case, the child, the school and the policy; `render_text`
prints it; `notice_event` records it in the case log.

Run: python examples/escalation_walkthrough.py
"""

import datetime as dt

from kongchuo import ChinaCalendar, cases
from kongchuo.demo import sample_child, sample_school
from kongchuo.notices import NoticeKind, Service, ServiceMethod, check_notice, render_text
from kongchuo.policy import FEICHENG, Party

calendar = ChinaCalendar()
rec = cases.Recorder(by="李老师")
child, school = sample_child(), sample_school()
units = {
    Party.EDUCATION_BUREAU: "肥城市教育和体育局",
    Party.TOWN_GOVERNMENT: "肥城市王瓜店街道办事处",
    Party.VILLAGE_COMMITTEE: "王瓜店街道东村村民委员会",
}
visitors = (
    cases.Person(role=cases.Role.PRINCIPAL, name="张校长"),
    cases.Person(role=cases.Role.HEAD_TEACHER, name="李老师"),
)
father = cases.Person(role=cases.Role.GUARDIAN, name="李强")

case = cases.Case.open(
    case_id="FC-2025-0201",
    kind=cases.CaseKind.DROPOUT,
    jurisdiction=school.jurisdiction,
    school_code=school.code,
    child_id=child.resident_id,
    identified=cases.Identified(
        **rec.on(dt.date(2025, 9, 1)),
        method=cases.IdentificationMethod.SCHOOL_REPORT,
        found_by="班主任",
    ),
)
case = case.append(
    cases.Verified(**rec.on(dt.date(2025, 9, 3)), confirmed=True, finding="家长确认辍学")
)
case = case.append(
    cases.CauseAnalysed(
        **rec.on(dt.date(2025, 9, 4)),
        causes={cases.Cause.FAMILY_CRISIS},
        primary=cases.Cause.FAMILY_CRISIS,
        narrative="家中需要劳力，监护人认为读书无用，拒绝送孩子返校。",
    )
)
for day in (dt.date(2025, 9, 5), dt.date(2025, 9, 10), dt.date(2025, 9, 17)):
    case = case.append(
        cases.PersuasionAttempt(
            **rec.on(day),
            method=cases.PersuasionMethod.HOME_VISIT,
            visitors=visitors,
            met=(father,),
            result=cases.AttemptResult.REFUSED,
        )
    )


def step(as_of: dt.date) -> None:
    """Print what the ladder says on `as_of`."""
    nxt = cases.next_escalation(case, as_of=as_of, policy=FEICHENG, calendar=calendar, child=child)
    owners = "、".join(p.label_zh for p in nxt.owners)
    print(f"\n== {as_of}: next step {nxt.step} by {owners}, from {nxt.earliest}")
    print(nxt.decision.explain())


def issue(kind: NoticeKind, issued_on: dt.date, seq: int, **fields: object) -> None:
    """Draft, check, render and record a notice."""
    global case  # noqa: PLW0603 - a script's running state
    notice = cases.draft_notice(
        kind,
        case=case,
        child=child,
        school=school,
        policy=FEICHENG,
        issued_on=issued_on,
        seq=seq,
        units=units,
        calendar=calendar,
        **fields,
    )
    verdict = check_notice(notice, as_of=issued_on, policy=FEICHENG, calendar=calendar)
    print(f"\n-- {kind.label_zh} {notice.number}: {verdict.outcome} {list(verdict.codes())}")
    print(render_text(notice))
    case = case.append(
        cases.notice_event(notice, recorded_at=rec.on(issued_on)["recorded_at"], recorded_by=rec.by)
    )


step(dt.date(2025, 9, 18))
issue(
    NoticeKind.SCHOOL_REPORT,
    dt.date(2025, 9, 19),
    5,
    number="王中报〔2025〕5号",  # the school's own 发文字号, not the bureau's
    summary="校长、班主任三次家访，监护人称家中需要劳力，拒绝送其返校。",
)
step(dt.date(2025, 9, 22))
issue(
    NoticeKind.CORRECTION_ORDER,
    dt.date(2025, 9, 22),
    2,
    facts="李明自2025年9月1日起无正当理由未到校上课，学校三次上门劝返，监护人仍未送其返校。",
    # The order binds once served; its time limit runs from the day after service.
    service=Service(
        method=ServiceMethod.LEFT_AT_RESIDENCE,
        served_on=dt.date(2025, 9, 22),
        recipient="李强",
        note="拒绝签收，村委会主任见证，文书留置其住所",
    ),
)
step(dt.date(2025, 10, 13))
issue(
    NoticeKind.JUDICIAL_REFERRAL,
    dt.date(2025, 10, 13),
    8,
    addressee="肥城市人民法院",
    facts="改正期限届满后经再次家访，监护人仍拒绝送子女返校。",
    requested="向监护人发出督促其履行送子女接受义务教育职责的司法文书",
)
print(f"\ncase {case.case_id}: {case.state.label_zh}, {len(case.entries)} entries")
