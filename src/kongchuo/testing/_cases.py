"""Strategies for cases and their events (个案测试数据).

:func:`cases` grows a case by a random walk through the state machine, so every case
it produces was built with :meth:`~kongchuo.cases.Case.append` and is valid: its log
verifies and its state follows the machine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from hypothesis import strategies as st

from kongchuo import cases as kc
from kongchuo._core.errors import ValidationError, quote
from kongchuo._core.guard import renamed
from kongchuo.testing._strategies import check_date, choices, date_bounds, resident_ids

__all__ = ["cases", "events"]

_CST = dt.timezone(dt.timedelta(hours=8))
_NAMES = ("李老师", "张校长", "王芳", "赵主任", "孙书记", "周强")
_NARRATIVE = "数学跟不上，产生厌学情绪；父母外出务工，由祖母照看，无人督促学习。"
_MATERIALS = ("佐证材料-001",)


def _people(role: kc.Role) -> st.SearchStrategy[kc.Person]:
    return st.builds(kc.Person, role=st.just(role), name=st.sampled_from(_NAMES))


def _builders(day: dt.date) -> dict[str, Callable[[st.DrawFn], kc.Event]]:
    def common(draw: st.DrawFn) -> dict[str, Any]:
        hour = draw(st.integers(min_value=8, max_value=20))
        return {
            "occurred_on": day,
            "recorded_at": dt.datetime(day.year, day.month, day.day, hour, tzinfo=_CST),
            "recorded_by": draw(st.sampled_from(_NAMES)),
        }

    def attempt(draw: st.DrawFn) -> kc.Event:
        result = draw(st.sampled_from(kc.AttemptResult))
        agreed = result is kc.AttemptResult.AGREED_TO_RETURN
        return kc.PersuasionAttempt(
            **common(draw),
            method=draw(st.sampled_from(kc.PersuasionMethod)),
            visitors=(draw(_people(kc.Role.PRINCIPAL)), draw(_people(kc.Role.HEAD_TEACHER))),
            met=() if result is kc.AttemptResult.NOT_MET else (draw(_people(kc.Role.GUARDIAN)),),
            result=result,
            next_step=None if agreed else "一周后再次家访",
            materials=_MATERIALS if agreed else (),
        )

    def causes(draw: st.DrawFn) -> kc.Event:
        chosen = draw(st.frozensets(st.sampled_from(kc.Cause), min_size=1, max_size=3))
        return kc.CauseAnalysed(
            **common(draw),
            causes=chosen,
            primary=draw(st.sampled_from(sorted(chosen))),
            narrative=_NARRATIVE,
        )

    return {
        "verified": lambda d: kc.Verified(**common(d), confirmed=True, finding="核实属实"),
        "verified:not_confirmed": lambda d: kc.Verified(
            **common(d), confirmed=False, finding="经核实在外地就读，非辍学"
        ),
        "cause_analysis": causes,
        "plan": lambda d: kc.PlanMade(
            **common(d),
            measures=("结对帮扶",),
            responsible=(d(_people(kc.Role.PRINCIPAL)),),
            target_date=day + dt.timedelta(days=30),
        ),
        "persuasion_attempt": attempt,
        "notice_issued": lambda d: kc.NoticeIssued(
            **common(d), notice="复学通知书", number="教复〔2025〕1号", materials=_MATERIALS
        ),
        "written_report": lambda d: kc.WrittenReport(**common(d), reported_to="县教育行政部门"),
        "correction_order": lambda d: kc.CorrectionOrdered(
            **common(d),
            issuer="镇人民政府",
            deadline=day + dt.timedelta(days=15),
            materials=_MATERIALS,
        ),
        "judicial_step": lambda d: kc.JudicialStep(**common(d), step="训诫", authority="人民法院"),
        "penalty_imposed": lambda d: kc.PenaltyImposed(
            **common(d), authority="县教育行政部门", regulation="某省义务教育条例"
        ),
        "liability_pursued": lambda d: kc.LiabilityPursued(
            **common(d), measure="提起诉讼", authority="人民法院"
        ),
        "returned": lambda d: kc.Returned(
            **common(d),
            school_code="3709830031",
            grade=d(st.integers(min_value=1, max_value=9)),
            materials=_MATERIALS,
        ),
        "placed": lambda d: kc.Placed(
            **common(d), placement=d(st.sampled_from(kc.Placement)), registered=d(st.booleans())
        ),
        "deferred": lambda d: kc.Deferred(
            **common(d),
            kind=d(st.sampled_from(kc.DeferralKind)),
            approved_by="县教育行政部门",
            authority=d(st.sampled_from(kc.ApprovingAuthority)),
            applicant=d(_people(kc.Role.GUARDIAN)),
            condition="术后需卧床休养",
            condition_evidence=("诊断证明-001",),
            until=d(st.none() | st.just(day + dt.timedelta(days=90))),
            materials=_MATERIALS,
        ),
        "studying_elsewhere": lambda d: kc.StudyingElsewhere(
            **common(d),
            school_name="外地某学校",
            verified_by="班主任",
            confirmation=d(st.none() | st.just("就读证明-001")),
        ),
        "moved_away": lambda d: kc.MovedAway(
            **common(d), confirmed_by="公安机关", materials=d(st.sampled_from(((), _MATERIALS)))
        ),
        "deceased": lambda d: kc.Deceased(
            **common(d), confirmed_by="公安机关", materials=d(st.sampled_from(((), _MATERIALS)))
        ),
        "attendance_recorded": lambda d: kc.AttendanceRecorded(
            **common(d),
            school_code="3709830031",
            since=day,
            days=tuple(
                day + dt.timedelta(days=i) for i in range(d(st.integers(min_value=0, max_value=1)))
            ),
        ),
        "progress_marked": lambda d: kc.ProgressMarked(**common(d), platform="控辍保学台账系统"),
        "closed": lambda d: kc.Closed(**common(d), approved_by="教育办公室"),
        "reopened": lambda d: kc.Reopened(**common(d), reason="再次连续缺课"),
        "identified": lambda d: kc.Identified(
            **common(d),
            method=d(st.sampled_from(kc.IdentificationMethod)),
            found_by="班主任",
        ),
    }


@renamed(on="min_value")
def events(
    tag: str, *, min_value: dt.date, max_value: dt.date | None = None
) -> st.SearchStrategy[kc.Event]:
    """Valid events of the type ``tag`` that happened on a day from ``min_value`` to ``max_value``.

    Args:
        tag: The event's type, such as ``"identified"`` or ``"closed"``.
        min_value: The earliest day of the event.
        max_value: The latest day of the event (default: ``min_value``, so the event
            happened on that one day).

    Raises:
        ValidationError: ``testing.argument`` for an unknown tag or a bad bound.
    """
    low, high = date_bounds(min_value, min_value if max_value is None else max_value)
    if not isinstance(tag, str) or tag not in _builders(low):
        raise ValidationError(
            "testing.argument",
            f"tag: unknown event type {quote(tag)}",
            f"tag：未知事件类型 {quote(tag)}",
            path="$.tag",
        )

    @st.composite
    def one(draw: st.DrawFn) -> kc.Event:
        day = low if low == high else draw(st.dates(min_value=low, max_value=high))
        return _builders(day)[tag](draw)

    return one()


def _attendance(case: kc.Case, day: dt.date, draw: st.DrawFn) -> kc.Event:
    """Attendance since the case's return, on some of the weekdays up to ``day``."""
    found = case.resolving_event()
    since = found[1].occurred_on if found is not None else day
    weekdays = [
        since + dt.timedelta(days=i)
        for i in range((day - since).days + 1)
        if (since + dt.timedelta(days=i)).weekday() < 5
    ]
    chosen = draw(st.lists(st.sampled_from(weekdays), unique=True)) if weekdays else []
    hour = draw(st.integers(min_value=8, max_value=20))
    return kc.AttendanceRecorded(
        occurred_on=day,
        recorded_at=dt.datetime(day.year, day.month, day.day, hour, tzinfo=_CST),
        recorded_by=draw(st.sampled_from(_NAMES)),
        school_code="3709830031",
        since=since,
        days=tuple(sorted(chosen)),
    )


