"""The one document format (文档格式): schema versions, migrations and tagged unions.

Every document kongchuo writes — a child, a school, a case, a notice, an event —
is a JSON object of one shape:

* ``"$schema_version"`` first: the version of the format it was written in
  (:data:`SCHEMA_VERSION`, one number for every kind of document);
* ``"$export"`` next, only in a masked or pseudonymised export (which never loads);
* ``"type"`` next, only for a member of a tagged union (a notice, an event): its
  stable tag, such as ``"return"`` or ``"identified"``;
* then the fields in the order the model declares them.

Only the top of a document carries the version; objects nested in it (an event in
a case's log) carry their ``"type"`` tag but no version.

A document without a version is read as the current version. One of an older
version is brought up to date, one step at a time, by the migrations registered
for its model or its union (:func:`register_migration`); a newer one is refused
with ``schema_version.unsupported``, naming the versions this kongchuo reads.

A tagged union (:class:`TaggedUnion`) is made once per family of models by the
layer that defines them (``kongchuo.cases`` its events, ``kongchuo.notices`` its
notices); this module knows none of them. An unknown tag is ``enum.unknown``, a
missing one ``missing`` and one of the wrong type ``type``, each listing the
tags the union has (in the Chinese message with their Chinese names).

This module is part of the models layer of the design (docs/design.md); the
serialization edge and the notices' own document functions build on it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Final

from kongchuo._core.args import with_article
from kongchuo._core.errors import Problem, ValidationError, problem, quote, type_name
from kongchuo._models.base import (
    EXPORT_KEY,
    FULL,
    DumpOptions,
    Kind,
    Model,
    ModelKind,
    fields_of,
    masked_export_problem,
    structure,
    unstructure,
)

__all__ = [
    "SCHEMA_VERSION",
    "TAG_KEY",
    "UNIONS",
    "VERSION_KEY",
    "TaggedUnion",
    "UnionKind",
    "document_head",
    "dump_document",
    "load_document",
    "migrate",
    "parse_json",
    "register_migration",
    "union_of",
]

SCHEMA_VERSION: Final = 3
"""The version of the documents kongchuo writes, one number for every kind of document.

Version 1 and 2 documents still load (see ``docs/models.md``, *Documents*):

* 2 → 3: notices and events written on their own carry their ``"type"`` tag;
* 1 → 2: a child's ``birth`` became ``birth_date`` and its groups their values;
  a notice's tag was ``"kind"`` (the documents of ``notice_to_json``).
"""

VERSION_KEY: Final = "$schema_version"
"""The key of the schema version, at the top of every document."""

TAG_KEY: Final = "type"
"""The key of the tag of a tagged union's member, the same in every union.

