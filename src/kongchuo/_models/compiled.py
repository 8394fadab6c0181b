"""Compile a model's loader: one straight-line Python function per model class.

The generic loader in :mod:`kongchuo._models.base` walks the fields in a loop and
calls each field's :class:`~kongchuo._models.base.Kind`. That costs a method call
and several attribute look-ups per field, which at a million records is most of
the time. This module writes, once per class, a function that inlines the cheap
checks of the common kinds (text, codes, enums, dates, booleans, integers, phones,
nested models, tuples and sets) and falls back to the kind's own ``load`` only for
values that fail the quick check — so the problems, their codes and their paths
are the very same as the generic loader's. The technique is cattrs' and attrs'
own: generate the source, ``compile`` it, keep the function.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Final, Literal

import attrs

from kongchuo._core.documents import unknown_keys
from kongchuo._core.errors import Problem, ValidationError
from kongchuo._identity import numbers as _identity
from kongchuo._identity.numbers import ResidentId, StudentNumber
from kongchuo._models import base as b

__all__ = ["checker", "dumper", "loader", "maker", "mirror", "typed_dumper", "typed_loader"]

Loader = Callable[[object, frozenset[str]], Any]

_LOADERS: dict[type, Loader] = {}
dt_date = dt.date
_new = object.__new__


_parse_rid = _identity.resident_id_fast


_BAD: Final = object()
_NO_EXTRA: Final[frozenset[str]] = frozenset()


def _under(bad: list[Problem] | None, exc: ValidationError, prefix: str) -> list[Problem]:
    found = bad if bad is not None else []
    found.extend(p.under(prefix) for p in exc.errors)
    return found


def _add(bad: list[Problem] | None, problem: Problem) -> list[Problem]:
    found = bad if bad is not None else []
    found.append(problem)
    return found


def _not_object(raw: object) -> ValidationError:
    return ValidationError.of([b._type_problem("an object", "对象", raw)])  # noqa: SLF001


def _unknown(
    raw: dict[Any, Any], known: frozenset[str], extra: frozenset[str], bad: list[Problem] | None
) -> list[Problem] | None:
    found = unknown_keys(raw, lambda k: k in known or k in extra)
    if not found:
        return bad
    out = bad if bad is not None else []
    out.extend(found)
    return out


class _Writer:
    """Collects the source lines and the namespace of one generated function."""

    def __init__(self) -> None:
        self.ns: dict[str, object] = {
            "ValidationError": ValidationError,
            "_BAD": _BAD,
            "_NO_EXTRA": _NO_EXTRA,
            "_under": _under,
            "_add": _add,
            "_missing": b._missing,  # noqa: SLF001
            "_not_object": _not_object,
            "_unknown": _unknown,
            "_new": object.__new__,
            "_set": object.__setattr__,
            "_parse_rid": _parse_rid,
        }
        self._count = 0

    def ref(self, obj: object, hint: str) -> str:
        """A name in the namespace for ``obj``."""
        self._count += 1
        name = f"_{hint}{self._count}"
        self.ns[name] = obj
        return name


def _indent(lines: list[str]) -> list[str]:
    return ["    " + line for line in lines]


def _generic(w: _Writer, kind: b.Kind, v: str, x: str, prefix: str) -> list[str]:
    k = w.ref(kind, "kind")
    return [
        "try:",
        f"    {x} = {k}.load({v})",
        "except ValidationError as e:",
        f"    {x} = _BAD",
        f"    bad = _under(bad, e, {prefix})",
    ]


def _emit(  # noqa: C901, PLR0911, PLR0912 - one branch per kind
    w: _Writer, kind: b.Kind, v: str, x: str, prefix: str, *, typed: bool = False
) -> list[str]:
    """Lines that set ``x`` from the raw value in ``v``, or add problems to ``bad``.

    ``typed``: ``v`` comes from a typed mirror (see :func:`typed_loader`), so the
    tests its decoder has made are left out — the JSON type of the value, and lone
    surrogates in a string (msgspec decodes none) — and nested models are read by
    their typed loaders.
    """
    slow = _generic(w, kind, v, x, prefix)
    # The JSON type test, which a typed mirror has made already.
    is_str = "" if typed else f"{v}.__class__ is str and "
    if isinstance(kind, b.Nullable):
        inner = _emit(w, kind.inner, v, x, prefix, typed=typed)
        if inner == [f"{x} = {v}"]:  # a typed bool: None or the value as it is
            return inner
        return [f"if {v} is None:", f"    {x} = None", "else:", *_indent(inner)]
    if isinstance(kind, b.Text):
        test = f"{is_str}0 < len({v}) <= {kind.max_len} and not {v}.isspace()"
        if not typed:
            test += f" and ({v}.isascii() or not {w.ref(b.has_surrogate, 'surrogate')}({v}))"
        return [f"if {test}:", f"    {x} = {v}", "else:", *_indent(slow)]
    if isinstance(kind, (b.Code, b.DateKind, b.EnumKind)):
        table = w.ref(kind.by_value if isinstance(kind, b.EnumKind) else kind._cache, "cache")  # noqa: SLF001
        found = (
            f"{table}.get({v})" if typed else f"{table}.get({v}) if {v}.__class__ is str else None"
        )
        return [f"{x} = {found}", f"if {x} is None:", *_indent(slow)]
    if isinstance(kind, b.BoolKind):
        if typed:
            return [f"{x} = {v}"]
        return [f"if {v} is True or {v} is False:", f"    {x} = {v}", "else:", *_indent(slow)]
    if isinstance(kind, b.IntKind):
        test = f"{'' if typed else f'{v}.__class__ is int and '}{kind.low} <= {v} <= {kind.high}"
        return [f"if {test}:", f"    {x} = {v}", "else:", *_indent(slow)]
    if isinstance(kind, b.Phone):
        # The common case, an 11-digit mobile number, without the regular expression.
        test = (
            f"{is_str}len({v}) == 11 and {v}[0] == '1' "
            f"and {v}[1] in '3456789' and {v}.isascii() and {v}.isdigit()"
        )
        return [f"if {test}:", f"    {x} = {v}", "else:", *_indent(slow)]
    if isinstance(kind, b.ResidentIdKind):
        # The parser's fast test inline (most numbers are normalised and right); the
        # parser itself for the others, which names their problems.
        w.ns.update(_identity.resident_id_quick_names())
        test = is_str + _identity.RESIDENT_ID_QUICK.format(v=v, body=f"{x}_body")
        return [
            f"if {test}:",
            f"    {x} = _RID_NEW(_RID_CLASS)",
            f"    _RID_SET({x}, {v})",
            "else:",
            "    try:",
            f"        {x} = _parse_rid({v})",
            "    except ValidationError as e:",
            f"        {x} = _BAD",
            f"        bad = _under(bad, e, {prefix})",
        ]
    nested = typed_loader if typed else loader
    if isinstance(kind, b.ModelKind):
        load = w.ref(nested(kind.cls), "load")
        return [
            "try:",
            f"    {x} = {load}({v}, _NO_EXTRA)",
            "except ValidationError as e:",
            f"    {x} = _BAD",
            f"    bad = _under(bad, e, {prefix})",
        ]
    if isinstance(kind, b.TupleKind) and isinstance(kind.inner, b.ModelKind):
        load = w.ref(nested(kind.inner.cls), "load")
        return [
            f"if {v}.__class__ is list and not {v}:",  # the common case: none
            f"    {x} = ()",
            f"elif {v}.__class__ is list:",
            f"    {x}_ok = True",
            f"    {x}_out = []",
            f"    for {x}_i, {x}_item in enumerate({v}):",
            "        try:",
            f"            {x}_out.append({load}({x}_item, _NO_EXTRA))",
            "        except ValidationError as e:",
            f"            {x}_ok = False",
            f"            bad = _under(bad, e, {prefix} + '[' + str({x}_i) + ']')",
            f"    {x} = tuple({x}_out) if {x}_ok else _BAD",
            "else:",
            *_indent(slow),
        ]
    if isinstance(kind, b.EnumSetKind):
        cache = w.ref(kind._cache, "sets")  # noqa: SLF001
        if typed:  # a list of strings
            return [f"{x} = {cache}.get(tuple({v}))", f"if {x} is None:", *_indent(slow)]
        return [
            "try:",
            f"    {x} = {cache}.get(tuple({v})) if {v}.__class__ is list else None",
            "except TypeError:",
            f"    {x} = None",
            f"if {x} is None:",
            *_indent(slow),
        ]
    return slow


def _compile(cls: type[b.Model], *, typed: bool = False) -> Loader:  # noqa: C901, PLR0912, PLR0915 - one branch per part of the loader
    w = _Writer()
    fields = b.fields_of(cls)
    known = w.ref(frozenset(f.name for f in fields), "known")
    klass = w.ref(cls, "cls")
    if typed:
        # The value of a typed mirror (see typed_loader): its decoder has seen to the
        # keys (none unknown, every required one there) and to the JSON types.
        w.ns["_UNSET"] = _unset()
        lines = ["def load(raw, extra):", "    bad = None"]
    else:
        lines = [
            "def load(raw, extra):",
            "    if raw.__class__ is not dict:",
            "        raise _not_object(raw)",
            "    get = raw.get",
            "    bad = None",
            f"    n = {sum(f.required for f in fields)}",
        ]
    for i, f in enumerate(fields):
        x = f"x{i}"
        prefix = repr(f"$.{f.name}")
        indent = "        "
        if typed:
            lines.append(f"    v = raw.{f.name}")
            if f.required:
                indent = "    "
            else:  # an optional field the document leaves out is UNSET
                lines += [
                    "    if v is _UNSET:",
                    f"        {x} = {w.ref(f.default, 'default')}",
                    "    else:",
                ]
        elif f.required:
            # Subscripting is faster than a method call; a missing key is the rare case.
            lines += [
                "    try:",
                f"        v = raw[{f.name!r}]",
                "    except KeyError:",
                f"        {x} = _BAD",
                "        n -= 1",
                f"        bad = _add(bad, _missing({f.name!r}))",
                "    else:",
            ]
        else:
            lines += [
                f"    v = get({f.name!r}, _BAD)",
                "    if v is _BAD:",
                f"        {x} = {w.ref(f.default, 'default')}",
                "    else:",
                "        n += 1",
            ]
        lines.extend(indent + line for line in _emit(w, f.kind, "v", x, prefix, typed=typed))
    if not typed:
        lines += [
            "    if n != len(raw):",
            "        for k in extra:",
            "            n += k in raw",
            "        if n != len(raw):",
            f"            bad = _unknown(raw, {known}, extra, bad)",
        ]
    index = {f.name: i for i, f in enumerate(fields)}
    values = "{" + ", ".join(f"{name!r}: x{index[name]}" for name in cls.cross_fields) + "}"
    clean = getattr(cls, "cross_clean", None)
    if cls.cross_fields and clean is not None:
        # A cheap test first, inlined where the class gives its source; the full check
        # only when the test is not sure.
        cross = w.ref(cls.cross_check, "cross")
        inline: str | None = getattr(cls, "cross_clean_source", None)
        if inline is not None:
            for name, value in getattr(cls, "cross_clean_names", {}).items():
                w.ns[name] = value() if callable(value) else value
            test = inline.format(**{name: f"x{index[name]}" for name in cls.cross_fields})
        else:
            args = ", ".join(f"x{index[name]}" for name in cls.cross_fields)
            test = f"{w.ref(clean, 'clean')}({args})"
        lines += [
            "    if bad is None:",
            f"        if not ({test}):",
            f"            found = {cross}({values})",
            "            if found:",
            "                raise ValidationError.of(found)",
        ]
    elif cls.cross_fields:
        cross = w.ref(cls.cross_check, "cross")
        # cross_check finds nothing when every field it reads is None: skip the call.
        some = " or ".join(f"x{index[name]} is not None" for name in cls.cross_fields)
        lines += [
            "    if bad is None:",
            f"        if {some}:",
            f"            found = {cross}({values})",
            "            if found:",
            "                raise ValidationError.of(found)",
        ]
    else:
        lines.append("    if bad is None:")
    lines.append(f"        o = _new({klass})")
    for i, f in enumerate(fields):
        # A slot's own descriptor sets it faster than object.__setattr__.
        slot: Any = cls.__dict__.get(f.name)
        if slot is not None and hasattr(slot, "__set__"):
            lines.append(f"        {w.ref(slot.__set__, 'set')}(o, x{i})")
        else:  # pragma: no cover - kongchuo's models are slotted
            lines.append(f"        _set(o, {f.name!r}, x{i})")
    lines.append("        return o")
    if cls.cross_fields:
        lines += [
            f"    good = {{k: v for k, v in {values}.items() if v is not _BAD}}",
            f"    bad.extend({cross}(good))",
        ]
    lines.append("    raise ValidationError.of(bad)")
    fn: Loader = _define(w, lines, f"<kongchuo loader {cls.__qualname__}>")
    return fn


def maker(cls: type[Any]) -> Callable[..., Any]:
    """A maker of the attrs class ``cls`` from its fields' values, in order, slot by slot.

    Only for a class with no validator and no converter (asserted) and values the
    caller has checked: setting the slots gives the object its ``__init__`` gives,
    without the public constructor's argument check or a frozen class's
    ``object.__setattr__`` per field (about a third of the cost).
    """
    fields = attrs.fields(cls)
    assert all(f.validator is None and f.converter is None for f in fields)  # noqa: S101
    w = _Writer()
    names = [f"v{i}" for i in range(len(fields))]
    lines = [f"def make({', '.join(names)}):", f"    o = _new({w.ref(cls, 'cls')})"]
    for name, f in zip(names, fields, strict=True):
        slot = w.ref(getattr(cls, f.name).__set__, "set")  # the slot's own descriptor
        lines.append(f"    {slot}(o, {name})")
    lines.append("    return o")
    made: Callable[..., Any] = _define(w, lines, f"<kongchuo maker {cls.__qualname__}>")
    return made


def _define(w: _Writer, lines: list[str], filename: str) -> Any:  # noqa: ANN401 - a function
    """Compile the function whose source is ``lines`` in the writer's namespace."""
    source = "\n".join(lines)
    exec(compile(source, filename, "exec"), w.ns)  # noqa: S102 - our own generated source
    fn = w.ns[lines[0].removeprefix("def ").split("(")[0]]
    fn.__doc__ = source
    return fn


