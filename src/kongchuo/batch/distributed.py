"""The batch functions on Dask: reconciliation partitioned by child (分布式运行).

Needs the ``dask`` extra (``pip install 'kongchuo[dask]'``), which brings
``dask.distributed``. :func:`reconcile_distributed` splits the census, the
registrations, the attendance and the leave records by
:func:`~kongchuo.batch.partition_of`, so that every record of a child lands in
the same partition, reconciles each partition on a worker with
:func:`~kongchuo.batch.reconcile` and joins the parts with
:meth:`~kongchuo.batch.Reconciliation.combine`: exactly the single-process result.

Part of the batch layer of the design (docs/design.md); the only module of kongchuo that
imports Dask, and only when called.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from kongchuo import Attendance, Leave, Registration, ValidationError
from kongchuo.batch._census import Census, CensusEntry
from kongchuo.batch._reconcile import Reconciliation, partition_of, reconcile

__all__ = ["partition", "reconcile_distributed"]


def partition(
    census: Census,
    registrations: Iterable[Registration],
    attendance: Iterable[Attendance],
    leaves: Iterable[Leave] = (),
    *,
    parts: int,
) -> list[tuple[list[CensusEntry], list[Registration], list[Attendance], list[Leave]]]:
    """Split the inputs into ``parts`` partitions by child (按儿童分区).

    A J or L student number linked to a child in the census goes with that child.

    Raises:
        ValidationError: ``batch.parts`` for fewer than 1 part.

    Example:
        >>> partition(Census(entries={}), [], [], parts=2)
        [([], [], [], []), ([], [], [], [])]
    """
    if not isinstance(parts, int) or isinstance(parts, bool) or parts < 1:
        raise ValidationError(
            "batch.parts", "parts must be an int of at least 1", "parts 应为不小于 1 的整数"
        )
    out: list[tuple[list[CensusEntry], list[Registration], list[Attendance], list[Leave]]] = [
        ([], [], [], []) for _ in range(parts)
    ]
    for key, entry in census.entries.items():
        out[partition_of(key, parts)][0].append(entry)
    for reg in registrations:
        out[partition_of(census.key_of(reg.student_number), parts)][1].append(reg)
    for mark in attendance:
        out[partition_of(census.key_of(mark.student_number), parts)][2].append(mark)
    for leave in leaves:
        out[partition_of(census.key_of(leave.student_number), parts)][3].append(leave)
    return out


def reconcile_distributed(
    client: Any,  # noqa: ANN401 - a dask.distributed.Client; typed loosely to keep Dask optional
    census: Census,
    registrations: Iterable[Registration],
    attendance: Iterable[Attendance],
    *,
    as_of: dt.date,
    parts: int,
    leaves: Iterable[Leave] = (),
    **options: Any,  # noqa: ANN401 - the keyword arguments of reconcile
) -> Reconciliation:
    """:func:`~kongchuo.batch.reconcile` on a Dask cluster, partitioned by child.

    Args:
        client: A ``dask.distributed.Client``.
        census: The census.
        registrations: The registrations.
        attendance: The attendance records.
        as_of: The day reconciled.
        parts: How many partitions (a few per worker).
        leaves: Leave records.
        **options: The other keyword arguments of ``reconcile`` (``policy``,
            ``calendar``, ``since`` …). Give ``since`` or a school calendar: the
            window must not depend on a partition's data (it does not by default).

    Returns:
        Exactly the result of ``reconcile`` in one process.

    Raises:
        ValidationError: ``batch.dask`` if ``client`` is not a Dask client, and
            every error of ``reconcile``.
    """
    if not callable(getattr(client, "submit", None)) or not callable(
        getattr(client, "gather", None)
    ):
        raise ValidationError(
            "batch.dask",
            "client must be a dask.distributed.Client (pip install 'kongchuo[dask]')",
            "client 应为 dask.distributed.Client（pip install 'kongchuo[dask]'）",
            path="client",
        )
    links: Mapping[str, str] = census.links
    futures = [
        client.submit(
            reconcile,
            entries,
            regs,
            marks,
            as_of=as_of,
            leaves=part_leaves,
            links={k: v for k, v in links.items() if partition_of(v, parts) == index},
            pure=False,
            **options,
        )
        for index, (entries, regs, marks, part_leaves) in enumerate(
            partition(census, registrations, attendance, leaves, parts=parts)
        )
    ]
    return Reconciliation.combine(client.gather(futures))
