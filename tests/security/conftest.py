"""Fixtures of the security tests: files under tmp and a clean cache (the world is tests/conftest.py's)."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Uploads and reports go to tmp; lockout counters and API throttles start empty."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "reports": {**settings.STORAGES["reports"], "OPTIONS": {"location": tmp_path / "reports"}},
    }
    cache.clear()
    yield
    cache.clear()
