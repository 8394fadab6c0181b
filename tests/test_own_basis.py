"""A decision's basis comes from the profile that made it (依据以作出决定的配置为准)."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kongchuo import (
    ChinaCalendar,
    Decision,
    check_de_facto_unsupported,
    check_rural_left_behind,
)
from kongchuo.cases import (
    Case,
    CaseKind,
    check_care,
    check_closure,
    check_ledger,
    responsible_parties,
)
from kongchuo.policy import FEICHENG, NATIONAL
from kongchuo.testing import cases, children

CALENDAR = ChinaCalendar()


def _seed_clauses(decision: Decision) -> list[str]:
    cited = [*decision.basis, *(b for f in decision.findings for b in f.basis)]
    return [b for b in cited if b.startswith("FC-")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(max_events=8), later=st.integers(0, 400))
def test_ledger_and_closure_cite_no_seed_clause_under_national(case, later):
    """Under NATIONAL, check_ledger and check_closure cite no FC- clause in any basis."""
    as_of = case.entries[-1].event.occurred_on + dt.timedelta(days=later)
    for rule in (check_ledger, check_closure):
        decision = rule(case, as_of=as_of, policy=NATIONAL, calendar=CALENDAR)
        assert _seed_clauses(decision) == [], rule.__name__


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(max_events=8))
def test_ledger_and_closure_keep_the_seed_clauses_under_feicheng(case):
    """Under FEICHENG, which rests on the seed, the ledger still cites FC-1.2 (三细三实)."""
    as_of = case.entries[-1].event.occurred_on
    decision = check_ledger(case, as_of=as_of, policy=FEICHENG, calendar=CALENDAR)
    assert "FC-1.2" in decision.basis


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(child=children(), later=st.integers(0, 4000))
def test_care_and_special_groups_cite_no_seed_clause_under_national(child, later):
    """Under NATIONAL, check_care and the special-group rules cite no FC- clause."""
    as_of = max(child.birth_date, dt.date(2022, 1, 1)) + dt.timedelta(days=later)
    decisions = [
        check_care(child, plan=None, as_of=as_of, policy=NATIONAL),
        check_de_facto_unsupported(child, as_of=as_of, policy=NATIONAL),
        check_rural_left_behind(child, as_of=as_of, policy=NATIONAL),
    ]
    for decision in decisions:
        assert _seed_clauses(decision) == [], decision.rule
    assert "FC-1.5" in check_care(child, plan=None, as_of=as_of, policy=FEICHENG).basis


def test_responsible_parties_cite_no_seed_clause_under_national():
    """Under NATIONAL the responsible parties rest on the national texts alone."""
    on = dt.date(2025, 10, 1)
    case = Case(
        case_id="c1", kind=CaseKind.OUT_OF_SCHOOL, jurisdiction="370983003", child_ref="local-7"
    )
    national = responsible_parties(case, policy=NATIONAL, as_of=on)
    assert all(not b.startswith("FC-") for r in national for b in r.basis)
    assert national[0].basis == ("义务教育法 第十三条",)
    feicheng = responsible_parties(case, policy=FEICHENG, as_of=on)
    assert "FC-1.3" in feicheng[0].basis
