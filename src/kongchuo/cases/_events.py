"""The events of a case log (个案事件): a tagged union with stable tags.

Every event is a frozen model with the common fields ``occurred_on`` (when it
happened), ``recorded_at`` (when it was entered), ``recorded_by`` (who entered it),
``materials`` (references to the supporting documents, 佐证材料) and
``supersedes`` (the sequence number of the event it corrects, if any). Each class
has a stable :attr:`Event.tag`, the ``"type"`` of its JSON form; tags never change.
The events are one tagged union (:data:`EVENTS`), by the same mechanism as the
notices (``kongchuo._models.documents``).

This module is part of the models layer of the design (docs/design.md).
Its public names are listed once, in the ``__all__`` of ``kongchuo.cases``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any, ClassVar, Final

import attrs

from kongchuo._core.enums import LabelledEnum
from kongchuo._core.errors import Problem, ValidationError
from kongchuo._models.base import (
    BOOL,
    DATE,
    NAME,
    UNIT_CODE,
    DumpOptions,
    EnumKind,
    EnumSetKind,
    Kind,
    Model,
    ModelKind,
    Nullable,
    Text,
    TupleKind,
    as_frozenset,
    as_tuple,
    meta,
    problem,
)
from kongchuo._models.documents import TaggedUnion, UnionKind
from kongchuo.notices._models import Service


class CaseKind(LabelledEnum):
    """What a case is about (个案类别).

    Example:
        >>> CaseKind.SUSPECTED_DROPOUT.label_zh
        '疑似辍学'
    """

    OUT_OF_SCHOOL = "out_of_school", "失学"
    SUSPECTED_DROPOUT = "suspected_dropout", "疑似辍学"
    DROPOUT = "dropout", "辍学"


class IdentificationMethod(LabelledEnum):
    """How a child was found (发现途径): FC-1.1 and the 2024 notice's 四查三比对."""

    CENSUS_COMPARISON = "census_comparison", "数据比对"
    SCHOOL_REPORT = "school_report", "学校报告"
    DOOR_TO_DOOR = "door_to_door", "入户排查"
    DEPARTMENT_REFERRAL = "department_referral", "部门转介"
    OTHER = "other", "其他"


class Cause(LabelledEnum):
    """A coded cause of being out of school (失学辍学原因).

    Religion is a sensitive category (个人信息保护法 第二十八条): a cause analysis that
    names it is exported only in full mode.
    """

    LEARNING_DIFFICULTY = "learning_difficulty", "学习困难/厌学"
    FAMILY_FINANCES = "family_finances", "家庭经济困难"
    ILLNESS = "illness", "因病"
    DISABILITY = "disability", "因残"
    WORK = "work", "外出打工/童工"
    EARLY_MARRIAGE = "early_marriage", "早婚早育"
    RELIGION = "religion", "宗教"
    FAMILY_CRISIS = "family_crisis", "家庭变故/监护缺失"
    DISTANCE = "distance", "路远/交通不便"
    OTHER = "other", "其他"


class Role(LabelledEnum):
    """The role of a person in the work (工作角色)."""

    PRINCIPAL = "principal", "校长"
    HEAD_TEACHER = "head_teacher", "班主任"
    TEACHER = "teacher", "教师"
    EDUCATION_OFFICER = "education_officer", "教育部门工作人员"
    TOWNSHIP_OFFICIAL = "township_official", "镇街干部"
    VILLAGE_CADRE = "village_cadre", "村（居）干部"
    POLICE = "police", "公安民警"
    JUDICIAL_OFFICER = "judicial_officer", "司法工作人员"
    GUARDIAN = "guardian", "监护人"
    CHILD = "child", "儿童本人"
    OTHER = "other", "其他"


class PersuasionMethod(LabelledEnum):
    """How a persuasion attempt was made (劝返方式)."""

    HOME_VISIT = "home_visit", "家访"
    PHONE = "phone", "电话"
    INTERVIEW = "interview", "约谈"
    COLLECTIVE = "collective", "集中劝返"