def loader(cls: type[b.Model]) -> Loader:
    """The compiled loader of ``cls``: ``loader(cls)(raw, extra_keys) -> instance``.

    Nested models are compiled first (kongchuo's models do not nest recursively).
    """
    fn = _LOADERS.get(cls)
    if fn is None:
        fn = _LOADERS[cls] = _compile(cls)
    return fn


_TYPED: dict[type, Loader] = {}


def typed_loader(cls: type[b.Model]) -> Loader:
    """The compiled loader of ``cls`` from its typed mirror (see :func:`mirror`).

    The same checks as :func:`loader` (one generator, :func:`_emit`), reading the
    mirror's attributes instead of a dict's keys: ``typed_loader(cls)(value, _)``.
    """
    fn = _TYPED.get(cls)
    if fn is None:
        fn = _TYPED[cls] = _compile(cls, typed=True)
    return fn


def _unset() -> object:
    import msgspec  # noqa: PLC0415 - an optional extra, imported when a mirror is asked for

    return msgspec.UNSET


MIRROR_VERSION: Final = "schema_version__"
"""The attribute of a top-level mirror that holds ``"$schema_version"``."""

_MIRRORS: dict[tuple[type, bool], Any] = {}


def _mirror_type(kind: b.Kind) -> Any:  # noqa: ANN401, PLR0911 - a type expression; one branch per kind
    """The JSON type of a field's raw value that the compiled loader's quick test takes."""
    if isinstance(kind, b.Nullable):
        inner = _mirror_type(kind.inner)
        return inner if inner is Any else inner | None
    if isinstance(
        kind,
        (b.Text, b.Code, b.DateKind, b.EnumKind, b.Phone, b.ResidentIdKind, b.StudentNumberField),
    ):
        return str
    if isinstance(kind, b.BoolKind):
        return bool
    if isinstance(kind, b.IntKind):
        return int
    if isinstance(kind, b.ModelKind):
        return mirror(kind.cls, top=False)
    if isinstance(kind, b.TupleKind) and isinstance(kind.inner, b.ModelKind):
        return list[mirror(kind.inner.cls, top=False)]  # type: ignore[misc]
    if isinstance(kind, b.EnumSetKind):
        return list[str]
    return Any


