"""Fixtures of the dashboard tests: the innovations tests' two-hub world (tests/conftest.py empties the cache)."""

import pytest

from tests.innovations.conftest import build_world


@pytest.fixture
def world(db):
    from hubs.services import SeedResult
    from innovations.reference import innovations_reference_seed

    innovations_reference_seed(SeedResult())
    return build_world()