def _allowed() -> dict[kc.CaseState, list[kc.Transition]]:
    table: dict[kc.CaseState, list[kc.Transition]] = {}
    for t in kc.MACHINE:
        for source in t.sources:
            table.setdefault(source, []).append(t)
    return table


@renamed(start="min_value")
def cases(
    *,
    kinds: Iterable[kc.CaseKind] | None = None,
    max_events: int = 12,
    min_value: dt.date = dt.date(2025, 9, 8),
) -> st.SearchStrategy[kc.Case]:
    """Valid cases grown by a random walk through the state machine (个案).

    Closing is attempted only when :func:`~kongchuo.cases.check_closure` allows it
    under the FEICHENG profile, so every case verifies and follows the machine.

    Args:
        kinds: The case kinds to draw from (all by default).
        max_events: The most events after the first, 0–50.
        min_value: The day the first event happened; every later event is on or
            after it.

    Raises:
        ValidationError: ``testing.argument`` naming the bad argument.
    """
    from kongchuo.policy import FEICHENG  # noqa: PLC0415 - a layer above the testing data

    chosen = tuple(kc.CaseKind) if kinds is None else choices("kinds", kinds, tuple(kc.CaseKind))
    if type(max_events) is not int or not 0 <= max_events <= 50:
        raise ValidationError(
            "testing.argument",
            "max_events: must be an int in 0-50",
            "max_events：必须是 0—50 之间的整数",
            path="$.max_events",
        )
    start = check_date("min_value", min_value)
    table = _allowed()

    @st.composite
    def build(draw: st.DrawFn) -> kc.Case:
        day = start
        kind = draw(st.sampled_from(chosen))
        rid = draw(st.none() | resident_ids(min_value=dt.date(2008, 9, 1)))
        case = kc.Case.open(
            case_id=f"C-{draw(st.integers(min_value=1, max_value=99999)):05d}",
            kind=kind,
            jurisdiction="370983003",
            school_code=None if kind is kc.CaseKind.OUT_OF_SCHOOL else "3709830031",
            child_id=rid,
            child_ref=None if rid is not None else "local-1",
            identified=draw(events("identified", min_value=day)),  # type: ignore[arg-type]
        )
        for _ in range(draw(st.integers(min_value=0, max_value=max_events))):
            choices = table.get(case.state, [])
            if not choices:
                break
            transition = draw(st.sampled_from(choices))
            day += dt.timedelta(days=draw(st.integers(min_value=0, max_value=30)))
            if (
                transition.event == "closed"
                and not kc.check_closure(case, as_of=day, policy=FEICHENG).ok
            ):
                continue
            if transition.event == "attendance_recorded":
                event = _attendance(case, day, draw)
            else:
                tag = transition.event
                if transition.condition is not None:
                    tag = f"{tag}:{transition.condition}"
                event = draw(events(tag, min_value=day))
            case = case.append(event, policy=FEICHENG)
        return case

    return build()
