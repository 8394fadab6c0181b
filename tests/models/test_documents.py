"""The one document format: one version scheme, one tagged union, old documents migrated.

The files under ``tests/golden/documents/`` were written by kongchuo before the one
format (schema version 2, notices' own version 1) and are never rewritten: they are
the documents users have stored.
"""

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kongchuo
from kongchuo import ValidationError, notices
from kongchuo import testing as kt
from kongchuo.cases import EVENT_TYPES, Case, Event
from kongchuo.notices import NOTICE_TYPES, Notice, NoticeKind
from kongchuo.notices import examples as notice_examples

OLD = Path(__file__).resolve().parent.parent / "golden" / "documents"
EXAMPLES = notice_examples()
RID = "370983201509010012"


def _lines(name: str) -> list[str]:
    return (OLD / name).read_text(encoding="utf-8").splitlines()


# -- the format --------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(NoticeKind), ids=lambda k: k.value)
def test_a_notice_has_one_document(kind):
    """to_json and notice_to_json write the same text: version, then the "type" tag."""
    notice = EXAMPLES[kind]
    text = kongchuo.to_json(notice)
    assert notices.notice_to_json(notice) == text
    assert notices.notice_to_dict(notice, mask=True) == kongchuo.to_dict(notice, mask=True)
    doc = json.loads(text)
    assert list(doc)[:2] == ["$schema_version", "type"]
    assert doc["$schema_version"] == kongchuo.SCHEMA_VERSION == notices.NOTICE_SCHEMA_VERSION
    assert doc["type"] == kind.value


def test_an_event_written_on_its_own_carries_its_tag():
    """An event's top-level document has its "type", as inside a case's log."""
    event = kongchuo.from_json(_lines("events-v2-in-log.jsonl")[0], Event)
    doc = kongchuo.to_dict(event)
    assert list(doc)[:2] == ["$schema_version", "type"]
    assert doc["type"] == "identified"


# -- old documents -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["notices-v1-notice_to_json.jsonl", "notices-v2-to_json.jsonl"], ids=["v1", "v2"]
)
def test_both_old_notice_forms_load_into_the_same_notice(name):
    """notice_to_json's version 1 ("kind") and to_json's version 2 (untagged) both load."""
    lines = _lines(name)
    assert len(lines) == len(NoticeKind)
    for kind, line in zip(NoticeKind, lines, strict=True):
        expected = EXAMPLES[kind]
        assert notices.notice_from_json(line) == expected
        assert kongchuo.from_json(line, Notice) == expected
        assert kongchuo.from_json(line, NOTICE_TYPES[kind]) == expected
        assert notices.notice_to_json(kongchuo.from_json(line, Notice)) == kongchuo.to_json(
            expected
        )


def test_old_notice_documents_load_in_a_batch():
    """from_dicts reads old and new notice documents of every kind side by side."""
    docs = [json.loads(line) for line in _lines("notices-v1-notice_to_json.jsonl")]
    docs += [json.loads(line) for line in _lines("notices-v2-to_json.jsonl")]
    docs += kongchuo.to_dicts(list(EXAMPLES.values()))
    assert kongchuo.from_dicts(docs, Notice) == list(EXAMPLES.values()) * 3


def test_old_events_load_into_their_class():
    """Events written on their own before version 3 (untagged) load into their class."""
    lines = _lines("events-v2-to_json.jsonl")
    tagged = _lines("events-v2-in-log.jsonl")
    assert len(lines) == len(EVENT_TYPES)
    for (tag, cls), line, in_log in zip(EVENT_TYPES.items(), lines, tagged, strict=True):
        event = kongchuo.from_json(line, cls)
        assert kongchuo.from_dict({"$schema_version": 2, **json.loads(in_log)}, Event) == event
        assert kongchuo.to_dict(event)["type"] == tag


def test_an_old_untagged_event_loads_as_any_event_when_only_one_type_fits():
    """Migration tags an untagged version-2 document with the one type it fits."""
    lines = dict(zip(EVENT_TYPES, _lines("events-v2-to_json.jsonl"), strict=True))
    assert type(kongchuo.from_json(lines["verified"], Event)).__name__ == "Verified"
    with pytest.raises(ValidationError) as info:
        kongchuo.from_json(lines["deceased"], Event)  # moved_away has the same fields
    assert (info.value.code, info.value.path) == ("missing", "$.type")


def test_an_old_case_log_loads_and_verifies():
    """A case log stored as version 2 loads, verifies against its head and grows."""
    text = (OLD / "case-v2.json").read_text(encoding="utf-8")
    head = (OLD / "case-v2.head").read_text(encoding="utf-8").strip()
    assert json.loads(text)["$schema_version"] == 2
    case = kongchuo.from_json(text, Case)
    assert case.verify(expected_head=head).ok
    assert case.head == head
    # Written again in the current version, it still verifies against the same head.
    again = kongchuo.from_json(kongchuo.to_json(case), Case)
    assert json.loads(kongchuo.to_json(case))["$schema_version"] == kongchuo.SCHEMA_VERSION
    assert again.verify(expected_head=head).ok
    last = case.events[-1]
    in_log = dict(zip(EVENT_TYPES, _lines("events-v2-in-log.jsonl"), strict=True))
    marked = kongchuo.from_dict(json.loads(in_log["progress_marked"]), Event)
    grown = case.append(
        attrs.evolve(marked, occurred_on=last.occurred_on, recorded_at=last.recorded_at)
    )
    assert kongchuo.from_json(kongchuo.to_json(grown), Case).verify(expected_head=grown.head).ok


