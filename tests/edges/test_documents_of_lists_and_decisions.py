import datetime as dt

import pytest
from hypothesis import given

import kongchuo
from kongchuo import Decision, Finding, Severity
from kongchuo.cases import check_ledger
from kongchuo.demo import sample_case
from kongchuo.policy import FEICHENG
from kongchuo.testing import children


def test_to_json_takes_a_list_as_from_json_does():
    """`to_json([child, ...])` writes an array that `from_json(text, list[Child])` reads back."""
    _case, child, _school = sample_case()
    text = kongchuo.to_json([child, child])
    assert kongchuo.from_json(text, list[kongchuo.Child]) == [child, child]
    assert kongchuo.to_dict((child,)) == [kongchuo.to_dict(child)]


@given(children())
def test_lists_of_children_round_trip(child):
    """Any list of valid children round-trips through `to_json` and `from_json`."""
    assert kongchuo.from_json(kongchuo.to_json([child]), list[kongchuo.Child]) == [child]


def test_a_rule_decision_round_trips_for_an_audit_trail():
    """A ledger decision with findings and basis serialises and loads back equal."""
    case, _child, _school = sample_case()
    decision = check_ledger(case, as_of=dt.date(2025, 10, 15), policy=FEICHENG)
    assert decision.findings
    text = kongchuo.to_json(decision)
    assert kongchuo.from_json(text, Decision) == decision
    many = kongchuo.to_json([decision, decision])
    assert kongchuo.from_json(many, list[Decision]) == [decision, decision]


def test_a_finding_round_trips():
    """A single finding serialises and loads back."""
    finding = Finding(
        code="x.y", message="m", message_zh="中", severity=Severity.WARNING, basis=("FC-1.1",)
    )
    assert kongchuo.from_dict(kongchuo.to_dict(finding), Finding) == finding


def test_a_bad_decision_document_lists_every_problem():
    """A damaged decision document names each bad field with its path, in one pass."""
    doc = {
        "rule": "r",
        "ok": "yes",
        "outcome": 3,
        "findings": [
            {"code": "c", "message": "m"},
            {"code": "c", "message": "m", "message_zh": "z", "severity": "fatal"},
        ],
        "extra": 1,
    }
    with pytest.raises(kongchuo.ValidationError) as info:
        kongchuo.from_dict(doc, Decision)
    paths = {p.path for p in info.value.errors}
    assert "$.extra" in paths
    doc.pop("extra")
    with pytest.raises(kongchuo.ValidationError) as info:
        kongchuo.from_dict(doc, Decision)
    paths = {p.path for p in info.value.errors}
    assert paths == {"$.ok", "$.outcome", "$.findings[0].message_zh", "$.findings[1].severity"}
