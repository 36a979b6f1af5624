"""The Celery application: settings from Django (CELERY_*), tasks found in every app."""

import os

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jipp.settings.local")

app = Celery("jipp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class SweepQueuedJobs(bootsteps.StartStopStep):
    """Publish the jobs that waited in the database each time the worker (re)connects to the broker.

    A consumer step starts again after every lost connection, unlike the worker_ready signal (sent once),
    so jobs requested during a broker outage start as soon as the broker is back (jipp.jobs).
    """

    requires = {"celery.worker.consumer.tasks:Tasks"}

    def start(self, consumer):
        from jipp.breaker import broker_breaker
        from jipp.jobs import jobs_sweep

        broker_breaker.success()  # the worker is connected: its publishes may go through again
        jobs_sweep()


app.steps["consumer"].add(SweepQueuedJobs)
