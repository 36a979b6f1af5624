"""The job framework (jipp.jobs) on its own: dispatch, claim, this-run guard, progress, reaper,
sweeper, expiry and storage, driven through a JobType whose task is a stand-in publisher."""

import datetime
from dataclasses import replace
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jipp import jobs
from jipp.jobs.storage import job_storage
from reports.choices import ReportStatus
from reports.models import ReportJob

pytestmark = pytest.mark.django_db


class Publisher:
    """A task whose messages are recorded instead of sent; `down` makes it fail as an unreachable broker."""

    name = "tests.jobs.publisher"

    def __init__(self, down=False):
        self.down, self.sent = down, []

    def apply_async(self, *, args, task_id=None, **kwargs):
        if self.down:
            raise OSError("broker down")
        self.sent.append(args)


@pytest.fixture(autouse=True)
def _storage(settings, tmp_path):
    settings.STORAGES = {
        **django_settings.STORAGES,
        "reports": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


@pytest.fixture
def publisher():
    return Publisher()


@pytest.fixture
def job_type(publisher):
    return jobs.JobType(
        name="test",
        model=ReportJob,
        task=lambda: publisher,
        waiting={ReportStatus.QUEUED: True},
        running=(ReportStatus.RUNNING,),
        failed=ReportStatus.FAILED,
        time_limit=lambda: 600,
        busy_message=_("Antrean sedang sibuk: laporan tersimpan dan akan dimulai sebentar lagi."),
        reaped_message=_(
            "Pembuatan laporan terhenti sebelum selesai (proses pembuat laporan berhenti atau melewati "
            "batas waktu). Silakan minta laporan ini lagi."
        ),
        expired_message=_("Berkas telah dihapus karena kedaluwarsa. Minta laporan baru."),
        file_statuses=(ReportStatus.SUCCEEDED,),
    )


@pytest.fixture
def make_job(django_user_model):
    user = django_user_model.objects.create_user("jobs-user")

    def make(**values):
        return ReportJob.objects.create(kind="network_recap", output_format="xlsx", requested_by=user, **values)

    return make


def test_a_job_claimed_twice_runs_once(make_job):
    job = make_job()
    claim = {"job_id": job.pk, "waiting": ReportStatus.QUEUED, "running": ReportStatus.RUNNING}
    assert jobs.job_claim(ReportJob, **claim) is True
    assert jobs.job_claim(ReportJob, **claim) is False
    job.refresh_from_db()
    assert job.status == ReportStatus.RUNNING and job.started_at is not None


def test_a_superseded_run_can_no_longer_write_its_row(make_job):
    job = make_job()
    claim = {"job_id": job.pk, "waiting": ReportStatus.QUEUED, "running": ReportStatus.RUNNING}
    jobs.job_claim(ReportJob, **claim)
    first_run = ReportJob.objects.get(pk=job.pk)
    # Restarted and claimed again by a second run: the first run's writes must find nothing.
    ReportJob.objects.filter(pk=job.pk).update(status=ReportStatus.QUEUED)
    with mock.patch("django.utils.timezone.now", return_value=first_run.started_at + datetime.timedelta(seconds=1)):
        jobs.job_claim(ReportJob, **claim)
    assert jobs.job_this_run(first_run).update(message="stale") == 0
    assert jobs.job_this_run(ReportJob.objects.get(pk=job.pk)).update(message="current") == 1


def test_two_publishers_never_both_publish_a_job(job_type, publisher, make_job):
    job = make_job()
    assert jobs.job_dispatch(job_type, job_id=job.pk) is True
    assert jobs.job_dispatch(job_type, job_id=job.pk) is False
    assert publisher.sent == [[job.pk]]
    job.refresh_from_db()
    assert job.dispatched_at is not None


def test_a_job_that_is_not_waiting_is_not_published(job_type, publisher, make_job):
    job = make_job(status=ReportStatus.CANCELLED)
    assert jobs.job_dispatch(job_type, job_id=job.pk) is False
    assert publisher.sent == []


def test_broker_down_leaves_the_job_undispatched_with_a_message_in_its_language(job_type, make_job):
    job = make_job(language="en")
    down = replace(job_type, task=lambda: Publisher(down=True))
    assert jobs.job_dispatch(down, job_id=job.pk) is False
    job.refresh_from_db()
    assert job.status == ReportStatus.QUEUED and job.dispatched_at is None
    assert job.message == "The queue is unavailable: the report is saved and will start shortly."


def test_the_sweeper_publishes_undispatched_and_stale_jobs_only(job_type, publisher, make_job, settings):
    now = timezone.now()
    stale_at = now - datetime.timedelta(seconds=settings.JOBS_REDISPATCH_AFTER_SECONDS + 1)
    undispatched = make_job()
    stale = make_job(dispatched_at=stale_at)
    fresh = make_job(dispatched_at=now)
    make_job(status=ReportStatus.SUCCEEDED, finished_at=now)
    assert jobs.jobs_sweep_type(job_type, now=now) == 2
    assert sorted(publisher.sent) == sorted([[undispatched.pk], [stale.pk]])
    fresh.refresh_from_db()
    assert fresh.dispatched_at == now


def test_a_phase_that_does_not_claim_its_row_is_published_only_once(job_type, publisher, make_job, settings):
    once = replace(job_type, waiting={ReportStatus.QUEUED: False})
    now = timezone.now()
    make_job(dispatched_at=now - datetime.timedelta(seconds=settings.JOBS_REDISPATCH_AFTER_SECONDS + 1))
    assert jobs.jobs_sweep_type(once, now=now) == 0
    assert publisher.sent == []


def test_one_failing_job_type_does_not_stop_the_sweep_of_the_others(job_type, publisher, make_job, monkeypatch):
    make_job()
    broken = replace(job_type, waiting=None)  # fails before it touches a row, as a missing table would
    monkeypatch.setattr(jobs, "_JOB_TYPES", {"broken": broken, "test": job_type})
    assert jobs.jobs_sweep() == 1
    assert len(publisher.sent) == 1


def test_the_reaper_fails_jobs_running_past_the_limit_and_grace_and_drops_their_file(job_type, make_job, settings):
    now = timezone.now()
    limit = 600 + settings.JOBS_REAP_GRACE_SECONDS
    stuck = make_job(status=ReportStatus.RUNNING, started_at=now - datetime.timedelta(seconds=limit + 1))
    stuck.file.save("partial.csv", ContentFile(b"a,b"), save=True)
    name = stuck.file.name
    fresh = make_job(status=ReportStatus.RUNNING, started_at=now - datetime.timedelta(seconds=limit - 60))
    assert jobs.jobs_reap(job_type, now=now) == 1
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert (stuck.status, stuck.finished_at, stuck.file.name) == (ReportStatus.FAILED, now, "")
    assert "terhenti sebelum selesai" in stuck.message
    assert not job_storage().exists(name)
    assert fresh.status == ReportStatus.RUNNING


def test_files_are_deleted_past_their_expiry_and_the_row_says_so(job_type, make_job):
    now = timezone.now()
    job = make_job(status=ReportStatus.SUCCEEDED, finished_at=now, expires_at=now)
    job.file.save("rekap.xlsx", ContentFile(b"x"), save=True)
    kept = make_job(status=ReportStatus.QUEUED, expires_at=now)  # not a status whose file expires
    kept.file.save("upload.xlsx", ContentFile(b"x"), save=True)
    name = job.file.name
    assert jobs.job_files_expire(job_type, now=now - datetime.timedelta(seconds=1)) == 0
    assert jobs.job_files_expire(job_type, now=now + datetime.timedelta(seconds=1)) == 1
    job.refresh_from_db()
    kept.refresh_from_db()
    assert not job.file and "kedaluwarsa" in job.message and not job_storage().exists(name)
    assert kept.file and job_storage().exists(kept.file.name)


def test_expiry_is_jobs_expiry_days_after_the_file_was_made(settings):
    settings.JOBS_EXPIRY_DAYS = 3
    made = timezone.now()
    assert jobs.job_expires_at(made) == made + datetime.timedelta(days=3)


def test_progress_is_written_at_most_once_a_second_unless_it_jumps(make_job):
    job = make_job(status=ReportStatus.RUNNING, started_at=timezone.now())
    live = jobs.CacheProgress("test-progress")
    clock = iter([100.0, 100.2, 100.4, 101.5, 101.6])
    progress = jobs.JobProgress(rows=jobs.job_this_run(job), live=live, job_id=job.pk)
    with mock.patch("jipp.jobs.time.monotonic", side_effect=lambda: next(clock)):
        progress(3)  # first write
        progress(4)  # 1 point, 0.2 s later: skipped
        progress(9)  # 6 points: written
        progress(10)  # 1 point, 1.1 s later: written
        progress(150)  # capped below 100, which only the finish writes
    job.refresh_from_db()
    assert job.progress == 99 and cache.get(live.key(job.pk)) == 99


def test_live_progress_is_read_over_the_row_and_cleared(make_job):
    job = make_job(progress=20)
    live = jobs.CacheProgress("test-progress")
    assert live.read(job) == 20
    live.set(job.pk, 42)
    assert live.read(job) == 42
    live.clear(job.pk)
    assert live.read(job) == 20


def test_the_job_storage_follows_the_settings_of_the_moment(settings, tmp_path):
    other = tmp_path / "elsewhere"
    settings.STORAGES = {
        **django_settings.STORAGES,
        "reports": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": other}},
    }
    name = job_storage().save("probe.txt", ContentFile(b"x"))
    assert (other / name).is_file()


def test_a_publish_after_a_broker_failure_does_not_wait_for_the_broker_again():
    """The broker breaker: after one failed publish, the next ones give up at once for a few seconds."""
    down = Publisher(down=True)
    calls = []
    down.apply_async = lambda **kwargs: calls.append(kwargs) or (_ for _ in ()).throw(OSError("broker down"))
    assert jobs.job_publish(down, args=[1]) is False
    assert jobs.job_publish(down, args=[2]) is False
    assert len(calls) == 1
