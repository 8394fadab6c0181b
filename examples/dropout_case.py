"""A dropout case from identification to 销号 (辍学个案：从发现到销号).

Shows: opening a case (一人一案), entering events in one line each with a
`Recorder`, the ledger check (三细三实), the child's return, the attendance that
proves it recorded in the log, the closure check and 销号, and the tamper check.

Run: python examples/dropout_case.py
"""

import datetime as dt

from kongchuo import Attendance, AttendanceStatus, StudentNumber, cases
from kongchuo.demo import sample_child, sample_school
from kongchuo.policy import FEICHENG

rec = cases.Recorder(by="李老师")  # who enters the events; times are 北京时间
child, school = sample_child(), sample_school()
teacher = cases.Person(role=cases.Role.HEAD_TEACHER, name="李老师")

case = cases.Case.open(
    case_id="FC-2025-0101",
    kind=cases.CaseKind.DROPOUT,
    jurisdiction=school.jurisdiction,
    school_code=school.code,
    child_id=child.resident_id,
    identified=cases.Identified(
        **rec.on(dt.date(2025, 9, 8)),
        method=cases.IdentificationMethod.SCHOOL_REPORT,
        found_by="班主任",
    ),
)
case = case.append(
    cases.Verified(**rec.on(dt.date(2025, 9, 9)), confirmed=True, finding="连续缺课 5 天")
)
case = case.append(
    cases.CauseAnalysed(
        **rec.on(dt.date(2025, 9, 10)),
        causes={cases.Cause.LEARNING_DIFFICULTY},
        primary=cases.Cause.LEARNING_DIFFICULTY,
        narrative="数学跟不上，产生厌学情绪；父母在外务工，由祖母照看，无人督促学习。",
    )
)
case = case.append(
    cases.PlanMade(
        **rec.on(dt.date(2025, 9, 10)),
        measures=("班主任结对帮扶", "数学课后辅导"),
        responsible=(teacher,),
        target_date=dt.date(2025, 9, 22),
    )
)
print(f"{case.case_id}: {case.state.label_zh} — ledger (台账) so far:")
ledger = cases.check_ledger(case, as_of=dt.date(2025, 9, 11), policy=FEICHENG)
print(ledger.explain())

principal = cases.Person(role=cases.Role.PRINCIPAL, name="张校长")  # 校长亲自家访 for a dropout
case = case.append(
    cases.PersuasionAttempt(
        **rec.on(dt.date(2025, 9, 12), materials=("家长书面承诺书 2025-09-12",)),
        method=cases.PersuasionMethod.HOME_VISIT,
        visitors=(principal, teacher),
        met=(cases.Person(role=cases.Role.GUARDIAN, name="李强"),),
        result=cases.AttemptResult.AGREED_TO_RETURN,
    )
)
case = case.append(
    cases.ProgressMarked(**rec.on(dt.date(2025, 9, 12)), platform="控辍保学台账系统")
)
case = case.append(
    cases.Returned(
        **rec.on(dt.date(2025, 9, 15), materials=("复学证明 王瓜店中学 2025-09-15",)),
        school_code=school.code,
        grade=8,
    )
)
print(f"\nafter the visit: {case.state.label_zh}")

# 销号 needs evidence that the child stays: attendance since the return.
number = StudentNumber.parse("G370983201206150034")  # the child's G number (学籍号)
attendance = [
    Attendance(student_number=number, school=school.code, on=day, status=AttendanceStatus.PRESENT)
    for day in (dt.date(2025, 9, 15) + dt.timedelta(days=d) for d in range(45))
    if day.weekday() < 5
]
# The attendance goes into the log, so that closing and verifying judge the same facts;
# then the closure check passes, the bureau records 销号, and close_case re-checks.
case = case.append(
    cases.record_attendance(
        case,
        attendance,
        as_of=dt.date(2025, 10, 31),
        recorded_at=rec.on(dt.date(2025, 10, 31))["recorded_at"],
        recorded_by=rec.by,
    )
)
closure = cases.check_closure(
    case, as_of=dt.date(2025, 10, 31), policy=FEICHENG, child=child, attendance=attendance
)
print(f"\nclosure check on 2025-10-31: {closure.outcome}")
for finding in closure.findings:
    print(f"  - {finding.message_zh} [{finding.code}]")
closed = cases.Closed(**rec.on(dt.date(2025, 10, 31)), approved_by="王瓜店街道教育办公室")
case = cases.close_case(case, closed, policy=FEICHENG, child=child)
print(f"closed (销号): {case.state.label_zh}")

# The log is hash-chained: replaying it checks every link, header included.
print("\nlog verified:", case.verify().ok, f"({len(case.entries)} entries, head {case.head[:12]}…)")
