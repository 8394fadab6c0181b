"""Serialization: kongchuo's own cattrs converter, JSON documents, JSON Schema (序列化).

Every public model goes to and from JSON-ready dicts and JSON text with
:func:`to_dict`, :func:`from_dict`, :func:`to_json` and :func:`from_json`. Dates are
ISO strings, enums their values, sets sorted arrays, and keys come in the order the
model declares its fields. Every document has the one shape of
:mod:`kongchuo._models.documents`: ``"$schema_version"`` first, a notice's or an
event's ``"type"`` tag next, then the fields; documents of an older version are
migrated when loaded. A notice or an event loads through its union's base class
too (``from_dict(doc, Notice)``): its tag picks the class.

A bad document raises one :class:`kongchuo.ValidationError` that lists every problem
— wrong types, failed checks and cross-field problems — each with a path such as
``$.guardians[1].phone``. Documents are structured field by field by kongchuo
itself (cattrs alone reports a failed validator as ``invalid value @ $``, one pass
at a time); the converter, owned by kongchuo and never cattrs' global one, dispatches
and its errors (for containers such as ``list[Child]``) are translated into problems.

This module is part of the edges layer of the design (docs/design.md).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final, TypeVar, overload

from kongchuo._core.decision import Decision, Finding, Severity
from kongchuo._core.errors import MAX_PROBLEMS, Problem, ValidationError, quote, type_name
from kongchuo._models.base import (
    EXPORT_KEY,
    EXPORT_LEVELS,
    EXPORT_TABLE,
    FULL,
    MODELS,
    ExportLevel,
    Mask,
    Model,
    export_options,
    fields_of,
    gc_paused,
    masked_export_problem,
    object_schema,
    problem,
    unstructure,
)
from kongchuo._models.compiled import dumper, loader
from kongchuo._models.documents import (
    SCHEMA_VERSION,
    UNIONS,
    VERSION_KEY,
    add_tag,
    document_head,
    dump_document,
    load_document,
    migrate,
    parse_json,
    union_of,
)

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "SCHEMA_VERSION",
    "from_dict",
    "from_dicts",
    "from_json",
    "json_schema",
    "sensitive_fields",
    "to_dict",
    "to_dicts",
    "to_json",
]

T = TypeVar("T")

_EXTRA: Final = frozenset({VERSION_KEY})


# -- the converter ----------------------------------------------------------------


@functools.cache
def _converter() -> cattrs.Converter:
    """The converter kongchuo owns (never cattrs' global one), made on first use.

    cattrs is imported here, not with the module: ``import kongchuo`` does not
    load it until a document goes through :func:`from_dict` or :func:`to_dict`.
    """
    import cattrs  # noqa: PLC0415 - loaded on first use, see the docstring

    converter = cattrs.Converter(forbid_extra_keys=True)
    # Models register themselves, also those defined after this converter is made.
    converter.register_structure_hook_func(_is_model, load_document)
    converter.register_unstructure_hook_func(_is_model, dump_document)
    return converter


def _is_model(cls: object) -> bool:
    """A model with a document form, or the base of a tagged union (``Notice``, ``Event``)."""
    try:
        return cls in MODELS or cls in UNIONS
    except TypeError:  # an unhashable type expression
        return False


def _cattrs_errors() -> tuple[type[BaseException], ...]:
    """The cattrs errors a document's problems arrive in (cattrs is loaded by then)."""
    from cattrs.errors import (  # noqa: PLC0415 - cattrs is loaded on first use
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
    )

    return (ClassValidationError, IterableValidationError, ForbiddenExtraKeysError)


def _translate(exc: BaseException, path: str) -> list[Problem]:
    """Turn a cattrs error tree into problems; never repeat a foreign message."""
    from cattrs.errors import (  # noqa: PLC0415 - cattrs is loaded on first use
        AttributeValidationNote,
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
    )

    if isinstance(exc, ValidationError):
        return [p.under(path) for p in exc.errors]
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        with_notes, without = exc.group_exceptions()
        out: list[Problem] = []
        for sub, note in with_notes:
            if isinstance(note, AttributeValidationNote):
                out.extend(_translate(sub, f"{path}.{note.name}"))
            else:
                out.extend(_translate(sub, f"{path}[{note.index}]"))
        for sub in without:
            out.extend(_translate(sub, path))
        return out
    if isinstance(exc, ForbiddenExtraKeysError):
        return [
            problem(
                "unknown_key",
                f"unknown key {quote(k)}",
                f"未知字段 {quote(k)}",
                f"{path}.{quote(k, bare=True)}",
            )
            for k in sorted(exc.extra_fields)
        ]
    return [
        problem(
            "type",
            f"cannot be read as the expected type ({type(exc).__name__})",
            f"无法读取为所需类型（{type(exc).__name__}）",
            path,
        )
    ]


# -- decisions (an audit trail of what a rule decided) -----------------------------

_RECORDS: Final = (Decision, Finding)
"""Rule results that have a document form beside the models."""

_FINDING_KEYS: Final = ("code", "message", "message_zh", "path", "severity", "basis")
_DECISION_KEYS: Final = ("rule", "ok", "outcome", "findings", "basis")


def _finding_doc(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "message": finding.message,
        "message_zh": finding.message_zh,
        "path": finding.path,
        "severity": finding.severity.value,
        "basis": list(finding.basis),
    }


def _record_doc(obj: Decision | Finding) -> dict[str, Any]:
    if isinstance(obj, Finding):
        return _finding_doc(obj)
    return {
        "rule": obj.rule,
        "ok": obj.ok,
        "outcome": obj.outcome,
        "findings": [_finding_doc(f) for f in obj.findings],
        "basis": list(obj.basis),
    }


def _fields(
    raw: object, keys: tuple[str, ...], required: tuple[str, ...], path: str
) -> tuple[dict[str, Any], list[Problem]]:
    if raw.__class__ is not dict:
        return {}, [problem("type", f"expected an object, got {type_name(raw)}", "应为对象", path)]
    doc: dict[str, Any] = raw
    out: list[Problem] = [
        problem(
            "unknown_key",
            f"unknown key {quote(k)}",
            f"未知字段 {quote(k)}",
            f"{path}.{quote(k, bare=True)}",
        )
        for k in doc
        if k not in keys and k != VERSION_KEY
    ]
    out.extend(
        problem("missing", f"{k} is required", f"缺少必填字段 {k}", f"{path}.{k}")
        for k in required
        if k not in doc
    )
    return doc, out


def _text(doc: dict[str, Any], key: str, path: str, out: list[Problem]) -> str:
    value = doc.get(key, "")
    if value.__class__ is not str:
        out.append(problem("type", "expected a str", "应为字符串", f"{path}.{key}"))
        return ""
    return value


def _texts(doc: dict[str, Any], key: str, path: str, out: list[Problem]) -> tuple[str, ...]:
    value = doc.get(key, [])
    if value.__class__ is not list or any(v.__class__ is not str for v in value):
        out.append(problem("type", "expected a list of str", "应为字符串数组", f"{path}.{key}"))
        return ()
    return tuple(value)


def _load_finding(raw: object, path: str, out: list[Problem]) -> Finding | None:
    doc, problems = _fields(raw, _FINDING_KEYS, ("code", "message", "message_zh"), path)
    out.extend(problems)
    if problems:
        return None
    before = len(out)
    severity = doc.get("severity", Severity.ERROR.value)
    if severity not in {s.value for s in Severity}:
        out.append(
            problem(
                "enum.unknown",
                f"{quote(severity)} is not one of info, warning, error",
                f"{quote(severity)} 不是 info、warning、error 之一",
                f"{path}.severity",
            )
        )
    finding = {k: _text(doc, k, path, out) for k in ("code", "message", "message_zh")}
    where = _text(doc, "path", path, out) if "path" in doc else "$"
    basis = _texts(doc, "basis", path, out)
    if len(out) > before:
        return None
    return Finding(**finding, path=where, severity=Severity(severity), basis=basis)


def _load_record(raw: object, cls: type) -> Decision | Finding:
    out: list[Problem] = []
    if isinstance(raw, dict) and raw.get(VERSION_KEY, SCHEMA_VERSION) != SCHEMA_VERSION:
        migrate(cls, raw)  # a wrong version raises; decisions have had one form
    if cls is Finding:
        finding = _load_finding(raw, "$", out)
        if out or finding is None:
            raise ValidationError.of(out)
        return finding
    doc, out = _fields(raw, _DECISION_KEYS, ("rule", "ok", "outcome"), "$")
    if out:
        raise ValidationError.of(out)
    rule = _text(doc, "rule", "$", out)
    outcome = _text(doc, "outcome", "$", out)
    ok = doc["ok"]
    if ok is not True and ok is not False:
        out.append(problem("type", "expected a bool", "应为布尔值", "$.ok"))
    basis = _texts(doc, "basis", "$", out)
    raw_findings = doc.get("findings", [])
    findings: list[Finding] = []
    if raw_findings.__class__ is not list:
        out.append(problem("type", "expected a list", "应为数组", "$.findings"))
    else:
        for i, item in enumerate(raw_findings):
            found = _load_finding(item, f"$.findings[{i}]", out)
            if found is not None:
                findings.append(found)
    if out:
        raise ValidationError.of(out)
    return Decision(rule=rule, ok=ok, outcome=outcome, findings=findings, basis=basis)


def _check_cls(cls: object) -> None:
    if _is_model(cls) or cls in _RECORDS:
        return
    origin = getattr(cls, "__origin__", None)
    args = getattr(cls, "__args__", ())
    if (
        origin in (list, tuple)
        and isinstance(args, tuple)
        and args
        and all(_is_model(a) or a is Ellipsis for a in args)
    ):
        return
    if origin is list and len(args) == 1 and args[0] in _RECORDS:  # type: ignore[misc]
        return
    raise ValidationError(
        "serialization.class",
        f"cls must be a kongchuo model (or a list of one), not {quote(cls)}",
        f"cls 必须是 kongchuo 模型（或其列表），而不是 {quote(cls)}",
        path="$.cls",
    )


def from_dict(data: object, cls: type[T]) -> T:
    """Build a model from a JSON-ready dict, checking everything in one pass (从字典构建).

    ``data`` is what :func:`to_dict` wrote, or a document of an older schema
    version (migrated first). ``cls`` is a public model, the base of a family of
    them (``kongchuo.notices.Notice``, ``kongchuo.cases.Event``: the document's
    ``"type"`` picks the class), or ``list[...]`` of one for a list of documents.

    Args:
        data: The document.
        cls: The model class.

    Returns:
        The model.

    Raises:
        ValidationError: Listing every problem of the document, each with a path,
            a stable code and English and Chinese messages: ``type``, ``missing``,
            ``unknown_key``, ``text.blank``, ``date.format``, ``enum.unknown``,
            ``resident_id.*``, cross-field codes such as ``child.birth_date.mismatch``,
            ``schema_version.unsupported``, and for a notice's or an event's
            ``"type"`` ``missing``, ``type`` or ``enum.unknown`` (listing the types).
            Never ``TypeError`` or ``KeyError``.

    Example:
        >>> import kongchuo
        >>> doc = {
        ...     "code": "2137098301",
        ...     "name": "王瓜店中学",
        ...     "kind": "junior_secondary",
        ...     "jurisdiction": "370983003",
        ... }
        >>> kongchuo.from_dict(doc, kongchuo.School).kind.label_zh
        '初级中学'
        >>> kongchuo.from_dict({**doc, "kind": "college", "rank": 1}, kongchuo.School)
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: 2 problems (2 个问题):
          - $.kind: 'college' is not one of primary, ... [enum.unknown]
          - $.rank: unknown key 'rank' (未知字段 'rank') [unknown_key]
    """
    _check_cls(cls)
    masked = masked_export_problem(data)
    if masked is not None:
        raise ValidationError.of([masked])
    if cls in _RECORDS:
        return _load_record(data, cls)  # type: ignore[return-value]
    origin = getattr(cls, "__origin__", None)
    if origin in (list, tuple) and data.__class__ not in (list, tuple):
        # A document's list is a JSON array; any other iterable (a range of 10**12)
        # is refused before it is read.
        raise ValidationError(
            "type", f"expected a list, got {type_name(data)}", f"应为数组，实为 {type_name(data)}"
        )
    if origin is list and cls.__args__[0] in _RECORDS:  # type: ignore[attr-defined]
        return _load_records(data, cls.__args__[0])  # type: ignore[attr-defined, no-any-return]
    converter = _converter()
    try:
        return converter.structure(data, cls)
    except ValidationError:
        raise
    except _cattrs_errors() as exc:
        raise ValidationError.of(_translate(exc, "$")) from None
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise ValidationError.of(_translate(exc, "$")) from None


def _load_records(data: object, cls: type) -> Any:  # noqa: ANN401 - a list of cls
    if data.__class__ is not list:
        raise ValidationError("type", f"expected a list, got {type_name(data)}", "应为数组")
    out: list[Decision | Finding] = []
    problems: list[Problem] = []
    for i, item in enumerate(data):
        try:
            out.append(_load_record(item, cls))
        except ValidationError as exc:
            problems.extend(p.under(f"$[{i}]") for p in exc.errors)
    if problems:
        raise ValidationError.of(problems)
    return out


def from_dicts(items: Iterable[object], cls: type[T]) -> list[T]:
    """Build many models at once, faster, reporting every problem of every item (批量构建).

    The cyclic garbage collector is paused while the batch is built (a batch of new,
    acyclic records would otherwise be walked again and again), and repeated values
    — dates, region and school codes, sets of special groups — are shared.

    Raises:
        ValidationError: Every problem of every item, with paths such as
            ``$[3].guardians[0].phone``.

    Example:
        >>> import kongchuo
        >>> docs = [
        ...     {
        ...         "code": f"21370983{i:02d}",
        ...         "name": "学校",
        ...         "kind": "primary",
        ...         "jurisdiction": "370983003",
        ...     }
        ...     for i in range(3)
        ... ]
        >>> [s.code for s in kongchuo.from_dicts(docs, kongchuo.School)]
        ['2137098300', '2137098301', '2137098302']
    """
    _check_cls(cls)
    if cls not in MODELS and cls not in UNIONS:
        raise ValidationError(
            "serialization.class",
            "from_dicts takes a model class, not a list type",
            "from_dicts 需要模型类，而不是列表类型",
            path="$.cls",
        )
    model: type[Model] = cls  # type: ignore[assignment]
    if isinstance(items, (str, bytes, dict)) or not isinstance(items, Iterable):
        raise ValidationError(
            "type",
            f"items must be an iterable of dicts, not {type_name(items)}",
            f"items 必须是字典的可迭代对象，而不是 {type_name(items)}",
        )
    out: list[Any] = []
    problems: list[Problem] = []
    append = out.append
    load = loader(model) if model in MODELS else None
    extra = _EXTRA
    current = SCHEMA_VERSION
    tagged = model in UNIONS or union_of(model) is not None
    with gc_paused():
        for i, raw in enumerate(items):
            try:
                # The version check inlined: most documents are current.
                if tagged or load is None:  # a notice, an event: the tag is checked
                    append(load_document(raw, model))
                elif raw.__class__ is dict and raw.get(VERSION_KEY, current) is current:
                    append(load(raw, extra))
                else:
                    append(load(migrate(model, raw), extra))
            except ValidationError as exc:
                masked = masked_export_problem(raw)
                found = (masked,) if masked is not None else exc.errors
                problems.extend(p.under(f"$[{i}]") for p in found)
                if len(problems) > MAX_PROBLEMS and raw.__class__ is not dict:
                    break  # past the cap, only documents are read on: not range(10**12)
    if problems:
        raise ValidationError.of(problems)
    return out


def _check_model(obj: object) -> Model:
    if isinstance(obj, Model) and type(obj) in MODELS:
        return obj
    raise ValidationError(
        "type",
        f"expected a kongchuo model, a Decision or a list of them, got {type_name(obj)}",
        f"应为 kongchuo 模型、Decision 或其列表，实际为 {type_name(obj)}",
    )


@overload
def to_dict(
    obj: list[Any] | tuple[Any, ...],
    *,
    mask: Mask = False,
    pseudonymise_key: bytes | None = None,
) -> list[dict[str, Any]]: ...


@overload
def to_dict(
    obj: Model | Decision | Finding, *, mask: Mask = False, pseudonymise_key: bytes | None = None
) -> dict[str, Any]: ...


def to_dict(
    obj: object, *, mask: Mask = False, pseudonymise_key: bytes | None = None
) -> dict[str, Any] | list[dict[str, Any]]:
    """The JSON-ready dict of a model, starting with ``"$schema_version"`` (转为字典).

    A list (or tuple) of models gives a list of dicts, as :func:`to_dicts` does, and
    loads back with ``from_dict(docs, list[Model])``. A :class:`~kongchuo.Decision`
    or :class:`~kongchuo.Finding` gives its document too — rule, outcome, findings
    with their codes, paths and messages, and basis — for an audit trail; it loads
    back with ``from_dict(doc, Decision)``. Findings' messages are already masked,
    so ``mask`` changes nothing in them.

    By default everything is written in full, so that the document loads back to an
    equal model. For sharing, every field follows its sensitivity (see
    :func:`sensitive_fields` and the table in the docs):

    * ``mask="internal"`` (a county's own staff) masks ID and student numbers
      (``370983********0012``) and shows birth dates by their year only
      (``2015-**-**``), so that the masked digits cannot be read off beside them;
    * ``mask="published"`` (or ``mask=True``) also masks names (``张**``) and leaves
      out contacts and private fields (special-group memberships, disability,
      guardians' status, leave reasons);
    * ``pseudonymise_key=b"..."`` (16 bytes or more) writes
      ``hmac-sha256:<hex>`` — a keyed HMAC-SHA256 of the number, the same under
      the same key, so that departments holding the key can join records without
      exchanging raw numbers — masks names and leaves out contacts and private
      fields. A student number becomes its letter, a colon and the pseudonym of the
      rest (``G:hmac-sha256:…``), so that a G number joins the child whose ID number
      it holds.

    Masked and pseudonymised documents carry ``"$export"`` (their level) and have
    their own JSON Schema (``json_schema(cls, export=...)``); they are for export
    and do not load back: :func:`from_dict` says so
    (``serialization.masked_export``).

    Raises:
        ValidationError: ``type`` for something that is not a model;
            ``serialization.mask``, ``serialization.options`` or ``.key`` for bad
            options.

    Example:
        >>> import kongchuo
        >>> reg = kongchuo.Registration(
        ...     student_number=kongchuo.StudentNumber.parse("G370983201509010012"),
        ...     school="2137098301",
        ...     grade=4,
        ...     status=kongchuo.RegistrationStatus.ENROLLED,
        ...     effective_from=__import__("datetime").date(2024, 9, 1),
        ... )
        >>> kongchuo.to_dict(reg)["student_number"]
        'G370983201509010012'
        >>> kongchuo.to_dict(reg, mask=True)["student_number"]
        'G370983********0012'
        >>> kongchuo.to_dict(reg, pseudonymise_key=b"county-bureau-key-2024")["student_number"]
        'G:hmac-sha256:...'
        >>> [d["grade"] for d in kongchuo.to_dict([reg, reg])]
        [4, 4]
        >>> decision = kongchuo.Decision(rule="demo", ok=True, outcome="eligible", basis=["FC-1.1"])
        >>> kongchuo.to_dict(decision)
        {'$schema_version': 3, 'rule': 'demo', 'ok': True, 'outcome': 'eligible',
         'findings': [], 'basis': ['FC-1.1']}
        >>> kongchuo.from_dict(kongchuo.to_dict(decision), kongchuo.Decision) == decision
        True
    """
    if obj.__class__ is list or obj.__class__ is tuple:
        return to_dicts(obj, mask=mask, pseudonymise_key=pseudonymise_key)
    opts = export_options(mask, pseudonymise_key)
    if isinstance(obj, _RECORDS):
        return {VERSION_KEY: SCHEMA_VERSION, **_record_doc(obj)}
    return dump_document(_check_model(obj), opts)


def to_dicts(
    objs: Iterable[object], *, mask: Mask = False, pseudonymise_key: bytes | None = None
) -> list[dict[str, Any]]:
    """:func:`to_dict` for many models, with the garbage collector paused.

    Example:
        >>> import kongchuo
        >>> kongchuo.to_dicts([])
        []
    """
    opts = export_options(mask, pseudonymise_key)
    if isinstance(objs, (str, bytes, dict)) or not isinstance(objs, Iterable):
        raise ValidationError(
            "type",
            f"objs must be an iterable of models, not {type_name(objs)}",
            f"objs 必须是模型的可迭代对象，而不是 {type_name(objs)}",
        )
    heads: dict[type, dict[str, object]] = {}
    out: list[dict[str, Any]] = []
    append = out.append
    models = MODELS
    with gc_paused():
        for obj in objs:
            cls = obj.__class__
            if cls not in models:
                if isinstance(obj, _RECORDS):
                    append({VERSION_KEY: SCHEMA_VERSION, **_record_doc(obj)})
                    continue
                _check_model(obj)  # raises
            head = heads.get(cls)
            if head is None:
                head = heads[cls] = document_head(cls, opts)
            doc: dict[str, Any] = dict(head)
            doc.update(dumper(cls)(obj) if opts is FULL else unstructure(obj, opts))  # type: ignore[arg-type]
            append(doc)
    return out


def to_json(obj: object, *, mask: Mask = False, pseudonymise_key: bytes | None = None) -> str:
    """The JSON text of a model, a decision or a list of them (转为 JSON); see :func:`to_dict`.

    Example:
        >>> import kongchuo
        >>> s = kongchuo.School(
        ...     code="2137098301",
        ...     name="王瓜店中学",
        ...     kind=kongchuo.SchoolKind.JUNIOR_SECONDARY,
        ...     jurisdiction="370983003",
        ... )
        >>> print(kongchuo.to_json(s).split(', "kind"')[0])
        {"$schema_version": 3, "code": "2137098301", "name": "王瓜店中学"
        >>> kongchuo.from_json(kongchuo.to_json(s), kongchuo.School) == s
        True
        >>> kongchuo.from_json(kongchuo.to_json([s, s]), list[kongchuo.School]) == [s, s]
        True
    """
    return json.dumps(
        to_dict(obj, mask=mask, pseudonymise_key=pseudonymise_key),  # type: ignore[call-overload]
        ensure_ascii=False,
    )


def from_json(text: str | bytes, cls: type[T]) -> T:
    """Build a model from JSON text (从 JSON 构建); see :func:`from_dict`.

    Raises:
        ValidationError: ``document.syntax`` for text that is not JSON, ``type`` for
            text that is not a str or bytes, and everything :func:`from_dict` reports.

    Example:
        >>> import kongchuo
        >>> kongchuo.from_json('{"code": "1"', kongchuo.School)
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: $: not valid JSON: ... [document.syntax]
    """
    data = parse_json(text)
    return from_dict(data, cls)


def json_schema(cls: type[Model], *, export: ExportLevel = "full") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a model's documents (JSON 模式).

    Systems written in other languages can validate the same documents with it.
    Sensitive fields carry ``"x-kongchuo-sensitive"`` (see :func:`sensitive_fields`).
    ``export`` gives the schema of masked (``"internal"``, ``"published"``) or
    pseudonymised (``"pseudonym"``) exports instead: masked fields with their masked
    patterns, left-out fields absent, and ``"$export"`` required.
    The schema describes the current :data:`SCHEMA_VERSION`; cross-field rules
    (birth date against the ID number, date orders) are beyond JSON Schema and
    are checked only by kongchuo.

    Example:
        >>> import kongchuo
        >>> schema = kongchuo.json_schema(kongchuo.Child)
        >>> schema["properties"]["resident_id"]["x-kongchuo-sensitive"]
        'identifier'
        >>> sorted(schema["$defs"])
        ['Carer', 'Disability', 'GroupMembership', 'Guardian']
        >>> published = kongchuo.json_schema(kongchuo.Child, export="published")
        >>> published["properties"]["birth_date"]["pattern"].startswith("^[0-9]{4}-")
        True
        >>> "memberships" in published["properties"]
        False
    """
    _check_cls(cls)
    if export not in EXPORT_LEVELS:
        raise ValidationError(
            "serialization.export",
            f"export must be one of {', '.join(EXPORT_LEVELS)}, not {quote(export)}",
            f"export 必须是 {', '.join(EXPORT_LEVELS)} 之一，而不是 {quote(export)}",
            path="$.export",
        )
    union = UNIONS.get(cls)
    if cls not in MODELS and union is None:
        raise ValidationError(
            "serialization.class",
            "json_schema takes a model class",
            "json_schema 需要模型类",
            path="$.cls",
        )
    defs: dict[str, Any] = {}
    suffix = "" if export == "full" else f":{export}"
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:kongchuo:schema:{cls.__name__}:{SCHEMA_VERSION}{suffix}",
    }
    if union is None:
        schema.update(object_schema(cls, defs))
        tops = [(schema, cls)]
    else:  # any member: one of them, each a whole document
        summary = (cls.__doc__ or cls.__name__).strip().splitlines()[0]
        schema.update(title=cls.__name__, description=summary, **union.schema(defs))
        tops = [(defs[m.__name__], m) for m in union.by_tag.values()]
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    if export != "full":
        for obj in (schema, *defs.values()):
            if "properties" in obj:
                _export_properties(obj, export)
    for top, model in tops:
        _document_top(top, model, export, tagged=union is None)
    if export != "full":
        schema["title"] = f"{cls.__name__} ({export} export)"
    return schema


def _document_top(top: dict[str, Any], model: type, export: ExportLevel, *, tagged: bool) -> None:
    """Give the schema of a whole document its version, its ``"$export"`` and its tag."""
    member_of = union_of(model)
    if member_of is not None and tagged:
        add_tag(top, member_of.tag_of[model])
    if export != "full":
        top["properties"] = {EXPORT_KEY: {"const": export}, **top["properties"]}
        top["required"] = [EXPORT_KEY, *top["required"]]
    top["properties"] = {
        VERSION_KEY: {"type": "integer", "const": SCHEMA_VERSION},
        **top["properties"],
    }


_MASKED_ID: Final = r"^[GLJ]?[0-9]{6}\*{8}[0-9]{3}[0-9X]$"
_PSEUDONYM: Final = r"^([GLJ]:)?hmac-sha256:[0-9a-f]{64}$"
_MASKED_DATE: Final = r"^[0-9]{4}-\*\*-\*\*$"


def _export_properties(obj: dict[str, Any], level: ExportLevel) -> None:
    """Rewrite one object schema's sensitive properties for an export ``level``."""
    props: dict[str, Any] = obj["properties"]
    for name in list(props):
        prop = props[name]
        sensitivity = prop.get("x-kongchuo-sensitive")
        if sensitivity is None:
            continue
        how = EXPORT_TABLE[sensitivity][level]
        optional = "anyOf" in prop and {"type": "null"} in prop["anyOf"]
        value: dict[str, Any] | None = {
            "keep": None,
            "omit": None,
            "mask": {"type": "string", "pattern": _MASKED_ID}
            if sensitivity == "identifier"
            else None,
            "hmac": {"type": "string", "pattern": _PSEUDONYM},
            "year": {"type": "string", "pattern": _MASKED_DATE},
        }[how]
        if how == "omit":
            del props[name]
            obj["required"] = [r for r in obj["required"] if r != name]
            continue
        if value is None:  # kept, or a masked name: the same shape
            continue
        shape = {"anyOf": [value, {"type": "null"}]} if optional else value
        keep = {k: v for k, v in prop.items() if k in {"description", "x-kongchuo-sensitive"}}
        props[name] = {**keep, **shape}


def sensitive_fields(cls: type[Model]) -> dict[str, str]:
    """The sensitive fields of a model and how sensitive each is (敏感字段).

    What each export level (``mask=``) does with each sensitivity is the table
    :data:`EXPORT_TABLE` (shown in the docs): ``identifier`` fields are masked or
    pseudonymised, ``birth`` dates keep only their year beside a masked ID,
    ``name`` fields are masked and ``contact`` and ``private`` fields left out of
    published and pseudonymised exports.

    Example:
        >>> import kongchuo
        >>> kongchuo.sensitive_fields(kongchuo.Guardian)  # doctest: +NORMALIZE_WHITESPACE
        {'name': 'name', 'phone': 'contact', 'status': 'private',
         'status_since': 'private', 'status_until': 'private'}
    """
    _check_cls(cls)
    if cls not in MODELS:
        raise ValidationError(
            "serialization.class",
            "sensitive_fields takes a model class",
            "sensitive_fields 需要模型类",
            path="$.cls",
        )
    return {f.name: f.sensitive for f in fields_of(cls) if f.sensitive}