``"type"`` is the key the events of a case's log have always had, and a stored log's
hashes are over its events' text, so the notices took it (not ``"kind"``, which is
also a field of some models, such as ``Deferred.kind`` and ``Case.kind``)."""

_PLAIN: Final = frozenset({VERSION_KEY})
_TAGGED: Final = frozenset({VERSION_KEY, TAG_KEY})
_NESTED_TAGGED: Final = frozenset({TAG_KEY})

Migration = Callable[[dict[str, Any]], dict[str, Any]]
"""One step of a migration: a document of version n (a fresh copy) to version n + 1."""

_MIGRATIONS: Final[dict[object, dict[int, Migration]]] = {}


def register_migration(target: type[Model] | TaggedUnion, version: int, step: Migration) -> None:
    """Register ``step``, which brings a document of ``target`` from ``version`` to the next.

    ``target`` is a model class or a :class:`TaggedUnion` (whose steps apply to
    every member). Each layer registers the steps of its own documents.

    Example:
        >>> from kongchuo import Child  # registers its step from version 1
        >>> migrate(Child, {"$schema_version": 1, "birth": "2015-09-01"})
        {'$schema_version': 3, 'birth_date': '2015-09-01'}
    """
    _MIGRATIONS.setdefault(target, {})[version] = step


def _unsupported(version: object) -> ValidationError:
    number = version.__class__ is int
    newer = number and version > SCHEMA_VERSION  # type: ignore[operator]
    # A version that is no integer ("3", 3.0) is named with its type: "got '3'" beside
    # "1 to 3" would read as a contradiction.
    got = quote(version) if number else f"{quote(version)} ({type_name(version)})"
    got_zh = quote(version) if number else f"{quote(version)}（{type_name(version)}）"
    return ValidationError(
        "schema_version.unsupported",
        f"this kongchuo reads documents whose $schema_version is an integer from 1 to "
        f"{SCHEMA_VERSION}, got {got}"
        + (": the document was written by a newer kongchuo; upgrade to read it" if newer else ""),
        f"本版本的 kongchuo 能读取的文档，$schema_version 须为 1 至 {SCHEMA_VERSION} 的整数；"
        f"实际为 {got_zh}" + ("：该文档由更新版本的 kongchuo 写出，请升级后读取" if newer else ""),
        path=f"$.{VERSION_KEY}",
    )


def migrate(cls: type[Model], raw: object) -> object:
    """Bring a top-level document of ``cls`` to :data:`SCHEMA_VERSION` (or refuse its version).

    ``cls`` is a model class or the base of a tagged union. Anything that is not a
    dict is returned as it is, for the loader to refuse.

    Raises:
        ValidationError: ``schema_version.unsupported`` for a version that is not
            an int from 1 to :data:`SCHEMA_VERSION`.

    Example:
        >>> migrate(Model, {"$schema_version": 3})
        {'$schema_version': 3}
        >>> migrate(Model, {"$schema_version": 4})
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: $.$schema_version: this kongchuo reads documents whose ...
    """
    if raw.__class__ is not dict:
        return raw
    version = raw.get(VERSION_KEY, SCHEMA_VERSION)
    if version is SCHEMA_VERSION:
        return raw
    if version.__class__ is not int or not 1 <= version <= SCHEMA_VERSION:
        raise _unsupported(version)
    if version == SCHEMA_VERSION:
        return raw
    doc: dict[str, Any] = dict(raw)
    union = UNIONS.get(cls) or union_of(cls)
    chains = [c for c in (_MIGRATIONS.get(cls), _MIGRATIONS.get(union)) if c]
    for old in range(version, SCHEMA_VERSION):
        for chain in chains:
            step = chain.get(old)
            if step is not None:
                doc = step(doc)
    doc[VERSION_KEY] = SCHEMA_VERSION
    return doc


# -- tagged unions ----------------------------------------------------------------


class TaggedUnion:
    """A family of models told apart by the tag under ``"type"`` (标签联合).

    Args:
        base: The family's base class (abstract: it has no document of its own).
        name: What one member is called, in English and in Chinese, for messages.
        members: Each member class by its stable tag.
        labels: The Chinese name of each tag, shown beside it in Chinese messages.

    Example:
        >>> from kongchuo.notices import Notice
        >>> union = UNIONS[Notice]
        >>> union.tags[:2]
        ('enrolment', 'return')
        >>> union.member({"type": "reminder"}).__name__
        'Reminder'
        >>> union.member({"type": "recall"})
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: $.type: unknown notice type 'recall'; known: enrolment, ...
    """

    __slots__ = ("_candidates", "base", "by_tag", "labels", "name", "name_zh", "tag_of", "tags")

    def __init__(
        self,
        base: type[Model],
        name: tuple[str, str],
        members: Mapping[str, type[Model]],
        labels: Mapping[str, str],
    ) -> None:
        self.base = base
        self.name, self.name_zh = name
        self.by_tag: Mapping[str, type[Model]] = dict(members)
        self.tags: tuple[str, ...] = tuple(members)
        self.tag_of: Mapping[type, str] = {cls: tag for tag, cls in members.items()}
        self.labels: Mapping[str, str] = dict(labels)
        for tag, cls in members.items():
            if not issubclass(cls, base) or any(f.name == TAG_KEY for f in fields_of(cls)):
                msg = f"{cls.__name__} ({tag}) cannot be a member of the {name[0]} union"
                raise TypeError(msg)
        self._candidates: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = tuple(
            (
                tag,
                frozenset(f.name for f in fields_of(cls)),
                frozenset(f.name for f in fields_of(cls) if f.required),
            )
            for tag, cls in members.items()
        )
        UNIONS[base] = self
        for cls in members.values():
            _MEMBER_OF[cls] = self
        register_migration(self, 2, self.tag_untagged)

    def __repr__(self) -> str:
        return f"TaggedUnion({self.base.__name__}, {len(self.tags)} members)"

    def tag_problem(self, raw: object, path: str = "$", *, only: str | None = None) -> Problem:
        """The problem of a tag that names no member (or not ``only``, where one is wanted)."""
        where = f"{path}.{TAG_KEY}"
        tags = (only,) if only is not None else self.tags
        known = ", ".join(tags)
        known_zh = "、".join(f"{t}（{self.labels[t]}）" for t in tags)
        if raw is _ABSENT:
            return problem(
                "missing",
                f"{with_article(self.name)} document names its type under {TAG_KEY!r}: "
                f"one of {known}",
                f"须在 {TAG_KEY!r} 中写明{self.name_zh}类型，可用：{known_zh}",
                where,
            )
        if raw.__class__ is not str:
            return problem(
                "type",
                f"the {self.name} type must be a str, one of {known}; got {type_name(raw)}",
                f"{self.name_zh}类型应为字符串，可用：{known_zh}；实为 {type_name(raw)}",
                where,
            )
        if only is not None:
            return problem(
                "enum.unknown",
                f"this is a {quote(raw)} document, not {only!r}: load it as its own "
                f"type or as any {self.name}",
                f"这是 {quote(raw)} 文档，不是 {only!r}（{self.labels[only]}）："
                f"请按其本身类型或任一{self.name_zh}载入",
                where,
            )
        return problem(
            "enum.unknown",
            f"unknown {self.name} type {quote(raw)}; known: {known}",
            f"未知的{self.name_zh}类型 {quote(raw)}；可用：{known_zh}",
            where,
        )

    def member(self, raw: object, path: str = "$") -> type[Model]:
        """The member class a document's tag names.

        Raises:
            ValidationError: ``type`` for a document that is not an object; for the
                tag, ``missing``, ``type`` or ``enum.unknown`` (listing the tags).
        """
        if raw.__class__ is not dict:
            raise ValidationError(
                "type",
                f"expected {with_article(self.name)} document (an object), got {type_name(raw)}",
                f"应为{self.name_zh}文档（对象），实为 {type_name(raw)}",
                path=path,
            )
        tag = raw.get(TAG_KEY, _ABSENT)
        cls = self.by_tag.get(tag) if tag.__class__ is str else None
        if cls is None:
            fits = self.fits(raw) if tag is _ABSENT else []
            if len(fits) > 1:  # an untagged document of version 2 that fits several
                raise ValidationError.of([self.ambiguous_problem(fits, path)])
            raise ValidationError.of([self.tag_problem(tag, path)])
        return cls

    def ambiguous_problem(self, fits: list[str], path: str = "$") -> Problem:
        """The missing tag of a document whose fields fit several members (``moved_away``, …)."""
        names = " or ".join(self.by_tag[t].__name__ for t in fits)
        names_zh = " 或 ".join(self.by_tag[t].__name__ for t in fits)
        return problem(
            "missing",
            f"{with_article(self.name)} document names its type under {TAG_KEY!r}; the fields "
            f"of this one fit {', '.join(fits)}: add its {TAG_KEY!r}, or load it as {names}",
            f"须在 {TAG_KEY!r} 中写明{self.name_zh}类型；该文档的字段符合 "
            + "、".join(f"{t}（{self.labels[t]}）" for t in fits)
            + f"：请加上 {TAG_KEY!r}，或按 {names_zh} 载入",
            f"{path}.{TAG_KEY}",
        )

    def load(self, raw: object) -> Model:
        """A member from a nested object with its tag (no version: see :func:`load_document`)."""
        cls = self.member(raw)
        result: Model = structure(cls, raw, extra=_NESTED_TAGGED)
        return result

    def dump(self, obj: Model, opts: DumpOptions = FULL) -> dict[str, object]:
        """A member as a nested object: its tag, then its fields."""
        return {TAG_KEY: self.tag_of[obj.__class__], **unstructure(obj, opts)}

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        """The JSON Schema of any member: one of the members, each with its tag required."""
        options = []
        for tag, cls in self.by_tag.items():
            options.append(ModelKind(cls).schema(defs))
            add_tag(defs[cls.__name__], tag)
        return {"oneOf": options}

    def tag_untagged(self, doc: dict[str, Any]) -> dict[str, Any]:
        """Migration 2 → 3: an untagged document gets the tag of the one member it fits.

        Before version 3 a notice or an event written on its own had no tag (it was
        loaded into the class named by the caller). A document whose keys fit one
        member only — all its required fields present, no other field — gets that
        member's tag; one that fits several (an event of ``moved_away`` or
        ``deceased``) stays untagged and loads only into the class named.
        """
        if TAG_KEY in doc:
            return doc
        fits = self.fits(doc)
        if len(fits) == 1:
            return {VERSION_KEY: doc.get(VERSION_KEY), TAG_KEY: fits[0], **doc}
        return doc

    def fits(self, doc: dict[Any, Any]) -> list[str]:
        """The tags of the members whose fields a document's keys fit (all required, no other)."""
        keys = {k for k in doc if k.__class__ is str and not k.startswith("$")}
        return [t for t, known, required in self._candidates if required <= keys <= known]