def test_a_changed_old_log_is_still_caught():
    """Editing an event of a stored version-2 log breaks its hash."""
    doc = json.loads((OLD / "case-v2.json").read_text(encoding="utf-8"))
    doc["entries"][1]["event"]["finding"] = "核实不属实"
    case = kongchuo.from_dict(doc, Case)
    assert "log.hash" in case.verify().codes()


# -- versions and tags: the errors -------------------------------------------------


@pytest.mark.parametrize("cls", [Notice, kongchuo.Child, Case, Event])
def test_a_newer_version_is_refused_naming_the_versions_read(cls):
    """A document of a newer version is refused, saying which versions are read."""
    newer = kongchuo.SCHEMA_VERSION + 1
    with pytest.raises(ValidationError) as info:
        kongchuo.from_dict({"$schema_version": newer}, cls)
    assert (info.value.code, info.value.path) == ("schema_version.unsupported", "$.$schema_version")
    problem = info.value.errors[0]
    assert f"1 to {kongchuo.SCHEMA_VERSION}" in problem.message
    assert "newer kongchuo" in problem.message
    assert f"1 至 {kongchuo.SCHEMA_VERSION}" in problem.message_zh
    assert "升级" in problem.message_zh


def test_an_unknown_tag_lists_the_tags_in_both_languages():
    """An unknown "type" is enum.unknown, listing the kinds, in Chinese with their names."""
    with pytest.raises(ValidationError) as info:
        notices.notice_from_dict({"type": "recall"})
    problem = info.value.errors[0]
    assert (problem.code, problem.path) == ("enum.unknown", "$.type")
    assert all(k.value in problem.message for k in NoticeKind)
    assert all(f"{k.value}（{k.label_zh}）" in problem.message_zh for k in NoticeKind)
    with pytest.raises(ValidationError) as info:
        kongchuo.from_dict({"occurred_on": "2025-09-08"}, Event)
    assert info.value.code == "missing"
    assert "复学" in info.value.errors[0].message_zh  # the events' Chinese names


def test_an_unknown_event_type_in_a_log_is_enum_unknown():
    """An event of an unknown type inside a stored log is enum.unknown at its path."""
    doc = json.loads((OLD / "case-v2.json").read_text(encoding="utf-8"))
    doc["entries"][2]["event"]["type"] = "visited"
    with pytest.raises(ValidationError) as info:
        kongchuo.from_dict(doc, Case)
    codes = {(p.code, p.path) for p in info.value.errors}
    assert ("enum.unknown", "$.entries[2].event.type") in codes


def test_another_members_document_is_refused_with_every_problem():
    """A return notice's document loaded as a Reminder names its type and the fields."""
    doc = kongchuo.to_dict(EXAMPLES[NoticeKind.RETURN])
    with pytest.raises(ValidationError) as info:
        kongchuo.from_dict(doc, notices.Reminder)
    first = info.value.errors[0]
    assert (first.code, first.path) == ("enum.unknown", "$.type")
    assert "'return'" in first.message
    assert "催告书" in first.message_zh
    assert len(info.value.errors) > 1  # the fields a Reminder does not have, too


@pytest.mark.parametrize("tag", [["return"], 7, None])
def test_a_tag_of_the_wrong_type_is_type(tag):
    """A "type" that is not a str is the code type, listing the kinds."""
    with pytest.raises(ValidationError) as info:
        notices.notice_from_dict({"type": tag})
    assert (info.value.code, info.value.path) == ("type", "$.type")
    assert "return" in info.value.errors[0].message


def test_messages_never_show_an_id_given_as_a_tag():
    """An ID number typed as a tag is masked in the message."""
    for load in (
        lambda: notices.notice_from_dict({"type": RID}),
        lambda: kongchuo.from_dict({"type": RID}, Event),
        lambda: kongchuo.from_dict({"type": RID}, notices.Reminder),
    ):
        with pytest.raises(ValidationError) as info:
            load()
        text = str(info.value) + repr(info.value.errors)
        assert RID not in text
        assert "370983********0012" in text


def test_an_old_masked_notice_is_refused_as_a_masked_export():
    """A masked notice of version 1 is refused with the masked-export message."""
    line = _lines("notice-v1-masked.json")[0]
    for load in (notices.notice_from_json, lambda t: kongchuo.from_json(t, Notice)):
        with pytest.raises(ValidationError) as info:
            load(line)
        assert info.value.code == "serialization.masked_export"
    masked = notices.notice_to_json(EXAMPLES[NoticeKind.RETURN], mask=True)
    with pytest.raises(ValidationError) as info:
        notices.notice_from_json(masked)
    assert info.value.code == "serialization.masked_export"


