"""Publishing job messages when the broker may be down, and publishing again what waited.

Every job is a database row first (reports.ReportJob, innovations.ImportJob); the broker message only
tells a worker to look at it. So a broker outage must never reach the user:

- `job_publish` publishes a task's message and says False instead of raising when the broker is
  unreachable; after one failure the broker breaker (jipp.breaker) makes the next publishes fail at
  once for a few seconds, so no page waits the broker's timeouts twice. The row stays queued.
- Each app registers a *sweeper* (`register_sweeper`, from its AppConfig.ready) that publishes its
  rows left queued; `jobs_sweep` runs them all. It runs whenever a worker connects to the broker,
  at start and after every reconnection (the consumer step in jipp.celery_app): a worker that gets
  its connection back is the broker being back. The apps' periodic tasks run their sweeper too, for a
  publish that failed while the worker's own connection stayed up.
"""

import logging
from collections.abc import Callable

from .breaker import broker_breaker

logger = logging.getLogger(__name__)

# One short retry inside apply_async: a broker that just restarted gets a second chance.
RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}

_SWEEPERS: dict[str, Callable[[], int]] = {}


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


def register_sweeper(name: str, sweeper: Callable[[], int]) -> None:
    """`sweeper()` publishes the app's jobs left queued and returns how many it published."""
    _SWEEPERS[name] = sweeper


def jobs_sweep() -> int:
    """Run every registered sweeper; one failing does not stop the others."""
    total = 0
    for name, sweeper in list(_SWEEPERS.items()):
        try:
            count = sweeper()
        except Exception:  # the database may not be there yet when a worker starts
            logger.exception("Sweeping queued %s jobs failed", name)
            continue
        if count:
            logger.info("Published %s queued %s job(s)", count, name)
        total += count
    return total
