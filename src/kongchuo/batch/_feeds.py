"""The departments' feeds and their column mappings (数据来源与列映射).

Each :class:`Feed` is one kind of table a county receives: 公安's household
register, 乡村振兴's list of poverty-alleviated families' children, 残联's disability
list, 民政's lists, the 学籍 system's registrations, and the schools' attendance and
leave. A :class:`ColumnMapping` says which column holds which field; the shipped
mappings (:data:`MAPPINGS`) read the Chinese headers those tables usually carry,
and a county loads its own from TOML or JSON with :func:`load_mapping`.

Part of the batch layer of the design (docs/design.md).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Final, cast

import attrs

from kongchuo import (
    Approval,
    AttendanceStatus,
    DisabilityKind,
    LabelledEnum,
    LeaveKind,
    Problem,
    RegistrationStatus,
    Sex,
    SpecialGroup,
    ValidationError,
    quote,
)
from kongchuo._core.documents import read_document, unknown_keys
from kongchuo._core.errors import problem

__all__ = [
    "MAPPINGS",
    "ColumnMapping",
    "Feed",
    "HouseholdStatus",
    "load_mapping",
    "mapping_from_dict",
]


class Feed(LabelledEnum):
    """A kind of table a county takes in (数据来源).

    Example:
        >>> Feed.HOUSEHOLD.label_zh, Feed.DISABILITY.label_zh
        ('公安（户籍）', '残联')
    """

    HOUSEHOLD = "household", "公安（户籍）"
    POVERTY = "poverty", "乡村振兴（扶贫）"
    DISABILITY = "disability", "残联"
    CIVIL_AFFAIRS = "civil_affairs", "民政"
    REGISTRATION = "registration", "教育（学籍）"
    ATTENDANCE = "attendance", "学校考勤"
    LEAVE = "leave", "学校请假"


class HouseholdStatus(LabelledEnum):
    """A household record's status after 公安's clean-up (户籍清理状态).

    Example:
        >>> HouseholdStatus.MOVED_OUT.label_zh
        '迁出注销'

    References:
        Seed 三(一) (FC-3.1): 户籍重复、死亡、迁出注销、失踪失联, confirmed by 公安.
    """

    ACTIVE = "active", "正常"
    DUPLICATE = "duplicate", "户籍重复"
    DECEASED = "deceased", "死亡"
    MOVED_OUT = "moved_out", "迁出注销"
    LOST_CONTACT = "lost_contact", "失踪失联"

    @property
    def counts(self) -> bool:
        """Whether the child still counts in the census (active or lost contact)."""
        return self in (HouseholdStatus.ACTIVE, HouseholdStatus.LOST_CONTACT)


# field -> (reader kind, enum class or None, required)
_R = True
_O = False
FIELDS: Final[dict[Feed, dict[str, tuple[str, type[LabelledEnum] | None, bool]]]] = {
    Feed.HOUSEHOLD: {
        "resident_id": ("resident_id", None, _O),
        "student_number": ("student_number", None, _O),
        "name": ("text", None, _R),
        "sex": ("enum", Sex, _O),
        "birth_date": ("date", None, _O),
        "household_region": ("code", None, _R),
        "residence_region": ("code", None, _O),
        "rural_household": ("bool", None, _O),
        "jurisdiction": ("jurisdiction", None, _R),
        "status": ("enum", HouseholdStatus, _O),
        "status_confirmed_on": ("date", None, _O),
        "retain_until": ("date", None, _O),
    },
    Feed.POVERTY: {
        "resident_id": ("resident_id", None, _R),
        "name": ("text", None, _O),
        "group": ("enum", SpecialGroup, _O),
        "since": ("date", None, _R),
        "evidence": ("text", None, _O),
    },
    Feed.DISABILITY: {
        "resident_id": ("resident_id", None, _R),
        "name": ("text", None, _O),
        "disability_kind": ("enum", DisabilityKind, _R),
        "disability_grade": ("int", None, _R),
        "since": ("date", None, _R),
        "evidence": ("text", None, _O),
    },
    Feed.CIVIL_AFFAIRS: {
        "resident_id": ("resident_id", None, _R),
        "name": ("text", None, _O),
        "group": ("enum", SpecialGroup, _R),
        "since": ("date", None, _R),
        "evidence": ("text", None, _O),
    },
    Feed.REGISTRATION: {
        "student_number": ("student_number", None, _R),
        "resident_id": ("resident_id", None, _O),
        "name": ("text", None, _O),
        "school": ("school", None, _R),
        "grade": ("int", None, _R),
        "class_name": ("text", None, _O),
        "status": ("enum", RegistrationStatus, _R),
        "effective_from": ("date", None, _O),
        "effective_to": ("date", None, _O),
    },
    Feed.ATTENDANCE: {
        "student_number": ("student_number", None, _R),
        "school": ("school", None, _R),
        "on": ("date", None, _R),
        "status": ("enum", AttendanceStatus, _R),
        "note": ("text", None, _O),
    },
    Feed.LEAVE: {
        "student_number": ("student_number", None, _R),
        "school": ("school", None, _R),
        "kind": ("enum", LeaveKind, _R),
        "start": ("date", None, _R),
        "end": ("date", None, _R),
        "reason": ("text", None, _O),
        "approval": ("enum", Approval, _O),
        "decided_by": ("text", None, _O),
        "decided_on": ("date", None, _O),
    },
}
"""Every feed's fields: how each is read, and whether a row needs it."""


