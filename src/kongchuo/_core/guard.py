"""Constructors that report wrong arguments as :class:`~kongchuo.ValidationError`.

attrs generates ``__init__`` methods that raise a bare ``TypeError`` for a missing or
unexpected keyword argument. kongchuo promises that every public entry point
reports bad input as a :class:`~kongchuo.KongchuoError`, naming each problem, so
:func:`friendly_init` wraps a class's ``__init__``: the happy path pays one extra
call; when the call fails, the arguments are bound against the signature, and every
missing, unexpected or positional argument becomes a :class:`~kongchuo.Problem` with
the path ``$.<name>``. A ``TypeError`` raised for any other reason passes through
unchanged.

This module stands beside ``_errors`` below every layer of the design (docs/design.md).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from kongchuo._core.errors import Problem, ValidationError, problem, quote

__all__ = ["friendly_init", "signature_problems"]

T = TypeVar("T", bound=type)


def signature_problems(
    cls: type, sig: inspect.Signature, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> list[Problem]:
    """The problems of calling ``cls(*args, **kwargs)`` against ``sig`` (self excluded).

    One behaviour everywhere: positional arguments beyond those the signature takes
    are one ``arguments.positional`` problem; an argument given twice is
    ``arguments.duplicate``; then each missing argument (``missing``) and each
    unknown keyword (``unknown_key``), all at once.
    """
    name = cls.__name__
    params = [p for p in sig.parameters.values() if p.kind is not p.VAR_KEYWORD]
    known = {p.name for p in params if p.kind is not p.VAR_POSITIONAL}
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    takes_rest = any(p.kind is p.VAR_POSITIONAL for p in params)
    problems: list[Problem] = []
    if len(args) > len(positional) and not takes_rest:
        if positional:
            en = f"{name}() takes at most {len(positional)} positional arguments; got {len(args)}"
            zh = f"{name}() 至多接受 {len(positional)} 个位置参数，实际给出 {len(args)} 个"
        else:
            en = f"{name}() takes keyword arguments only; got {len(args)} positional"
            zh = f"{name}() 只接受关键字参数，实际给出 {len(args)} 个位置参数"
        problems.append(problem("arguments.positional", en, zh, "$"))
    given = {p.name for p in positional[: len(args)]}
    problems.extend(
        problem(
            "arguments.duplicate",
            f"{p} is given both by position and by keyword",
            f"参数 {p} 既按位置又按关键字给出",
            f"$.{p}",
        )
        for p in sorted(given & set(kwargs))
    )
    problems.extend(
        problem("missing", f"{p.name} is required", f"缺少必填字段 {p.name}", f"$.{p.name}")
        for p in params
        if p.default is p.empty
        and p.kind is not p.VAR_POSITIONAL
        and p.name not in kwargs
        and p.name not in given
    )
    problems.extend(
        problem(
            "unknown_key",
            f"{name}() has no argument {quote(key)}",
            f"{name}() 没有参数 {quote(key)}",
            f"$.{quote(key, bare=True)}",
        )
        for key in kwargs
        if key not in known
    )
    return problems


def _friendly_new(cls: T) -> T:
    """:func:`friendly_init` for a class built by its ``__new__`` (a named tuple)."""
    new = cls.__dict__.get("__new__")
    if not callable(new) or getattr(new, "__kongchuo_friendly__", False):
        return cls  # inherited from a builtin (str, int): its own errors stand
    bound_sig = inspect.signature(new)
    sig = bound_sig.replace(parameters=list(bound_sig.parameters.values())[1:])

    @functools.wraps(new)
    def __new__(klass: type, *args: Any, **kwargs: Any) -> Any:  # noqa: ANN401, N807
        try:
            return new(klass, *args, **kwargs)
        except TypeError:
            problems = signature_problems(cls, sig, args, kwargs)
            if not problems:
                raise
        raise ValidationError.of(problems)

    __new__.__kongchuo_friendly__ = True  # type: ignore[attr-defined]
    cls.__new__ = staticmethod(__new__)  # type: ignore[assignment]
    return cls


def field_problems(
    cls: type, sig: inspect.Signature, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> list[Problem]:
    """The problems of every field of an attrs class, each converter and validator asked.

    attrs runs a class's validators one field after the other and stops at the first
    that fails; this asks each field on its own, so that a constructor reports every
    problem of its arguments at once. Validators that need the other fields (they read
    the half-built instance) are left to the constructor.
    """
    if not attrs.has(cls):
        return []
    known = {k: v for k, v in kwargs.items() if k in sig.parameters}
    try:
        given = sig.bind_partial(*args, **known).arguments
    except TypeError:
        return []
    blank = object.__new__(cls)
    problems: list[Problem] = []
    for field in attrs.fields(cls):
        if not field.init or field.alias not in given:
            continue
        value = given[field.alias]
        try:
            if field.converter is not None:
                value = field.converter(value)
            if field.validator is not None:
                field.validator(blank, field, value)
        except ValidationError as exc:
            problems.extend(exc.errors)
        except Exception:  # noqa: BLE001, S112 - a validator that needs the whole instance
            continue
    return problems


def _no_arguments(self: object) -> None:
    """Take no arguments."""


def friendly_init(cls: T) -> T:
    """Make ``cls(...)`` raise ValidationError, not TypeError, for wrong arguments.

    :func:`~kongchuo._core.names.publish` applies it to every public class of a
    facade, so that every public constructor behaves alike.

    Example:
        >>> import attrs
        >>> @friendly_init
        ... @attrs.frozen(kw_only=True)
        ... class Point:
        ...     x: int
        ...     y: int = 0
        >>> Point(z=1)
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: 2 problems (2 个问题):
          - $.x: x is required (缺少必填字段 x) [missing]
          - $.z: Point() has no argument 'z' (Point() 没有参数 'z') [unknown_key]
    """
    init: Callable[..., None] = cls.__dict__.get("__init__", getattr(cls, "__init__"))  # noqa: B009
    if init is object.__init__:
        if getattr(cls, "__new__") is not object.__new__:  # noqa: B009
            return _friendly_new(cls)  # its arguments go to __new__ (a named tuple)
        # A class that inherits object's constructor takes no arguments: say so in
        # the signature, so that wrong ones are named like any other.
        init = _no_arguments
    if getattr(init, "__kongchuo_friendly__", False):
        return cls
    bound_sig = inspect.signature(init)
    sig = bound_sig.replace(parameters=list(bound_sig.parameters.values())[1:])

    @functools.wraps(init)
    def __init__(self: object, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401, N807
        try:
            init(self, *args, **kwargs)
        except TypeError:
            problems = signature_problems(cls, sig, args, kwargs)
            if not problems:
                raise
            # A missing or unknown argument does not hide a bad value of another.
            problems += field_problems(cls, sig, args, kwargs)
        except ValidationError as exc:
            # attrs stops at the first field whose validator fails: ask every field.
            problems = field_problems(cls, sig, args, kwargs)
            if len(problems) <= len(exc.errors):
                raise
        else:
            return
        # Raised outside the handler: the TypeError quotes the argument names whole,
        # and it must not ride along as the context.
        raise ValidationError.of(problems)

    __init__.__kongchuo_friendly__ = True  # type: ignore[attr-defined]
    cls.__init__ = __init__  # type: ignore[misc]
    return cls


F = TypeVar("F", bound=Callable[..., Any])


def friendly_call(func: F, *, public: str | None = None) -> F:
    """Make a public function raise ValidationError, not TypeError, for wrong arguments.

    The same behaviour as :func:`friendly_init` gives constructors: positional
    arguments where only keywords are taken are one ``arguments.positional``
    problem, and a missing, repeated or unknown argument is named, all at once.
    Only a call Python refuses to bind is turned into a ``ValidationError``; any
    other ``TypeError`` passes through as it was. ``public`` is the facade that
    exports the function: the wrapper takes its path, so it pickles by reference.

    Example:
        >>> def due(on, *, days=10):
        ...     return on
        >>> friendly_call(due)("2025-09-01", 10)
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: $: due() takes at most 1 positional arguments; got 2 (due() 至多接受 1 个位置参数，实际给出 2 个) [arguments.positional]
    """  # noqa: E501 - the doctest's one line of output
    if getattr(func, "__kongchuo_friendly__", False):
        return func
    sig = inspect.signature(func)

    @functools.wraps(func)
    def call(*args: Any, **kwargs: Any) -> Any:  # noqa: ANN401 - the function's own
        try:
            return func(*args, **kwargs)
        except TypeError:
            problems = signature_problems(func, sig, args, kwargs)  # type: ignore[arg-type]
            if not problems:
                raise
        # Raised outside the handler: the TypeError must not ride along as context.
        raise ValidationError.of(problems)

    call.__kongchuo_friendly__ = True  # type: ignore[attr-defined]
    if public is not None:
        call.__module__ = public
    return call  # type: ignore[return-value]
