"""Celery tasks of the reports app: each gets primary keys (or nothing) and calls one service."""

import logging

from celery import shared_task
from django.conf import settings

from jipp.jobs import job_files_expire, jobs_reap, jobs_sweep_type
from reports import services

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    name="reports.tasks.report_job_run",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=3,
    soft_time_limit=settings.REPORTS_SOFT_TIME_LIMIT,
    time_limit=settings.REPORTS_TIME_LIMIT,
)
def report_job_run(self, job_id: int) -> str:
    """Generate one report. Idempotent: the service claims the job; a duplicate message does nothing.

    Retries only transient errors (database/network hiccups), with exponential backoff.
    """
    final = self.request.retries >= self.max_retries
    try:
        return services.report_job_run(job_id=job_id, task_id=self.request.id or "", final_attempt=final)
    except services.TransientReportError as exc:
        raise self.retry(exc=exc, countdown=min(10 * 2**self.request.retries, 300)) from exc


@shared_task(name="reports.tasks.report_jobs_reap")
def report_jobs_reap() -> int:
    return jobs_reap(services.REPORT_JOBS)


@shared_task(name="reports.tasks.report_jobs_sweep")
def report_jobs_sweep() -> int:
    return jobs_sweep_type(services.REPORT_JOBS)


@shared_task(name="reports.tasks.report_files_expire")
def report_files_expire() -> int:
    return job_files_expire(services.REPORT_JOBS)


@shared_task(name="reports.tasks.network_recap_schedule")
def network_recap_schedule() -> int:
    return services.network_recap_schedule()
