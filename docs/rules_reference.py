"""Generate ``docs/rules.md``: every rule, its behaviour, parameters, basis and finding codes.

The docs build runs it (``docs/conf.py``). A rule is a public function named
``check_*``, ``is_*`` or ``next_*`` in kongchuo's public modules. Its behaviour,
parameters, basis (``References:``), limits and which way it errs come from its
docstring; its finding codes are read from the code: every code given as the first
argument of a finding or problem built in the rule's function or in the module's
helpers it calls, directly or through others.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pathlib
import re
import sys
from collections.abc import Iterator
from typing import Final

ROOT: Final = pathlib.Path(__file__).resolve().parent.parent
PAGE: Final = ROOT / "docs" / "rules.md"
MODULES: Final = (
    "kongchuo",
    "kongchuo.cases",
    "kongchuo.notices",
    "kongchuo.batch",
    "kongchuo.reports",
)
RULE: Final = re.compile(r"^(check|is|next)_")
CODE: Final = re.compile(r"^[a-z_0-9]+(\.[a-z_0-9]+)+$")
ERRS: Final = re.compile(r"[^.]*\berrs?\b[^.]*\.", re.IGNORECASE)


def rules() -> Iterator[tuple[str, object]]:
    """Every public rule, by qualified name, once (the first module that exports it)."""
    seen: set[int] = set()
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # a layer not built yet
            continue
        for attr in sorted(getattr(module, "__all__", ())):
            obj = getattr(module, attr)
            if inspect.isfunction(obj) and RULE.match(attr) and id(obj) not in seen:
                seen.add(id(obj))
                yield f"{name}.{attr}", obj


def _calls(node: ast.AST) -> set[str]:
    return {
        n.func.id
        for n in ast.walk(node)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    }


def _codes_here(node: ast.AST) -> set[str]:
    found: set[str] = set()
    for n in ast.walk(node):
        if not isinstance(n, ast.Call):
            continue
        args = [a for a in n.args[:1] if isinstance(a, ast.Constant)]
        args += [
            k.value for k in n.keywords if k.arg == "code" and isinstance(k.value, ast.Constant)
        ]
        found |= {a.value for a in args if isinstance(a.value, str) and CODE.match(a.value)}
    return found


def finding_codes(func: object) -> list[str]:
    """The codes a rule's findings may carry, read from its module's code."""
    func = inspect.unwrap(func)  # type: ignore[arg-type] # a facade's friendly wrapper
    source_file = inspect.getsourcefile(func)
    if source_file is None:
        return []
    tree = ast.parse(pathlib.Path(source_file).read_text(encoding="utf-8"))
    functions = {
        n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    start = functions.get(func.__name__)  # type: ignore[attr-defined]
    if start is None:
        return []
    todo, done, codes = [start], set(), set()
    while todo:
        node = todo.pop()
        if node.name in done:
            continue
        done.add(node.name)
        codes |= _codes_here(node)
        todo.extend(functions[c] for c in _calls(node) if c in functions and c not in done)
    # Argument checks (a wrong type, a bad date) are errors, not findings.
    return sorted(c for c in codes if not c.endswith((".type", ".kind")))


def render() -> str:
    """The page's Markdown."""
    lines = [
        "# 规则参考 Rules reference",
        "",
        "Generated from the code by `docs/rules_reference.py` on every docs build. Every",
        "rule returns a {py:class}`~kongchuo.Decision` (or a bool for `is_*`); a rule",
        "never raises to say no. For each: what it decides, its parameters, its basis,",
        "its limits and which way it errs (from its docstring), and the finding codes its",
        "code can produce (read from the code).",
        "",
        "每条规则：行为、参数、依据（条款与法条）、局限与偏向，以及可能产生的发现代码。",
        "",
    ]
    for qualname, func in rules():
        doc = inspect.getdoc(func) or ""
        summary = doc.splitlines()[0] if doc else ""
        errs = ERRS.search(doc)
        codes = finding_codes(func)
        lines += [
            f"## `{qualname.removeprefix('kongchuo.')}`",
            "",
            summary,
            "",
        ]
        if errs:
            lines += [f"**Which way it errs 偏向:** {' '.join(errs.group(0).split())}", ""]
        if codes:
            lines += ["**Finding codes 发现代码:** " + ", ".join(f"`{c}`" for c in codes), ""]
        lines += ["```{eval-rst}", f".. autofunction:: {qualname}", "   :no-index:", "```", ""]
    return "\n".join(lines)


def write() -> None:
    """Write the page (the docs build calls this)."""
    PAGE.write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    write()
    sys.stdout.write(f"wrote {PAGE.relative_to(ROOT)}\n")