class AttemptResult(LabelledEnum):
    """What a persuasion attempt achieved (劝返结果)."""

    AGREED_TO_RETURN = "agreed_to_return", "同意返校"
    REFUSED = "refused", "拒绝返校"
    UNDECIDED = "undecided", "尚未决定"
    NOT_MET = "not_met", "未见到人"


class Placement(LabelledEnum):
    """Where a child is placed (安置方式): 残疾人教育条例 第十七条 and the 2020 opinions."""

    REGULAR_CLASS = "regular_class", "随班就读"
    SPECIAL_SCHOOL = "special_school", "特殊教育学校"
    HOME_DELIVERED = "home_delivered", "送教上门"
    VOCATIONAL = "vocational", "职业教育/普职融合"
    JOIN_CLASS = "join_class", "插班"
    SEPARATE_CLASS = "separate_class", "单独编班"


class DeferralKind(LabelledEnum):
    """An approved pause (经批准的延缓入学或休学): 义务教育法 第十一条."""

    DEFERRED_ENTRY = "deferred_entry", "延缓入学"
    SUSPENSION = "suspension", "休学"


class ApprovingAuthority(LabelledEnum):
    """Who may approve a deferral or suspension (审批机关): 义务教育法 第十一条第二款.

    "适龄儿童、少年因身体状况需要延缓入学或者休学的，其父母或者其他法定监护人应当提出
    申请，由当地乡镇人民政府或者县级人民政府教育行政部门批准。" No other body (a school,
    a town education office) may approve; the type has no member for one.

    Example:
        >>> ApprovingAuthority.TOWNSHIP_GOVERNMENT.label_zh
        '乡镇人民政府'
    """

    TOWNSHIP_GOVERNMENT = "township_government", "乡镇人民政府"
    COUNTY_EDUCATION_BUREAU = "county_education_bureau", "县级人民政府教育行政部门"


@attrs.frozen(kw_only=True)
class Person(Model):
    """A person who took part in a step of the work (参与人员).

    Example:
        >>> Person(role=Role.PRINCIPAL, name="张校长").role.label_zh
        '校长'
    """

    role: Role = attrs.field(metadata=meta(EnumKind(Role)))
    name: str = attrs.field(metadata=meta(NAME))


_PERSON: Final = ModelKind(Person)
_NOTE: Final = Text(2000)
_SHORT: Final = Text(200)
_REFS: Final = TupleKind(Text(200))


class DateTimeKind(Kind):
    """An aware date and time, written in ISO 8601 with its offset."""

    __slots__ = ()

    def check(self, value: object) -> list[Problem] | None:
        if value.__class__ is not dt.datetime:
            return [problem("type", "expected a datetime.datetime", "应为 datetime.datetime 时间")]
        if value.utcoffset() is None:  # type: ignore[attr-defined,unused-ignore]
            return [
                problem(
                    "datetime.naive",
                    "needs a time zone (for example +08:00): a naive time is ambiguous",
                    "需要带时区（例如 +08:00）：不带时区的时间有歧义",
                )
            ]
        return None

    def load(self, raw: object) -> object:
        if raw.__class__ is not str:
            raise ValidationError.of(
                [problem("type", "expected an ISO 8601 string", "应为 ISO 8601 时间字符串")]
            )
        try:
            value = dt.datetime.fromisoformat(raw)  # type: ignore[arg-type,unused-ignore]
        except ValueError:
            raise ValidationError.of(
                [problem("datetime.format", "is not an ISO 8601 time", "不是 ISO 8601 时间")]
            ) from None
        bad = self.check(value)
        if bad:
            raise ValidationError.of(bad)
        return value

    def dump(self, value: Any, opts: DumpOptions) -> object:  # noqa: ANN401, ARG002 - Kind's signature
        return value.isoformat()

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:  # noqa: ARG002 - Kind's signature
        return {"type": "string", "format": "date-time"}


DATETIME: Final = DateTimeKind()


