"""Turns the dashboard's cached figures (plain data) into what the templates show, in the request's language.

Kept apart from hubs/dashboard.py because the figures are cached once for every language while the
labels, links and chart data are built per request (cheap: no query).
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from dashboard.selectors import MAP_CLASSES, MAP_HEIGHT, MAP_WIDTH, province_map
from hubs.choices import InstitutionKind
from jipp.i18n import localized


def _innovation_list(**params) -> str:
    return reverse("innovations:innovation_list") + ("?" + urlencode(params) if params else "")


@dataclass
class Chart:
    """A chart with its caption and the table that carries the same numbers (label, value, link)."""

    id: str
    title: str
    caption: str
    kind: str  # "bar" | "hbar" (static/js/charts.js)
    label_header: str
    value_header: str
    rows: list = field(default_factory=list)  # (label, value, url or "")
    short_labels: list | None = None  # what the bars are labelled with, when shorter than the table's
    lines: int = 2  # at most this many lines of a bar's label (the tooltip and the table give it whole)

    @property
    def data_id(self) -> str:
        return f"{self.id}-data"

    @property
    def data(self) -> dict:
        full = [str(r[0]) for r in self.rows]
        return {
            "kind": self.kind,
            "label": self.value_header,
            "lines": self.lines,
            "labels": self.short_labels or full,
            "fullLabels": full,
            "values": [r[1] for r in self.rows],
        }


# The home page charts only what has several rows; each chart's title is the question it answers.
# How many hubs the home page charts (the benchmarking page lists every hub).
HOME_TOP_HUBS = 10


# Most hubs are named "Pemerintah Provinsi …": on a bar, the province is what tells them apart.
_PROVINCE_GOVERNMENT = "Pemerintah Provinsi "


def _short_hub_name(row: dict) -> str:
    name = row["hub__acronym"] or row["hub__name"]
    return "Prov. " + name[len(_PROVINCE_GOVERNMENT) :] if name.startswith(_PROVINCE_GOVERNMENT) else name


def _cohort_chart(cohorts: list[dict]) -> Chart:
    return Chart(
        "chart-cohorts",
        _("Kapan hub ditetapkan?"),
        _("Hub tercatat per angkatan; tabel: dasar penetapan dan jumlah yang diumumkan."),
        "hbar",
        _("Angkatan"),
        _("Hub tercatat"),
        [(localized(c), c["recorded"], reverse("hubs:hub_list") + f"?year={c['year']}") for c in cohorts],
    )


def _charts(figures: dict, *, full: bool) -> list[Chart]:
    # Public figures count published innovations only (dashboard.selectors._counted); staff see every
    # status, and the titles say which.
    value = _("Inovasi (semua status)") if full else _("Inovasi terbit")
    per_hub = figures["per_hub"][:HOME_TOP_HUBS]
    sdgs = sorted(figures["sdgs"], key=lambda s: (-s["n"], s["number"]))
    return [
        Chart(
            "chart-per-hub",
            _("Hub mana yang membina inovasi terbanyak?"),
            _("%(n)s hub teratas menurut inovasi yang dibinanya; semua hub: halaman perbandingan.")
            % {"n": len(per_hub)},
            "hbar",
            _("Hub"),
            value,
            [(r["hub__acronym"] or r["hub__name"], r["n"], _innovation_list(hub=r["hub_id"])) for r in per_hub],
            short_labels=[_short_hub_name(r) for r in per_hub],
        ),
        Chart(
            "chart-per-year",
            _("Sejak kapan inovasi diterapkan?"),
            _("Jumlah inovasi menurut tahun mulai diterapkan."),
            "bar",
            _("Tahun"),
            value,
            # The year as text: a label, never a number to group ("2025", not "2.025").
            [(str(y), n, _innovation_list(year=y)) for y, n in figures["per_year"]],
        ),
        Chart(
            "chart-sdg",
            _("Tujuan TPB/SDG mana yang paling sering disasar?"),
            _("Inovasi per Tujuan Pembangunan Berkelanjutan, terbanyak lebih dulu."),
            "hbar",
            _("TPB/SDG"),
            value,
            [(f"{s['number']}. {localized(s)}", s["n"], _innovation_list(sdg=s["id"]) if s["n"] else "") for s in sdgs],
            lines=1,  # 17 goals: one line each, the number first
        ),
    ]


def _category_rows(figures: dict) -> list:
    # Categories change every year (22 rows): a table, not a chart.
    return [(c["year"], localized(c), c["n"], _innovation_list(category=c["id"])) for c in figures["per_category"]]


def home(figures: dict, *, full: bool) -> dict:
    """The context of the home page (see templates/hubs/home.html and _dashboard*.html)."""
    from innovations.choices import ReplicationStage, ReviewStatus

    kinds = dict(InstitutionKind.choices)
    status_labels = dict(ReviewStatus.choices)
    # The recap counts current statuses: "submitted" now means waiting for a reviewer, which the word
    # "Diajukan" alone did not say (the benchmarking table's "ever submitted" is a running total).
    status_labels[ReviewStatus.SUBMITTED] = _("Menunggu tinjauan")
    by_status = figures["innovations_by_status"]
    statuses = ReviewStatus.values if full else [ReviewStatus.PUBLISHED]
    cohorts = figures["cohorts"]
    return {
        "full_dashboard": full,
        "cohorts": cohorts,
        # Hubs, not designations: a hub designated again in a later cohort is one hub.
        "hub_total": sum(n for _kind, n in figures["hubs_by_kind"]),
        "announced_total": sum(c["announced_count"] or 0 for c in cohorts),
        "by_kind": [(kinds.get(kind, kind), n) for kind, n in figures["hubs_by_kind"]],
        "innovation_total": sum(by_status.get(s, 0) for s in statuses),
        "innovations_by_status": [
            (status_labels[s], by_status.get(s, 0), _innovation_list(status=s) if full else _innovation_list())
            for s in statuses
        ],
        "replication_total": sum(figures["replications_by_stage"].values()),
        "replications_by_stage": [
            (label, figures["replications_by_stage"].get(value, 0)) for value, label in ReplicationStage.choices
        ],
        "story_total": figures["stories"],
        "people_reached": figures["people_reached"],
        "cohort_chart": _cohort_chart(cohorts),
        "charts": _charts(figures, full=full),
        "category_rows": _category_rows(figures),
        "map_provinces": province_map(figures),
        "map_width": MAP_WIDTH,
        "map_height": MAP_HEIGHT,
        "map_legend": [(i, low, high) for i, (low, high) in enumerate(MAP_CLASSES)],
    }


@dataclass
class Column:
    key: str
    label: str
    numeric: bool
    url: str  # the link that sorts by this column (toggling the direction when it is the current one)
    aria_sort: str  # "ascending" | "descending" | "none"


def benchmark_columns(sort: str, *, full: bool) -> list[Column]:
    labels = [
        ("name", _("Hub"), False),
        # "Ever submitted", a running total: the status "submitted" now is "awaiting review" elsewhere.
        ("submitted", _("Inovasi pernah diajukan"), True),
        ("published", _("Inovasi terbit"), True),
        ("outgoing", _("Replikasi keluar"), True),
        ("incoming", _("Replikasi masuk"), True),
        ("unverified", _("Terbit, belum diverifikasi 12 bulan"), True),
        ("stories", _("Kisah dampak"), True),
        ("activity", _("Aktivitas terakhir"), True),
    ]
    current, desc = sort.lstrip("-"), sort.startswith("-")
    base = reverse("hubs:benchmark")
    columns = []
    for key, label, numeric in labels:
        if key == "submitted" and not full:
            continue
        if key == current:
            aria, target = ("descending" if desc else "ascending"), (key if desc else f"-{key}")
        else:
            # Numbers sort largest first on the first click; names A to Z.
            aria, target = "none", (f"-{key}" if numeric else key)
        columns.append(Column(key, label, numeric, f"{base}?{urlencode({'sort': target})}", aria))
    return columns


def _list(name: str, **params) -> str:
    return reverse(name) + "?" + urlencode(params)


def hub_figures(page) -> dict:
    """The key figures of a hub's page (dashboard.selectors.HubPage), labelled, each with the list it
    counts: /innovations/?hub=…&status=…, /stories/?hub=…, the replication lists of the page."""
    from innovations.choices import ReviewStatus
    from jipp.choices import MembershipRole

    hub = page.hub
    labels = dict(ReviewStatus.choices)
    # As in the network recap: the current status "submitted" is waiting for a reviewer.
    labels[ReviewStatus.SUBMITTED] = _("Menunggu tinjauan")
    by_status = page.innovations_by_status
    stories = page.story_figures
    roles = page.members_by_role
    return {
        "innovation_total": sum(by_status.values()),
        "innovation_url": _innovation_list(hub=hub.pk),
        "innovations_by_status": [
            (labels[s], by_status[s], _innovation_list(hub=hub.pk, status=s))
            for s in ReviewStatus.values
            if by_status.get(s)
        ],
        "story_total": stories["stories"],
        "people_reached": stories["people_reached"],
        "story_url": _list("stories:story_list", hub=hub.pk),
        "replications_out": page.replications["outgoing_total"],
        "replications_in": page.replications["incoming_total"],
        "members_by_role": [(label, roles.get(value, 0)) for value, label in MembershipRole.choices],
        "member_total": sum(roles.values()),
    }
