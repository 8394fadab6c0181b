"""Rules over notices (文书规则): timeliness, issuers, deadlines, basis and numbering.

:func:`check_notice` says whether a notice is in order: an enrolment notice goes out
before the registration date, and a child who has not reported by then gets a
reminder that records the reason; a return notice goes out within the policy's
delay after a dropout is confirmed, signed by the policy's joint issuers; a
correction order names a deadline no shorter than the one :func:`correction_deadline`
computes by 民法典 rules, cites 义务教育法 第五十八条 and comes from the township
government or the county education authority; and so on for each kind.

This module is part of the rules layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from kongchuo._core.args import require_date, require_instance, require_items
from kongchuo._core.decision import Decision, Finding, Severity, finding
from kongchuo._core.errors import quote
from kongchuo._time.age import age_on
from kongchuo._time.calendars import WorkCalendar, require_calendar, roll_forward
from kongchuo._time.periods import SchoolDays
from kongchuo._time.periods import span_end as _span_end
from kongchuo.notices._models import (
    CorrectionOrder,
    EnrolmentNotice,
    JudicialReferral,
    LabourReferral,
    Notice,
    Reminder,
    ReturnNotice,
    SchoolReport,
    Service,
    ServiceMethod,
    TrainingReferral,
)
from kongchuo.notices._render import (
    DEFAULT_TEMPLATES,
    NoticeTemplate,
    date_zh,
    require_notice,
    template_of,
)
from kongchuo.policy import EscalationStep, ParameterNotInForceError, Party, Policy, Span
from kongchuo.policy._escalation import number_regex
from kongchuo.policy._policy import own_basis, require_policy

__all__ = [
    "check_notice",
    "correction_deadline",
    "is_notice_in_order",
    "served_on",
    "span_end",
]

_ART_58: Final = "义务教育法 第五十八条"
_ART_83: Final = "未成年人保护法 第八十三条"
_ORDER_ISSUERS: Final = frozenset({Party.TOWN_GOVERNMENT, Party.EDUCATION_BUREAU})
_GB_7_2_5: Final = "GB/T 9704-2012 7.2.5"
_ANY_NUMBER: Final = re.compile(
    r"(?P<agency>[^〔〕\s]+)〔(?P<year>[0-9]{4})〕(?P<seq>[1-9][0-9]*)号"
)


def span_end(start: dt.date, span: Span, *, calendar: WorkCalendar) -> dt.date:
    """The last day of a legal period ``span`` counted from ``start`` (法定期限届满日).

    :func:`kongchuo.span_end` with school days refused (a legal period is not
    counted in them) and a last day on a rest day moved to the next working day.

    Raises:
        ValidationError: ``span.unit`` for school days, which a legal period does
            not count in.

    Example:
        >>> import datetime as dt
        >>> from kongchuo import ChinaCalendar
        >>> from kongchuo.policy import TimeUnit
        >>> span_end(
        ...     dt.date(2025, 9, 30), Span(count=1, unit=TimeUnit.WORKDAY), calendar=ChinaCalendar()
        ... )
        datetime.date(2025, 10, 9)
    """
    calendar = require_calendar(calendar)
    return _span_end(start, span, school_days=SchoolDays.REFUSED, calendar=calendar)


def served_on(service: Service, *, policy: Policy, calendar: WorkCalendar) -> dt.date:
    """The day a notice counts as served (视为送达之日), by the service method.

    Direct service, service on an adult family member (委托), 留置送达 and electronic
    service take effect on the day recorded; postal service on the day of signature
    on the return receipt, which is what ``served_on`` records for it (民事诉讼法
    第八十七条至第九十一条 by analogy). A public announcement (公告送达) takes effect
    when the policy's ``announcement_service_period`` from the announcement has
    passed (30 days by default, after 第九十五条).

    Example:
        >>> import datetime as dt
        >>> from kongchuo import ChinaCalendar
        >>> from kongchuo.notices import Service, ServiceMethod
        >>> from kongchuo.policy import FEICHENG
        >>> posted = Service(
        ...     method=ServiceMethod.PUBLIC_ANNOUNCEMENT,
        ...     served_on=dt.date(2025, 9, 1),
        ...     recipient="李强",
        ... )
        >>> served_on(posted, policy=FEICHENG, calendar=ChinaCalendar())
        datetime.date(2025, 10, 9)

    References:
        民事诉讼法 第八十七条至第九十五条 (by analogy); 民法典 第二百零一条至第二百零三条.
    """
    service = require_instance(service, Service, "service", name_zh="送达回证")
    policy = require_policy(policy)
    calendar = require_calendar(calendar)
    if service.method is ServiceMethod.PUBLIC_ANNOUNCEMENT:
        period = policy.announcement_service_period.value_at(service.served_on)
        return span_end(service.served_on, period, calendar=calendar)
    return service.served_on


def correction_deadline(
    issued_on: dt.date,
    *,
    policy: Policy,
    calendar: WorkCalendar,
    served: Service | None = None,
) -> dt.date:
    """The last day of a correction order's time limit (改正期限届满日).

    The policy's ``correction_deadline`` in force on ``issued_on``, counted by
    :func:`span_end` from the day the order was served (``served``, read by
    :func:`served_on`): an order binds the family only once served, and the
    period starts the day after (民法典 第二百零一条). Without ``served`` it counts
    from ``issued_on``, the earliest the order could have been served — the day to
    write into an order before it goes out.

    Example:
        >>> import datetime as dt
        >>> from kongchuo import ChinaCalendar
        >>> from kongchuo.notices import Service, ServiceMethod
        >>> from kongchuo.policy import FEICHENG
        >>> correction_deadline(dt.date(2025, 9, 22), policy=FEICHENG, calendar=ChinaCalendar())
        datetime.date(2025, 10, 9)
        >>> late = Service(
        ...     method=ServiceMethod.IN_PERSON, served_on=dt.date(2025, 10, 8), recipient="李强"
        ... )
        >>> correction_deadline(
        ...     dt.date(2025, 9, 22), policy=FEICHENG, calendar=ChinaCalendar(), served=late
        ... )
        datetime.date(2025, 10, 23)

    References:
        义务教育法 第五十八条; 民法典 第二百零一条 to 第二百零三条.
    """
    issued_on = require_date(issued_on, "issued_on")
    policy = require_policy(policy)
    calendar = require_calendar(calendar)
    start = issued_on if served is None else served_on(served, policy=policy, calendar=calendar)
    return span_end(start, policy.correction_deadline.value_at(issued_on), calendar=calendar)


def _school_number(notice: Notice, policy: Policy, template: NoticeTemplate) -> list[Finding]:
    """A school's report carries the school's own 发文字号, not the bureau's 代字."""
    pattern = policy.document_number_pattern.value_at(notice.issued_on)
    has_agency = not pattern.startswith("{")
    if has_agency and number_regex(pattern, template.code).fullmatch(notice.number):
        return [
            finding(
                "notice.school_report.bureau_number",
                "the school's report carries the bureau's 机关代字: the school numbers its "
                "own documents with its own 代字",
                "学校书面报告使用了教育行政部门的机关代字：应使用学校自己的发文字号",
                "$.number",
                basis=(_GB_7_2_5, "未成年人保护法 第二十八条第二款"),
                severity=Severity.WARNING,
            )
        ]
    return []