def mirror(cls: type[b.Model], *, top: bool = True) -> Any:  # noqa: ANN401 - a msgspec Struct type
    """A msgspec Struct that decodes the documents of ``cls`` to JSON values, typed.

    Every field is typed as the JSON value the compiled loader's quick test takes
    (a string for text, codes, dates, enums and ID numbers; nested models as their
    own mirrors; anything else as raw JSON), unknown keys are refused, and an
    optional field left out is ``msgspec.UNSET``. A top-level mirror also takes
    ``"$schema_version"``, absent (``UNSET``) or the current version only. The
    decoder thus refuses whatever the loader would not take as it is; such a
    document is read the general way. Needs msgspec (the ``fastjson`` extra).

    Example:
        >>> import msgspec
        >>> from kongchuo import School
        >>> doc = b'{"$schema_version": 3, "code": "1", "name": "x", "kind": "primary",'
        >>> doc += b' "jurisdiction": "370983003"}'
        >>> raw = msgspec.json.decode(doc, type=mirror(School))
        >>> raw.code, raw.city_direct is msgspec.UNSET
        ('1', True)
    """
    key = (cls, top)
    found = _MIRRORS.get(key)
    if found is not None:
        return found
    import msgspec  # noqa: PLC0415 - an optional extra, imported when a mirror is asked for

    from kongchuo._models.documents import SCHEMA_VERSION, VERSION_KEY  # noqa: PLC0415 - a cycle

    unset = msgspec.UNSET
    specs: list[Any] = []
    if top:
        version = msgspec.field(default=unset, name=VERSION_KEY)
        specs.append((MIRROR_VERSION, Literal[SCHEMA_VERSION], version))
    specs.extend(
        (f.name, _mirror_type(f.kind)) if f.required else (f.name, _mirror_type(f.kind), unset)
        for f in b.fields_of(cls)
    )
    # Required fields first: a Struct's fields without defaults cannot follow others.
    specs.sort(key=len)
    made = msgspec.defstruct(
        f"{cls.__name__}Mirror" if top else f"{cls.__name__}NestedMirror",
        specs,
        forbid_unknown_fields=True,
        gc=False,  # nothing in a mirror makes a cycle
        module=__name__,
    )
    _MIRRORS[key] = made
    return made


