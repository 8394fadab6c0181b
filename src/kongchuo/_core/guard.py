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

from kongchuo._core.errors import Problem, ValidationError, mask_ids, problem, quote

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
    renames: dict[str, str] = getattr(cls, "__kongchuo_renamed__", {})
    for key in kwargs:
        if key in known:
            continue
        new = renames.get(key)
        problems.append(
            problem(
                "unknown_key",
                f"{name}() has no argument {quote(key)}"
                + (f"; it was renamed {new!r}" if new else ""),
                f"{name}() 没有参数 {quote(key)}" + (f"；该参数已更名为 {new!r}" if new else ""),
                f"$.{quote(key, bare=True)}",
            )
        )
    return problems


def renamed(**names: str) -> Callable[[F], F]:
    """Name the arguments a public function had before they were renamed (old=new).

    A call with an old name is still refused (``unknown_key``), and its message
    names the new one, so that the user reads what to write instead.

    Example:
        >>> @renamed(on="min_value")
        ... def events(*, min_value):
        ...     return min_value
        >>> friendly_call(events)(on=1)
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: ... events() has no argument 'on'; it was renamed 'min_value' ...
    """

    def mark(func: F) -> F:
        func.__kongchuo_renamed__ = dict(names)  # type: ignore[attr-defined]
        return func

    return mark


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
    call = _refusing(func, inspect.signature(func))
    if public is not None:
        call.__module__ = public
    return call  # type: ignore[return-value]


def _refusing(
    func: Callable[..., Any], sig: inspect.Signature, *, skip: int = 0
) -> Callable[..., Any]:
    """``func``, wrapped so that a call Python refuses to bind is a ValidationError.

    ``sig`` is what the caller sees; the first ``skip`` arguments (a class method's
    class) are not the caller's.
    """

    @functools.wraps(func)
    def call(*args: Any, **kwargs: Any) -> Any:  # noqa: ANN401 - the function's own
        try:
            return func(*args, **kwargs)
        except TypeError:
            problems = signature_problems(func, sig, args[skip:], kwargs)  # type: ignore[arg-type]
            if not problems:
                raise
        # Raised outside the handler: the TypeError must not ride along as context.
        raise ValidationError.of(problems)

    call.__kongchuo_friendly__ = True  # type: ignore[attr-defined]
    return call


def friendly_methods(cls: type) -> None:
    """Give the public class and static methods of a public class the friendly call.

    ``ResidentId.parse``, ``YearArrangement.from_mapping``,
    ``ParameterHistory.single`` and the like are entry points as much as the
    functions are: wrong arguments are a ``ValidationError`` (``arguments.*``,
    ``missing``, ``unknown_key``) there too. Methods inherited from a private base
    are wrapped on the public class itself.

    Example:
        >>> from kongchuo import ResidentId
        >>> ResidentId.parse("370983201506150034", text="x")
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: $.text: text is given both by position and by keyword (参数 text 既按位置又按关键字给出) [arguments.duplicate]
    """  # noqa: E501 - the doctest's one line of output
    # Each public name as the class resolves it: its first definition along the MRO
    # (what inspect.getattr_static finds, read from the class dicts in one pass).
    found: dict[str, object] = {}
    for klass in cls.__mro__:
        for name, value in vars(klass).items():
            if not name.startswith("_"):
                found.setdefault(name, value)
    for name in sorted(found):
        raw = found[name]
        if not isinstance(raw, classmethod | staticmethod):
            continue
        func = raw.__func__
        if (
            not inspect.isfunction(func)  # a builtin's (str.maketrans) stays as it is
            or not func.__module__.startswith("kongchuo")
            or getattr(func, "__kongchuo_friendly__", False)
        ):
            continue
        if isinstance(raw, classmethod):
            setattr(cls, name, classmethod(_friendly_first(func)))
        else:
            setattr(cls, name, staticmethod(friendly_call(func)))


def _friendly_first(func: Callable[..., Any]) -> Callable[..., Any]:
    """:func:`friendly_call` for a class method: its first argument (the class) aside."""
    whole = inspect.signature(func)
    return _refusing(func, whole.replace(parameters=list(whole.parameters.values())[1:]), skip=1)


def masked_reprs(cls: type) -> None:
    """Pass the ``repr`` of a public class through the ID mask, and never let it raise.

    A full ID number typed into any text field (a name, a note, a unit's name) is
    shown masked, as in every message (:func:`~kongchuo._core.errors.mask_ids`); a
    value no ``repr`` can show (an integer of more than 4,300 digits, nesting deeper
    than the recursion limit, put in a field that does not check it) gives a short
    placeholder instead of an exception.

    Example:
        >>> from kongchuo.regions import Region
        >>> Region(
        ...     code="370983",
        ...     name="11010519491231002X",
        ...     province="山东省",
        ...     prefecture="泰安市",
        ...     valid_from=1992,
        ...     valid_to=None,
        ... )
        Region(code='370983', name='110105********002X', ...)
    """
    original = cls.__dict__.get("__repr__")
    if original is None or getattr(original, "__kongchuo_masked__", False):
        return

    @functools.wraps(original)
    def __repr__(self: object) -> str:  # noqa: N807 - the method it replaces
        try:
            text: str = original(self)
        except (ValueError, RecursionError):
            return f"<{type(self).__name__}: a value too large or too deeply nested to show>"
        return mask_ids(text)

    __repr__.__kongchuo_masked__ = True  # type: ignore[attr-defined]
    cls.__repr__ = __repr__  # type: ignore[method-assign,assignment]
