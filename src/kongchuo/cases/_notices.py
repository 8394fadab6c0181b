"""From a notice to the case event that records it (文书入档).

When a notice goes out, the case log records it: the school's written report as a
:class:`~kongchuo.cases.WrittenReport`, the correction order as a
:class:`~kongchuo.cases.CorrectionOrdered` with its deadline, the judicial referral
as a :class:`~kongchuo.cases.JudicialStep`, and every other notice as a
:class:`~kongchuo.cases.NoticeIssued` with its 文号. The notice's number always
heads the event's materials, so the ledger points at the document (材料齐全真实).

This module is part of the models layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from kongchuo._core.args import require_items
from kongchuo.cases._events import (
    CorrectionOrdered,
    Event,
    JudicialStep,
    NoticeIssued,
    WrittenReport,
)
from kongchuo.notices._models import CorrectionOrder, JudicialReferral, Notice, SchoolReport
from kongchuo.notices._render import require_notice

__all__ = ["notice_event"]


def notice_event(
    notice: Notice,
    *,
    recorded_at: dt.datetime,
    recorded_by: str,
    materials: Iterable[str] = (),
) -> Event:
    """The case event that records ``notice`` having been issued (文书入档).

    Args:
        notice: The notice.
        recorded_at: When the event is entered, with its time zone.
        recorded_by: Who enters it.
        materials: Further references (scans, the service record); the notice's
            文号 comes first.

    Raises:
        ValidationError: For a non-notice, and as the event's own checks.

    Example:
        >>> import datetime as dt
        >>> from kongchuo.notices import NoticeKind, examples
        >>> cst = dt.timezone(dt.timedelta(hours=8))
        >>> event = notice_event(
        ...     examples()[NoticeKind.CORRECTION_ORDER],
        ...     recorded_at=dt.datetime(2025, 9, 22, 17, tzinfo=cst),
        ...     recorded_by="李老师",
        ... )
        >>> event.tag, event.deadline, event.materials
        ('correction_order', datetime.date(2025, 10, 9), ('肥教责〔2025〕2号',))

    References:
        FC-1.2 (材料齐全真实), FC-2.3, FC-2.4.
    """
    notice = require_notice(notice)
    refs = [notice.number, *require_items(materials, str, "materials", name_zh="材料编号")]
    common: dict[str, Any] = {
        "occurred_on": notice.issued_on,
        "recorded_at": recorded_at,
        "recorded_by": recorded_by,
        "materials": refs,
    }
    if isinstance(notice, SchoolReport):
        return WrittenReport(**common, reported_to=notice.addressee)
    if isinstance(notice, CorrectionOrder):
        issuer = "、".join(i.name for i in notice.issuers)
        return CorrectionOrdered(
            **common, issuer=issuer[:200], deadline=notice.deadline, service=notice.service
        )
    if isinstance(notice, JudicialReferral):
        return JudicialStep(**common, step=notice.requested[:200], authority=notice.addressee)
    return NoticeIssued(**common, notice=notice.kind.label_zh, number=notice.number)