_ABSENT: Final[Any] = object()

UNIONS: Final[dict[type, TaggedUnion]] = {}
"""Every tagged union by its base class; each layer makes its own (events, notices)."""

_MEMBER_OF: Final[dict[type, TaggedUnion]] = {}


def union_of(cls: object) -> TaggedUnion | None:
    """The tagged union ``cls`` is a member of, if any.

    Example:
        >>> from kongchuo.notices import ReturnNotice
        >>> union_of(ReturnNotice).name, union_of(Model)
        ('notice', None)
    """
    try:
        found: TaggedUnion | None = _MEMBER_OF.get(cls)  # type: ignore[call-overload]
    except TypeError:  # an unhashable type expression
        return None
    return found


def add_tag(body: dict[str, Any], tag: str) -> None:
    """Put a required ``"type"`` of constant ``tag`` first in an object's JSON Schema."""
    body["properties"] = {TAG_KEY: {"const": tag}, **body["properties"]}
    if TAG_KEY not in body["required"]:
        body["required"] = [TAG_KEY, *body["required"]]


class UnionKind(Kind):
    """A field holding any member of a tagged union, written with its tag first."""

    __slots__ = ("union",)

    def __init__(self, union: TaggedUnion) -> None:
        self.union = union

    def check(self, value: object) -> list[Problem] | None:
        if value.__class__ not in self.union.tag_of:
            return [
                problem(
                    "type",
                    f"expected {with_article(self.union.name)}, got {type_name(value)}",
                    f"应为{self.union.name_zh}，实为 {type_name(value)}",
                )
            ]
        return None

    def load(self, raw: object) -> object:
        return self.union.load(raw)

    def dump(self, value: Any, opts: DumpOptions) -> object:  # noqa: ANN401 - Kind's signature
        return self.union.dump(value, opts)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return self.union.schema(defs)


