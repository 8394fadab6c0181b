"""Schools and the student registration that ties children to them (学校与学籍).

Registrations (学籍), transfers (转学), daily attendance (考勤) and leave (请假).
This module is part of the models layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar, Final

import attrs

from kongchuo._core.enums import LabelledEnum
from kongchuo._core.errors import Problem
from kongchuo._identity.numbers import StudentNumber
from kongchuo._models.base import (
    BOOL,
    DATE,
    NAME,
    STUDENT_NUMBER,
    UNIT_CODE,
    EnumKind,
    IntKind,
    Model,
    ModelKind,
    Nullable,
    Text,
    TupleKind,
    as_tuple,
    dates_in_order,
    meta,
    problem,
)

__all__ = [
    "Approval",
    "Attendance",
    "AttendanceStatus",
    "Leave",
    "LeaveKind",
    "Registration",
    "RegistrationStatus",
    "School",
    "SchoolKind",
    "Transfer",
    "TransferAction",
    "TransferSide",
    "TransferStep",
]


class SchoolKind(LabelledEnum):
    """The kind of a compulsory-education school (学校类别).

    Example:
        >>> SchoolKind.NINE_YEAR.label_zh, SchoolKind.NINE_YEAR.grades
        ('九年一贯制学校', range(1, 10))
    """

    PRIMARY = "primary", "小学"
    JUNIOR_SECONDARY = "junior_secondary", "初级中学"
    NINE_YEAR = "nine_year", "九年一贯制学校"
    SPECIAL_EDUCATION = "special_education", "特殊教育学校"

    @property
    def grades(self) -> range:
        """The grades (1–9 counted through compulsory education) the kind teaches."""
        return _SCHOOL_GRADES[self]


_SCHOOL_GRADES: Final = {
    SchoolKind.PRIMARY: range(1, 7),
    SchoolKind.JUNIOR_SECONDARY: range(7, 10),
    SchoolKind.NINE_YEAR: range(1, 10),
    SchoolKind.SPECIAL_EDUCATION: range(1, 10),
}


@attrs.frozen(kw_only=True)
class School(Model):
    """A school that holds registrations (学校).

    Attributes:
        code: The school's code, such as the 10-digit national 学校标识码.
        name: Its name.
        kind: Primary, junior secondary, nine-year or special education.
        jurisdiction: The code of the jurisdiction it belongs to.
        city_direct: Whether the city bureau runs it directly (市直学校), rather
            than a town or street office.
        principal: The principal's name (the first responsible person for its
            dropouts, FC-1.3), if known.

    Example:
        >>> s = School(
        ...     code="2137098301",
        ...     name="肥城市王瓜店中学",
        ...     kind=SchoolKind.JUNIOR_SECONDARY,
        ...     jurisdiction="370983003",
        ... )
        >>> s.kind.label_zh, s.city_direct
        ('初级中学', False)

    References:
        FC-1.3, FC-2.5.
    """

    code: str = attrs.field(metadata=meta(UNIT_CODE))
    name: str = attrs.field(metadata=meta(Text(100)))
    kind: SchoolKind = attrs.field(metadata=meta(EnumKind(SchoolKind)))
    jurisdiction: str = attrs.field(metadata=meta(UNIT_CODE))
    city_direct: bool = attrs.field(default=False, metadata=meta(BOOL))
    principal: str | None = attrs.field(default=None, metadata=meta(Nullable(NAME)))


class RegistrationStatus(LabelledEnum):
    """The status of a registration in the 学籍 system (学籍状态).

    Example:
        >>> RegistrationStatus.OTHER_LEAVE.label_zh
        '其他离校'
    """

    ENROLLED = "enrolled", "在读"
    SUSPENDED = "suspended", "休学"
    TRANSFERRED_OUT = "transferred_out", "转出"
    TRANSFERRED_IN = "transferred_in", "转入"
    OTHER_LEAVE = "other_leave", "其他离校"
    GRADUATED = "graduated", "毕业"
    DECEASED = "deceased", "死亡"

    @property
    def on_roll(self) -> bool:
        """Whether the student still counts on the school's roll (在籍)."""
        return self in _ON_ROLL