def test_bad_json_is_document_syntax_in_both_readers():
    """Text that is not JSON is document.syntax, and a non-text type, for both readers."""
    for load in (notices.notice_from_json, lambda t: kongchuo.from_json(t, Notice)):
        with pytest.raises(ValidationError) as info:
            load("{")
        assert info.value.code == "document.syntax"
        with pytest.raises(ValidationError) as info:
            load(12)
        assert info.value.code == "type"


# -- JSON Schema -------------------------------------------------------------------


@pytest.mark.parametrize(("base", "count"), [(Notice, len(NoticeKind)), (Event, len(EVENT_TYPES))])
def test_a_union_has_one_schema_of_its_members(base, count):
    """json_schema of a family is one of its members, each with its version and tag."""
    schema = kongchuo.json_schema(base)
    assert len(schema["oneOf"]) == count
    for ref in schema["oneOf"]:
        body = schema["$defs"][ref["$ref"].rsplit("/", 1)[1]]
        assert list(body["properties"])[:2] == ["$schema_version", "type"]
        assert "type" in body["required"]
    published = kongchuo.json_schema(base, export="published")
    for ref in published["oneOf"]:
        body = published["$defs"][ref["$ref"].rsplit("/", 1)[1]]
        assert list(body["properties"])[:3] == ["$schema_version", "$export", "type"]
    json.dumps(schema)


# -- round trips -------------------------------------------------------------------

_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
    lambda s: s.strip() == s and s
)


@st.composite
def notices_of(draw, kind):
    """A notice of ``kind``: its example with its number, service and child varied."""
    notice = EXAMPLES[kind]
    changes = {"number": draw(_TEXT)}
    if draw(st.booleans()):
        changes["service"] = None
    if "child_id" in attrs.fields_dict(type(notice)):
        changes["child_id"] = draw(st.none() | kt.resident_ids())
    return attrs.evolve(notice, **changes)


@pytest.mark.parametrize("kind", list(NoticeKind), ids=lambda k: k.value)
@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_notice_round_trips_through_the_one_format(kind, data):
    """Every kind of notice loads back equal, by its class, by Notice and by notice_*."""
    notice = data.draw(notices_of(kind))
    text = kongchuo.to_json(notice)
    assert notices.notice_to_json(notice) == text
    assert kongchuo.from_json(text, Notice) == notice
    assert kongchuo.from_json(text, type(notice)) == notice
    assert notices.notice_from_json(text) == notice
    assert kongchuo.from_dicts([json.loads(text)], Notice) == [notice]


@pytest.mark.parametrize("tag", list(EVENT_TYPES))
@settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_event_round_trips_through_the_one_format(tag, data):
    """Every event type loads back equal, by its class and as any Event."""
    event = data.draw(kt.events(tag, min_value=dt.date(2025, 10, 9)))
    text = kongchuo.to_json(event)
    assert json.loads(text)["type"] == tag
    assert kongchuo.from_json(text, Event) == event
    assert kongchuo.from_json(text, type(event)) == event
    assert kongchuo.from_dicts([json.loads(text)], Event) == [event]


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(kt.cases())
def test_every_case_round_trips_and_verifies(case):
    """A generated case's document loads back equal and its log verifies as stored."""
    loaded = kongchuo.from_json(kongchuo.to_json(case), Case)
    assert loaded == case
    assert loaded.verify(expected_head=case.head).codes() == case.verify().codes()


@pytest.mark.parametrize("codec", ["json", "auto"])
def test_json_lines_carry_the_one_format(codec):
    """Notices go through JSON Lines in the one format; old notice lines read too."""
    import io

    from kongchuo.batch import read_jsonl, write_jsonl

    out = io.StringIO()
    assert write_jsonl(list(EXAMPLES.values()), out, codec=codec) == len(NoticeKind)
    written = [json.loads(line) for line in out.getvalue().splitlines()]
    assert written == [kongchuo.to_dict(n) for n in EXAMPLES.values()]
    assert read_jsonl(io.StringIO(out.getvalue()), Notice, codec=codec) == list(EXAMPLES.values())
    for name in ("notices-v1-notice_to_json.jsonl", "notices-v2-to_json.jsonl"):
        with (OLD / name).open(encoding="utf-8") as lines:
            assert read_jsonl(lines, Notice, codec=codec) == list(EXAMPLES.values())


def test_an_old_event_that_fits_several_types_names_them():
    """A version-2 moved_away or deceased event loaded as any Event names both and their classes."""
    doc = next(d for d in _lines("events-v2-to_json.jsonl") if "confirmed_by" in json.loads(d))
    with pytest.raises(ValidationError) as info:
        kongchuo.from_json(doc, Event)
    problem = info.value.errors[0]
    assert (problem.code, problem.path) == ("missing", "$.type")
    assert "fit moved_away, deceased" in problem.message
    assert "load it as MovedAway or Deceased" in problem.message
    assert "moved_away（迁出）、deceased（死亡）" in problem.message_zh