def _number(notice: Notice, policy: Policy, template: NoticeTemplate) -> list[Finding]:
    if isinstance(notice, SchoolReport):
        found = _school_number(notice, policy, template)
        match = _ANY_NUMBER.fullmatch(notice.number)
        shape_en, shape_zh = "agency code〔year〕sequence号", "机关代字〔年份〕序号号"
    else:
        found = []
        pattern = policy.document_number_pattern.value_at(notice.issued_on)
        match = number_regex(pattern, template.code).fullmatch(notice.number)
        shape_en = f"the pattern {quote(pattern)} with the code {quote(template.code)}"
        shape_zh = f"{quote(pattern)}格式（代字{quote(template.code)}）"
    if match is None:
        found.append(
            finding(
                "notice.number.scheme",
                f"the document number does not follow {shape_en}",
                f"文号不符合{shape_zh}",
                "$.number",
                basis=(_GB_7_2_5,),
                severity=Severity.WARNING,
            )
        )
    elif int(match.group("year")) != notice.issued_on.year:
        found.append(
            finding(
                "notice.number.year",
                f"the document number's year {match.group('year')} is not the year of issue",
                f"文号年份 {match.group('year')} 与发文年份不一致",
                "$.number",
                basis=(_GB_7_2_5,),
                severity=Severity.WARNING,
            )
        )
    return found


