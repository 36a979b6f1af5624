"""Writes of the reports app: request, dispatch, run, cancel, reap, sweep and expire report jobs.

The life of a job:
1. `report_job_request` validates the request (kind, format, permission), saves a *queued* row, and
   publishes its message after the transaction commits (`report_job_dispatch`). When the broker is
   unreachable the row stays queued and undispatched: the page says it will start shortly, and
   `report_jobs_sweep` (periodic, and whenever a worker connects to the broker: jipp.jobs) publishes it
   later. Never an error page.
2. The task calls `report_job_run`, which *claims* the row with a conditional UPDATE
   (queued → running): a message delivered twice finds nothing to claim and does nothing.
3. The generator writes to a temporary file; only a complete file is saved to the reports storage.
   Any failure leaves no file behind and a message the user understands.
4. The framework (jipp.jobs, with `REPORT_JOBS`) fails jobs stuck in *running* (a killed worker),
   publishes again what waits, and deletes files past `expires_at`.
"""

import errno
import logging
import os
import tempfile
import traceback

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.mail import EmailMessage
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jipp.jobs import (
    JobProgress,
    JobType,
    job_claim,
    job_dispatch,
    job_expires_at,
    job_file_delete,
    job_text,
    job_this_run,
)
from jipp.permissions import can_report_on_network, can_view_job, visibility_scope
from reports.choices import KIND_FORMATS, ReportFormat, ReportKind, ReportLanguage, ReportStatus
from reports.generators import ReportError, get_spec
from reports.generators.base import no_personal_data
from reports.models import ReportJob, ReportSubscription

logger = logging.getLogger(__name__)

# Errors worth another try after a pause: the database or a network storage briefly unavailable.
# Anything else (a bug, a full disk, a permission problem) fails the job at once with a reason.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


class TransientReportError(Exception):
    """Raised by report_job_run after putting the job back in the queue; the task retries it."""


def _task():
    from reports.tasks import report_job_run

    return report_job_run


REPORT_JOBS = JobType(
    name="report",
    model=ReportJob,
    task=_task,
    waiting={ReportStatus.QUEUED: True},
    running=(ReportStatus.RUNNING,),
    failed=ReportStatus.FAILED,
    time_limit=lambda: settings.REPORTS_TIME_LIMIT,
    busy_message=gettext_lazy("Antrean sedang sibuk: laporan tersimpan dan akan dimulai sebentar lagi."),
    reaped_message=gettext_lazy(
        "Pembuatan laporan terhenti sebelum selesai (proses pembuat laporan berhenti atau melewati "
        "batas waktu). Silakan minta laporan ini lagi."
    ),
    reaped_values={"error_detail": "reaped: running past REPORTS_TIME_LIMIT + JOBS_REAP_GRACE_SECONDS"},
    expired_message=gettext_lazy("Berkas telah dihapus karena kedaluwarsa. Minta laporan baru."),
    file_statuses=(ReportStatus.SUCCEEDED,),
    records_task_id=True,
)


# --- Request and dispatch -------------------------------------------------------------------


@transaction.atomic
def report_job_request(
    *, user, kind: str, output_format: str = "", language: str = ReportLanguage.ID, params: dict | None = None
) -> ReportJob:
    """Save a queued job for `user` and publish it once the transaction commits.

    Raises ValidationError (field-keyed) for an unknown kind, a format the kind cannot produce, or
    parameters the user may not use (e.g. a hub they are not a member of).
    """
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    if kind not in KIND_FORMATS:
        raise ValidationError({"kind": _("Jenis laporan tidak dikenal.")}, code="invalid_kind")
    formats = KIND_FORMATS[kind]
    output_format = output_format or formats[0]
    if output_format not in formats:
        raise ValidationError(
            {"output_format": _("Laporan ini tersedia dalam format: %(f)s.") % {"f": ", ".join(formats)}},
            code="invalid_format",
        )
    if language not in ReportLanguage.values:
        raise ValidationError({"language": _("Bahasa tidak dikenal.")}, code="invalid_language")
    params = dict(params or {})
    try:
        with translation.override(language):
            clean, title = get_spec(kind).prepare(user, params)
    except ReportError as exc:
        raise ValidationError({"params": exc.message}, code="invalid_params") from exc
    # Scheduling keys are kept as given; they are not user-controllable through the forms or API.
    for key in ("period", "email"):
        if key in params:
            clean[key] = params[key]
    job = ReportJob(
        kind=kind,
        output_format=output_format,
        language=language,
        params=clean,
        title=str(title)[:255],
        requested_by=user,
        requester_scope=visibility_scope(user),
        message=job_text(language, lambda: _("Dalam antrean: laporan akan segera dimulai.")),
    )
    job.full_clean()
    job.save()
    job_id = job.pk
    transaction.on_commit(lambda: report_job_dispatch(job_id=job_id), robust=True)
    return job


