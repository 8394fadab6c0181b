"""Junk values: whatever is passed, only a KongchuoError comes out, naming what is wrong.

Values of any type are thrown at the entry points' arguments and at the models'
fields (Hypothesis draws them, or a fixed list of the usual suspects: None, bytes,
lists, floats, text). A test here asserts no more than that the answer is a
:class:`~kongchuo.KongchuoError` (with its code or path where one is certain);
what each function refuses and how it words it is pinned beside the function's
other tests. Hostile input (huge, deep, slow) is in ``test_hostile_input.py``.
"""

from __future__ import annotations

import contextlib
import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kongchuo
from kongchuo import KongchuoError, ResidentId, StudentNumber, ValidationError
from kongchuo.demo import sample_child
from kongchuo.policy import FEICHENG

D = dt.date
CAL = kongchuo.ChinaCalendar()
STAMP = dt.datetime(2026, 11, 29, 1, 0, tzinfo=dt.UTC)
TERMS = (
    kongchuo.Term(kind=kongchuo.TermKind.AUTUMN, start=D(2025, 9, 1), end=D(2026, 1, 23)),
    kongchuo.Term(kind=kongchuo.TermKind.SPRING, start=D(2026, 3, 2), end=D(2026, 7, 10)),
)
SUSPECTS = [None, b"x", [1], 3.5, "text"]


junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=5),
    st.binary(max_size=5),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.datetimes(),
    st.just(object()),
)


def _only_kongchuo_errors(call, *args, **kwargs):
    """Call; a KongchuoError is an answer, any other exception fails the test."""
    with contextlib.suppress(KongchuoError):
        call(*args, **kwargs)


class TestJunkInput:
    @given(junk)
    def test_time_functions_raise_only_kongchuo_errors(self, value):
        """Junk in any argument of the time functions raises a KongchuoError or passes."""
        from kongchuo import age_on, check_school_entry, entry_year, is_school_age, period_end

        calls = [
            lambda: age_on(value, D(2025, 1, 1)),
            lambda: age_on(D(2015, 1, 1), value),
            lambda: is_school_age(value, school_year=2025, policy=FEICHENG),
            lambda: is_school_age(D(2015, 1, 1), school_year=value, policy=FEICHENG),
            lambda: is_school_age(D(2015, 1, 1), school_year=2025, policy=value),
            lambda: entry_year(value, policy=FEICHENG),
            lambda: check_school_entry(
                D(2015, 1, 1), school_year=2025, policy=FEICHENG, disabled=value
            ),
            lambda: period_end(value, days=1),
            lambda: period_end(D(2025, 1, 1), days=value),
            lambda: period_end(D(2025, 1, 1), months=value),
            lambda: period_end(D(2025, 1, 1), workdays=value, calendar=CAL),
            lambda: period_end(D(2025, 1, 1), days=1, calendar=value),
            lambda: CAL.is_workday(value),
        ]
        for call in calls:
            _only_kongchuo_errors(call)

    @given(junk)
    def test_deadline_functions_raise_only_kongchuo_errors(self, value):
        """Junk in any argument of the deadline functions raises a KongchuoError or passes."""
        calls = [
            lambda: kongchuo.monthly_report_due(value, 1, policy=FEICHENG),
            lambda: kongchuo.monthly_report_due(2025, value, policy=FEICHENG),
            lambda: kongchuo.monthly_report_due(2025, 1, policy=value),
            lambda: kongchuo.monthly_report_due(2025, 1, policy=FEICHENG, calendar=value),
            lambda: kongchuo.obligations(value, policy=FEICHENG, terms=TERMS),
            lambda: kongchuo.obligations(2025, policy=FEICHENG, terms=value),
            lambda: kongchuo.obligations(2025, policy=FEICHENG, terms=[value]),
            lambda: kongchuo.to_ics(value, stamp=STAMP),
            lambda: kongchuo.to_ics([value], stamp=STAMP),
            lambda: kongchuo.to_ics([], stamp=value),
        ]
        for call in calls:
            _only_kongchuo_errors(call)

    @given(junk, st.sampled_from(["code", "title", "owners", "opens", "due", "basis"]))
    def test_obligation_fields(self, value, field):
        """A malformed Obligation raises a KongchuoError, never a TypeError later."""
        fields = {
            "code": "x",
            "title": "t",
            "title_zh": "t",
            "owners": (),
            "opens": None,
            "due": D(2025, 1, 1),
            "unrolled_due": D(2025, 1, 1),
            "basis": (),
            field: value,
        }
        _only_kongchuo_errors(kongchuo.Obligation, **fields)

    @given(junk, st.sampled_from(["year", "holidays", "workdays", "source"]))
    def test_calendar_constructors(self, value, field):
        """Junk in a YearArrangement, Term or SchoolCalendar raises a KongchuoError."""
        from kongchuo import YearArrangement

        fields = {"year": 2027, "holidays": (), "workdays": (), "source": "s", field: value}
        _only_kongchuo_errors(YearArrangement, **fields)
        _only_kongchuo_errors(YearArrangement.from_mapping, {field: value})
        _only_kongchuo_errors(kongchuo.SchoolCalendar, school_year=2025, terms=value)
        _only_kongchuo_errors(
            kongchuo.SchoolCalendar.from_mapping, {"school_year": 2025, "terms": value}
        )
        _only_kongchuo_errors(
            kongchuo.Term, kind=kongchuo.TermKind.AUTUMN, start=value, end=D(2026, 1, 1)
        )
        _only_kongchuo_errors(kongchuo.ChinaCalendar, value)

    @given(junk, st.sampled_from(["value", "unit", "description", "basis", "effective_from"]))
    def test_policy_constructors(self, value, field):
        """Junk in a Parameter, history, policy or policy document raises a KongchuoError."""
        from kongchuo.policy import Parameter, ParameterHistory, policy_from_mapping

        fields = {
            "value": 5,
            "unit": "u",
            "description": "d",
            "basis": ("b",),
            "effective_from": D(2020, 1, 1),
            field: value,
        }
        _only_kongchuo_errors(Parameter, **fields)
        _only_kongchuo_errors(ParameterHistory, name="x", values=value)
        _only_kongchuo_errors(attrs.evolve, FEICHENG, census_month=value)
        _only_kongchuo_errors(
            policy_from_mapping,
            {
                "name": "x",
                "name_zh": "x",
                "base": "feicheng",
                "parameters": {
                    "census_month": [{**{k: str(v) for k, v in fields.items()}, field: value}]
                },
            },
        )
        _only_kongchuo_errors(policy_from_mapping, {"name": value, "parameters": value})