_DUMPERS: dict[type, Callable[[Any], dict[str, object]]] = {}


def _dump_expr(w: _Writer, kind: b.Kind, v: str, *, typed: bool = False) -> str:  # noqa: PLR0911 - one branch per kind
    """An expression for the full (unmasked) JSON form of the value in ``v``.

    ``typed``: for msgspec's encoder (see :func:`typed_dumper`): dates and enum
    members as they are (it writes dates in ISO form, members as their values) and
    nested models as their write mirrors.
    """
    if isinstance(kind, b.Nullable):
        inner = _dump_expr(w, kind.inner, v, typed=typed)
        return v if inner == v else f"(None if {v} is None else {inner})"
    if isinstance(kind, (b.Text, b.Code, b.BoolKind, b.IntKind, b.Phone)):
        return v
    if isinstance(kind, (b.EnumKind, b.DateKind)):  # msgspec writes both as JSON does
        if typed:
            return v
        return f"{v}._value_" if isinstance(kind, b.EnumKind) else f"{v}.isoformat()"
    if isinstance(kind, (b.ResidentIdKind, b.StudentNumberField)):
        return f"{v}.value"
    nested = typed_dumper if typed else dumper
    if isinstance(kind, b.ModelKind):
        return f"{w.ref(nested(kind.cls), 'dump')}({v})"
    if isinstance(kind, b.TupleKind) and isinstance(kind.inner, b.ModelKind):
        return f"[{w.ref(nested(kind.inner.cls), 'dump')}(item) for item in {v}]"
    if isinstance(kind, b.EnumSetKind):
        return f"(sorted([m._value_ for m in {v}]) if {v} else [])"
    return f"{w.ref(kind, 'kind')}.dump({v}, _FULL)"


