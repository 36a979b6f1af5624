"""Fixtures of the import/export tests: private storage per test, Celery eager (the world is tests/conftest.py's)."""

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache


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
def _eager(eager_celery):
    """Every import test runs its tasks in-process."""


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """client.post that also runs the on-commit callbacks (the job dispatch), as a real request does."""

    def _post(url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return _post
