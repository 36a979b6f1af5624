"""4. TPBIS impact report (PDF): a programme's indicators against their targets, with server-drawn
charts, and the totals of its impact stories.

Public-facing: any signed-in user may ask for it and it is made to be handed on (to Perpusnas, its
partners, the press). So it is made from what the public sees, whoever asks: published stories only,
each as the public may see it (a name only with consent), never the requester's drafts.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from reports import selectors
from reports.choices import ReportKind
from reports.generators.base import ReportError, ReportSpec, int_param, register
from reports.generators.charts import bar_chart_svg
from reports.generators.pdf import render_pdf
from stories.choices import LibraryLevel
from stories.models import Programme


def _programme(params):
    pk = int_param(params, "programme")
    if pk:
        return Programme.objects.filter(pk=pk).first()
    # Without a choice, the TPBIS programme of Perpusnas.
    return Programme.objects.filter(slug="tpbis").first()


def prepare(user, params):
    programme = _programme(params)
    if programme is None:
        raise ReportError(_("Program tidak ditemukan."))
    return {"programme": programme.pk}, _("Laporan dampak: %(name)s") % {"name": str(programme)}


def _story_rows(stories):
    # The stories as the public may see them (names under consent, a hidden related innovation left
    # out): imported here, not at module load, so that the other report kinds work without it.
    from stories.privacy import stories_public

    return stories_public(stories, None)


def generate(job, path, progress):
    programme = Programme.objects.filter(pk=job.params.get("programme")).first()
    if programme is None:
        raise ReportError(_("Program tidak ditemukan."))
    data = selectors.tpbis_impact_data(programme)
    progress(40)
    en = job.language == "en"
    levels = dict(LibraryLevel.choices)
    indicator_chart = bar_chart_svg(
        [
            ((i["indicator"].name_en if en and i["indicator"].name_en else i["indicator"].name), i["share"] or 0, 100)
            for i in data["indicators"]
            if i["share"] is not None
        ],
        unit="%",
    )
    activity_chart = bar_chart_svg(
        [
            (
                (r["activity_type__name_en"] if en and r["activity_type__name_en"] else r["activity_type__name"]),
                r["people"],
            )
            for r in data["by_activity"]
        ]
    )
    context = {
        **data,
        "indicator_chart": indicator_chart,
        "activity_chart": activity_chart,
        "by_level": [{**r, "label": levels.get(r["library_level"], r["library_level"])} for r in data["by_level"]],
        "recent": _story_rows(data["recent"]) if data["recent"] else [],
        "job": job,
    }
    render_pdf(template="reports/pdf/tpbis_impact.html", context=context, path=path, language=job.language)
    progress(95)
    return data["story_total"]


def filename(job):
    programme = Programme.objects.filter(pk=job.params.get("programme")).only("slug").first()
    return f"dampak-{programme.slug if programme else 'program'}-{timezone.localdate():%Y-%m-%d}"


# The PDF lists recent stories with their beneficiaries' consented names.
register(ReportSpec(ReportKind.TPBIS_IMPACT, prepare, generate, filename, holds_personal_data=lambda params: True))
