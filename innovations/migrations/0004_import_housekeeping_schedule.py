"""The hourly housekeeping of spreadsheet imports, as a django-celery-beat row (editable in the admin).

Created only when missing (matched by name), so an admin's later changes survive re-running.
"""

import json

from django.db import migrations

NAME = "Impor: tandai pekerjaan macet dan hapus berkas yang tidak dikonfirmasi"
TASK = "innovations.import_jobs_housekeeping"


def create(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    if PeriodicTask.objects.filter(name=NAME).exists():
        return
    interval, _ = IntervalSchedule.objects.get_or_create(every=3600, period="seconds")
    PeriodicTask.objects.create(
        name=NAME, task=TASK, interval=interval, args=json.dumps([]), kwargs=json.dumps({}), enabled=True
    )


def remove(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("innovations", "0003_import_job"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create, remove)]