def report_job_dispatch(*, job_id: int) -> bool:
    """Publish the job's message. False (and the job stays queued) when the broker is unreachable."""
    return job_dispatch(REPORT_JOBS, job_id=job_id)


# --- Run ------------------------------------------------------------------------------------

EXTENSIONS = {ReportFormat.XLSX: "xlsx", ReportFormat.CSV: "csv", ReportFormat.PDF: "pdf"}


def _failure_message(exc: BaseException) -> str:
    """Words for the user; the technical detail goes to error_detail and the log."""
    if isinstance(exc, ReportError):
        return str(exc.message)
    if isinstance(exc, SoftTimeLimitExceeded):
        return _("Laporan terlalu lama dibuat dan dihentikan. Persempit filter atau coba lagi nanti.")
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("Ruang penyimpanan laporan penuh, sehingga laporan tidak dapat disimpan. Hubungi admin portal.")
    if isinstance(exc, PermissionError) or (isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EROFS)):
        return _("Penyimpanan laporan tidak dapat ditulis, jadi laporan tidak dapat disimpan. Hubungi admin portal.")
    return _("Terjadi kesalahan tak terduga saat membuat laporan. Coba lagi; jika berulang, hubungi admin portal.")


def _fail(job: ReportJob, exc: BaseException) -> None:
    message = job_text(job.language, lambda: _failure_message(exc))
    detail = "".join(traceback.format_exception(exc))[-4000:]
    job_this_run(job).update(
        status=ReportStatus.FAILED, finished_at=timezone.now(), message=message[:500], error_detail=detail
    )


