"""The former Hypothesis entry point, kept for installs made before it moved.

The entry point is now ``_kongchuo_hypothesis:_register``, outside the package, so
that loading Hypothesis does not load kongchuo (see that module). An install whose
metadata still names this module keeps working: importing it loads kongchuo, which
registers its strategies itself.
"""

from __future__ import annotations

from _kongchuo_hypothesis import register_loaded


def _register() -> None:
    """Register the strategies of the kongchuo types loaded (all of them, by now)."""
    register_loaded()
