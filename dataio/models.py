"""Spreadsheet imports: one row per uploaded file, from the dry-run preview to the final commit.

The uploaded file is kept in the private job storage (jipp.jobs) between the preview and the confirmation
(the web tier is stateless: no process memory, no session). The row holds the state the user sees:
status, progress, the counts of rows to create / update / skip, and every error by row and column.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jipp.jobs.models import Job, job_status_field


class ImportKind(models.TextChoices):
    INNOVATIONS = "innovations", _("Inovasi")
    REPLICATIONS = "replications", _("Replikasi")
    STORIES = "stories", _("Kisah dampak")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Dalam antrean pemeriksaan")
    CHECKING = "checking", _("Sedang diperiksa")
    READY = "ready", _("Siap diimpor")
    INVALID = "invalid", _("Ada kesalahan")
    IMPORTING = "importing", _("Sedang diimpor")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class ImportJob(Job):
    """An uploaded spreadsheet: checked in a dry run (nothing written), then imported on confirmation.

    `started_at` is the start of the current phase (the check, then the import); the file is kept
    until `expires_at` for the confirmation, and deleted once the flow no longer needs it.
    """

    kind = models.CharField(_("jenis data"), max_length=20, choices=ImportKind.choices)
    original_name = models.CharField(_("nama berkas asli"), max_length=255)
    file_format = models.CharField(_("format"), max_length=5)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs", verbose_name=_("pengunggah")
    )
    status = job_status_field(ImportStatus.choices, ImportStatus.QUEUED)
    row_count = models.PositiveIntegerField(_("jumlah baris"), default=0)
    created_count = models.PositiveIntegerField(_("akan/dibuat"), default=0)
    updated_count = models.PositiveIntegerField(_("akan/diubah"), default=0)
    skipped_count = models.PositiveIntegerField(_("dilewati (tanpa perubahan)"), default=0)
    error_count = models.PositiveIntegerField(_("jumlah kesalahan"), default=0)
    errors = models.JSONField(_("kesalahan"), default=list, blank=True)
    plan = models.JSONField(_("rencana per baris"), default=list, blank=True)
    checked_at = models.DateTimeField(_("diperiksa"), null=True, blank=True)

    class Meta(Job.Meta):
        db_table = "innovations_importjob"
        verbose_name = _("impor spreadsheet")
        verbose_name_plural = _("impor spreadsheet")

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"

    def upload_path(self, filename: str) -> str:
        return f"imports/{self.uploaded_by_id}/{filename}"

    @property
    def is_busy(self) -> bool:
        return self.status in {ImportStatus.QUEUED, ImportStatus.CHECKING, ImportStatus.IMPORTING}


class ImportedRecord(models.Model):
    """A record a confirmed import created or changed (of the job's kind), so that the finished import
    can link to exactly its records (`?import_job=<id>` on the lists, see jipp.import_records)."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="records", verbose_name=_("impor"))
    object_id = models.PositiveBigIntegerField(_("ID data"))
    created = models.BooleanField(_("dibuat oleh impor"), default=True)

    class Meta:
        verbose_name = _("data hasil impor")
        verbose_name_plural = _("data hasil impor")
        constraints = [models.UniqueConstraint(fields=["job", "object_id"], name="imported_record_unique")]

    def __str__(self):
        return f"{self.job_id}:{self.object_id}"
