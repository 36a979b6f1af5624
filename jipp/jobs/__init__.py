"""One job framework: dispatch on commit, idempotent claims, progress, reaper, sweeper and file expiry.

Every job is a database row first (a concrete model on jipp.jobs.models.Job); the broker message
only tells a worker to look at it. An app states its job once, as a `JobType` (which statuses wait
for a worker, which are running, its task and its messages), registers it from its AppConfig.ready,
and keeps only its own steps (making a report; checking and committing a spreadsheet).

- `job_dispatch` publishes a waiting job's message. It first claims the row's empty `dispatched_at`,
  so that two publishers (the request's on_commit and the sweeper) never both publish a job.
  `job_publish` says False instead of raising when the broker is unreachable; after one failure the
  broker breaker (jipp.breaker) makes the next publishes fail at once for a few seconds, so no page
  waits the broker's timeouts twice. The row then stays waiting, undispatched, for the sweeper.
- `job_claim` moves a row from a waiting status to a running one with a conditional UPDATE: a
  message delivered twice runs once. `job_this_run` is the row while that run still owns it.
- `JobProgress` writes progress at most about once a second, to the row and/or a live sink (the cache,
  for work inside a transaction whose row writes nobody else sees before the commit).
- `jobs_sweep` publishes waiting rows never published or published long ago (Redis here keeps
  nothing on disk: a restart loses queued messages). It runs whenever a worker connects to the
  broker, at start and after every reconnection (the consumer step in jipp.celery_app): a worker
  that gets its connection back is the broker being back; the apps' periodic tasks run it too.
- `jobs_reap` fails rows still running past their time limit plus a grace (a killed worker);
  `job_files_expire` deletes files past `expires_at`.
"""

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone, translation

from jipp.breaker import broker_breaker

logger = logging.getLogger(__name__)

# One short retry inside apply_async: a broker that just restarted gets a second chance.
RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}


def job_publish(task, *, args: list, task_id: str | None = None) -> bool:
    """Publish `task` with `args`; False (logged, never raised) when the broker is unreachable."""
    if not broker_breaker.allow():
        return False
    try:
        task.apply_async(args=args, task_id=task_id, retry=True, retry_policy=RETRY_POLICY)
    except Exception as exc:  # kombu raises several types for an unreachable broker; none may reach the user
        broker_breaker.failure(exc)
        logger.info("%s%s: broker unreachable, left queued for the sweeper", task.name, args, exc_info=True)
        return False
    broker_breaker.success()
    return True


def job_text(language: str, text) -> str:
    """A user-facing message in the job's language (messages are stored as text on the row).

    `text` is a lazy string or a callable returning one (for messages built with % arguments)."""
    with translation.override(language):
        return str(text() if callable(text) else text)


def jobs_setting(name: str):
    """A JOBS_* setting; the former REPORTS_* names are read by settings.base as fallbacks."""
    return getattr(settings, f"JOBS_{name}")


@dataclass(frozen=True)
class JobType:
    """How the rows of one job model move through the framework.

    `waiting` maps each status a worker is waiting to pick up to whether a message published long
    ago (and maybe lost) is published again: only for a phase whose run claims its row, since a
    second message of an unclaimed phase would run it twice. `task` returns the Celery task (imported
    late: tasks import services); `task_args(job)` its arguments. `time_limit()` is the running
    phase's hard limit in seconds. The messages are lazy strings, written in the job's language.
    `file_statuses` are the statuses in which the row's file is kept until `expires_at`;
    `expired_values(job, now)` the extra values an expired row gets.
    """

    name: str
    model: Any
    task: Callable[[], Any]
    waiting: dict[str, bool]
    running: tuple[str, ...]
    failed: str
    time_limit: Callable[[], int]
    busy_message: Any
    reaped_message: Any
    expired_message: Any
    file_statuses: tuple[str, ...]
    task_args: Callable[[Any], list] = lambda job: [job.pk]
    reaped_values: dict = field(default_factory=dict)
    expired_values: Callable[[Any, Any], dict] = lambda job, now: {}
    records_task_id: bool = False


_JOB_TYPES: dict[str, JobType] = {}


def register_job_type(job_type: JobType) -> None:
    """From an AppConfig.ready: `jobs_sweep` publishes this type's waiting rows."""
    _JOB_TYPES[job_type.name] = job_type


# --- Dispatch and claim ------------------------------------------------------------------------


def job_dispatch(job_type: JobType, *, job_id: int) -> bool:
    """Publish a waiting, undispatched job's message; False when another publisher has it or the
    broker is unreachable (the row is then left undispatched, for the sweeper)."""
    model = job_type.model
    job = (
        model.objects.filter(pk=job_id, status__in=list(job_type.waiting), dispatched_at__isnull=True)
        .only("pk", "status", "language")
        .first()
    )
    if job is None:
        return False
    task = job_type.task()  # resolved before the claim: a row is never left claimed and unpublished
    task_id = str(uuid.uuid4())
    claim = {"dispatched_at": timezone.now()}
    if job_type.records_task_id:
        claim["celery_task_id"] = task_id
    # Claimed before publishing: with the eager default the task runs inside apply_async.
    if not model.objects.filter(pk=job_id, status=job.status, dispatched_at__isnull=True).update(**claim):
        return False
    if job_publish(task, args=job_type.task_args(job), task_id=task_id):
        return True
    model.objects.filter(pk=job_id, status=job.status, dispatched_at=claim["dispatched_at"]).update(
        dispatched_at=None, message=job_text(job.language, job_type.busy_message)
    )
    return False