def report_job_run(*, job_id: int, task_id: str = "", final_attempt: bool = True) -> str:
    """Run one job if it is still queued; returns what happened: succeeded, failed, skipped, missing.

    Raises TransientReportError (job back in the queue) on a transient error when not the final attempt.
    """
    updates = {"attempts": F("attempts") + 1, "progress": 1}
    if task_id:
        updates["celery_task_id"] = task_id
    if not job_claim(ReportJob, job_id=job_id, waiting=ReportStatus.QUEUED, running=ReportStatus.RUNNING, **updates):
        return "skipped" if ReportJob.objects.filter(pk=job_id).exists() else "missing"

    job = ReportJob.objects.select_related("requested_by").get(pk=job_id)
    job_this_run(job).update(message=job_text(job.language, lambda: _("Sedang dibuat…")))
    spec = get_spec(job.kind)
    ext = EXTENSIONS[job.output_format]
    fd, tmp_path = tempfile.mkstemp(prefix="jipp-report-", suffix=f".{ext}")
    os.close(fd)
    stored_name = ""
    try:
        with translation.override(job.language):
            # Permissions may have changed since the request: check them again, and record what
            # the file is made with (downloads are refused once the requester can see less).
            spec.prepare(job.requested_by, job.params)
            job_this_run(job).update(requester_scope=visibility_scope(job.requested_by))
            row_count = spec.generate(job, tmp_path, JobProgress(rows=job_this_run(job)))
            name = f"{spec.filename(job)}.{ext}"
        # Only a complete file reaches the storage; a failure above leaves nothing to download.
        with open(tmp_path, "rb") as fh:
            job.file.save(name, File(fh), save=False)
        stored_name = job.file.name
        finished = timezone.now()
        done = job_this_run(job).update(
            status=ReportStatus.SUCCEEDED,
            progress=100,
            file=stored_name,
            file_size=os.path.getsize(tmp_path),
            row_count=row_count,
            finished_at=finished,
            expires_at=job_expires_at(finished),
            message=job_text(job.language, lambda: _("Selesai: laporan siap diunduh.")),
            error_detail="",
        )
        if not done:
            # Cancelled, reaped or restarted meanwhile: this file is not the one to keep.
            job.file.storage.delete(stored_name)
            return "skipped"
    except TRANSIENT_ERRORS as exc:
        if stored_name:
            job.file.storage.delete(stored_name)
        if final_attempt:
            _fail(job, exc)
            return "failed"
        logger.warning("Report job %s: transient error, retrying: %s", job_id, exc)
        job_this_run(job).update(
            status=ReportStatus.QUEUED,
            progress=0,
            message=job_text(job.language, lambda: _("Gangguan sementara: laporan akan dicoba lagi otomatis.")),
        )
        raise TransientReportError(str(exc)) from exc
    except (Exception, SoftTimeLimitExceeded) as exc:
        if not isinstance(exc, ReportError):
            logger.exception("Report job %s failed", job_id)
        if stored_name:
            job.file.storage.delete(stored_name)
        _fail(job, exc)
        return "failed"
    finally:
        os.unlink(tmp_path)

    if job.params.get("email"):
        report_job_email(job=ReportJob.objects.select_related("requested_by").get(pk=job_id))
    return "succeeded"


def report_job_email(*, job: ReportJob) -> bool:
    """Send a finished scheduled report to its requester, attached. A mail failure never fails the job."""
    user = job.requested_by
    if not user.email or not job.file:
        return False
    with translation.override(job.language):
        subject = _("[JIPP] %(title)s") % {"title": job.title}
        body = _("Terlampir laporan terjadwal Anda: %(title)s.\n\nLangganan dapat diubah oleh admin portal.") % {
            "title": job.title
        }
    message = EmailMessage(subject, body, to=[user.email])
    with job.file.open("rb") as fh:
        message.attach(job.download_name, fh.read())
    try:
        message.send()
    except Exception:  # an SMTP outage must not turn a finished report into a failed one
        logger.exception("Report job %s: e-mail to %s failed", job.pk, user.pk)
        return False
    return True


# --- Retry, cancel and withdraw ------------------------------------------------------------


@transaction.atomic
def report_job_retry(*, job: ReportJob, user) -> ReportJob:
    """Ask again for a report that failed or whose file is gone ("Coba lagi"): its requester or staff.

    A new job with the same kind, format, language and parameters, for the same requester, rather
    than the old row requeued: the request goes through report_job_request, so today's rights, the
    report's own rule (its spec's prepare) and the requester's scope decide it, as for any request;
    the old row keeps its reason (and its error detail for the staff), and a finished row never
    goes back to queued under the framework's claims. A second click while that new job is still
    waiting or running returns it instead of queueing a twin.

    Raises PermissionDenied for anyone else, ValidationError when the job is not retryable or the
    report's rule no longer admits its requester.
    """
    if not can_view_job(user, job.requested_by_id):
        raise PermissionDenied
    if not job.is_retryable:
        raise ValidationError(_("Laporan ini tidak perlu dicoba lagi."), code="not_retryable")
    pending = ReportJob.objects.filter(
        requested_by_id=job.requested_by_id,
        kind=job.kind,
        output_format=job.output_format,
        language=job.language,
        status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING],
        created_at__gte=job.created_at,
    ).order_by("-created_at", "-pk")
    for other in pending:
        if other.params == job.params:
            return other
    return report_job_request(
        user=job.requested_by,
        kind=job.kind,
        output_format=job.output_format,
        language=job.language,
        params=dict(job.params),
    )


