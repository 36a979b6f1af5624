"""Spreadsheet imports: one row per uploaded file, from the dry-run preview to the final commit.

The uploaded file is kept in the private reports storage between the preview and the confirmation
(the web tier is stateless: no process memory, no session). The row holds the state the user sees:
status, progress, the counts of rows to create / update / skip, and every error by row and column.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reports.storage import reports_storage


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


def import_upload_path(instance, filename):
    return f"imports/{instance.uploaded_by_id}/{filename}"


class ImportJob(models.Model):
    """An uploaded spreadsheet: checked in a dry run (nothing written), then imported on confirmation."""

    kind = models.CharField(_("jenis data"), max_length=20, choices=ImportKind.choices)
    file = models.FileField(_("berkas"), upload_to=import_upload_path, storage=reports_storage, max_length=255)
    original_name = models.CharField(_("nama berkas asli"), max_length=255)
    file_format = models.CharField(_("format"), max_length=5)
    language = models.CharField(_("bahasa pesan"), max_length=5, default="id")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs", verbose_name=_("pengunggah")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    message = models.CharField(_("pesan"), max_length=500, blank=True)
    row_count = models.PositiveIntegerField(_("jumlah baris"), default=0)
    created_count = models.PositiveIntegerField(_("akan/dibuat"), default=0)
    updated_count = models.PositiveIntegerField(_("akan/diubah"), default=0)
    skipped_count = models.PositiveIntegerField(_("dilewati (tanpa perubahan)"), default=0)
    error_count = models.PositiveIntegerField(_("jumlah kesalahan"), default=0)
    errors = models.JSONField(_("kesalahan"), default=list, blank=True)
    plan = models.JSONField(_("rencana per baris"), default=list, blank=True)
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    # When the current phase's message was published; empty while it waits for the broker (jipp.jobs).
    dispatched_at = models.DateTimeField(_("dikirim ke antrean"), null=True, blank=True)
    checked_at = models.DateTimeField(_("diperiksa"), null=True, blank=True)
    started_at = models.DateTimeField(_("mulai diimpor"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("impor spreadsheet")
        verbose_name_plural = _("impor spreadsheet")
        constraints = [
            models.CheckConstraint(condition=Q(progress__gte=0, progress__lte=100), name="importjob_progress_0_100"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"

    @property
    def is_busy(self) -> bool:
        return self.status in {ImportStatus.QUEUED, ImportStatus.CHECKING, ImportStatus.IMPORTING}