def _common(
    notice: Notice,
    policy: Policy,
    as_of: dt.date,
    templates: Mapping[Any, NoticeTemplate],
) -> list[Finding]:
    out: list[Finding] = []
    if notice.issued_on > as_of:
        out.append(
            finding(
                "notice.issued.future",
                f"issued on {notice.issued_on.isoformat()}, after {as_of.isoformat()}",
                f"发文日期 {notice.issued_on.isoformat()} 晚于核查日 {as_of.isoformat()}",
                "$.issued_on",
            )
        )
    template = template_of(notice.kind, templates)
    out.extend(_number(notice, policy, template))
    service = notice.service
    if service is None and type(notice).addressed_to_guardians:
        out.append(
            finding(
                "notice.service.missing",
                "no service record: until the notice is served, no time limit in it runs",
                "尚无送达回证：文书送达前，其中的期限不起算",
                "$.service",
                severity=Severity.WARNING,
            )
        )
    if service is not None and service.served_on > as_of:
        out.append(
            finding(
                "notice.service.future",
                f"served on {service.served_on.isoformat()}, after {as_of.isoformat()}",
                f"送达日期 {service.served_on.isoformat()} 晚于核查日 {as_of.isoformat()}",
                "$.service.served_on",
            )
        )
    return out


def _enrolment(
    notice: EnrolmentNotice,
    as_of: dt.date,
    reported_on: dt.date | None,
    reminders: tuple[Reminder, ...],
) -> list[Finding]:
    basis = ("FC-2.3",)
    out: list[Finding] = []
    if notice.issued_on >= notice.report_on:
        out.append(
            finding(
                "notice.enrolment.late",
                f"the enrolment notice must go out before the registration date "
                f"{notice.report_on.isoformat()}",
                f"入学通知书应在报到日期（{date_zh(notice.report_on)}）之前发出",
                "$.issued_on",
                basis=basis,
            )
        )
    if notice.service is not None and notice.service.served_on >= notice.report_on:
        out.append(
            finding(
                "notice.enrolment.served_late",
                "the notice reached the guardians only on or after the registration date",
                "入学通知书在报到日期当日或之后才送达监护人",
                "$.service.served_on",
                basis=basis,
            )
        )
    reported_in_time = reported_on is not None and reported_on <= notice.report_on
    if as_of > notice.report_on and not reported_in_time:
        chased = [
            r
            for r in reminders
            if r.due_on == notice.report_on and r.child_name == notice.child_name
        ]
        if not chased:
            out.append(
                finding(
                    "notice.reminder.missing",
                    f"the child did not report by {notice.report_on.isoformat()}: a reminder "
                    "recording the reason found is due",
                    f"儿童未在{date_zh(notice.report_on)}前报到：应及时催告并查明、记录原因",
                    "$.report_on",
                    basis=basis,
                )
            )
        else:
            out.append(
                finding(
                    "notice.reminder.sent",
                    f"the child did not report in time; reminded on "
                    f"{chased[-1].issued_on.isoformat()} (reason: recorded)",
                    f"儿童未按时报到，已于{date_zh(chased[-1].issued_on)}催告并记录原因",
                    "$.report_on",
                    basis=basis,
                    severity=Severity.INFO,
                )
            )
    return out


def _return(
    notice: ReturnNotice,
    policy: Policy,
    calendar: WorkCalendar,
    confirmed_on: dt.date | None,
) -> list[Finding]:
    basis = ("FC-2.3",)
    out: list[Finding] = []
    required = policy.return_notice_issuers.value_at(notice.issued_on)
    present = {i.party for i in notice.issuers}
    missing = [p for p in required if p not in present]
    if missing:
        out.append(
            finding(
                "notice.return.issuers_missing",
                "the return notice is issued jointly; missing: "
                + ", ".join(p.value for p in missing),
                "复学通知书应联合发出，缺少：" + "、".join(p.label_zh for p in missing),
                "$.issuers",
                basis=(*basis, _ART_83),
            )
        )
    if confirmed_on is None:
        out.append(
            finding(
                "notice.return.confirmation_unknown",
                "the day the dropout was confirmed is not known: the delay cannot be checked",
                "辍学确认日期不明，无法核查复学通知书是否及时发出",
                "$",
                basis=basis,
                severity=Severity.WARNING,
            )
        )
        return out
    delay = policy.return_notice_delay.value_at(confirmed_on)
    if notice.issued_on < confirmed_on:
        out.append(
            finding(
                "notice.return.before_confirmation",
                "the return notice is dated before the dropout was confirmed",
                "复学通知书的发文日期早于辍学确认日期",
                "$.issued_on",
                basis=basis,
                severity=Severity.WARNING,
            )
        )
    if delay is None:
        out.append(
            finding(
                "notice.return.no_time_limit",
                "the policy sets no time limit for the return notice",
                "政策未规定复学通知书的发出时限",
                "$.issued_on",
                basis=policy.return_notice_delay.at(confirmed_on).basis,
                severity=Severity.INFO,
            )
        )
        return out
    due = span_end(confirmed_on, delay, calendar=calendar)
    if notice.issued_on > due:
        out.append(
            finding(
                "notice.return.late",
                f"the dropout was confirmed on {confirmed_on.isoformat()}; the return notice "
                f"was due by {due.isoformat()} ({delay}) but went out on "
                f"{notice.issued_on.isoformat()}",
                f"辍学于{date_zh(confirmed_on)}确认，复学通知书应于{date_zh(due)}前发出，"
                f"实际于{date_zh(notice.issued_on)}发出",
                "$.issued_on",
                basis=(*basis, *policy.return_notice_delay.at(confirmed_on).basis),
            )
        )
    return out


