"""msgspec's typed path of JSON Lines reads and writes exactly what the general way does.

Every line is read with ``codec="json"`` (the standard library and the dict loaders)
and ``codec="msgspec"`` (typed mirrors and the loaders generated from the same
checks, with the general way for whatever they refuse): the records, or every
problem with its code, path and both messages, must be the same; and both codecs
write the same bytes.
"""

import io
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kongchuo
from kongchuo.batch import read_jsonl, write_jsonl
from kongchuo.testing import (
    attendances,
    children,
    invalid_child_documents,
    invalid_school_documents,
    leaves,
    registrations,
    schools,
    transfers,
)

msgspec = pytest.importorskip("msgspec")


def _outcome(source: object, cls: type, codec: str) -> object:
    """The records read, or every problem as (code, path, message, Chinese message)."""
    try:
        return read_jsonl(source, cls, codec=codec, chunk_size=3)
    except kongchuo.ValidationError as exc:
        return [(p.code, p.path, p.message, p.message_zh) for p in exc.errors]


def _same(lines: list[str], cls: type) -> object:
    """Both codecs read the lines alike, and alike from their UTF-8 bytes where they have them."""
    text = "".join(lines)
    found = _outcome(io.StringIO(text), cls, "json")
    assert _outcome(io.StringIO(text), cls, "msgspec") == found
    try:
        data = text.encode()
    except UnicodeEncodeError:  # a lone surrogate: no UTF-8 bytes
        return found
    for codec in ("json", "msgspec"):
        assert _outcome(io.BytesIO(data), cls, codec) == found
    return found


def _written(models: list[Any]) -> str:
    out = {}
    for codec in ("json", "msgspec"):
        buf = io.StringIO()
        assert write_jsonl(models, buf, codec=codec, chunk_size=2) == len(models)
        out[codec] = buf.getvalue()
        raw = io.BytesIO()
        assert write_jsonl(models, raw, codec=codec, chunk_size=2) == len(models)
        assert raw.getvalue() == out[codec].encode()
    assert out["json"] == out["msgspec"]
    return out["json"]


MODELS = st.sampled_from(
    [
        (kongchuo.Child, children()),
        (kongchuo.School, schools()),
        (kongchuo.Registration, registrations()),
        (kongchuo.Transfer, transfers()),
        (kongchuo.Attendance, attendances()),
        (kongchuo.Leave, leaves()),
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_both_codecs_write_the_same_bytes_and_read_the_same_records(data):
    """For every kind of record, both codecs write the same bytes and read back the records."""
    cls, strategy = data.draw(MODELS)
    models = data.draw(st.lists(strategy, min_size=1, max_size=5))
    text = _written(models)
    assert _same(text.splitlines(keepends=True), cls) == models


def _dumps(doc: object) -> str:
    return json.dumps(doc, ensure_ascii=False) + "\n"


# Mutations of a good document's text, each as a function of (document, draw).
def _unknown_key(doc, draw):
    return _dumps({**doc, draw(st.sampled_from(["extra", "$export", "type", ""])): 1})


def _duplicate_key(doc, draw):
    key = draw(st.sampled_from(sorted(doc)))
    value = draw(st.sampled_from([None, 1, "x", [], {}, doc[key]]))
    text = _dumps(doc)
    first = draw(st.booleans())
    pair = f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
    return text.replace("{", "{" + pair + ", ", 1) if first else text[:-2] + ", " + pair + "}\n"


def _wrong_type(doc, draw):
    key = draw(st.sampled_from(sorted(doc)))
    value = draw(
        st.sampled_from([None, True, 0, 1.0, -1, "", " ", "x", [], ["x"], {}, {"a": 1}, 2.5e300])
    )
    return _dumps({**doc, key: value})


def _version(doc, draw):
    value = draw(st.sampled_from([1, 2, 3, 4, 0, -1, 3.0, "3", True, None, 10**30]))
    return _dumps({**doc, "$schema_version": value})


def _no_version(doc, _draw):
    return _dumps({k: v for k, v in doc.items() if k != "$schema_version"})


def _missing(doc, draw):
    key = draw(st.sampled_from(sorted(doc)))
    return _dumps({k: v for k, v in doc.items() if k != key})


def _text_value(doc, draw):
    key = draw(st.sampled_from(sorted(k for k, v in doc.items() if isinstance(v, str))))
    value = draw(
        st.sampled_from(
            [
                "2015-02-30",
                "2015-9-1",
                "0999-01-01",
                " 张三",
                "\u3000",
                "\t",
                "男",
                "女",
                "Male",
                "male ",
                "x" * 60,
                "370983201509010012",
                "37098320150901001x",
                "G370983201509010012",
                "370983",
                "３７０９８３",
            ]
        )
        | st.text(max_size=12)
    )
    return _dumps({**doc, key: value})


def _raw_text(doc, draw):
    text = _dumps(doc)
    return draw(
        st.sampled_from(
            [
                text.replace('"}', '"\\ud800"}'),
                text.replace('":"', '": "\\ud83d\\ude00', 1),
                text.replace(": 3", ": 3e0", 1),
                text.replace(": 3", ": 123456789012345678901234567890", 1),
                text.replace(": 3", ": " + "9" * 5000, 1),
                text.replace(": 3", ": NaN", 1),
                text.replace(": 3", ": 3.0", 1),
                text[:-2],
                text[:-1] + " x\n",
                "\ufeff" + text,
                "  " + text.rstrip("\n") + "  \n",
                "[" + text.rstrip("\n") + "]\n",
                "null\n",
                '"text"\n',
                text.replace("}", "}" + "\n" + text.rstrip("\n"), 1),
                "[" * 3000 + "]" * 3000 + "\n",
                "\n",
                " \t\r\n",
                "\u3000\n",
                text.rstrip("\n"),
            ]
        )
    )


MUTATIONS = [
    _unknown_key,
    _duplicate_key,
    _wrong_type,
    _version,
    _no_version,
    _missing,
    _text_value,
    _raw_text,
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_lines_give_the_same_records_or_problems(data):
    """Broken, odd and old lines give the same records or problems (codes, paths, messages)."""
    cls, strategy = data.draw(MODELS)
    models = data.draw(st.lists(strategy, min_size=1, max_size=4))
    lines = _written(models).splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(lines) - 1))
        try:  # a line mutated before may no longer be a document
            doc = json.loads(lines[i])
        except (ValueError, RecursionError):
            continue
        if not isinstance(doc, dict) or not doc:
            continue
        lines[i] = data.draw(st.sampled_from(MUTATIONS))(doc, data.draw)
    _same(lines, cls)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        invalid_child_documents(min_problems=1, max_problems=4).map(lambda b: b.value)
        | children().map(kongchuo.to_dict),
        min_size=1,
        max_size=6,
    )
)
def test_invalid_children_give_the_same_problems(docs):
    """Children broken in several fields at once: the same problems from both codecs."""
    _same([_dumps(d) for d in docs], kongchuo.Child)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        invalid_school_documents(min_problems=1, max_problems=3).map(lambda b: b.value),
        min_size=1,
        max_size=4,
    )
)
def test_invalid_schools_give_the_same_problems(docs):
    """Schools broken in several fields at once: the same problems from both codecs."""
    _same([_dumps(d) for d in docs], kongchuo.School)


