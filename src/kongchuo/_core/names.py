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
import enum
import importlib
import inspect
import sys
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

import attrs

from kongchuo._core.guard import friendly_call, friendly_init, friendly_methods, masked_reprs

__all__ = ["is_private", "lazy", "publish"]


def is_private(module: str) -> bool:
    """Whether ``module`` is a private module of kongchuo (a part starts with ``_``).

    Example:
        >>> is_private("kongchuo.cases._case"), is_private("kongchuo.regions")
        (True, False)
    """
    parts = module.split(".")
    return parts[0] == "kongchuo" and any(p.startswith("_") and p != "__init__" for p in parts)


def _constructed(obj: object) -> bool:
    # A public class that callers construct: not an enum, an error or a protocol.
    return (
        inspect.isclass(obj)
        and obj.__module__.startswith("kongchuo")
        and not issubclass(obj, enum.Enum | BaseException)
        and not getattr(obj, "_is_protocol", False)
    )


def publish(namespace: MutableMapping[str, Any]) -> None:
    """Give every class in a facade's ``__all__`` the facade's path.

    Only names that still carry a private path are changed, so a name exported by
    two facades keeps the first one. String annotations of attrs classes are
    resolved first, in the modules that define them: once a class names the public
    path, its private module's names are out of reach. A class keeps its doctests:
    it is listed in its private module's ``__test__``, where doctest finds it and
    its methods.

    Every public class but enums, errors and protocols also gets the friendly
    constructor (:func:`~kongchuo._core.guard.friendly_init`), every public
    function a friendly call (:func:`~kongchuo._core.guard.friendly_call`, the
    facade holding the wrapper), and every public class or static method of a
    public class, enums included, one too
    (:func:`~kongchuo._core.guard.friendly_methods`): wrong arguments are a
    :class:`~kongchuo.ValidationError` naming each one, with one behaviour for
    positional arguments everywhere. The ``repr`` of every public class but enums
    and errors passes through the ID mask and never raises
    (:func:`~kongchuo._core.guard.masked_reprs`).

    Args:
        namespace: The facade's ``globals()``, holding ``__name__`` and ``__all__``.

    Example:
        >>> import kongchuo
        >>> import kongchuo.cases
        >>> kongchuo.ResidentId, kongchuo.cases.Case
        (<class 'kongchuo.ResidentId'>, <class 'kongchuo.cases.Case'>)
    """
    public = namespace["__name__"]
    # Names a facade loads on first use (see lazy) are published when they load.
    for name in namespace["__all__"]:
        if name in namespace:
            namespace[name] = _called(public, namespace[name])
    found = [namespace[name] for name in namespace["__all__"] if name in namespace]
    _publish(public, found)


_CALLED: dict[Callable[..., Any], Callable[..., Any]] = {}
"""One friendly wrapper per public function, whichever facades export it."""


def _called(public: str, obj: Any) -> Any:  # noqa: ANN401 - any public name
    """A public function, wrapped so that wrong arguments are a ValidationError."""
    if not (inspect.isfunction(obj) and obj.__module__.startswith("kongchuo")):
        return obj
    if getattr(obj, "__kongchuo_friendly__", False):
        return obj
    wrapped = _CALLED.get(obj)
    if wrapped is None:
        wrapped = _CALLED[obj] = friendly_call(obj, public=public)
    return wrapped


def _publish(public: str, found: list[Any]) -> None:
    mine = [obj for obj in found if inspect.isclass(obj) and is_private(obj.__module__)]
    for obj in mine:
        if attrs.has(obj):
            # A name only type checkers know (under TYPE_CHECKING) stays a string.
            with contextlib.suppress(NameError):
                attrs.resolve_types(obj)
    for obj in found:
        if _constructed(obj):
            friendly_init(obj)
        if inspect.isclass(obj) and obj.__module__.startswith("kongchuo"):
            if not issubclass(obj, BaseException):
                friendly_methods(obj)
            if not issubclass(obj, BaseException | enum.Enum):
                masked_reprs(obj)
    for obj in mine:
        home = sys.modules[obj.__module__]
        home.__dict__.setdefault("__test__", {})[obj.__qualname__] = obj
        obj.__module__ = public


def lazy(
    namespace: MutableMapping[str, Any], homes: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A facade's ``__getattr__`` and ``__dir__`` (PEP 562) that load names on first use.

    ``homes`` maps a public name to the private module that defines it. The module
    is imported when the name is first read (``facade.name`` or
    ``from facade import name``); the name is then published like the facade's
    others (:func:`publish`) and kept in the facade, so later reads cost nothing.
    ``dir()`` lists the names before they load. A facade imports the same names
    under ``TYPE_CHECKING``, so type checkers and the API reference see them as
    they are.

    Args:
        namespace: The facade's ``globals()``.
        homes: ``{public name: private module}`` for the names loaded on first use.

    Example:
        >>> import kongchuo.policy
        >>> "NATIONAL" in dir(kongchuo.policy)
        True
        >>> kongchuo.policy.NATIONAL.name
        'national'
    """
    public = namespace["__name__"]

    def load(name: str) -> Any:  # noqa: ANN401 - any public name
        home = homes.get(name)
        if home is None:
            msg = f"module {public!r} has no attribute {name!r}"
            raise AttributeError(msg, name=name, obj=sys.modules.get(public))
        value = _called(public, getattr(importlib.import_module(home), name))
        _publish(public, [value])
        namespace[name] = value
        return value

    def listing() -> list[str]:
        return sorted({*namespace, *homes})

    return load, listing