def _reminder(notice: Reminder) -> list[Finding]:
    out: list[Finding] = []
    if notice.issued_on <= notice.due_on:
        out.append(
            finding(
                "notice.reminder.premature",
                "a reminder goes out only after the day the child should have reported",
                "催告书应在应报到日期之后发出",
                "$.issued_on",
                basis=("FC-2.3",),
            )
        )
    if notice.studying_elsewhere is not None:
        out.append(
            finding(
                "notice.reminder.studying_elsewhere",
                "the child studies elsewhere: verify the actual school and record it in the case",
                "儿童外出就学：应核实实际就读学校并在个案中记录",
                "$.studying_elsewhere",
                basis=("FC-2.3",),
                severity=Severity.INFO,
            )
        )
    return out


def _school_report(notice: SchoolReport) -> list[Finding]:
    if any(i.party in {Party.SCHOOL, Party.CITY_DIRECT_SCHOOL} for i in notice.issuers):
        return []
    return [
        finding(
            "notice.school_report.issuer",
            "the written report comes from the school that holds the registration",
            "书面报告应由学籍所在学校出具",
            "$.issuers",
            basis=("未成年人保护法 第二十八条第二款",),
        )
    ]


def _joint(notice: CorrectionOrder, policy: Policy) -> list[Finding]:
    found = policy.correction_order_joint_issuers.at(notice.issued_on)
    if found.value is None:
        return []
    present = {i.party for i in notice.issuers}
    missing = [p for p in found.value if p not in present]
    if not missing:
        return []
    return [
        finding(
            "notice.correction.joint_issuers_missing",
            "the policy makes the correction order one joint decision (联合); missing: "
            + ", ".join(p.value for p in missing),
            "政策规定责令限期改正由"
            + "、".join(p.label_zh for p in found.value)
            + "联合作出；缺少："
            + "、".join(p.label_zh for p in missing),
            "$.issuers",
            basis=found.basis,
        )
    ]


def _rights(notice: CorrectionOrder, policy: Policy) -> list[Finding]:
    """The order states the right to review or sue, the bodies and the periods."""
    found = policy.appeal_rights.at(notice.issued_on)
    rights = found.value
    text = notice.appeal_rights or ""
    needed = (
        rights.review_body,
        rights.court,
        f"{rights.review_period.count}",
        f"{rights.litigation_period.count}",
    )
    missing = [n for n in needed if n not in text]
    if notice.appeal_rights is not None and not missing:
        return []
    return [
        finding(
            "notice.correction.appeal_rights",
            "the order must tell the family of its right to administrative review or "
            "litigation, the bodies and the periods (行政复议法 第二十条); untold, the "
            "review period runs from when the family learns them, up to one year. Expected: "
            + rights.text_zh(),
            "决定书应告知申请行政复议或者提起行政诉讼的权利、复议机关和期限（行政复议法"
            "第二十条）；未告知的，申请期限自知道之日起计算，最长一年。应载明：" + rights.text_zh(),
            "$.appeal_rights",
            basis=found.basis,
        )
    ]


