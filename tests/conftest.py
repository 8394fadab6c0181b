"""Fixtures shared by the tests."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    """Compare a text with ``tests/golden/<name>``; ``KONGCHUO_UPDATE_GOLDEN=1`` rewrites it.

    Golden files pin whole outputs (messages, codes, paths, dates), so a deliberate
    change shows up as a diff to review.
    """

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if os.environ.get("KONGCHUO_UPDATE_GOLDEN") == "1":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
        assert path.read_text(encoding="utf-8") == text

    return check