# -- whole documents --------------------------------------------------------------


def document_head(cls: type, opts: DumpOptions = FULL) -> dict[str, object]:
    """The keys a top-level document of ``cls`` starts with: version, export level, tag.

    Example:
        >>> from kongchuo.notices import ReturnNotice
        >>> document_head(ReturnNotice)
        {'$schema_version': 3, 'type': 'return'}
    """
    head: dict[str, object] = {VERSION_KEY: SCHEMA_VERSION}
    if opts is not FULL:
        head[EXPORT_KEY] = opts.mode
    union = _MEMBER_OF.get(cls)
    if union is not None:
        head[TAG_KEY] = union.tag_of[cls]
    return head


def dump_document(obj: Model, opts: DumpOptions = FULL) -> dict[str, Any]:
    """The top-level document of a model: :func:`document_head`, then its fields.

    Example:
        >>> from kongchuo.notices import NoticeKind, examples
        >>> list(dump_document(examples()[NoticeKind.RETURN]))[:3]
        ['$schema_version', 'type', 'number']
    """
    out = document_head(obj.__class__, opts)
    out.update(unstructure(obj, opts))
    return out


def load_document(raw: object, cls: type[Model]) -> Any:  # noqa: ANN401 - an instance of cls
    """A model from a top-level document of ``cls``, migrated first, all problems at once.

    ``cls`` is a model class or the base of a tagged union (then the tag picks the
    member). A member's document may leave out its tag; given, it must be the
    member's.

    Raises:
        ValidationError: ``serialization.masked_export`` for a masked export,
            ``schema_version.unsupported``, the tag's problems and the fields'.

    Example:
        >>> from kongchuo.notices import Notice, NoticeKind, examples
        >>> n = examples()[NoticeKind.REMINDER]
        >>> load_document(dump_document(n), Notice) == n
        True
    """
    masked = masked_export_problem(raw)
    if masked is not None:
        raise ValidationError.of([masked])
    doc = migrate(cls, raw)
    union = UNIONS.get(cls)
    if union is not None:
        return structure(union.member(doc), doc, extra=_TAGGED)
    union = _MEMBER_OF.get(cls)
    if union is None:
        return structure(cls, doc, extra=_PLAIN)
    tag = doc.get(TAG_KEY, _ABSENT) if doc.__class__ is dict else _ABSENT
    if tag is _ABSENT or tag == union.tag_of[cls]:
        return structure(cls, doc, extra=_TAGGED)
    wrong = union.tag_problem(tag, only=union.tag_of[cls])
    try:
        structure(cls, doc, extra=_TAGGED)
    except ValidationError as exc:
        raise ValidationError.of([wrong, *exc.errors]) from None
    raise ValidationError.of([wrong])


def parse_json(text: object) -> object:
    """The value of one JSON document's text (a str or bytes), for the loaders.

    Raises:
        ValidationError: ``type`` for something that is not text, ``document.syntax``
            for text that is not JSON.

    Example:
        >>> parse_json('{"a": 1}')
        {'a': 1}
    """
    if not isinstance(text, (str, bytes, bytearray)):
        raise ValidationError(
            "type",
            f"JSON text must be str or bytes, not {type_name(text)}",
            f"JSON 文本必须是 str 或 bytes，而不是 {type_name(text)}",
        )
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        where = (
            f"line {exc.lineno} column {exc.colno}"
            if isinstance(exc, json.JSONDecodeError)
            else "the text"
        )
        where_zh = (
            f"第 {exc.lineno} 行第 {exc.colno} 列"
            if isinstance(exc, json.JSONDecodeError)
            else "文本"
        )
    raise ValidationError(
        "document.syntax",
        f"not valid JSON: error at {where}",
        f"不是有效的 JSON：{where_zh}有误",
    )