def dumper(cls: type[b.Model]) -> Callable[[Any], dict[str, object]]:
    """The compiled full (unmasked) dumper of ``cls``: ``dumper(cls)(obj) -> dict``."""
    fn = _DUMPERS.get(cls)
    if fn is not None:
        return fn
    made: Callable[[Any], dict[str, object]] = _compile_dumper(cls, typed=False)
    _DUMPERS[cls] = made
    return made


_TYPED_DUMPERS: dict[tuple[type, bool], Callable[[Any], Any]] = {}


def typed_dumper(cls: type[b.Model], *, top: bool = False) -> Callable[[Any], Any]:
    """The compiled full dumper of ``cls`` to its write mirror, a msgspec Struct.

    msgspec's encoder writes the mirror as :func:`dumper`'s dict would be written
    (with ``"$schema_version"`` first where ``top``): the same keys in the same
    order, the same values, so the same bytes. Needs msgspec (the ``fastjson`` extra).

    Example:
        >>> import msgspec
        >>> from kongchuo import School, SchoolKind
        >>> school = School(
        ...     code="2137098301",
        ...     name="王瓜店中学",
        ...     kind=SchoolKind.PRIMARY,
        ...     jurisdiction="370983003",
        ... )
        >>> msgspec.json.encode(typed_dumper(School, top=True)(school)).decode()[:41]
        '{"$schema_version":3,"code":"2137098301",'
    """
    key = (cls, top)
    fn = _TYPED_DUMPERS.get(key)
    if fn is None:
        fn = _TYPED_DUMPERS[key] = _compile_dumper(cls, typed=True, top=top)
    return fn


