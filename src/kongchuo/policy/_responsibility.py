"""Local responsibility schemes as policy data (责任制), such as the 七长责任制.

The national texts name the responsible bodies (义务教育法 第五、十三条; FC-1.3: the
school holding the registration, its principal first; the bureau with the township
for a child never enrolled). Many localities add a scheme of named office-holders
along two lines, an administrative one (县长 → 乡镇长 → 村长) and an education one
(教育局长 → 校长 → 班主任), with the parents. Such a scheme is local, so it is data:
:class:`ResponsibilityScheme`, one per policy, or ``None``.

Part of the policy layer of the design (docs/design.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import attrs

from kongchuo._core.enums import LabelledEnum
from kongchuo._core.errors import Problem, ValidationError, problem, type_name
from kongchuo._core.guard import friendly_init
from kongchuo.policy._values import Party

__all__ = ["SEVEN_HEADS", "ResponsibilityLine", "ResponsibilityScheme", "SchemeRole"]


class ResponsibilityLine(LabelledEnum):
    """The line a role belongs to in a two-line scheme (双线责任).

    Example:
        >>> ResponsibilityLine.EDUCATION.label_zh
        '教育线'
    """

    ADMINISTRATIVE = "administrative", "行政线"
    EDUCATION = "education", "教育线"
    FAMILY = "family", "家庭"


@friendly_init
@attrs.frozen(kw_only=True)
class SchemeRole:
    """One office-holder in a responsibility scheme (责任人).

    Attributes:
        title_zh: The office, such as ``"校长"``.
        line: The line it belongs to.
        party: The body the office-holder acts for, where there is one.
    """

    title_zh: str
    line: ResponsibilityLine
    party: Party | None = None

    def __attrs_post_init__(self) -> None:
        """Check the fields, all problems at once."""
        problems = []
        title: object = self.title_zh
        line: object = self.line
        party: object = self.party
        if not isinstance(title, str) or not title.strip():
            problems.append(_problem("$.title_zh", "a non-empty title", "非空的职务名称"))
        if not isinstance(line, ResponsibilityLine):
            problems.append(_problem("$.line", "a ResponsibilityLine", "ResponsibilityLine"))
        if party is not None and not isinstance(party, Party):
            problems.append(_problem("$.party", "a Party or None", "Party 或 None"))
        if problems:
            raise ValidationError.of(problems)


def _as_tuple(value: Iterable[SchemeRole]) -> tuple[SchemeRole, ...]:
    # Anything but a list or tuple is left for the check to report with its path.
    return tuple(value) if isinstance(value, (list, tuple)) else value  # type: ignore[return-value]


def _problem(path: str, en: str, zh: str) -> Problem:
    return problem("policy.value", f"expected {en}", f"应为{zh}", path)


@friendly_init
@attrs.frozen(kw_only=True)
class ResponsibilityScheme:
    """A local scheme of named responsible office-holders (责任制).

    Attributes:
        name_zh: Its name, such as ``"七长责任制"``.
        roles: Its office-holders, in the order the scheme lists them.
        source: Where the scheme is laid down.

    Example:
        >>> [r.title_zh for r in SEVEN_HEADS.on_line(ResponsibilityLine.EDUCATION)]
        ['教育局长', '校长', '师长（班主任）']
    """

    name_zh: str
    roles: tuple[SchemeRole, ...] = attrs.field(converter=_as_tuple)
    source: str

    def __attrs_post_init__(self) -> None:
        """Check the fields, all problems at once."""
        problems = []
        name: object = self.name_zh
        source: object = self.source
        if not isinstance(name, str) or not name.strip():
            problems.append(_problem("$.name_zh", "a non-empty name", "非空的名称"))
        roles: object = self.roles
        if not isinstance(roles, tuple):
            problems.append(_problem("$.roles", "a list of SchemeRole", "SchemeRole 的列表"))
        elif not roles:
            problems.append(_problem("$.roles", "at least one role", "至少一个责任人"))
        else:
            problems.extend(
                _problem(f"$.roles[{i}]", "a SchemeRole", "SchemeRole")
                for i, role in enumerate(roles)
                if not isinstance(role, SchemeRole)
            )
        if not isinstance(source, str) or not source.strip():
            problems.append(_problem("$.source", "a non-empty source", "非空的出处"))
        if problems:
            raise ValidationError.of(problems)

    def on_line(self, line: ResponsibilityLine) -> tuple[SchemeRole, ...]:
        """The roles of one line, in order."""
        return tuple(r for r in self.roles if r.line is line)


SEVEN_HEADS: Final = ResponsibilityScheme(
    name_zh="七长责任制",
    roles=(
        SchemeRole(title_zh="县长", line=ResponsibilityLine.ADMINISTRATIVE),
        SchemeRole(
            title_zh="教育局长", line=ResponsibilityLine.EDUCATION, party=Party.EDUCATION_BUREAU
        ),
        SchemeRole(
            title_zh="乡镇长", line=ResponsibilityLine.ADMINISTRATIVE, party=Party.TOWN_GOVERNMENT
        ),
        SchemeRole(
            title_zh="村长", line=ResponsibilityLine.ADMINISTRATIVE, party=Party.VILLAGE_COMMITTEE
        ),
        SchemeRole(title_zh="校长", line=ResponsibilityLine.EDUCATION, party=Party.SCHOOL),
        SchemeRole(title_zh="家长", line=ResponsibilityLine.FAMILY),
        SchemeRole(
            title_zh="师长（班主任）", line=ResponsibilityLine.EDUCATION, party=Party.SCHOOL
        ),
    ),
    source="邯郸市 2018 年控辍保学“七长责任制”（地方做法示例，非全国规定）",
)
"""The 七长责任制 as Handan laid it down in 2018: a worked example for counties that use
it (set it with :func:`attrs.evolve`); neither shipped profile uses it."""


def parse_scheme(raw: object, path: str) -> ResponsibilityScheme:
    """Read a scheme from a JSON or TOML table ``{name_zh, source, roles: [...]}``."""
    if not isinstance(raw, dict) or set(raw) != {"name_zh", "source", "roles"}:
        raise ValidationError(
            "policy.value",
            f"expected a table {{name_zh, source, roles}}, got {type_name(raw)}",
            f"应为包含 name_zh、source、roles 的表，实为 {type_name(raw)}",
            path=path,
        )
    roles = raw["roles"]
    if not isinstance(roles, list):
        raise ValidationError(
            "policy.value", "roles must be a list", "roles 应为列表", path=f"{path}.roles"
        )
    problems: list[Problem] = []
    built: list[SchemeRole] = []
    for i, item in enumerate(roles):
        where = f"{path}.roles[{i}]"
        if not isinstance(item, dict) or not {"title_zh", "line"} <= set(item) <= {
            "title_zh",
            "line",
            "party",
        }:
            problems.append(_problem(where, "a table {title_zh, line, party?}", "角色表"))
            continue
        try:
            line = ResponsibilityLine(item["line"])
            party = None if item.get("party") is None else Party(item["party"])
            built.append(SchemeRole(title_zh=item["title_zh"], line=line, party=party))
        except ValueError as exc:
            if isinstance(exc, ValidationError):
                problems.extend(p.under(where) for p in exc.errors)
            else:
                problems.append(_problem(where, "a known line and party", "已知的线别和责任主体"))
    if problems:
        raise ValidationError.of(problems)
    try:
        return ResponsibilityScheme(
            name_zh=raw["name_zh"], roles=tuple(built), source=raw["source"]
        )
    except ValidationError as exc:
        raise exc.under(path) from None
