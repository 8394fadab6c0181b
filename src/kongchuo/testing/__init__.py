"""Hypothesis strategies for kongchuo's types, for your own property tests (测试工具).

Needs the ``testing`` extra (``pip install 'kongchuo[testing]'``). Strategies are
plural nouns with keyword-only bounds, in Hypothesis's API style. Every value they
produce is valid: ID numbers carry a region code that existed in the birth year,
a real birth date and a correct check character. The ``invalid_*`` strategies give
near misses for negative tests, each carrying what is wrong with it
(:class:`Invalid`).

Importing Hypothesis also registers these strategies for ``st.from_type`` through
the ``hypothesis`` entry point, so ``st.from_type(kongchuo.ResidentId)`` works.

Example:
    >>> from datetime import date
    >>> from hypothesis import given
    >>> from kongchuo.testing import resident_ids
    >>> @given(resident_ids(min_value=date(2010, 9, 1), max_value=date(2020, 8, 31)))
    ... def test_school_age(rid):
    ...     assert date(2010, 9, 1) <= rid.birth_date <= date(2020, 8, 31)
    >>> test_school_age()
"""

from kongchuo._core.names import publish
from kongchuo.testing._cases import cases, events
from kongchuo.testing._invalid import (
    Invalid,
    invalid_child_documents,
    invalid_notice_documents,
    invalid_resident_ids,
    invalid_school_documents,
    invalid_student_numbers,
)
from kongchuo.testing._models import (
    attendances,
    carers,
    children,
    disabilities,
    guardians,
    leaves,
    memberships,
    registrations,
    schools,
    transfer_steps,
    transfers,
)
from kongchuo.testing._strategies import resident_ids, student_numbers

__all__ = [
    "Invalid",
    "attendances",
    "carers",
    "cases",
    "children",
    "disabilities",
    "events",
    "guardians",
    "invalid_child_documents",
    "invalid_notice_documents",
    "invalid_resident_ids",
    "invalid_school_documents",
    "invalid_student_numbers",
    "leaves",
    "memberships",
    "registrations",
    "resident_ids",
    "schools",
    "student_numbers",
    "transfer_steps",
    "transfers",
]

publish(globals())
