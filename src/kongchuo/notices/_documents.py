"""Notices as JSON-ready documents (文书数据交换), in the one document format.

A notice's document is the one every model has (``kongchuo._models.documents``):
``"$schema_version"`` first, then its ``"type"`` (the kind's value, such as
``"return"``), then its fields in declaration order. Dates are ISO strings; the
child's ID number is written in full unless ``mask=`` is given (then every field
follows its sensitivity as in :func:`kongchuo.to_dict`: the ID as
370983********0034, the birth date by its year; the document carries ``"$export"``
and does not load back: a masked document is for display and exchange, not for
storage).

These functions and :func:`kongchuo.to_dict`, :func:`kongchuo.to_json`,
:func:`kongchuo.from_dict` and :func:`kongchuo.from_json` (with the class
``Notice``) write the same documents and read the same ones, old versions
included: the ``"kind"``-tagged documents of version 1 and the untagged ones of
version 2 load through migration into the same notice.

This module is part of the edges layer of the design (docs/design.md).
"""

from __future__ import annotations

import json
from typing import Any, Final

from kongchuo._models.base import Mask, export_options
from kongchuo._models.documents import SCHEMA_VERSION, dump_document, load_document, parse_json
from kongchuo.notices._models import Notice
from kongchuo.notices._render import require_notice

__all__ = [
    "NOTICE_SCHEMA_VERSION",
    "notice_from_dict",
    "notice_from_json",
    "notice_to_dict",
    "notice_to_json",
]

NOTICE_SCHEMA_VERSION: Final = SCHEMA_VERSION
"""The version of the documents kongchuo writes: the same as :data:`kongchuo.SCHEMA_VERSION`.

An alias kept for the code that reads it: notices have no version scheme of their
own since the one document format (version 3).
"""


def notice_to_dict(notice: Notice, *, mask: Mask = False) -> dict[str, Any]:
    """The JSON-ready document of a notice: the same as ``kongchuo.to_dict(notice)``.

    Example:
        >>> from kongchuo.notices import NoticeKind, examples
        >>> doc = notice_to_dict(examples()[NoticeKind.RETURN], mask=True)
        >>> doc["$schema_version"], doc["type"], doc["child_id"]
        (3, 'return', '370983********0034')
    """
    return dump_document(require_notice(notice), export_options(mask))


def notice_from_dict(data: object) -> Notice:
    """The notice a document describes, with every problem reported at once.

    The document's ``"type"`` picks the kind; documents of versions 1 (tagged
    ``"kind"``) and 2 (untagged) are migrated first. The same as
    ``kongchuo.from_dict(data, Notice)``.

    Raises:
        ValidationError: ``type`` for a non-object, ``missing``, ``type`` or
            ``enum.unknown`` for the ``"type"`` tag (listing the kinds),
            ``schema_version.unsupported`` for a newer version,
            ``serialization.masked_export`` for a masked export, and the field
            problems with their paths.

    Example:
        >>> from kongchuo.notices import NoticeKind, examples
        >>> n = examples()[NoticeKind.CORRECTION_ORDER]
        >>> notice_from_dict(notice_to_dict(n)) == n
        True
        >>> notice_from_dict({"type": "recall"})
        Traceback (most recent call last):
        ...
        kongchuo.ValidationError: $.type: unknown notice type 'recall'; known: enrolment, ...
    """
    result: Notice = load_document(data, Notice)
    return result


def notice_to_json(notice: Notice, *, mask: Mask = False) -> str:
    """The document of a notice as JSON text: the same text as ``kongchuo.to_json(notice)``.

    Example:
        >>> import kongchuo
        >>> from kongchuo.notices import NoticeKind, examples
        >>> n = examples()[NoticeKind.REMINDER]
        >>> notice_to_json(n) == kongchuo.to_json(n)
        True
    """
    return json.dumps(notice_to_dict(notice, mask=mask), ensure_ascii=False)


def notice_from_json(text: str | bytes) -> Notice:
    """The notice JSON text describes; see :func:`notice_from_dict`.

    Raises:
        ValidationError: ``type`` for something that is not text,
            ``document.syntax`` for text that is not JSON, and as
            :func:`notice_from_dict`.

    Example:
        >>> from kongchuo.notices import NoticeKind, examples
        >>> n = examples()[NoticeKind.LABOUR_REFERRAL]
        >>> notice_from_json(notice_to_json(n)) == n
        True
    """
    return notice_from_dict(parse_json(text))
