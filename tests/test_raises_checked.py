"""Every ``pytest.raises`` in the tests checks what was raised, not only that it was.

A bare ``with pytest.raises(ValidationError):`` passes whichever problem is
reported, so a test of one error path also passes when another one fires (and a
mutant that changes the code, path or message survives). Each ``pytest.raises``
either gives ``match=`` or binds the exception (``as info``) and uses it after the
block, typically ``assert info.value.code == "..."``. The scan reads the tests'
syntax trees, so it is exact about what it accepts and ignores comments and strings.
"""

import ast
import pathlib

TESTS = pathlib.Path(__file__).parent


def _is_raises(call: ast.expr) -> bool:
    return isinstance(call, ast.Call) and ast.unparse(call.func) in {"pytest.raises", "raises"}


def unchecked_raises(source: str) -> list[int]:
    """The lines of ``pytest.raises`` uses in ``source`` that check nothing about the error."""
    tree = ast.parse(source)
    lines = []
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.Call) and _is_raises(node) and len(node.args) > 1:
                lines.append(node.lineno)  # the call form: pytest.raises(E, f, *args)
            if not isinstance(node, ast.With | ast.AsyncWith):
                continue
            for item in node.items:
                call = item.context_expr
                if not _is_raises(call):
                    continue
                assert isinstance(call, ast.Call)
                if any(k.arg == "match" for k in call.keywords):
                    continue
                name = item.optional_vars
                if isinstance(name, ast.Name) and any(
                    isinstance(use, ast.Name)
                    and use.id == name.id
                    and use.lineno > (node.end_lineno or node.lineno)
                    for use in ast.walk(func)
                ):
                    continue
                lines.append(node.lineno)
    return sorted(set(lines))


def test_scan_flags_bare_raises_and_accepts_checked_ones():
    """The scan flags a bare raises and the call form, and accepts match= or a later check."""
    source = """
def test_bare():
    with pytest.raises(ValidationError):
        f()

def test_bound_but_unused():
    with pytest.raises(ValidationError) as info:
        f()

def test_call_form():
    pytest.raises(ValidationError, f, 1)

def test_match():
    with pytest.raises(ValidationError, match="date.type"):
        f()

def test_code_checked():
    with pytest.raises(ValidationError) as info:
        f()
    assert info.value.code == "date.type"
"""
    assert unchecked_raises(source) == [3, 7, 11]


def test_every_raises_in_the_tests_checks_the_error():
    """No test file has a pytest.raises without match= or a check of the caught error."""
    found = {
        f"{path.relative_to(TESTS)}:{line}"
        for path in sorted(TESTS.rglob("*.py"))
        for line in unchecked_raises(path.read_text(encoding="utf-8"))
    }
    assert not found, "pytest.raises without match= or a check of the error: " + ", ".join(
        sorted(found)
    )