MAX_SEQUENCE: Final = 2**31 - 1
"""The largest sequence number a case log holds: a bound, so that a stored log with a
number of thousands of digits is refused on load rather than failing in ``verify``."""


class SequenceKind(Kind):
    """A sequence number in a case log (0, 1, 2 … up to :data:`MAX_SEQUENCE`)."""

    __slots__ = ()

    def check(self, value: object) -> list[Problem] | None:
        if value.__class__ is not int or not 0 <= value <= MAX_SEQUENCE:  # type: ignore[operator,unused-ignore]
            return [
                problem(
                    "sequence",
                    f"must be an int from 0 to {MAX_SEQUENCE}",
                    f"必须是 0 至 {MAX_SEQUENCE} 的整数",
                )
            ]
        return None

    def load(self, raw: object) -> object:
        bad = self.check(raw)
        if bad:
            raise ValidationError.of(bad)
        return raw

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:  # noqa: ARG002 - Kind's signature
        return {"type": "integer", "minimum": 0, "maximum": MAX_SEQUENCE}


SEQUENCE: Final = SequenceKind()


@attrs.frozen(kw_only=True)
class Event(Model):
    """The fields every case event has (个案事件).

    Attributes:
        occurred_on: When it happened.
        recorded_at: When it was entered, with its time zone.
        recorded_by: Who entered it.
        materials: References to supporting documents (file numbers, scans).
        supersedes: The sequence number of an earlier event of the same type that
            this one corrects; the earlier one stays in the log but no longer counts.
    """

    abstract_model: ClassVar[bool] = True
    tag: ClassVar[str] = ""
    label_zh: ClassVar[str] = ""

    occurred_on: dt.date = attrs.field(metadata=meta(DATE))
    recorded_at: dt.datetime = attrs.field(metadata=meta(DATETIME))
    recorded_by: str = attrs.field(metadata=meta(NAME))
    materials: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, metadata=meta(_REFS))
    supersedes: int | None = attrs.field(default=None, metadata=meta(Nullable(SEQUENCE)))
    _text: str | None = attrs.field(init=False, default=None, eq=False, repr=False, hash=False)
    """The event's canonical text, kept once written (see ``kongchuo.cases.entry_hash``)."""
    _loaded: str | None = attrs.field(init=False, default=None, eq=False, repr=False, hash=False)
    """The sorted-key text of the document the event was loaded from: what its entry's
    hash was written over when the document is as stored (``Case.verify`` tries it
    first and falls back to the canonical text when the hash does not match)."""

    cross_fields: ClassVar[tuple[str, ...]] = ("occurred_on", "recorded_at")

    def transition_condition(self) -> str | None:
        """The condition that picks among the machine's transitions for this event type.

        ``None`` for most events; a :class:`Verified` event that did not confirm the
        case says ``"not_confirmed"`` (see :data:`kongchuo.cases.MACHINE`).
        """
        return None

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """An event cannot be entered before the day it happened."""
        occurred = values.get("occurred_on")
        recorded = values.get("recorded_at")
        if occurred is None or recorded is None or recorded.date() >= occurred:
            return []
        return [
            problem(
                "event.recorded_before_occurred",
                f"recorded_at ({recorded.isoformat()}) is before occurred_on "
                f"({occurred.isoformat()})",
                f"录入时间（{recorded.isoformat()}）早于发生日期（{occurred.isoformat()}）",
                "$.recorded_at",
            )
        ]


@attrs.frozen(kw_only=True)
class Identified(Event):
    """The child was found (发现): by whom and how.

    References:
        FC-1.1, FC-2.5; 未成年人保护法 第二十八条.
    """

    tag: ClassVar[str] = "identified"
    label_zh: ClassVar[str] = "发现"

    method: IdentificationMethod = attrs.field(metadata=meta(EnumKind(IdentificationMethod)))
    found_by: str = attrs.field(metadata=meta(_SHORT))
    note: str | None = attrs.field(default=None, metadata=meta(Nullable(_NOTE)))


