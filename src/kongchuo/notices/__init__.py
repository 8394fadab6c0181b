"""Notices (通知文书): typed notices, their rendering in official form, and their rules.

The enrolment notice (入学通知书), the return-to-school notice (复学通知书), the
reminder (催告书), the school's written report (书面报告), the correction order
(批评教育、责令限期改正决定书), the referral to the judicial route, the letter to
parents (致家长一封信) and the referrals of employers of children and of illegal
training institutions. Each has a document number (文号) from the policy's pattern,
an issue date and a service record (送达回证). :func:`render_text` prints one from
templates a county may replace; :func:`check_notice` says whether it is in order.

Example:
    >>> import datetime as dt
    >>> from kongchuo.notices import NoticeKind, document_number
    >>> from kongchuo.policy import FEICHENG
    >>> document_number(
    ...     NoticeKind.RETURN, year=2025, seq=12, policy=FEICHENG, on=dt.date(2025, 9, 10)
    ... )
    '肥教复〔2025〕12号'

References:
    FC-2.3, FC-2.4, FC-3.1, FC-3.2, FC-3.3.
"""

from kongchuo._core.names import publish
from kongchuo.notices._documents import (
    NOTICE_SCHEMA_VERSION,
    notice_from_dict,
    notice_from_json,
    notice_to_dict,
    notice_to_json,
)
from kongchuo.notices._examples import examples
from kongchuo.notices._models import (
    NOTICE_TYPES,
    CorrectionOrder,
    EnrolmentNotice,
    Issuer,
    JudicialReferral,
    LabourReferral,
    LetterToParents,
    Notice,
    NoticeKind,
    Organisation,
    Reminder,
    ReturnNotice,
    SchoolReport,
    Service,
    ServiceMethod,
    TrainingReferral,
    UsccKind,
)
from kongchuo.notices._render import (
    DEFAULT_TEMPLATES,
    NoticeTemplate,
    document_number,
    placeholders,
    render_html,
    render_text,
    templates_from_mapping,
)
from kongchuo.notices._rules import (
    check_notice,
    correction_deadline,
    is_notice_in_order,
    served_on,
    span_end,
)

__all__ = [
    "DEFAULT_TEMPLATES",
    "NOTICE_SCHEMA_VERSION",
    "NOTICE_TYPES",
    "CorrectionOrder",
    "EnrolmentNotice",
    "Issuer",
    "JudicialReferral",
    "LabourReferral",
    "LetterToParents",
    "Notice",
    "NoticeKind",
    "NoticeTemplate",
    "Organisation",
    "Reminder",
    "ReturnNotice",
    "SchoolReport",
    "Service",
    "ServiceMethod",
    "TrainingReferral",
    "UsccKind",
    "check_notice",
    "correction_deadline",
    "document_number",
    "examples",
    "is_notice_in_order",
    "notice_from_dict",
    "notice_from_json",
    "notice_to_dict",
    "notice_to_json",
    "placeholders",
    "render_html",
    "render_text",
    "served_on",
    "span_end",
    "templates_from_mapping",
]

publish(globals())