def _compile_dumper(cls: type[b.Model], *, typed: bool, top: bool = False) -> Any:  # noqa: ANN401 - a function
    w = _Writer()
    w.ns["_FULL"] = b.FULL
    fields = b.fields_of(cls)
    lines = ["def dump(o):"]
    for i, f in enumerate(fields):
        lines.append(f"    v{i} = o.{f.name}")
    exprs = [_dump_expr(w, f.kind, f"v{i}", typed=typed) for i, f in enumerate(fields)]
    if typed:
        import msgspec  # noqa: PLC0415 - an optional extra, imported when a mirror is asked for

        from kongchuo._models.documents import SCHEMA_VERSION, VERSION_KEY  # noqa: PLC0415 - a cycle

        specs: list[Any] = [(f.name, object) for f in fields]
        if top:
            specs.insert(0, (MIRROR_VERSION, object, msgspec.field(name=VERSION_KEY)))
            exprs.insert(0, repr(SCHEMA_VERSION))
        written = msgspec.defstruct(
            f"{cls.__name__}{'' if top else 'Nested'}Written", specs, gc=False, module=__name__
        )
        lines.append(f"    return {w.ref(written, 'written')}({', '.join(exprs)})")
    else:
        items = ", ".join(f"{f.name!r}: {e}" for f, e in zip(fields, exprs, strict=True))
        lines.append(f"    return {{{items}}}")
    kind = "typed dumper" if typed else "dumper"
    return _define(w, lines, f"<kongchuo {kind} {cls.__qualname__}>")


