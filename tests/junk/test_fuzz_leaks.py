"""What the fuzz run (benchmarks/fuzz.py) found, pinned so that it stays fixed.

Each test is one input the fuzzer produced, reduced: a wrong argument to a class
method or a ``kongchuo.regions`` function (Python's ``TypeError`` came out), a
``repr`` that showed a full ID typed into a text field or raised on a value no
``repr`` can show, and a strategy of ``kongchuo.testing`` given a collection it
could not read (``TypeError``, ``MemoryError``).
"""

from __future__ import annotations

import json
import pathlib

import pytest
from hypothesis import given, settings

import kongchuo
from kongchuo import ValidationError, policy, regions, testing
from kongchuo.notices import notice_from_dict

ID = "11010519491231002X"
MASKED = "110105********002X"
OLD = pathlib.Path(__file__).parent.parent / "golden" / "documents"


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: kongchuo.ResidentId.parse("370983201506150034", text="x"), "arguments.duplicate"),
        (kongchuo.StudentNumber.parse, "missing"),
        (lambda: kongchuo.YearArrangement.from_mapping({}, **{ID: 1}), "unknown_key"),
        (lambda: kongchuo.YearArrangement.from_json("{}", x=1), "unknown_key"),
        (lambda: kongchuo.SchoolCalendar.from_toml("", x=1), "unknown_key"),
        (lambda: policy.ParameterHistory.single("a", name="b"), "arguments.duplicate"),
        (kongchuo.Sex.from_label, "missing"),
        (lambda: regions.is_known("370983", code="x"), "arguments.duplicate"),
        (lambda: regions.lookup("370983", **{ID: 1}), "unknown_key"),
        (regions.history, "missing"),
    ],
)
def test_class_methods_and_region_functions_refuse_wrong_arguments_as_validation_errors(call, code):
    """A class method or a regions function given wrong arguments raises ValidationError."""
    with pytest.raises(ValidationError) as info:
        call()
    assert code in {p.code for p in info.value.errors}
    assert ID not in str(info.value)


def test_a_repr_masks_an_id_typed_into_a_text_field():
    """An ID number typed into a free-text field shows masked in the repr of any public class."""
    region = regions.Region(
        code="370983",
        name=ID,
        province="山东省",
        prefecture="泰安市",
        valid_from=1992,
        valid_to=None,
    )
    assert ID not in repr(region)
    assert MASKED in repr(region)


def test_a_notice_loaded_from_an_old_document_masks_an_id_in_its_repr():
    """A version-1 notice with the ID typed into the child's name loads; its repr masks it."""
    line = (OLD / "notices-v1-notice_to_json.jsonl").read_text(encoding="utf-8").splitlines()[0]
    doc = json.loads(line)
    assert doc["$schema_version"] == 1
    doc["child_name"] = ID
    notice = notice_from_dict(doc)
    assert ID not in repr(notice)
    assert ID not in str(notice)


def test_a_repr_never_raises_on_a_value_no_repr_can_show():
    """A record holding a 5,000-digit integer gives a placeholder repr, not a ValueError."""
    region = regions.Region(
        code="370983",
        name="肥城市",
        province="山东省",
        prefecture="泰安市",
        valid_from=10**5000,
        valid_to=None,
    )
    assert repr(region) == "<Region: a value too large or too deeply nested to show>"


@pytest.mark.parametrize(
    ("strategy", "argument", "value"),
    [
        (testing.schools, "kinds", [{"a": 1}]),
        (testing.guardians, "statuses", [[1]]),
        (testing.registrations, "statuses", range(10**12)),
        (testing.memberships, "groups", iter(range(10**12))),
        (testing.cases, "kinds", 0.5),
        (testing.invalid_resident_ids, "problems", object()),
        (testing.invalid_student_numbers, "problems", [{}]),
        (testing.resident_ids, "region_codes", NotImplemented),
    ],
)
def test_a_strategy_refuses_a_collection_it_cannot_read(strategy, argument, value):
    """An unhashable, endless or non-iterable choice is testing.argument, not TypeError."""
    with pytest.raises(ValidationError) as info:
        strategy(**{argument: value})
    assert (info.value.code, info.value.path) == ("testing.argument", f"$.{argument}")


@settings(max_examples=5)
@given(testing.cases(kinds=["dropout"], max_events=0))
def test_a_strategy_takes_enum_members_by_their_values(case):
    """kinds=["dropout"] draws CaseKind.DROPOUT, as kinds=[CaseKind.DROPOUT] does."""
    assert case.kind is kongchuo.cases.CaseKind.DROPOUT
