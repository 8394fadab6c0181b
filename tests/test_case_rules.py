"""The case rules of FC-1.2, FC-1.5 and FC-2.5: ledgers, verification, care, findings."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kongchuo.cases import (
    Case,
    CaseKind,
    IdentificationMethod,
    Identified,
    Verified,
    ledger_of,
    ledgers,
)
from kongchuo.policy import FEICHENG, Ledger
from kongchuo.testing import cases

D = dt.date
CST = dt.timezone(dt.timedelta(hours=8))
OPENED = D(2025, 9, 8)
CHECKED = D(2025, 9, 9)


def stamp(day: dt.date) -> dict:
    return {
        "occurred_on": day,
        "recorded_at": dt.datetime(day.year, day.month, day.day, 18, tzinfo=CST),
        "recorded_by": "李老师",
    }


def opened(kind: CaseKind, day: dt.date = OPENED, ref: str = "local-1") -> Case:
    return Case.open(
        case_id=f"FC-{ref}",
        kind=kind,
        jurisdiction="370983003",
        school_code=None if kind is CaseKind.OUT_OF_SCHOOL else "3709830031",
        child_ref=ref,
        identified=Identified(
            **stamp(day), method=IdentificationMethod.SCHOOL_REPORT, found_by="班主任"
        ),
    )


def verified(case: Case, *, confirmed: bool, day: dt.date = CHECKED) -> Case:
    return case.append(Verified(**stamp(day), confirmed=confirmed, finding="核实情况"))


def case_rows(case: Case, as_of: dt.date) -> dict[Ledger, int]:
    views = ledgers([], [case], school_year=2025, as_of=as_of, policy=FEICHENG)
    return {ledger: views[ledger].total for ledger in (Ledger.SUSPECTED_DROPOUTS, Ledger.DROPOUTS)}


class TestLedgerMembership:
    def test_suspected_case_confirmed_moves_to_the_dropout_ledger(self):
        """A suspected dropout verified as a dropout moves to the 辍学学生台账 that day."""
        case = verified(opened(CaseKind.SUSPECTED_DROPOUT), confirmed=True)
        assert ledger_of(case, as_of=D(2025, 9, 8)) is Ledger.SUSPECTED_DROPOUTS
        assert ledger_of(case, as_of=D(2025, 9, 9)) is Ledger.DROPOUTS
        assert case_rows(case, D(2025, 9, 9)) == {
            Ledger.SUSPECTED_DROPOUTS: 0,
            Ledger.DROPOUTS: 1,
        }

    def test_case_verified_as_not_a_dropout_leaves_the_case_ledgers(self):
        """A case verified as not a dropout (经核实排除) is on neither case ledger."""
        for kind in CaseKind:
            case = verified(opened(kind), confirmed=False)
            assert ledger_of(case, as_of=D(2025, 9, 9)) is Ledger.SCHOOL_AGE_CHILDREN
            assert case_rows(case, D(2025, 9, 9)) == {
                Ledger.SUSPECTED_DROPOUTS: 0,
                Ledger.DROPOUTS: 0,
            }

    def test_out_of_school_children_are_on_the_dropout_ledger_by_kind(self):
        """失学 children are listed on the 辍学学生台账, their rows marked out_of_school."""
        case = opened(CaseKind.OUT_OF_SCHOOL)
        views = ledgers([], [case], school_year=2025, as_of=D(2025, 9, 8), policy=FEICHENG)
        (row,) = views[Ledger.DROPOUTS].rows
        assert row.kind is CaseKind.OUT_OF_SCHOOL
        assert views[Ledger.SUSPECTED_DROPOUTS].total == 0

    def test_before_the_case_opens_the_child_is_on_no_case_ledger(self):
        """On a day before identification the case is on no case ledger."""
        case = opened(CaseKind.DROPOUT)
        assert ledger_of(case, as_of=D(2025, 9, 7)) is Ledger.SCHOOL_AGE_CHILDREN

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(case=cases(max_events=10), offset=st.integers(min_value=-3, max_value=40))
    def test_a_case_is_on_exactly_one_ledger_any_day(self, case, offset):
        """At any day a case's ledger is exactly one of the three, and ledgers() agrees."""
        day = D(2025, 9, 8) + dt.timedelta(days=offset)
        ledger = ledger_of(case, as_of=day)
        assert ledger in set(Ledger)
        rows = case_rows(case, day)
        assert sum(rows.values()) == (0 if ledger is Ledger.SCHOOL_AGE_CHILDREN else 1)
        if ledger is not Ledger.SCHOOL_AGE_CHILDREN:
            assert rows[ledger] == 1