def job_claim(model, *, job_id: int, waiting: str, running: str, **values) -> bool:
    """Move the job from `waiting` to `running` (a new run starts now); False when it was not waiting:
    delivered twice, cancelled, or already claimed by another worker."""
    return bool(
        model.objects.filter(pk=job_id, status=waiting).update(
            status=running, started_at=timezone.now(), finished_at=None, **values
        )
    )


def job_this_run(job):
    """The job's row while the run `job` was loaded in still owns it: a restart or a reaper that took
    the job from it meanwhile (another status or start) makes every later write of this run a no-op."""
    return type(job).objects.filter(pk=job.pk, status=job.status, started_at=job.started_at)


# --- Progress ----------------------------------------------------------------------------------


class CacheProgress:
    """Live progress in the cache, for work inside a transaction: its row writes would be invisible
    to other connections until the commit. With a per-process cache a separate worker's progress is
    not seen by the web process; readers then see the row's value."""

    def __init__(self, prefix: str, timeout: int = 3600):
        self.prefix, self.timeout = prefix, timeout

    def key(self, job_id: int) -> str:
        return f"{self.prefix}-{job_id}"

    def set(self, job_id: int, pct: int) -> None:
        cache.set(self.key(job_id), pct, self.timeout)

    def read(self, job) -> int:
        return max(job.progress, int(cache.get(self.key(job.pk)) or 0))

    def clear(self, job_id: int) -> None:
        cache.delete(self.key(job_id))


class JobProgress:
    """A progress callback (0–99; 100 is the finish's) that writes at most about once a second or on
    a jump of 5 points: to `rows` (a queryset, e.g. job_this_run(job)) and/or to a `live` sink."""

    def __init__(self, *, rows=None, live: CacheProgress | None = None, job_id: int | None = None):
        self.rows, self.live, self.job_id = rows, live, job_id
        self.pct, self.at = 0, 0.0

    def __call__(self, pct: int) -> None:
        pct = max(0, min(int(pct), 99))
        now = time.monotonic()
        if pct > self.pct and (pct - self.pct >= 5 or now - self.at >= 1):
            if self.rows is not None:
                self.rows.update(progress=pct)
            if self.live is not None:
                self.live.set(self.job_id, pct)
            self.pct, self.at = pct, now


# --- Reap, sweep, expire -----------------------------------------------------------------------


def job_file_delete(job, **values) -> int:
    """Delete the job's stored file and empty the row's reference to it (with `values`); 1 when the
    row still named that file, else 0."""
    if not job.file:
        return 0
    job.file.storage.delete(job.file.name)
    return type(job).objects.filter(pk=job.pk, file=job.file.name).update(file="", **values)


def jobs_reap(job_type: JobType, *, now=None) -> int:
    """Fail rows still running past the time limit plus JOBS_REAP_GRACE_SECONDS: their worker died
    or hung. Their file (an upload being processed) is deleted with them."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=job_type.time_limit() + jobs_setting("REAP_GRACE_SECONDS"))
    # A row from before runs recorded their start is measured from its creation.
    late = Q(started_at__lt=cutoff) | Q(started_at__isnull=True, created_at__lt=cutoff)
    model = job_type.model
    reaped = 0
    for job in model.objects.filter(late, status__in=job_type.running).only("pk", "status", "language", "file"):
        if model.objects.filter(late, pk=job.pk, status=job.status).update(
            status=job_type.failed,
            finished_at=now,
            message=job_text(job.language, job_type.reaped_message),
            **job_type.reaped_values,
        ):
            reaped += 1
            job_file_delete(job)
    if reaped:
        logger.warning("Reaped %s %s job(s) stuck running", reaped, job_type.name)
    return reaped


def jobs_sweep_type(job_type: JobType, *, now=None) -> int:
    """Publish the type's waiting rows never published (broker down) or whose message was lost."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=jobs_setting("REDISPATCH_AFTER_SECONDS"))
    again = [status for status, redispatch in job_type.waiting.items() if redispatch]
    model = job_type.model
    model.objects.filter(status__in=again, dispatched_at__lt=stale).update(dispatched_at=None)
    ids = list(
        model.objects.filter(status__in=list(job_type.waiting), dispatched_at__isnull=True)
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    )
    return sum(1 for job_id in ids if job_dispatch(job_type, job_id=job_id))


def jobs_sweep() -> int:
    """Sweep every registered job type; one failing does not stop the others."""
    total = 0
    for name, job_type in list(_JOB_TYPES.items()):
        try:
            count = jobs_sweep_type(job_type)
        except Exception:  # the database may not be there yet when a worker starts
            logger.exception("Sweeping queued %s jobs failed", name)
            continue
        if count:
            logger.info("Published %s queued %s job(s)", count, name)
        total += count
    return total


def job_expires_at(now=None):
    """When a file kept from `now` expires (JOBS_EXPIRY_DAYS)."""
    return (now or timezone.now()) + timedelta(days=jobs_setting("EXPIRY_DAYS"))


def job_files_expire(job_type: JobType, *, now=None) -> int:
    """Delete the files of rows past `expires_at`; the row stays, saying the file has expired."""
    now = now or timezone.now()
    model = job_type.model
    expired = 0
    rows = model.objects.filter(status__in=job_type.file_statuses, expires_at__lt=now).exclude(file="")
    for job in rows.only("pk", "status", "file", "language"):
        if model.objects.filter(pk=job.pk, status=job.status, file=job.file.name).update(
            message=job_text(job.language, job_type.expired_message), **job_type.expired_values(job, now)
        ):
            job_file_delete(job)
            expired += 1
    return expired
