import io

import pytest

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
