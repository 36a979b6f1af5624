"""The Celery task of imports: loads the job by id and runs one phase (check or commit)."""

from celery import shared_task
from django.conf import settings


@shared_task(
    name="innovations.import_job_run",
    soft_time_limit=getattr(settings, "REPORTS_SOFT_TIME_LIMIT", 600),
    time_limit=getattr(settings, "REPORTS_TIME_LIMIT", 660),
    acks_late=True,
)
def import_job_run(job_id: int, phase: str) -> str:
    from .jobs import import_job_run_now

    return import_job_run_now(job_id=job_id, phase=phase)
