# Load Celery with Django so that @shared_task binds to this app.
from jipp.celery_app import app as celery_app

__all__ = ("celery_app",)