def _quick(w: _Writer, kind: b.Kind, x: str) -> str:  # noqa: C901, PLR0911 - one branch per kind
    """An expression that is true when the typed value in ``x`` surely passes its check."""
    if isinstance(kind, b.Nullable):
        return f"({x} is None or {_quick(w, kind.inner, x)})"
    if isinstance(kind, b.Text):
        return (
            f"({x}.__class__ is str and 0 < len({x}) <= {kind.max_len} and not {x}.isspace()"
            f" and ({x}.isascii() or not {w.ref(b.has_surrogate, 'surrogate')}({x})))"
        )
    if isinstance(kind, b.Code):
        return f"({x}.__class__ is str and {x} in {w.ref(kind._cache, 'codes')})"  # noqa: SLF001
    if isinstance(kind, b.EnumKind):
        return f"{x}.__class__ is {w.ref(kind.enum, 'enum')}"
    if isinstance(kind, b.DateKind):
        return f"{x}.__class__ is {w.ref(dt_date, 'date')}"
    if isinstance(kind, b.BoolKind):
        return f"({x} is True or {x} is False)"
    if isinstance(kind, b.IntKind):
        return f"({x}.__class__ is int and {kind.low} <= {x} <= {kind.high})"
    if isinstance(kind, b.ResidentIdKind):
        return f"{x}.__class__ is {w.ref(ResidentId, 'rid')}"
    if isinstance(kind, b.StudentNumberField):
        return f"{x}.__class__ is {w.ref(StudentNumber, 'sn')}"
    if isinstance(kind, b.ModelKind):
        return f"{x}.__class__ is {w.ref(kind.cls, 'model')}"
    if isinstance(kind, b.TupleKind) and isinstance(kind.inner, b.ModelKind):
        m = w.ref(kind.inner.cls, "model")
        return f"({x}.__class__ is tuple and all(i.__class__ is {m} for i in {x}))"
    if isinstance(kind, b.EnumSetKind):
        e = w.ref(kind.inner.enum, "enum")
        return f"({x}.__class__ is frozenset and all(m.__class__ is {e} for m in {x}))"
    return f"not {w.ref(kind, 'kind')}.check({x})"


def checker(cls: type[b.Model]) -> Callable[[Any], None]:
    """The compiled constructor check of ``cls``: returns quietly for a good object.

    It never reports problems itself: whatever it is not sure of goes to
    :meth:`Model.check_generic`, so messages, codes and paths are the reference's.
    """
    w = _Writer()
    fields = b.fields_of(cls)
    lines = ["def check(o):"]
    lines.extend(f"    x{i} = o.{f.name}" for i, f in enumerate(fields))
    tests = " and ".join(_quick(w, f.kind, f"x{i}") for i, f in enumerate(fields)) or "True"
    generic = w.ref(cls.check_generic, "generic")
    lines += [f"    if not ({tests}):", f"        return {generic}(o)"]
    if cls.cross_fields:
        index = {f.name: i for i, f in enumerate(fields)}
        values = "{" + ", ".join(f"{n!r}: x{index[n]}" for n in cls.cross_fields) + "}"
        cross = w.ref(cls.cross_check, "cross")
        lines += [f"    if {cross}({values}):", f"        return {generic}(o)"]
    lines.append("    return None")
    made: Callable[[Any], None] = _define(w, lines, f"<kongchuo checker {cls.__qualname__}>")
    return made


b.COMPILED.checker = checker
b.COMPILED.loader = loader
b.COMPILED.dumper = dumper