@pytest.mark.parametrize("value", [None, 370983201509010012, b"370983201509010012", ["x"]])
def test_a_resident_id_of_the_wrong_type_is_a_validation_error(value):
    """None, ints, bytes and lists raise ValidationError, not TypeError."""
    with pytest.raises(ValidationError) as exc_info:
        ResidentId.parse(value)
    assert exc_info.value.code == "type"
    assert isinstance(exc_info.value, kongchuo.KongchuoError)
    assert isinstance(exc_info.value, ValueError)


def test_is_valid_never_raises():
    """`is_valid` answers False for anything that does not parse, even a non-str."""
    assert ResidentId.is_valid("11010519491231002X")
    assert not ResidentId.is_valid("11010519491231002Y")
    assert not ResidentId.is_valid(None)
    assert not StudentNumber.is_valid(12)


def test_from_label_refuses_other_types() -> None:
    """A non-string raises a ValidationError with the type code, never a TypeError."""
    with pytest.raises(kongchuo.ValidationError, match="got NoneType") as info:
        kongchuo.Sex.from_label(None)
    assert info.value.code == "type"


@pytest.mark.parametrize("bad", SUSPECTS)
def test_a_child_of_wrong_types_is_a_validation_error(bad):
    """None, bytes and lists in place of values give ValidationError, never TypeError."""
    with pytest.raises(ValidationError) as exc_info:
        attrs.evolve(
            sample_child(),
            name=bad,
            birth_date=bad,
            guardians=bad,
            special_groups=bad,
            resident_id=bad,
        )
    expected = {"$.birth_date", "$.guardians", "$.special_groups"}
    if bad is not None:
        expected.add("$.resident_id")
    if bad != "text":
        expected.add("$.name")
    found = [p.path for p in exc_info.value.errors]
    assert all(any(p.startswith(e) for p in found) for e in expected), found
