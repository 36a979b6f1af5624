"""The Celery task of imports: loads the job by id and runs one phase (check or commit)."""

from celery import shared_task
from django.conf import settings


@shared_task(
    name="innovations.import_job_run",
    # Each row goes through the full service (validation, history): about 30 ms a row, so a
    # 50,000-row file needs most of an hour.
    soft_time_limit=getattr(settings, "IMPORTS_SOFT_TIME_LIMIT", 3300),
    time_limit=getattr(settings, "IMPORTS_TIME_LIMIT", 3600),
    acks_late=True,
)
def import_job_run(job_id: int, phase: str) -> str:
    from .jobs import import_job_run_now

    return import_job_run_now(job_id=job_id, phase=phase)


@shared_task(name="innovations.import_jobs_housekeeping", soft_time_limit=120, time_limit=180)
def import_jobs_housekeeping() -> dict:
    from .jobs import import_jobs_housekeeping as run

    return run()


@shared_task(name="innovations.import_jobs_sweep", soft_time_limit=60, time_limit=90)
def import_jobs_sweep() -> int:
    from .jobs import import_jobs_sweep as run

    return run()
