"""Integration with a real Celery worker process on Redis, against the test database.

Runs when CELERY_BROKER_URL points at a Redis (CI sets it) and the database is PostgreSQL (a worker
process cannot see SQLite's in-memory test database). The worker gets DATABASE_URL of the test
database and the same reports storage folder as the test.
"""

import datetime
import io
import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from jipp.celery_app import app as celery_app
from jipp.jobs import jobs_reap
from reports import services
from reports.choices import ReportStatus
from reports.models import ReportJob
from tests.factories.hubs import HubFactory, HubMembershipFactory
from tests.factories.innovations import InnovationFactory

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(transactional_db, reports_storage_dir, tmp_path):
    """A real `celery -A jipp worker` (prefork, one child) consuming from the test's Redis."""
    broker = os.environ.get("CELERY_BROKER_URL")
    if not broker:
        pytest.skip("needs CELERY_BROKER_URL pointing at a Redis (set in CI) to start a real worker")
    if connection.vendor != "postgresql":
        pytest.skip("the worker process cannot see SQLite's in-memory test database; run with PostgreSQL")
    celery_app.conf.task_always_eager = False  # publish for real (the autouse fixture restores it)
    celery_app.control.purge()  # messages left by earlier runs would refer to other databases
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jipp.settings.test",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": broker,
        "DJANGO_REPORTS_ROOT": str(reports_storage_dir),
        "DJANGO_CONN_MAX_AGE": "0",
    }
    with open(log, "wb") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "jipp", "worker", "--pool=prefork", "--concurrency=1",
             "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-n", f"reports-test-{uuid.uuid4().hex[:8]}@%h"],
            cwd=settings.BASE_DIR, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    deadline = time.monotonic() + 60
    while b" ready." not in log.read_bytes():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("the Celery worker did not start:\n" + log.read_text(errors="replace")[-3000:])
        time.sleep(0.2)
    proc.log = log
    yield proc
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    celery_app.control.purge()


def _poll(api, url, until, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = api.get(url).json()
        if until(body):
            return body
        time.sleep(0.3)
    raise AssertionError(f"timed out; last state: {body}")


def test_real_worker_runs_a_report_requested_through_the_api(worker, staff_user):
    hub = HubFactory(name="Hub Pekerja")
    InnovationFactory.create_batch(3, hub=hub)
    api = APIClient()
    api.force_authenticate(staff_user)
    response = api.post("/api/v1/reports/", {"kind": "network_recap", "output_format": "xlsx"}, format="json")
    assert response.status_code == 202
    assert response.json()["status"] == "queued"
    body = _poll(api, response.json()["status_url"], lambda b: b["status"] in ("succeeded", "failed"))
    assert body["status"] == "succeeded", body["message"] + worker.log.read_text(errors="replace")[-2000:]
    download = api.get(body["download_url"])
    assert download.status_code == 200
    wb = load_workbook(io.BytesIO(b"".join(download.streaming_content)), read_only=True)
    summary = {r[0]: r for r in wb["Ringkasan per hub"].iter_rows(values_only=True)}
    assert summary["Hub Pekerja"][5] == 3
    job = ReportJob.objects.get(pk=body["id"])
    assert job.attempts == 1 and job.celery_task_id


def test_worker_killed_mid_job_leaves_no_job_stuck_in_running(worker):
    """SIGKILL the worker while it renders a large PDF: the job is never left running for good."""
    membership = HubMembershipFactory(role="admin")
    InnovationFactory.create_batch(200, hub=membership.hub)
    job = services.report_job_request(user=membership.user, kind="hub_profile", params={"hub": membership.hub.pk})
    deadline = time.monotonic() + 60
    while ReportJob.objects.get(pk=job.pk).status == ReportStatus.QUEUED and time.monotonic() < deadline:
        time.sleep(0.02)
    job.refresh_from_db()
    if job.status != ReportStatus.RUNNING:
        pytest.fail(f"the job finished before it could be interrupted ({job.status}); make it larger")
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    job.refresh_from_db()
    assert job.status == ReportStatus.RUNNING and not job.file  # no partial file offered
    later = timezone.now() + datetime.timedelta(
        seconds=settings.REPORTS_TIME_LIMIT + settings.JOBS_REAP_GRACE_SECONDS + 1
    )
    assert jobs_reap(services.REPORT_JOBS, now=later) == 1
    job.refresh_from_db()
    assert job.status == ReportStatus.FAILED and "Silakan minta laporan ini lagi" in job.message
