"""Faults that must lose nothing. Covered here, or by the reports tests that own the job machinery:

- Redis down: pages 200, /healthz says the broker is down, sessions kept (below). A report request
  is saved as queued and dispatched when Redis is back:
  tests/reports/test_reports_services.py::test_broker_down_keeps_the_job_queued_and_the_sweeper_dispatches_it_later
  and, through the page and the API, tests/reports/test_reports_views.py::test_broker_down_*.
- Worker SIGKILLed mid-job (real worker on Redis, PostgreSQL pass):
  tests/reports/test_reports_worker.py::test_worker_killed_mid_job_leaves_no_job_stuck_in_running.
- Disk full / unwritable storage while writing a report:
  tests/reports/test_reports_services.py::test_full_disk_fails_the_job_with_a_reason_and_no_partial_file and
  ::test_unwritable_storage_fails_the_job_with_a_reason.
- PostgreSQL restarted under a running server (backends terminated): below.
- Concurrent edits by two users, in the form and in the API (If-Match): below, beside the
  single-user tests in tests/innovations/test_views.py and tests/api/test_conditional.py.
"""

import io
import sys

import psycopg2
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.urls import reverse

from innovations.models import Innovation
from jipp.celery_app import app as celery_app
from tests.api.conftest import token_client
from tests.factories.innovations import eligible
from tests.innovations.helpers import innovation_form_data

CLOSED_PORT = "redis://127.0.0.1:6391/0"
postgres_only = pytest.mark.skipif(
    "postgresql" not in __import__("django.conf").conf.settings.DATABASES["default"]["ENGINE"],
    reason="terminating server connections is a PostgreSQL fault (SQLite has no server)",
)


# --- Redis down ------------------------------------------------------------------------------


@pytest.fixture
def redis_down(settings, monkeypatch):
    """The broker configured but unreachable (a closed port), as when Redis has stopped."""
    conf = celery_app.conf
    old = (conf.broker_url, conf.task_always_eager)
    settings.CELERY_BROKER_URL = CLOSED_PORT
    monkeypatch.setenv("CELERY_BROKER_URL", CLOSED_PORT)
    conf.broker_url, conf.task_always_eager = CLOSED_PORT, False
    _reset_pools()
    yield
    conf.broker_url, conf.task_always_eager = old
    _reset_pools()


def _reset_pools():
    # Drop (not close) the connection pools so the next publish builds them for the current broker;
    # closing them would break every later test that publishes ("Acquire on closed pool").
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.mark.django_db
def test_with_redis_down_pages_answer_and_healthz_reports_the_broker_down(client, world, redis_down):
    eligible(institution=world.coached_a, hub=world.hub_a, status="published")
    for path in ("/", "/hubs/", "/innovations/", "/stories/", "/api/v1/innovations/"):
        assert client.get(path).status_code == 200, path
    health = client.get("/healthz")
    assert health.status_code == 200  # the site still works: the load balancer keeps it in
    assert health.json() == {"status": "degraded", "database": "up", "cache": "local", "broker": "down"}


@pytest.mark.django_db
def test_with_redis_down_a_logged_in_user_stays_logged_in(client, world, redis_down):
    """Sessions are in the database: losing Redis loses no session."""
    client.force_login(world.staff)
    assert client.get("/reports/").status_code == 200
    assert client.get("/innovations/review/").status_code == 200
    assert client.session["_auth_user_id"] == str(world.staff.pk)


# --- PostgreSQL restarted --------------------------------------------------------------------


def _wsgi_get(handler, path):
    """A request through Django's real WSGI handler (the test client would skip close_old_connections,
    which is where CONN_HEALTH_CHECKS runs)."""
    status = {}
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    body = b"".join(handler(environ, lambda s, h: status.setdefault("code", int(s.split()[0]))))
    return status["code"], body


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_after_postgresql_drops_every_connection_the_next_request_succeeds(world):
    """Every server connection to the database is terminated (as by a restart); the next request works.

    CONN_MAX_AGE keeps the server's connection open between requests; CONN_HEALTH_CHECKS makes
    Django test it at the start of the next request and reconnect, with no manual action.
    """
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] and connection.settings_dict["CONN_MAX_AGE"] > 0
    handler = WSGIHandler()
    assert _wsgi_get(handler, "/hubs/")[0] == 200
    old_pid = _backend_pid()
    db = connection.settings_dict
    other = psycopg2.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
    )
    other.autocommit = True
    with other.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert cursor.fetchone()[0] >= 1
    other.close()
    code, body = _wsgi_get(handler, "/hubs/")
    assert code == 200, body[:500]
    assert _wsgi_get(handler, "/healthz")[0] == 200
    assert _backend_pid() != old_pid  # a new connection, opened by Django itself


# --- Concurrent edits ------------------------------------------------------------------------


@pytest.mark.django_db
def test_two_users_edit_one_innovation_in_the_form_and_the_second_gets_a_conflict(client, world):
    """Editor and admin open the same form; the editor saves first; the admin's save is refused, input kept."""
    innovation = eligible(institution=world.coached_a, hub=world.hub_a)
    url = reverse("innovations:innovation_edit", args=[innovation.slug])
    editor_form = innovation_form_data(innovation, kebaruan="Versi editor")
    admin_form = innovation_form_data(innovation, kebaruan="Versi admin")
    client.force_login(world.editor)
    assert client.post(url, editor_form).status_code == 302
    client.force_login(world.admin)
    response = client.post(url, admin_form)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Versi admin" in page  # what the admin typed is kept for them to merge
    innovation.refresh_from_db()
    assert innovation.kebaruan == "Versi editor" and innovation.version == 2


@pytest.mark.django_db
def test_two_api_clients_patch_one_innovation_and_the_second_gets_412(world):
    innovation = eligible(institution=world.coached_a, hub=world.hub_a)
    url = f"/api/v1/innovations/{innovation.pk}/"
    first, second = token_client(world.editor), token_client(world.admin)
    tag_first, tag_second = first.get(url)["ETag"], second.get(url)["ETag"]
    assert first.patch(url, {"kebaruan": "Pertama"}, format="json", HTTP_IF_MATCH=tag_first).status_code == 200
    late = second.patch(url, {"kebaruan": "Kedua"}, format="json", HTTP_IF_MATCH=tag_second)
    assert late.status_code == 412
    assert late.json()["error"]["code"] == "precondition_failed"
    assert Innovation.objects.get(pk=innovation.pk).kebaruan == "Pertama"
