"""The public-name helper: one way for a facade to give its names their public path.

kongchuo's implementation lives in private modules (``kongchuo._core.errors``,
``kongchuo.cases._case`` ...); users import it from the facades (``kongchuo``,
``kongchuo.cases`` ...). :func:`publish`, called once at the end of each facade,
sets ``__module__`` of every class the facade exports, so that reprs, tracebacks,
pickles and the API reference show ``kongchuo.cases.Case`` rather than the private
path. (Functions keep theirs: nothing shows it, and their doctests run where they
are defined.)

This module stands below every layer of docs/design.md: everything may import it.
"""

from __future__ import annotations

import contextlib
import inspect
import sys
from collections.abc import Mapping
from typing import Any

import attrs

__all__ = ["is_private", "publish"]


def is_private(module: str) -> bool:
    """Whether ``module`` is a private module of kongchuo (a part starts with ``_``).

    Example:
        >>> is_private("kongchuo.cases._case"), is_private("kongchuo.regions")
        (True, False)
    """
    parts = module.split(".")
    return parts[0] == "kongchuo" and any(p.startswith("_") and p != "__init__" for p in parts)


def publish(namespace: Mapping[str, Any]) -> None:
    """Give every class in a facade's ``__all__`` the facade's path.

    Only names that still carry a private path are changed, so a name exported by
    two facades keeps the first one. String annotations of attrs classes are
    resolved first, in the modules that define them: once a class names the public
    path, its private module's names are out of reach. A class keeps its doctests:
    it is listed in its private module's ``__test__``, where doctest finds it and
    its methods.

    Args:
        namespace: The facade's ``globals()``, holding ``__name__`` and ``__all__``.

    Example:
        >>> import kongchuo
        >>> import kongchuo.cases
        >>> kongchuo.ResidentId, kongchuo.cases.Case
        (<class 'kongchuo.ResidentId'>, <class 'kongchuo.cases.Case'>)
    """
    public = namespace["__name__"]
    found = [namespace[name] for name in namespace["__all__"]]
    mine = [obj for obj in found if inspect.isclass(obj) and is_private(obj.__module__)]
    for obj in mine:
        if attrs.has(obj):
            # A name only type checkers know (under TYPE_CHECKING) stays a string.
            with contextlib.suppress(NameError):
                attrs.resolve_types(obj)
    for obj in mine:
        home = sys.modules[obj.__module__]
        home.__dict__.setdefault("__test__", {})[obj.__qualname__] = obj
        obj.__module__ = public
