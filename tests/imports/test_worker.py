"""With a broker, the check and the import run in a real Celery worker on Redis (not in the request)."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from dataio.importers import jobs
from dataio.models import ImportJob, ImportStatus
from innovations.models import Innovation
from jipp.celery_app import app as celery_app
from tests.imports.helpers import innovation_row, table, upload, xlsx_bytes
from tests.innovations.test_notifications import _database_url


def _wait(job_id, statuses, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = ImportJob.objects.get(pk=job_id)
        if job.status in statuses:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} still {job.status}")


@pytest.mark.redis
@pytest.mark.skipif(
    not settings.CELERY_BROKER_URL or connection.vendor != "postgresql",
    reason="needs CELERY_BROKER_URL (Redis) and PostgreSQL, which a separate worker process can share",
)
def test_real_worker_checks_and_imports(transactional_db, tmp_path):
    from hubs.services import SeedResult
    from innovations.reference import innovations_reference_seed
    from tests.conftest import build_world

    innovations_reference_seed(SeedResult())
    world = build_world()
    storage = settings.STORAGES["reports"]["OPTIONS"]["location"]  # the per-test folder of conftest._isolated
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jipp.settings.test",
        "DATABASE_URL": _database_url(),
        "DJANGO_REPORTS_ROOT": str(storage),
    }
    celery_app.conf.task_always_eager = False  # restored by the eager_celery fixture
    celery_app.control.purge()
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "jipp", "worker", "-P", "solo", "--without-heartbeat"]
        + ["--without-gossip", "--without-mingle", "-l", "WARNING"],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        content = xlsx_bytes(table([innovation_row(world, n) for n in range(1, 4)]))
        job = jobs.import_job_create(user=world.admin, kind="innovations", uploaded=upload(content))
        job = _wait(job.pk, {ImportStatus.READY, ImportStatus.INVALID, ImportStatus.FAILED})
        assert job.status == ImportStatus.READY, job.errors
        assert Innovation.objects.count() == 0
        jobs.import_job_confirm(job=job, user=world.admin)
        job = _wait(job.pk, {ImportStatus.DONE, ImportStatus.FAILED})
    finally:
        worker.terminate()
        worker.wait(timeout=10)
    assert job.status == ImportStatus.DONE, job.message
    assert Innovation.objects.filter(status="draft", hub=world.hub_a).count() == 3
