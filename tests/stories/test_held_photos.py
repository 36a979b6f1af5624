"""Photos held for a refused story form do not outlive their token."""

import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django_celery_beat.models import PeriodicTask

from stories import held_photos
from stories.tasks import held_photos_sweep

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def _held(name, age_seconds, media):
    path = default_storage.save(f"{held_photos.FOLDER}/{name}", ContentFile(b"x"))
    stamp = time.time() - age_seconds
    os.utime(media / path, (stamp, stamp))
    return path


def test_the_sweep_deletes_only_photos_older_than_their_token(media):
    old = _held("lama.jpg", held_photos.MAX_AGE + 60, media)
    fresh = _held("baru.jpg", 60, media)
    assert held_photos_sweep.apply().get() == 1
    assert not default_storage.exists(old)
    assert default_storage.exists(fresh)


def test_the_sweep_runs_hourly_from_beat():
    task = PeriodicTask.objects.get(task="stories.held_photos_sweep")
    assert task.enabled and task.interval.every == 3600 and task.interval.period == "seconds"
