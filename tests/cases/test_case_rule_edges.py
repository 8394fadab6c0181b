"""The case rules at their edges: every finding, each boundary day, each responsible role.

The ledger (三细三实, FC-1.2) and closure (台账销号, FC-2.5) rules are run over
scenarios built to reach each finding of :func:`~kongchuo.cases.check_ledger` and
:func:`~kongchuo.cases.check_closure` — and the day before and after each window
closes — and the decisions are written out whole (rule, outcome, basis; per finding
its code, path, severity, both messages and basis) into
``tests/golden/findings/case_edges.txt`` (``KONGCHUO_UPDATE_GOLDEN=1`` rewrites it
after a deliberate change; review the diff). The tests below the golden file pin
the behaviours a reader relies on one by one: the boundary days, the refusals of
bad arguments, the attendance evidence of a return and who answers for a child.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest
from test_cases import CHILD, PRINCIPAL, TEACHER, at, make_event

from kongchuo import (
    Attendance,
    AttendanceStatus,
    Child,
    ChinaCalendar,
    Guardian,
    GuardianRelationship,
    ResidentId,
    School,
    SchoolKind,
    Severity,
    Sex,
    StudentNumber,
    ValidationError,
)
from kongchuo import cases as kc
from kongchuo.policy import (
    FEICHENG,
    NATIONAL,
    SEVEN_HEADS,
    Party,
    Policy,
    ResponsibilityLine,
    Span,
    TimeUnit,
)
from kongchuo.reports import example_county

D = dt.date
OPENED = D(2025, 9, 8)
CAL = ChinaCalendar()
TERMS = example_county().calendar
OTHER_ID = ResidentId.parse("11010519491231002X")
YOUNG = ResidentId.parse("370983201906150035")  # born 2019-06-15, when the policies apply
SCHOOL_CODE = "3709830031"


def with_value(policy: Policy, name: str, value: object) -> Policy:
    """``policy`` with ``name`` set to ``value`` from 2025 (after every shipped value)."""
    history = getattr(policy, name).with_value(
        value, effective_from=D(2025, 1, 1), description="test", basis=("test",)
    )
    return attrs.evolve(policy, **{name: history})


def build(
    events: list[kc.Event],
    *,
    kind: kc.CaseKind = kc.CaseKind.DROPOUT,
    child_id: ResidentId | None = CHILD,
    school_code: str | None = SCHOOL_CODE,
) -> kc.Case:
    """A case opened by ``events[0]`` (an Identified), the others appended as given."""
    case = kc.Case.open(
        case_id="FC-2025-0101",
        kind=kind,
        jurisdiction="370983003",
        school_code=school_code,
        child_id=child_id,
        child_ref=None if child_id is not None else "local-9",
        identified=events[0],
    )
    for event in events[1:]:
        case = case.append(event, policy=FEICHENG if isinstance(event, kc.Closed) else None)
    return case


def ev(tag: str, day: dt.date, **changes: Any) -> kc.Event:
    """A complete event of type ``tag`` on ``day``, with ``changes``."""
    return attrs.evolve(make_event(tag, day), **changes) if changes else make_event(tag, day)


def attempt(day: dt.date, **changes: Any) -> kc.Event:
    """A complete home visit by the principal and the head teacher on ``day``."""
    return ev("persuasion_attempt", day, **changes)


def worked(*extra: kc.Event, start: dt.date = OPENED) -> list[kc.Event]:
    """Identified, verified, cause analysed and plan made on four days, then ``extra``."""
    return [
        ev("identified", start),
        ev("verified", start + dt.timedelta(days=1)),
        ev("cause_analysis", start + dt.timedelta(days=1)),
        ev("plan", start + dt.timedelta(days=2)),
        *extra,
    ]


def child(
    *,
    resident_id: ResidentId | None = CHILD,
    birth: dt.date = CHILD.birth_date,
    sex: Sex = Sex.MALE,
    phone: bool = True,
) -> Child:
    """The child's record, with one guardian (with or without a phone number)."""
    return Child(
        resident_id=resident_id,
        name="刘小红",
        sex=sex,
        birth_date=birth,
        household_region="370983",
        residence_region="370983",
        jurisdiction="370983003",
        retain_until=D(2031, 8, 31),
        guardians=(
            Guardian(
                relationship=GuardianRelationship.MOTHER,
                name="王芳",
                phone="13800138000" if phone else None,
            ),
        ),
    )


def recorded_late(event: kc.Event, days: int) -> kc.Event:
    """``event`` entered ``days`` days after it happened."""
    day = event.occurred_on + dt.timedelta(days=days)
    return attrs.evolve(event, recorded_at=at(day)["recorded_at"])


def present(days: list[dt.date], *, number: str = "G" + CHILD.value) -> list[Attendance]:
    """A record of presence at the school on each of ``days``."""
    sn = StudentNumber.parse(number)
    return [
        Attendance(student_number=sn, school=SCHOOL_CODE, on=d, status=AttendanceStatus.PRESENT)
        for d in days
    ]


def weekdays(first: dt.date, count: int) -> list[dt.date]:
    """The first ``count`` weekdays from ``first`` on."""
    days = (first + dt.timedelta(days=i) for i in range(count * 2 + 7))
    return [d for d in days if d.weekday() < 5][:count]


# -- the scenarios --------------------------------------------------------------------------


@attrs.frozen
class Scenario:
    """A case and the checks to run on it: which policies, days and arguments."""

    name: str
    says: str
    case: kc.Case
    runs: tuple[tuple[Policy, dt.date], ...]
    child: Child | None = None
    calendar: bool = False
    terms: bool = False
    attendance: tuple[Attendance, ...] = ()