def _correction(notice: CorrectionOrder, policy: Policy, calendar: WorkCalendar) -> list[Finding]:
    basis = ("FC-2.4", _ART_58)
    out: list[Finding] = [*_joint(notice, policy), *_rights(notice, policy)]
    if not any(i.party in _ORDER_ISSUERS for i in notice.issuers):
        out.append(
            finding(
                "notice.correction.issuer",
                "a correction order is issued by the township government or the county "
                "education authority",
                "责令限期改正应由乡镇人民政府或者县级教育行政部门作出",
                "$.issuers",
                basis=basis,
            )
        )
    cites_58 = any("义务教育法" in b and "第五十八条" in b for b in notice.legal_basis)
    if not cites_58:
        out.append(
            finding(
                "notice.correction.basis_missing",
                "the order must cite its basis, 义务教育法 第五十八条",
                "决定书应引用其依据《义务教育法》第五十八条",
                "$.legal_basis",
                basis=basis,
            )
        )
    expected = correction_deadline(
        notice.issued_on, policy=policy, calendar=calendar, served=notice.service
    )
    span = policy.correction_deadline.at(notice.issued_on)
    since_en, since_zh = "the order", "决定之日"
    if notice.service is not None:
        since_en = f"service ({notice.service.method.value}, {notice.service.served_on})"
        since_zh = (
            f"送达之日（{notice.service.method.label_zh}，{date_zh(notice.service.served_on)}）"
        )
    if notice.deadline < expected:
        out.append(
            finding(
                "notice.correction.deadline_short",
                f"the deadline {notice.deadline.isoformat()} is shorter than the policy's "
                f"{span.value} counted from {since_en}, which ends on {expected.isoformat()}",
                f"改正期限{date_zh(notice.deadline)}短于政策规定的期限（自{since_zh}次日起"
                f"{span.value.count}{span.value.unit.label_zh}，届满日为{date_zh(expected)}）",
                "$.deadline",
                basis=(*basis, "民法典 第二百零一条", *span.basis),
            )
        )
    elif notice.deadline > expected:
        out.append(
            finding(
                "notice.correction.deadline_longer",
                f"the deadline is later than the policy's ({expected.isoformat()}); this "
                "gives the family more time",
                f"改正期限晚于政策计算的届满日（{date_zh(expected)}），给予家庭更长时间",
                "$.deadline",
                basis=span.basis,
                severity=Severity.INFO,
            )
        )
    if roll_forward(notice.deadline, calendar=calendar) != notice.deadline:
        out.append(
            finding(
                "notice.correction.deadline_rest_day",
                "the deadline falls on a rest day; by 民法典 第二百零三条 it runs to the next "
                "working day",
                "改正期限届满日为法定休假日，依民法典第二百零三条顺延至休假日结束的次日",
                "$.deadline",
                basis=("民法典 第二百零三条",),
                severity=Severity.WARNING,
            )
        )
    return out


def _judicial(notice: JudicialReferral, policy: Policy, calendar: WorkCalendar) -> list[Finding]:
    basis = ("FC-2.4",)
    named = policy.step_authorities.at(notice.issued_on)
    allowed = named.value.of(EscalationStep.JUDICIAL)
    out: list[Finding] = []
    if notice.to_party not in allowed:
        given = "not stated" if notice.to_party is None else notice.to_party.value
        given_zh = "未写明" if notice.to_party is None else notice.to_party.label_zh
        out.append(
            finding(
                "notice.judicial.authority",
                f"the referral goes to an authority the policy does not name for the judicial "
                f"step ({given}); it names: " + ", ".join(p.value for p in allowed),
                f"提请对象（{given_zh}）不是政策为司法程序规定的机关；应为："
                + "、".join(p.label_zh for p in allowed),
                "$.to_party",
                basis=(*named.basis, "未成年人保护法 第一百一十八条"),
            )
        )
    last = roll_forward(notice.order_deadline, calendar=calendar)
    if notice.issued_on <= last:
        out.append(
            finding(
                "notice.judicial.before_deadline",
                f"the correction deadline runs to the end of {last.isoformat()}: the judicial "
                "route opens only after it has passed without correction",
                f"改正期限至{date_zh(last)}24时届满，期满未改正的方可提请司法部门",
                "$.issued_on",
                basis=(*basis, "民法典 第二百零三条"),
            )
        )
    if not any(i.party in _ORDER_ISSUERS for i in notice.issuers):
        out.append(
            finding(
                "notice.judicial.issuer",
                "the referral comes from the authority that ordered the correction",
                "提请函应由作出责令限期改正决定的机关发出",
                "$.issuers",
                basis=basis,
            )
        )
    return out


