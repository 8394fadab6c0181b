"""Children, their guardians and their special-group memberships (适龄儿童、监护人与特殊群体).

This module is part of the models layer of the design (docs/design.md). Every model is a frozen,
keyword-only attrs class that checks all of its fields when built and reports every
problem at once (see :class:`kongchuo.ValidationError`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar, Final

import attrs

from kongchuo._core.enums import LabelledEnum
from kongchuo._core.errors import Problem
from kongchuo._identity.numbers import (
    ResidentId,
    Sex,
    StudentNumber,
    StudentNumberKind,
    shared_dates,
)
from kongchuo._models.base import (
    BOOL,
    DATE,
    NAME,
    PHONE,
    REGION_CODE,
    RESIDENT_ID,
    STUDENT_NUMBER,
    UNIT_CODE,
    EnumKind,
    EnumSetKind,
    IntKind,
    Model,
    ModelKind,
    Nullable,
    Text,
    TupleKind,
    as_frozenset,
    as_tuple,
    dates_in_order,
    meta,
    problem,
)
from kongchuo._models.documents import register_migration

__all__ = [
    "AbilityAssessment",
    "Carer",
    "Child",
    "Department",
    "Disability",
    "DisabilityKind",
    "GroupMembership",
    "Guardian",
    "GuardianRelationship",
    "GuardianStatus",
    "LegalBasis",
    "SpecialGroup",
]


class SpecialGroup(LabelledEnum):
    """A special group of children that dropout control watches (特殊群体).

    Each member has a Chinese label (:attr:`label_zh`) and says where its definition
    comes from (:attr:`source`).

    Example:
        >>> SpecialGroup.DE_FACTO_UNSUPPORTED.label_zh
        '事实无人抚养儿童'
        >>> SpecialGroup.DE_FACTO_UNSUPPORTED.source
        '民发〔2019〕62号'

    References:
        FC-1.1, FC-1.5; 教育部办公厅 2024 常态化报告工作机制 (key groups).
    """

    POVERTY_ALLEVIATED = "poverty_alleviated", "脱贫家庭（建档立卡）子女"
    DISABLED = "disabled", "残疾儿童"
    ORPHAN = "orphan", "孤儿"
    DE_FACTO_UNSUPPORTED = "de_facto_unsupported", "事实无人抚养儿童"
    KEY_DIFFICULTY = "key_difficulty", "重点困境儿童"
    LEFT_BEHIND = "left_behind", "留守儿童"
    IN_DIFFICULTY = "in_difficulty", "困境儿童"
    MIGRANT = "migrant", "随迁子女"
    JUSTICE_INVOLVED = "justice_involved", "涉案未成年人"

    @property
    def source(self) -> str:
        """Where the definition of the group comes from."""
        return _GROUP_SOURCE[self]


_GROUP_SOURCE: Final = {
    SpecialGroup.POVERTY_ALLEVIATED: "国务院扶贫办 建档立卡; 乡村振兴部门 防返贫监测 (FC-1.1)",
    SpecialGroup.DISABLED: "残疾人教育条例 (国务院令674); 残联 残疾人证",
    SpecialGroup.ORPHAN: "民政部 孤儿认定 (国办发〔2010〕54号)",
    SpecialGroup.DE_FACTO_UNSUPPORTED: "民发〔2019〕62号",
    SpecialGroup.KEY_DIFFICULTY: "local definition (FC-1.1); no national definition",
    SpecialGroup.LEFT_BEHIND: "国发〔2016〕13号",
    SpecialGroup.IN_DIFFICULTY: "国发〔2016〕36号",
    SpecialGroup.MIGRANT: "义务教育法 第十二条第二款",
    SpecialGroup.JUSTICE_INVOLVED: "教育部办公厅 2024 常态化报告工作机制; 预防未成年人犯罪法",
}


class Department(LabelledEnum):
    """The department that reported a membership (报送部门).

    Example:
        >>> Department.DISABLED_PERSONS_FEDERATION.label_zh
        '残联'
    """

    PUBLIC_SECURITY = "public_security", "公安"
    RURAL_REVITALIZATION = "rural_revitalization", "乡村振兴（扶贫）"
    DISABLED_PERSONS_FEDERATION = "disabled_persons_federation", "残联"
    CIVIL_AFFAIRS = "civil_affairs", "民政"
    EDUCATION = "education", "教育"


class DisabilityKind(LabelledEnum):
    """The kind of a disability, as on the 残疾人证 (残疾类别, GB/T 26341).

    Example:
        >>> DisabilityKind.INTELLECTUAL.label_zh
        '智力残疾'
    """

    VISUAL = "visual", "视力残疾"
    HEARING = "hearing", "听力残疾"
    SPEECH = "speech", "言语残疾"
    PHYSICAL = "physical", "肢体残疾"
    INTELLECTUAL = "intellectual", "智力残疾"
    MENTAL = "mental", "精神残疾"
    MULTIPLE = "multiple", "多重残疾"


class AbilityAssessment(LabelledEnum):
    """The county expert committee's advice on placement (学习能力鉴定结论).

    Example:
        >>> AbilityAssessment.HOME_TEACHING.label_zh
        '送教上门'

    References:
        残疾人教育条例 第十七条 (four placements), 第二十条 (assessment; private).
    """

    REGULAR_CLASS = "regular_class", "随班就读"
    SPECIAL_SCHOOL = "special_school", "特殊教育学校就读"
    HOME_TEACHING = "home_teaching", "送教上门"
    NOT_ABLE_TO_STUDY = "not_able_to_study", "暂不具备学习条件"


@attrs.frozen(kw_only=True)
class Disability(Model):
    """A disability and the ability assessment behind a placement (残疾情况与学习能力鉴定).

    Every field is private health information (个人信息保护法 第二十八条); the
    assessment is the child's privacy by 残疾人教育条例 第二十条.

    Attributes:
        kind: The kind of disability.
        grade: The grade on the 残疾人证, 1 (most severe) to 4.
        assessment: The expert committee's advice, if assessed.
        assessed_on: When it was assessed; required with ``assessment``.

    Example:
        >>> import datetime as dt
        >>> d = Disability(
        ...     kind=DisabilityKind.PHYSICAL,
        ...     grade=2,
        ...     assessment=AbilityAssessment.REGULAR_CLASS,
        ...     assessed_on=dt.date(2023, 6, 1),
        ... )
        >>> d.kind.label_zh, d.assessment.label_zh
        ('肢体残疾', '随班就读')
    """

    kind: DisabilityKind = attrs.field(metadata=meta(EnumKind(DisabilityKind), sensitive="private"))
    grade: int = attrs.field(metadata=meta(IntKind(1, 4), sensitive="private"))
    assessment: AbilityAssessment | None = attrs.field(
        default=None, metadata=meta(Nullable(EnumKind(AbilityAssessment)), sensitive="private")
    )
    assessed_on: dt.date | None = attrs.field(
        default=None, metadata=meta(Nullable(DATE), sensitive="private")
    )

    cross_fields: ClassVar[tuple[str, ...]] = ("assessment", "assessed_on")

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """An assessment needs its date."""
        out: list[Problem] = []
        if values.get("assessment") is not None and values.get("assessed_on", 0) is None:
            out.append(
                problem(
                    "disability.assessed_on.missing",
                    "an assessment needs the date it was made",
                    "学习能力鉴定须注明鉴定日期",
                    "$.assessed_on",
                )
            )
        return out


@attrs.frozen(kw_only=True)
class GroupMembership(Model):
    """A child's membership of a special group, as one department reported it (特殊群体身份).

    Attributes:
        group: The special group.
        department: The department that reported it.
        since: The date from which the child belongs to the group.
        evidence: What the report rests on (a certificate or list and its number).
        disability: For :attr:`SpecialGroup.DISABLED`, the disability (required then,
            and only then).

    Example:
        >>> import datetime as dt
        >>> m = GroupMembership(
        ...     group=SpecialGroup.LEFT_BEHIND,
        ...     department=Department.CIVIL_AFFAIRS,
        ...     since=dt.date(2024, 3, 1),
        ...     evidence="民政 留守儿童台账 2024-03",
        ... )
        >>> m.group.label_zh, m.department.label_zh
        ('留守儿童', '民政')
    """

    group: SpecialGroup = attrs.field(metadata=meta(EnumKind(SpecialGroup)))
    department: Department = attrs.field(metadata=meta(EnumKind(Department)))
    since: dt.date = attrs.field(metadata=meta(DATE))
    evidence: str = attrs.field(metadata=meta(Text(200), sensitive="private"))
    disability: Disability | None = attrs.field(
        default=None, metadata=meta(Nullable(ModelKind(Disability)), sensitive="private")
    )

    cross_fields: ClassVar[tuple[str, ...]] = ("group", "disability")

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """A disability membership carries its disability; no other does."""
        out: list[Problem] = []
        group = values.get("group")
        if group is None or "disability" not in values:
            return out
        if group is SpecialGroup.DISABLED and values["disability"] is None:
            out.append(
                problem(
                    "membership.disability.missing",
                    "a disability membership needs the kind and grade of the disability",
                    "残疾儿童身份须注明残疾类别和等级",
                    "$.disability",
                )
            )
        elif group is not SpecialGroup.DISABLED and values["disability"] is not None:
            out.append(
                problem(
                    "membership.disability.unexpected",
                    f"only a disability membership carries a disability, not {group.value}",
                    f"只有残疾儿童身份才记录残疾情况，{group.label_zh} 不应记录",
                    "$.disability",
                )
            )
        return out


class GuardianRelationship(LabelledEnum):
    """How a guardian is related to the child (与儿童关系).

    Example:
        >>> GuardianRelationship.GRANDPARENT.label_zh
        '祖父母或外祖父母'
    """

    FATHER = "father", "父亲"
    MOTHER = "mother", "母亲"
    GRANDPARENT = "grandparent", "祖父母或外祖父母"
    SIBLING = "sibling", "兄、姐"
    OTHER_RELATIVE = "other_relative", "其他近亲属"
    INSTITUTION = "institution", "民政部门或儿童福利机构"
    OTHER = "other", "其他"

    @property
    def is_parent(self) -> bool:
        """Whether this is a father or a mother."""
        return self in (GuardianRelationship.FATHER, GuardianRelationship.MOTHER)


class GuardianStatus(LabelledEnum):
    """Whether a guardian can act, and if not why (监护状况).

    The statuses other than :attr:`ACTIVE` are those that the definition of 事实无人
    抚养儿童 (民发〔2019〕62号) and later rules name. They are family circumstances,
    sensitive personal information.

    Example:
        >>> GuardianStatus.IMPRISONED.label_zh
        '服刑在押'
    """

    ACTIVE = "active", "正常履行监护职责"
    DECEASED = "deceased", "死亡"
    MISSING = "missing", "宣告失踪"
    SEVERELY_DISABLED = "severely_disabled", "重残"
    SERIOUSLY_ILL = "seriously_ill", "重病"
    IMPRISONED = "imprisoned", "服刑在押"
    COMPULSORY_REHAB = "compulsory_rehab", "强制隔离戒毒"
    OTHER_RESTRICTED = "other_restricted", "被执行其他限制人身自由的措施"
    UNCONTACTABLE = "uncontactable", "失联"
    GUARDIANSHIP_REVOKED = "guardianship_revoked", "被撤销监护资格"
    DEPORTED = "deported", "被遣送（驱逐）出境"


@attrs.frozen(kw_only=True)
class Carer(Model):
    """The person a guardian working away entrusts with the child's care (被委托照护人).

    Attributes:
        name: The carer's name.
        relationship: How the carer is related to the child.
        phone: A contact number, if known.

    Example:
        >>> Carer(name="王秀兰", relationship=GuardianRelationship.GRANDPARENT).name
        '王秀兰'

    References:
        未成年人保护法 第二十二、二十三条.
    """

    name: str = attrs.field(metadata=meta(NAME, sensitive="name"))
    relationship: GuardianRelationship = attrs.field(metadata=meta(EnumKind(GuardianRelationship)))
    phone: str | None = attrs.field(
        default=None, metadata=meta(Nullable(PHONE), sensitive="contact")
    )


@attrs.frozen(kw_only=True)
class Guardian(Model):
    """A child's guardian (监护人) and the facts that the group rules read.

    Attributes:
        relationship: How the guardian is related to the child.
        name: The guardian's name.
        phone: A contact number: an 11-digit mobile number or a landline with its
            area code (``0538-1234567``).
        working_away: Whether the guardian works away from home (外出务工).
        carer: Whom the guardian entrusted with the child's care while away.
        status: Whether the guardian can act (family circumstances: private).
        status_since: Since when the status holds (private).
        status_until: When it is expected to end, such as the end of a prison term
            (private).

    Example:
        >>> g = Guardian(
        ...     relationship=GuardianRelationship.MOTHER,
        ...     name="李梅",
        ...     phone="13800138000",
        ...     working_away=True,
        ...     carer=Carer(name="王秀兰", relationship=GuardianRelationship.GRANDPARENT),
        ... )
        >>> g.status.label_zh
        '正常履行监护职责'
        >>> Guardian(relationship=GuardianRelationship.FATHER, name=" ", phone="12345")
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: 2 problems (2 个问题):
          - $.name: must not be blank (不能为空) [text.blank]
          - $.phone: is not a mainland mobile number ... [phone.format]

    References:
        未成年人保护法 第七、二十二、二十三条.
    """

    relationship: GuardianRelationship = attrs.field(metadata=meta(EnumKind(GuardianRelationship)))
    name: str = attrs.field(metadata=meta(NAME, sensitive="name"))
    phone: str | None = attrs.field(
        default=None, metadata=meta(Nullable(PHONE), sensitive="contact")
    )
    working_away: bool = attrs.field(default=False, metadata=meta(BOOL))
    carer: Carer | None = attrs.field(default=None, metadata=meta(Nullable(ModelKind(Carer))))
    status: GuardianStatus = attrs.field(
        default=GuardianStatus.ACTIVE,
        metadata=meta(EnumKind(GuardianStatus), sensitive="private"),
    )
    status_since: dt.date | None = attrs.field(
        default=None, metadata=meta(Nullable(DATE), sensitive="private")
    )
    status_until: dt.date | None = attrs.field(
        default=None, metadata=meta(Nullable(DATE), sensitive="private")
    )

    cross_fields: ClassVar[tuple[str, ...]] = ("status_since", "status_until")

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """The status ends after it starts."""
        return dates_in_order(
            values, "status_since", "status_until", "guardian.status_until.before_since"
        )


class LegalBasis(LabelledEnum):
    """The legal basis for holding a child's record (处理个人信息的合法性基础).

    Example:
        >>> LegalBasis.STATUTORY_DUTY.article
        '个人信息保护法 第十三条第一款第三项'
    """

    STATUTORY_DUTY = "statutory_duty", "履行法定职责"
    CONSENT = "consent", "取得个人（监护人）同意"

    @property
    def article(self) -> str:
        """The article of 个人信息保护法 it rests on."""
        if self is LegalBasis.STATUTORY_DUTY:
            return "个人信息保护法 第十三条第一款第三项"
        return "个人信息保护法 第十三条第一款第一项、第二十九条、第三十一条"


_NO_ID_KINDS: Final = (StudentNumberKind.J, StudentNumberKind.L)


@attrs.frozen(kw_only=True)
class Child(Model):
    """A school-age child in the census (适龄儿童).

    Attributes:
        resident_id: The resident ID number; ``None`` for a child who has none yet.
        student_number: For a child without an ID number, a J or L student number
            (a G number holds an ID number: put that in ``resident_id``).
        name: The child's name.
        sex: The child's sex; must agree with the ID number.
        birth_date: The birth date; must agree with the ID number.
        household_region: The code of the household-register region (户籍地): 6, 9
            or 12 digits.
        residence_region: The code of the actual residence (常住地).
        rural_household: Whether the household register is rural (农村户籍);
            ``None`` if unknown. The left-behind rule reads it.
        jurisdiction: The code of the :class:`~kongchuo.regions.Jurisdiction` that
            owns the child's case (county, town, street office or mining area).
        special_groups: The special groups the child is counted under.
        memberships: The reports behind them (private: 特定身份 information).
            Each membership's group must be in ``special_groups``.
        guardians: The child's guardians.
        legal_basis: Why the record may be held (default: statutory duty).
        retain_until: The end of the retention period, after which the record must be
            deleted (个人信息保护法 第十九、四十七条).

    Example:
        >>> import datetime as dt
        >>> from kongchuo import ResidentId, Sex
        >>> child = Child(
        ...     resident_id=ResidentId.parse("370983201509010012"),
        ...     name="张小明",
        ...     sex=Sex.MALE,
        ...     birth_date=dt.date(2015, 9, 1),
        ...     household_region="370983",
        ...     residence_region="370983",
        ...     jurisdiction="370983003",
        ...     retain_until=dt.date(2034, 8, 31),
        ... )
        >>> child.resident_id
        ResidentId('370983********0012')
        >>> Child(
        ...     resident_id=ResidentId.parse("370983201509010012"),
        ...     name="张小明",
        ...     sex=Sex.FEMALE,
        ...     birth_date=dt.date(2015, 9, 2),
        ...     household_region="37098",
        ...     residence_region="370983",
        ...     jurisdiction="370983003",
        ...     retain_until=dt.date(2034, 8, 31),
        ... )
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: 3 problems (3 个问题):
          - $.household_region: a region code has 6, 9 or 12 ASCII digits ...
          - $.birth_date: does not agree with the ID number (370983********0012)...
          - $.sex: does not agree with the ID number (370983********0012)...

    References:
        FC-1.1; 义务教育法 第十一、十三条; 个人信息保护法 第十三、十九、二十八条.
    """

    resident_id: ResidentId | None = attrs.field(
        default=None, metadata=meta(Nullable(RESIDENT_ID), sensitive="identifier")
    )
    student_number: StudentNumber | None = attrs.field(
        default=None, metadata=meta(Nullable(STUDENT_NUMBER), sensitive="identifier")
    )
    name: str = attrs.field(metadata=meta(NAME, sensitive="name"))
    sex: Sex = attrs.field(metadata=meta(EnumKind(Sex)))
    birth_date: dt.date = attrs.field(metadata=meta(DATE, sensitive="birth"))
    household_region: str = attrs.field(metadata=meta(REGION_CODE))
    residence_region: str = attrs.field(metadata=meta(REGION_CODE))
    rural_household: bool | None = attrs.field(default=None, metadata=meta(Nullable(BOOL)))
    jurisdiction: str = attrs.field(metadata=meta(UNIT_CODE))
    special_groups: frozenset[SpecialGroup] = attrs.field(
        default=frozenset(),
        converter=as_frozenset,
        metadata=meta(EnumSetKind(SpecialGroup), sensitive="private"),
    )
    memberships: tuple[GroupMembership, ...] = attrs.field(
        default=(),
        converter=as_tuple,
        metadata=meta(TupleKind(ModelKind(GroupMembership)), sensitive="private"),
    )
    guardians: tuple[Guardian, ...] = attrs.field(
        default=(), converter=as_tuple, metadata=meta(TupleKind(ModelKind(Guardian)))
    )
    legal_basis: LegalBasis = attrs.field(
        default=LegalBasis.STATUTORY_DUTY, metadata=meta(EnumKind(LegalBasis))
    )
    retain_until: dt.date = attrs.field(metadata=meta(DATE))

    @property
    def groups(self) -> frozenset[SpecialGroup]:
        """The special groups (the same as :attr:`special_groups`)."""
        return self.special_groups

    cross_fields: ClassVar[tuple[str, ...]] = (
        "resident_id",
        "student_number",
        "sex",
        "birth_date",
        "special_groups",
        "memberships",
        "retain_until",
    )

    # The same test as cross_clean, as source that the compiled loader inlines.
    cross_clean_source: ClassVar[str] = (
        "(not {memberships} or all(m.group in {special_groups} for m in {memberships}))"
        " and {retain_until} >= {birth_date} and ("
        "({student_number} is None or {student_number}.kind in _NO_ID_KINDS)"
        " if {resident_id} is None else ("
        "_ID_DATES.get({resident_id}.value[6:14]) is {birth_date}"
        " and ({resident_id}.value[16] in '13579') is ({sex} is _MALE)))"
    )
    cross_clean_names: ClassVar[dict[str, object]] = {
        "_NO_ID_KINDS": _NO_ID_KINDS,
        "_ID_DATES": shared_dates,
        "_MALE": Sex.MALE,
    }

    @staticmethod
    def cross_clean(  # noqa: PLR0917 - called positionally by the compiled loader, in cross_fields order
        resident_id: ResidentId | None,
        student_number: StudentNumber | None,
        sex: Sex,
        birth_date: dt.date,
        special_groups: frozenset[SpecialGroup],
        memberships: tuple[GroupMembership, ...],
        retain_until: dt.date,
    ) -> bool:
        """Whether :meth:`cross_check` surely finds nothing (the common case, cheaply).

        A false answer only means "run the full check".
        """
        if retain_until < birth_date:
            return False
        if memberships and not all(m.group in special_groups for m in memberships):
            return False
        if resident_id is None:
            return student_number is None or student_number.kind in _NO_ID_KINDS
        digits = resident_id.value
        return shared_dates().get(digits[6:14]) is birth_date and (digits[16] in "13579") is (
            sex is Sex.MALE
        )

    @classmethod
    def cross_check(cls, values: Mapping[str, Any]) -> list[Problem]:
        """Birth date and sex agree with the ID; memberships are listed; dates in order."""
        out: list[Problem] = []
        rid = values.get("resident_id")
        if rid is not None:
            birth = values.get("birth_date")
            # Loaded dates and ID dates share objects: the identity test is the fast path.
            digits = rid.value
            if (
                birth is not None
                and shared_dates().get(digits[6:14]) is not birth
                and (birth != rid.birth_date)
            ):
                out.append(
                    problem(
                        "child.birth_date.mismatch",
                        # Neither date is shown: beside the masked ID it would
                        # give back the hidden digits.
                        f"does not agree with the ID number ({rid.masked()}), "
                        "whose birth date differs",
                        f"与身份证号码（{rid.masked()}）不一致，号码中的出生日期不同",
                        "$.birth_date",
                    )
                )
            sex = values.get("sex")
            if sex is not None and (digits[16] in "13579") is not (sex is Sex.MALE):
                out.append(
                    problem(
                        "child.sex.mismatch",
                        f"does not agree with the ID number ({rid.masked()}), "
                        f"which gives {rid.sex.value}",
                        f"与身份证号码（{rid.masked()}）不一致，号码中的性别为 {rid.sex.label_zh}",
                        "$.sex",
                    )
                )
        elif "resident_id" in values:
            number = values.get("student_number")
            if number is not None and number.kind not in _NO_ID_KINDS:
                out.append(
                    problem(
                        "child.student_number.kind",
                        "a child without a resident ID holds a J or L student number; "
                        "a G number holds an ID number, so put it in resident_id",
                        "无身份证号码的儿童只能有 J 或 L 学籍号；"
                        "G 学籍号包含身份证号码，请填写 resident_id",
                        "$.student_number",
                    )
                )
        groups = values.get("special_groups")
        for i, membership in enumerate(values.get("memberships", ())):
            if groups is not None and membership.group not in groups:
                out.append(
                    problem(
                        "child.memberships.group_not_listed",
                        f"the group {membership.group.value} is not in special_groups",
                        f"特殊群体 {membership.group.label_zh} 未列入 special_groups",
                        f"$.memberships[{i}].group",
                    )
                )
        out.extend(
            dates_in_order(values, "birth_date", "retain_until", "child.retain_until.before_birth")
        )
        return out


# -- migrations of a child's document (see kongchuo._models.documents) ------------

_GROUP_ALIASES: Final = {
    **{g.label_zh: g.value for g in SpecialGroup},
    "建档立卡": SpecialGroup.POVERTY_ALLEVIATED.value,
    "建档立卡贫困家庭子女": SpecialGroup.POVERTY_ALLEVIATED.value,
    "脱贫家庭子女": SpecialGroup.POVERTY_ALLEVIATED.value,
    "农村留守儿童": SpecialGroup.LEFT_BEHIND.value,
}


def _child_v1(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 1 → 2: ``birth`` became ``birth_date``; groups were Chinese labels."""
    if "birth" in doc and "birth_date" not in doc:
        doc = {("birth_date" if k == "birth" else k): v for k, v in doc.items()}
    groups = doc.get("special_groups")
    if groups.__class__ is list:
        doc["special_groups"] = [
            _GROUP_ALIASES.get(g, g) if isinstance(g, str) else g for g in groups
        ]
    return doc


register_migration(Child, 1, _child_v1)
