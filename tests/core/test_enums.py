"""The labelled enum base: labels, reading labels back, and the enum-list reader."""

from __future__ import annotations

import enum
import pickle

import pytest

import kongchuo
import kongchuo.cases
import kongchuo.notices
import kongchuo.policy
import kongchuo.regions
from kongchuo._core.enums import LabelledEnum, from_value, parse_members


def _public_enums() -> list[type[enum.Enum]]:
    found: dict[str, type[enum.Enum]] = {}
    for module in (kongchuo, kongchuo.cases, kongchuo.notices, kongchuo.policy, kongchuo.regions):
        for name in module.__all__:
            value = getattr(module, name)
            if isinstance(value, type) and issubclass(value, enum.Enum):
                found[value.__qualname__] = value
    return sorted(found.values(), key=lambda c: c.__name__)


ENUMS = _public_enums()


def test_every_public_enum_is_labelled() -> None:
    """Every public enum derives from the one labelled base; there are at least 31."""
    assert len(ENUMS) >= 31
    assert [c.__name__ for c in ENUMS if not issubclass(c, LabelledEnum)] == []


@pytest.mark.parametrize("cls", ENUMS, ids=lambda c: c.__name__)
def test_labels_are_distinct_chinese_and_read_back(cls: type[LabelledEnum]) -> None:
    """Each member has its own non-blank Chinese label, and from_label reads it and the value."""
    labels = [m.label_zh for m in cls]
    assert len(set(labels)) == len(labels)
    assert all(label.strip() and not label.isascii() for label in labels)
    for member in cls:
        assert cls.from_label(member.label_zh) is member
        assert cls.from_label(member.value) is member
        assert cls(member.value) is member


def test_from_label_reads_the_sex_of_a_form() -> None:
    """Sex.from_label("男") and Sex.from_label("male") are both the male member."""
    assert kongchuo.Sex.from_label("男") is kongchuo.Sex.MALE
    assert kongchuo.Sex.from_label("male") is kongchuo.Sex.MALE
    assert kongchuo.Sex.from_label(" 女 ") is kongchuo.Sex.FEMALE


def test_from_label_refuses_with_the_chinese_labels() -> None:
    """An unknown label raises enum.unknown; the Chinese message lists the Chinese labels."""
    with pytest.raises(kongchuo.ValidationError, match="male, female") as info:
        kongchuo.Sex.from_label("未知", path="$.sex")
    assert info.value.code == "enum.unknown"
    assert info.value.path == "$.sex"
    assert "男、女" in info.value.message_zh
    assert "male" not in info.value.message_zh


def test_from_label_masks_a_quoted_id_number() -> None:
    """An ID number typed into a label field is masked in the message."""
    with pytest.raises(kongchuo.ValidationError) as info:
        kongchuo.Sex.from_label("11010519491231002X")
    assert "11010519491231002X" not in str(info.value)


def test_documents_hold_values_not_labels() -> None:
    """from_value (the document reading) refuses a Chinese label."""
    with pytest.raises(kongchuo.ValidationError, match="not one of") as info:
        from_value(kongchuo.Sex, "男")
    assert info.value.code == "enum.unknown"


def test_members_pickle_and_compare_as_strings() -> None:
    """Labelled members stay string enums: equal to their value and picklable."""
    member = kongchuo.cases.CaseKind.DROPOUT
    assert member == "dropout"
    assert pickle.loads(pickle.dumps(member)) is member


def test_parse_members_reports_every_bad_item() -> None:
    """The one enum-list reader reports every unknown item with its index."""
    with pytest.raises(kongchuo.ValidationError) as info:
        parse_members(kongchuo.Sex, ["x", "male", "y"], "$.s", code="c", what=("sexes", "性别"))
    assert [p.path for p in info.value.errors] == ["$.s[0]", "$.s[2]"]


def test_parse_members_checks_shape_and_repeats() -> None:
    """Non-lists, empty lists (where refused) and repeats (where refused) carry the given code."""
    what = ("sexes", "性别")
    with pytest.raises(kongchuo.ValidationError, match="non-empty list of sexes") as info:
        parse_members(kongchuo.Sex, [], "$.s", code="c", what=what, non_empty=True)
    assert info.value.code == "c"
    with pytest.raises(kongchuo.ValidationError, match="listed twice") as info:
        parse_members(kongchuo.Sex, ["male", "male"], "$.s", code="c", what=what, unique=True)
    assert info.value.code == "c"