@attrs.frozen(kw_only=True)
class Verified(Event):
    """The facts were checked (核实); ``confirmed`` says whether the case stands.

    A suspected dropout found to be on approved leave is verified with
    ``confirmed=False``: the case moves to ``NOT_CONFIRMED`` (经核实排除) and may then
    be closed on the verification's finding.

    References:
        FC-2.5 (立即核实情况).
    """

    tag: ClassVar[str] = "verified"
    label_zh: ClassVar[str] = "核实"

    confirmed: bool = attrs.field(metadata=meta(BOOL))
    finding: str = attrs.field(metadata=meta(_NOTE))

    def transition_condition(self) -> str | None:
        """``"not_confirmed"`` when the verification found no case."""
        return None if self.confirmed else "not_confirmed"


@attrs.frozen(kw_only=True)
class CauseAnalysed(Event):
    """The causes were analysed (原因分析): coded causes, a primary one and a narrative.

    References:
        FC-1.2 (原因分析细), FC-1.3.
    """

    tag: ClassVar[str] = "cause_analysis"
    label_zh: ClassVar[str] = "原因分析"

    causes: frozenset[Cause] = attrs.field(
        converter=as_frozenset, metadata=meta(EnumSetKind(Cause), sensitive="private")
    )
    primary: Cause = attrs.field(metadata=meta(EnumKind(Cause), sensitive="private"))
    narrative: str = attrs.field(metadata=meta(_NOTE, sensitive="private"))

    cross_fields: ClassVar[tuple[str, ...]] = (*Event.cross_fields, "causes", "primary")

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """The primary cause is one of the causes."""
        found = super().cross_check(values)
        causes, primary = values.get("causes"), values.get("primary")
        if causes is not None and primary is not None and primary not in causes:
            found.append(
                problem(
                    "cause_analysis.primary_not_listed",
                    f"the primary cause {primary.value!r} is not among the causes",
                    f"主要原因“{primary.label_zh}”不在原因列表中",
                    "$.primary",
                )
            )
        return found


@attrs.frozen(kw_only=True)
class PlanMade(Event):
    """The plan for this child (一人一案): measures, placement, who, by when.

    References:
        FC-1.3 (一人一案).
    """

    tag: ClassVar[str] = "plan"
    label_zh: ClassVar[str] = "一人一案"

    measures: tuple[str, ...] = attrs.field(converter=as_tuple, metadata=meta(TupleKind(_SHORT)))
    responsible: tuple[Person, ...] = attrs.field(
        converter=as_tuple, metadata=meta(TupleKind(_PERSON))
    )
    target_date: dt.date = attrs.field(metadata=meta(DATE))
    placement: Placement | None = attrs.field(
        default=None, metadata=meta(Nullable(EnumKind(Placement)))
    )


@attrs.frozen(kw_only=True)
class PersuasionAttempt(Event):
    """One attempt to persuade the child back (劝返): who went, whom they met, result.

    References:
        FC-1.2 (劝返过程细), FC-1.3; 未成年人保护法 第二十八条.
    """

    tag: ClassVar[str] = "persuasion_attempt"
    label_zh: ClassVar[str] = "劝返"

    method: PersuasionMethod = attrs.field(metadata=meta(EnumKind(PersuasionMethod)))
    visitors: tuple[Person, ...] = attrs.field(
        converter=as_tuple, metadata=meta(TupleKind(_PERSON))
    )
    met: tuple[Person, ...] = attrs.field(converter=as_tuple, metadata=meta(TupleKind(_PERSON)))
    result: AttemptResult = attrs.field(metadata=meta(EnumKind(AttemptResult)))
    next_step: str | None = attrs.field(default=None, metadata=meta(Nullable(_NOTE)))


@attrs.frozen(kw_only=True)
class NoticeIssued(Event):
    """A notice went out (发出通知): its kind and document number (文号).

    References:
        FC-2.3.
    """

    tag: ClassVar[str] = "notice_issued"
    label_zh: ClassVar[str] = "发出通知"

    notice: str = attrs.field(metadata=meta(_SHORT))
    number: str = attrs.field(metadata=meta(_SHORT))


