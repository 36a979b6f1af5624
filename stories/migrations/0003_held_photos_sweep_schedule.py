"""The hourly sweep of photos held for refused story forms, as a django-celery-beat row (editable in
the admin); created only when missing, so an admin's later change survives re-running."""

import json

from django.db import migrations

NAME = "Kisah: hapus foto tertahan yang kedaluwarsa"


def create(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    if PeriodicTask.objects.filter(name=NAME).exists():
        return
    interval, _ = IntervalSchedule.objects.get_or_create(every=3600, period="seconds")
    PeriodicTask.objects.create(
        name=NAME,
        task="stories.held_photos_sweep",
        interval=interval,
        args=json.dumps([]),
        kwargs=json.dumps({}),
        enabled=True,
    )


def remove(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0002_content_types_follow_models"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create, remove)]
