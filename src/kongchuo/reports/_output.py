"""Output of reports: JSON text and CSV (报表输出).

Reports are typed objects with ``to_records()`` (flat rows with the same keys),
``to_dict()`` and ``to_json()``. :func:`to_csv` writes any list of flat rows as CSV
text, with an optional byte-order mark so that Excel opens Chinese text in UTF-8
correctly. Nothing here writes files: the caller writes the text with
``open(path, "w", encoding="utf-8", newline="")``.

This module belongs to the edges layer of the design (docs/design.md).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

from kongchuo import ValidationError
from kongchuo._core.args import require_bool, require_items

__all__ = ["dumps", "to_csv"]

_CONTAINERS = (list, tuple, dict, set, frozenset)


def dumps(data: object) -> str:
    """JSON text with Chinese kept as is, two-space indents and a final newline.

    Example:
        >>> print(dumps({"单位": "湖屯镇"}), end="")
        {
          "单位": "湖屯镇"
        }
    """
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(records: Iterable[Mapping[str, Any]], *, bom: bool = False) -> str:
    r"""Flat rows as CSV text: a header from the first row's keys, then one line per row.

    Args:
        records: Rows with the same keys, such as a report's ``to_records()``.
        bom: Start with a UTF-8 byte-order mark (``\ufeff``), which Excel needs to
            read Chinese text in a UTF-8 file.

    Raises:
        ValidationError: ``report.records`` for a row that is not a mapping or whose
            keys differ from the first row's.

    Example:
        >>> print(to_csv([{"单位": "湖屯镇", "个案数": 3}]), end="")
        单位,个案数
        湖屯镇,3
        >>> to_csv([{"a": 1}], bom=True)[0] == "\ufeff"
        True
    """
    bom = require_bool(bom, "bom")
    out = io.StringIO(newline="")
    if bom:
        out.write("\ufeff")
    writer: csv.DictWriter[str] | None = None
    keys: list[str] = []
    for i, row in enumerate(require_items(records, Mapping, "records")):  # type: ignore[type-abstract]
        if writer is not None and list(row) != keys:
            raise ValidationError(
                "report.records",
                "every row must be a mapping with the first row's keys",
                "每一行都应为与第一行键相同的映射",
                path=f"records[{i}]",
            )
        if writer is None:
            keys = list(row)
            writer = csv.DictWriter(out, fieldnames=keys, lineterminator="\n")
            writer.writeheader()
        if any(isinstance(v, _CONTAINERS) for v in row.values()):
            raise ValidationError(
                "report.records",
                "a cell holds one value, not a list or a table",
                "每个单元格只能有一个值，不能是列表或表",
                path=f"records[{i}]",
            )
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()
