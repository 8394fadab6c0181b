import datetime as dt

import pytest

import kongchuo
from kongchuo import ChinaCalendar
from kongchuo.batch import (
    reconcile,
)
from kongchuo.batch.distributed import partition, reconcile_distributed
from kongchuo.policy import FEICHENG

COUNTY = (400, 9)  # children, seed: see tests/batch/conftest.py


def test_partition_keeps_every_record(synthetic_inputs):
    """Partitioning puts every entry and record in exactly one part."""
    _, census, regs, marks = synthetic_inputs(*COUNTY)
    parts = partition(census, regs, marks, parts=3)
    assert sum(len(p[0]) for p in parts) == len(census)
    assert sum(len(p[1]) for p in parts) == len(regs)
    assert sum(len(p[2]) for p in parts) == len(marks)
    with pytest.raises(kongchuo.ValidationError) as err:
        partition(census, regs, marks, parts=0)
    assert err.value.code == "batch.parts"


def test_not_a_client(synthetic_inputs):
    """Something that is not a Dask client is refused with a code."""
    _, census, regs, marks = synthetic_inputs(*COUNTY)
    with pytest.raises(kongchuo.ValidationError) as err:
        reconcile_distributed(object(), census, regs, marks, as_of=dt.date(2025, 10, 31), parts=2)
    assert err.value.code == "batch.dask"


def test_local_cluster_gives_the_single_process_result(synthetic_inputs):
    """On a local Dask cluster of 2 workers the result is exactly the single-process one."""
    distributed = pytest.importorskip("dask.distributed")
    county, census, regs, marks = synthetic_inputs(*COUNTY)
    options = {
        "policy": FEICHENG,
        "calendar": ChinaCalendar(),
        "since": county.since,
        "schools": county.schools,
    }
    whole = reconcile(census, regs, marks, as_of=county.as_of, **options)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        spread = reconcile_distributed(
            client, census, regs, marks, as_of=county.as_of, parts=4, **options
        )
    assert spread == whole
    assert spread.discrepancies
