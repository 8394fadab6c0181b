"""The kinds of value a policy parameter holds (参数值的类型).

Month-days, age bands, spans of time, thresholds with an explicit "more than" or
"at least", the parties who owe a duty and the ledgers a county keeps. They are
small frozen value objects and enums, validated when built.

Part of the policy layer of the design (docs/design.md).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import enum
from typing import Any, Final

import attrs

from kongchuo._core.args import require_int
from kongchuo._core.enums import LabelledEnum
from kongchuo._core.errors import ValidationError, quote
from kongchuo._core.guard import friendly_init

__all__ = [
    "AgeBand",
    "Comparison",
    "ConsolidationFormula",
    "Ledger",
    "MonthDay",
    "Party",
    "Span",
    "Threshold",
    "TimeUnit",
]


def _int_field(*, min_value: int, max_value: int) -> Any:  # noqa: ANN401 - attrs.field is Any
    def check(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
        name = type(instance).__name__
        if type(value) is not int:
            raise ValidationError(
                "type",
                f"{name}.{attribute.name} must be an integer",
                f"{name}.{attribute.name} 应为整数",
                path=f"$.{attribute.name}",
            )
        if not min_value <= value <= max_value:
            raise ValidationError(
                "value.range",
                f"{name}.{attribute.name} must be {min_value}–{max_value}, got {quote(value)}",
                f"{name}.{attribute.name} 应在 {min_value}–{max_value} 之间，实为 {quote(value)}",
                path=f"$.{attribute.name}",
            )

    return attrs.field(validator=check)


def _check_enum(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:  # noqa: ANN401
    kind = _ENUM_FIELDS[attribute.name]
    if not isinstance(value, kind):
        name = type(instance).__name__
        raise ValidationError(
            "type",
            f"{name}.{attribute.name} must be a {kind.__name__}",
            f"{name}.{attribute.name} 应为 {kind.__name__}",
            path=f"$.{attribute.name}",
        )


@friendly_init
@attrs.frozen(kw_only=True)
class MonthDay:
    """A day of the year without a year, such as 08-31 (月日).

    ``02-29`` is allowed; in a common year it falls on 28 February, as 民法典 第二百零二条
    ends a period on the month's last day when the corresponding day is missing.

    Attributes:
        month: 1–12.
        day: 1–31, and no more than the month has in a leap year.

    Example:
        >>> MonthDay(month=8, day=31).in_year(2025)
        datetime.date(2025, 8, 31)
        >>> MonthDay(month=2, day=29).in_year(2025)
        datetime.date(2025, 2, 28)
        >>> str(MonthDay(month=7, day=20))
        '07-20'
    """

    month: int = _int_field(min_value=1, max_value=12)
    day: int = _int_field(min_value=1, max_value=31)

    def __attrs_post_init__(self) -> None:
        """Refuse days the month never has (04-31, 02-30)."""
        if self.day > _calendar.monthrange(2000, self.month)[1]:
            raise ValidationError(
                "value.range",
                f"month {self.month} has no day {self.day}",
                f"{self.month} 月没有 {self.day} 日",
                path="$.day",
            )

    def __str__(self) -> str:
        """Return ``MM-DD``."""
        return f"{self.month:02d}-{self.day:02d}"

    def in_year(self, year: int) -> dt.date:
        """The date of this month-day in ``year`` (02-29 → 02-28 in a common year)."""
        year = require_int(year, "year", min_value=dt.MINYEAR, max_value=dt.MAXYEAR)
        last = _calendar.monthrange(year, self.month)[1]
        return dt.date(year, self.month, min(self.day, last))


_MAX_AGE: Final = 30


@friendly_init
@attrs.frozen(kw_only=True)
class AgeBand:
    """An inclusive band of ages in full years (年龄段，周岁，含两端).

    Attributes:
        min_age: The youngest age in the band.
        max_age: The oldest age in the band, at least ``min_age``.

    Example:
        >>> band = AgeBand(min_age=6, max_age=15)
        >>> 15 in band, 16 in band
        (True, False)
        >>> str(band)
        '6–15'
    """

    min_age: int = _int_field(min_value=0, max_value=_MAX_AGE)
    max_age: int = _int_field(min_value=0, max_value=_MAX_AGE)

    def __attrs_post_init__(self) -> None:
        """Refuse an empty band."""
        if self.max_age < self.min_age:
            raise ValidationError(
                "value.range",
                f"max_age {self.max_age} is below min_age {self.min_age}",
                f"最大年龄 {self.max_age} 小于最小年龄 {self.min_age}",
                path="$.max_age",
            )

    def __contains__(self, age: object) -> bool:
        """Whether ``age`` (an int) lies in the band, both ends included."""
        return type(age) is int and self.min_age <= age <= self.max_age

    def __str__(self) -> str:
        """Return ``min–max``."""
        return f"{self.min_age}–{self.max_age}"


class TimeUnit(LabelledEnum):
    """The unit a span or a threshold counts in (计量单位).

    Example:
        >>> TimeUnit.SCHOOL_DAY.label_zh
        '在校日'
    """

    DAY = "day", "日"
    WORKDAY = "workday", "工作日"
    SCHOOL_DAY = "school_day", "在校日"
    WEEK = "week", "周"
    MONTH = "month", "月"


@friendly_init
@attrs.frozen(kw_only=True)
class Span:
    """A length of time such as "2 weeks" or "1 working day" (时长).

    Attributes:
        count: How many units, zero or more.
        unit: The :class:`TimeUnit`.

    Example:
        >>> str(Span(count=2, unit=TimeUnit.WEEK))
        '2 week (2周)'
    """

    count: int = _int_field(min_value=0, max_value=10_000)
    unit: TimeUnit = attrs.field(validator=_check_enum)

    def __str__(self) -> str:
        """Return ``count unit (中文)``."""
        return f"{self.count} {self.unit} ({self.count}{self.unit.label_zh})"


class Comparison(LabelledEnum):
    """Whether a threshold is passed by "more than" or by "at least" (比较方式).

    民法典 第一千二百五十九条: "以上、以下、以内、届满" include the number itself;
    "不满、超过、以外" do not.

    Example:
        >>> Comparison.MORE_THAN.holds(5, 5), Comparison.AT_LEAST.holds(5, 5)
        (False, True)
        >>> Comparison.MORE_THAN.label_zh
        '超过'
    """

    MORE_THAN = "more_than", "超过"
    AT_LEAST = "at_least", "不少于"

    def holds(self, count: int, threshold: int) -> bool:
        """Whether ``count`` passes ``threshold`` under this comparison."""
        return count > threshold if self is Comparison.MORE_THAN else count >= threshold


@friendly_init
@attrs.frozen(kw_only=True)
class Threshold:
    """A count that triggers a status, such as "more than 5 school days" (阈值).

    Attributes:
        count: The number in the rule.
        unit: What is counted (school days, calendar days ...).
        comparison: "more than" or "at least": the rule says which.

    Example:
        >>> t = Threshold(count=5, unit=TimeUnit.SCHOOL_DAY, comparison=Comparison.MORE_THAN)
        >>> t.is_met(5), t.is_met(6)
        (False, True)
        >>> str(t)
        'more_than 5 school_day (超过5在校日)'
    """

    count: int = _int_field(min_value=0, max_value=10_000)
    unit: TimeUnit = attrs.field(validator=_check_enum)
    comparison: Comparison = attrs.field(validator=_check_enum)

    def is_met(self, count: int) -> bool:
        """Whether ``count`` units reach the threshold."""
        count = require_int(count, "count", min_value=0)
        return self.comparison.holds(count, self.count)

    def __str__(self) -> str:
        """Return ``comparison count unit (中文)``."""
        zh = f"{self.comparison.label_zh}{self.count}{self.unit.label_zh}"
        return f"{self.comparison} {self.count} {self.unit} ({zh})"


_ENUM_FIELDS: Final[dict[str, type[enum.Enum]]] = {"unit": TimeUnit, "comparison": Comparison}


class Party(LabelledEnum):
    """Who owes a duty: a school, an office or a department (责任主体).

    Each department of the joint control (联控联保) is a party that rules and
    obligations name as the owner of a duty.

    Example:
        >>> Party.TOWN_EDUCATION_OFFICE.label_zh
        '镇街教育办公室'

    References:
        FC-2.1 (联控联保), FC-3.1 (部门职责).
    """

    SCHOOL = "school", "学校"
    TOWN_EDUCATION_OFFICE = "town_education_office", "镇街教育办公室"
    CITY_DIRECT_SCHOOL = "city_direct_school", "市直学校"
    EDUCATION_BUREAU = "education_bureau", "教育行政部门"
    TOWN_GOVERNMENT = "town_government", "乡镇人民政府（街道办事处）"
    PUBLIC_SECURITY = "public_security", "公安"
    RURAL_REVITALIZATION = "rural_revitalization", "扶贫（乡村振兴）"
    DISABLED_PERSONS_FEDERATION = "disabled_persons_federation", "残联"
    CIVIL_AFFAIRS = "civil_affairs", "民政"
    VILLAGE_COMMITTEE = "village_committee", "村（居）民委员会"
    JUSTICE = "justice", "司法行政部门"
    PROCURATORATE = "procuratorate", "人民检察院"
    COURT = "court", "人民法院"
    HUMAN_RESOURCES = "human_resources", "人力资源和社会保障部门"
    MARKET_REGULATION = "market_regulation", "市场监督管理部门"


class Ledger(LabelledEnum):
    """The ledgers a county keeps (台账), "三本台账" of the 2024 national notice.

    Example:
        >>> [ledger.label_zh for ledger in Ledger]
        ['适龄儿童台账', '疑似辍学学生台账', '辍学学生台账']
    """

    SCHOOL_AGE_CHILDREN = "school_age_children", "适龄儿童台账"
    SUSPECTED_DROPOUTS = "suspected_dropouts", "疑似辍学学生台账"
    DROPOUTS = "dropouts", "辍学学生台账"


class ConsolidationFormula(LabelledEnum):
    """How 九年义务教育巩固率 nets its denominator (巩固率计算口径).

    The rate is this year's graduates over the entrants of nine years earlier; the
    sources differ on whether transfers in and out and deaths are netted out of the
    entrants (docs/law.md).

    Example:
        >>> ConsolidationFormula.NET_TRANSFERS.label_zh
        '毕业生数 ÷ (入学人数 + 转入 − 转出)'
    """

    GROSS = "gross", "毕业生数 ÷ 入学人数"
    NET_TRANSFERS = "net_transfers", "毕业生数 ÷ (入学人数 + 转入 − 转出)"
    NET_TRANSFERS_AND_DEATHS = (
        "net_transfers_and_deaths",
        "毕业生数 ÷ (入学人数 + 转入 − 转出 − 死亡)",
    )