_ON_ROLL: Final = frozenset(
    {RegistrationStatus.ENROLLED, RegistrationStatus.SUSPENDED, RegistrationStatus.TRANSFERRED_IN}
)


@attrs.frozen(kw_only=True)
class Registration(Model):
    """A student's registration at a school (学籍), with the status and when it holds.

    Attributes:
        student_number: The national student number.
        school: The school's code.
        grade: The grade, 1–9 counted through compulsory education (初一 is 7).
        class_name: The class, such as ``"3班"``, if known.
        status: The status.
        effective_from: The day the status took effect.
        effective_to: The last day it held, or ``None`` while it holds.

    Example:
        >>> import datetime as dt
        >>> from kongchuo import StudentNumber
        >>> r = Registration(
        ...     student_number=StudentNumber.parse("G370983201509010012"),
        ...     school="2137098301",
        ...     grade=4,
        ...     status=RegistrationStatus.ENROLLED,
        ...     effective_from=dt.date(2024, 9, 1),
        ... )
        >>> r.status.on_roll
        True

    References:
        教基〔2025〕1号 (学籍管理办法); FC-1.4.
    """

    student_number: StudentNumber = attrs.field(
        metadata=meta(STUDENT_NUMBER, sensitive="identifier")
    )
    school: str = attrs.field(metadata=meta(UNIT_CODE))
    grade: int = attrs.field(metadata=meta(IntKind(1, 9)))
    class_name: str | None = attrs.field(default=None, metadata=meta(Nullable(Text(20))))
    status: RegistrationStatus = attrs.field(metadata=meta(EnumKind(RegistrationStatus)))
    effective_from: dt.date = attrs.field(metadata=meta(DATE))
    effective_to: dt.date | None = attrs.field(default=None, metadata=meta(Nullable(DATE)))

    cross_fields: ClassVar[tuple[str, ...]] = ("effective_from", "effective_to")

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """The status ends after it starts."""
        return dates_in_order(
            values, "effective_from", "effective_to", "registration.effective_to.before_from"
        )


class TransferSide(LabelledEnum):
    """Which school took a step of a transfer.

    Example:
        >>> TransferSide.RECEIVING.label_zh
        '转入学校'
    """

    RECEIVING = "receiving", "转入学校"
    SENDING = "sending", "转出学校"


class TransferAction(LabelledEnum):
    """What a school did at a step of a transfer (转学办理环节).

    Example:
        >>> TransferAction.APPROVED.label_zh
        '同意'
    """

    RECEIVED_APPLICATION = "received_application", "受理申请"
    APPROVED = "approved", "同意"
    REJECTED = "rejected", "不同意"
    COMPLETED = "completed", "办结"


@attrs.frozen(kw_only=True)
class TransferStep(Model):
    """One step of a transfer at one of the two schools (转学环节).

    Attributes:
        side: The receiving or the sending school.
        action: What it did.
        on: When.
        note: A remark, if any.

    Example:
        >>> import datetime as dt
        >>> TransferStep(
        ...     side=TransferSide.RECEIVING, action=TransferAction.APPROVED, on=dt.date(2024, 9, 3)
        ... ).action.label_zh
        '同意'
    """

    side: TransferSide = attrs.field(metadata=meta(EnumKind(TransferSide)))
    action: TransferAction = attrs.field(metadata=meta(EnumKind(TransferAction)))
    on: dt.date = attrs.field(metadata=meta(DATE))
    note: str | None = attrs.field(default=None, metadata=meta(Nullable(Text(200))))


