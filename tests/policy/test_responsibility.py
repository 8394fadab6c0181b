import datetime as dt

import attrs
import pytest

from kongchuo import ValidationError
from kongchuo.cases import Case, CaseKind, responsible_parties
from kongchuo.policy import (
    FEICHENG,
    NATIONAL,
    SEVEN_HEADS,
    Party,
    ResponsibilityLine,
    ResponsibilityScheme,
    SchemeRole,
    policy_from_toml,
)

DAY = dt.date(2025, 9, 1)
CASE = Case(
    case_id="c1",
    kind=CaseKind.DROPOUT,
    jurisdiction="370983003",
    school_code="3709830031",
    child_ref="local-1",
)


def with_scheme(scheme):
    return attrs.evolve(
        FEICHENG,
        responsibility_scheme=FEICHENG.responsibility_scheme.with_value(
            scheme,
            effective_from=dt.date(2025, 1, 1),
            description="本县实行七长责任制",
            basis=("本县控辍保学实施方案",),
        ),
    )


def test_shipped_profiles_have_no_scheme():
    """Neither shipped profile names a local scheme; the statutory parties stand alone."""
    assert FEICHENG.responsibility_scheme.value_at(DAY) is None
    assert NATIONAL.responsibility_scheme.value_at(DAY) is None
    assert len(responsible_parties(CASE, policy=FEICHENG, as_of=DAY)) == 3


def test_seven_heads_follow_the_statutory_parties():
    """A county's 七长责任制 adds its office-holders, each with its line and unit."""
    parties = responsible_parties(CASE, policy=with_scheme(SEVEN_HEADS), as_of=DAY)
    assert parties[0].party is Party.SCHOOL
    assert parties[0].first
    heads = parties[3:]
    assert [r.title_zh for r in heads] == [
        "县长",
        "教育局长",
        "乡镇长",
        "村长",
        "校长",
        "家长",
        "师长（班主任）",
    ]
    principal = heads[4]
    assert (principal.line, principal.unit) == (ResponsibilityLine.EDUCATION, "3709830031")
    assert heads[5].party is None
    assert "七长责任制" in heads[0].basis


def test_scheme_loads_from_a_policy_file():
    """A county file can set its scheme as a table; bad roles are named by path."""
    text = """
name = "mine"
name_zh = "本县"
base = "feicheng"
[[parameters.responsibility_scheme]]
effective_from = 2025-01-01
description = "七长责任制"
basis = ["本县方案"]
[parameters.responsibility_scheme.value]
name_zh = "七长责任制"
source = "本县方案"
roles = [
  {title_zh = "县长", line = "administrative"},
  {title_zh = "校长", line = "education", party = "school"},
]
"""
    policy = policy_from_toml(text)
    scheme = policy.responsibility_scheme.value_at(DAY)
    assert [r.title_zh for r in scheme.roles] == ["县长", "校长"]
    with pytest.raises(ValidationError) as exc_info:
        policy_from_toml(text.replace('line = "education"', 'line = "sideways"'))
    assert any("roles[1]" in p.path for p in exc_info.value.errors)


def test_bad_scheme_values():
    """A scheme needs a name, roles and a source; roles need a title and a line."""
    with pytest.raises(ValidationError) as exc_info:
        ResponsibilityScheme(name_zh=" ", roles=(), source="")
    assert {p.path for p in exc_info.value.errors} == {"$.name_zh", "$.roles", "$.source"}
    with pytest.raises(ValidationError) as exc_info:
        SchemeRole(title_zh="校长", line="education")
    assert (exc_info.value.code, exc_info.value.path) == ("policy.value", "$.line")
    with pytest.raises(ValidationError) as exc_info:
        responsible_parties(CASE, policy=FEICHENG, as_of=None)
    assert (exc_info.value.code, exc_info.value.path) == ("type", "as_of")
