"""Fixtures of the security tests: the innovations tests' two-hub world, files under tmp, a clean cache."""

import pytest
from django.core.cache import cache

from tests.innovations.conftest import build_world, eager_celery, sdgs  # noqa: F401 — fixtures used here


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


@pytest.fixture
def world(sdgs):  # noqa: F811
    return build_world()
