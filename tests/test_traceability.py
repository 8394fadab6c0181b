import pytest


@pytest.fixture(scope="module")
def traceability(docs_script):
    """The generator of the traceability page, loaded from docs/."""
    return docs_script("traceability")


@pytest.fixture(scope="module")
def code(traceability):
    """Clause → the public objects and parameters that cite it."""
    return traceability.code_map()


def test_every_clause_is_implemented(traceability, code):
    """Each FC-x.y clause has a public model, rule or policy parameter that cites it."""
    bare = [c for c, _zh, _en in traceability.CLAUSES if not any(code.get(c, {}).values())]
    assert bare == []


def test_every_clause_is_tested(traceability, code):
    """Each FC-x.y clause has a test that cites it or exercises code that implements it."""
    tests = traceability.test_map(code)
    untested = [c for c, _zh, _en in traceability.CLAUSES if not tests.get(c)]
    assert untested == []


def test_the_code_cites_only_known_clauses(traceability, code):
    """No docstring or parameter cites a clause id the policy does not have."""
    known = {c for c, _zh, _en in traceability.CLAUSES}
    assert set(code) <= known


def test_page_lists_every_clause(traceability):
    """The generated page has a section per clause, with its tests counted."""
    page = traceability.render()
    for clause, zh, _en in traceability.CLAUSES:
        assert f"## {clause} {zh}" in page
