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

import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import IO, Any, Final, Literal, NamedTuple, TypeVar

import kongchuo
from kongchuo import Problem, ValidationError
from kongchuo._core.args import require_choice, require_int, require_iterable
from kongchuo._core.errors import problem, type_name
from kongchuo._models import compiled
from kongchuo._models.base import MODELS, gc_paused
from kongchuo._models.documents import UNIONS, union_of

__all__ = ["read_jsonl", "write_jsonl"]

T = TypeVar("T")
_INDEX: Final = re.compile(r"^\$\[([0-9]+)\]")
_CHUNK: Final = 8192
_NO_EXTRA: Final[frozenset[str]] = frozenset()
_LEFT: Final[Any] = object()  # a line the typed path leaves to the general way


Codec = Literal["auto", "json", "msgspec"]


class _Codec(NamedTuple):
    """A codec: the writer of a chunk of documents and the decoder of a line.

    ``typed`` (msgspec only) gives, for a model class, the fast reader of a line
    and the fast writer of a chunk of models, or ``None`` (see :func:`_typed`).
    """

    lines: Callable[[list[Any]], str]
    loads: Callable[[str], object]
    typed: Callable[[type], _Typed | None] | None = None


class _Typed(NamedTuple):
    """msgspec's typed path for one model class: a line to its record, records to lines."""

    decode: Callable[[str | bytes], Any]
    """A line to its typed mirror, or :class:`ValueError` for a line to read the general way."""

    build: Callable[[Any, frozenset[str]], Any]
    """A mirror to its record, or :class:`ValidationError`: read the line the general way."""

    write: Callable[[list[Any]], bytes]
    """The lines of a chunk of records of the class (UTF-8), or :class:`ValueError`."""


def _codec(codec: object) -> _Codec:
    """The codec named by ``codec``."""
    require_choice(codec, ("auto", "json", "msgspec"), "codec", code="batch.codec")
    standard = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    def lines(docs: list[Any]) -> str:
        return "".join([standard(doc) + "\n" for doc in docs])

    if codec == "json":
        return _Codec(lines, json.loads)
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
        return _Codec(lines, json.loads)
    return _msgspec(msgspec, standard)


def _msgspec(
    msgspec: Any,  # noqa: ANN401 - the optional module
    standard: Callable[[object], str],
) -> _Codec:
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
        except (ValueError, RecursionError):  # msgspec.DecodeError: let json have its say
            return json.loads(line)

    return _Codec(fast_lines, loads, lambda cls: _typed(msgspec, cls, encode_lines))


_TYPED: dict[type, _Typed | None] = {}