@attrs.frozen(kw_only=True)
class Transfer(Model):
    """A transfer of a registration from one school to another (转学).

    The guardian applies to the receiving school first, then completes the sending
    side; each side has its steps. Steps are in date order and none is before the
    application.

    Attributes:
        student_number: The student's number.
        from_school: The sending school's code.
        to_school: The receiving school's code; differs from ``from_school``.
        applied_on: When the guardian applied.
        steps: The steps at both schools, in date order.

    Example:
        >>> import datetime as dt
        >>> from kongchuo import StudentNumber
        >>> t = Transfer(
        ...     student_number=StudentNumber.parse("G370983201509010012"),
        ...     from_school="2137098301",
        ...     to_school="2137098302",
        ...     applied_on=dt.date(2024, 9, 2),
        ...     steps=[
        ...         TransferStep(
        ...             side=TransferSide.RECEIVING,
        ...             action=TransferAction.APPROVED,
        ...             on=dt.date(2024, 9, 1),
        ...         )
        ...     ],
        ... )
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: $.steps[0].on: ... is before the application ...

    References:
        教基〔2025〕1号; FC-1.4 (籍随人走).
    """

    student_number: StudentNumber = attrs.field(
        metadata=meta(STUDENT_NUMBER, sensitive="identifier")
    )
    from_school: str = attrs.field(metadata=meta(UNIT_CODE))
    to_school: str = attrs.field(metadata=meta(UNIT_CODE))
    applied_on: dt.date = attrs.field(metadata=meta(DATE))
    steps: tuple[TransferStep, ...] = attrs.field(
        default=(), converter=as_tuple, metadata=meta(TupleKind(ModelKind(TransferStep)))
    )

    cross_fields: ClassVar[tuple[str, ...]] = ("from_school", "to_school", "applied_on", "steps")

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """Two different schools; steps not before the application and in order."""
        out: list[Problem] = []
        if values.get("from_school") is not None and values.get("from_school") == values.get(
            "to_school"
        ):
            out.append(
                problem(
                    "transfer.same_school",
                    "a transfer goes to another school",
                    "转入学校与转出学校不能相同",
                    "$.to_school",
                )
            )
        applied = values.get("applied_on")
        previous: dt.date | None = None
        for i, step in enumerate(values.get("steps", ())):
            if applied is not None and step.on < applied:
                out.append(
                    problem(
                        "transfer.step.before_application",
                        f"{step.on.isoformat()} is before the application ({applied.isoformat()})",
                        f"{step.on.isoformat()} 早于申请日期（{applied.isoformat()}）",
                        f"$.steps[{i}].on",
                    )
                )
            elif previous is not None and step.on < previous:
                out.append(
                    problem(
                        "transfer.step.order",
                        f"{step.on.isoformat()} is before the previous step "
                        f"({previous.isoformat()})",
                        f"{step.on.isoformat()} 早于上一环节（{previous.isoformat()}）",
                        f"$.steps[{i}].on",
                    )
                )
            previous = step.on
        return out


class AttendanceStatus(LabelledEnum):
    """A student's attendance on one school day (出勤状态).

    Example:
        >>> AttendanceStatus.ABSENT.label_zh
        '缺勤'
    """

    PRESENT = "present", "出勤"
    LATE = "late", "迟到"
    LEFT_EARLY = "left_early", "早退"
    ON_LEAVE = "on_leave", "请假"
    ABSENT = "absent", "缺勤"


@attrs.frozen(kw_only=True)
class Attendance(Model):
    """A student's attendance on one day (考勤记录).

    Attributes:
        student_number: The student's number.
        school: The school's code.
        on: The school day.
        status: Present, late, left early, on leave or absent.
        note: A remark, if any.

    Example:
        >>> import datetime as dt
        >>> from kongchuo import StudentNumber
        >>> a = Attendance(
        ...     student_number=StudentNumber.parse("G370983201509010012"),
        ...     school="2137098301",
        ...     on=dt.date(2024, 9, 2),
        ...     status=AttendanceStatus.ABSENT,
        ... )
        >>> a.status.label_zh
        '缺勤'
    """

    student_number: StudentNumber = attrs.field(
        metadata=meta(STUDENT_NUMBER, sensitive="identifier")
    )
    school: str = attrs.field(metadata=meta(UNIT_CODE))
    on: dt.date = attrs.field(metadata=meta(DATE))
    status: AttendanceStatus = attrs.field(metadata=meta(EnumKind(AttendanceStatus)))
    note: str | None = attrs.field(default=None, metadata=meta(Nullable(Text(200))))


