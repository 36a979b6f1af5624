"""Report jobs: every report is a database row whose state the user can always see."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jipp.jobs.models import Job, job_status_field
from reports.choices import FINISHED_STATUSES, ReportFormat, ReportKind, ReportLanguage, ReportStatus


class ReportJob(Job):
    """One requested report: what, for whom, its progress, and the file it produced.

    The row is the source of truth for the job's state (not Celery's result backend): the task
    claims it with a conditional UPDATE (queued → running), so a message delivered twice runs once.
    """

    kind = models.CharField(_("jenis laporan"), max_length=30, choices=ReportKind.choices)
    params = models.JSONField(_("parameter"), default=dict, blank=True)
    output_format = models.CharField(_("format"), max_length=5, choices=ReportFormat.choices)
    title = models.CharField(_("judul"), max_length=255, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_jobs",
        verbose_name=_("diminta oleh"),
    )
    # What the requester could see when the file was made ({"staff": bool, "hubs": [ids]}): the file
    # is served only while they can still see at least that much (reports.selectors.report_job_download_for).
    requester_scope = models.JSONField(_("cakupan akses peminta"), default=dict, blank=True)
    status = job_status_field(ReportStatus.choices, ReportStatus.QUEUED)
    error_detail = models.TextField(_("rincian galat (untuk staf)"), blank=True)
    file_size = models.PositiveBigIntegerField(_("ukuran berkas (bita)"), null=True, blank=True)
    row_count = models.PositiveIntegerField(_("jumlah baris"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    celery_task_id = models.CharField(_("ID tugas Celery"), max_length=255, blank=True)

    class Meta(Job.Meta):
        verbose_name = _("pekerjaan laporan")
        verbose_name_plural = _("pekerjaan laporan")
        constraints = [
            *Job.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.SUCCEEDED) | Q(finished_at__isnull=False),
                name="reportjob_succeeded_has_finished_at",
            ),
        ]
        indexes = [
            models.Index(fields=["requested_by", "-created_at"], name="reportjob_user_created_idx"),
            models.Index(fields=["status", "dispatched_at"], name="reportjob_status_dispatch_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    @property
    def is_downloadable(self) -> bool:
        return self.status == ReportStatus.SUCCEEDED and bool(self.file)

    @property
    def is_retryable(self) -> bool:
        """Failed, or finished but its file is gone (expired, or withdrawn with a story's consent):
        the user may ask for the same report again (reports.services.report_job_retry)."""
        return self.status == ReportStatus.FAILED or (self.status == ReportStatus.SUCCEEDED and not self.file)

    def upload_path(self, filename: str) -> str:
        # One folder per job: file names stay readable for the user and never collide.
        return f"reports/{self.pk}/{filename}"

    @property
    def download_name(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""


class ReportSubscription(models.Model):
    """A user who receives a scheduled report (the monthly network recap) by email."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_subscriptions",
        verbose_name=_("pengguna"),
    )
    kind = models.CharField(
        _("jenis laporan"), max_length=30, choices=ReportKind.choices, default=ReportKind.NETWORK_RECAP
    )
    output_format = models.CharField(_("format"), max_length=5, choices=ReportFormat.choices, default=ReportFormat.XLSX)
    language = models.CharField(_("bahasa"), max_length=5, choices=ReportLanguage.choices, default=ReportLanguage.ID)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user__username", "kind"]
        verbose_name = _("langganan laporan")
        verbose_name_plural = _("langganan laporan")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="reportsubscription_unique_user_kind")]

    def __str__(self):
        return f"{self.user} — {self.get_kind_display()}"
