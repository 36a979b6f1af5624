"""Fixtures of the dashboard tests: a fresh cache per test and the innovations tests' two-hub world."""

import pytest
from django.core.cache import cache

from tests.innovations.conftest import build_world


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The dashboard caches its figures: each test starts (and leaves) an empty cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    from hubs.services import SeedResult
    from innovations.reference import innovations_reference_seed

    innovations_reference_seed(SeedResult())
    return build_world()