class LeaveKind(LabelledEnum):
    """The kind of a leave of absence (请假类别).

    Example:
        >>> LeaveKind.SICK.label_zh
        '病假'
    """

    SICK = "sick", "病假"
    PERSONAL = "personal", "事假"
    OTHER = "other", "其他"


class Approval(LabelledEnum):
    """Where a request stands (审批状态).

    Example:
        >>> Approval.APPROVED.label_zh
        '已批准'
    """

    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "未批准"


@attrs.frozen(kw_only=True)
class Leave(Model):
    """A leave of absence (请假): approved leave is not absence for dropout monitoring.

    Attributes:
        student_number: The student's number.
        school: The school's code.
        kind: Sick, personal or other.
        start: The first day.
        end: The last day (inclusive); not before ``start``.
        reason: The reason (private: it may hold health information).
        approval: Pending, approved or rejected.
        decided_by: Who approved or rejected it; required once decided.
        decided_on: When; required once decided.

    Example:
        >>> import datetime as dt
        >>> from kongchuo import StudentNumber
        >>> Leave(
        ...     student_number=StudentNumber.parse("G370983201509010012"),
        ...     school="2137098301",
        ...     kind=LeaveKind.SICK,
        ...     start=dt.date(2024, 9, 10),
        ...     end=dt.date(2024, 9, 9),
        ...     approval=Approval.APPROVED,
        ... )
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: 3 problems (3 个问题):
          - $.end: end (2024-09-09) is before start (2024-09-10) ...
          - $.decided_by: a decided request names who decided it ...
          - $.decided_on: a decided request says when it was decided ...
    """

    student_number: StudentNumber = attrs.field(
        metadata=meta(STUDENT_NUMBER, sensitive="identifier")
    )
    school: str = attrs.field(metadata=meta(UNIT_CODE))
    kind: LeaveKind = attrs.field(metadata=meta(EnumKind(LeaveKind)))
    start: dt.date = attrs.field(metadata=meta(DATE))
    end: dt.date = attrs.field(metadata=meta(DATE))
    reason: str | None = attrs.field(
        default=None, metadata=meta(Nullable(Text(200)), sensitive="private")
    )
    approval: Approval = attrs.field(default=Approval.PENDING, metadata=meta(EnumKind(Approval)))
    decided_by: str | None = attrs.field(default=None, metadata=meta(Nullable(NAME)))
    decided_on: dt.date | None = attrs.field(default=None, metadata=meta(Nullable(DATE)))

    cross_fields: ClassVar[tuple[str, ...]] = (
        "start",
        "end",
        "approval",
        "decided_by",
        "decided_on",
    )

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """Dates in order; a decision names who and when."""
        out: list[Problem] = []
        out.extend(dates_in_order(values, "start", "end", "leave.end.before_start"))
        approval = values.get("approval")
        if approval is None:
            return out
        decided = approval is not Approval.PENDING
        if decided and values.get("decided_by", "") is None:
            out.append(
                problem(
                    "leave.decided_by.missing",
                    "a decided request names who decided it",
                    "已审批的请假须注明审批人",
                    "$.decided_by",
                )
            )
        if decided and values.get("decided_on", 0) is None:
            out.append(
                problem(
                    "leave.decided_on.missing",
                    "a decided request says when it was decided",
                    "已审批的请假须注明审批日期",
                    "$.decided_on",
                )
            )
        if not decided and (values.get("decided_by") or values.get("decided_on")):
            out.append(
                problem(
                    "leave.pending.decided",
                    "a pending request has no decision yet: clear decided_by and decided_on",
                    "待审批的请假不应有审批人或审批日期",
                    "$.approval",
                )
            )
        return out
