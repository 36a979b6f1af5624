"""Pages of spreadsheet import (upload → preview → confirm) and the "export this view" download.

Thin: dataio.importers.jobs holds the flow, reports' list_export the exports, hubs.permissions
the rules.
"""

import os
import tempfile
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseBadRequest, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dataio.exports import EXPORTS, export_table
from dataio.importers import jobs
from dataio.importers.base import EXAMPLE_MARKER, MAX_IMPORT_BYTES
from dataio.importers.template import write_template
from dataio.models import ImportJob, ImportKind, ImportStatus
from jipp import permissions
from jipp.forms import apply_service_errors, bootstrapify
from jipp.http import PRIVATE
from reports.generators.writers import write_tables

# Exports up to this many rows download at once; larger ones become a report job.
EXPORT_INLINE_MAX = getattr(settings, "JIPP_EXPORT_INLINE_MAX", 2000)
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Jenis data"), choices=ImportKind.choices)
    file = forms.FileField(
        label=gettext_lazy("Berkas XLSX atau CSV"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Translated per request: a lazy text formatted at import time would stay in the default language.
        self.fields["file"].help_text = _(
            "Paling besar %(mb)s MB. Gunakan templat: baris 1 judul kolom bahasa Indonesia."
        ) % {"mb": MAX_IMPORT_BYTES // (1024 * 1024)}
        bootstrapify(self)


def _require_importer(request):
    if not permissions.can_import(request.user):
        raise PermissionDenied


def _job_or_404(request, pk) -> ImportJob:
    job = ImportJob.objects.filter(pk=pk).first()
    if job is None or not permissions.can_view_job(request.user, job.uploaded_by_id):
        raise Http404
    return job


@login_required
def import_home(request):
    """Upload form, templates to download, and the user's recent imports."""
    _require_importer(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = jobs.import_job_create(
                user=request.user,
                kind=form.cleaned_data["kind"],
                uploaded=form.cleaned_data["file"],
                language=get_language() or "id",
            )
        except ValidationError as exc:
            # A file refused as a whole (type, size, headers) is an error of the upload field.
            apply_service_errors(form, exc, field_map={NON_FIELD_ERRORS: "file"})
        else:
            return redirect("imports:import_detail", pk=job.pk)
    recent = ImportJob.objects.filter(uploaded_by=request.user)[:10]
    return render(
        request,
        "imports/import_home.html",
        {"form": form, "recent": recent, "kinds": ImportKind.choices, "example_marker": EXAMPLE_MARKER},
        status=400 if form.errors else 200,
    )


@login_required
def import_template(request, kind: str):
    """The XLSX template of one record type, with the code sheets this user may use."""
    _require_importer(request)
    if kind not in ImportKind.values:
        raise Http404
    fd, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(fd)
    try:
        write_template(path, kind, request.user)
        fh = open(path, "rb")  # noqa: SIM115 - closed by FileResponse
    finally:
        os.unlink(path)  # the open handle keeps the data readable until the response is sent
    return FileResponse(
        fh, as_attachment=True, filename=f"templat-impor-{kind}.xlsx", content_type=CONTENT_TYPES["xlsx"]
    )


# The list that shows one kind's records; `?import_job=` narrows it to one import's (jipp.import_records).
RECORD_LISTS = {
    ImportKind.INNOVATIONS: "innovations:innovation_list",
    ImportKind.REPLICATIONS: "innovations:replication_list",
    ImportKind.STORIES: "stories:story_list",
}


def _job_context(job: ImportJob) -> dict:
    context = {"job": job, "progress": jobs.import_progress(job)}
    # Imports finished before records were kept have none to link to.
    if job.status == ImportStatus.DONE and (job.created_count or job.updated_count) and job.records.exists():
        context["records_url"] = f"{reverse(RECORD_LISTS[job.kind])}?{urlencode({'import_job': job.pk})}"
        context["records_total"] = job.created_count + job.updated_count
    return context


@login_required
def import_detail(request, pk: int):
    job = _job_or_404(request, pk)
    return render(request, "imports/import_detail.html", _job_context(job))


@login_required
def import_status(request, pk: int):
    """The status block, polled by htmx every 2 seconds while the job runs."""
    job = _job_or_404(request, pk)
    return render(request, "imports/_job_status.html", _job_context(job))


@require_POST
@login_required
def import_confirm(request, pk: int):
    job = _job_or_404(request, pk)
    try:
        jobs.import_job_confirm(job=job, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("imports:import_detail", pk=job.pk)


def _filters_query(request) -> str:
    query = request.GET.copy()
    for key in ("format", "page"):
        query.pop(key, None)
    return query.urlencode()


def export_list(request, name: str):
    """Exactly the current filtered view of a list page as CSV or XLSX (permissions and consent applied).

    Up to EXPORT_INLINE_MAX rows the file downloads at once; a larger list becomes a report job.
    """
    if name not in EXPORTS:
        raise Http404
    output_format = request.GET.get("format", "xlsx")
    if output_format not in CONTENT_TYPES:
        return HttpResponseBadRequest(_("Format tidak dikenal."))
    filters = {k: v if len(v) > 1 else v[0] for k, v in request.GET.lists() if k not in ("format", "page")}
    table, count = export_table(name, request.user, filters)
    if count > EXPORT_INLINE_MAX:
        # Too large to send at once: it becomes a report job, but only through a form the user posts
        # (a link, a prefetch or a crawler's GET must not queue work).
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        messages.info(
            request,
            _(
                "Daftar ini berisi %(n)s baris, terlalu banyak untuk diunduh langsung: kirim formulir ini "
                "untuk membuat ekspornya sebagai laporan."
            )
            % {"n": count},
        )
        query = QueryDict(mutable=True)
        query.update({"kind": "list_export", "output_format": output_format, "list": name})
        query["filters"] = _filters_query(request)
        return redirect(f"{reverse('reports:job_create')}?{query.urlencode()}")
    fd, path = tempfile.mkstemp(suffix=f".{output_format}")
    os.close(fd)
    try:
        write_tables(path, output_format, [table])
        fh = open(path, "rb")  # noqa: SIM115 - closed by FileResponse
    finally:
        os.unlink(path)
    response = FileResponse(
        fh,
        as_attachment=True,
        filename=f"ekspor-{name}-{timezone.localdate():%Y-%m-%d}.{output_format}",
        content_type=CONTENT_TYPES[output_format],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = PRIVATE
    return response
