"""Report buttons for other apps' pages: `{% load reports_tags %}{% network_recap_action %}` etc.

Each renders nothing for users who may not request that report, so pages need no rule of their own.
"""

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jipp.permissions import can_report_on_hub, can_report_on_network, can_view
from reports import selectors
from reports.choices import KIND_FORMATS, ReportFormat, ReportKind, ReportLanguage

register = template.Library()


def _context(kind, label, prefix, hidden=()):
    labels = dict(ReportFormat.choices)
    return {
        "show": True,
        "kind": kind,
        "label": label,
        "prefix": prefix,
        "hidden": list(hidden),
        "formats": [(f.value, labels[f]) for f in KIND_FORMATS[kind]],
        "languages": ReportLanguage.choices,
        "current_language": get_language(),
    }


@register.simple_tag(takes_context=True)
def job_downloadable(context, job) -> bool:
    """Whether the download button of a job row would be served: the download view's own rule."""
    return selectors.report_job_may_download(context["request"].user, job)


@register.inclusion_tag("reports/_action.html", takes_context=True)
def network_recap_action(context):
    user = context["request"].user
    if not can_report_on_network(user):
        return {"show": False}
    return _context(ReportKind.NETWORK_RECAP, _("Buat laporan: rekap jaringan"), "recap")


@register.inclusion_tag("reports/_action.html", takes_context=True)
def hub_profile_action(context, hub):
    user = context["request"].user
    if not can_report_on_hub(user, hub.pk):
        return {"show": False}
    return _context(ReportKind.HUB_PROFILE, _("Buat laporan: profil hub (PDF)"), "hubprofile", [("hub", hub.pk)])


@register.inclusion_tag("reports/_action.html", takes_context=True)
def list_export_action(context, list_name):
    request = context["request"]
    if not request.user.is_authenticated:
        return {"show": False}
    return _context(
        ReportKind.LIST_EXPORT,
        _("Ekspor daftar ini"),
        f"export-{list_name}",
        [("list", list_name), ("filters", request.GET.urlencode())],
    )


@register.inclusion_tag("reports/_action.html", takes_context=True)
def innovation_profile_action(context, innovation):
    """For the innovation detail page: anyone who can see it may print it."""
    user = context["request"].user
    if not (user.is_authenticated and can_view(user, innovation)):
        return {"show": False}
    return _context(
        ReportKind.INNOVATION_PROFILE,
        _("Buat laporan: profil inovasi (PDF)"),
        "innovationprofile",
        [("innovation", innovation.pk)],
    )


@register.inclusion_tag("reports/_action.html", takes_context=True)
def tpbis_impact_action(context, programme):
    """For a programme or stories page."""
    if not context["request"].user.is_authenticated:
        return {"show": False}
    return _context(
        ReportKind.TPBIS_IMPACT, _("Buat laporan: dampak program (PDF)"), "impact", [("programme", programme.pk)]
    )
