"""Reading tables: CSV in UTF-8 (with or without BOM) or GB18030, XLSX, mappings (读表).

Every reader yields :class:`Row` records — the spreadsheet row number (the header
is row 1) and the cells by header — so that a result can always point at the row a
person would look at. Reading is the one place in the batch layer that does I/O.

Part of the batch layer of the design (docs/design.md) (its edge).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from kongchuo import ValidationError, quote
from kongchuo._core.args import require_instance, require_iterable, require_path
from kongchuo._core.documents import unreadable

__all__ = ["Row", "read_csv", "read_xlsx", "rows_from_mappings"]


class Row(NamedTuple):
    """One row of a table: its number as a person sees it and its cells by header.

    Example:
        >>> Row(2, {"姓名": "张小明"}).number
        2
    """

    number: int
    cells: Mapping[str, Any]


def decode(data: bytes, encoding: str | None, name: str) -> str:
    if encoding is not None:
        require_instance(encoding, str, "encoding")  # a list is no encoding
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise ValidationError(
                "batch.read.encoding",
                f"{name} is not in {quote(encoding)}: {type(exc).__name__}",
                f"{name} 不是 {quote(encoding)} 编码",
                path="path",
            ) from None
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ValidationError(
            "batch.read.encoding",
            f"{name} is neither UTF-8 nor GB18030; save it as UTF-8 CSV",
            f"{name} 既不是 UTF-8 也不是 GB18030 编码，请另存为 UTF-8 CSV",
            path="path",
        ) from None


def _rows(lines: Iterable[list[str]]) -> Iterator[Row]:
    it = iter(lines)
    header = next(it, None)
    if header is None:
        return
    names = [h.strip().lstrip("\ufeff") for h in header]
    width = len(names)
    for number, line in enumerate(it, start=2):
        if not any(line):
            continue  # a blank line is not a row of data
        cells = [*line, *([""] * (width - len(line)))] if len(line) < width else line
        yield Row(number, dict(zip(names, cells, strict=False)))


def read_csv(
    source: str | os.PathLike[str] | bytes, *, encoding: str | None = None
) -> Iterator[Row]:
    r"""The rows of a CSV file (or its bytes), in UTF-8 with or without BOM, or GB18030.

    The encoding is detected unless given: a BOM means UTF-8, text that is valid
    UTF-8 is UTF-8, otherwise GB18030 (which covers GBK and GB2312, as Excel in
    Chinese saves "CSV").

    Raises:
        ValidationError: ``document.read`` for a file that cannot be read,
            ``batch.read.encoding`` for bytes in neither encoding.

    Example:
        >>> data = "身份证号,姓名\n370983201509010012,张小明\n".encode("gb18030")
        >>> [r.cells["姓名"] for r in read_csv(data)]
        ['张小明']
    """
    data, name = load(source)
    text = decode(data, encoding, name)
    return _rows(csv.reader(io.StringIO(text, newline="")))


def load(source: str | os.PathLike[str] | bytes) -> tuple[bytes, str]:
    """The bytes of a table file (or the bytes given) and its name for messages."""
    if isinstance(source, bytes):
        return source, "the data"
    file = Path(require_path(source, "source"))
    try:
        return file.read_bytes(), file.name
    except (OSError, ValueError) as exc:  # ValueError: a NUL or a lone surrogate
        raise unreadable(file.name, exc) from None


def read_xlsx(source: str | os.PathLike[str], *, sheet: str | None = None) -> Iterator[Row]:
    """The rows of an XLSX worksheet (the first, or ``sheet``); needs ``openpyxl``.

    Cells come as the spreadsheet holds them: text, numbers (an ID number typed
    into a number cell arrives as a number, which intake rejects with a hint) and
    dates.

    Raises:
        ValidationError: ``batch.read.openpyxl`` when openpyxl is not installed
            (``pip install 'kongchuo[xlsx]'``), ``document.read`` for a file that
            cannot be read, ``batch.read.sheet`` for a missing sheet.
    """
    try:
        import openpyxl  # type: ignore[import-untyped, unused-ignore]  # noqa: PLC0415 - an optional extra
    except ImportError:
        raise ValidationError(
            "batch.read.openpyxl",
            "reading XLSX needs openpyxl: pip install 'kongchuo[xlsx]'",
            "读取 XLSX 需要 openpyxl：pip install 'kongchuo[xlsx]'",
        ) from None
    name = Path(require_path(source, "source")).name
    try:
        book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise unreadable(name, exc) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise ValidationError(
                "batch.read.sheet",
                f"{name} has no sheet {quote(sheet)}; it has {', '.join(book.sheetnames)}",
                f"{name} 中没有工作表 {quote(sheet)}；现有 {', '.join(book.sheetnames)}",
                path="sheet",
            )
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        rows = [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]
    finally:
        book.close()
    header = [str(h) for h in rows[0]] if rows else []
    return _rows([header, *rows[1:]])


def rows_from_mappings(items: Iterable[Mapping[str, Any]]) -> Iterator[Row]:
    """Number the mappings of an iterable as rows 1, 2, … (no header row).

    Raises:
        ValidationError: ``type`` for an item that is not a mapping,
            when it is reached.

    Example:
        >>> next(rows_from_mappings([{"姓名": "张小明"}])).number
        1
    """
    return _numbered(require_iterable(items, "items"))


def _numbered(items: Iterable[object]) -> Iterator[Row]:
    for number, item in enumerate(items, start=1):
        if not isinstance(item, Mapping):
            raise ValidationError(
                "type",
                f"row {number} is a {type(item).__name__}, not a mapping",
                f"第 {number} 行为 {type(item).__name__}，应为映射（字典）",
                path=f"$[{number - 1}]",
            )
        yield Row(number, item)
