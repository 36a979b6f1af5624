"""Choice sets of the reports app (stable codes in the database, translated labels in the UI)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jipp.jobs.models import JobLanguage


class ReportKind(models.TextChoices):
    NETWORK_RECAP = "network_recap", _("Rekap jaringan")
    HUB_PROFILE = "hub_profile", _("Profil hub")
    INNOVATION_PROFILE = "innovation_profile", _("Profil inovasi satu halaman")
    TPBIS_IMPACT = "tpbis_impact", _("Laporan dampak TPBIS")
    LIST_EXPORT = "list_export", _("Ekspor daftar")


class ReportFormat(models.TextChoices):
    XLSX = "xlsx", _("Excel (XLSX)")
    CSV = "csv", _("CSV")
    PDF = "pdf", _("PDF")


# A report is written in the language of its job's messages.
ReportLanguage = JobLanguage


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Dalam antrean")
    RUNNING = "running", _("Sedang dibuat")
    SUCCEEDED = "succeeded", _("Selesai")
    FAILED = "failed", _("Gagal")
    CANCELLED = "cancelled", _("Dibatalkan")


# Which output formats each kind can produce; the first one is the default.
KIND_FORMATS = {
    ReportKind.NETWORK_RECAP: [ReportFormat.XLSX, ReportFormat.CSV],
    ReportKind.HUB_PROFILE: [ReportFormat.PDF],
    ReportKind.INNOVATION_PROFILE: [ReportFormat.PDF],
    ReportKind.TPBIS_IMPACT: [ReportFormat.PDF],
    ReportKind.LIST_EXPORT: [ReportFormat.XLSX, ReportFormat.CSV],
}

FINISHED_STATUSES = {ReportStatus.SUCCEEDED, ReportStatus.FAILED, ReportStatus.CANCELLED}
