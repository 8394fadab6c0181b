"""Hypothesis entry point: registers kongchuo's strategies for ``st.from_type``.

Hypothesis calls :func:`_register` when it is imported (entry-point group
``hypothesis``). Kept tiny: it maps public types to public strategies, and imports
the strategies only when one is first asked for, because ``kongchuo.testing`` itself
imports Hypothesis.
"""

from __future__ import annotations

from typing import Any


def _register() -> None:
    from hypothesis import strategies as st  # noqa: PLC0415 - only when Hypothesis loads us

    import kongchuo  # noqa: PLC0415 - Hypothesis may load this before kongchuo

    def resident_ids(_type: type) -> st.SearchStrategy[Any]:
        from kongchuo import testing  # noqa: PLC0415 - see the module docstring

        return testing.resident_ids()

    def student_numbers(_type: type) -> st.SearchStrategy[Any]:
        from kongchuo import testing  # noqa: PLC0415 - see the module docstring

        return testing.student_numbers()

    st.register_type_strategy(kongchuo.ResidentId, resident_ids)
    st.register_type_strategy(kongchuo.StudentNumber, student_numbers)

    # Models: each type maps to the strategy of the same plural name, looked up only
    # when Hypothesis first asks for it (see the module docstring).
    models = {
        kongchuo.Attendance: "attendances",
        kongchuo.Carer: "carers",
        kongchuo.Child: "children",
        kongchuo.Disability: "disabilities",
        kongchuo.GroupMembership: "memberships",
        kongchuo.Guardian: "guardians",
        kongchuo.Leave: "leaves",
        kongchuo.Registration: "registrations",
        kongchuo.School: "schools",
        kongchuo.Transfer: "transfers",
        kongchuo.TransferStep: "transfer_steps",
    }
    for cls, name in models.items():
        st.register_type_strategy(cls, _lazy(name))

    from kongchuo import cases  # noqa: PLC0415 - as kongchuo above

    st.register_type_strategy(cases.Case, _lazy("cases"))


def _lazy(name: str) -> Any:  # noqa: ANN401 - a Hypothesis strategy factory
    """A factory that imports ``kongchuo.testing`` only when first called."""

    def factory(_type: type) -> Any:  # noqa: ANN401 - a Hypothesis strategy
        from kongchuo import testing  # noqa: PLC0415 - see the module docstring

        return getattr(testing, name)()

    return factory