def test_a_version_1_child_is_migrated_in_its_place():
    """An old line among current ones is migrated and read in its place."""
    kids = [kongchuo.to_dict(c) for c in _examples()]
    old = dict(kids[1])
    old["$schema_version"] = 1
    old["birth"] = old.pop("birth_date")
    lines = [_dumps(kids[0]), _dumps(old), _dumps(kids[2])]
    assert _same(lines, kongchuo.Child) == _examples()


def test_a_line_too_deep_is_a_syntax_problem_for_both_codecs():
    """Nesting deeper than the decoders go is document.syntax, not a RecursionError."""
    found = _same(["[" * 100_000 + "]" * 100_000 + "\n"], kongchuo.Child)
    assert found == [("document.syntax", "$[1]", "this line is not JSON", "该行不是有效的 JSON")]


def test_mixed_classes_in_one_chunk_are_written_the_general_way():
    """A chunk holding two kinds of record is written as to_dicts writes it."""
    kid = _examples()[0]
    school = kongchuo.School(
        code="2137098301",
        name="王瓜店中学",
        kind=kongchuo.SchoolKind.PRIMARY,
        jurisdiction="370983003",
    )
    text = _written([kid, school, kid])
    assert text.splitlines()[1] == json.dumps(
        kongchuo.to_dict(school), ensure_ascii=False, separators=(",", ":")
    )


def _examples() -> list[kongchuo.Child]:
    from hypothesis import find

    return find(st.lists(children(), min_size=3, max_size=3), lambda _: True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        children().map(lambda c: _dumps(kongchuo.to_dict(c)).encode())
        | st.sampled_from(
            [
                b"\xff\n",
                b'{"name": "\xe5\xbc\xa0"}\n',
                b'{"name": "\xed\xa0\x80"}\n',
                b"\xe3\x80\x80\n",
                b"\xc2\xa0 \r\n",
                b"\xef\xbb\xbf{}\n",
                b"\n",
            ]
        ),
        min_size=1,
        max_size=6,
    )
)
def test_binary_lines_read_as_their_utf8_text(lines):
    """Bytes lines read as their UTF-8 text would; a line that is not UTF-8 is named."""
    found = {}
    for codec in ("json", "msgspec"):
        found[codec] = _outcome(io.BytesIO(b"".join(lines)), kongchuo.Child, codec)
        found[codec, "lines"] = _outcome(lines, kongchuo.Child, codec)
    assert len({repr(v) for v in found.values()}) == 1
    texts = []
    for line in lines:
        try:
            texts.append(line.decode())
        except UnicodeDecodeError:
            texts.append(None)
    if None not in texts:
        assert found["json"] == _outcome(io.StringIO("".join(texts)), kongchuo.Child, "json")
    else:
        number = texts.index(None) + 1
        problem = ("document.syntax", f"$[{number}]", "this line is not UTF-8 text")
        assert problem in [p[:3] for p in found["json"]]


def test_a_line_that_is_no_text_is_a_type_problem():
    """A line that is neither str nor bytes is a type problem naming its line."""
    with pytest.raises(kongchuo.ValidationError) as caught:
        read_jsonl(["{}", 3], kongchuo.Child)
    assert [(p.code, p.path) for p in caught.value.errors] == [("type", "$[2]")]


@pytest.mark.parametrize("cls", [{}, [], 3, list[kongchuo.Child], kongchuo.Child.__init__])
@pytest.mark.parametrize("lines", [[], ["{}\n"]])
def test_what_is_no_model_class_is_refused_alike(cls, lines):
    """Something that is not a model class gives the same outcome from both codecs."""
    found = {}
    for codec in ("json", "msgspec"):
        try:
            found[codec] = read_jsonl(lines, cls, codec=codec)
        except kongchuo.ValidationError as exc:
            found[codec] = [(p.code, p.path, p.message) for p in exc.errors]
    assert found["json"] == found["msgspec"]
