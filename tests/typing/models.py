"""Pin the documented usage of the models, serialization and strategies (``mypy --strict``).

mypy checks this file; pytest imports it, so every line also runs without error.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

import kongchuo
from kongchuo import testing

mother = kongchuo.Guardian(
    relationship=kongchuo.GuardianRelationship.MOTHER,
    name="李梅",
    phone="13800138000",
    working_away=True,
    carer=kongchuo.Carer(name="王秀兰", relationship=kongchuo.GuardianRelationship.GRANDPARENT),
)
child = kongchuo.Child(
    resident_id=kongchuo.ResidentId.parse("370983201509010012"),
    name="张小明",
    sex=kongchuo.Sex.MALE,
    birth_date=dt.date(2015, 9, 1),
    household_region="370983",
    residence_region="370983",
    jurisdiction="370983003",
    special_groups={kongchuo.SpecialGroup.LEFT_BEHIND},
    guardians=[mother],
    retain_until=dt.date(2034, 8, 31),
)
groups: frozenset[kongchuo.SpecialGroup] = child.special_groups
guardians: tuple[kongchuo.Guardian, ...] = child.guardians
label: str = kongchuo.SpecialGroup.ORPHAN.label_zh
source: str = kongchuo.SpecialGroup.ORPHAN.source

decision: kongchuo.Decision = kongchuo.check_rural_left_behind(child, as_of=dt.date(2024, 9, 1))
unsupported: bool = kongchuo.is_de_facto_unsupported(child, as_of=dt.date(2024, 9, 1))

text: str = kongchuo.to_json(child)
again: kongchuo.Child = kongchuo.from_json(text, kongchuo.Child)
doc: dict[str, Any] = kongchuo.to_dict(child, mask=True)
pseudonymous: dict[str, Any] = kongchuo.to_dict(child, pseudonymise_key=b"0123456789abcdef")
many: list[kongchuo.Child] = kongchuo.from_dicts([kongchuo.to_dict(child)], kongchuo.Child)
docs: list[dict[str, Any]] = kongchuo.to_dicts(many)
school = kongchuo.School(
    code="2137098301",
    name="王瓜店中学",
    kind=kongchuo.SchoolKind.JUNIOR_SECONDARY,
    jurisdiction="370983003",
)
loaded: kongchuo.School = kongchuo.from_dict(kongchuo.to_dict(school), kongchuo.School)
schema: dict[str, Any] = kongchuo.json_schema(kongchuo.Registration)
sensitive: dict[str, str] = kongchuo.sensitive_fields(kongchuo.Leave)
version: int = kongchuo.SCHEMA_VERSION

children: st.SearchStrategy[kongchuo.Child] = testing.children(
    min_value=dt.date(2010, 1, 1), max_value=dt.date(2018, 12, 31), with_resident_id=True
)
leaves: st.SearchStrategy[kongchuo.Leave] = testing.leaves(min_value=dt.date(2024, 9, 1))
transfers: st.SearchStrategy[kongchuo.Transfer] = testing.transfers(max_steps=3)
