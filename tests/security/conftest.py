"""Fixtures of the security tests: files under tmp and a clean cache (the world is tests/conftest.py's)."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _isolated(isolated_files):
    """Uploads and reports go to tmp; lockout counters and API throttles start empty."""
    cache.clear()
    yield
    cache.clear()