def _days(policy: Policy, *days: dt.date) -> tuple[tuple[Policy, dt.date], ...]:
    return tuple((policy, d) for d in days)


def scenarios() -> Iterator[Scenario]:  # noqa: PLR0915 - one scenario after another
    """Each finding of the ledger and closure rules, reached on its boundary days."""
    opened = [ev("identified", OPENED)]
    yield Scenario(
        "verification_window",
        "identified, not verified: FEICHENG 3 days (due 9-11), NATIONAL 7 (due 9-15)",
        build(opened, kind=kc.CaseKind.SUSPECTED_DROPOUT),
        (*_days(FEICHENG, D(2025, 9, 11), D(2025, 9, 12)), *_days(NATIONAL, D(2025, 9, 15))),
    )
    yield Scenario(
        "verification_window_national_last_day",
        "the day after NATIONAL's 7 days",
        build(opened, kind=kc.CaseKind.SUSPECTED_DROPOUT),
        _days(NATIONAL, D(2025, 9, 16)),
    )
    marked = [*opened, ev("progress_marked", D(2025, 9, 9))]
    yield Scenario(
        "verified_on_the_last_day",
        "a progress mark (no transition) on 9-9, verified on 9-11, the last day",
        build([*marked, ev("verified", D(2025, 9, 11))]),
        _days(FEICHENG, D(2025, 9, 12)),
    )
    yield Scenario(
        "verified_the_day_after",
        "verified on 9-12: late, the path names the verification, not the mark",
        build([*marked, ev("verified", D(2025, 9, 12))]),
        _days(FEICHENG, D(2025, 9, 12)),
    )
    yield Scenario(
        "verification_not_checked",
        "a policy without a verification delay",
        build(opened),
        _days(with_value(FEICHENG, "verification_delay", None), D(2026, 1, 1)),
    )
    yield Scenario(
        "confirmed_with_no_work",
        "a verified dropout with no cause analysis, plan or attempt",
        build([*opened, ev("verified", D(2025, 9, 9))]),
        (*_days(FEICHENG, D(2025, 9, 10)), *_days(NATIONAL, D(2025, 9, 10))),
    )
    yield Scenario(
        "confirmed_suspected_dropout_with_no_work",
        "a suspected dropout verified: no principal's visit is asked, whatever the policy",
        build([*opened, ev("verified", D(2025, 9, 9))], kind=kc.CaseKind.SUSPECTED_DROPOUT),
        _days(FEICHENG, D(2025, 9, 10)),
    )
    yield Scenario(
        "not_confirmed",
        "verified as no dropout: the work findings are not asked",
        build([*opened, ev("verified", D(2025, 9, 9), confirmed=False)]),
        _days(FEICHENG, D(2025, 9, 10)),
    )
    cause = make_event("cause_analysis", D(2025, 9, 9))
    yield Scenario(
        "cause_narratives",
        "narratives of 19 and 20 characters (spaces around them do not count); minimum 20",
        build(
            worked(
                attrs.evolve(cause, narrative="  " + "数" * 19 + "  "),
                attrs.evolve(cause, narrative=" " + "数" * 20 + " "),
                attempt(D(2025, 9, 11)),
                ev("progress_marked", D(2025, 9, 11)),
            )
        ),
        _days(FEICHENG, D(2025, 9, 12)),
    )
    yield Scenario(
        "attempt_defects",
        "no visitors, nobody met, no next step; not met; same day; agreed without commitment",
        build(
            worked(
                attempt(
                    D(2025, 9, 11),
                    visitors=(),
                    met=(),
                    result=kc.AttemptResult.REFUSED,
                    next_step=None,
                    materials=(),
                ),
                attempt(
                    D(2025, 9, 12),
                    met=(),
                    result=kc.AttemptResult.NOT_MET,
                    next_step="改日再访",
                    materials=(),
                ),
                attempt(D(2025, 9, 12), next_step=None, materials=()),
                ev("progress_marked", D(2025, 9, 12)),
            )
        ),
        _days(FEICHENG, D(2025, 9, 13)),
    )
    yield Scenario(
        "attempts_out_of_order",
        "attempts dated 9-14, 9-10 and 9-12: the second and the third are out of order",
        build(
            worked(
                attempt(D(2025, 9, 14)),
                attempt(D(2025, 9, 10)),
                attempt(D(2025, 9, 12)),
                ev("progress_marked", D(2025, 9, 14)),
            )
        ),
        _days(FEICHENG, D(2025, 9, 15)),
    )
    spaced = worked(
        attempt(D(2025, 9, 10)),
        ev("progress_marked", D(2025, 9, 10)),
        attempt(D(2025, 10, 10)),
        ev("progress_marked", D(2025, 10, 10)),
        attempt(D(2025, 11, 10)),
        ev("progress_marked", D(2025, 11, 10)),
    )
    yield Scenario(
        "attempt_spacing",
        "attempts 30 then 31 days apart (every 30 days); the next due by 12-10",
        build(spaced),
        (*_days(FEICHENG, D(2025, 12, 10), D(2025, 12, 11)), *_days(NATIONAL, D(2025, 12, 11))),
    )
    yield Scenario(
        "attempt_spacing_resolved",
        "the same attempts, then the return: a resolved case is not overdue",
        build([*spaced, ev("returned", D(2025, 11, 20))]),
        _days(FEICHENG, D(2025, 12, 11)),
    )
    yield Scenario(
        "attempt_spacing_not_asked",
        "a policy with no persuasion interval",
        build(spaced),
        _days(with_value(FEICHENG, "persuasion_interval", None), D(2026, 3, 1)),
    )
    by_others = worked(
        attempt(D(2025, 9, 11), visitors=(TEACHER,)),
        attempt(D(2025, 9, 12), method=kc.PersuasionMethod.PHONE, visitors=(PRINCIPAL,)),
        ev("progress_marked", D(2025, 9, 12)),
    )
    yield Scenario(
        "no_principal_home_visit",
        "a home visit by the head teacher and a call by the principal (FEICHENG asks a visit)",
        build(by_others),
        (*_days(FEICHENG, D(2025, 9, 13)), *_days(NATIONAL, D(2025, 9, 13))),
    )
    yield Scenario(
        "no_principal_home_visit_suspected",
        "the same for a suspected dropout",
        build(by_others, kind=kc.CaseKind.SUSPECTED_DROPOUT),
        _days(FEICHENG, D(2025, 9, 13)),
    )
    deferred = [
        *opened,
        ev("verified", D(2025, 9, 9)),
        ev("deferred", D(2025, 9, 10), until=D(2025, 10, 31)),
    ]
    yield Scenario(
        "deferral_expiry",
        "a suspension until 10-31 (义务教育法 第十一条第二款), no return",
        build(deferred),
        _days(FEICHENG, D(2025, 10, 31), D(2025, 11, 1)),
    )
    yield Scenario(
        "deferral_without_end",
        "a suspension with no until never runs out",
        build([*deferred[:2], ev("deferred", D(2025, 9, 10))]),
        _days(FEICHENG, D(2030, 1, 1)),
    )
    yield Scenario(
        "data_gaps",
        "no ID, no school for a dropout, a child with no ID and no guardian's phone",
        build(opened, child_id=None, school_code=None),
        _days(FEICHENG, D(2025, 9, 9)),
        child=child(resident_id=None, phone=False),
    )
    yield Scenario(
        "data_gaps_out_of_school",
        "a child never enrolled has no school to name",
        build(opened, kind=kc.CaseKind.OUT_OF_SCHOOL, child_id=None, school_code=None),
        _days(FEICHENG, D(2025, 9, 9)),
    )
    yield Scenario(
        "data_child_mismatch",
        "the child given holds another ID than the case's",
        build(opened),
        _days(FEICHENG, D(2025, 9, 9)),
        child=child(resident_id=OTHER_ID, birth=D(1949, 12, 31), sex=Sex.FEMALE),
    )
    yield Scenario(
        "data_complete",
        "the case's own child, with a guardian's phone",
        build(opened),
        _days(FEICHENG, D(2025, 9, 9)),
        child=child(),
    )
    around_birth = [
        ev("identified", D(2019, 6, 14)),
        ev("progress_marked", D(2019, 6, 15)),
        ev("verified", D(2019, 6, 16)),
    ]
    yield Scenario(
        "dates_by_the_id",
        "events the day before and on the birthday in the ID; one after the day of the check",
        build(around_birth, child_id=YOUNG),
        _days(FEICHENG, D(2019, 6, 15)),
    )
    yield Scenario(
        "dates_by_the_child",
        "no ID on the case: the child's record gives the birthday",
        build(around_birth, child_id=None),
        _days(FEICHENG, D(2019, 6, 16)),
        child=child(resident_id=None, birth=D(2019, 6, 15)),
    )
    yield Scenario(
        "dates_by_the_child_first",
        "the child's record (born 6-10) wins over the case's ID (born 6-15)",
        build(around_birth, child_id=YOUNG),
        _days(FEICHENG, D(2019, 6, 16)),
        child=child(resident_id=None, birth=D(2019, 6, 10)),
    )
    yield Scenario(
        "entered_late",
        "entered 7 days (the limit) and 8 days after it happened",
        build(
            [
                *opened,
                recorded_late(ev("verified", D(2025, 9, 9)), 7),
                recorded_late(ev("cause_analysis", D(2025, 9, 10)), 8),
            ]
        ),
        _days(FEICHENG, D(2025, 9, 20)),
    )
    yield Scenario(
        "entered_late_not_asked",
        "a policy with no late-entry limit",
        build([*opened, recorded_late(ev("verified", D(2025, 9, 9)), 30)]),
        _days(with_value(FEICHENG, "late_entry_limit", None), D(2025, 10, 20)),
    )
    school_days = with_value(FEICHENG, "late_entry_limit", Span(count=2, unit=TimeUnit.SCHOOL_DAY))
    yield Scenario(
        "entered_in_school_days",
        "2 school days from 1-22: 2-24 within the terms, 1-26 as working days",
        build(
            [
                ev("identified", D(2026, 1, 20)),
                recorded_late(ev("verified", D(2026, 1, 22)), 33),
            ]
        ),
        _days(school_days, D(2026, 2, 24)),
        calendar=True,
        terms=True,
    )
    yield Scenario(
        "entered_in_school_days_as_working_days",
        "the same without the school calendar",
        build(
            [
                ev("identified", D(2026, 1, 20)),
                recorded_late(ev("verified", D(2026, 1, 22)), 33),
            ]
        ),
        _days(school_days, D(2026, 2, 24)),
        calendar=True,
    )
    yield Scenario(
        "entered_in_school_days_without_calendar",
        "school days need a calendar",
        build([ev("identified", D(2026, 1, 20))]),
        _days(school_days, D(2026, 2, 24)),
    )
    yield Scenario(
        "materials_escalated",
        "a notice, a correction order, a penalty and a return without their documents",
        build(
            worked(
                attempt(D(2025, 9, 11)),
                ev("progress_marked", D(2025, 9, 11)),
                ev("notice_issued", D(2025, 9, 12), materials=()),
                ev("correction_order", D(2025, 9, 13), materials=()),
                ev("penalty_imposed", D(2025, 9, 14), materials=()),
                ev("returned", D(2025, 9, 15), materials=()),
            )
        ),
        _days(FEICHENG, D(2025, 9, 16)),
    )
    yield Scenario(
        "materials_deferred",
        "a suspension without its approval",
        build(
            [*opened, ev("verified", D(2025, 9, 9)), ev("deferred", D(2025, 9, 10), materials=())]
        ),
        _days(FEICHENG, D(2025, 9, 11)),
    )
    yield Scenario(
        "materials_moved_away",
        "moved away without the police confirmation (the work findings are not asked)",
        build(
            [*opened, ev("verified", D(2025, 9, 9)), ev("moved_away", D(2025, 9, 10), materials=())]
        ),
        _days(FEICHENG, D(2025, 9, 11)),
    )
    platform = worked(
        attempt(D(2025, 9, 12)),
        ev("progress_marked", D(2025, 9, 19)),
        ev("progress_marked", D(2025, 9, 21)),
        attempt(D(2025, 9, 22)),
    )
    yield Scenario(
        "platform_marking",
        "marked on the 7th day after one attempt; a mark before the other does not count",
        build(platform),
        _days(FEICHENG, D(2025, 9, 29), D(2025, 9, 30)),
    )
    yield Scenario(
        "platform_marking_not_asked",
        "a policy with no marking delay",
        build(platform),
        _days(with_value(FEICHENG, "platform_marking_delay", None), D(2025, 10, 20)),
    )
    yield Scenario(
        "closure_new_case",
        "a case with no entry yet",
        kc.Case(
            case_id="FC-2025-0102",
            kind=kc.CaseKind.DROPOUT,
            jurisdiction="370983003",
            school_code=SCHOOL_CODE,
            child_id=CHILD,
        ),
        _days(FEICHENG, D(2025, 9, 9)),
    )
    yield Scenario(
        "closure_closed",
        "a case already closed",
        build(
            worked(
                attempt(D(2025, 9, 11)),
                ev("progress_marked", D(2025, 9, 11)),
                ev("placed", D(2025, 9, 12)),
                ev("closed", D(2025, 9, 13)),
            )
        ),
        (*_days(FEICHENG, D(2025, 9, 13)), *_days(NATIONAL, D(2025, 9, 13))),
    )
    returned = build(
        worked(
            attempt(D(2025, 9, 11)),
            ev("progress_marked", D(2025, 9, 11)),
            ev("returned", D(2025, 9, 15)),
        )
    )
    yield Scenario(
        "closure_attendance_short",
        "returned on 9-15; records of 19 school days given, 20 asked",
        returned,
        _days(FEICHENG, D(2025, 10, 31)),
        attendance=tuple(present(weekdays(D(2025, 9, 15), 19))),
    )
    yield Scenario(
        "closure_attendance_enough",
        "records of 20 school days given, not yet in the log",
        returned,
        _days(FEICHENG, D(2025, 10, 31)),
        attendance=tuple(present(weekdays(D(2025, 9, 15), 20))),
    )
    yield Scenario(
        "closure_attendance_none_given",
        "no records given",
        returned,
        _days(FEICHENG, D(2025, 10, 31)),
    )
    yield Scenario(
        "closure_attendance_not_asked",
        "a policy that asks no attendance after a return",
        returned,
        _days(with_value(FEICHENG, "closure_attendance", None), D(2025, 10, 31)),
        attendance=tuple(present(weekdays(D(2025, 9, 15), 5))),
    )
    yield Scenario(
        "closure_requirements_unmet",
        "studying elsewhere without the school's confirmation",
        build(
            [
                *opened,
                ev("verified", D(2025, 9, 9)),
                ev("studying_elsewhere", D(2025, 9, 10), confirmation=None),
            ]
        ),
        _days(FEICHENG, D(2025, 9, 11)),
    )
    yield Scenario(
        "closure_placed_with_gaps",
        "placed with no cause, plan or attempt: those count for a placement",
        build([*opened, ev("verified", D(2025, 9, 9)), ev("placed", D(2025, 9, 10))]),
        _days(FEICHENG, D(2025, 9, 11)),
    )
    yield Scenario(
        "closure_elsewhere_with_gaps",
        "studying elsewhere with no work record (not asked) but the wrong child (asked)",
        build([*opened, ev("verified", D(2025, 9, 9)), ev("studying_elsewhere", D(2025, 9, 10))]),
        _days(FEICHENG, D(2025, 9, 11)),
        child=child(resident_id=OTHER_ID, birth=D(1949, 12, 31), sex=Sex.FEMALE),
    )
    yield Scenario(
        "closure_unresolved_refusal",
        "a refusal left unresolved, under a policy that closes at 16 with its basis",
        build(
            worked(
                attempt(D(2025, 9, 11), result=kc.AttemptResult.REFUSED, next_step="书面报告"),
                ev("progress_marked", D(2025, 9, 11)),
            )
        ),
        _days(with_value(FEICHENG, "closure_age", 16), D(2030, 9, 1)),
    )


