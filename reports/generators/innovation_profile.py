"""3. One-page innovation profile (PDF), for briefings and replication visits.

Public-facing for a published innovation: everything it lists hangs off the innovation and is as
public as the innovation itself. A draft or an innovation under review can be printed only by its
hub's members and staff (who may see it); that copy is labelled internal on every page.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from innovations.models import Innovation
from jipp.permissions import can_view
from reports import selectors
from reports.choices import ReportKind
from reports.generators.base import ReportError, ReportSpec, int_param, register
from reports.generators.pdf import render_pdf


def prepare(user, params):
    pk = int_param(params, "innovation")
    innovation = Innovation.objects.filter(pk=pk).first() if pk else None
    # An innovation the user may not see is "not found": its existence is not disclosed.
    if innovation is None or not can_view(user, innovation):
        raise ReportError(_("Inovasi tidak ditemukan."))
    return {"innovation": innovation.pk}, _("Profil inovasi: %(title)s") % {"title": innovation.title[:200]}


def generate(job, path, progress):
    data = selectors.innovation_profile_data(job.params["innovation"])
    if data is None or not can_view(job.requested_by, data["innovation"]):
        raise ReportError(_("Inovasi tidak ditemukan."))
    progress(40)
    render_pdf(
        template="reports/pdf/innovation_profile.html",
        context={
            **data,
            "replications": list(data["replications"][:10]),
            "job": job,
            "internal_label": "" if data["innovation"].is_published else _("Internal: draf, belum terbit"),
        },
        path=path,
        language=job.language,
    )
    progress(95)
    return 1


def filename(job):
    innovation = Innovation.objects.filter(pk=job.params.get("innovation")).only("slug").first()
    slug = innovation.slug[:80] if innovation else job.params.get("innovation")
    return f"profil-inovasi-{slug}-{timezone.localdate():%Y-%m-%d}"


register(ReportSpec(ReportKind.INNOVATION_PROFILE, prepare, generate, filename))
