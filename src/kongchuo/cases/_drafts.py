"""Builders for the everyday objects (起草): event metadata and notices drafted from a case.

:class:`Recorder` says who records events and in which time zone, so that entering
an event is one line. :func:`draft_notice` fills a notice from the case, the child,
the school and the policy — issuers, guardians, the 文号 from the policy's pattern,
dates and counts found in the case log, the legal basis — and lets the caller
override any field.

This module is part of the edges layer of the design: it builds models and calls
rules through the public modules only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from kongchuo._core.args import require_instance
from kongchuo._core.errors import ValidationError
from kongchuo.notices import (
    Issuer,
    Notice,
    NoticeKind,
    correction_deadline,
    document_number,
)
from kongchuo.policy import EscalationStep, Party, Policy
from kongchuo.policy._escalation import format_document_number

if TYPE_CHECKING:
    from kongchuo._models.children import Child
    from kongchuo._models.schools import School
    from kongchuo._time.calendars import WorkCalendar
    from kongchuo.cases._case import Case

__all__ = ["CHINA_STANDARD_TIME", "Recorder", "draft_notice"]

CHINA_STANDARD_TIME: Final = dt.timezone(dt.timedelta(hours=8), "CST")
"""China Standard Time (北京时间, UTC+8), the one time zone of every county."""


def _fail(code: str, en: str, zh: str, path: str) -> Exception:
    return ValidationError(code, en, zh, path=path)


def _need(value: object, cls: type, path: str, name_zh: str) -> None:
    require_instance(value, cls, path, name_zh=name_zh)


@attrs.frozen(kw_only=True)
class Recorder:
    """Who enters case events, and in which time zone (录入人).

    :meth:`at` gives the three fields every event needs — ``occurred_on``,
    ``recorded_at`` (aware, in the county's time zone) and ``recorded_by`` — so that
    entering an event is one line.

    Attributes:
        by: Who enters the events (录入人), such as ``"李老师"``.
        tz: The time zone a naive time is read in; China Standard Time by default.

    Example:
        >>> import datetime as dt
        >>> from kongchuo.cases import Recorder, Verified
        >>> rec = Recorder(by="李老师")
        >>> fields = rec.at(dt.datetime(2025, 9, 16, 18), on=dt.date(2025, 9, 15))
        >>> fields["recorded_at"].isoformat(), fields["occurred_on"]
        ('2025-09-16T18:00:00+08:00', datetime.date(2025, 9, 15))
        >>> event = Verified(
        ...     **rec.at(dt.datetime(2025, 9, 16, 18)), confirmed=True, finding="家长确认辍学"
        ... )
        >>> event.recorded_by, event.occurred_on
        ('李老师', datetime.date(2025, 9, 16))
    """

    by: str
    tz: dt.tzinfo = CHINA_STANDARD_TIME

    def at(
        self,
        when: dt.datetime,
        *,
        on: dt.date | None = None,
        **fields: Any,  # noqa: ANN401 - event fields
    ) -> dict[str, Any]:
        """The metadata of an event entered at ``when`` that happened ``on``.

        Args:
            when: When it is entered. A naive time is read in :attr:`tz`; an aware
                one is converted to it.
            on: The day it happened; the day of ``when`` (in :attr:`tz`) if omitted.
            **fields: Further fields (``materials``, ``supersedes``) to add.

        Raises:
            ValidationError: ``type`` for something that is not a
                datetime, ``type`` for a day that is not a date.
        """
        if not isinstance(when, dt.datetime):
            raise _fail(
                "type",
                f"expected a datetime, got {type(when).__name__}",
                f"应为 datetime 录入时间，实为 {type(when).__name__}",
                "recorded_at",
            )
        aware = when.replace(tzinfo=self.tz) if when.tzinfo is None else when.astimezone(self.tz)
        day = aware.date() if on is None else on
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise _fail(
                "type",
                f"expected a date, got {type(day).__name__}",
                f"应为日期，实为 {type(day).__name__}",
                "occurred_on",
            )
        return {"occurred_on": day, "recorded_at": aware, "recorded_by": self.by, **fields}

    def on(self, day: dt.date, *, hour: int = 18, **fields: Any) -> dict[str, Any]:  # noqa: ANN401
        """The metadata of an event entered on the evening of the day it happened.

        For back-filling a ledger from paper records, where only the day is known.

        Example:
            >>> import datetime as dt
            >>> Recorder(by="李老师").on(dt.date(2025, 9, 15))["recorded_at"].isoformat()
            '2025-09-15T18:00:00+08:00'
        """
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise _fail(
                "type",
                f"expected a date, got {type(day).__name__}",
                f"应为日期，实为 {type(day).__name__}",
                "occurred_on",
            )
        when = dt.datetime(day.year, day.month, day.day, hour)  # noqa: DTZ001 - read in self.tz
        return self.at(when, on=day, **fields)


_CORRECTION_BASIS: Final = ("《中华人民共和国义务教育法》第五十八条",)
_CORRECTION_CONSEQUENCES: Final = (
    "逾期不改正的，将提请司法部门依法发出司法文书，督促你们履行送子女接受义务教育的"
    "法定义务；情节严重的，依法追究法律责任。"
)
_DRAFTABLE: Final = (
    NoticeKind.ENROLMENT,
    NoticeKind.RETURN,
    NoticeKind.REMINDER,
    NoticeKind.SCHOOL_REPORT,
    NoticeKind.CORRECTION_ORDER,
    NoticeKind.JUDICIAL_REFERRAL,
)


def _issuers(
    kind: NoticeKind,
    *,
    policy: Policy,
    on: dt.date,
    school: School,
    units: Mapping[Party, str],
) -> tuple[Issuer, ...]:
    if kind is NoticeKind.SCHOOL_REPORT:
        parties: tuple[Party, ...] = (Party.SCHOOL,)
    elif kind is NoticeKind.RETURN:
        parties = policy.return_notice_issuers.value_at(on)
    elif kind is NoticeKind.CORRECTION_ORDER:
        parties = policy.correction_order_joint_issuers.value_at(on) or (Party.EDUCATION_BUREAU,)
    else:
        parties = (Party.EDUCATION_BUREAU,)
    names = {Party.SCHOOL: school.name, **units}
    missing = [p for p in parties if p not in names]
    if missing:
        raise _fail(
            "notice.issuer.unnamed",
            "name the issuing units in units=: " + ", ".join(p.value for p in missing),
            "请在 units= 中写明发文单位的名称：" + "、".join(p.label_zh for p in missing),
            f"units[{missing[0].value}]",
        )
    return tuple(Issuer(name=names[p], party=p) for p in parties)


def _from_case(kind: NoticeKind, case: Case, *, on: dt.date) -> dict[str, Any]:
    from kongchuo.cases import (  # noqa: PLC0415 - the package is loaded by now
        CorrectionOrdered,
        PersuasionAttempt,
    )

    events = [e for _, e in case.effective() if e.occurred_on <= on]
    first = events[0].occurred_on if events else None
    found: dict[str, Any] = {}
    if kind is NoticeKind.RETURN and first is not None:
        found["out_since"] = first
    if kind is NoticeKind.SCHOOL_REPORT:
        if first is not None:
            found["absent_since"] = first
        found["attempts"] = sum(isinstance(e, PersuasionAttempt) for e in events)
    if kind is NoticeKind.JUDICIAL_REFERRAL:
        orders = [e for e in events if isinstance(e, CorrectionOrdered)]
        if orders:
            found["order_deadline"] = orders[-1].deadline
            if orders[-1].materials:
                found["order_number"] = orders[-1].materials[0]
    return found


_SCHOOL_NUMBER: Final = "{code}〔{year}〕{seq}号"


def _school_number(school: School, *, year: int, seq: int) -> str:
    """The 发文字号 a school puts on its own document: its unit code as the 代字.

    The bureau's 机关代字 belongs to the bureau (GB/T 9704-2012 7.2.5: the 发文字号
    is the issuing organ's); a school that has no 代字 of its own on record is
    numbered by its unit code (学校标识码), which no other issuer shares.

    Example:
        >>> from kongchuo.demo import sample_case
        >>> _, _, school = sample_case()
        >>> _school_number(school, year=2025, seq=3)
        '3709830031〔2025〕3号'
    """
    return format_document_number(_SCHOOL_NUMBER, code=school.code, year=year, seq=seq)


def _unit_names(units: object) -> dict[Party, str]:
    """The names of the units, checked: a table of Party to text (or nothing)."""
    if units is None:
        return {}
    if not (
        isinstance(units, Mapping)
        and all(isinstance(k, Party) and isinstance(v, str) for k, v in units.items())
    ):
        raise _fail(
            "type",
            "units must map each Party to the name of its unit",
            "units 应为 Party 到单位名称的映射",
            "units",
        )
    return dict(units)


def draft_notice(
    kind: NoticeKind,
    *,
    case: Case,
    child: Child,
    school: School,
    policy: Policy,
    issued_on: dt.date,
    seq: int,
    units: Mapping[Party, str] | None = None,
    calendar: WorkCalendar | None = None,
    **overrides: Any,  # noqa: ANN401 - any field of the notice
) -> Notice:
    """Draft a notice about a case's child from the case, the child, the school and the policy.

    Filled in for you, each overridable by a keyword argument of the same name:

    * ``number``: the 文号 from the policy's pattern, the kind's code, the year of
      ``issued_on`` and ``seq`` (:func:`kongchuo.notices.document_number`); the
      school's written report is the school's own document and is numbered in the
      school's own scheme, its unit code as the 代字 (``3709830031〔2025〕1号``), never
      with the bureau's 代字 (pass ``number=`` for a school's own 代字);
    * ``issuers``: the school for its written report; the policy's
      ``return_notice_issuers`` for a return notice; otherwise the education
      bureau — each named from ``units`` (the school by its own name);
    * ``child_name``, ``child_id``, ``guardians`` (every guardian of the child, by
      name) and ``school_name``;
    * from the case log up to ``issued_on``: ``out_since`` and ``absent_since`` (the
      day the case was opened), ``attempts`` (persuasion attempts so far), and for a
      judicial referral the last correction order's ``order_number`` and
      ``order_deadline``;
    * for a correction order: ``deadline`` by
      :func:`kongchuo.notices.correction_deadline`, ``legal_basis``
      (义务教育法 第五十八条) and the usual ``consequences``; for the school's
      report, ``addressee`` is the education bureau.

    What only a person can write — facts, reasons, the day and place to report —
    is passed as overrides; a field left out is reported by the notice's own check.

    Args:
        kind: The kind of notice: enrolment, return, reminder, school report,
            correction order or judicial referral.
        case: The child's case.
        child: The child.
        school: The school the child is registered at (or to attend).
        policy: The policy profile (文号 pattern, issuers, time limits).
        issued_on: The day of issue.
        seq: The notice's sequence number in the year (from 1).
        units: The names of the issuing units by party, such as
            ``{Party.EDUCATION_BUREAU: "肥城市教育和体育局"}``.
        calendar: The working-day calendar for a correction order's deadline;
            :class:`kongchuo.ChinaCalendar` if omitted.
        **overrides: Any field of the notice.

    Raises:
        ValidationError: ``notice.draft.kind`` for a kind drafted elsewhere (letters
            and referrals name no case child), ``notice.issuer.unnamed`` for an issuer
            not in ``units``, a ``*.type`` code for an argument of the wrong type,
            and the notice's own checks (``missing`` for a field only a person can
            write).

    Example:
        >>> import datetime as dt
        >>> from kongchuo import ChinaCalendar
        >>> from kongchuo.cases import draft_notice
        >>> from kongchuo.notices import NoticeKind, render_text
        >>> from kongchuo.policy import FEICHENG, Party
        >>> from kongchuo.demo import sample_case
        >>> case, child, school = sample_case()
        >>> order = draft_notice(
        ...     NoticeKind.CORRECTION_ORDER,
        ...     case=case,
        ...     child=child,
        ...     school=school,
        ...     policy=FEICHENG,
        ...     issued_on=dt.date(2025, 9, 22),
        ...     seq=2,
        ...     units={
        ...         Party.EDUCATION_BUREAU: "肥城市教育和体育局",
        ...         Party.TOWN_GOVERNMENT: "肥城市王瓜店街道办事处",
        ...     },
        ...     calendar=ChinaCalendar(),
        ...     facts="自2025年9月1日起无正当理由未到校上课，经三次劝返仍未返校。",
        ... )
        >>> order.number, order.deadline, order.guardians
        ('肥教责〔2025〕2号', datetime.date(2025, 10, 9), ('李强', '王芳'))

    References:
        FC-2.3, FC-2.4, FC-3.3; 义务教育法 第五十八条.
    """
    from kongchuo._models.children import Child  # noqa: PLC0415 - loaded by now
    from kongchuo._models.schools import School  # noqa: PLC0415
    from kongchuo._time.calendars import ChinaCalendar  # noqa: PLC0415
    from kongchuo.cases._case import Case  # noqa: PLC0415

    if not isinstance(kind, NoticeKind) or kind not in _DRAFTABLE:
        raise _fail(
            "notice.draft.kind",
            "draft_notice drafts notices about a case's child: "
            + ", ".join(k.value for k in _DRAFTABLE),
            "draft_notice 只起草关于个案儿童的文书：" + "、".join(k.label_zh for k in _DRAFTABLE),
            "kind",
        )
    _need(case, Case, "case", "个案")
    _need(child, Child, "child", "儿童")
    _need(school, School, "school", "学校")
    _need(policy, Policy, "policy", "政策参数集")
    if not isinstance(issued_on, dt.date) or isinstance(issued_on, dt.datetime):
        _need(issued_on, dt.date, "issued_on", "日期")
        raise _fail("type", "expected a date", "应为日期", "issued_on")
    names = _unit_names(units)
    if kind is NoticeKind.SCHOOL_REPORT:
        number = _school_number(school, year=issued_on.year, seq=seq)
    else:
        number = document_number(kind, year=issued_on.year, seq=seq, policy=policy, on=issued_on)
    fields: dict[str, Any] = {
        "number": number,
        "issued_on": issued_on,
        "child_name": child.name,
        "child_id": child.resident_id,
        "school_name": school.name,
    }
    if "issuers" not in overrides:
        fields["issuers"] = _issuers(kind, policy=policy, on=issued_on, school=school, units=names)
    if kind is not NoticeKind.SCHOOL_REPORT:
        fields["guardians"] = tuple(g.name for g in child.guardians)
    else:
        bureau = names.get(Party.EDUCATION_BUREAU)
        if bureau is not None:
            fields["addressee"] = bureau
    if kind is NoticeKind.JUDICIAL_REFERRAL:
        del fields["school_name"]
        authority = policy.step_authorities.value_at(issued_on).of(EscalationStep.JUDICIAL)[0]
        fields["to_party"] = authority
        if authority in names:
            fields["addressee"] = names[authority]
    if kind is NoticeKind.CORRECTION_ORDER:
        fields["deadline"] = correction_deadline(
            issued_on, policy=policy, calendar=calendar or ChinaCalendar()
        )
        fields["legal_basis"] = _CORRECTION_BASIS
        fields["consequences"] = _CORRECTION_CONSEQUENCES
        fields["appeal_rights"] = policy.appeal_rights.value_at(issued_on).text_zh()
    fields.update(_from_case(kind, case, on=issued_on))
    fields.update(overrides)
    from kongchuo.notices import NOTICE_TYPES  # noqa: PLC0415 - loaded by now

    return NOTICE_TYPES[kind](**fields)
