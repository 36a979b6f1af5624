"""Celery tasks of the stories app."""

from celery import shared_task

from stories import held_photos


@shared_task(name="stories.held_photos_sweep", ignore_result=True, time_limit=300)
def held_photos_sweep() -> int:
    """Photos of people kept for a refused form must not outlive their token (beat: hourly)."""
    return held_photos.sweep()
