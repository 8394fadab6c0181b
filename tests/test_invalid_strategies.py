"""The ``invalid_*`` strategies: every example is rejected with the advertised codes."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kongchuo import Child, ResidentId, School, StudentNumber, ValidationError, from_dict
from kongchuo.notices import notice_from_dict, notice_from_json
from kongchuo.testing import (
    Invalid,
    invalid_child_documents,
    invalid_notice_documents,
    invalid_resident_ids,
    invalid_school_documents,
    invalid_student_numbers,
)
from kongchuo.testing._invalid import RESIDENT_ID_PROBLEMS, STUDENT_NUMBER_PROBLEMS


def _rejection(parse: object, value: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        parse(value)  # type: ignore[operator]
    return caught.value


@given(invalid_resident_ids())
def test_near_miss_resident_ids_are_rejected_with_their_code(bad: Invalid[str]) -> None:
    """Every near-miss ID is rejected by ResidentId.parse with the advertised code and path."""
    error = _rejection(ResidentId.parse, bad.value)
    assert bad.matches(error), (bad, list(error))


@pytest.mark.parametrize("problem", sorted(RESIDENT_ID_PROBLEMS))
@settings(max_examples=25)
@given(data=st.data())
def test_each_resident_id_problem_is_generated_alone(problem: str, data: st.DataObject) -> None:
    """Asking for one problem yields only that problem, and its code is the one reported."""
    bad = data.draw(invalid_resident_ids(problems=[problem]))
    assert bad.problems == (problem,)
    error = _rejection(ResidentId.parse, bad.value)
    assert error.code == RESIDENT_ID_PROBLEMS[problem]


@given(invalid_student_numbers())
def test_near_miss_student_numbers_are_rejected_with_their_code(bad: Invalid[str]) -> None:
    """Every near-miss student number is rejected with the advertised code."""
    error = _rejection(StudentNumber.parse, bad.value)
    assert bad.matches(error), (bad, list(error))


@pytest.mark.parametrize("problem", sorted(STUDENT_NUMBER_PROBLEMS))
@settings(max_examples=25)
@given(data=st.data())
def test_each_student_number_problem_is_generated_alone(problem: str, data: st.DataObject) -> None:
    """One chosen student-number problem gives its own code."""
    bad = data.draw(invalid_student_numbers(problems=[problem], kinds=["L"]))
    error = _rejection(StudentNumber.parse, bad.value)
    assert error.code == STUDENT_NUMBER_PROBLEMS[problem]


@settings(max_examples=60)
@given(invalid_child_documents(min_problems=1, max_problems=9))
def test_child_documents_report_every_problem_in_one_error(bad: Invalid[dict]) -> None:
    """A child document with k broken fields is rejected with exactly those k problems."""
    assert len(bad.problems) == len(bad.codes) == len(set(bad.paths))
    error = _rejection(lambda doc: from_dict(doc, cls=Child), bad.value)
    assert bad.matches(error), (bad, list(error))


@settings(max_examples=20)
@given(invalid_child_documents(min_problems=3, max_problems=3))
def test_child_documents_have_exactly_k_problems(bad: Invalid[dict]) -> None:
    """min_problems == max_problems == k gives exactly k problems."""
    assert len(bad.problems) == 3


@settings(max_examples=60)
@given(invalid_school_documents(min_problems=1, max_problems=7))
def test_school_documents_report_every_problem_in_one_error(bad: Invalid[dict]) -> None:
    """A school document with k broken fields is rejected with exactly those k problems."""
    assert len(bad.problems) == len(bad.codes) == len(set(bad.paths))
    error = _rejection(lambda doc: from_dict(doc, cls=School), bad.value)
    assert bad.matches(error), (bad, list(error))


@settings(max_examples=20)
@given(invalid_school_documents(min_problems=7, max_problems=7))
def test_school_documents_can_break_every_field(bad: Invalid[dict]) -> None:
    """Seven problems break seven different fields, the name one way only."""
    assert len(set(bad.paths)) == 7
    assert len([p for p in bad.problems if p.startswith("name.")]) == 1


@settings(max_examples=60)
@given(invalid_notice_documents(min_problems=1, max_problems=6))
def test_notice_documents_report_every_problem_in_one_error(bad: Invalid[dict]) -> None:
    """A notice document with k broken fields is rejected with exactly those k problems."""
    assert len(bad.problems) == len(bad.codes) == len(set(bad.paths))
    error = _rejection(notice_from_dict, bad.value)
    assert bad.matches(error), (bad, list(error))
    again = _rejection(notice_from_json, json.dumps(bad.value, ensure_ascii=False))
    assert bad.matches(again), (bad, list(again))


@settings(max_examples=20)
@given(invalid_notice_documents(min_problems=6, max_problems=6))
def test_notice_documents_with_six_problems_are_about_a_child(bad: Invalid[dict]) -> None:
    """Six problems are drawn only from kinds that name the child and hold the ID."""
    assert {"child_id", "child_name.blank"} <= set(bad.problems)
    assert bad.codes[bad.problems.index("child_id")] == "resident_id.checksum"


def test_invalid_repr_masks_the_number() -> None:
    """An Invalid's repr shows the number masked, never in full."""
    bad = Invalid("11010519491231002Y", ("format",), ("resident_id.format",), ("$",))
    assert "19491231" not in repr(bad)
    assert "resident_id.format" in repr(bad)


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: invalid_resident_ids(problems=["nope"]), "problems"),
        (lambda: invalid_resident_ids(problems="length"), "problems"),
        (lambda: invalid_resident_ids(problems=[]), "problems"),
        (lambda: invalid_student_numbers(kinds=["Q"]), "kinds"),
        (lambda: invalid_student_numbers(kinds=[]), "kinds"),
        (lambda: invalid_child_documents(min_problems=0), "min_problems"),
        (lambda: invalid_child_documents(max_problems=99), "max_problems"),
        (lambda: invalid_child_documents(min_problems=3, max_problems=2), "min_problems"),
        (lambda: invalid_child_documents(min_problems=True), "min_problems"),
        (lambda: invalid_school_documents(max_problems=8), "max_problems"),
        (lambda: invalid_school_documents(min_problems=2, max_problems=1), "min_problems"),
        (lambda: invalid_notice_documents(min_problems=0), "min_problems"),
        (lambda: invalid_notice_documents(max_problems=7), "max_problems"),
    ],
)
def test_bad_arguments_name_the_argument(call: object, argument: str) -> None:
    """A bad argument raises testing.argument naming it."""
    with pytest.raises(ValidationError) as caught:
        call()  # type: ignore[operator]
    assert caught.value.code == "testing.argument"
    assert caught.value.path == f"$.{argument}"


def test_arguments_are_keyword_only() -> None:
    """The strategies take keyword arguments only, as Hypothesis's do."""
    with pytest.raises(ValidationError, match="positional") as err:
        invalid_resident_ids(["length"])  # type: ignore[misc]
    assert err.value.code == "arguments.positional"
