"""Administrative regions and jurisdictions (行政区划与管辖单位).

Two kinds of place matter to dropout control:

* **Regions** (行政区划): the county-level units of GB/T 2260 whose 6-digit codes
  open every resident ID number. A code names the county where the number was
  first issued, and codes are retired and reused over the years, so each
  :class:`Region` carries the years in which its name was valid. The data is
  python-stdnum's ``stdnum/cn/loc.dat`` (built from the history of codes kept on
  Wikipedia), read once into a table on first use.
* **Jurisdictions** (管辖单位): the units that own the work and that reports group
  by: a county, its towns and street offices (镇街), and units that are not
  statistical units at all, such as a mining area (矿区). A :class:`Jurisdiction`
  has a kind, a parent and says whether its code is an official statistical code.

This module is part of the identity layer of the design (docs/design.md).

References:
    GB/T 2260 (中华人民共和国行政区划代码); 国家统计局 统计用区划代码 (2022);
    FC-1.1 (县域内、镇街及矿区辖区内).

Limitations:
    The region table is only as current as the installed python-stdnum. Town-level
    codes are NBS statistical codes (12 digits in the NBS lists, 9 here), never part
    of an ID number. Re-check the Feicheng towns against newer NBS releases.

Example:
    >>> from kongchuo import regions
    >>> regions.lookup("370983").name
    '肥城市'
    >>> regions.lookup("370922", year=1990).name
    '肥城县'
    >>> regions.lookup("370922", year=2000) is None
    True
    >>> [u.name for u in regions.FEICHENG_UNITS][:3]
    ['新城街道', '老城街道', '王瓜店街道']
"""

from __future__ import annotations

from functools import cache
from typing import Final

import attrs

from kongchuo._core.enums import LabelledEnum
from kongchuo._core.errors import ValidationError, quote, type_name
from kongchuo._core.guard import friendly_init
from kongchuo._core.names import publish

__all__ = [
    "FEICHENG",
    "FEICHENG_UNITS",
    "Jurisdiction",
    "JurisdictionKind",
    "Region",
    "history",
    "is_known",
    "lookup",
]


@friendly_init
@attrs.frozen
class Region:
    """A county-level region of GB/T 2260 during a span of years (县级行政区划).

    Attributes:
        code: The 6-digit code.
        name: The name during this span, such as ``"肥城市"``.
        province: The province's name, such as ``"山东省"``.
        prefecture: The prefecture's name where the data has one, else ``None``.
        valid_from: The first year the name was in use, or ``None`` if not recorded.
        valid_to: The last year the name was in use, or ``None`` if still in use.
    """

    code: str
    name: str
    province: str
    prefecture: str | None = None
    valid_from: int | None = None
    valid_to: int | None = None

    def valid_in(self, year: int) -> bool:
        """Whether the name was in use in ``year``.

        Example:
            >>> Region(
            ...     code="370922", name="肥城县", province="山东省", valid_from=1985, valid_to=1992
            ... ).valid_in(1993)
            False
        """
        if self.valid_from is not None and year < self.valid_from:
            return False
        return not (self.valid_to is not None and year > self.valid_to)


def _parse_span(text: str) -> tuple[int | None, int | None, str]:
    if not text.startswith("["):
        return None, None, text
    span, name = text[1:].split("]", 1)
    start, end = span.split("-")
    return (int(start) if start else None), (int(end) if end else None), name


@cache
def _table() -> dict[str, tuple[Region, ...]]:
    """Read stdnum's region data once into ``code -> spans`` (oldest span first)."""
    from importlib import resources  # noqa: PLC0415 - heavy; read on first use only

    text = resources.files("stdnum.cn").joinpath("loc.dat").read_text(encoding="utf-8")
    table: dict[str, tuple[Region, ...]] = {}
    province = ""
    province_code = ""
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, rest = line.strip().partition(" ")
        field, _, quoted = rest.partition("=")
        value = quoted.strip('"')
        if not line.startswith(" "):
            province_code, province = key, value
            continue
        if field != "county":
            continue
        code = province_code + key
        prefecture_spans = table.get(code[:4] + "00")
        prefecture = prefecture_spans[-1].name if prefecture_spans and key[2:] != "00" else None
        spans = []
        for part in value.split(","):
            start, end, name = _parse_span(part)
            spans.append(
                Region(
                    code=code,
                    name=name,
                    province=province,
                    prefecture=prefecture,
                    valid_from=start,
                    valid_to=end,
                )
            )
        table[code] = tuple(spans)
    return table


def _check_code(code: object) -> str:
    if not isinstance(code, str):
        raise ValidationError(
            "type",
            f"region code must be a str, not {type_name(code)}",
            f"行政区划代码必须是字符串，而不是 {type_name(code)}",
        )
    if len(code) != 6 or not (code.isascii() and code.isdigit()):
        raise ValidationError(
            "region.format",
            f"region code must be 6 ASCII digits, got {len(code)} characters",
            f"行政区划代码必须是 6 位数字，实际为 {len(code)} 个字符",
        )
    return code


def history(code: str) -> tuple[Region, ...]:
    """Return every span recorded for ``code``, oldest first; empty if unknown.

    Raises:
        ValidationError: If ``code`` is not 6 ASCII digits.

    Example:
        >>> [(r.name, r.valid_from, r.valid_to) for r in history("120110")]
        [('东郊区', None, 1991), ('东丽区', 1992, None)]
    """
    return _table().get(_check_code(code), ())