def report_job_cancel(*, job: ReportJob, user) -> bool:
    """Cancel a queued or running job (its requester or staff). A running generator's file is dropped."""
    if not can_view_job(user, job.requested_by_id):
        raise PermissionDenied
    return bool(
        ReportJob.objects.filter(pk=job.pk, status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING]).update(
            status=ReportStatus.CANCELLED,
            finished_at=timezone.now(),
            message=job_text(job.language, lambda: _("Dibatalkan atas permintaan pengguna.")),
        )
    )


def report_files_withdraw_personal(*, story_id: int, hub_id: int | None = None, reason: str = "") -> dict:
    """A story was erased or a consent withdrawn: no stored report may keep showing what was withdrawn.

    Every finished file whose kind may hold a story's personal data is deleted (the row says why and
    the user may ask again: a new file follows the new consent); a job generating such a file right now
    is restarted, so that what it read before the withdrawal is never saved. Any story may appear in
    a network-wide file, so files are not narrowed by hub. Returns {"deleted": n, "restarted": n}.
    """
    kinds = [kind for kind in KIND_FORMATS if get_spec(kind).holds_personal_data is not no_personal_data]
    candidates = ReportJob.objects.filter(kind__in=kinds).filter(
        Q(status=ReportStatus.SUCCEEDED, file__gt="") | Q(status__in=[ReportStatus.RUNNING, ReportStatus.QUEUED])
    )
    deleted = restarted = 0
    for job in candidates.only("pk", "kind", "params", "status", "file", "language", "started_at"):
        if not get_spec(job.kind).holds_personal_data(job.params):
            continue
        if job.status == ReportStatus.SUCCEEDED:
            deleted += job_file_delete(
                job,
                file_size=None,
                message=job_text(
                    job.language,
                    lambda: _(
                        "Berkas dihapus karena data pribadi sebuah kisah di dalamnya ditarik (penghapusan atau "
                        "penarikan persetujuan). Minta laporan baru."
                    ),
                ),
            )
        elif job.status == ReportStatus.RUNNING and job_this_run(job).update(
            status=ReportStatus.QUEUED,
            progress=0,
            dispatched_at=None,
            message=job_text(job.language, lambda: _("Dimulai ulang karena data yang dimuatnya berubah.")),
        ):
            restarted += 1
            report_job_dispatch(job_id=job.pk)
        # A queued job has read nothing yet: it will be made with the data as it is when it runs.
    if deleted or restarted:
        logger.info("Story %s %s: %s report file(s) deleted, %s job(s) restarted", story_id, reason, deleted, restarted)
    return {"deleted": deleted, "restarted": restarted}


def report_subscription_set(*, user, active: bool, kind: str = ReportKind.NETWORK_RECAP) -> ReportSubscription:
    """Subscribe a ministry staff member to (or unsubscribe from) the monthly recap by e-mail."""
    if not can_report_on_network(user):
        raise PermissionDenied
    sub, _created = ReportSubscription.objects.get_or_create(user=user, kind=kind)
    if sub.is_active != active:
        sub.is_active = active
        sub.save(update_fields=["is_active"])
    return sub


def network_recap_schedule(*, now=None) -> int:
    """The monthly recap: one job per active subscriber who is ministry staff, once per month.

    Returns the number of jobs created; a second run in the same month creates none.
    """
    now = now or timezone.now()
    period = timezone.localtime(now).strftime("%Y-%m")
    created = 0
    subs = ReportSubscription.objects.filter(
        kind=ReportKind.NETWORK_RECAP, is_active=True, user__is_active=True
    ).select_related("user")
    for sub in subs:
        if not can_report_on_network(sub.user):
            continue
        if ReportJob.objects.filter(requested_by=sub.user, kind=sub.kind, params__period=period).exists():
            continue
        report_job_request(
            user=sub.user,
            kind=sub.kind,
            output_format=sub.output_format,
            language=sub.language,
            params={"period": period, "email": True},
        )
        created += 1
    return created
