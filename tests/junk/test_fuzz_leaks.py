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
from kongchuo import ValidationError, batch, policy, regions, testing
from kongchuo.notices import notice_from_dict

ID = "11010519491231002X"
MASKED = "110105********002X"
OLD = pathlib.Path(__file__).parent.parent / "golden" / "documents"
DEEP: list[object] = []
for _ in range(5000):
    DEEP = [DEEP]  # nesting no repr can show


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
        (testing.student_numbers, "kinds", [DEEP]),
        (testing.student_numbers, "kinds", "GL"),
        (testing.invalid_student_numbers, "kinds", [DEEP]),
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


@pytest.mark.parametrize(
    ("version", "shown", "shown_zh"),
    [("3", "'3' (str)", "'3'（str）"), (3.0, "3.0 (float)", "3.0（float）")],
)
def test_a_version_that_is_no_integer_is_named_with_its_type(version, shown, shown_zh):
    """'$schema_version': "3" is refused saying an integer is wanted, not "1 to 3, got '3'"."""
    with pytest.raises(ValidationError) as info:
        notice_from_dict({"$schema_version": version, "type": "return"})
    problem = info.value.errors[0]
    assert problem.code == "schema_version.unsupported"
    assert f"an integer from 1 to {kongchuo.SCHEMA_VERSION}, got {shown}" in problem.message
    assert f"1 至 {kongchuo.SCHEMA_VERSION} 的整数；实际为 {shown_zh}" in problem.message_zh


def test_an_event_document_without_its_tag_reads_an_event():
    """The messages of a union's documents take the right article ("an event document")."""
    with pytest.raises(ValidationError) as info:
        kongchuo.from_dict({"$schema_version": 3, ID: 1}, kongchuo.cases.Event)
    assert info.value.code == "missing"
    assert info.value.errors[0].message.startswith("an event document names its type")
    with pytest.raises(ValidationError) as info:
        kongchuo.from_dicts([5], kongchuo.cases.Event)
    assert info.value.errors[0].message.startswith("expected an event document")


def test_a_stored_log_with_a_huge_sequence_number_is_refused_on_load():
    """A sequence number of 5,001 digits is refused by the loader, not a ValueError in verify."""
    doc = json.loads((OLD / "case-v2.json").read_text(encoding="utf-8"))
    doc["entries"][1]["seq"] = 10**5000
    with pytest.raises(ValidationError) as info:
        kongchuo.from_dict(doc, kongchuo.cases.Case)
    assert (info.value.code, info.value.path) == ("sequence", "$.entries[1].seq")


def test_a_census_refuses_parts_of_the_wrong_type_all_at_once():
    """Census(entries=5, rows=[...], columns=...) names all three, not a repr TypeError."""
    with pytest.raises(ValidationError) as info:
        batch.Census(entries=5, rows=[1], columns=iter([]))
    assert [(p.code, p.path) for p in info.value.errors] == [
        ("type", "$.entries"),
        ("type", "$.rows"),
        ("type", "$.columns"),
    ]


def test_a_document_number_refuses_a_sequence_number_no_one_can_write():
    """draft_notice/document_number with seq=10**5000 is a ValidationError, not ValueError."""
    import datetime as dt

    from kongchuo.notices import NoticeKind, document_number

    with pytest.raises(ValidationError) as info:
        document_number(
            NoticeKind.RETURN,
            year=2025,
            seq=10**5000,
            policy=policy.FEICHENG,
            on=dt.date(2025, 9, 10),
        )
    assert (info.value.code, info.value.path) == ("int.range", "seq")


@pytest.mark.parametrize("read", ["read_csv", "read_columns"])
def test_a_table_reader_refuses_an_encoding_that_is_no_str(read):
    """read_csv/read_columns(encoding=["gb18030"]) is a ValidationError at encoding."""
    if read == "read_columns":
        pytest.importorskip("polars")
    with pytest.raises(ValidationError) as info:
        list(getattr(batch, read)(b"a,b\n1,2\n", encoding=["gb18030"]))
    assert (info.value.code, info.value.path) == ("type", "encoding")
