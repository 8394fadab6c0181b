"""Hypothesis entry point of kongchuo: registers its strategies for ``st.from_type``.

Hypothesis calls :func:`_register` when it is imported (entry-point group
``hypothesis``). This module lies outside the ``kongchuo`` package on purpose:
importing anything inside it runs ``kongchuo/__init__.py`` and so loads all of
kongchuo, and loading Hypothesis must not do that. It imports nothing and registers
only the kongchuo types already loaded; ``kongchuo`` and ``kongchuo.cases`` call
:func:`register_loaded` at the end of their own import when Hypothesis is loaded.
So ``st.from_type(kongchuo.ResidentId)`` works whichever is imported first, and
``kongchuo.testing`` (the strategies) is imported only when Hypothesis first asks
for one.
"""

from __future__ import annotations

import sys
from typing import Any

# Public type name -> the strategy of kongchuo.testing that builds it.
_TOP: dict[str, str] = {
    "Attendance": "attendances",
    "Carer": "carers",
    "Child": "children",
    "Disability": "disabilities",
    "GroupMembership": "memberships",
    "Guardian": "guardians",
    "Leave": "leaves",
    "Registration": "registrations",
    "ResidentId": "resident_ids",
    "School": "schools",
    "StudentNumber": "student_numbers",
    "Transfer": "transfers",
    "TransferStep": "transfer_steps",
}
_CASES: dict[str, str] = {"Case": "cases"}


def _register() -> None:
    """The ``hypothesis`` entry point: register what is loaded, import nothing."""
    register_loaded()


def register_loaded() -> None:
    """Register a strategy for every kongchuo type already imported (cheap, idempotent).

    Does nothing until Hypothesis has loaded its strategies, so that importing kongchuo
    never imports Hypothesis.
    """
    strategies = sys.modules.get("hypothesis.strategies")
    if strategies is None:
        return
    for module, table in (("kongchuo", _TOP), ("kongchuo.cases", _CASES)):
        loaded = sys.modules.get(module)
        for type_name, strategy in table.items():
            cls = getattr(loaded, type_name, None)
            if isinstance(cls, type):
                strategies.register_type_strategy(cls, _lazy(strategy))


def _lazy(name: str) -> Any:  # noqa: ANN401 - a Hypothesis strategy factory
    """A factory that imports ``kongchuo.testing`` only when first called."""

    def factory(_type: type) -> Any:  # noqa: ANN401 - a Hypothesis strategy
        from kongchuo import testing  # noqa: PLC0415 - see the module docstring

        return getattr(testing, name)()

    return factory