def _revocation(notice: LabourReferral) -> list[Finding]:
    """A licence revocation rests on 第六条第二款 or 第十条第二款, with 情节严重 beside it."""
    basis = ("禁止使用童工规定 第六条第二款", "禁止使用童工规定 第十条第二款")
    out: list[Finding] = []
    if not (notice.order_unheeded or notice.child_disabled_or_dead):
        out.append(
            finding(
                "notice.labour.revocation_grounds",
                "市场监管 revokes the licence only after the labour inspectorate's order to "
                "return the child went unheeded (禁止使用童工规定 第六条第二款) or the child was "
                "disabled or died (第十条第二款); refer to 人社 first",
                "吊销营业执照须以劳动保障行政部门责令限期送回童工而逾期不送（禁止使用童工规定"
                "第六条第二款）或童工伤残、死亡（第十条第二款）为前提，应先移送人力资源和社会保障部门",
                "$.to_party",
                basis=basis,
            )
        )
    if notice.serious:
        out.append(
            finding(
                "notice.labour.serious_recorded",
                "the seed's 情节严重 is recorded beside the statutory grounds; it is not a "
                "ground of revocation by itself",
                "已记录“情节严重”（FC-3.1），但其本身不构成吊销营业执照的法定事由",
                "$.serious",
                basis=("FC-3.1", *basis),
                severity=Severity.INFO,
            )
        )
    return out


def _labour(notice: LabourReferral, policy: Policy) -> list[Finding]:
    basis = ("FC-3.1", "禁止使用童工规定 第六条")
    out: list[Finding] = []
    if notice.to_party not in {Party.HUMAN_RESOURCES, Party.MARKET_REGULATION}:
        out.append(
            finding(
                "notice.labour.recipient",
                "a child-labour referral goes to 人社 (labour inspection) or, for licence "
                "revocation, to 市场监管",
                "使用童工线索应移送人力资源和社会保障部门；吊销营业执照的，移送市场监督管理部门",
                "$.to_party",
                basis=basis,
            )
        )
    elif notice.to_party is Party.MARKET_REGULATION:
        out.extend(_revocation(notice))
    if notice.employer.uscc is None:
        out.append(
            finding(
                "notice.labour.no_uscc",
                "the employer is named without a unified social credit code; say whether it "
                "is unregistered",
                "用人单位未写明统一社会信用代码；如为无照经营，请注明",
                "$.employer.uscc",
                basis=("FC-3.1",),
                severity=Severity.WARNING,
            )
        )
    if notice.employed_since >= notice.child_birth_date:
        out.extend(_labour_age(notice, policy))
    else:
        out.append(
            finding(
                "notice.labour.dates",
                "the employment is dated before the child's birth",
                "受雇日期早于出生日期",
                "$.employed_since",
            )
        )
    return out


def _labour_age(notice: LabourReferral, policy: Policy) -> list[Finding]:
    """Whether the child was under the child-labour age on the day the employment began.

    禁止使用童工规定 第二条 forbids employing (招用) a minor under 16 周岁, so the age is
    read on the day of the employment, and the value in force that day applies. An
    employment on the birth day itself is by a child of 0. Before the policy has a
    value, the age is not judged and a finding says so (the employment is real; only
    the yardstick is missing).
    """
    history = policy.child_labour_age
    try:
        limit = history.at(notice.employed_since)
    except ParameterNotInForceError as missing:
        first = missing.first
        return [
            finding(
                "notice.labour.age_not_in_force",
                f"the policy has no child-labour age in force on "
                f"{notice.employed_since.isoformat()}, when the employment began (its first "
                f"value applies from {first.isoformat()}): whether the child was a child "
                "labourer then is not judged",
                f"受雇之日（{date_zh(notice.employed_since)}）本配置尚无生效的童工年龄（最早自"
                f"{date_zh(first)}起适用），未判断受雇时是否属于童工",
                "$.employed_since",
                basis=history.values[0].basis,
                severity=Severity.WARNING,
            )
        ]
    age = age_on(notice.child_birth_date, notice.employed_since)
    if age < limit.value:
        return []
    return [
        finding(
            "notice.labour.not_a_child",
            f"the child was {age} when employed: not child labour under 禁止使用童工"
            "规定, though 义务教育法 第十四条 still bars recruiting a child who should "
            "be in compulsory education",
            f"受雇时已满{age}周岁，不属于童工；但招用应接受义务教育的适龄少年仍违反"
            "义务教育法第十四条",
            "$.child_birth_date",
            basis=(*limit.basis, "义务教育法 第十四条"),
            severity=Severity.WARNING,
        )
    ]


