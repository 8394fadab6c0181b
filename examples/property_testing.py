"""Property-testing your own app with `kongchuo.testing` (用 Hypothesis 测试你的系统).

Shows: Hypothesis strategies for kongchuo's models (`children`, `resident_ids`,
`cases`) driving tests of an application's own code — here a made-up roster export
that must never print a full ID number and must agree with `is_school_age`. Run it
as a script (it calls the tests once), or point pytest at it.

Run: python examples/property_testing.py
"""

# ruff: noqa: S101 - property tests assert, as pytest tests do

import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kongchuo
from kongchuo.policy import FEICHENG
from kongchuo.testing import cases, children, resident_ids

FULL_ID = re.compile(r"\d{17}[\dX]")
# A shared CI machine can be slow: no deadline, no health check for slow data, and no
# example database left behind beside the script.
RELAXED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)


def roster_line(child: kongchuo.Child, *, school_year: int) -> str:
    """Your application's code: one line of a school-age roster (the code under test)."""
    rid = child.resident_id.masked() if child.resident_id else "无证"
    due = kongchuo.is_school_age(child.birth_date, school_year=school_year, policy=FEICHENG)
    return f"{rid}\t{child.name}\t{'适龄' if due else '非适龄'}"


@settings(RELAXED, max_examples=50)
@given(children(), st.integers(min_value=2020, max_value=2030))
def test_roster_never_leaks_an_id(child: kongchuo.Child, year: int) -> None:
    """Whatever the child, the roster line holds no full ID number."""
    assert FULL_ID.search(roster_line(child, school_year=year)) is None


@settings(RELAXED, max_examples=50)
@given(resident_ids(min_value=dt.date(2010, 9, 1), max_value=dt.date(2019, 8, 31)))
def test_children_born_in_the_band_are_school_age(rid: kongchuo.ResidentId) -> None:
    """Children aged 6 to 15 on 2025-09-01 are school age in 2025 under FEICHENG."""
    assert kongchuo.is_school_age(rid.birth_date, school_year=2025, policy=FEICHENG)


@settings(RELAXED, max_examples=20)
@given(cases())
def test_every_generated_case_log_verifies(case: kongchuo.cases.Case) -> None:
    """Generated case logs are intact, and survive a JSON round trip."""
    assert case.verify().ok
    assert kongchuo.from_json(kongchuo.to_json(case), kongchuo.cases.Case) == case


if __name__ == "__main__":
    for test in (
        test_roster_never_leaks_an_id,
        test_children_born_in_the_band_are_school_age,
        test_every_generated_case_log_verifies,
    ):
        test()
        print(f"passed: {test.__doc__}")
