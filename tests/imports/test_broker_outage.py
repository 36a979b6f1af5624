"""Imports requested while the broker is down wait in their row and are published when it is back,
by the same sweep as report jobs (jipp.jobs)."""

import pytest

from dataio.importers import jobs
from dataio.models import ImportJob, ImportStatus
from jipp import jobs as jipp_jobs
from jipp.breaker import broker_breaker
from jipp.celery_app import SweepQueuedJobs
from jipp.celery_app import app as celery_app
from tests.imports.helpers import innovation_row, table, upload, xlsx_bytes

CLOSED_PORT = "redis://127.0.0.1:6391/0"


@pytest.fixture
def broker_down(monkeypatch):
    """Publishing to a closed port; call the result when the broker is back (eager mode then stands in
    for a working broker and worker)."""
    conf = celery_app.conf
    conf.task_always_eager, conf.broker_url = False, CLOSED_PORT
    monkeypatch.setenv("CELERY_BROKER_URL", CLOSED_PORT)
    celery_app._pool = celery_app.amqp._producer_pool = None

    def back():
        monkeypatch.undo()
        celery_app._pool = celery_app.amqp._producer_pool = None
        conf.task_always_eager = True
        broker_breaker.reset()  # as the reconnected worker's consumer step does

    yield back
    celery_app._pool = celery_app.amqp._producer_pool = None


def _create(world, django_capture_on_commit_callbacks):
    content = xlsx_bytes(table([innovation_row(world)]))
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.import_job_create(user=world.admin, kind="innovations", uploaded=upload(content))
    job.refresh_from_db()
    return job


def test_a_check_requested_with_the_broker_down_waits_and_is_swept_when_it_is_back(
    world, broker_down, django_capture_on_commit_callbacks
):
    job = _create(world, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.QUEUED and job.dispatched_at is None
    broker_down()
    assert jipp_jobs.jobs_sweep_type(jobs.IMPORT_JOBS) == 1
    job.refresh_from_db()
    assert job.status == ImportStatus.READY and job.dispatched_at is not None
    assert jipp_jobs.jobs_sweep_type(jobs.IMPORT_JOBS) == 0


def test_a_confirmed_import_with_the_broker_down_is_published_once_when_it_is_back(
    world, django_capture_on_commit_callbacks, monkeypatch
):
    job = _create(world, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.READY
    conf = celery_app.conf
    conf.task_always_eager, conf.broker_url = False, CLOSED_PORT
    monkeypatch.setenv("CELERY_BROKER_URL", CLOSED_PORT)
    celery_app._pool = celery_app.amqp._producer_pool = None
    try:
        with django_capture_on_commit_callbacks(execute=True):
            jobs.import_job_confirm(job=job, user=world.admin)
    finally:
        monkeypatch.undo()
        celery_app._pool = celery_app.amqp._producer_pool = None
        conf.task_always_eager = True
        broker_breaker.reset()
    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTING and job.dispatched_at is None
    # The worker's reconnection sweep runs every registered sweeper, imports among them.
    SweepQueuedJobs(parent=None).start(consumer=None)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.created_count == 1
    assert jipp_jobs.jobs_sweep_type(jobs.IMPORT_JOBS) == 0


def test_reports_and_imports_are_both_registered_sweepers():
    assert {"report", "import"} <= set(jipp_jobs._JOB_TYPES)
    assert ImportJob._meta.get_field("dispatched_at").null