def _typed(
    msgspec: Any,  # noqa: ANN401 - the optional module
    cls: type,
    encode_lines: Callable[[list[Any]], bytes],
) -> _Typed | None:
    """The typed path of msgspec for ``cls``; ``None`` for a tagged union or no model.

    A line decodes to the class's mirror (:func:`~kongchuo._models.compiled.mirror`),
    which refuses what the compiled loader would not take as it is (an unknown key,
    a value of another JSON type, another ``$schema_version``), and the loader
    generated from the same checks builds the record; a record is written through its
    write mirror (:func:`~kongchuo._models.compiled.typed_dumper`). Whatever either
    refuses goes the general way, so the records, the problems and the bytes are the
    general way's.
    """
    try:
        if cls in _TYPED:
            return _TYPED[cls]
    except TypeError:  # unhashable, so no model: the general way names the problem
        return None
    found = None
    if cls in MODELS and cls not in UNIONS and union_of(cls) is None:
        decode = msgspec.json.Decoder(compiled.mirror(cls)).decode
        dump = compiled.typed_dumper(cls, top=True)

        def write(models: list[Any]) -> bytes:
            mirrors = [dump(m) for m in models if m.__class__ is cls]
            if len(mirrors) != len(models):  # another class in the chunk
                raise ValueError
            try:
                return encode_lines(mirrors)
            except (TypeError, ValueError, OverflowError) as exc:  # a lone surrogate
                raise ValueError from exc

        found = _Typed(decode, compiled.typed_loader(cls), write)
    _TYPED[cls] = found
    return found


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def write_jsonl(
    models: Iterable[Any],
    out: IO[str] | IO[bytes],
    *,
    chunk_size: int = _CHUNK,
    codec: Codec = "auto",
) -> int:
    """Write models as JSON Lines, one document per line; returns how many.

    ``out`` is a text file, or a binary one (:class:`io.BufferedIOBase` or
    :class:`io.RawIOBase`, such as ``open(path, "wb")`` or :class:`io.BytesIO`),
    which gets the UTF-8 bytes of the same text without the text in between
    (the faster way with msgspec).

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
        >>> raw = io.BytesIO()
        >>> write_jsonl([school], raw)
        1
        >>> raw.getvalue() == buf.getvalue().splitlines(keepends=True)[0].encode()
        True
        >>> read_jsonl(io.BytesIO(raw.getvalue()), kongchuo.School) == [school]
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
    found = _codec(codec)
    binary = isinstance(out, (io.BufferedIOBase, io.RawIOBase))
    count = 0
    for batch in _chunks(models, chunk_size):
        typed = found.typed(batch[0].__class__) if found.typed is not None else None
        if typed is not None:
            try:
                data = typed.write(batch)
                out.write(data if binary else data.decode())  # type: ignore[arg-type]
                count += len(batch)
                continue
            except ValueError:  # another class in the chunk, a lone surrogate: the general way
                pass
        docs = kongchuo.to_dicts(batch)
        text = found.lines(docs)
        out.write(text.encode() if binary else text)  # type: ignore[arg-type]
        count += len(docs)
    return count


def _text_line(line: object, number: int) -> str | bytes:
    """A line as text: a str as it is, bytes decoded as UTF-8 (kept as bytes if not UTF-8).

    Raises:
        ValidationError: ``type`` for a line that is neither.
    """
    if isinstance(line, str):
        return line
    if isinstance(line, (bytes, bytearray)):
        try:
            return line.decode()
        except UnicodeDecodeError:  # _general reports it in its place
            return bytes(line)
    raise ValidationError(
        "type",
        f"a line must be a str or bytes, got {type_name(line)}",
        f"每一行应为 str 或 bytes，实为 {type_name(line)}",
        path=f"$[{number}]",
    )


def read_jsonl(
    source: IO[str] | IO[bytes] | Iterable[str] | Iterable[bytes],
    cls: type[T],
    *,
    chunk_size: int = _CHUNK,
    codec: Codec = "auto",
) -> list[T]:
    """Read JSON Lines of one model, checking every line; blank lines are skipped.

    ``source`` is a text file or any iterable of str lines, or a binary file (any
    iterable of bytes lines), whose lines are read as UTF-8 text: the result is
    that of the decoded text, a line that is not UTF-8 is ``document.syntax``.
    With msgspec, bytes are the faster way (no text in between).

    ``codec`` as for :func:`write_jsonl`; a line msgspec rejects is read again by
    :mod:`json`, so the result does not depend on the codec.

    Raises:
        ValidationError: Every problem of every line, each path rooted at the
            line's number (``$[12].resident_id`` is line 12), ``document.syntax`` for a
            line that is not JSON (or not UTF-8), ``type`` for a line that is neither a
            str nor bytes; for an unknown or missing codec
            (``batch.codec``, ``batch.codec.missing``).
    """
    source = require_iterable(source, "source")  # type: ignore[assignment]
    chunk_size = require_int(chunk_size, "chunk_size", min_value=1, max_value=1 << 24)
    found = _codec(codec)
    typed = found.typed(cls) if found.typed is not None else None
    with gc_paused():  # the decoded documents and the records hold no cycles
        return _read(source, cls, chunk_size, found.loads, typed)


def _read(
    source: IO[str] | IO[bytes] | Iterable[str] | Iterable[bytes],
    cls: type[T],
    chunk_size: int,
    loads: Callable[[str], object],
    typed: _Typed | None,
) -> list[T]:
    out: list[T] = []
    problems: list[Problem] = []
    if typed is None:
        numbered = (
            (n, text)
            for n, line in enumerate(source, start=1)
            if (text := _text_line(line, n)).strip()
        )
        for chunk in _chunks(numbered, chunk_size):
            records = _general(chunk, cls, loads, problems)
            if records is not None:
                out.extend(records)
    else:
        _read_typed(source, cls, chunk_size, loads, typed, out, problems)
    if problems:
        raise ValidationError.of(problems)
    return out


def _read_typed(  # noqa: PLR0917 - the parts of _read
    source: IO[str] | IO[bytes] | Iterable[str] | Iterable[bytes],
    cls: type[T],
    chunk_size: int,
    loads: Callable[[str], object],
    typed: _Typed,
    out: list[T],
    problems: list[Problem],
) -> None:
    """The typed path first, line by line; the lines it leaves go the general way by chunk.

    The chunks are those of the general way (``chunk_size`` lines that are not
    blank), so the problems come in the same order.
    """
    decode, build, none = typed.decode, typed.build, _NO_EXTRA
    done: list[Any] = []  # the chunk's records, _LEFT for a line left to the general way
    left: list[tuple[int, str | bytes]] = []
    append = done.append
    for number, line in enumerate(source, start=1):
        if line.__class__ is not str and line.__class__ is not bytes:
            line = _text_line(line, number)  # noqa: PLW2901 - a bytearray, or not a line
        if not line or line.isspace():  # as line.strip() is empty, without the copy
            continue
        try:  # bytes as they are: msgspec checks their UTF-8
            append(build(decode(line), none))
        except (ValueError, RecursionError):  # msgspec's errors, the loader's problems
            if line.__class__ is bytes:  # the general way reads text
                line = _text_line(line, number)  # noqa: PLW2901
                if line.__class__ is str and line.isspace():  # blank once decoded (U+3000)
                    continue
            append(_LEFT)
            left.append((number, line))
        if len(done) >= chunk_size:
            _flush(done, left, cls, loads, out, problems)
            done, left = [], []
            append = done.append
    if done:
        _flush(done, left, cls, loads, out, problems)


def _flush(  # noqa: PLR0917 - the parts of _read
    done: list[Any],
    left: list[tuple[int, str | bytes]],
    cls: type[T],
    loads: Callable[[str], object],
    out: list[T],
    problems: list[Problem],
) -> None:
    """Add a chunk's records to ``out``, the lines left read the general way in their places."""
    if not left:
        out.extend(done)
        return
    records = _general(left, cls, loads, problems)
    if records is not None:
        rest = iter(records)
        out.extend([next(rest) if r is _LEFT else r for r in done])


def _general(
    batch: list[tuple[int, str | bytes]],
    cls: type[T],
    loads: Callable[[str], object],
    problems: list[Problem],
) -> list[T] | None:
    """The records of numbered lines, or ``None`` with their problems added to ``problems``."""
    before = len(problems)
    docs: list[object] = []
    lines: list[int] = []
    for number, line in batch:
        if line.__class__ is bytes:  # not UTF-8
            problems.append(
                problem(
                    "document.syntax",
                    "this line is not UTF-8 text",
                    "该行不是 UTF-8 文本",
                    f"$[{number}]",
                )
            )
            continue
        try:
            docs.append(loads(line))  # type: ignore[arg-type]
            lines.append(number)
        except (ValueError, RecursionError):  # nested deeper than the decoder goes
            problems.append(
                problem(
                    "document.syntax",
                    "this line is not JSON",
                    "该行不是有效的 JSON",
                    f"$[{number}]",
                )
            )
    try:
        records = kongchuo.from_dicts(docs, cls)
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
        return None
    return records if len(problems) == before else None
