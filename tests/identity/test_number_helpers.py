import pytest
from hypothesis import given

import kongchuo
from kongchuo import ResidentId, StudentNumber
from kongchuo.testing import resident_ids

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