def lookup(code: str, *, year: int | None = None) -> Region | None:
    """Return the region a 6-digit code names, or ``None`` if the data lacks it.

    Args:
        code: A 6-digit GB/T 2260 code.
        year: If given, the span valid in that year; else the most recent span.

    Raises:
        ValidationError: If ``code`` is not 6 ASCII digits, or ``year`` not an int.

    Example:
        >>> lookup("110103", year=2015) is None
        True
        >>> lookup("110103").name
        '崇文区'
    """
    spans = history(code)
    if year is None:
        return spans[-1] if spans else None
    if not isinstance(year, int) or isinstance(year, bool):
        raise ValidationError(
            "region.year",
            f"year must be an int, not {type_name(year)}",
            f"年份必须是整数，而不是 {type_name(year)}",
        )
    for span in reversed(spans):
        if span.valid_in(year):
            return span
    return None


def is_known(code: str, *, year: int | None = None) -> bool:
    """Whether the data knows ``code`` (in ``year``, if given).

    Example:
        >>> is_known("370983", year=2010), is_known("999999")
        (True, False)
    """
    return lookup(code, year=year) is not None


class JurisdictionKind(LabelledEnum):
    """The kind of a jurisdiction (管辖单位类别)."""

    PROVINCE = "province", "省"
    PREFECTURE = "prefecture", "地级市"
    COUNTY = "county", "县（市、区）"
    STREET_OFFICE = "street_office", "街道"
    TOWN = "town", "镇"
    TOWNSHIP = "township", "乡"
    MINING_AREA = "mining_area", "矿区"
    OTHER = "other", "其他"


def _non_empty(_inst: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(
            f"jurisdiction.{attribute.name}",
            f"{attribute.name} must be a non-empty str, not {quote(value)}",
            f"{attribute.name} 必须是非空字符串，实际为 {quote(value)}",
            path=f"$.{attribute.name}",
        )


_KINDS: Final = {k.value: k for k in JurisdictionKind}


def _kind(value: object) -> JurisdictionKind:
    found = _KINDS.get(value) if isinstance(value, str) else None
    if found is None:
        # Looked up, not called: the enum's own error would quote the value whole.
        known = ", ".join(k.value for k in JurisdictionKind)
        raise ValidationError(
            "jurisdiction.kind",
            f"kind must be one of {known}; got {quote(value)}",
            f"类别必须是 {known} 之一，实际为 {quote(value)}",
            path="$.kind",
        )
    return found


@friendly_init
@attrs.frozen(kw_only=True)
class Jurisdiction:
    """A unit that owns dropout-control work and that reports group by (管辖单位).

    Attributes:
        code: Its code. For statistical units, the NBS code (6 digits for a county, 9
            for a town or street office); for others, a code the county assigns.
        name: Its name, such as ``"王瓜店街道"``.
        kind: What kind of unit it is.
        parent: The parent unit's code (a town's county), or ``None`` at the top.
        statistical: Whether ``code`` is an official statistical code. A mining area
            (矿区) is not a statistical unit and has a local code.

    Example:
        >>> town = Jurisdiction(
        ...     code="370983003",
        ...     name="王瓜店街道",
        ...     kind=JurisdictionKind.STREET_OFFICE,
        ...     parent="370983",
        ... )
        >>> town.kind.label_zh
        '街道'
    """

    code: str = attrs.field(validator=_non_empty)
    name: str = attrs.field(validator=_non_empty)
    kind: JurisdictionKind = attrs.field(converter=_kind)
    parent: str | None = None
    statistical: bool = True


FEICHENG: Final = Jurisdiction(
    code="370983", name="肥城市", kind=JurisdictionKind.COUNTY, parent="370900"
)
"""肥城市 (Feicheng, a county-level city of 泰安市, Shandong)."""

_FEICHENG_TOWNS: Final = (
    ("001", "新城街道", JurisdictionKind.STREET_OFFICE),
    ("002", "老城街道", JurisdictionKind.STREET_OFFICE),
    ("003", "王瓜店街道", JurisdictionKind.STREET_OFFICE),
    ("004", "仪阳街道", JurisdictionKind.STREET_OFFICE),
    ("101", "潮泉镇", JurisdictionKind.TOWN),
    ("103", "桃园镇", JurisdictionKind.TOWN),
    ("104", "王庄镇", JurisdictionKind.TOWN),
    ("105", "湖屯镇", JurisdictionKind.TOWN),
    ("106", "石横镇", JurisdictionKind.TOWN),
    ("107", "安临站镇", JurisdictionKind.TOWN),
    ("108", "孙伯镇", JurisdictionKind.TOWN),
    ("109", "安驾庄镇", JurisdictionKind.TOWN),
    ("111", "边院镇", JurisdictionKind.TOWN),
    ("113", "汶阳镇", JurisdictionKind.TOWN),
)

FEICHENG_UNITS: Final[tuple[Jurisdiction, ...]] = (
    *(
        Jurisdiction(code=FEICHENG.code + suffix, name=name, kind=kind, parent=FEICHENG.code)
        for suffix, name, kind in _FEICHENG_TOWNS
    ),
    Jurisdiction(
        code="370983-KQ",
        name="矿区",
        kind=JurisdictionKind.MINING_AREA,
        parent=FEICHENG.code,
        statistical=False,
    ),
)
"""The 14 towns and street offices of 肥城市 (NBS 2022 codes) and its mining area.

The mining area (矿区) has its own education office in FC-1.1 and FC-2.5 but is not
an NBS unit; its code ``370983-KQ`` is kongchuo's, chosen so that it can never
collide with a statistical code.
"""

# Wrong arguments to the functions are a ValidationError, as everywhere (the
# friendly call of kongchuo._core.names.publish); doctest still finds their examples.
__test__ = {"history": history, "lookup": lookup, "is_known": is_known}
publish(globals())
