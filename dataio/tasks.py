"""The Celery task of imports: loads the job by id and runs one phase (check or commit)."""

from celery import shared_task
from django.conf import settings

from jipp.jobs import job_files_expire, jobs_reap, jobs_sweep_type


@shared_task(
    name="innovations.import_job_run",
    soft_time_limit=settings.IMPORTS_SOFT_TIME_LIMIT,
    time_limit=settings.IMPORTS_TIME_LIMIT,
    acks_late=True,
)
def import_job_run(job_id: int, phase: str) -> str:
    from dataio.importers.jobs import import_job_run_now

    return import_job_run_now(job_id=job_id, phase=phase)


@shared_task(name="innovations.import_jobs_housekeeping", soft_time_limit=120, time_limit=180)
def import_jobs_housekeeping() -> dict:
    """Hourly: fail phases whose worker died, and drop the files of checks never confirmed."""
    from dataio.importers.jobs import IMPORT_JOBS

    return {"reaped": jobs_reap(IMPORT_JOBS), "expired": job_files_expire(IMPORT_JOBS)}


@shared_task(name="innovations.import_jobs_sweep", soft_time_limit=60, time_limit=90)
def import_jobs_sweep() -> int:
    from dataio.importers.jobs import IMPORT_JOBS

    return jobs_sweep_type(IMPORT_JOBS)
