"""JSON Lines export and import of many records (JSON Lines 批量导出与导入).

One document per line, as :func:`kongchuo.to_dict` writes it (with its schema
version), built and read in chunks through :func:`kongchuo.to_dicts` and
:func:`kongchuo.from_dicts` so that the garbage collector stays paused and the
compiled loaders do the checks (ID numbers included). The standard library's
:mod:`json` encodes and decodes: see ``benchmarks/bench_batch.py`` for where the
time goes.

Part of the batch layer of the design (docs/design.md) (its edge: it writes and reads text).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any, Final, TypeVar

import kongchuo
from kongchuo import Problem, ValidationError

__all__ = ["read_jsonl", "write_jsonl"]

T = TypeVar("T")
_INDEX: Final = re.compile(r"^\$\[([0-9]+)\]")
_CHUNK: Final = 8192


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_jsonl(models: Iterable[Any], out: IO[str], *, chunk_size: int = _CHUNK) -> int:
    """Write models as JSON Lines, one document per line; returns how many.

    Raises:
        ValidationError: For something that is not a model (see :func:`kongchuo.to_dicts`).

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
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    count = 0
    for batch in _chunks(models, chunk_size):
        docs = kongchuo.to_dicts(batch)
        out.write("\n".join(map(dumps, docs)))
        out.write("\n")
        count += len(docs)
    return count


def read_jsonl(
    source: IO[str] | Iterable[str], cls: type[T], *, chunk_size: int = _CHUNK
) -> list[T]:
    """Read JSON Lines of one model, checking every line; blank lines are skipped.

    Raises:
        ValidationError: Every problem of every line, each path rooted at the
            line's number (``$[12].resident_id`` is line 12), ``json.syntax`` for a
            line that is not JSON.
    """
    loads = json.loads
    out: list[T] = []
    problems: list[Problem] = []
    numbered = ((n, line) for n, line in enumerate(source, start=1) if line.strip())
    for batch in _chunks(numbered, chunk_size):
        docs: list[object] = []
        lines: list[int] = []
        for number, line in batch:
            try:
                docs.append(loads(line))
                lines.append(number)
            except ValueError:
                problems.append(
                    Problem(
                        code="json.syntax",
                        path=f"$[{number}]",
                        message="this line is not JSON",
                        message_zh="该行不是有效的 JSON",
                    )
                )
        try:
            out.extend(kongchuo.from_dicts(docs, cls))
        except ValidationError as exc:
            for problem in exc.errors:
                found = _INDEX.match(problem.path)
                if found is None:
                    problems.append(problem)
                    continue
                number = lines[int(found.group(1))]
                problems.append(
                    Problem(
                        code=problem.code,
                        path=f"$[{number}]" + problem.path[found.end() :],
                        message=problem.message,
                        message_zh=problem.message_zh,
                    )
                )
    if problems:
        raise ValidationError.of(problems)
    return out
