"""Notices as JSON-ready documents (文书数据交换), tagged by kind, that load back equal.

A notice's document is an object whose ``"kind"`` comes first, then its fields in
declaration order, with the schema version under ``"$schema_version"``. Dates are
ISO strings; the child's ID number is written in full unless ``mask=`` is given (then
every field follows its sensitivity as in :func:`kongchuo.to_dict`: the ID as
370983********0034, the birth date by its year; the document carries ``"$export"``
and does not load back: a masked document is for display and exchange, not for
storage).

This module is part of the edges layer of the design (docs/design.md).
"""

from __future__ import annotations

import json
from typing import Any, Final

from kongchuo._core.errors import ValidationError, quote, type_name
from kongchuo._models.base import (
    EXPORT_KEY,
    Mask,
    export_options,
    masked_export_problem,
    structure,
    unstructure,
)
from kongchuo.notices._models import NOTICE_TYPES, Notice, NoticeKind
from kongchuo.notices._render import _need_notice

__all__ = [
    "NOTICE_SCHEMA_VERSION",
    "notice_from_dict",
    "notice_from_json",
    "notice_to_dict",
    "notice_to_json",
]

NOTICE_SCHEMA_VERSION: Final = 1
"""The version of the notice documents kongchuo writes."""

_VERSION: Final = "$schema_version"
_EXTRA: Final = frozenset({"kind", _VERSION})
_KINDS: Final = {k.value: k for k in NoticeKind}


def notice_to_dict(notice: Notice, *, mask: Mask = False) -> dict[str, Any]:
    """The JSON-ready document of a notice.

    Example:
        >>> from kongchuo.notices import examples
        >>> doc = notice_to_dict(examples()[NoticeKind.RETURN], mask=True)
        >>> doc["kind"], doc["child_id"]
        ('return', '370983********0034')
    """
    notice = _need_notice(notice)
    opts = export_options(mask)
    head: dict[str, Any] = {"kind": notice.kind.value, _VERSION: NOTICE_SCHEMA_VERSION}
    if opts.mode != "full":
        head[EXPORT_KEY] = opts.mode
    return {**head, **unstructure(notice, opts)}


def notice_from_dict(data: object) -> Notice:
    """The notice a document describes, with every problem reported at once.

    Raises:
        ValidationError: ``notice.document`` for a non-object, ``notice.kind`` for an
            unknown kind, ``notice.version`` for a newer schema, and the field
            problems with their paths.

    Example:
        >>> from kongchuo.notices import examples
        >>> n = examples()[NoticeKind.CORRECTION_ORDER]
        >>> notice_from_dict(notice_to_dict(n)) == n
        True
    """
    if not isinstance(data, dict):
        raise ValidationError(
            "notice.document",
            f"expected an object, got {type_name(data)}",
            f"应为对象，实为 {type_name(data)}",
        )
    masked = masked_export_problem(data)
    if masked is not None:
        raise ValidationError.of([masked])
    raw_kind = data.get("kind")
    kind = _KINDS.get(raw_kind) if isinstance(raw_kind, str) else None
    if kind is None:
        known = ", ".join(k.value for k in NoticeKind)
        shown = quote(raw_kind) if isinstance(raw_kind, str) else type_name(raw_kind)
        raise ValidationError(
            "notice.kind",
            f"unknown notice kind {shown}; known: {known}",
            f"未知的文书种类 {shown}；可用：{known}",
            path="$.kind",
        )
    version = data.get(_VERSION, NOTICE_SCHEMA_VERSION)
    if type(version) is not int or not 1 <= version <= NOTICE_SCHEMA_VERSION:
        raise ValidationError(
            "notice.version",
            f"this kongchuo reads notice documents of version 1 to {NOTICE_SCHEMA_VERSION}",
            f"本版本只能读取第 1 至 {NOTICE_SCHEMA_VERSION} 版文书数据",
            path=f"$.{_VERSION}",
        )
    result: Notice = structure(NOTICE_TYPES[kind], data, extra=_EXTRA)
    return result


def notice_to_json(notice: Notice, *, mask: Mask = False) -> str:
    """The document of a notice as JSON text (UTF-8, Chinese kept as is)."""
    return json.dumps(notice_to_dict(notice, mask=mask), ensure_ascii=False)


def notice_from_json(text: str | bytes) -> Notice:
    """The notice JSON text describes; see :func:`notice_from_dict`.

    Raises:
        ValidationError: ``notice.json`` for text that is not JSON, and as
            :func:`notice_from_dict`.

    Example:
        >>> from kongchuo.notices import examples
        >>> n = examples()[NoticeKind.LABOUR_REFERRAL]
        >>> notice_from_json(notice_to_json(n)) == n
        True
    """
    if not isinstance(text, (str, bytes)):
        raise ValidationError(
            "notice.json",
            f"expected JSON text, got {type_name(text)}",
            f"应为 JSON 文本，实为 {type_name(text)}",
        )
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:  # RecursionError: nesting too deep
        raise ValidationError(
            "notice.json",
            f"not valid JSON (line {getattr(exc, 'lineno', '?')})",
            f"不是有效的 JSON（第 {getattr(exc, 'lineno', '?')} 行）",
        ) from None
    return notice_from_dict(data)
