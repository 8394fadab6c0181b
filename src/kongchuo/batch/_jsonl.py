"""JSON Lines export and import of many records (JSON Lines 批量导出与导入).

One document per line, as :func:`kongchuo.to_dict` writes it (with its schema
version), built and read in chunks through :func:`kongchuo.to_dicts` and
:func:`kongchuo.from_dicts` so that the garbage collector stays paused and the
compiled loaders do the checks (ID numbers included). The standard library's
:mod:`json` encodes and decodes by default; with msgspec installed (the ``fastjson``
extra) ``codec="auto"`` uses its JSON codec instead, which writes the same bytes
for kongchuo's documents and reads them to the same records (see
``benchmarks/bench_batch.py`` for the figures). A line msgspec will not decode is
read again by :mod:`json`, so both codecs accept and reject the same lines.

Part of the batch layer of the design (docs/design.md) (its edge: it writes and reads text).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, Final, Literal, TypeVar

import kongchuo
from kongchuo import Problem, ValidationError
from kongchuo._core.args import require_choice, require_instance, require_int, require_iterable
from kongchuo._core.errors import problem, type_name
from kongchuo._models.base import gc_paused

__all__ = ["read_jsonl", "write_jsonl"]

T = TypeVar("T")
_INDEX: Final = re.compile(r"^\$\[([0-9]+)\]")
_CHUNK: Final = 8192


Codec = Literal["auto", "json", "msgspec"]


def _codec(
    codec: object,
) -> tuple[Callable[[list[Any]], str], Callable[[str], object]]:
    """The writer of a chunk of documents (one line each) and the decoder of a line."""
    require_choice(codec, ("auto", "json", "msgspec"), "codec", code="batch.codec")
    standard = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    def lines(docs: list[Any]) -> str:
        return "".join([standard(doc) + "\n" for doc in docs])

    if codec == "json":
        return lines, json.loads
    try:
        import msgspec  # noqa: PLC0415 - an optional extra, imported when asked for
    except ImportError:
        if codec == "msgspec":
            raise ValidationError(
                "batch.codec.missing",
                "codec 'msgspec' needs msgspec: pip install 'kongchuo[fastjson]'",
                "codec 'msgspec' 需要安装 msgspec：pip install 'kongchuo[fastjson]'",
                path="codec",
            ) from None
        return lines, json.loads
    return _msgspec(msgspec, standard)


def _msgspec(
    msgspec: Any,  # noqa: ANN401 - the optional module
    standard: Callable[[object], str],
) -> tuple[Callable[[list[Any]], str], Callable[[str], object]]:
    """The writer of a chunk and the decoder of a line with msgspec, falling back to json."""
    encoder = msgspec.json.Encoder()
    encode, encode_lines = encoder.encode, encoder.encode_lines
    decode = msgspec.json.Decoder().decode

    def fast(doc: object) -> str:
        try:
            return str(encode(doc).decode()) + "\n"
        except (TypeError, ValueError, OverflowError):  # e.g. a lone surrogate
            return standard(doc) + "\n"

    def fast_lines(docs: list[Any]) -> str:
        try:
            return str(encode_lines(docs).decode())  # each document and a newline, in one call
        except (TypeError, ValueError, OverflowError):  # one bad document: line by line
            return "".join([fast(doc) for doc in docs])

    def loads(line: str) -> object:
        try:
            return decode(line)
        except ValueError:  # msgspec.DecodeError: let json have its say
            return json.loads(line)

    return fast_lines, loads


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_jsonl(
    models: Iterable[Any], out: IO[str], *, chunk_size: int = _CHUNK, codec: Codec = "auto"
) -> int:
    """Write models as JSON Lines, one document per line; returns how many.

    ``codec`` is ``"json"`` (the standard library), ``"msgspec"`` (the ``fastjson``
    extra) or ``"auto"`` (msgspec when installed). Both write the same bytes for
    kongchuo's documents; a float (which no kongchuo record holds) would be written
    in msgspec's form (``1.5e300``, NaN as ``null``).

    Raises:
        ValidationError: For something that is not a model (see :func:`kongchuo.to_dicts`),
            or an unknown or missing codec (``batch.codec``, ``batch.codec.missing``).

    Example:
        >>> import io, kongchuo
        >>> school = kongchuo.School(
        ...     code="2137098301",
        ...     name="王瓜店中学",
        ...     kind=kongchuo.SchoolKind.PRIMARY,
        ...     jurisdiction="370983003",
        ... )
        >>> buf = io.StringIO()
        >>> write_jsonl([school, school], buf)
        2
        >>> read_jsonl(io.StringIO(buf.getvalue()), kongchuo.School) == [school, school]
        True
    """
    models = require_iterable(models, "models")
    if not callable(getattr(out, "write", None)):
        raise ValidationError(
            "type",
            f"out must be a text file open for writing, got {type_name(out)}",
            f"out 应为可写的文本文件，实为 {type_name(out)}",
            path="out",
        )
    chunk_size = require_int(chunk_size, "chunk_size", min_value=1, max_value=1 << 24)
    dumps, _ = _codec(codec)
    count = 0
    for batch in _chunks(models, chunk_size):
        docs = kongchuo.to_dicts(batch)
        out.write(dumps(docs))
        count += len(docs)
    return count


def _text_line(line: object, number: int) -> str:
    return require_instance(line, str, f"$[{number}]", name_zh="文本")


def read_jsonl(
    source: IO[str] | Iterable[str],
    cls: type[T],
    *,
    chunk_size: int = _CHUNK,
    codec: Codec = "auto",
) -> list[T]:
    """Read JSON Lines of one model, checking every line; blank lines are skipped.

    ``codec`` as for :func:`write_jsonl`; a line msgspec rejects is read again by
    :mod:`json`, so the result does not depend on the codec.

    Raises:
        ValidationError: Every problem of every line, each path rooted at the
            line's number (``$[12].resident_id`` is line 12), ``document.syntax`` for a
            line that is not JSON; for an unknown or missing codec
            (``batch.codec``, ``batch.codec.missing``).
    """
    source = require_iterable(source, "source")  # type: ignore[assignment]
    chunk_size = require_int(chunk_size, "chunk_size", min_value=1, max_value=1 << 24)
    _, loads = _codec(codec)
    with gc_paused():  # the decoded documents and the records hold no cycles
        return _read(source, cls, chunk_size, loads)


def _read(
    source: IO[str] | Iterable[str],
    cls: type[T],
    chunk_size: int,
    loads: Callable[[str], object],
) -> list[T]:
    out: list[T] = []
    problems: list[Problem] = []
    numbered = ((n, line) for n, line in enumerate(source, start=1) if _text_line(line, n).strip())
    for batch in _chunks(numbered, chunk_size):
        docs: list[object] = []
        lines: list[int] = []
        for number, line in batch:
            try:
                docs.append(loads(line))
                lines.append(number)
            except ValueError:
                problems.append(
                    problem(
                        "document.syntax",
                        "this line is not JSON",
                        "该行不是有效的 JSON",
                        f"$[{number}]",
                    )
                )
        try:
            out.extend(kongchuo.from_dicts(docs, cls))
        except ValidationError as exc:
            for bad in exc.errors:
                found = _INDEX.match(bad.path)
                if found is None:
                    problems.append(bad)
                    continue
                number = lines[int(found.group(1))]
                problems.append(
                    problem(
                        bad.code,
                        bad.message,
                        bad.message_zh,
                        f"$[{number}]" + bad.path[found.end() :],
                    )
                )
    if problems:
        raise ValidationError.of(problems)
    return out
