"""Sphinx configuration for the kongchuo documentation site."""

from __future__ import annotations

import pathlib
import sys

import kongchuo

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import rules_reference
import traceability

# The traceability and rules pages are generated from the code on every build.
traceability.write()
rules_reference.write()

project = "kongchuo"
author = "The kongchuo developers"
copyright = "2026, the kongchuo developers"
release = kongchuo.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]

language = "zh_CN"
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_default_options = {
    "members": True,
    "show-inheritance": True,
    # The hooks through which the model machinery checks a model are not API.
    "exclude-members": "cross_clean, cross_check, cross_fields, check_generic, abstract_model",
}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
nitpicky = False

# No intersphinx: the docs build runs offline in CI.

html_theme = "furo"
html_title = "kongchuo 控辍保学"
html_static_path: list[str] = []


def _public_bases(*args: object) -> None:
    """Show a public ancestor in place of a private base class (kongchuo._x.Y)."""
    bases = args[-1]  # the hook's arguments: app, name, obj, options, bases
    assert isinstance(bases, list)  # noqa: S101 - the hook's contract
    for i, base in enumerate(bases):
        if base.__module__.startswith("kongchuo._"):
            bases[i] = next(b for b in base.__mro__ if not b.__module__.startswith("kongchuo._"))


def setup(app: object) -> None:
    """Register the hooks of this site."""
    app.connect("autodoc-process-bases", _public_bases)  # type: ignore[attr-defined]
