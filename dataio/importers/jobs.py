"""The import flow as services: upload → dry-run check (preview) → confirm → import, each step a job row.

1. `import_job_create` refuses a hostile file at once (type by content, size, zip bomb, headers) and
   otherwise stores it in the private job storage and queues the check. Nothing else is written.
2. `import_job_check` (a Celery task; eager without a broker) parses every row and runs them through
   the services in a transaction that is always rolled back: the preview counts rows to create,
   update and skip, and lists every error by row and column.
3. `import_job_confirm` (the uploader or staff, only when the check found no error) queues
4. `import_job_commit`, which runs the same rows again in ONE transaction: all or nothing.

Dispatch, the sweep of phases left waiting (broker down), the reaper and the expiry of checks never
confirmed are the job framework's (jipp.jobs, with `IMPORT_JOBS`), as for report jobs. Progress
during a transaction cannot be written to the job row (other connections would not see it until
the commit), so it goes to the cache (`IMPORT_PROGRESS`, read by `import_progress`).
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dataio.importers import get_importer_class
from dataio.importers.base import (
    ImportFileError,
    Outcome,
    UploadedSheet,
    map_headers,
    parse_sheet,
    read_rows,
    read_upload,
    run_import,
)
from dataio.models import ImportedRecord, ImportJob, ImportKind, ImportStatus
from jipp import permissions
from jipp.jobs import (
    CacheProgress,
    JobProgress,
    JobType,
    job_claim,
    job_dispatch,
    job_expires_at,
    job_file_delete,
)
from reports.generators.formatting import count

logger = logging.getLogger(__name__)

IMPORT_PROGRESS = CacheProgress("import-progress")
# The phase a waiting status publishes: a queued file is checked, a confirmed one imported.
PHASES = {ImportStatus.QUEUED: "check", ImportStatus.IMPORTING: "commit"}


def _task():
    from dataio.tasks import import_job_run

    return import_job_run


IMPORT_JOBS = JobType(
    name="import",
    model=ImportJob,
    task=_task,
    task_args=lambda job: [job.pk, PHASES[job.status]],
    # A check claims its row when it runs, so a check published long ago and never picked up (a
    # Redis restart loses its messages) is published again; an import does not claim its row (its
    # confirmation did), so it is only ever published once, and one whose worker died is reaped.
    waiting={ImportStatus.QUEUED: True, ImportStatus.IMPORTING: False},
    running=(ImportStatus.CHECKING, ImportStatus.IMPORTING),
    failed=ImportStatus.FAILED,
    time_limit=lambda: settings.IMPORTS_TIME_LIMIT,
    busy_message=gettext_lazy("Antrean sedang sibuk: coba muat ulang sebentar lagi."),
    # An import's transaction died with its worker, so nothing was written.
    reaped_message=gettext_lazy("Proses berhenti sebelum selesai; tidak ada data yang diubah. Unggah berkas lagi."),
    expired_message=gettext_lazy("Kedaluwarsa: hasil pemeriksaan tidak dikonfirmasi. Unggah berkas lagi."),
    file_statuses=(ImportStatus.READY,),
    expired_values=lambda job, now: {"status": ImportStatus.FAILED, "finished_at": now},
)


def import_progress(job: ImportJob) -> int:
    """The job's progress: the row's value, or the live value a running transaction put in the cache."""
    return IMPORT_PROGRESS.read(job) if job.is_busy else job.progress


@transaction.atomic
def import_job_create(*, user, kind: str, uploaded, language: str = "id") -> ImportJob:
    """Check the file and queue its dry run. Raises PermissionDenied, or ValidationError (a hostile or
    unreadable file, wrong headers) with a message for the user; nothing is stored then."""
    if not permissions.can_import(user):
        raise PermissionDenied(_("Hanya admin hub dan staf kementerian yang dapat mengimpor."))
    if kind not in ImportKind.values:
        raise ValidationError({"kind": _("Jenis data tidak dikenal.")})
    sheet = read_upload(uploaded)
    # Headers are checked now, so that a wrong template is refused on the upload page itself.
    first = next(read_rows(sheet), None)
    if first is None:
        raise ImportFileError(_("Berkas kosong: tidak ada baris untuk diimpor."), code="empty")
    map_headers(first[1], get_importer_class(kind).columns)
    job = ImportJob(
        kind=kind,
        original_name=sheet.name[:255],
        file_format=sheet.file_format,
        uploaded_by=user,
        language=language if language in ("id", "en") else "id",
        message=_("Dalam antrean: berkas akan segera diperiksa."),
        expires_at=job_expires_at(),
    )
    job.file.save(f"impor-{timezone.now():%Y%m%d%H%M%S}.{sheet.file_format}", sheet.as_content_file(), save=False)
    job.full_clean()
    job.save()
    job_id = job.pk
    transaction.on_commit(lambda: job_dispatch(IMPORT_JOBS, job_id=job_id), robust=True)
    return job


def _load(job: ImportJob):
    with job.file.open("rb") as fh:
        content = fh.read()
    sheet = UploadedSheet(job.file_format, content, job.original_name)
    return get_importer_class(job.kind)(job.uploaded_by), sheet


def _run(job: ImportJob, *, commit: bool) -> Outcome:
    importer, sheet = _load(job)
    progress = JobProgress(live=IMPORT_PROGRESS, job_id=job.pk)
    rows = parse_sheet(importer, sheet, progress=lambda n: progress(5))
    progress(10)
    return run_import(
        importer,
        rows,
        commit=commit,
        progress=lambda done, total: progress(10 + 89 * done // total),
        on_commit=lambda importer: _record_written(job, importer),
    )


def _record_written(job: ImportJob, importer) -> None:
    """Which records the import wrote, in its transaction: the finished import links to exactly them."""
    ImportedRecord.objects.bulk_create(
        [ImportedRecord(job=job, object_id=pk, created=created) for pk, created in importer.written.items()],
        batch_size=1000,
    )


def imported_pks(*, model, job_id: int, user):
    """The primary keys of the `model` records that import `job_id` wrote, as a subquery; None when the
    import is not finished, the user may not see it (can_view_job), or it imported another kind."""
    job = ImportJob.objects.filter(pk=job_id, status=ImportStatus.DONE).only("kind", "uploaded_by_id").first()
    if job is None or not permissions.can_view_job(user, job.uploaded_by_id):
        return None
    if get_importer_class(job.kind).model is not model:
        return None
    return ImportedRecord.objects.filter(job_id=job_id).values("object_id")


def _finish(job_id: int, status: str, outcome: Outcome | None, message: str, errors=None) -> None:
    values = {"status": status, "progress": 100, "message": message[:500]}
    if outcome is not None:
        values.update(
            row_count=outcome.rows,
            created_count=outcome.created,
            updated_count=outcome.updated,
            skipped_count=outcome.skipped,
            error_count=outcome.error_count,
            errors=outcome.errors,
            plan=outcome.plan,
        )
    elif errors is not None:
        values.update(errors=errors, error_count=len(errors))
    ImportJob.objects.filter(pk=job_id).update(**values)
    IMPORT_PROGRESS.clear(job_id)


def _delete_file(job: ImportJob) -> None:
    # The file may hold personal data (stories): keep it no longer than the flow needs it.
    job_file_delete(job)


def import_job_check(*, job_id: int) -> str:
    """The dry run: every row through the services, always rolled back. Returns the new status."""
    if not job_claim(ImportJob, job_id=job_id, waiting=ImportStatus.QUEUED, running=ImportStatus.CHECKING):
        return "skipped"  # delivered twice, or no longer queued
    job = ImportJob.objects.select_related("uploaded_by").get(pk=job_id)
    with translation.override(job.language):
        try:
            outcome = _run(job, commit=False)
        except ImportFileError as exc:
            _finish(
                job_id,
                ImportStatus.INVALID,
                None,
                exc.messages[0],
                [{"row": 1, "column": "", "message": m} for m in exc.messages],
            )
            _delete_file(job)
            return ImportStatus.INVALID
        except Exception:
            logger.exception("Import job %s: check failed", job_id)
            _finish(
                job_id, ImportStatus.FAILED, None, _("Pemeriksaan gagal karena kesalahan sistem. Coba unggah lagi.")
            )
            _delete_file(job)
            return ImportStatus.FAILED
        if outcome.error_count:
            message = _("Ada %(n)s kesalahan. Perbaiki berkas lalu unggah lagi; belum ada data yang diubah.") % {
                "n": count(outcome.error_count)
            }
            _finish(job_id, ImportStatus.INVALID, outcome, message)
            _delete_file(job)
            return ImportStatus.INVALID
        _finish(
            job_id,
            ImportStatus.READY,
            outcome,
            _("Pemeriksaan selesai tanpa kesalahan. Periksa ringkasan lalu konfirmasi."),
        )
        ImportJob.objects.filter(pk=job_id).update(checked_at=timezone.now())
        return ImportStatus.READY


def import_job_confirm(*, job: ImportJob, user) -> ImportJob:
    """Queue the real import of a checked file. Only its uploader (or staff) may confirm, only once."""
    if not permissions.can_view_job(user, job.uploaded_by_id):
        raise PermissionDenied
    # The confirmation claims the row (no second confirmation imports the file twice); its phase
    # is then undispatched, for job_dispatch.
    claimed = job_claim(
        ImportJob,
        job_id=job.pk,
        waiting=ImportStatus.READY,
        running=ImportStatus.IMPORTING,
        progress=0,
        dispatched_at=None,
        message=_("Sedang diimpor…"),
    )
    if not claimed:
        raise ValidationError(
            _("Impor ini tidak dapat dikonfirmasi (belum diperiksa, ada kesalahan, atau sudah diimpor).")
        )
    job_id = job.pk
    transaction.on_commit(lambda: job_dispatch(IMPORT_JOBS, job_id=job_id), robust=True)
    job.refresh_from_db()
    return job


def import_job_commit(*, job_id: int) -> str:
    """The import itself: the same rows, one transaction, all or nothing. Returns the new status."""
    job = ImportJob.objects.select_related("uploaded_by").filter(pk=job_id, status=ImportStatus.IMPORTING).first()
    if job is None or not job.file:
        return "skipped"
    with translation.override(job.language):
        try:
            outcome = _run(job, commit=True)
        except ImportFileError as exc:
            outcome, message = None, exc.messages[0]
        except Exception:
            logger.exception("Import job %s: import failed", job_id)
            outcome, message = None, _("Impor gagal karena kesalahan sistem; tidak ada data yang diubah.")
        if outcome is not None and outcome.committed:
            message = _("Selesai: %(c)s dibuat, %(u)s diubah, %(s)s dilewati.") % {
                "c": count(outcome.created),
                "u": count(outcome.updated),
                "s": count(outcome.skipped),
            }
            _finish(job_id, ImportStatus.DONE, outcome, message)
        else:
            if outcome is not None:
                message = _(
                    "Impor dibatalkan: data berubah sejak pemeriksaan dan %(n)s baris kini bermasalah. "
                    "Tidak ada data yang diubah."
                ) % {"n": outcome.error_count}
            _finish(job_id, ImportStatus.FAILED, outcome, message)
        ImportJob.objects.filter(pk=job_id).update(finished_at=timezone.now())
    _delete_file(job)
    return ImportJob.objects.get(pk=job_id).status


def import_job_run_now(*, job_id: int, phase: str) -> str:
    """The body of the Celery task: one phase of one job."""
    if phase == "check":
        return import_job_check(job_id=job_id)
    if phase == "commit":
        return import_job_commit(job_id=job_id)
    raise ValueError(phase)


def import_files_withdraw_personal(*, story_id: int, hub_id: int | None = None, reason: str = "") -> int:
    """A story was erased or a consent withdrawn: story spreadsheets of its hub that were uploaded but
    not imported may hold the same person (a file, its preview labels and errors): they are dropped and
    the uploader asked to upload again. A file being imported is left alone: the import runs through
    the story services, which keep what an erasure removed erased. Returns how many were dropped."""
    pending = ImportJob.objects.filter(
        kind=ImportKind.STORIES, status__in=[ImportStatus.QUEUED, ImportStatus.READY, ImportStatus.INVALID]
    ).select_related("uploaded_by")
    dropped = 0
    for job in pending:
        uploader = job.uploaded_by
        if hub_id not in permissions.creatable_hub_ids(uploader):
            continue
        with translation.override(job.language):
            message = _(
                "Dibatalkan: data pribadi sebuah kisah hub ini ditarik (penghapusan atau penarikan persetujuan), "
                "dan berkas ini mungkin memuatnya. Periksa berkas Anda lalu unggah lagi."
            )
        if ImportJob.objects.filter(pk=job.pk, status=job.status).update(
            status=ImportStatus.FAILED, message=message, plan=[], errors=[], finished_at=timezone.now()
        ):
            _delete_file(job)
            dropped += 1
    return dropped
