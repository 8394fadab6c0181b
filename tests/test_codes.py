"""The table of error codes in docs/codes.md matches the codes the package raises."""

import ast
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "kongchuo"
PAGE = ROOT / "docs" / "codes.md"
# Helpers that put a fixed prefix before the code they are given.
PREFIXED = {
    ("_identity/numbers.py", "_fail"): "resident_id.",
    ("_identity/numbers.py", "_student_fail"): "student_number.",
}
RAISERS = {"ValidationError", "_span_error", "problem", "_fail", "_student_fail"}


def _raised() -> set[str]:
    """Every literal code given to ValidationError, Problem or a shorthand of theirs."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in {"Problem", "require_choice"}:
                code = next((k.value for k in node.keywords if k.arg == "code"), None)
            elif name in RAISERS and node.args and not rel.startswith("batch/_cells"):
                code = node.args[0]
            else:
                continue
            if isinstance(code, ast.Constant) and isinstance(code.value, str):
                found.add(PREFIXED.get((rel, name), "") + code.value)
    return found


def _listed() -> set[str]:
    """The codes in the first column of the page's table, families (``<…>``) aside."""
    rows = re.findall(r"^\| `([^`]+)` \|", PAGE.read_text(encoding="utf-8"), re.MULTILINE)
    return {code for code in rows if "<" not in code and "," not in code}


def test_every_code_raised_is_in_the_table():
    """A new error code is added to docs/codes.md with its meaning."""
    assert _raised() - _listed() == set()


def test_every_code_in_the_table_is_raised():
    """The table lists no code the package no longer raises."""
    assert _listed() - _raised() == set()


def test_one_code_for_a_value_of_the_wrong_type():
    """No code but ``type`` means a wrong type (``x.type`` forms are gone)."""
    assert sorted(c for c in _raised() if c.endswith(".type")) == []
