"""The check that a reconciliation built lazily is, to a caller, the eager result."""

import pickle

import attrs

from kongchuo.batch import Reconciliation


def assert_same_result(found, reference):
    """``found``, fresh from ``reconcile`` and not yet read, is ``reference`` in every way.

    The bands and the findings are built when first read; whatever is read first —
    the length, a hash, a pickle, the repr, an item — gives what the eager result
    gives.
    """
    count = len(found.bands)  # before any band is built
    fresh = [pickle.loads(pickle.dumps(d)) for d in found.discrepancies]  # findings unread
    assert hash(found) == hash(reference)
    assert found == reference
    assert count == len(reference.bands) == len(tuple(found.bands))
    assert isinstance(found.bands, tuple)
    assert list(found.bands) == list(reference.bands)
    assert fresh == list(reference.discrepancies)
    assert [d.finding for d in fresh] == [d.finding for d in reference.discrepancies]
    eager = Reconciliation(
        as_of=found.as_of,
        since=found.since,
        discrepancies=tuple(attrs.evolve(d, finding=d.finding) for d in reference.discrepancies),
        bands=tuple(reference.bands),
    )
    assert found == eager
    assert hash(found) == hash(eager)
    assert repr(found) == repr(eager) == repr(reference)
    assert [hash(d) for d in found.discrepancies] == [hash(d) for d in eager.discrepancies]
    assert [d.finding for d in found.discrepancies] == [d.finding for d in eager.discrepancies]
    assert pickle.loads(pickle.dumps(found)) == eager
    assert pickle.loads(pickle.dumps(eager)) == found
