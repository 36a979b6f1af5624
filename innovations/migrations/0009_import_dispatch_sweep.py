"""Import jobs record when their phase was published, and a sweeper publishes those that waited for
the broker (every minute, as a django-celery-beat row created only when missing)."""

import json

from django.db import migrations, models
from django.db.models import F

NAME = "Impor: kirim pekerjaan yang masih antre"
TASK = "innovations.import_jobs_sweep"


def forward(apps, schema_editor):
    # Rows from before this migration were published already: the sweeper must not send them again
    # (an import published twice would run twice).
    ImportJob = apps.get_model("innovations", "ImportJob")
    ImportJob.objects.filter(dispatched_at__isnull=True).update(dispatched_at=F("created_at"))
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    if PeriodicTask.objects.filter(name=NAME).exists():
        return
    interval, _ = IntervalSchedule.objects.get_or_create(every=60, period="seconds")
    PeriodicTask.objects.create(
        name=NAME, task=TASK, interval=interval, args=json.dumps([]), kwargs=json.dumps({}), enabled=True
    )


def backward(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("innovations", "0008_dashboard_covering_index"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.AddField(
            model_name="importjob",
            name="dispatched_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="dikirim ke antrean"),
        ),
        migrations.RunPython(forward, backward),
    ]