@attrs.frozen(kw_only=True)
class WrittenReport(Event):
    """The school reported to the education authority in writing (书面报告).

    References:
        未成年人保护法 第二十八条第二款; FC-3.3.
    """

    tag: ClassVar[str] = "written_report"
    label_zh: ClassVar[str] = "书面报告"

    reported_to: str = attrs.field(metadata=meta(_SHORT))


@attrs.frozen(kw_only=True)
class CorrectionOrdered(Event):
    """批评教育 with 责令限期改正, one decision: who issued it, the deadline, its service.

    Attributes:
        issuer: Who decided.
        deadline: The last day of the time limit stated in the order.
        service: How and when the order reached the guardians (送达回证). The order
            binds, and its time limit runs, only from service; ``None`` while it is
            unserved (add a corrected event that supersedes this one once served).

    References:
        义务教育法 第五十八条; 未成年人保护法 第八十三条; FC-2.4.
    """

    tag: ClassVar[str] = "correction_order"
    label_zh: ClassVar[str] = "批评教育、责令限期改正"

    issuer: str = attrs.field(metadata=meta(_SHORT))
    deadline: dt.date = attrs.field(metadata=meta(DATE))
    service: Service | None = attrs.field(default=None, metadata=meta(Nullable(ModelKind(Service))))

    cross_fields: ClassVar[tuple[str, ...]] = (*Event.cross_fields, "deadline", "service")

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """The deadline falls after the order."""
        found = super().cross_check(values)
        occurred, deadline = values.get("occurred_on"), values.get("deadline")
        service = values.get("service")
        if occurred is not None and service is not None and service.served_on < occurred:
            found.append(
                problem(
                    "correction_order.served_before_order",
                    "the order cannot be served before the day it was made",
                    "送达日期不能早于决定日期",
                    "$.service.served_on",
                )
            )
        if occurred is not None and deadline is not None and deadline <= occurred:
            found.append(
                problem(
                    "correction_order.deadline_not_after_order",
                    "the deadline must fall after the day of the order",
                    "改正期限必须晚于责令之日",
                    "$.deadline",
                )
            )
        return found


@attrs.frozen(kw_only=True)
class JudicialStep(Event):
    """A step on the judicial route (司法途径): documents, 训诫, proceedings.

    References:
        FC-2.4, FC-3.1; 未成年人保护法 第一百一十八条; 家庭教育促进法 第四十九条.
    """

    tag: ClassVar[str] = "judicial_step"
    label_zh: ClassVar[str] = "司法程序"

    step: str = attrs.field(metadata=meta(_SHORT))
    authority: str = attrs.field(metadata=meta(_SHORT))


@attrs.frozen(kw_only=True)
class PenaltyImposed(Event):
    """An administrative penalty on the guardian (行政处罚), only under a local regulation.

    Attributes:
        authority: Who imposed it.
        regulation: The local regulation that provides the penalty; 义务教育法 第五十八条
            provides none (行政处罚法 第十二条).

    References:
        行政处罚法 第十二条; FC-2.4.
    """

    tag: ClassVar[str] = "penalty_imposed"
    label_zh: ClassVar[str] = "行政处罚"

    authority: str = attrs.field(metadata=meta(_SHORT))
    regulation: str = attrs.field(metadata=meta(_SHORT))


@attrs.frozen(kw_only=True)
class LiabilityPursued(Event):
    """Legal liability was pursued (追究法律责任): a suit, a prosecution, a judgment.

    Attributes:
        measure: What was done, such as ``"提起诉讼"``.
        authority: Who did it.

    References:
        FC-2.4 (情节严重或构成犯罪的，依法追究法律责任); 义务教育法 第六十条.
    """

    tag: ClassVar[str] = "liability_pursued"
    label_zh: ClassVar[str] = "追究法律责任"

    measure: str = attrs.field(metadata=meta(_SHORT))
    authority: str = attrs.field(metadata=meta(_SHORT))


