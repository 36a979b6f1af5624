import django.db.models.deletion
import jipp.jobs.models
import jipp.jobs.storage
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Spreadsheet import jobs move here from innovations; the table stays."""


    initial = True

    dependencies = [
        ('innovations', '0010_importjob_on_job_framework'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ImportJob',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='kemajuan (%)')),
                        ('message', models.CharField(blank=True, max_length=500, verbose_name='pesan')),
                        ('language', models.CharField(choices=[('id', 'Bahasa Indonesia'), ('en', 'English')], default='id', max_length=5, verbose_name='bahasa')),
                        ('file', models.FileField(blank=True, max_length=255, storage=jipp.jobs.storage.job_storage, upload_to=jipp.jobs.models.job_upload_path, verbose_name='berkas')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='dibuat')),
                        ('dispatched_at', models.DateTimeField(blank=True, null=True, verbose_name='dikirim ke antrean')),
                        ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='mulai')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='selesai')),
                        ('expires_at', models.DateTimeField(blank=True, null=True, verbose_name='kedaluwarsa')),
                        ('kind', models.CharField(choices=[('innovations', 'Inovasi'), ('replications', 'Replikasi'), ('stories', 'Kisah dampak')], max_length=20, verbose_name='jenis data')),
                        ('original_name', models.CharField(max_length=255, verbose_name='nama berkas asli')),
                        ('file_format', models.CharField(max_length=5, verbose_name='format')),
                        ('status', models.CharField(choices=[('queued', 'Dalam antrean pemeriksaan'), ('checking', 'Sedang diperiksa'), ('ready', 'Siap diimpor'), ('invalid', 'Ada kesalahan'), ('importing', 'Sedang diimpor'), ('done', 'Selesai'), ('failed', 'Gagal')], db_index=True, default='queued', max_length=10, verbose_name='status')),
                        ('row_count', models.PositiveIntegerField(default=0, verbose_name='jumlah baris')),
                        ('created_count', models.PositiveIntegerField(default=0, verbose_name='akan/dibuat')),
                        ('updated_count', models.PositiveIntegerField(default=0, verbose_name='akan/diubah')),
                        ('skipped_count', models.PositiveIntegerField(default=0, verbose_name='dilewati (tanpa perubahan)')),
                        ('error_count', models.PositiveIntegerField(default=0, verbose_name='jumlah kesalahan')),
                        ('errors', models.JSONField(blank=True, default=list, verbose_name='kesalahan')),
                        ('plan', models.JSONField(blank=True, default=list, verbose_name='rencana per baris')),
                        ('checked_at', models.DateTimeField(blank=True, null=True, verbose_name='diperiksa')),
                        ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='import_jobs', to=settings.AUTH_USER_MODEL, verbose_name='pengunggah')),
                    ],
                    options={
                        'verbose_name': 'impor spreadsheet',
                        'verbose_name_plural': 'impor spreadsheet',
                        'db_table': 'innovations_importjob',
                        'ordering': ['-created_at', '-pk'],
                        'abstract': False,
                        'constraints': [models.CheckConstraint(condition=models.Q(('progress__gte', 0), ('progress__lte', 100)), name='importjob_progress_0_100')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
