"""Reliability of report jobs: idempotency, failures with reasons, reaper, sweeper, expiry, schedule."""

import datetime
import errno
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from jipp.jobs import job_files_expire, jobs_reap, jobs_sweep_type
from reports import services, tasks
from reports.choices import ReportStatus
from reports.generators import REGISTRY
from reports.models import ReportJob, ReportSubscription
from tests.factories.hubs import HubFactory, UserFactory
from tests.factories.innovations import InnovationFactory

pytestmark = pytest.mark.django_db


def recap_job(user, **kwargs):
    return services.report_job_request(user=user, kind="network_recap", output_format="xlsx", **kwargs)


def test_a_job_runs_once_when_its_message_is_delivered_twice(staff_user):
    """The second delivery finds the job already claimed and does nothing."""
    HubFactory()
    job = recap_job(staff_user)
    first = tasks.report_job_run.apply(args=[job.pk]).get()
    job.refresh_from_db()
    file_name, finished_at = job.file.name, job.finished_at
    second = tasks.report_job_run.apply(args=[job.pk]).get()
    job.refresh_from_db()
    assert (first, second) == ("succeeded", "skipped")
    assert job.attempts == 1 and job.file.name == file_name and job.finished_at == finished_at
    assert job.status == ReportStatus.SUCCEEDED and job.progress == 100
    assert job.expires_at - job.finished_at == datetime.timedelta(days=7)


def test_a_missing_job_is_ignored():
    assert services.report_job_run(job_id=987654) == "missing"


def test_request_validates_kind_and_format(staff_user):
    with pytest.raises(ValidationError) as exc:
        services.report_job_request(user=staff_user, kind="network_recap", output_format="pdf")
    assert "output_format" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.report_job_request(user=staff_user, kind="nope")
    assert "kind" in exc.value.message_dict


def test_generator_error_fails_the_job_with_plain_words_and_no_file(staff_user, reports_storage_dir):
    job = recap_job(staff_user)
    with mock.patch.object(REGISTRY["network_recap"], "generate", side_effect=ZeroDivisionError("boom")):
        outcome = services.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert outcome == "failed" and job.status == ReportStatus.FAILED
    assert job.message.startswith("Terjadi kesalahan tak terduga") and "boom" not in job.message
    assert "ZeroDivisionError" in job.error_detail
    assert not job.file and not any(reports_storage_dir.rglob("*.xlsx"))