@attrs.frozen(kw_only=True)
class Returned(Event):
    """The child returned to school (复学): which school, which grade.

    References:
        FC-1.3.
    """

    tag: ClassVar[str] = "returned"
    label_zh: ClassVar[str] = "复学"

    school_code: str = attrs.field(metadata=meta(UNIT_CODE))
    grade: int = attrs.field(metadata=meta(SEQUENCE))


@attrs.frozen(kw_only=True)
class Placed(Event):
    """The child was placed (安置): 随班就读, a special school, 送教上门 and others.

    Attributes:
        placement: How.
        school_code: The school that holds the child's registration, where named.
        registered: Whether the placement is entered in the 学籍 (student registration):
            送教上门 is compulsory education only "并纳入学籍管理" (残疾人教育条例
            第十七条第四款), so a case closes on it only once this is true.

    References:
        FC-3.1; 残疾人教育条例 第十七条.
    """

    tag: ClassVar[str] = "placed"
    label_zh: ClassVar[str] = "安置"

    placement: Placement = attrs.field(metadata=meta(EnumKind(Placement)))
    school_code: str | None = attrs.field(default=None, metadata=meta(Nullable(UNIT_CODE)))
    registered: bool = attrs.field(default=False, metadata=meta(BOOL))


@attrs.frozen(kw_only=True)
class Deferred(Event):
    """An approved deferral of entry or suspension for physical reasons (延缓入学/休学).

    义务教育法 第十一条第二款: "适龄儿童、少年因身体状况需要延缓入学或者休学的，其父母或者
    其他法定监护人应当提出申请，由当地乡镇人民政府或者县级人民政府教育行政部门批准。"
    So the event records the reason (the child's physical condition) and its evidence,
    the applicant (a guardian), and the approving authority (one of the two the
    article names); anything else is refused when the event is built.

    Attributes:
        kind: 延缓入学 or 休学.
        approved_by: The name of the approving body, such as ``"肥城市教育和体育局"``.
        authority: Which of the two bodies of 第十一条第二款 it is.
        applicant: Who applied: a parent or other guardian (role ``GUARDIAN``).
        condition: The physical condition that needs the deferral (身体状况).
        condition_evidence: References to its evidence (诊断证明, 病历), at least one.
        until: The last day of the deferral; after it the deferral is neither a just
            cause nor a ground for closing (:meth:`in_force_on`). ``None``: no end set.

    Example:
        >>> import datetime as dt
        >>> cst = dt.timezone(dt.timedelta(hours=8))
        >>> d = Deferred(
        ...     occurred_on=dt.date(2025, 9, 1),
        ...     recorded_at=dt.datetime(2025, 9, 1, 17, tzinfo=cst),
        ...     recorded_by="李老师",
        ...     kind=DeferralKind.SUSPENSION,
        ...     approved_by="肥城市教育和体育局",
        ...     authority=ApprovingAuthority.COUNTY_EDUCATION_BUREAU,
        ...     applicant=Person(role=Role.GUARDIAN, name="王芳"),
        ...     condition="骨折术后需卧床休养",
        ...     condition_evidence=("诊断证明-0830",),
        ...     until=dt.date(2026, 1, 31),
        ... )
        >>> d.in_force_on(dt.date(2026, 1, 31)), d.in_force_on(dt.date(2026, 2, 1))
        (True, False)

    References:
        义务教育法 第十一条第二款.
    """

    tag: ClassVar[str] = "deferred"
    label_zh: ClassVar[str] = "延缓入学或休学"

    kind: DeferralKind = attrs.field(metadata=meta(EnumKind(DeferralKind)))
    approved_by: str = attrs.field(metadata=meta(_SHORT))
    authority: ApprovingAuthority = attrs.field(metadata=meta(EnumKind(ApprovingAuthority)))
    applicant: Person = attrs.field(metadata=meta(_PERSON))
    condition: str = attrs.field(metadata=meta(_NOTE, sensitive="private"))
    condition_evidence: tuple[str, ...] = attrs.field(
        converter=as_tuple, metadata=meta(_REFS, sensitive="private")
    )
    until: dt.date | None = attrs.field(default=None, metadata=meta(Nullable(DATE)))

    cross_fields: ClassVar[tuple[str, ...]] = (
        *Event.cross_fields,
        "applicant",
        "condition_evidence",
        "until",
    )

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """A guardian applied, the condition has evidence, and ``until`` follows the start."""
        found = super().cross_check(values)
        applicant = values.get("applicant")
        if applicant is not None and applicant.role is not Role.GUARDIAN:
            found.append(
                problem(
                    "deferred.applicant",
                    f"the applicant is a {applicant.role.value}: 义务教育法 第十一条第二款 has "
                    "the parents or other guardians apply",
                    f"申请人为{applicant.role.label_zh}：义务教育法第十一条第二款规定由父母或者"
                    "其他法定监护人提出申请",
                    "$.applicant.role",
                )
            )
        evidence = values.get("condition_evidence")
        if evidence is not None and not evidence:
            found.append(
                problem(
                    "deferred.condition_evidence",
                    "the physical condition needs its evidence (a diagnosis, a record)",
                    "延缓入学或休学须附身体状况证明材料（诊断证明等）",
                    "$.condition_evidence",
                )
            )
        occurred, until = values.get("occurred_on"), values.get("until")
        if occurred is not None and until is not None and until < occurred:
            found.append(
                problem(
                    "deferred.until",
                    f"until ({until.isoformat()}) is before the approval ({occurred.isoformat()})",
                    f"截止日期（{until.isoformat()}）早于批准日期（{occurred.isoformat()}）",
                    "$.until",
                )
            )
        return found

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the deferral runs on ``day``: from its approval to ``until`` inclusive."""
        return self.occurred_on <= day and (self.until is None or day <= self.until)


@attrs.frozen(kw_only=True)
class StudyingElsewhere(Event):
    """The child studies elsewhere, verified (外出就学): the actual school is known.

    Attributes:
        school_name: The school the child attends.
        verified_by: Who verified it.
        confirmation: The reference of that school's confirmation (就读证明 or its
            学籍 record); a case closes on this ground only with it.

    References:
        FC-2.3 (外出就学的要摸清实际就读学校).
    """

    tag: ClassVar[str] = "studying_elsewhere"
    label_zh: ClassVar[str] = "外出就学"

    school_name: str = attrs.field(metadata=meta(_SHORT))
    verified_by: str = attrs.field(metadata=meta(_SHORT))
    confirmation: str | None = attrs.field(default=None, metadata=meta(Nullable(_SHORT)))


@attrs.frozen(kw_only=True)
class MovedAway(Event):
    """The child moved away, as confirmed by public security (迁出，经公安确认).

    References:
        FC-3.1 (户籍清理).
    """

    tag: ClassVar[str] = "moved_away"
    label_zh: ClassVar[str] = "迁出"

    confirmed_by: str = attrs.field(metadata=meta(_SHORT))


@attrs.frozen(kw_only=True)
class Deceased(Event):
    """The child died, as confirmed by public security (死亡，经公安确认).

    References:
        FC-3.1 (户籍清理).
    """

    tag: ClassVar[str] = "deceased"
    label_zh: ClassVar[str] = "死亡"

    confirmed_by: str = attrs.field(metadata=meta(_SHORT))


@attrs.frozen(kw_only=True)
class ProgressMarked(Event):
    """Progress was marked on the management platform (平台标注).

    References:
        FC-1.2 (劝返工作进展要在管理平台中及时标注).
    """

    tag: ClassVar[str] = "progress_marked"
    label_zh: ClassVar[str] = "平台标注"

    platform: str = attrs.field(metadata=meta(_SHORT))


_DAYS: Final = TupleKind(DATE)


@attrs.frozen(kw_only=True)
class AttendanceRecorded(Event):
    """The school days a returned child attended since the return (复学后到校情况).

    The evidence a return's closure rests on, in the log itself, so that closing and
    :meth:`~kongchuo.cases.Case.verify` read the same facts. Build one from the
    attendance records with :func:`kongchuo.cases.record_attendance`.

    Attributes:
        school_code: The school that kept the attendance.
        since: The day of the return the count starts from.
        days: The distinct school days attended, in order, from ``since`` to the day
            of the event.
        digest: The SHA-256 of the attendance records they were read from, so that
            the school's own records can be matched later.

    References:
        FC-2.5 (台账销号制度); FC-1.3.
    """

    tag: ClassVar[str] = "attendance_recorded"
    label_zh: ClassVar[str] = "复学后到校情况"

    school_code: str = attrs.field(metadata=meta(UNIT_CODE))
    since: dt.date = attrs.field(metadata=meta(DATE))
    days: tuple[dt.date, ...] = attrs.field(converter=as_tuple, metadata=meta(_DAYS))
    digest: str | None = attrs.field(default=None, metadata=meta(Nullable(Text(64))))

    cross_fields: ClassVar[tuple[str, ...]] = (*Event.cross_fields, "since", "days")

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """The days are distinct, in order, and between ``since`` and the event's day."""
        found = super().cross_check(values)
        since, days, occurred = values.get("since"), values.get("days"), values.get("occurred_on")
        if days is None:
            return found
        for i, day in enumerate(days):
            early = since is not None and day < since
            late = occurred is not None and day > occurred
            unordered = i > 0 and day <= days[i - 1]
            if early or late or unordered:
                found.append(
                    problem(
                        "attendance_recorded.days",
                        f"{day.isoformat()} is out of order or outside the return "
                        "and the day of the record",
                        f"{day.isoformat()} 顺序错误，或不在复学日与记录日之间",
                        f"$.days[{i}]",
                    )
                )
                break
        return found