def _training(notice: TrainingReferral, policy: Policy) -> list[Finding]:
    out: list[Finding] = []
    named = policy.training_referral_parties.at(notice.issued_on)
    if notice.to_party not in named.value:
        out.append(
            finding(
                "notice.training.recipient",
                "a training-institution referral goes to the county's 校外培训主管部门: "
                + ", ".join(p.value for p in named.value),
                "违规校外培训机构线索应移送县级校外培训主管部门："
                + "、".join(p.label_zh for p in named.value),
                "$.to_party",
                basis=named.basis,
            )
        )
    if notice.institution.uscc is None:
        out.append(
            finding(
                "notice.training.no_uscc",
                "the institution has no unified social credit code on record: it may be "
                "unlicensed, which the referral should say",
                "培训机构未记录统一社会信用代码，可能无证办学，请在函中注明",
                "$.institution.uscc",
                basis=("FC-3.3",),
                severity=Severity.WARNING,
            )
        )
    return out


_BASIS: Final[dict[type[Notice], tuple[str, ...]]] = {
    EnrolmentNotice: ("FC-2.3", "FC-3.2", "义务教育法 第十一条"),
    ReturnNotice: ("FC-2.3", _ART_83),
    Reminder: ("FC-2.3",),
    SchoolReport: ("FC-3.3", "未成年人保护法 第二十八条第二款"),
    CorrectionOrder: ("FC-2.4", _ART_58, _ART_83, "行政复议法 第二十条"),
    JudicialReferral: ("FC-2.4", "未成年人保护法 第一百一十八条", "家庭教育促进法 第四十九条"),
    LabourReferral: ("FC-3.1", "义务教育法 第十四条", "禁止使用童工规定 第二条、第六条、第十条"),
    TrainingReferral: ("FC-3.3", "校外培训行政处罚暂行办法 (2023)"),
}


def _by_kind(  # noqa: PLR0911 - one branch per kind of notice
    notice: Notice,
    *,
    policy: Policy,
    calendar: WorkCalendar,
    as_of: dt.date,
    confirmed_on: dt.date | None,
    reported_on: dt.date | None,
    chased: tuple[Reminder, ...],
) -> list[Finding]:
    if isinstance(notice, EnrolmentNotice):
        return _enrolment(notice, as_of, reported_on, chased)
    if isinstance(notice, ReturnNotice):
        return _return(notice, policy, calendar, confirmed_on)
    if isinstance(notice, Reminder):
        return _reminder(notice)
    if isinstance(notice, SchoolReport):
        return _school_report(notice)
    if isinstance(notice, CorrectionOrder):
        return _correction(notice, policy, calendar)
    if isinstance(notice, JudicialReferral):
        return _judicial(notice, policy, calendar)
    if isinstance(notice, LabourReferral):
        return _labour(notice, policy)
    if isinstance(notice, TrainingReferral):
        return _training(notice, policy)
    return []


def _reminders(reminders: object) -> tuple[Reminder, ...]:
    return require_items(reminders, Reminder, "reminders", name_zh="催告书")