def test_full_disk_fails_the_job_with_a_reason_and_no_partial_file(staff_user, reports_storage_dir):
    """The file is written to a temporary file first; a failure while storing it leaves nothing."""
    HubFactory()
    job = recap_job(staff_user)
    with mock.patch("django.core.files.storage.FileSystemStorage._save", side_effect=OSError(errno.ENOSPC, "full")):
        assert services.report_job_run(job_id=job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == ReportStatus.FAILED and "Ruang penyimpanan laporan penuh" in job.message
    assert not job.file and not any(p.is_file() for p in reports_storage_dir.rglob("*"))


def test_unwritable_storage_fails_the_job_with_a_reason(staff_user, settings, tmp_path):
    readonly = tmp_path / "ro"
    readonly.mkdir(mode=0o500)
    settings.STORAGES = {
        **settings.STORAGES,
        "reports": {**settings.STORAGES["reports"], "OPTIONS": {"location": readonly}},
    }
    job = recap_job(staff_user)
    with mock.patch(
        "django.core.files.storage.FileSystemStorage._save", side_effect=PermissionError(errno.EACCES, "ro")
    ):
        services.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ReportStatus.FAILED and "tidak dapat ditulis" in job.message


def test_permission_lost_before_the_run_fails_the_job(staff_user):
    job = recap_job(staff_user)
    staff_user.groups.clear()
    staff_user = type(staff_user).objects.get(pk=staff_user.pk)  # drop the cached role
    assert services.report_job_run(job_id=job.pk) == "failed"
    job.refresh_from_db()
    assert "hanya dapat dibuat oleh staf kementerian" in job.message


def test_transient_error_requeues_then_the_task_retries(staff_user):
    """A database hiccup puts the job back in the queue; the retry (eager here) completes it."""
    HubFactory()
    job = recap_job(staff_user)
    real = REGISTRY["network_recap"].generate
    calls = []

    def flaky(job, path, progress):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(job, path, progress)

    with mock.patch.object(REGISTRY["network_recap"], "generate", side_effect=flaky):
        tasks.report_job_run.apply(args=[job.pk])
    job.refresh_from_db()
    assert len(calls) == 2 and job.status == ReportStatus.SUCCEEDED and job.attempts == 2


def test_transient_error_on_the_final_attempt_fails(staff_user):
    job = recap_job(staff_user)
    with mock.patch.object(REGISTRY["network_recap"], "generate", side_effect=OperationalError("down")):
        assert services.report_job_run(job_id=job.pk, final_attempt=True) == "failed"


def test_soft_time_limit_fails_with_a_reason(staff_user):
    from celery.exceptions import SoftTimeLimitExceeded

    job = recap_job(staff_user)
    with mock.patch.object(REGISTRY["network_recap"], "generate", side_effect=SoftTimeLimitExceeded()):
        services.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert "terlalu lama" in job.message


def test_task_has_time_limits_and_late_acks():
    task = tasks.report_job_run
    assert task.acks_late and task.reject_on_worker_lost
    assert 0 < task.soft_time_limit < task.time_limit


def test_reaper_fails_jobs_stuck_in_running(staff_user, settings):
    stuck = recap_job(staff_user)
    fresh = recap_job(staff_user)
    limit = settings.REPORTS_TIME_LIMIT + settings.JOBS_REAP_GRACE_SECONDS
    now = timezone.now()
    ReportJob.objects.filter(pk=stuck.pk).update(
        status="running", started_at=now - datetime.timedelta(seconds=limit + 5)
    )
    ReportJob.objects.filter(pk=fresh.pk).update(status="running", started_at=now - datetime.timedelta(seconds=30))
    assert jobs_reap(services.REPORT_JOBS, now=now) == 1
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == ReportStatus.FAILED and "terhenti sebelum selesai" in stuck.message
    assert fresh.status == ReportStatus.RUNNING


def test_cancelled_job_does_not_run(staff_user):
    job = recap_job(staff_user)
    assert services.report_job_cancel(job=job, user=staff_user)
    assert services.report_job_run(job_id=job.pk) == "skipped"
    job.refresh_from_db()
    assert job.status == ReportStatus.CANCELLED and not job.file


def test_expired_files_are_deleted(staff_user):
    HubFactory()
    job = recap_job(staff_user)
    services.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    path = job.file.path
    assert job_files_expire(services.REPORT_JOBS, now=job.expires_at - datetime.timedelta(minutes=1)) == 0
    assert job_files_expire(services.REPORT_JOBS, now=job.expires_at + datetime.timedelta(minutes=1)) == 1
    job.refresh_from_db()
    assert not job.file and not job.is_downloadable and "kedaluwarsa" in job.message
    import os

    assert not os.path.exists(path)


def test_broker_down_keeps_the_job_queued_and_the_sweeper_dispatches_it_later(
    staff_user, broker_down, django_capture_on_commit_callbacks
):
    HubFactory()
    with django_capture_on_commit_callbacks(execute=True):
        job = recap_job(staff_user)
    job.refresh_from_db()
    assert job.status == ReportStatus.QUEUED and job.dispatched_at is None
    assert "akan dimulai sebentar lagi" in job.message
    # The broker is back: the sweeper publishes and the job completes.
    broker_down()
    assert jobs_sweep_type(services.REPORT_JOBS) == 1
    job.refresh_from_db()
    assert job.status == ReportStatus.SUCCEEDED and job.dispatched_at is not None
    assert jobs_sweep_type(services.REPORT_JOBS) == 0


def test_monthly_schedule_exists_and_is_editable_in_the_admin():
    task = PeriodicTask.objects.get(task="reports.tasks.network_recap_schedule")
    assert task.enabled and task.crontab.day_of_month == "1" and str(task.crontab.timezone) == "Asia/Jakarta"
    for name in ("report_jobs_reap", "report_jobs_sweep", "report_files_expire"):
        assert PeriodicTask.objects.filter(task=f"reports.tasks.{name}", enabled=True).exists()


def test_monthly_recap_is_emailed_to_subscribed_staff_once_a_month(staff_user, django_capture_on_commit_callbacks):
    InnovationFactory(status="published")
    ReportSubscription.objects.create(user=staff_user)
    not_staff = UserFactory()
    ReportSubscription.objects.create(user=not_staff)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.network_recap_schedule.apply().get() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.network_recap_schedule() == 0  # same month: no second job
    job = ReportJob.objects.get(requested_by=staff_user)
    assert job.status == ReportStatus.SUCCEEDED and job.params["email"] is True
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [staff_user.email]
    name, content, _mime = mail.outbox[0].attachments[0]
    assert name.endswith(".xlsx") and content[:2] == b"PK"
