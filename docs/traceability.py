"""Generate ``docs/traceability.md``: each policy clause, the code and the tests behind it.

The docs build runs it (``docs/conf.py``), so the page always matches the code;
``python docs/traceability.py`` writes it by hand. ``tests/test_traceability.py``
fails when a clause has no model, rule or parameter, or no test.

How the map is drawn, from the code alone:

* **code**: every public class and function of kongchuo's public modules whose
  docstring cites the clause (``FC-x.y``), and every parameter of the ``FEICHENG``
  profile whose basis cites it;
* **tests**: every test function under ``tests/`` that cites the clause, or that
  calls (by name) one of the public objects found for it.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pathlib
import re
import sys
from collections import defaultdict
from typing import Final

ROOT: Final = pathlib.Path(__file__).resolve().parent.parent
PAGE: Final = ROOT / "docs" / "traceability.md"
CLAUSE: Final = re.compile(r"FC-\d\.\d")

CLAUSES: Final = (
    ("FC-1.1", "准确掌握底数", "the July census of children aged 6–15 and the special groups"),
    ("FC-1.2", "完善工作台账", "a “三细三实” ledger per child"),
    ("FC-1.3", "做好劝返复学", "persuasion back to school, 一人一案"),
    ("FC-1.4", "规范学籍管理", "人籍一致: no 借读, no 空挂学籍"),
    ("FC-1.5", "加强关爱服务", "mentoring and care plans (一生一案)"),
    ("FC-2.1", "联控联保", "joint control by the departments"),
    ("FC-2.2", "信息共享", "the departments' data shared by mid-July"),
    ("FC-2.3", "入学通知书制度", "enrolment and return notices"),
    ("FC-2.4", "强制入学", "批评教育、责令限期改正, then the judicial route"),
    ("FC-2.5", "动态监测", "term census, monthly report, 销号"),
    ("FC-3.1", "部门职责", "each department's duties"),
    ("FC-3.2", "宣传引导", "publicity and the letter to parents"),
    ("FC-3.3", "责任追究", "accountability"),
)
"""The clauses of the Feicheng policy (the seed's account), by id."""

MODULES: Final = (
    "kongchuo",
    "kongchuo.cases",
    "kongchuo.notices",
    "kongchuo.policy",
    "kongchuo.regions",
    "kongchuo.batch",
    "kongchuo.reports",
)


def _public_objects() -> dict[str, object]:
    found: dict[str, object] = {}
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # a layer not built yet
            continue
        for attr in getattr(module, "__all__", ()):
            obj = getattr(module, attr)
            if inspect.isclass(obj) or inspect.isfunction(obj):
                found.setdefault(attr, obj)
                found[f"{name}.{attr}"] = obj
    return {k: v for k, v in found.items() if "." in k}


def _cited(doc: str) -> set[str]:
    """The clauses a docstring cites, leaving out its examples (which may quote any)."""
    kept: list[str] = []
    skip_under: int | None = None
    for line in doc.splitlines():
        indent = len(line) - len(line.lstrip())
        if skip_under is not None:
            if not line.strip() or indent > skip_under:
                continue
            skip_under = None
        if line.strip() in {"Example:", "Examples:"}:
            skip_under = indent
            continue
        kept.append(line)
    return set(CLAUSE.findall("\n".join(kept)))


def code_map() -> dict[str, dict[str, set[str]]]:
    """Clause → {"classes", "functions", "parameters"} → qualified names."""
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for qualname, obj in _public_objects().items():
        kind = "classes" if inspect.isclass(obj) else "functions"
        for clause in _cited(inspect.getdoc(obj) or ""):
            out[clause][kind].add(qualname)
    from kongchuo.policy import FEICHENG, ParameterHistory  # noqa: PLC0415

    for field in FEICHENG.__attrs_attrs__:  # type: ignore[attr-defined]
        history = getattr(FEICHENG, field.name)
        if isinstance(history, ParameterHistory):
            for parameter in history.values:
                for clause in set(CLAUSE.findall(" ".join(parameter.basis))):
                    out[clause]["parameters"].add(f"FEICHENG.{field.name}")
    return out


def _names_used(node: ast.AST) -> set[str]:
    names: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            names.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            names.add(sub.attr)
    return names


def test_map(code: dict[str, dict[str, set[str]]]) -> dict[str, set[str]]:
    """Clause → the tests that cite it or use an object implementing it."""
    by_name: dict[str, set[str]] = defaultdict(set)
    for clause, kinds in code.items():
        for kind in ("classes", "functions"):
            for qualname in kinds.get(kind, ()):
                by_name[qualname.rsplit(".", 1)[1]].add(clause)
    out: dict[str, set[str]] = defaultdict(set)
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                test_id = f"{path.relative_to(ROOT).as_posix()}::{node.name}"
                text = ast.get_source_segment(source, node) or ""
                clauses = set(CLAUSE.findall(text))
                for name in _names_used(node):
                    clauses |= by_name.get(name, set())
                for clause in clauses:
                    out[clause].add(test_id)
    return out


def _cell(names: set[str], limit: int = 12) -> str:
    shown = sorted(names)
    text = ", ".join(f"`{n}`" for n in shown[:limit])
    if len(shown) > limit:
        text += f" and {len(shown) - limit} more"
    return text or "—"


def render() -> str:
    """The page's Markdown."""
    code = code_map()
    tests = test_map(code)
    lines = [
        "# 条款追溯 Traceability",
        "",
        "Generated from the code by `docs/traceability.py` (do not edit by hand): for",
        "each clause of the Feicheng policy, the public classes and functions whose",
        "docstrings cite it, the `FEICHENG` parameters whose basis cites it, and the",
        "tests that cite it or exercise those objects. `tests/test_traceability.py`",
        "fails when a clause has no code or no test.",
        "",
        "对肥城市政策的每一条款，列出引用它的公开类与函数、依据中引用它的 `FEICHENG`",
        "政策参数，以及引用它或调用上述对象的测试。本页由代码生成。",
        "",
    ]
    for clause, zh, en in CLAUSES:
        kinds = code.get(clause, {})
        lines += [
            f"## {clause} {zh}",
            "",
            f"{en}.",
            "",
            f"- **models and types 模型**: {_cell(kinds.get('classes', set()))}",
            f"- **rules and functions 规则**: {_cell(kinds.get('functions', set()))}",
            f"- **parameters 参数**: {_cell(kinds.get('parameters', set()))}",
            (
                f"- **tests 测试** ({len(tests.get(clause, ()))}): "
                f"{_cell(tests.get(clause, set()), limit=8)}"
            ),
            "",
        ]
    return "\n".join(lines)


def write() -> None:
    """Write the page (the docs build calls this)."""
    PAGE.write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    write()
    sys.stdout.write(f"wrote {PAGE.relative_to(ROOT)}\n")