def _check(label: str, call: Callable[[], Any], golden: Any) -> list[str]:
    try:
        decision = call()
    except ValidationError as error:
        return [f"  {label} refused: {error.code} @{error.path} {error.errors[0].message}"]
    return golden.decision(decision, rule=True)


def _report(golden: Any) -> str:
    out: list[str] = []
    for s in scenarios():
        out.append(f"## {s.name}: {s.says}")
        for policy, day in s.runs:
            given = {
                "child": s.child,
                "calendar": CAL if s.calendar else None,
                "terms": TERMS if s.terms else None,
            }
            shown = [k for k, v in given.items() if v is not None]
            out.append(f"# {policy.name} {day.isoformat()} {' '.join(shown)}".rstrip())
            out += _check(
                "ledger",
                lambda s=s, p=policy, d=day, g=given: kc.check_ledger(
                    s.case, as_of=d, policy=p, **g
                ),
                golden,
            )
            out += _check(
                "closure",
                lambda s=s, p=policy, d=day, g=given: kc.check_closure(
                    s.case, as_of=d, policy=p, attendance=s.attendance, **g
                ),
                golden,
            )
    return "\n".join(out) + "\n"


def test_findings_at_the_edges_match_the_golden_file(golden):
    """Each scenario's ledger and closure decisions read exactly as in the golden file."""
    golden("findings/case_edges.txt", _report(golden))


