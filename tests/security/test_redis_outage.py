"""Redis stops under a running site, and comes back: nothing answers 5xx, nothing is lost.

The whole system, as deployed: a redis-server of the test's own (cache and broker, as in
docker-compose.yml), a gunicorn server process and a Celery worker process, on a SQLite file the test
migrates and seeds. SQLite rather than the suite's database: the processes need a database they can
all open, and the test database on SQLite is in memory; the fault under test is Redis, not the
database, so this runs the same in both CI configurations.

1. Everything up: the user signs in.
2. Redis killed: every page and API endpoint still answers (no 5xx), /healthz answers 200 "degraded"
   in under a second, and a report requested through the API is accepted and waits, queued.
3. Redis started again on the same port (empty, as after a crash): the worker reconnects, publishes
   what waited (jipp.celery_app.SweepQueuedJobs) and the report completes.
"""

import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest
import requests
from django.conf import settings

from tests.redis_server import free_port, redis_server_or_skip

pytestmark = pytest.mark.redis

SETUP = """
import json
from django.contrib.auth import get_user_model
from hubs.models import Institution
from innovations.models import Innovation
from stories.models import ImpactStory
get_user_model().objects.create_superuser("outage", "outage@example.org", "Outage-pass-2024")
print(json.dumps({
    "innovation": Innovation.objects.filter(status="published").values_list("slug", flat=True).first(),
    "story": ImpactStory.objects.filter(status="published").values_list("slug", flat=True).first(),
    "hub": Institution.objects.filter(designations__isnull=False).values_list("slug", flat=True).first(),
}))
"""


def _spawn(args, env, log):
    with open(log, "wb") as fh:
        return subprocess.Popen(
            args, cwd=settings.BASE_DIR, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True
        )


def _kill(proc):
    if proc is None or proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _wait(what, check, timeout, logs=()):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    tails = "\n".join(f"--- {log}:\n{log.read_text(errors='replace')[-3000:]}" for log in logs)
    pytest.fail(f"timed out waiting for {what}\n{tails}")


@pytest.fixture
def site(tmp_path):
    """Redis, the migrated database, gunicorn and a worker; every process killed at the end."""
    redis = redis_server_or_skip()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jipp.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CACHE_URL": f"rediscache://127.0.0.1:{redis.port}/1",
        "CELERY_BROKER_URL": redis.url(0),
        "DJANGO_REPORTS_ROOT": str(tmp_path / "reports"),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_CONN_MAX_AGE": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    procs = []
    try:
        manage = [sys.executable, "manage.py"]
        for command in (["migrate", "--noinput", "-v", "0"], ["seed_reference"], ["seed_demo", "--scale", "small"]):
            subprocess.run(manage + command, cwd=settings.BASE_DIR, env=env, check=True, capture_output=True)
        out = subprocess.run(
            manage + ["shell", "-c", SETUP], cwd=settings.BASE_DIR, env=env, check=True, capture_output=True
        ).stdout.decode()
        slugs = json.loads(out.strip().splitlines()[-1])
        port = free_port()
        web_log, worker_log = tmp_path / "web.log", tmp_path / "worker.log"
        web = _spawn(
            [sys.executable, "-m", "gunicorn", "jipp.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
             "--threads", "4", "--timeout", "30"],
            env, web_log,
        )  # fmt: skip
        procs.append(web)
        worker = _spawn(
            [sys.executable, "-m", "celery", "-A", "jipp", "worker", "--pool=solo", "--loglevel=INFO",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"outage-{port}@%h"],
            env, worker_log,
        )  # fmt: skip
        procs.append(worker)
        base = f"http://127.0.0.1:{port}"
        logs = (web_log, worker_log)
        _wait("gunicorn", lambda: requests.get(f"{base}/healthz", timeout=2).json()["status"] == "ok", 30, logs)
        _wait("the worker", lambda: b" ready." in worker_log.read_bytes(), 30, logs)
        yield {"base": base, "redis": redis, "slugs": slugs, "logs": logs}
    finally:
        for proc in procs:
            _kill(proc)
        redis.stop()


def _sign_in(base):
    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(
        f"{base}/accounts/login/",
        data={"username": "outage", "password": "Outage-pass-2024", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=10,
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]
    return session


def test_with_redis_killed_nothing_answers_5xx_and_a_report_waits_then_completes(site):
    base, redis, slugs = site["base"], site["redis"], site["slugs"]
    user = _sign_in(base)
    anonymous = requests.Session()
    redis.stop()

    paths = [
        "/", "/hubs/", "/hubs/perpusnas/", f"/hubs/{slugs['hub']}/", "/innovations/",
        f"/innovations/{slugs['innovation']}/", "/stories/", f"/stories/{slugs['story']}/", "/tpbis/",
        "/api/v1/innovations/", f"/api/v1/innovations/?search={slugs['innovation'][:5]}", "/api/v1/stories/",
        "/api/v1/hubs/", "/hubs/benchmark/", "/reports/", "/healthz/live",
    ]  # fmt: skip
    timings = {}
    for who, session in (("anonymous", anonymous), ("signed in", user)):
        for path in paths:
            started = time.monotonic()
            response = session.get(base + path, timeout=30)
            timings[f"{who} {path}"] = time.monotonic() - started
            assert response.status_code < 500, (who, path, response.status_code, response.text[:300])
            if path != "/reports/" or who == "signed in":
                assert response.status_code == 200, (who, path, response.status_code)
    assert max(timings.values()) < 5, timings

    started = time.monotonic()
    health = anonymous.get(f"{base}/healthz", timeout=10)
    health_seconds = time.monotonic() - started
    assert health.status_code == 200
    assert health.json() == {"status": "degraded", "database": "up", "cache": "down", "broker": "down"}
    assert health_seconds < 1.0, health_seconds

    # A report requested while the broker is down: accepted, saved, waiting.
    response = user.post(
        f"{base}/api/v1/reports/",
        json={"kind": "network_recap", "output_format": "xlsx"},
        headers={"X-CSRFToken": user.cookies["csrftoken"], "Referer": f"{base}/reports/"},
        timeout=30,
    )
    assert response.status_code == 202, response.text[:500]
    status_url = response.json()["status_url"]
    status_url = status_url if status_url.startswith("http") else base + status_url
    time.sleep(1)
    assert user.get(status_url, timeout=10).json()["status"] == "queued"

    # Redis back on the same port, empty: the worker reconnects and runs what waited.
    redis.start()
    deadline = time.monotonic() + 60
    body = {}
    while time.monotonic() < deadline:
        body = user.get(status_url, timeout=10).json()
        if body["status"] in ("succeeded", "failed"):
            break
        time.sleep(0.5)
    worker_log = site["logs"][1].read_text(errors="replace")[-3000:]
    assert body.get("status") == "succeeded", f"{body}\n{worker_log}"
    # The pages use the cache again once the breaker's cool-down (a few seconds) is over.
    _wait("the cache up", lambda: user.get(f"{base}/healthz", timeout=10).json()["status"] == "ok", 15, site["logs"])
