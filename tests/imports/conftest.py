"""Fixtures of the import/export tests: private storage per test, Celery eager, the two-hub world."""

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

from hubs.services import SeedResult
from innovations.reference import innovations_reference_seed
from jipp.celery_app import app as celery_app
from tests.innovations.conftest import build_world


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **django_settings.STORAGES,
        "reports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    cache.clear()


@pytest.fixture(autouse=True)
def _eager():
    """Tasks run in-process even when the PostgreSQL pass points CELERY_BROKER_URL at Redis."""
    old = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = old


@pytest.fixture
def world(db):
    """Two hubs (A, B), a coached institution each, and one user per role (tests/innovations World)."""
    innovations_reference_seed(SeedResult())
    return build_world()


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """client.post that also runs the on-commit callbacks (the job dispatch), as a real request does."""

    def _post(url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return _post