def test_the_scenarios_reach_every_ledger_finding():
    """Every code of LEDGER_FINDINGS is reached by some scenario, with its severity."""
    seen: dict[str, Severity] = {}
    for s in scenarios():
        for policy, day in s.runs:
            try:
                decision = kc.check_ledger(
                    s.case,
                    as_of=day,
                    policy=policy,
                    child=s.child,
                    calendar=CAL if s.calendar else None,
                    terms=TERMS if s.terms else None,
                )
            except ValidationError:
                continue
            seen.update((f.code, f.severity) for f in decision.findings)
    assert seen == dict(kc.LEDGER_FINDINGS)


# -- boundary days, one by one ----------------------------------------------------------


def _codes(case: kc.Case, day: dt.date, policy: Policy = FEICHENG, **given: Any) -> tuple:
    return kc.check_ledger(case, as_of=day, policy=policy, **given).codes()


class TestWindows:
    def test_verification_is_in_time_on_the_last_day_of_the_delay(self):
        """FC-2.5 立即核实: 3 days under FEICHENG, the 3rd day in time, the 4th overdue."""
        case = build([ev("identified", OPENED)])
        assert "ledger.verification.overdue" not in _codes(case, D(2025, 9, 11))
        assert "ledger.verification.overdue" in _codes(case, D(2025, 9, 12))

    def test_a_visit_is_due_on_the_day_the_interval_ends(self):
        """Every 30 days: an attempt 30 days after the last is in time, 31 days is sparse."""
        base = worked(attempt(D(2025, 9, 10)), ev("progress_marked", D(2025, 9, 10)))
        on_time = build([*base, attempt(D(2025, 10, 10)), ev("progress_marked", D(2025, 10, 10))])
        late = build([*base, attempt(D(2025, 10, 11)), ev("progress_marked", D(2025, 10, 11))])
        assert "ledger.attempt.sparse" not in _codes(on_time, D(2025, 10, 12))
        assert "ledger.attempt.sparse" in _codes(late, D(2025, 10, 12))

    def test_a_mark_on_the_last_day_of_the_marking_delay_counts(self):
        """FC-1.2 劝返工作进展要在管理平台中及时标注: a mark on the 7th day is in time."""
        base = worked(attempt(D(2025, 9, 12)))
        on_time = build([*base, ev("progress_marked", D(2025, 9, 19))])
        late = build([*base, ev("progress_marked", D(2025, 9, 20))])
        assert "ledger.platform.not_marked" not in _codes(on_time, D(2025, 9, 25))
        assert "ledger.platform.not_marked" in _codes(late, D(2025, 9, 25))

    def test_a_deferral_holds_from_the_day_it_is_approved(self):
        """义务教育法 第十一条第二款: an approved suspension holds on its own day."""
        case = build(
            [
                ev("identified", OPENED),
                ev("verified", D(2025, 9, 9)),
                ev("deferred", D(2025, 9, 10), until=D(2025, 10, 31)),
            ]
        )
        assert not kc.deferral_in_force(case, as_of=D(2025, 9, 9))
        assert kc.deferral_in_force(case, as_of=D(2025, 9, 10))
        assert kc.deferral_in_force(case, as_of=D(2025, 10, 31))
        assert not kc.deferral_in_force(case, as_of=D(2025, 11, 1))


