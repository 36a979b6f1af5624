"""`/healthz` (readiness): JSON with the database, cache and broker state; 503 when the database cannot
be reached. `/healthz/live` (liveness): 200 whatever the dependencies."""

import copy
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import OperationalError, connections
from django.urls import reverse

pytestmark = pytest.mark.django_db

HEALTHZ = reverse("healthz")
LIVE = reverse("healthz_live")


def _expected_broker():
    # No broker configured: jobs run in-process. A configured broker is the local Redis, up in CI.
    return "up" if settings.CELERY_BROKER_URL else "eager"


@contextmanager
def unreachable_database():
    """Point the default connection at a database that cannot exist, then restore the real one.

    The view's own code path runs unchanged against a connection that really fails to open: a
    SQLite file in a missing directory, or a PostgreSQL server on a port where nothing listens.
    """
    real = connections["default"]
    settings_dict = copy.deepcopy(real.settings_dict)
    if real.vendor == "sqlite":
        settings_dict["NAME"] = "/nonexistent-jipp-healthz/db.sqlite3"
    else:
        settings_dict.update(HOST="127.0.0.1", PORT="1", OPTIONS={**settings_dict["OPTIONS"], "connect_timeout": 2})
    broken = real.__class__(settings_dict, alias="default")
    connections["default"] = broken
    try:
        yield broken
    finally:
        broken.close()
        connections["default"] = real


def test_healthz_up(client):
    """With the database reachable, /healthz answers 200 with status ok, database up and the broker state."""
    response = client.get(HEALTHZ)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "up", "cache": "local", "broker": _expected_broker()}


def test_healthz_down_when_database_is_unreachable(client):
    """With the database unreachable, /healthz answers 503 with status error and database down."""
    with unreachable_database() as broken:
        with pytest.raises(OperationalError):  # the connection really cannot be opened
            broken.ensure_connection()
        response = client.get(HEALTHZ)
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "down", "cache": "local", "broker": _expected_broker()}


def test_healthz_recovers_when_the_database_is_back(client):
    """After an outage, the next /healthz answers 200 again on the same process."""
    with unreachable_database():
        assert client.get(HEALTHZ).status_code == 503
    assert client.get(HEALTHZ).status_code == 200


def test_liveness_answers_200_even_when_the_database_is_unreachable(client):
    """/healthz/live looks at no dependency: a database outage must not get live processes restarted."""
    with unreachable_database():
        assert client.get(HEALTHZ).status_code == 503
        response = client.get(LIVE)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
