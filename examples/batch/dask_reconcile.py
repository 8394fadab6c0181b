"""Reconciliation on a Dask cluster, partitioned by child, equal to one process.

Builds a made-up county of 3,000 children, reconciles it in one process, then on
a local Dask cluster of 2 worker processes with the inputs split into 4
partitions by :func:`kongchuo.batch.partition_of`, and checks that both results
are equal. Needs the ``dask`` extra (``pip install 'kongchuo[dask]'``); without it
the script says so and stops.

Run: ``python examples/batch/dask_reconcile.py``
"""

from __future__ import annotations

import importlib.util

from kongchuo import ChinaCalendar, regions
from kongchuo.batch import (
    Feed,
    build_census,
    intake,
    reconcile,
    rows_from_mappings,
    synthetic_feeds,
)
from kongchuo.policy import FEICHENG


def main() -> None:
    """Reconcile once in process and once on Dask; compare."""
    if importlib.util.find_spec("distributed") is None:
        print("dask.distributed is not installed: pip install 'kongchuo[dask]'")
        return
    from dask.distributed import Client, LocalCluster  # noqa: PLC0415 - optional extra

    from kongchuo.batch.distributed import reconcile_distributed  # noqa: PLC0415

    county = synthetic_feeds(3000, seed=7)
    taken = {
        feed: intake(
            rows_from_mappings(rows),
            feed,
            source=feed.value,
            as_of=county.as_of,
            policy=FEICHENG,
            jurisdictions=regions.FEICHENG_UNITS,
            schools=county.schools,
        )
        for feed, rows in county.rows.items()
    }
    census = build_census(*taken.values())
    regs = [r.value for r in taken[Feed.REGISTRATION].records]
    marks = [r.value for r in taken[Feed.ATTENDANCE].records]
    options = {"policy": FEICHENG, "calendar": ChinaCalendar(), "since": county.since}
    whole = reconcile(census, regs, marks, as_of=county.as_of, **options)
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        spread = reconcile_distributed(
            client, census, regs, marks, as_of=county.as_of, parts=4, **options
        )
    print(f"children: {len(census)}, discrepancies: {len(whole.discrepancies)}")
    for kind, n in spread.counts().items():
        print(f"  {kind.label_zh}: {n}")
    print("identical to the single-process result:", spread == whole)
    if spread != whole:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
