"""The Celery application: settings from Django (CELERY_*), tasks found in every app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jipp.settings.local")

app = Celery("jipp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
