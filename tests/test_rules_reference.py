import inspect

import pytest


@pytest.fixture(scope="module")
def reference(docs_script):
    """The generator of the rules reference, loaded from docs/."""
    return docs_script("rules_reference")


def test_every_rule_cites_its_basis(reference):
    """Each check_* and next_* rule's docstring has a References: section (its basis)."""
    bare = [
        name
        for name, func in reference.rules()
        if not name.rsplit(".", 1)[1].startswith("is_")
        and "References:" not in (inspect.getdoc(func) or "")
    ]
    assert bare == []


def test_every_check_rule_has_finding_codes(reference):
    """Each check_* rule can produce findings, and the reference lists their codes."""
    silent = [
        name
        for name, func in reference.rules()
        if name.rsplit(".", 1)[1].startswith("check_") and not reference.finding_codes(func)
    ]
    assert silent == []


def test_page_has_a_section_per_rule(reference):
    """The generated page has a section for every rule, with its autodoc entry."""
    page = reference.render()
    for name, _func in reference.rules():
        assert f".. autofunction:: {name}" in page