@attrs.frozen(kw_only=True)
class ColumnMapping:
    """Which column of a feed's table holds which field (列映射).

    A column whose header is a field's own name (``resident_id``) is always read
    too, so an English-headed export needs no mapping.

    Attributes:
        feed: The feed.
        name: A name for messages, such as ``"公安户籍导出（标准表头）"``.
        columns: Header → field name.
        aliases: Field → {what people write → the value or label it means}, such
            as ``{"grade": {"初一": "7"}}``.
        defaults: Field → the text a blank cell means, such as
            ``{"group": "poverty_alleviated"}``.

    Example:
        >>> MAPPINGS[Feed.HOUSEHOLD].columns["公民身份号码"]
        'resident_id'
    """

    feed: Feed
    name: str
    columns: Mapping[str, str] = attrs.field(factory=dict)
    aliases: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict)
    defaults: Mapping[str, str] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        """Check that every column names a field of the feed."""
        _check_mapping(self)

    def field_of(self, header: str) -> str | None:
        """The field a header holds, or ``None`` for a column the feed ignores."""
        text = header.strip().lstrip("\ufeff")
        found = self.columns.get(text)
        if found is not None:
            return found
        return text if text in FIELDS[self.feed] else None


def _text_table(value: object, *, nested: bool = False) -> bool:
    # A table of text to text (or, nested, of text to such tables).
    return isinstance(value, Mapping) and all(
        isinstance(k, str) and (_text_table(v) if nested else isinstance(v, str))
        for k, v in value.items()
    )


def _table_problem(key: str) -> Problem:
    nested = key == "aliases"
    return problem(
        "type",
        f"{key} is a table of " + ("tables of text" if nested else "text"),
        f"{key} 应为" + ("文本表的表" if nested else "文本的表"),
        f"$.{key}",
    )


def _check_mapping(mapping: ColumnMapping) -> None:
    problems: list[Problem] = []
    feed: object = mapping.feed
    if not isinstance(feed, Feed):
        problems.append(
            problem(
                "batch.mapping.feed",
                f"feed must be one of {', '.join(f.value for f in Feed)}",
                f"feed 应为 {', '.join(f.value for f in Feed)} 之一",
                "$.feed",
            )
        )
        raise ValidationError.of(problems)
    problems.extend(
        _table_problem(key)
        for key in ("columns", "aliases", "defaults")
        if not _text_table(getattr(mapping, key), nested=key == "aliases")
    )
    if problems:
        raise ValidationError.of(problems)
    fields = FIELDS[mapping.feed]
    for header, field in mapping.columns.items():
        if field not in fields:
            problems.append(
                problem(
                    "batch.mapping.field",
                    f"{quote(field)} is not a field of the {mapping.feed.value} feed; "
                    f"fields: {', '.join(fields)}",
                    f"{quote(field)} 不是{mapping.feed.label_zh}数据的字段；"
                    f"可用字段：{', '.join(fields)}",
                    f"$.columns[{quote(header)}]",
                )
            )
    problems.extend(
        problem(
            "batch.mapping.field",
            f"{quote(field)} is not a field of the {mapping.feed.value} feed",
            f"{quote(field)} 不是{mapping.feed.label_zh}数据的字段",
            f"$.aliases[{quote(field)}]",
        )
        for field in (*mapping.aliases, *mapping.defaults)
        if field not in fields
    )
    if problems:
        raise ValidationError.of(problems)


