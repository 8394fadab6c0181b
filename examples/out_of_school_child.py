"""A 失学 child through enrolment (失学儿童：从摸底比对到入学).

Shows: a seven-year-old on the household register (户籍) with no school
registration (学籍) is found by the census comparison; the case is verified, the
cause analysed, an enrolment notice (入学通知书) drafted from the case and served,
and the child enrols: a `Returned` event with proof, and a new `Registration`.

Run: python examples/out_of_school_child.py
"""

import datetime as dt

from kongchuo import (
    Child,
    Guardian,
    GuardianRelationship,
    Registration,
    RegistrationStatus,
    ResidentId,
    School,
    SchoolKind,
    StudentNumber,
    cases,
    check_school_entry,
)
from kongchuo.notices import NoticeKind, Service, ServiceMethod, render_text
from kongchuo.policy import FEICHENG, Party

rec = cases.Recorder(by="石横镇教育办公室 赵主任")
rid = ResidentId.parse("370983201803100027")
child = Child(
    resident_id=rid,
    name="王小雨",
    sex=rid.sex,
    birth_date=rid.birth_date,
    household_region="370983",
    residence_region="370983",
    rural_household=True,
    jurisdiction="370983106",
    guardians=(Guardian(relationship=GuardianRelationship.FATHER, name="王建国"),),
    retain_until=dt.date(2037, 8, 31),
)
school = School(
    code="3709831061",
    name="肥城市石横镇中心小学",
    kind=SchoolKind.PRIMARY,
    jurisdiction="370983106",
)

# The census (摸底): past the entry age and not registered anywhere.
entry = check_school_entry(child.birth_date, school_year=2025, policy=FEICHENG)
print(f"{child.name}: school entry {entry.outcome}, no 学籍 — a 失学 child")

case = cases.Case.open(
    case_id="FC-2025-0301",
    kind=cases.CaseKind.OUT_OF_SCHOOL,
    jurisdiction=child.jurisdiction,
    child_id=rid,
    identified=cases.Identified(
        **rec.on(dt.date(2025, 7, 14)),
        method=cases.IdentificationMethod.CENSUS_COMPARISON,
        found_by="户籍与学籍比对",
    ),
)
case = case.append(cases.Verified(**rec.on(dt.date(2025, 7, 15)), confirmed=True, finding="未入学"))
case = case.append(
    cases.CauseAnalysed(
        **rec.on(dt.date(2025, 7, 16)),
        causes={cases.Cause.FAMILY_CRISIS},
        primary=cases.Cause.FAMILY_CRISIS,
        narrative="父亲常年外出务工，以为孩子年龄小可以晚一年上学，错过了报名时间。",
    )
)

officer = cases.Person(role=cases.Role.EDUCATION_OFFICER, name="赵主任")
case = case.append(
    cases.PlanMade(
        **rec.on(dt.date(2025, 7, 16)),
        measures=("入户宣传义务教育法", "协助办理入学报名"),
        responsible=(officer,),
        target_date=dt.date(2025, 9, 1),
    )
)

# The enrolment notice, drafted from the case; only the day and place are written by hand.
notice = cases.draft_notice(
    NoticeKind.ENROLMENT,
    case=case,
    child=child,
    school=school,
    policy=FEICHENG,
    issued_on=dt.date(2025, 8, 15),
    seq=7,
    units={Party.EDUCATION_BUREAU: "肥城市教育和体育局"},
    report_on=dt.date(2025, 8, 28),
    report_place="肥城市石横镇中心小学教务处",
    service=Service(
        method=ServiceMethod.IN_PERSON, served_on=dt.date(2025, 8, 16), recipient="王建国"
    ),
)
print()
print(render_text(notice))
case = case.append(
    cases.notice_event(
        notice,
        recorded_at=rec.on(notice.issued_on)["recorded_at"],
        recorded_by=rec.by,
        materials=("送达回证",),
    )
)
case = case.append(
    cases.PersuasionAttempt(
        **rec.on(dt.date(2025, 8, 16), materials=("家长承诺书",)),
        method=cases.PersuasionMethod.HOME_VISIT,
        visitors=(officer,),
        met=(cases.Person(role=cases.Role.GUARDIAN, name="王建国"),),
        result=cases.AttemptResult.AGREED_TO_RETURN,
    )
)
case = case.append(
    cases.ProgressMarked(**rec.on(dt.date(2025, 8, 17)), platform="控辍保学台账系统")
)

# The child reports on the day: enrolled, with proof, and registered (学籍).
case = case.append(
    cases.Returned(
        **rec.on(dt.date(2025, 8, 28), materials=("入学报到登记表",)),
        school_code=school.code,
        grade=1,
    )
)
registration = Registration(
    student_number=StudentNumber.parse("G" + "370983201803100027"),
    school=school.code,
    grade=1,
    status=RegistrationStatus.ENROLLED,
    effective_from=dt.date(2025, 9, 1),
)
print(f"case {case.case_id}: {case.state.label_zh}; registered {registration.student_number!r}")
print(cases.check_ledger(case, as_of=dt.date(2025, 9, 1), policy=FEICHENG).explain())
