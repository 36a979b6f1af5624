"""The periodic tasks of the reports app, as django-celery-beat rows (editable in the admin).

- the monthly network recap for subscribers: 06:00 on the 1st of each month (Asia/Jakarta);
- the reaper of jobs stuck in running, every 5 minutes;
- the sweeper of queued jobs not yet published, every minute;
- the deletion of expired report files, daily at 02:30.

Created only when missing (matched by name), so an admin's later changes survive re-running.
"""

import json

from django.db import migrations

TASKS = [
    # (name, task, kind, schedule)
    ("Rekap jaringan bulanan (pelanggan)", "reports.tasks.network_recap_schedule", "crontab", ("0", "6", "1", "*", "*")),
    ("Laporan: tandai pekerjaan macet sebagai gagal", "reports.tasks.report_jobs_reap", "interval", 5 * 60),
    ("Laporan: kirim pekerjaan yang masih antre", "reports.tasks.report_jobs_sweep", "interval", 60),
    ("Laporan: hapus berkas kedaluwarsa", "reports.tasks.report_files_expire", "crontab", ("30", "2", "*", "*", "*")),
]


def create(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, kind, schedule in TASKS:
        if PeriodicTask.objects.filter(name=name).exists():
            continue
        fields = {"name": name, "task": task, "args": json.dumps([]), "kwargs": json.dumps({}), "enabled": True}
        if kind == "crontab":
            minute, hour, day_of_month, month_of_year, day_of_week = schedule
            fields["crontab"], _ = CrontabSchedule.objects.get_or_create(
                minute=minute,
                hour=hour,
                day_of_month=day_of_month,
                month_of_year=month_of_year,
                day_of_week=day_of_week,
                timezone="Asia/Jakarta",
            )
        else:
            fields["interval"], _ = IntervalSchedule.objects.get_or_create(every=schedule, period="seconds")
        PeriodicTask.objects.create(**fields)


def remove(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[t[0] for t in TASKS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_report_jobs_and_subscriptions"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create, remove)]
