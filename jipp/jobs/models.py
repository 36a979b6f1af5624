"""The abstract job row: what every background job (a report, an import) keeps for its user to see.

A job's state lives on its row, never in Celery's result backend: the framework's functions in
jipp.jobs dispatch, claim, reap and expire rows of any concrete model built on `Job`. Abstract, so
it needs no app of its own; each concrete model states its own statuses (its `status` field with
its choices) and where its file goes (`upload_path`).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jipp.jobs.storage import job_storage


class JobLanguage(models.TextChoices):
    """The language of the messages a job writes on its row (and of the file it makes)."""

    ID = "id", _("Bahasa Indonesia")
    EN = "en", _("English")


def job_upload_path(instance, filename):
    return instance.upload_path(filename)


def job_status_field(choices, default):
    """The status column of a concrete job, with that job's own choices."""
    return models.CharField(_("status"), max_length=10, choices=choices, default=default, db_index=True)


class Job(models.Model):
    """One background job: its status, progress and message for the user, its timestamps and its file.

    `dispatched_at` is empty while the job's message waits for the broker (jipp.jobs.job_dispatch);
    `started_at` is the start of the run that owns the row (jipp.jobs.job_this_run); the file is kept
    in the private job storage until `expires_at`.
    """

    status = job_status_field(None, "queued")
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    message = models.CharField(_("pesan"), max_length=500, blank=True)
    language = models.CharField(_("bahasa"), max_length=5, choices=JobLanguage.choices, default=JobLanguage.ID)
    file = models.FileField(_("berkas"), upload_to=job_upload_path, storage=job_storage, max_length=255, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    dispatched_at = models.DateTimeField(_("dikirim ke antrean"), null=True, blank=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    expires_at = models.DateTimeField(_("kedaluwarsa"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__gte=0, progress__lte=100), name="%(class)s_progress_0_100"),
        ]

    def upload_path(self, filename: str) -> str:
        raise NotImplementedError