_ID: Final = {"身份证号": "resident_id", "身份证号码": "resident_id", "公民身份号码": "resident_id"}
_NAME: Final = {"姓名": "name", "学生姓名": "name", "儿童姓名": "name"}
_STUDENT: Final = {"学籍号": "student_number", "全国学籍号": "student_number"}
_SCHOOL: Final = {"学校标识码": "school", "学校代码": "school", "学校": "school"}
_GRADES: Final = {
    **{f"{zh}年级": str(i) for i, zh in enumerate("一二三四五六七八九", start=1)},
    "初一": "7",
    "初二": "8",
    "初三": "9",
}
_GROUPS: Final = {
    "建档立卡": SpecialGroup.POVERTY_ALLEVIATED.value,
    "建档立卡贫困家庭子女": SpecialGroup.POVERTY_ALLEVIATED.value,
    "脱贫户": SpecialGroup.POVERTY_ALLEVIATED.value,
    "脱贫家庭子女": SpecialGroup.POVERTY_ALLEVIATED.value,
    "监测对象": SpecialGroup.POVERTY_ALLEVIATED.value,
    "防止返贫监测对象": SpecialGroup.POVERTY_ALLEVIATED.value,
    "农村留守儿童": SpecialGroup.LEFT_BEHIND.value,
}

MAPPINGS: Final[dict[Feed, ColumnMapping]] = {
    Feed.HOUSEHOLD: ColumnMapping(
        feed=Feed.HOUSEHOLD,
        name="公安户籍（标准表头）",
        columns={
            **_ID,
            **_NAME,
            **_STUDENT,
            "性别": "sex",
            "出生日期": "birth_date",
            "户籍地代码": "household_region",
            "户籍地区划代码": "household_region",
            "现住地代码": "residence_region",
            "常住地代码": "residence_region",
            "农村户籍": "rural_household",
            "镇街": "jurisdiction",
            "所属镇街": "jurisdiction",
            "管辖单位": "jurisdiction",
            "户籍状态": "status",
            "清理状态": "status",
            "确认日期": "status_confirmed_on",
            "保存期限": "retain_until",
        },
        aliases={
            "status": {"重复": "duplicate", "迁出": "moved_out", "失联": "lost_contact"},
            "sex": {"1": "male", "2": "female", "男性": "male", "女性": "female"},
        },
    ),
    Feed.POVERTY: ColumnMapping(
        feed=Feed.POVERTY,
        name="乡村振兴（扶贫）名单（标准表头）",
        columns={
            **_ID,
            **_NAME,
            "身份类别": "group",
            "类别": "group",
            "认定日期": "since",
            "纳入日期": "since",
            "依据": "evidence",
        },
        aliases={"group": _GROUPS},
        defaults={"group": SpecialGroup.POVERTY_ALLEVIATED.value, "evidence": "乡村振兴部门名单"},
    ),
    Feed.DISABILITY: ColumnMapping(
        feed=Feed.DISABILITY,
        name="残联残疾儿童名单（标准表头）",
        columns={
            **_ID,
            **_NAME,
            "残疾类别": "disability_kind",
            "残疾等级": "disability_grade",
            "发证日期": "since",
            "依据": "evidence",
        },
        aliases={
            "disability_kind": {
                "视力": "visual",
                "听力": "hearing",
                "言语": "speech",
                "肢体": "physical",
                "智力": "intellectual",
                "精神": "mental",
                "多重": "multiple",
            },
            "disability_grade": {"一级": "1", "二级": "2", "三级": "3", "四级": "4"},
        },
        defaults={"evidence": "残联 残疾人证"},
    ),
    Feed.CIVIL_AFFAIRS: ColumnMapping(
        feed=Feed.CIVIL_AFFAIRS,
        name="民政特殊群体名单（标准表头）",
        columns={
            **_ID,
            **_NAME,
            "类别": "group",
            "身份类别": "group",
            "认定日期": "since",
            "依据": "evidence",
        },
        aliases={"group": _GROUPS},
        defaults={"evidence": "民政部门名单"},
    ),
    Feed.REGISTRATION: ColumnMapping(
        feed=Feed.REGISTRATION,
        name="学籍系统导出（标准表头）",
        columns={
            **_STUDENT,
            **_ID,
            **_NAME,
            **_SCHOOL,
            "年级": "grade",
            "班级": "class_name",
            "学籍状态": "status",
            "生效日期": "effective_from",
            "入学日期": "effective_from",
            "截止日期": "effective_to",
        },
        aliases={"grade": _GRADES},
    ),
    Feed.ATTENDANCE: ColumnMapping(
        feed=Feed.ATTENDANCE,
        name="学校考勤（标准表头）",
        columns={
            **_STUDENT,
            **_SCHOOL,
            "日期": "on",
            "考勤日期": "on",
            "出勤状态": "status",
            "考勤状态": "status",
            "备注": "note",
        },
        aliases={"status": {"旷课": "absent", "病假": "on_leave", "事假": "on_leave"}},
    ),
    Feed.LEAVE: ColumnMapping(
        feed=Feed.LEAVE,
        name="学校请假（标准表头）",
        columns={
            **_STUDENT,
            **_SCHOOL,
            "请假类别": "kind",
            "开始日期": "start",
            "结束日期": "end",
            "事由": "reason",
            "审批状态": "approval",
            "审批人": "decided_by",
            "审批日期": "decided_on",
        },
    ),
}
"""The shipped mappings, one per feed, for the Chinese headers those tables carry."""


