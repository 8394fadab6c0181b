import pickle

import pytest
from hypothesis import given

import kongchuo
from kongchuo import ResidentId, StudentNumber
from kongchuo._identity.numbers import known_resident_id, known_student_number
from kongchuo.testing import resident_ids, student_numbers

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


@given(resident_ids())
def test_compact_undoes_full_width_and_spacing(rid):
    """Any valid number typed full-width with spaces compacts back to itself, reporting both."""
    typed = " ".join((rid.value[:6], rid.value[6:14], rid.value[14:])).translate(FULL_WIDTH)
    compacted = ResidentId.compact(typed)
    assert compacted.value == rid.value
    assert compacted.changes[:2] == ("width", "space")
    assert ResidentId.is_valid(compacted.value)
    assert ResidentId.format(typed).replace(" ", "") == rid.value


def test_compacted_repr_is_masked():
    """The repr of a compacted number never shows the full number."""
    assert "19491231" not in repr(ResidentId.compact("11010519491231002x"))


def test_format_refuses_a_bad_number_with_its_code():
    """`format` parses first, so a wrong check character is reported by code."""
    with pytest.raises(kongchuo.ValidationError, match=r"resident_id\.checksum"):
        ResidentId.format("110105194912310021")


def test_compact_names_its_argument_type():
    """`compact` refuses a non-str with a code."""
    with pytest.raises(kongchuo.ValidationError, match=r"\[type\]"):
        StudentNumber.compact(None)  # type: ignore[arg-type]


def test_student_number_format():
    """A student number formats as the letter and the ID groups."""
    assert StudentNumber.format("g 370983 20150901 0012") == "G 370983 20150901 0012"


@given(resident_ids(), student_numbers())
def test_known_numbers_are_the_parsed_numbers(rid, number):
    """A number built from a parsed value equals the parsed one: value, hash, repr, pickle."""
    for parsed, known in (
        (rid, known_resident_id(rid.value)),
        (number, known_student_number(number.value)),
    ):
        assert type(known) is type(parsed)
        assert known == parsed
        assert hash(known) == hash(parsed)
        assert repr(known) == repr(parsed)
        assert str(known) == str(parsed)
        assert parsed.value[7:14] not in repr(known)
        assert pickle.dumps(known) == pickle.dumps(parsed)
        assert pickle.loads(pickle.dumps(known)) == parsed
    assert known_student_number(number.value).resident_id == number.resident_id
