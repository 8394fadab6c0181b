"""Every finding of the case rules, pinned over the cases of the example county.

Each case of :func:`kongchuo.reports.example_county` is replayed one event at a time,
and each stage is checked on several days under both profiles: the ledger
(:func:`~kongchuo.cases.check_ledger`), closure (:func:`~kongchuo.cases.check_closure`,
with the child), whether a deferral is in force, and who
is responsible. The decisions are written out whole (outcome; per finding its code,
path, severity, both messages and basis) and compared with
``tests/golden/findings/cases.txt`` (``KONGCHUO_UPDATE_GOLDEN=1`` rewrites it after a
deliberate change), so a changed message, path, code, severity, citation or outcome
shows up as a diff to review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from kongchuo import ChinaCalendar, ValidationError
from kongchuo.cases import (
    Case,
    check_closure,
    check_ledger,
    deferral_in_force,
    is_closable,
    is_ledger_complete,
    responsible_parties,
)
from kongchuo.policy import FEICHENG, NATIONAL
from kongchuo.reports import example_county

CAL = ChinaCalendar()
DAY = dt.timedelta(days=1)


def _stages(case: Case) -> Iterator[Case]:
    """The case after its first event, after its second, and so on."""
    events = case.events
    first = Case.open(
        case_id=case.case_id,
        kind=case.kind,
        jurisdiction=case.jurisdiction,
        identified=events[0],
        child_id=case.child_id,
        child_ref=case.child_ref,
        school_code=case.school_code,
    )
    yield first
    for event in events[1:]:
        first = first.append(event, policy=FEICHENG)
        yield first


def _run(golden: Any, label: str, call: Any) -> list[str]:
    try:
        result = call()
    except ValidationError as error:
        return [f"  {label} refused: {error.code} @{error.path}"]
    if hasattr(result, "findings"):
        return [f"  {label}:", *golden.decision(result)]
    return [f"  {label}: {result}"]


def _report(golden: Any) -> str:
    county = example_county()
    children = {c.resident_id: c for c in county.children if c.resident_id is not None}
    schools = {s.code: s for s in county.schools}
    out: list[str] = []
    for case in county.cases:
        child = children.get(case.child_id)
        school = schools.get(case.school_code or "")
        for stage in _stages(case):
            last = stage.events[-1].occurred_on
            for policy in (FEICHENG, NATIONAL):
                for shift in (0, 10, 45):
                    as_of = last + shift * DAY
                    out.append(
                        f"## {case.case_id} {stage.state.value} #{len(stage.events)} "
                        f"{policy.name} +{shift}d"
                    )
                    out += _run(
                        golden,
                        "ledger",
                        lambda s=stage, d=as_of, p=policy, c=child: check_ledger(
                            s, as_of=d, policy=p, child=c, calendar=CAL, terms=county.calendar
                        ),
                    )
                    out += _run(
                        golden,
                        "closure",
                        lambda s=stage, d=as_of, p=policy, c=child: check_closure(
                            s,
                            as_of=d,
                            policy=p,
                            attendance=(),
                            child=c,
                            calendar=CAL,
                            terms=county.calendar,
                        ),
                    )
                    out += _run(
                        golden,
                        "closable",
                        lambda s=stage, d=as_of, p=policy, c=child: is_closable(
                            s, as_of=d, policy=p, attendance=(), child=c
                        ),
                    )
                    out += _run(
                        golden,
                        "complete",
                        lambda s=stage, d=as_of, p=policy: is_ledger_complete(s, as_of=d, policy=p),
                    )
                    out += _run(
                        golden, "deferral", lambda s=stage, d=as_of: deferral_in_force(s, as_of=d)
                    )
                out += _run(
                    golden,
                    "responsible",
                    lambda s=stage, p=policy, sc=school, d=last: responsible_parties(
                        s, school=sc, policy=p, as_of=d
                    ),
                )
    return "\n".join(out) + "\n"


def test_findings_match_the_golden_file(golden):
    """Every stage's decisions read exactly as in the golden file."""
    golden("findings/cases.txt", _report(golden))


def test_the_stages_reach_errors_and_warnings(golden):
    """The stages are broad: ledgers in and out of order, closures allowed and refused."""
    text = golden.read("findings/cases.txt")
    assert "[error]" in text
    assert "[warning]" in text
    assert "closable: True" in text
    assert "closable: False" in text
