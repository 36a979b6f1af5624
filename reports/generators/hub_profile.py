"""2. Hub profile (PDF): the designation, its innovations, its replications, its impact figures.

Internal: only the hub's members and ministry staff may ask for it, to follow the hub's own work, so
it shows what they see, drafts and records under review included, and says so on every page.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from hubs.models import Institution
from jipp.permissions import can_report_on_hub
from reports import selectors
from reports.choices import ReportKind
from reports.generators.base import ReportError, ReportSpec, int_param, register
from reports.generators.pdf import render_pdf

# A profile is printed: beyond this many rows a table says how many more there are.
MAX_ROWS = 200


def prepare(user, params):
    hub_id = int_param(params, "hub")
    hub = Institution.objects.filter(pk=hub_id, designations__isnull=False).first() if hub_id else None
    if hub is None:
        raise ReportError(_("Hub tidak ditemukan."))
    if not can_report_on_hub(user, hub.pk):
        raise ReportError(_("Profil hub hanya dapat dibuat oleh anggota hub tersebut atau staf kementerian."))
    return {"hub": hub.pk}, _("Profil hub: %(name)s") % {"name": hub.acronym or hub.name}


def generate(job, path, progress):
    data = selectors.hub_profile_data(job.requested_by, job.params["hub"])
    if data is None:
        raise ReportError(_("Hub tidak ditemukan."))
    progress(20)
    innovations = list(data["innovations"][: MAX_ROWS + 1])
    out = list(data["replications_out"][: MAX_ROWS + 1])
    into = list(data["replications_in"][: MAX_ROWS + 1])
    progress(50)
    context = {
        **data,
        "innovations": innovations[:MAX_ROWS],
        "innovations_more": max(data["innovation_total"] - MAX_ROWS, 0),
        "replications_out": out[:MAX_ROWS],
        "replications_out_more": len(out) > MAX_ROWS,
        "replications_out_total": data["replications_out"].count() if len(out) > MAX_ROWS else len(out),
        "replications_in_total": data["replications_in"].count() if len(into) > MAX_ROWS else len(into),
        "replications_in": into[:MAX_ROWS],
        "replications_in_more": len(into) > MAX_ROWS,
        "job": job,
        "internal_label": _("Internal: dapat memuat draf dan data yang belum terbit"),
    }
    render_pdf(template="reports/pdf/hub_profile.html", context=context, path=path, language=job.language)
    progress(95)
    return data["innovation_total"]


def filename(job):
    hub = Institution.objects.filter(pk=job.params.get("hub")).only("slug").first()
    return f"profil-hub-{hub.slug if hub else job.params.get('hub')}-{timezone.localdate():%Y-%m-%d}"


register(ReportSpec(ReportKind.HUB_PROFILE, prepare, generate, filename))
