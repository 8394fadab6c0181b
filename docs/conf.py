"""Sphinx configuration for the kongchuo documentation site."""

from __future__ import annotations

import pathlib
import sys

import kongchuo

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import traceability

# The traceability page is generated from the code on every build, never by hand.
traceability.write()

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
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
nitpicky = False

# No intersphinx: the docs build runs offline in CI.

html_theme = "furo"
html_title = "kongchuo 控辍保学"
html_static_path: list[str] = []