# -- bad arguments ----------------------------------------------------------------------

A_CASE = build([ev("identified", OPENED)])
RETURNED = build(
    worked(
        attempt(D(2025, 9, 11)),
        ev("progress_marked", D(2025, 9, 11)),
        ev("returned", D(2025, 9, 15)),
    )
)
REFUSALS = {
    "check_ledger case": (
        lambda: kc.check_ledger(None, as_of=OPENED, policy=FEICHENG),
        "case",
        "expected a Case, got NoneType",
        "应为 Case 个案，实为 NoneType",
    ),
    "check_ledger as_of": (
        lambda: kc.check_ledger(A_CASE, as_of="2025-09-08", policy=FEICHENG),
        "as_of",
        "expected a date, got str",
        "应为日期，实为 str",
    ),
    "check_ledger child": (
        lambda: kc.check_ledger(A_CASE, as_of=OPENED, policy=FEICHENG, child="刘小红"),
        "child",
        "expected a Child or None, got str",
        "应为 Child 儿童 或 None，实为 str",
    ),
    "check_ledger terms": (
        lambda: kc.check_ledger(A_CASE, as_of=OPENED, policy=FEICHENG, terms="校历"),
        "terms",
        "expected a SchoolCalendar or None, got str",
        "应为 SchoolCalendar 校历 或 None，实为 str",
    ),
    "check_closure as_of": (
        lambda: kc.check_closure(A_CASE, as_of=None, policy=FEICHENG),
        "as_of",
        "expected a date, got NoneType",
        "应为日期，实为 NoneType",
    ),
    "deferral_in_force as_of": (
        lambda: kc.deferral_in_force(A_CASE, as_of=20250908),
        "as_of",
        "expected a date, got int",
        "应为日期，实为 int",
    ),
    "record_attendance as_of": (
        lambda: kc.record_attendance(
            RETURNED,
            [],
            as_of="2025-10-31",
            recorded_at=at(OPENED)["recorded_at"],
            recorded_by="李",
        ),
        "as_of",
        "expected a date, got str",
        "应为日期，实为 str",
    ),
    "record_attendance item": (
        lambda: kc.record_attendance(
            RETURNED,
            [*present([D(2025, 9, 15)]), "到校"],
            as_of=D(2025, 10, 31),
            recorded_at=at(D(2025, 10, 31))["recorded_at"],
            recorded_by="李老师",
        ),
        "attendance[1]",
        "expected an Attendance, got str",
        "应为 Attendance 出勤记录，实为 str",
    ),
    "close_case closed": (
        lambda: kc.close_case(RETURNED, ev("placed", D(2025, 10, 31)), policy=FEICHENG),
        "closed",
        "expected a Closed, got Placed",
        "应为 Closed 销号事件，实为 Placed",
    ),
    "responsible_parties school": (
        lambda: kc.responsible_parties(A_CASE, school="3709830031"),
        "school",
        "expected a School or None, got str",
        "应为 School 学校 或 None，实为 str",
    ),
    "responsible_parties as_of": (
        lambda: kc.responsible_parties(A_CASE, policy=FEICHENG, as_of="2025-09-08"),
        "as_of",
        "expected a date, got str",
        "应为日期，实为 str",
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_a_wrong_argument_is_named_with_both_messages(name):
    """Each rule refuses an argument of the wrong type as `type`, at its name, in both languages."""
    call, path, en, zh = REFUSALS[name]
    with pytest.raises(ValidationError) as exc_info:
        call()
    (problem,) = exc_info.value.errors
    assert (problem.code, problem.path, problem.message, problem.message_zh) == (
        "type",
        path,
        en,
        zh,
    )


# -- the attendance of a returned child (复学后到校情况) ----------------------------------------


def _attendance(on: dt.date, status: AttendanceStatus, number: str = "G" + CHILD.value, **kw: Any):
    return Attendance(
        student_number=StudentNumber.parse(number), school=SCHOOL_CODE, on=on, status=status, **kw
    )


P, L, E = AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY
RECORDS = [
    _attendance(D(2025, 9, 24), P),  # the day of the record: counts
    _attendance(D(2025, 9, 12), P),  # before the return
    _attendance(D(2025, 9, 16), L, note="迟到十分钟"),  # the first record of the day is kept
    _attendance(D(2025, 9, 15), P),  # the day of the return: counts
    _attendance(D(2025, 9, 16), P),
    _attendance(D(2025, 9, 17), E),
    _attendance(D(2025, 9, 18), AttendanceStatus.ON_LEAVE),
    _attendance(D(2025, 9, 19), AttendanceStatus.ABSENT),
    _attendance(D(2025, 9, 22), P, number="G" + OTHER_ID.value),  # another child
    _attendance(D(2025, 9, 23), P, number="L370983201206159999"),  # no ID: cannot tell
    _attendance(D(2025, 9, 25), P),  # after the day of the record
]


def _record(case: kc.Case, records: list[Attendance]) -> kc.AttendanceRecorded:
    return kc.record_attendance(
        case,
        records,
        as_of=D(2025, 9, 24),
        recorded_at=at(D(2025, 9, 24))["recorded_at"],
        recorded_by="李老师",
    )


class TestRecordAttendance:
    def test_the_days_present_since_the_return_each_once(self):
        """Present, late or left early, from the return to the day, once a day, in order."""
        event = _record(RETURNED, RECORDS)
        assert event.days == (
            D(2025, 9, 15),
            D(2025, 9, 16),
            D(2025, 9, 17),
            D(2025, 9, 23),
            D(2025, 9, 24),
        )
        assert (event.occurred_on, event.since, event.school_code) == (
            D(2025, 9, 24),
            D(2025, 9, 15),
            SCHOOL_CODE,
        )
        assert (event.recorded_at, event.recorded_by) == (
            at(D(2025, 9, 24))["recorded_at"],
            "李老师",
        )

    def test_the_digest_of_the_records_read_is_stable(self):
        """The SHA-256 of the records read is stored in the log: its text must never change."""
        assert _record(RETURNED, RECORDS).digest == (
            "22238a40f593ba206512b4bf9c1b4fffed9158bb7bb4e5e5a1595afc75f66f8a"
        )
        assert _record(RETURNED, [RECORDS[4], *RECORDS]).digest != _record(RETURNED, RECORDS).digest

    def test_a_case_without_an_id_counts_every_record_given(self):
        """Without the child's ID number the case cannot tell another child's record apart."""
        case = build(worked(attempt(D(2025, 9, 11)), ev("returned", D(2025, 9, 15))), child_id=None)
        assert D(2025, 9, 22) in _record(case, RECORDS).days

    def test_a_case_not_returned_is_refused(self):
        """Attendance since a return needs a returned case: closure.not_returned at `case`."""
        with pytest.raises(ValidationError) as exc_info:
            _record(build(worked(attempt(D(2025, 9, 11)))), RECORDS)
        (problem,) = exc_info.value.errors
        assert (problem.code, problem.path, problem.message, problem.message_zh) == (
            "closure.not_returned",
            "case",
            "the case is in_persuasion: attendance since a return needs a returned case",
            "个案处于“劝返中”状态：复学后到校情况只适用于已复学的个案",
        )


# -- closing (销号) ------------------------------------------------------------------------


class TestCloseCase:
    def test_a_refusal_gives_each_error_of_the_decision(self):
        """close_case refuses with one closure.refused per error, its code in the message."""
        closing = ev("closed", D(2025, 10, 31))
        decision = kc.check_closure(RETURNED, as_of=D(2025, 10, 31), policy=FEICHENG)
        with pytest.raises(ValidationError) as exc_info:
            kc.close_case(RETURNED, closing, policy=FEICHENG)
        got = [(p.code, p.path, p.message, p.message_zh) for p in exc_info.value.errors]
        assert got == [
            (
                "closure.refused",
                f.path,
                f"cannot close: {f.message} [{f.code}]",
                f"不能销号：{f.message_zh}",
            )
            for f in decision.findings
        ]
        assert [p.message.rsplit("[", 1)[1] for p in exc_info.value.errors] == [
            "closure.attendance_short]"
        ]

    def test_a_closed_case_is_refused_as_closed(self):
        """Closing a closed case again is refused as such, not with a bare ValueError."""
        case = build(
            [
                ev("identified", OPENED),
                ev("verified", D(2025, 9, 9), confirmed=False),
                ev("closed", D(2025, 9, 10)),
            ]
        )
        with pytest.raises(ValidationError) as exc_info:
            kc.close_case(case, ev("closed", D(2025, 9, 11)), policy=FEICHENG)
        (problem,) = exc_info.value.errors
        assert (problem.code, problem.path, problem.message, problem.message_zh) == (
            "closure.refused",
            "case",
            "cannot close: the case is already closed [already_closed]",
            "不能销号：个案已销号",
        )

    def test_a_closable_case_is_closed_by_the_event_given(self):
        """A case that may close gets the Closed event given appended, and is closed."""
        case = build([ev("identified", OPENED), ev("verified", D(2025, 9, 9), confirmed=False)])
        closing = ev("closed", D(2025, 9, 10))
        closed = kc.close_case(case, closing, policy=FEICHENG)
        assert closed.state is kc.CaseState.CLOSED
        assert closed.events[-1] == closing
        assert closed.verify(policy=FEICHENG).ok


# -- what the calendars, the terms and the child change ------------------------------------

TERM_MARKS = with_value(FEICHENG, "platform_marking_delay", Span(count=2, unit=TimeUnit.SCHOOL_DAY))
ELSEWHERE_IN_WINTER = build(
    worked(attempt(D(2026, 1, 22)), ev("studying_elsewhere", D(2026, 1, 23)), start=D(2026, 1, 20))
)
ELSEWHERE = build(
    worked(
        attempt(D(2025, 9, 11)),
        ev("progress_marked", D(2025, 9, 11)),
        ev("studying_elsewhere", D(2025, 9, 12)),
    )
)
WRONG_CHILD = child(resident_id=OTHER_ID, birth=D(1949, 12, 31), sex=Sex.FEMALE)


class TestWhatTheArgumentsChange:
    """A span in school days counts the working days within the terms (FC-1.2 及时标注)."""

    def test_the_terms_move_a_school_day_window_past_the_winter_break(self):
        """2 school days from 1-22: by 2-24 within the terms, by 1-26 as working days."""
        day = D(2026, 2, 24)
        with_terms = {"calendar": CAL, "terms": TERMS}
        assert kc.is_ledger_complete(
            ELSEWHERE_IN_WINTER, as_of=day, policy=TERM_MARKS, **with_terms
        )
        assert kc.is_closable(ELSEWHERE_IN_WINTER, as_of=day, policy=TERM_MARKS, **with_terms)
        assert not kc.is_ledger_complete(
            ELSEWHERE_IN_WINTER, as_of=day, policy=TERM_MARKS, calendar=CAL
        )
        assert not kc.is_closable(ELSEWHERE_IN_WINTER, as_of=day, policy=TERM_MARKS, calendar=CAL)
        closed = kc.close_case(
            ELSEWHERE_IN_WINTER, ev("closed", day), policy=TERM_MARKS, **with_terms
        )
        assert closed.state is kc.CaseState.CLOSED
        with pytest.raises(ValidationError) as exc_info:
            kc.close_case(ELSEWHERE_IN_WINTER, ev("closed", day), policy=TERM_MARKS, calendar=CAL)
        assert "ledger.platform.not_marked" in exc_info.value.errors[0].message

    def test_school_days_need_a_working_day_calendar(self):
        """Without a calendar a span in school days is refused (span.calendar), not guessed."""
        for rule in (kc.is_ledger_complete, kc.is_closable):
            with pytest.raises(ValidationError) as exc_info:
                rule(ELSEWHERE_IN_WINTER, as_of=D(2026, 2, 24), policy=TERM_MARKS, terms=TERMS)
            assert (exc_info.value.code, exc_info.value.path) == ("span.calendar", "calendar")

    def test_the_wrong_child_keeps_a_case_open(self):
        """FC-1.4 人籍一致: the child given must be the case's child, or the case stays open."""
        day = D(2025, 9, 13)
        assert kc.is_ledger_complete(ELSEWHERE, as_of=day, policy=FEICHENG)
        assert kc.is_closable(ELSEWHERE, as_of=day, policy=FEICHENG)
        assert not kc.is_ledger_complete(ELSEWHERE, as_of=day, policy=FEICHENG, child=WRONG_CHILD)
        assert not kc.is_closable(ELSEWHERE, as_of=day, policy=FEICHENG, child=WRONG_CHILD)
        with pytest.raises(ValidationError) as exc_info:
            kc.close_case(ELSEWHERE, ev("closed", day), policy=FEICHENG, child=WRONG_CHILD)
        assert exc_info.value.errors[0].message.endswith("[ledger.data.child_mismatch]")


# -- who answers for the child (责任主体) ---------------------------------------------------

SCHOOL = School(
    code=SCHOOL_CODE,
    name="王瓜店中学",
    kind=SchoolKind.JUNIOR_SECONDARY,
    jurisdiction="370983003",
    principal="张校长",
)
OUT_OF_SCHOOL = build([ev("identified", OPENED)], kind=kc.CaseKind.OUT_OF_SCHOOL, school_code=None)


def _seven_heads(policy: Policy = FEICHENG) -> Policy:
    return with_value(policy, "responsibility_scheme", SEVEN_HEADS)


class TestResponsibility:
    def test_the_principal_of_the_school_holding_the_registration_answers_first(self):
        """FC-1.3 校长是劝返复学第一责任人: named from the school that holds the registration."""
        (first, *_) = kc.responsible_parties(A_CASE, school=SCHOOL)
        assert (first.party, first.unit, first.person, first.first) == (
            Party.SCHOOL,
            SCHOOL_CODE,
            "张校长",
            True,
        )

    def test_another_schools_principal_is_not_named(self):
        """The principal of a school that does not hold the registration is not named."""
        other = attrs.evolve(SCHOOL, code="3709830099")
        assert kc.responsible_parties(A_CASE, school=other)[0].person is None
        assert kc.responsible_parties(A_CASE)[0].person is None

    def test_every_role_of_the_seven_heads_for_a_dropout(self):
        """Each office of the 七长责任制 follows, with its line, its unit and the scheme's basis."""
        heads = kc.responsible_parties(A_CASE, policy=_seven_heads(), as_of=OPENED)[3:]
        basis = (SEVEN_HEADS.name_zh, SEVEN_HEADS.source)
        assert [
            (r.title_zh, r.party, r.unit, r.line, r.basis, r.first, r.person) for r in heads
        ] == [
            ("县长", None, None, ResponsibilityLine.ADMINISTRATIVE, basis, False, None),
            (
                "教育局长",
                Party.EDUCATION_BUREAU,
                None,
                ResponsibilityLine.EDUCATION,
                basis,
                False,
                None,
            ),
            (
                "乡镇长",
                Party.TOWN_GOVERNMENT,
                "370983003",
                ResponsibilityLine.ADMINISTRATIVE,
                basis,
                False,
                None,
            ),
            (
                "村长",
                Party.VILLAGE_COMMITTEE,
                "370983003",
                ResponsibilityLine.ADMINISTRATIVE,
                basis,
                False,
                None,
            ),
            ("校长", Party.SCHOOL, SCHOOL_CODE, ResponsibilityLine.EDUCATION, basis, False, None),
            ("家长", None, None, ResponsibilityLine.FAMILY, basis, False, None),
            (
                "师长（班主任）",
                Party.SCHOOL,
                SCHOOL_CODE,
                ResponsibilityLine.EDUCATION,
                basis,
                False,
                None,
            ),
        ]

    def test_the_school_roles_have_no_unit_for_a_child_never_enrolled(self):
        """A child never enrolled has no school: the school's offices name no unit."""
        heads = kc.responsible_parties(OUT_OF_SCHOOL, policy=_seven_heads(), as_of=OPENED)[3:]
        assert [(r.title_zh, r.unit) for r in heads] == [
            ("县长", None),
            ("教育局长", None),
            ("乡镇长", "370983003"),
            ("村长", "370983003"),
            ("校长", None),
            ("家长", None),
            ("师长（班主任）", None),
        ]

    def test_the_scheme_is_read_on_the_day_given(self):
        """A scheme in force from 2025 adds no office on a day before it."""
        policy = _seven_heads()
        assert len(kc.responsible_parties(A_CASE, policy=policy, as_of=D(2024, 12, 31))) == 3
        assert len(kc.responsible_parties(A_CASE, policy=policy, as_of=D(2025, 1, 1))) == 10

    def test_the_statutory_parties_cite_the_profile_deciding(self):
        """Under NATIONAL no seed clause is cited; the scheme's own basis stands."""
        national = kc.responsible_parties(A_CASE, policy=_seven_heads(NATIONAL), as_of=OPENED)
        assert [r.basis for r in national[:3]] == [
            ("未成年人保护法 第二十八条",),
            ("义务教育法 第十三条",),
            ("义务教育法 第十三条",),
        ]
        assert national[3].basis == (SEVEN_HEADS.name_zh, SEVEN_HEADS.source)
