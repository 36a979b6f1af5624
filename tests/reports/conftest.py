"""Fixtures of the reports tests: a private storage per test, Celery eager unless a test says not."""

import io

import pytest
from django.conf import settings as django_settings
from pypdf import PdfReader

from jipp.breaker import broker_breaker
from jipp.celery_app import app as celery_app


@pytest.fixture(autouse=True)
def reports_storage_dir(settings, tmp_path):
    """Each test writes reports to its own folder through the "reports" storage."""
    location = tmp_path / "reports-storage"
    settings.STORAGES = {
        **django_settings.STORAGES,
        "reports": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": location}},
    }
    return location


@pytest.fixture(autouse=True)
def _eager(eager_celery):
    """Every report test runs its tasks in-process unless it says not."""


@pytest.fixture
def staff_user(db):
    from tests.factories.hubs import staff_user

    return staff_user(username="staf")


@pytest.fixture
def pdftotext():
    """The text of a generated PDF, read with pypdf (pure Python: `make test` needs no system tool)."""

    def extract(file) -> str:
        with file.open("rb") as handle:  # through the storage API, as any reader of reports does
            reader = PdfReader(io.BytesIO(handle.read()))
            return "\n".join(page.extract_text() or "" for page in reader.pages)

    return extract


CLOSED_PORT = "redis://127.0.0.1:6390/0"


def _reset_pools():
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_down(monkeypatch):
    """Celery publishing to a closed port, as when Redis is unreachable; call the result when it is back
    (the eager mode then stands in for a working broker and worker)."""
    conf = celery_app.conf
    old = (conf.task_always_eager, conf.broker_url)
    conf.task_always_eager = False
    conf.broker_url = CLOSED_PORT
    # Celery reads CELERY_BROKER_URL from the environment before its configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", CLOSED_PORT)
    _reset_pools()

    def back():
        # The sweep runs in a worker that has just reconnected, whose breaker is closed again
        # (jipp.celery_app.SweepQueuedJobs): here the same process plays both parts.
        broker_breaker.reset()
        _reset_pools()
        monkeypatch.undo()
        conf.broker_url = old[1]
        conf.task_always_eager = True

    yield back
    _reset_pools()
    conf.task_always_eager, conf.broker_url = old
