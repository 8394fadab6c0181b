"""docs/policy.md lists every parameter, generated from the shipped profiles."""

import os
from pathlib import Path

import pytest

from kongchuo.policy import FEICHENG, NATIONAL, describe_parameters, marker
from kongchuo.policy._policy import SPECS

PAGE = Path(__file__).parents[2] / "docs" / "policy.md"
BEGIN = "<!-- begin generated: describe_parameters(NATIONAL, FEICHENG) -->\n"
END = "<!-- end generated -->\n"


def _split(text):
    head, rest = text.split(BEGIN)
    body, tail = rest.split(END)
    return head, body, tail


def test_policy_page_matches_the_profiles():
    """The generated section equals describe_parameters(NATIONAL, FEICHENG)."""
    text = PAGE.read_text(encoding="utf-8")
    head, body, tail = _split(text)
    expected = "\n" + describe_parameters(NATIONAL, FEICHENG) + "\n"
    if os.environ.get("KONGCHUO_UPDATE_DOCS") == "1":
        PAGE.write_text(head + BEGIN + expected + END + tail, encoding="utf-8")
        body = expected
    assert body == expected


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_parameter_has_its_section(name):
    """Each policy field has its own table on the page."""
    assert f"### `{name}`" in PAGE.read_text(encoding="utf-8")


def test_every_value_row_carries_dates_and_marker():
    """Each row names the profile, the day it applies from and cited/reading/default."""
    rows = [
        line
        for line in describe_parameters(NATIONAL, FEICHENG).splitlines()
        if line.startswith(("| national |", "| feicheng |"))
    ]
    count = sum(len(getattr(p, n).values) for p in (NATIONAL, FEICHENG) for n in SPECS)
    assert len(rows) == count
    assert all(f"| {m} |" in row for row in rows for m in [row.split(" | ")[4]])
    assert {row.split(" | ")[4] for row in rows} == {"cited", "reading", "default"}
    assert marker(NATIONAL.dropout_threshold.latest) == "default"
