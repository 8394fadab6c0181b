"""Run the examples in the docs and the narrative corner-case pages as tests.

The README and the Markdown pages under ``docs/`` and ``tests/`` hold ``python``
code blocks; Sybil runs each page's blocks in order, in one namespace per page.
Blocks with ``>>>`` prompts are doctests; blocks without are executed and must not
raise.
"""

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from hypothesis import HealthCheck, settings
from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser

collect_ignore = ["docs/conf.py"]

# Property tests check behaviour, never speed: no per-example deadline and no
# "too slow" health check, so a loaded or slow machine cannot fail them.
settings.register_profile("kongchuo", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("kongchuo")

pytest_collect_file = Sybil(
    parsers=[PythonCodeBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE)],
    patterns=["*.md"],
    excludes=["CHANGELOG.md"],
).pytest()
