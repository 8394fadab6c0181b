import functools

import pytest
from county_inputs import county_inputs


@pytest.fixture(scope="session")
def synthetic_inputs():
    """A generated county taken in (by size, seed): county, census, registrations, attendance."""
    return functools.cache(county_inputs)