def mapping_from_dict(data: object) -> ColumnMapping:
    """Build a county's mapping from a parsed TOML or JSON document.

    The document names the ``feed`` and optionally a ``name``, ``columns``
    (header → field), ``aliases`` (field → {text → value}) and ``defaults``
    (field → text). Unless ``extends = false``, it adds to the shipped mapping of
    the feed.

    Raises:
        ValidationError: Every problem of the document at once.

    Example:
        >>> m = mapping_from_dict({"feed": "household", "columns": {"证件号码": "resident_id"}})
        >>> m.field_of("证件号码"), m.field_of("身份证号")
        ('resident_id', 'resident_id')
    """
    if not isinstance(data, Mapping):
        raise ValidationError("type", "a mapping document is a table", "列映射文件应为表（字典）")
    known = {"feed", "name", "columns", "aliases", "defaults", "extends"}
    problems = unknown_keys(data, known.__contains__)
    try:  # looked up, not called: str() of a deeply nested value overflows the stack
        feed = cast("Feed", Feed._value2member_map_[data.get("feed")])
    except (KeyError, TypeError):
        problems.append(
            problem(
                "batch.mapping.feed",
                f"feed must be one of {', '.join(f.value for f in Feed)}",
                f"feed 应为 {', '.join(f.value for f in Feed)} 之一",
                "$.feed",
            )
        )
    tables: dict[str, dict[str, Any]] = {}
    for key in ("columns", "aliases", "defaults"):
        value = data.get(key, {})
        if not _text_table(value, nested=key == "aliases"):
            problems.append(_table_problem(key))
            value = {}
        tables[key] = dict(value)
    if problems:
        raise ValidationError.of(problems)
    base = MAPPINGS[feed] if data.get("extends", True) else ColumnMapping(feed=feed, name="")
    aliases = {k: dict(v) for k, v in base.aliases.items()}
    for field, table in tables["aliases"].items():
        aliases.setdefault(field, {}).update(table)
    return ColumnMapping(
        feed=feed,
        name=str(data.get("name", base.name or feed.label_zh)),
        columns={**base.columns, **tables["columns"]},
        aliases=aliases,
        defaults={**base.defaults, **tables["defaults"]},
    )


def load_mapping(path: str | os.PathLike[str]) -> ColumnMapping:
    """Read a county's mapping from a ``.toml`` or ``.json`` file (see :func:`mapping_from_dict`).

    Raises:
        ValidationError: ``document.read``, ``document.suffix`` or
            ``document.syntax`` for a file that cannot be read or parsed (the one
            document reader of every loader), and every problem of the document.
    """
    return mapping_from_dict(read_document(path))
