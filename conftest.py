"""Run the examples in the docs and the narrative corner-case pages as tests.

The README and the Markdown pages under ``docs/`` and ``tests/`` hold ``python``
code blocks; Sybil runs each page's blocks in order, in one namespace per page.
Blocks with ``>>>`` prompts are doctests; blocks without are executed and must not
raise.
"""

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser

collect_ignore = ["docs/conf.py"]

pytest_collect_file = Sybil(
    parsers=[PythonCodeBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE)],
    patterns=["*.md"],
    excludes=["CHANGELOG.md"],
).pytest()
