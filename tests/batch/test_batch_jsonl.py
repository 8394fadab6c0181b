import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kongchuo
from kongchuo import regions
from kongchuo.batch import (
    Feed,
    intake,
    read_jsonl,
    rows_from_mappings,
    synthetic_feeds,
    write_jsonl,
)
from kongchuo.policy import FEICHENG
from kongchuo.testing import children


def _children():
    county = synthetic_feeds(120, seed=4)
    taken = intake(
        rows_from_mappings(county.rows[Feed.HOUSEHOLD]),
        Feed.HOUSEHOLD,
        source="h",
        as_of=county.as_of,
        policy=FEICHENG,
        jurisdictions=regions.FEICHENG_UNITS,
    )
    return [r.value for r in taken.records]


def test_round_trip_in_small_chunks():
    """Children written as JSON Lines read back equal, whatever the chunk size."""
    children = _children()
    buf = io.StringIO()
    assert write_jsonl(children, buf, chunk_size=7) == len(children)
    text = buf.getvalue()
    assert text.count("\n") == len(children)
    assert read_jsonl(io.StringIO(text), kongchuo.Child, chunk_size=11) == children


def test_bad_lines_named_by_line_number_without_full_ids():
    """Every bad line is reported by its line number, and no message shows a full ID."""
    children = _children()[:3]
    buf = io.StringIO()
    write_jsonl(children, buf)
    lines = buf.getvalue().splitlines()
    full = children[1].resident_id.value
    lines[1] = lines[1].replace(full, full[:-1] + ("0" if full[-1] != "0" else "1"))
    lines.insert(2, "{not json")
    with pytest.raises(kongchuo.ValidationError) as err:
        read_jsonl(lines, kongchuo.Child)
    paths = sorted(p.path for p in err.value.errors)
    assert paths[0] == "$[2].resident_id"
    assert "$[3]" in paths
    assert full[:14] not in str(err.value)


msgspec = pytest.importorskip("msgspec")


@settings(max_examples=25, deadline=None)
@given(st.lists(children(), min_size=1, max_size=5), st.sampled_from(["json", "msgspec"]))
def test_both_codecs_write_the_same_bytes_and_read_the_same_records(kids, reader):
    """The standard library and msgspec write identical lines, read back to the records."""
    written = {}
    for codec in ("json", "msgspec"):
        buf = io.StringIO()
        write_jsonl(kids, buf, codec=codec)
        written[codec] = buf.getvalue()
    assert written["json"] == written["msgspec"]
    assert read_jsonl(io.StringIO(written["json"]), kongchuo.Child, codec=reader) == kids


def test_msgspec_rejects_what_json_rejects_with_the_same_problems():
    """A line msgspec will not decode is read again by json: same problems either way."""
    kid = _children()[0]
    buf = io.StringIO()
    write_jsonl([kid], buf, codec="json")
    text = buf.getvalue() + '{"a": NaN}\n' + "not json\n"
    errors = {}
    for codec in ("json", "msgspec", "auto"):
        with pytest.raises(kongchuo.ValidationError) as caught:
            read_jsonl(io.StringIO(text), kongchuo.Child, codec=codec)
        errors[codec] = [(p.code, p.path) for p in caught.value.errors]
    assert errors["json"] == errors["msgspec"] == errors["auto"]
    assert ("document.syntax", "$[3]") in errors["json"]


def test_unknown_codec_is_rejected():
    """A codec other than auto, json or msgspec is a ValidationError."""
    with pytest.raises(kongchuo.ValidationError, match="codec"):
        write_jsonl([], io.StringIO(), codec="yaml")  # type: ignore[arg-type]