def check_notice(
    notice: Notice,
    *,
    as_of: dt.date,
    policy: Policy,
    calendar: WorkCalendar,
    confirmed_on: dt.date | None = None,
    reported_on: dt.date | None = None,
    reminders: Iterable[Reminder] = (),
    templates: Mapping[Any, NoticeTemplate] | None = None,
) -> Decision:
    """Whether a notice is in order, with every reason (文书合规性).

    For every notice: not dated after ``as_of``; its 文号 follows the policy's
    pattern with the kind's code and the year of issue (a warning otherwise); a
    notice to guardians that has no service record is flagged, as no time limit in
    it runs before service. Then, by kind:

    * enrolment notice (入学通知书): issued and served before the registration date;
      once that date has passed, a child who did not report (``reported_on`` is
      ``None`` or late) needs a reminder among ``reminders`` (which records the
      reason found);
    * return notice (复学通知书): issued within the policy's ``return_notice_delay``
      after the dropout was confirmed (``confirmed_on``), jointly by the policy's
      ``return_notice_issuers``;
    * reminder (催告书): issued after the day the child should have reported;
    * school report (书面报告): from the school, with the school's own 发文字号 (a
      number with the bureau's 代字 is flagged);
    * correction order (责令限期改正): from the township government or the county
      education authority — all of the policy's ``correction_order_joint_issuers``
      where it names them (FEICHENG: 联合) — citing 义务教育法 第五十八条, stating the
      policy's ``appeal_rights`` (行政复议法 第二十条), with a deadline no earlier than
      :func:`correction_deadline` counted from service (a later one is noted, as it
      favours the family; one on a rest day is flagged, since it runs on to the
      next working day);
    * judicial referral: to an authority the policy's ``step_authorities`` names
      for the judicial step (``to_party``), issued only after the correction
      deadline (rolled past rest days) has passed;
    * child-labour referral: to 人社, or to 市场监管 for licence revocation only on
      the grounds of 禁止使用童工规定 第六条第二款 (the order to return the child
      unheeded) or 第十条第二款 (the child disabled or dead), the seed's 情节严重
      recorded beside; the employer named with its unified social credit code; the
      child under the policy's ``child_labour_age`` on the day the employment began
      (the value in force that day; a warning, not an error, where the policy has
      none that day);
    * training-institution referral: to the policy's
      ``training_referral_parties`` (the 校外培训主管部门, 校外培训行政处罚暂行办法);
      the institution's code, or a note that it has none.

    Args:
        notice: The notice.
        as_of: The day of the check.
        policy: The policy profile.
        calendar: The working-day calendar for deadlines.
        confirmed_on: For a return notice, the day the dropout was confirmed.
        reported_on: For an enrolment notice, the day the child reported, if it did.
        reminders: For an enrolment notice, the reminders sent since.
        templates: Templates that replace the shipped ones (for the 文号 codes).

    Returns:
        ``ok`` when no finding is an error; outcome ``"in_order"`` or
        ``"not_in_order"``.

    Raises:
        ValidationError: For arguments of the wrong type.

    Example:
        >>> import datetime as dt
        >>> from kongchuo import ChinaCalendar
        >>> from kongchuo.notices import NoticeKind, examples
        >>> from kongchuo.policy import FEICHENG
        >>> d = check_notice(
        ...     examples()[NoticeKind.RETURN],
        ...     as_of=dt.date(2025, 9, 20),
        ...     policy=FEICHENG,
        ...     calendar=ChinaCalendar(),
        ...     confirmed_on=dt.date(2025, 9, 9),
        ... )
        >>> d.ok, d.outcome
        (True, 'in_order')

    References:
        FC-2.3, FC-2.4, FC-3.1, FC-3.2, FC-3.3; 义务教育法 第五十八条;
        未成年人保护法 第二十八条、第八十三条、第一百一十八条; 民法典 第二百零一条 to
        第二百零三条; 行政复议法 第二十条; 禁止使用童工规定 第六条、第十条;
        校外培训行政处罚暂行办法; GB/T 9704-2012 7.2.5. Seed clauses (FC-x.y) are
        cited only under a profile that rests on the seed.

    Limitations:
        The rule checks dates, parties and citations, not the wording of the text.
        How a 限期 is counted is not fixed by any law; the policy's reading applies.
        It errs toward the family: a later deadline than the policy's is accepted.
    """
    notice = require_notice(notice)
    as_of = require_date(as_of, "as_of")
    policy = require_policy(policy)
    calendar = require_calendar(calendar)
    if confirmed_on is not None:
        confirmed_on = require_date(confirmed_on, "confirmed_on")
    if reported_on is not None:
        reported_on = require_date(reported_on, "reported_on")
    chased = _reminders(reminders)
    template_of(notice.kind, templates)  # refuses bad templates before any finding
    chosen: Mapping[Any, NoticeTemplate] = DEFAULT_TEMPLATES if templates is None else templates
    findings = _common(notice, policy, as_of, chosen)
    findings.extend(
        _by_kind(
            notice,
            policy=policy,
            calendar=calendar,
            as_of=as_of,
            confirmed_on=confirmed_on,
            reported_on=reported_on,
            chased=chased,
        )
    )
    ok = not any(f.severity is Severity.ERROR for f in findings)
    on = notice.issued_on
    return Decision(
        rule="notice",
        ok=ok,
        outcome="in_order" if ok else "not_in_order",
        findings=[attrs.evolve(f, basis=own_basis(policy, on, f.basis)) for f in findings],
        basis=own_basis(policy, on, _BASIS.get(type(notice), (notice.kind.clause,))),
    )


def is_notice_in_order(
    notice: Notice,
    *,
    as_of: dt.date,
    policy: Policy,
    calendar: WorkCalendar,
    confirmed_on: dt.date | None = None,
    reported_on: dt.date | None = None,
    reminders: Iterable[Reminder] = (),
) -> bool:
    """Whether :func:`check_notice` finds no error."""
    return check_notice(
        notice,
        as_of=as_of,
        policy=policy,
        calendar=calendar,
        confirmed_on=confirmed_on,
        reported_on=reported_on,
        reminders=reminders,
    ).ok
