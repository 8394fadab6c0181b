"""Pin the documented usage of notices and escalation under ``mypy --strict``.

mypy checks this file; it is never run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import kongchuo
from kongchuo import notices
from kongchuo.cases import (
    Case,
    JustCause,
    JustCauseKind,
    NextStep,
    check_escalation,
    next_escalation,
)
from kongchuo.policy import FEICHENG, EscalationStep, Party

calendar = kongchuo.ChinaCalendar()
all_examples: Mapping[notices.NoticeKind, notices.Notice] = notices.examples()
order = all_examples[notices.NoticeKind.CORRECTION_ORDER]
text: str = notices.render_text(order)
html: str = notices.render_html(order, full_id=False)
number: str = notices.document_number(
    notices.NoticeKind.RETURN, year=2025, seq=1, policy=FEICHENG, on=dt.date(2025, 9, 1)
)
decision: kongchuo.Decision = notices.check_notice(
    order, as_of=dt.date(2025, 10, 1), policy=FEICHENG, calendar=calendar
)
deadline: dt.date = notices.correction_deadline(
    dt.date(2025, 9, 22), policy=FEICHENG, calendar=calendar
)
template = notices.NoticeTemplate(title="复学通知书", code="复", body="$child_name")
mine: str = notices.render_text(order, templates={notices.NoticeKind.CORRECTION_ORDER: template})
back: notices.Notice = notices.notice_from_json(notices.notice_to_json(order))
issuer = notices.Issuer(name="肥城市教育和体育局", party=Party.EDUCATION_BUREAU)


def escalate(case: Case) -> tuple[bool, EscalationStep | None, dt.date | None]:
    """Check a step and find the next one."""
    cause = JustCause(kind=JustCauseKind.ILLNESS, noted_on=dt.date(2025, 10, 1))
    allowed: bool = check_escalation(
        case,
        EscalationStep.JUDICIAL,
        as_of=dt.date(2025, 10, 10),
        policy=FEICHENG,
        calendar=calendar,
        just_causes=[cause],
    ).ok
    nxt: NextStep = next_escalation(
        case, as_of=dt.date(2025, 10, 10), policy=FEICHENG, calendar=calendar
    )
    owners: tuple[Party, ...] = nxt.owners
    del owners
    return allowed, nxt.step, nxt.earliest
