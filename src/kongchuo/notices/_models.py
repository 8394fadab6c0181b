"""Typed notices (通知文书): what each one says, who issued it, and how it was served.

Every notice is a frozen, keyword-only model with a document number (文号), an issue
date, its issuers and, once served, a service record (送达回证). The kinds are
those of FC-2.3, FC-2.4, FC-3.1, FC-3.2 and FC-3.3: the enrolment notice, the
return-to-school notice, the reminder, the school's written report, the correction
order, the referral to the judicial route, the letter to parents and the referrals
of employers of children and of illegal training institutions.

A notice names a child by name and, optionally, by resident ID number; the number
is masked in ``repr`` and in rendered text unless the caller asks for it in full.

This module is part of the models layer of the design (docs/design.md).
Its public names are listed once, in the ``__all__`` of ``kongchuo.notices``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, Final

import attrs

from kongchuo._core.enums import LabelledEnum
from kongchuo._core.errors import Problem, ValidationError
from kongchuo._identity.numbers import ResidentId
from kongchuo._models.base import (
    BOOL,
    DATE,
    NAME,
    RESIDENT_ID,
    EnumKind,
    IntKind,
    Kind,
    Model,
    ModelKind,
    Nullable,
    Text,
    TupleKind,
    as_tuple,
    meta,
    problem,
)
from kongchuo._models.documents import TAG_KEY, TaggedUnion, register_migration
from kongchuo.policy import Party


class NoticeKind(LabelledEnum):
    """The kind of a notice (文书种类).

    Example:
        >>> NoticeKind.RETURN.label_zh
        '复学通知书'
        >>> NoticeKind.RETURN.clause
        'FC-2.3'
    """

    ENROLMENT = "enrolment", "入学通知书"
    RETURN = "return", "复学通知书"
    REMINDER = "reminder", "催告书"
    SCHOOL_REPORT = "school_report", "学生辍学情况书面报告"
    CORRECTION_ORDER = "correction_order", "批评教育、责令限期改正决定书"
    JUDICIAL_REFERRAL = "judicial_referral", "提请发出司法文书函"
    LETTER_TO_PARENTS = "letter_to_parents", "致家长一封信"
    LABOUR_REFERRAL = "labour_referral", "使用童工线索移送函"
    TRAINING_REFERRAL = "training_referral", "违规校外培训机构线索移送函"

    @property
    def clause(self) -> str:
        """The clause of the Feicheng policy the kind implements."""
        return _KIND_CLAUSE[self]


_KIND_CLAUSE: Final = {
    NoticeKind.ENROLMENT: "FC-2.3",
    NoticeKind.RETURN: "FC-2.3",
    NoticeKind.REMINDER: "FC-2.3",
    NoticeKind.SCHOOL_REPORT: "FC-3.3",
    NoticeKind.CORRECTION_ORDER: "FC-2.4",
    NoticeKind.JUDICIAL_REFERRAL: "FC-2.4",
    NoticeKind.LETTER_TO_PARENTS: "FC-3.2",
    NoticeKind.LABOUR_REFERRAL: "FC-3.1",
    NoticeKind.TRAINING_REFERRAL: "FC-3.3",
}


class ServiceMethod(LabelledEnum):
    """How a notice was served (送达方式), after the forms of 民事诉讼法 第七章第二节.

    Example:
        >>> ServiceMethod.LEFT_AT_RESIDENCE.label_zh
        '留置送达'
    """

    IN_PERSON = "in_person", "直接送达"
    LEFT_AT_RESIDENCE = "left_at_residence", "留置送达"
    ENTRUSTED = "entrusted", "委托送达"
    POST = "post", "邮寄送达"
    ELECTRONIC = "electronic", "电子送达"
    PUBLIC_ANNOUNCEMENT = "public_announcement", "公告送达"


class UsccKind(Kind):
    """A unified social credit code (统一社会信用代码, GB 32100-2015), checked by python-stdnum.

    python-stdnum's own exceptions become a :class:`~kongchuo.ValidationError` with the
    code ``uscc.length``, ``uscc.format`` or ``uscc.checksum`` and the field's path.

    Example:
        >>> UsccKind().check("91110000600037341L") is None
        True
        >>> [p.code for p in UsccKind().check("91110000600037341X")]
        ['uscc.checksum']
    """

    __slots__ = ()

    def check(self, value: object) -> list[Problem] | None:
        if value.__class__ is not str:
            return [problem("type", "expected a str", "应为字符串")]
        # python-stdnum takes ~70 ms to import (its utilities pull in ssl and pydoc):
        # loaded when a code is first checked, not with kongchuo.
        from stdnum import exceptions as stdnum_errors  # noqa: PLC0415 - on first use
        from stdnum.cn import uscc as stdnum_uscc  # noqa: PLC0415 - on first use

        try:
            stdnum_uscc.validate(value)
        except stdnum_errors.InvalidChecksum:
            return [
                problem(
                    "uscc.checksum",
                    "the unified social credit code's check character is wrong",
                    "统一社会信用代码校验码错误",
                )
            ]
        except stdnum_errors.InvalidLength:
            return [
                problem(
                    "uscc.length",
                    "a unified social credit code has 18 characters",
                    "统一社会信用代码应为 18 位",
                )
            ]
        except stdnum_errors.ValidationError:
            return [
                problem(
                    "uscc.format",
                    "is not a unified social credit code (GB 32100-2015)",
                    "不是有效的统一社会信用代码（GB 32100-2015）",
                )
            ]
        if stdnum_uscc.compact(value) != value:
            return [
                problem(
                    "uscc.format",
                    "write the code without spaces, in capitals",
                    "统一社会信用代码应为大写且不含空格",
                )
            ]
        return None

    def load(self, raw: object) -> object:
        bad = self.check(raw)
        if bad:
            raise ValidationError.of(bad)
        return raw

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:  # noqa: ARG002 - Kind's interface
        return {"type": "string", "pattern": "^[0-9A-HJ-NPQRTUWXY]{18}$"}


USCC: Final = UsccKind()


def _compact_uscc(value: object) -> object:
    # Accept "9111 0000 ..." and lower case as people type them; anything else is left
    # for the check to report with its path.
    if isinstance(value, str):
        from stdnum import exceptions as stdnum_errors  # noqa: PLC0415 - on first use
        from stdnum.cn import uscc as stdnum_uscc  # noqa: PLC0415 - on first use

        try:
            return stdnum_uscc.compact(value)
        except stdnum_errors.ValidationError:  # pragma: no cover - compact only strips
            return value
    return value


def _compact_optional(value: object) -> object:
    return None if value is None else _compact_uscc(value)


@attrs.frozen(kw_only=True)
class Issuer(Model):
    """A unit that issues a notice (发文单位): its name and what kind of party it is.

    Example:
        >>> from kongchuo.policy import Party
        >>> Issuer(name="肥城市教育和体育局", party=Party.EDUCATION_BUREAU).party.label_zh
        '教育行政部门'
    """

    name: str = attrs.field(metadata=meta(Text(100)))
    party: Party = attrs.field(metadata=meta(EnumKind(Party)))


@attrs.frozen(kw_only=True)
class Service(Model):
    """How and when a notice reached its addressee (送达回证).

    Attributes:
        method: How it was served.
        served_on: The day it was served.
        recipient: Who signed for it (or, for 留置送达, to whom it was left).
        note: Witnesses, a tracking number, the place of an announcement.

    Example:
        >>> import datetime as dt
        >>> s = Service(
        ...     method=ServiceMethod.IN_PERSON, served_on=dt.date(2025, 9, 11), recipient="王芳"
        ... )
        >>> s.method.label_zh
        '直接送达'
    """

    method: ServiceMethod = attrs.field(metadata=meta(EnumKind(ServiceMethod)))
    served_on: dt.date = attrs.field(metadata=meta(DATE))
    recipient: str = attrs.field(metadata=meta(NAME, sensitive="name"))
    note: str | None = attrs.field(default=None, metadata=meta(Nullable(Text(200))))


@attrs.frozen(kw_only=True)
class Organisation(Model):
    """An employer or training institution named in a referral (用人单位、培训机构).

    Attributes:
        name: Its registered name.
        uscc: Its unified social credit code (统一社会信用代码), checked with
            python-stdnum; spaces and lower case are tidied away. ``None`` where
            the unit is unregistered — itself a fact worth reporting.
        address: Where it operates.

    Example:
        >>> Organisation(name="某某加工厂", uscc="9111 0000 6000 3734 1l").uscc
        '91110000600037341L'
    """

    name: str = attrs.field(metadata=meta(Text(100)))
    uscc: str | None = attrs.field(
        default=None, converter=_compact_optional, metadata=meta(Nullable(USCC))
    )
    address: str | None = attrs.field(default=None, metadata=meta(Nullable(Text(200))))


def _issuer_tuple(value: Iterable[Issuer]) -> tuple[Issuer, ...]:
    # A typed converter: with ``as_tuple`` mypy would see ``issuers: Iterable[Any]``.
    return as_tuple(value)


def _name_tuple(value: Iterable[str]) -> tuple[str, ...]:
    return as_tuple(value)


_ISSUERS: Final = TupleKind(ModelKind(Issuer))
_NAMES: Final = TupleKind(NAME)
_LONG: Final = Text(2000)
_UNIT: Final = Text(100)


@attrs.frozen(kw_only=True)
class Notice(Model):
    """The fields every notice has (通知文书).

    Attributes:
        number: The document number (文号), such as ``肥教复〔2025〕12号``; see
            :func:`kongchuo.notices.document_number`.
        issued_on: The day it was signed and issued (成文日期).
        issuers: The issuing units, the leading one first; joint issuers sign
            together (联合发文).
        service: How and when it reached its addressee, once served.
    """

    abstract_model: ClassVar[bool] = True
    kind: ClassVar[NoticeKind]
    addressed_to_guardians: ClassVar[bool] = True
    cross_fields: ClassVar[tuple[str, ...]] = ("issuers", "issued_on", "service")

    number: str = attrs.field(metadata=meta(Text(64)))
    issued_on: dt.date = attrs.field(metadata=meta(DATE))
    issuers: tuple[Issuer, ...] = attrs.field(converter=_issuer_tuple, metadata=meta(_ISSUERS))
    service: Service | None = attrs.field(default=None, metadata=meta(Nullable(ModelKind(Service))))

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """A notice has an issuer; it is served on or after the day it is issued."""
        out: list[Problem] = []
        if values.get("issuers") == ():
            out.append(
                problem(
                    "notice.issuers.empty",
                    "a notice needs at least one issuer",
                    "通知文书至少要有一个发文单位",
                    "$.issuers",
                )
            )
        issued, service = values.get("issued_on"), values.get("service")
        if issued is not None and service is not None and service.served_on < issued:
            out.append(
                problem(
                    "notice.service.before_issue",
                    f"served on {service.served_on.isoformat()}, before it was issued "
                    f"on {issued.isoformat()}",
                    f"送达日期 {service.served_on.isoformat()} 早于发文日期 {issued.isoformat()}",
                    "$.service.served_on",
                )
            )
        return out


def _need_names(values: Mapping[str, Any], name: str = "guardians") -> list[Problem]:
    if values.get(name) == ():
        return [
            problem(
                f"notice.{name}.empty",
                f"{name} must name at least one person",
                "至少要写明一名监护人" if name == "guardians" else f"{name} 不能为空",
                f"$.{name}",
            )
        ]
    return []


def _child_id() -> Any:  # noqa: ANN401 - attrs.field is Any
    return attrs.field(default=None, metadata=meta(Nullable(RESIDENT_ID), sensitive="identifier"))


@attrs.frozen(kw_only=True)
class EnrolmentNotice(Notice):
    """An enrolment notice to a school-age child's guardians (入学通知书).

    Attributes:
        child_name: The child's name.
        child_id: The child's resident ID number, if it is to be printed (masked).
        guardians: The guardians addressed.
        school_name: The school the child is to attend.
        report_on: The day to register (报到日期).
        report_place: Where to register.

    References:
        FC-2.3 (入学通知书制度); FC-3.2; 义务教育法 第五条、第十一条、第十二条.
    """

    kind: ClassVar[NoticeKind] = NoticeKind.ENROLMENT
    cross_fields: ClassVar[tuple[str, ...]] = (*Notice.cross_fields, "guardians", "report_on")

    child_name: str = attrs.field(metadata=meta(NAME, sensitive="name"))
    child_id: ResidentId | None = _child_id()  # noqa: RUF009 - an attrs field
    guardians: tuple[str, ...] = attrs.field(
        converter=_name_tuple, metadata=meta(_NAMES, sensitive="name")
    )
    school_name: str = attrs.field(metadata=meta(_UNIT))
    report_on: dt.date = attrs.field(metadata=meta(DATE))
    report_place: str = attrs.field(metadata=meta(Text(200)))

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """Guardians are named."""
        return [*super().cross_check(values), *_need_names(values)]


@attrs.frozen(kw_only=True)
class ReturnNotice(Notice):
    """A return-to-school notice (复学通知书), stating the guardians' legal duties.

    The duties themselves (义务教育法 第五条、第十一条; 未成年人保护法 第十七条、
    第二十二条) are text in the template, which a county may replace.

    Attributes:
        child_name: The child's name.
        child_id: The child's resident ID number (masked when printed).
        guardians: The guardians addressed.
        school_name: The school to return to.
        out_since: Since when the child has been out of school.
        return_by: The day by which the child is to return.

    References:
        FC-2.3; 未成年人保护法 第八十三条第二款.
    """

    kind: ClassVar[NoticeKind] = NoticeKind.RETURN
    cross_fields: ClassVar[tuple[str, ...]] = (
        *Notice.cross_fields,
        "guardians",
        "out_since",
        "return_by",
    )

    child_name: str = attrs.field(metadata=meta(NAME, sensitive="name"))
    child_id: ResidentId | None = _child_id()  # noqa: RUF009 - an attrs field
    guardians: tuple[str, ...] = attrs.field(
        converter=_name_tuple, metadata=meta(_NAMES, sensitive="name")
    )
    school_name: str = attrs.field(metadata=meta(_UNIT))
    out_since: dt.date = attrs.field(metadata=meta(DATE))
    return_by: dt.date = attrs.field(metadata=meta(DATE))

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """Guardians are named; the return date follows the issue date."""
        out = [*super().cross_check(values), *_need_names(values)]
        out.extend(_after(values, "issued_on", "return_by", "notice.return_by.not_after_issue"))
        return out


def _after(values: Mapping[str, Any], earlier: str, later: str, code: str) -> list[Problem]:
    start, end = values.get(earlier), values.get(later)
    if start is None or end is None or end > start:
        return []
    return [
        problem(
            code,
            f"{later} ({end.isoformat()}) must fall after {earlier} ({start.isoformat()})",
            f"{later}（{end.isoformat()}）必须晚于 {earlier}（{start.isoformat()}）",
            f"$.{later}",
        )
    ]


@attrs.frozen(kw_only=True)
class Reminder(Notice):
    """A reminder to the guardians of a child who did not report (催告书), with the reason.

    Attributes:
        child_name: The child's name.
        child_id: The child's resident ID number (masked when printed).
        guardians: The guardians addressed.
        school_name: The school the child should have reported to.
        due_on: The day the child should have reported.
        report_by: The new day by which to report.
        reason: Why the child did not report, as found (未按时报到原因).
        studying_elsewhere: The school actually attended, where the child studies
            elsewhere (外出就学的实际就读学校).

    References:
        FC-2.3 (对未按时报到的要及时催促，查明原因).
    """

    kind: ClassVar[NoticeKind] = NoticeKind.REMINDER
    cross_fields: ClassVar[tuple[str, ...]] = (
        *Notice.cross_fields,
        "guardians",
        "due_on",
        "report_by",
    )

    child_name: str = attrs.field(metadata=meta(NAME, sensitive="name"))
    child_id: ResidentId | None = _child_id()  # noqa: RUF009 - an attrs field
    guardians: tuple[str, ...] = attrs.field(
        converter=_name_tuple, metadata=meta(_NAMES, sensitive="name")
    )
    school_name: str = attrs.field(metadata=meta(_UNIT))
    due_on: dt.date = attrs.field(metadata=meta(DATE))
    report_by: dt.date = attrs.field(metadata=meta(DATE))
    reason: str = attrs.field(metadata=meta(Text(500), sensitive="private"))
    studying_elsewhere: str | None = attrs.field(default=None, metadata=meta(Nullable(_UNIT)))

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """Guardians are named; the new date follows the old one and the issue date."""
        out = [*super().cross_check(values), *_need_names(values)]
        out.extend(_after(values, "due_on", "report_by", "notice.report_by.not_after_due"))
        out.extend(_after(values, "issued_on", "report_by", "notice.report_by.not_after_issue"))
        return out


@attrs.frozen(kw_only=True)
class SchoolReport(Notice):
    """The school's written report of a dropout to the education authority (书面报告).

    Attributes:
        addressee: The education authority reported to.
        child_name: The student's name.
        child_id: The student's resident ID number (masked when printed).
        school_name: The reporting school, which holds the registration.
        absent_since: Since when the student has been absent.
        attempts: How many persuasion attempts were made.
        summary: What the attempts found and why they failed.

    References:
        未成年人保护法 第二十八条第二款; FC-3.3 (学校对拒不送子女入学的家长上报).
    """

    kind: ClassVar[NoticeKind] = NoticeKind.SCHOOL_REPORT
    addressed_to_guardians: ClassVar[bool] = False

    addressee: str = attrs.field(metadata=meta(_UNIT))
    child_name: str = attrs.field(metadata=meta(NAME, sensitive="name"))
    child_id: ResidentId | None = _child_id()  # noqa: RUF009 - an attrs field
    school_name: str = attrs.field(metadata=meta(_UNIT))
    absent_since: dt.date = attrs.field(metadata=meta(DATE))
    attempts: int = attrs.field(metadata=meta(IntKind(0, 1000)))
    summary: str = attrs.field(metadata=meta(_LONG, sensitive="private"))


@attrs.frozen(kw_only=True)
class CorrectionOrder(Notice):
    """批评教育 with 责令限期改正: one decision, with its deadline and consequences.

    Attributes:
        child_name: The child's name.
        child_id: The child's resident ID number (masked when printed).
        guardians: The guardians addressed.
        school_name: The school the child is to attend.
        facts: The facts found (查明的事实).
        deadline: The last day of the time limit; compute it with
            :func:`kongchuo.notices.correction_deadline`.
        legal_basis: The articles the order rests on; 义务教育法 第五十八条 at least.
        consequences: What follows if the guardians do not comply.
        appeal_rights: The sentence telling the family of its right to administrative
            review or litigation, the bodies and the periods (复议诉讼权利告知); build
            it with ``policy.appeal_rights.value_at(day).text_zh()``. ``None`` in
            documents written before the field existed; such an order is not in
            order, since untold the family's review period stretches to a year
            (行政复议法 第二十条第三款).

    References:
        义务教育法 第五十八条; 未成年人保护法 第八十三条第二款; 行政复议法 第二十条; FC-2.4.
    """

    kind: ClassVar[NoticeKind] = NoticeKind.CORRECTION_ORDER
    cross_fields: ClassVar[tuple[str, ...]] = (
        *Notice.cross_fields,
        "guardians",
        "deadline",
        "legal_basis",
    )

    child_name: str = attrs.field(metadata=meta(NAME, sensitive="name"))
    child_id: ResidentId | None = _child_id()  # noqa: RUF009 - an attrs field
    guardians: tuple[str, ...] = attrs.field(
        converter=_name_tuple, metadata=meta(_NAMES, sensitive="name")
    )
    school_name: str = attrs.field(metadata=meta(_UNIT))
    facts: str = attrs.field(metadata=meta(_LONG, sensitive="private"))
    deadline: dt.date = attrs.field(metadata=meta(DATE))
    legal_basis: tuple[str, ...] = attrs.field(
        converter=_name_tuple, metadata=meta(TupleKind(_UNIT))
    )
    consequences: str = attrs.field(metadata=meta(Text(1000)))
    appeal_rights: str | None = attrs.field(default=None, metadata=meta(Nullable(Text(500))))

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """Guardians and a basis are named; the deadline follows the order."""
        out = [*super().cross_check(values), *_need_names(values)]
        out.extend(_need_names(values, "legal_basis"))
        out.extend(_after(values, "issued_on", "deadline", "notice.deadline.not_after_issue"))
        return out


@attrs.frozen(kw_only=True)
class JudicialReferral(Notice):
    """A request that the judicial department issue legal documents (提请发出司法文书函).

    Attributes:
        addressee: The authority asked to act, by name.
        child_name: The child's name.
        child_id: The child's resident ID number (masked when printed).
        guardians: The guardians concerned.
        order_number: The 文号 of the correction order that was not complied with.
        order_deadline: That order's deadline.
        facts: What happened since the order.
        requested: The measure asked for (督促文书, 训诫, 家庭教育指导, 支持起诉 ...).
        to_party: What kind of authority the addressee is; it must be one the
            policy's ``step_authorities`` names for the judicial step (the court, the
            police, the procuratorate). ``None`` in documents written before the
            field existed; such a referral is not in order until it is set.

    References:
        FC-2.4, FC-3.1; 未成年人保护法 第一百一十八条; 家庭教育促进法 第四十九条.
    """

    kind: ClassVar[NoticeKind] = NoticeKind.JUDICIAL_REFERRAL
    addressed_to_guardians: ClassVar[bool] = False
    cross_fields: ClassVar[tuple[str, ...]] = (*Notice.cross_fields, "guardians")

    addressee: str = attrs.field(metadata=meta(_UNIT))
    child_name: str = attrs.field(metadata=meta(NAME, sensitive="name"))
    child_id: ResidentId | None = _child_id()  # noqa: RUF009 - an attrs field
    guardians: tuple[str, ...] = attrs.field(
        converter=_name_tuple, metadata=meta(_NAMES, sensitive="name")
    )
    order_number: str = attrs.field(metadata=meta(Text(64)))
    order_deadline: dt.date = attrs.field(metadata=meta(DATE))
    facts: str = attrs.field(metadata=meta(_LONG, sensitive="private"))
    requested: str = attrs.field(metadata=meta(Text(500)))
    to_party: Party | None = attrs.field(default=None, metadata=meta(Nullable(EnumKind(Party))))

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """Guardians are named."""
        return [*super().cross_check(values), *_need_names(values)]


@attrs.frozen(kw_only=True)
class LetterToParents(Notice):
    """The letter to parents on the Compulsory Education Law (致家长一封信).

    Attributes:
        school_year: The school year it opens (2025 for 2025–2026).
        contact: A contact line for questions (a unit and its number).

    References:
        FC-3.2 (宣传引导); 义务教育法 第五条.
    """

    kind: ClassVar[NoticeKind] = NoticeKind.LETTER_TO_PARENTS
    addressed_to_guardians: ClassVar[bool] = False

    school_year: int = attrs.field(metadata=meta(IntKind(1986, 9998)))
    contact: str | None = attrs.field(default=None, metadata=meta(Nullable(Text(200))))


@attrs.frozen(kw_only=True)
class LabourReferral(Notice):
    """A referral of an employer of a child (使用童工线索移送函) to 人社 or 市场监管.

    Attributes:
        addressee: The department referred to.
        to_party: :attr:`~kongchuo.policy.Party.HUMAN_RESOURCES` (the labour
            inspectorate acts against the employer) or, for licence revocation,
            :attr:`~kongchuo.policy.Party.MARKET_REGULATION` — only on the grounds of
            第六条第二款 or 第十条第二款 (``order_unheeded``, ``child_disabled_or_dead``).
        employer: The employer, with its unified social credit code.
        child_name: The child's name.
        child_id: The child's resident ID number (masked when printed).
        child_birth_date: The child's birth date: under 16 on ``employed_since`` is
            child labour (禁止使用童工规定 第二条).
        employed_since: Since when the child has been employed, as found.
        facts: What was found.
        serious: The seed's 情节严重 (FC-3.1: 情节严重的由市场监管部门依职责吊销相关单位
            营业执照), recorded beside the statutory grounds; alone it does not support
            a request to revoke the licence.
        order_unheeded: The labour inspectorate ordered the employer to send the
            child home within a time limit and it did not (禁止使用童工规定 第六条第二款).
        child_disabled_or_dead: The child was disabled by injury or died (伤残或者死亡,
            第十条第二款).

    References:
        FC-3.1; 义务教育法 第十四条、第五十九条; 禁止使用童工规定 (国务院令第364号)
        第二条、第六条、第十条; 未成年人保护法 第六十一条.
    """

    kind: ClassVar[NoticeKind] = NoticeKind.LABOUR_REFERRAL
    addressed_to_guardians: ClassVar[bool] = False

    addressee: str = attrs.field(metadata=meta(_UNIT))
    to_party: Party = attrs.field(metadata=meta(EnumKind(Party)))
    employer: Organisation = attrs.field(metadata=meta(ModelKind(Organisation)))
    child_name: str = attrs.field(metadata=meta(NAME, sensitive="name"))
    child_birth_date: dt.date = attrs.field(metadata=meta(DATE, sensitive="birth"))
    employed_since: dt.date = attrs.field(metadata=meta(DATE))
    facts: str = attrs.field(metadata=meta(_LONG, sensitive="private"))
    child_id: ResidentId | None = _child_id()  # noqa: RUF009 - an attrs field
    serious: bool = attrs.field(default=False, metadata=meta(BOOL))
    order_unheeded: bool = attrs.field(default=False, metadata=meta(BOOL))
    child_disabled_or_dead: bool = attrs.field(default=False, metadata=meta(BOOL))


@attrs.frozen(kw_only=True)
class TrainingReferral(Notice):
    """A referral of an illegal off-campus training institution (违规校外培训机构线索移送函).

    Attributes:
        addressee: The department referred to.
        to_party: Which kind of department it is: the county's 校外培训主管部门 (the
            education authority) named by the policy's ``training_referral_parties``.
        institution: The institution, with its code where it has one.
        facts: What was found (children kept from school, teaching without approval).

    References:
        FC-3.3 (查处违规校外培训机构); 校外培训行政处罚暂行办法 (2023); 义务教育法 第十四条.
    """

    kind: ClassVar[NoticeKind] = NoticeKind.TRAINING_REFERRAL
    addressed_to_guardians: ClassVar[bool] = False

    addressee: str = attrs.field(metadata=meta(_UNIT))
    to_party: Party = attrs.field(metadata=meta(EnumKind(Party)))
    institution: Organisation = attrs.field(metadata=meta(ModelKind(Organisation)))
    facts: str = attrs.field(metadata=meta(_LONG))


NOTICE_TYPES: Final[Mapping[NoticeKind, type[Notice]]] = {
    cls.kind: cls
    for cls in (
        EnrolmentNotice,
        ReturnNotice,
        Reminder,
        SchoolReport,
        CorrectionOrder,
        JudicialReferral,
        LetterToParents,
        LabourReferral,
        TrainingReferral,
    )
}
"""Every notice class by its kind."""

NOTICES: Final = TaggedUnion(
    Notice,
    ("notice", "文书"),
    {kind.value: cls for kind, cls in NOTICE_TYPES.items()},
    {kind.value: kind.label_zh for kind in NOTICE_TYPES},
)
"""The notices as a tagged union: each document's ``"type"`` is its kind's value."""


def _notice_v1(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 1 → 2: a notice's tag was ``"kind"`` (the documents of ``notice_to_json``)."""
    if "kind" in doc and TAG_KEY not in doc:
        return {(TAG_KEY if k == "kind" else k): v for k, v in doc.items()}
    return doc


register_migration(NOTICES, 1, _notice_v1)