@attrs.frozen(kw_only=True)
class Closed(Event):
    """The case was closed (销号).

    References:
        FC-2.5 (台账销号制度).
    """

    tag: ClassVar[str] = "closed"
    label_zh: ClassVar[str] = "销号"

    approved_by: str = attrs.field(metadata=meta(_SHORT))


@attrs.frozen(kw_only=True)
class Reopened(Event):
    """A closed case was reopened (重新开启), with the reason.

    References:
        FC-2.5 (动态监测).
    """

    tag: ClassVar[str] = "reopened"
    label_zh: ClassVar[str] = "重新开启"

    reason: str = attrs.field(metadata=meta(_NOTE))


EVENT_TYPES: Final[Mapping[str, type[Event]]] = {
    cls.tag: cls
    for cls in (
        Identified,
        Verified,
        CauseAnalysed,
        PlanMade,
        PersuasionAttempt,
        NoticeIssued,
        WrittenReport,
        CorrectionOrdered,
        JudicialStep,
        PenaltyImposed,
        LiabilityPursued,
        Returned,
        Placed,
        Deferred,
        StudyingElsewhere,
        MovedAway,
        Deceased,
        ProgressMarked,
        AttendanceRecorded,
        Closed,
        Reopened,
    )
}
"""Every event class by its stable tag."""


EVENTS: Final = TaggedUnion(
    Event,
    ("event", "事件"),
    EVENT_TYPES,
    {tag: cls.label_zh for tag, cls in EVENT_TYPES.items()},
)
"""The events as a tagged union: the one mechanism of every tagged document (``"type"``)."""


_SORTED: Final = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
"""Writes a loaded event document as the chain's canonical text is written."""


class EventKind(UnionKind):
    """Any event, written as an object with its ``"type"`` tag first.

    Loading keeps, with the event, the sorted-key text of the object it was read
    from: the text its entry's hash was written over when the log is as stored.
    """

    __slots__ = ()

    def load(self, raw: object) -> object:
        event = self.union.load(raw)
        try:
            text = _SORTED.encode(raw)
        except (TypeError, ValueError):  # not JSON values (a dict built in Python)
            return event
        object.__setattr__(event, "_loaded", text)
        return event


EVENT: Final = EventKind(EVENTS)
