"""The import contract: each layer imports only the layers below it.

The layers are those of ``[tool.importlinter]`` in ``pyproject.toml`` (which
``lint-imports`` checks in CI); this test reads the same list and the source's
imports, so that ``pytest`` alone also fails on an upward import.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
CONTRACT = CONFIG["tool"]["importlinter"]["contracts"][0]
LAYERS = [
    frozenset(part.strip() for part in re.split(r"[|:]", layer)) for layer in CONTRACT["layers"]
]
# Below this layer nothing imports the facade ``kongchuo``, which imports everything.
NO_FACADE_FROM = next(i for i, layer in enumerate(LAYERS) if "kongchuo.cases" in layer)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str) -> bool:
    base = SRC.joinpath(*name.split("."))
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def _layer(module: str) -> int | None:
    for index, layer in enumerate(LAYERS):
        if any(module == m or module.startswith(m + ".") for m in layer):
            return index
    return None


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every kongchuo module the file imports (lazy and type-checking imports too)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, a.name) for a in node.names if a.name.startswith("kongchuo"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kongchuo"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.append((node.lineno, sub if _is_module(sub) else str(node.module)))
    return found


SOURCES = sorted((SRC / "kongchuo").rglob("*.py"))


def test_the_contract_names_every_package() -> None:
    """Every module of kongchuo but the facade belongs to a layer of the contract."""
    missing = [_module_name(p) for p in SOURCES if _layer(_module_name(p)) is None]
    assert missing == ["kongchuo"]


@pytest.mark.parametrize("path", SOURCES, ids=_module_name)
def test_no_upward_imports(path: Path) -> None:
    """A module imports only its own layer and those below it, and low layers not the facade."""
    importer = _module_name(path)
    mine = _layer(importer)
    if mine is None:
        return
    wrong = []
    for line, imported in _imports(path):
        theirs = _layer(imported)
        if imported == "kongchuo":
            if mine >= NO_FACADE_FROM:
                wrong.append(f"{importer}:{line} imports the facade kongchuo")
        elif theirs is not None and theirs < mine:
            wrong.append(f"{importer}:{line} imports {imported}, a layer above it")
    assert wrong == []
