import jipp.jobs.models
import jipp.jobs.storage
from datetime import timedelta

from django.conf import settings
from django.db import migrations, models
from django.db.models import F


def expiry_of_waiting_files(apps, schema_editor):
    # Checks awaiting confirmation expired a number of days after their upload; the framework
    # reads that from expires_at.
    days = getattr(settings, "JOBS_EXPIRY_DAYS", 7)
    ImportJob = apps.get_model("innovations", "ImportJob")
    ImportJob.objects.filter(expires_at__isnull=True).exclude(file="").update(
        expires_at=F("created_at") + timedelta(days=days)
    )


class Migration(migrations.Migration):

    dependencies = [
        ('innovations', '0009_import_dispatch_sweep'),
    ]

    operations = [
        migrations.AddField(
            model_name='importjob',
            name='expires_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='kedaluwarsa'),
        ),
        migrations.AlterField(
            model_name='importjob',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='dibuat'),
        ),
        migrations.AlterField(
            model_name='importjob',
            name='file',
            field=models.FileField(blank=True, max_length=255, storage=jipp.jobs.storage.job_storage, upload_to=jipp.jobs.models.job_upload_path, verbose_name='berkas'),
        ),
        migrations.AlterField(
            model_name='importjob',
            name='language',
            field=models.CharField(choices=[('id', 'Bahasa Indonesia'), ('en', 'English')], default='id', max_length=5, verbose_name='bahasa'),
        ),
        migrations.AlterField(
            model_name='importjob',
            name='started_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='mulai'),
        ),
        migrations.RunPython(expiry_of_waiting_files, migrations.RunPython.noop),
    ]
