"""1. Network recap (XLSX, CSV): per hub, innovations by status/category/year, replications out and
in, stories and people reached, cohorts; and every cohort with announced and recorded counts."""

from django.utils import timezone
from django.utils.translation import gettext as _

from innovations.choices import ReviewStatus
from jipp.i18n import localized
from jipp.permissions import can_report_on_network
from reports import selectors
from reports.choices import ReportKind
from reports.generators.base import ReportError, ReportSpec, register
from reports.generators.formatting import XLSX_COUNT
from reports.generators.writers import Table, write_tables


def prepare(user, params):
    # The recap covers every hub of the network: a ministry view.
    if not can_report_on_network(user):
        raise ReportError(_("Rekap jaringan hanya dapat dibuat oleh staf kementerian."))
    return {}, _("Rekap jaringan")


def build_tables(data: dict) -> list[Table]:
    """The recap as tables; the XLSX has one sheet per table, the CSV has them one after another."""
    hubs = data["hubs"]
    statuses = list(ReviewStatus)
    summary_rows = []
    for hub in hubs:
        counts = data["by_status"].get(hub.pk, {})
        story = data["stories"].get(hub.pk, {})
        cohorts = ", ".join(str(d.cohort.year) for d in hub.designations.all())
        summary_rows.append(
            [
                hub.name,
                hub.acronym,
                hub.get_kind_display(),
                hub.province.name if hub.province else "",
                cohorts,
                sum(counts.values()),
                *[counts.get(s.value, 0) for s in statuses],
                data["replications_out"].get(hub.pk, 0),
                data["replications_in"].get(hub.pk, 0),
                story.get("n", 0),
                story.get("people", 0),
            ]
        )
    summary = Table(
        _("Ringkasan per hub"),
        [
            _("Hub"),
            _("Singkatan"),
            _("Jenis"),
            _("Provinsi"),
            _("Angkatan"),
            _("Inovasi"),
            *[f"{_('Inovasi')}: {s.label}" for s in statuses],
            _("Replikasi keluar"),
            _("Replikasi masuk"),
            _("Kisah dampak"),
            _("Orang terjangkau"),
        ],
        summary_rows,
        # Every column from "Inovasi" on is a count.
        number_formats=dict.fromkeys(range(5, 5 + 1 + len(statuses) + 4), XLSX_COUNT),
    )
    names = {hub.pk: hub.name for hub in hubs}
    no_category = _("Tanpa kategori")
    category = Table(
        _("Inovasi per kategori"),
        [_("Hub"), _("Program"), _("Tahun"), _("Kategori"), _("Inovasi")],
        [
            [
                names.get(r["hub_id"], ""),
                r["category__programme"] or "",
                r["category__year"] or "",
                r["category__name"] or no_category,
                r["n"],
            ]
            for r in data["by_category"]
            if r["hub_id"] in names
        ],
        number_formats={4: XLSX_COUNT},
    )
    year = Table(
        _("Inovasi per tahun"),
        [_("Hub"), _("Tahun mulai diterapkan"), _("Inovasi")],
        [
            [names.get(r["hub_id"], ""), r["year"] or _("Tidak diketahui"), r["n"]]
            for r in data["by_year"]
            if r["hub_id"] in names
        ],
        number_formats={2: XLSX_COUNT},
    )
    cohorts = Table(
        _("Angkatan"),
        [_("Angkatan"), _("Tahun"), _("Dasar penetapan"), _("Diumumkan"), _("Tercatat")],
        [
            [
                localized(c),
                c.year,
                c.decree_number,
                c.announced_count,
                c.recorded,
            ]
            for c in data["cohorts"]
        ],
        number_formats={3: XLSX_COUNT, 4: XLSX_COUNT},
    )
    notes = Table(
        _("Keterangan"),
        [_("Keterangan")],
        [
            [_("Dibuat pada %(date)s.") % {"date": timezone.localtime().strftime("%Y-%m-%d %H:%M")}],
            [_("Replikasi keluar: replikasi dari inovasi yang dikoordinasikan hub ini.")],
            [_("Replikasi masuk: replikasi oleh hub ini atau instansi yang dibinanya.")],
            [_("Tahun: tahun inovasi mulai diterapkan.")],
            # For the ministry only: it counts every status, as its columns show.
            [_("Internal: memuat draf dan inovasi yang sedang ditinjau (lihat kolom status).")],
        ],
    )
    return [summary, category, year, cohorts, notes]


def generate(job, path, progress):
    progress(10)
    data = selectors.network_recap_data(job.requested_by)
    progress(60)
    count = write_tables(path, job.output_format, build_tables(data))
    progress(95)
    return count


def filename(job):
    return f"rekap-jaringan-{timezone.localdate():%Y-%m-%d}"


register(ReportSpec(ReportKind.NETWORK_RECAP, prepare, generate, filename))
