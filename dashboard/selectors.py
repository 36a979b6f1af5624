"""The ministry dashboard: network figures, cross-hub benchmarking and the province map.

Everything here is a read (a selector in the house style). The figures are computed in a fixed
number of queries, whatever the number of rows, and cached with jipp.cache: under the content
generation, which every committed write of a content row moves, so the next request after a write
computes fresh figures, whichever service, import, admin page or seed command wrote.
"""

import datetime
import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from django.conf import settings
from django.db.models import Case, Count, Exists, Max, OuterRef, Q, QuerySet, Sum, Value, When
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from hubs.models import HubDesignation, Institution, Province
from jipp import cache, permissions

# How many hubs the "innovations per hub" chart shows (the benchmarking table shows all of them).
TOP_HUBS = 15

MAP_GEOJSON = Path(settings.BASE_DIR) / "static" / "data" / "idn-map" / "provinces.geojson"


def _cached(name: str, compute):
    return cache.cached(f"dashboard:{name}", compute)


def shows_full_dashboard(user) -> bool:
    """Staff see every status; everyone else sees published figures only."""
    return permissions.can_view_full_dashboard(user)


# --- Figures --------------------------------------------------------------------------------


# The public figures are what the public may see (`restrict(None)`), whoever is looking; the full
# ones, for staff, count every record.


def _counted(model, full: bool) -> QuerySet:
    qs = model.objects.order_by()
    return qs if full else qs.restrict(None)


def _innovations(full: bool):
    from innovations.models import Innovation

    return _counted(Innovation, full)


def _replications(full: bool):
    from innovations.models import Replication

    return _counted(Replication, full)


def _stories(full: bool):
    from stories.models import ImpactStory

    return _counted(ImpactStory, full)


def _hubs() -> QuerySet[Institution]:
    return Institution.objects.filter(Exists(HubDesignation.objects.filter(institution=OuterRef("pk"))))


def _compute_figures(full: bool) -> dict:
    """Plain data (ids, codes, numbers): labels are added at render time, in the request's language."""
    from hubs.selectors import cohorts_with_counts, hub_counts_by_kind
    from innovations.models import SDG, Category

    cohorts = [
        {
            "year": c.year,
            "name": c.name,
            "name_en": c.name_en,
            "decree_number": c.decree_number,
            "announced_on": c.announced_on,
            "announced_count": c.announced_count,
            "recorded": c.recorded,
        }
        for c in cohorts_with_counts()
    ]
    innovations = _innovations(full)
    by_status = dict(innovations.values("status").annotate(n=Count("pk")).values_list("status", "n"))
    by_stage = dict(_replications(full).values("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    stories = _stories(full).aggregate(n=Count("pk"), people=Sum("people_reached"))

    per_hub = list(
        innovations.filter(hub__isnull=False)
        .values("hub_id", "hub__name", "hub__acronym", "hub__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "hub__name")[:TOP_HUBS]
    )
    per_category = dict(
        innovations.filter(category__isnull=False)
        .values("category_id")
        .annotate(n=Count("pk"))
        .values_list("category_id", "n")
    )
    categories = [
        {"id": c.pk, "name": c.name, "name_en": c.name_en, "year": c.year, "n": per_category[c.pk]}
        for c in Category.objects.filter(pk__in=per_category).order_by("year", "name")
    ]
    per_year = list(
        innovations.filter(implementation_started_on__isnull=False)
        .annotate(y=ExtractYear("implementation_started_on"))
        .values("y")
        .annotate(n=Count("pk"))
        .order_by("y")
        .values_list("y", "n")
    )
    # Links to the innovations counted above (the one visibility rule), not a restated status.
    sdg_filter = Q() if full else Q(innovation_links__innovation__in=innovations.values("pk"))
    sdgs = [
        {"id": s.pk, "number": s.number, "name": s.name, "name_en": s.name_en, "n": s.n}
        for s in SDG.objects.annotate(n=Count("innovation_links", filter=sdg_filter)).order_by("number")
    ]
    return {
        "cohorts": cohorts,
        "hubs_by_kind": [(row["kind"], row["n"]) for row in hub_counts_by_kind()],
        "innovations_by_status": by_status,
        "replications_by_stage": by_stage,
        "stories": stories["n"] or 0,
        "people_reached": stories["people"] or 0,
        "per_hub": per_hub,
        "per_category": categories,
        "per_year": per_year,
        "sdgs": sdgs,
        "provinces": _compute_provinces(),
    }


def _compute_provinces() -> list[dict]:
    """Per province: hubs and published innovations (the map is public: published figures only)."""
    hubs = dict(
        _hubs().filter(province__isnull=False).values("province").annotate(n=Count("pk")).values_list("province", "n")
    )
    innovations = dict(
        _innovations(False)
        .filter(province__isnull=False)
        .values("province")
        .annotate(n=Count("pk"))
        .values_list("province", "n")
    )
    return [
        {"code": code, "name": name, "hubs": hubs.get(code, 0), "innovations": innovations.get(code, 0)}
        for code, name in Province.objects.order_by("code").values_list("code", "name")
    ]


def dashboard_figures(user) -> dict:
    """The dashboard's figures for this user (full for staff, published-only otherwise), cached."""
    full = shows_full_dashboard(user)
    return _cached("full" if full else "public", lambda: _compute_figures(full))


# --- Benchmarking ---------------------------------------------------------------------------

# sort key -> the BenchmarkRow field ordered on; the page and the export share it.
BENCHMARK_SORTS = {
    "name": "name",
    "submitted": "submitted",
    "published": "published",
    "outgoing": "outgoing",
    "incoming": "incoming",
    "unverified": "unverified",
    "stories": "stories",
    "activity": "activity",
}


@dataclass
class BenchmarkRow:
    pk: int
    name: str
    acronym: str
    slug: str
    province: str
    submitted: int | None
    published: int
    outgoing: int
    incoming: int
    unverified: int
    stories: int
    activity: datetime.datetime | None


def _grouped(qs, *keys: str, **aggregates) -> list[dict]:
    return list(qs.order_by().values(*keys).annotate(**aggregates))


def _latest(*dates):
    dates = [d for d in dates if d is not None]
    return max(dates) if dates else None


def _compute_benchmark(full: bool) -> list[BenchmarkRow]:
    """Every hub with its benchmarking figures, by name.

    - submitted: innovations of the hub ever submitted, whatever happened next (in review, sent back,
      published, rejected; innovations.filtersets EVER_SUBMITTED); staff only, None in the public version;
    - published: innovations of the hub published now;
    - outgoing / incoming: replications of innovations from / adopted by the hub's network (the hub
      and the institutions it coaches), as on the hub's page; public: those the public may see;
    - unverified: published innovations whose last check is older than 12 months
      (innovations.selectors.stale_verification_q, the rule of the list's "not verified" badge);
    - stories: impact stories of the hub (published only in the public version);
    - activity: the latest change to its innovations, stories and replications.

    One grouped query per kind of record, whatever the number of hubs: a count per hub as a
    correlated subquery read every story of the country once per hub (the TPBIS stories all belong
    to one hub, so no index helps the others), 15 s for the table at national scale. A replication
    counts for the institution that owns (or adopts) it and for that institution's coaching hub.
    """
    from innovations.choices import ReviewStatus
    from innovations.filtersets.innovation import EVER_SUBMITTED
    from innovations.selectors.innovation import stale_verification_q

    published = Q(status=ReviewStatus.PUBLISHED)
    innovation_figures = {
        "published": Count("pk", filter=published),
        "unverified": Count("pk", filter=published & stale_verification_q()),
        "last": Max("updated_at") if full else Max("updated_at", filter=published),
    }
    if full:
        # By status, not by submitted_at: imported rows may lack the date, and the list filter that the
        # figure links to (?submission=ever) must select the same rows.
        innovation_figures["submitted"] = Count("pk", filter=Q(status__in=EVER_SUBMITTED))
    # The public version's innovations: every published one (the public may see those), counted from
    # all rows so that the full and the public tables share one query shape.
    innovations = {r["hub"]: r for r in _grouped(_innovations(True), "hub", **innovation_figures)}
    stories = {r["hub"]: r for r in _grouped(_stories(full), "hub", n=Count("pk"), last=Max("updated_at"))}

    def by_network(owner: str) -> dict[int, dict]:
        totals: dict[int, dict] = {}
        rows = _grouped(_replications(full), owner, f"{owner}__coaching_hub", n=Count("pk"), last=Max("updated_at"))
        for row in rows:
            for hub_id in {row[owner], row[f"{owner}__coaching_hub"]} - {None}:
                total = totals.setdefault(hub_id, {"n": 0, "last": None})
                total["n"] += row["n"]
                total["last"] = _latest(total["last"], row["last"])
        return totals

    outgoing, incoming = by_network("innovation__institution"), by_network("adopter")
    empty = {"n": 0, "last": None, "published": 0, "unverified": 0, "submitted": 0}
    rows = []
    for hub in _hubs().select_related("province").order_by("name"):
        inn, story = innovations.get(hub.pk, empty), stories.get(hub.pk, empty)
        out, into = outgoing.get(hub.pk, empty), incoming.get(hub.pk, empty)
        rows.append(
            BenchmarkRow(
                pk=hub.pk,
                name=hub.name,
                acronym=hub.acronym,
                slug=hub.slug,
                province=hub.province.name if hub.province else "",
                submitted=inn["submitted"] if full else None,
                published=inn["published"],
                outgoing=out["n"],
                incoming=into["n"],
                unverified=inn["unverified"],
                stories=story["n"],
                activity=_latest(inn["last"], story["last"], out["last"], into["last"]),
            )
        )
    return rows


def _sorted(rows: list[BenchmarkRow], sort: str, full: bool) -> list[BenchmarkRow]:
    """`sort` is a key of BENCHMARK_SORTS, "-" in front for descending; unknown keys sort by name.
    Ties keep the order by name (a stable sort); a hub without any activity counts as the oldest."""
    desc = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in BENCHMARK_SORTS or (key == "submitted" and not full) or sort == "name":
        return rows
    field = BENCHMARK_SORTS[key]
    return sorted(rows, key=lambda r: (getattr(r, field) is not None, getattr(r, field) or 0), reverse=desc)


def benchmark_rows(user, sort: str = "name") -> list[BenchmarkRow]:
    """The benchmarking table for this user (staff: every status), sorted; the figures are cached
    once per version (full or public) and sorted per request."""
    full = shows_full_dashboard(user)
    rows = _cached(f"benchmark:{'full' if full else 'public'}", lambda: _compute_benchmark(full))
    return _sorted(rows, sort, full)


# --- Map ------------------------------------------------------------------------------------

# Equirectangular projection of Indonesia's extent (lon 94.9..141.1, lat -11.1..6.1); at the
# equator a degree of longitude and of latitude have nearly the same length.
_LON0, _LON1, _LAT0, _LAT1 = 94.9, 141.1, -11.1, 6.1
MAP_WIDTH = 1000
_SCALE = MAP_WIDTH / (_LON1 - _LON0)
MAP_HEIGHT = round((_LAT1 - _LAT0) * _SCALE)
# Points closer than this (in SVG units) to the previous kept point are dropped.
_MIN_STEP = 1.5


def _project(lon: float, lat: float) -> tuple[float, float]:
    return round((lon - _LON0) * _SCALE), round((_LAT1 - lat) * _SCALE)


def _ring_path(ring) -> str:
    points = []
    for lon, lat in ring:
        x, y = _project(lon, lat)
        if points and abs(x - points[-1][0]) < _MIN_STEP and abs(y - points[-1][1]) < _MIN_STEP:
            continue
        points.append((x, y))
    if len(points) < 3:
        return ""
    return "M" + "L".join(f"{x} {y}" for x, y in points) + "Z"


@lru_cache(maxsize=1)
def province_paths() -> dict[str, str]:
    """{province code: SVG path data} projected once per process from the vendored GeoJSON."""
    with MAP_GEOJSON.open(encoding="utf-8") as fh:
        data = json.load(fh)
    paths = {}
    for feature in data["features"]:
        geom = feature["geometry"]
        polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        d = "".join(_ring_path(ring) for polygon in polygons for ring in polygon)
        paths[feature["properties"]["code"]] = d
    return paths


# Five classes of published innovations per province; class 0 is "none".
MAP_CLASSES = [(0, 0), (1, 1), (2, 4), (5, 9), (10, None)]


def map_class(n: int) -> int:
    for i, (low, high) in enumerate(MAP_CLASSES):
        if n >= low and (high is None or n <= high):
            return i
    return 0


def province_map(figures: dict) -> list[dict]:
    """The map's provinces: code, name, counts, choropleth class and SVG path."""
    paths = province_paths()
    return [{**p, "cls": map_class(p["innovations"]), "path": paths.get(p["code"], "")} for p in figures["provinces"]]


# --- Export through the reporting jobs ------------------------------------------------------


def _benchmark_export_queryset(user, filters):
    """The page's hubs in the page's order (the same rows, the same sort parameter)."""
    order = [row.pk for row in benchmark_rows(user, filters.get("sort") or "name")]
    position = Case(*[When(pk=pk, then=Value(i)) for i, pk in enumerate(order)], default=Value(len(order)))
    return _hubs().order_by(position, "name")


def _benchmark_export_rows(user) -> dict[int, BenchmarkRow]:
    return {row.pk: row for row in benchmark_rows(user)}


def register_benchmark_export() -> None:
    """Register the "benchmark" list with the reports app's list exports (CSV / XLSX)."""
    from django.utils.translation import gettext_lazy as _

    from dataio.exports import Column, ExportSpec, register_export

    def figure(name):
        return lambda hub, rows: getattr(rows[hub.pk], name)

    def activity(hub, rows):
        value = rows[hub.pk].activity
        return timezone.localtime(value).date() if value else None

    def submitted(hub, rows):
        value = rows[hub.pk].submitted
        return "" if value is None else value

    register_export(
        ExportSpec(
            name="benchmark",
            label=_("Perbandingan antarhub"),
            queryset=_benchmark_export_queryset,
            row_context=_benchmark_export_rows,
            columns=[
                Column(_("Hub"), figure("name")),
                Column(_("Singkatan"), figure("acronym")),
                Column(_("Provinsi"), figure("province")),
                Column(_("Inovasi pernah diajukan"), submitted),
                Column(_("Inovasi terbit"), figure("published")),
                Column(_("Replikasi keluar"), figure("outgoing")),
                Column(_("Replikasi masuk"), figure("incoming")),
                Column(_("Terbit, belum diverifikasi 12 bulan"), figure("unverified")),
                Column(_("Kisah dampak"), figure("stories")),
                Column(_("Aktivitas terakhir"), activity),
            ],
        )
    )


# --- A hub's page ---------------------------------------------------------------------------

# A hub's page lists this many of its latest innovations and stories (the lists it links to hold all).
HUB_LATEST_SHOWN = 5


class HubPage:
    """What a hub's page shows beside its designations, as `user` may see it.

    Every part starts from the visibility selectors (innovations_visible_to, stories_visible_to,
    hub_replications), so an anonymous visitor counts and sees published records only, a member of
    the hub also its drafts, staff everything. Each part is read when the template first reads it
    (cached_property): a page served from the public cache runs none of these queries. A fixed
    number of queries whatever the number of rows: one per part.
    """

    def __init__(self, *, hub, user):
        self.hub, self.user = hub, user

    def _innovations(self):
        from innovations.selectors.innovation import innovations_visible_to

        return innovations_visible_to(self.user).filter(hub=self.hub)

    def _stories(self):
        from stories.selectors import stories_visible_to

        return stories_visible_to(self.user).filter(hub=self.hub)

    @cached_property
    def innovations_by_status(self) -> dict[str, int]:
        rows = self._innovations().order_by().values("status").annotate(n=Count("pk")).values_list("status", "n")
        return dict(rows)

    @cached_property
    def latest_innovations(self) -> list:
        from innovations.models import ASPECT_FIELDS

        # A list row shows the title, never the eight long aspects.
        qs = self._innovations().defer(*ASPECT_FIELDS).order_by("-updated_at", "pk")
        return list(qs[:HUB_LATEST_SHOWN])

    @cached_property
    def story_figures(self) -> dict:
        agg = self._stories().order_by().aggregate(n=Count("pk"), people=Sum("people_reached"))
        return {"stories": agg["n"] or 0, "people_reached": agg["people"]}

    @cached_property
    def latest_stories(self) -> list:
        from stories.privacy import stories_public

        # Through the privacy layer: a beneficiary's name only with consent, or for the hub and staff.
        rows = self._stories().order_by("-story_date", "pk")[:HUB_LATEST_SHOWN]
        return stories_public(rows, self.user)

    @cached_property
    def replications(self) -> dict:
        from innovations.selectors.innovation import hub_replications

        return hub_replications(hub=self.hub, user=self.user)

    @property
    def sees_member_names(self) -> bool:
        """Who belongs to a hub is personal data: names for those who manage its memberships (the
        hub's admins, ministry staff, as the membership API allows), a count by role for everyone else."""
        return permissions.can_manage_hub(self.user, self.hub.pk)

    @cached_property
    def members(self) -> list:
        from hubs.models import HubMembership

        if not self.sees_member_names:
            return []
        return list(
            HubMembership.objects.filter(hub=self.hub).select_related("user").order_by("role", "user__username")
        )

    @cached_property
    def members_by_role(self) -> dict[str, int]:
        from hubs.models import HubMembership

        if self.sees_member_names:
            counts: dict[str, int] = {}
            for m in self.members:
                counts[m.role] = counts.get(m.role, 0) + 1
            return counts
        rows = HubMembership.objects.filter(hub=self.hub).order_by().values("role").annotate(n=Count("pk"))
        return {r["role"]: r["n"] for r in rows}


def hub_page(*, hub, user) -> HubPage:
    """The figures, latest records, replications and people of a hub's page, as `user` may see them."""
    return HubPage(hub=hub, user=user)


# --- A user's work in progress ---------------------------------------------------------------------

# What happens next to a record in each status that is not yet (or no longer) on the public record.
NEXT_STEPS = {
    "draft": _lazy("Lengkapi isiannya, lalu admin hub mengajukannya untuk ditinjau."),
    "revision_requested": _lazy("Perbaiki sesuai komentar peninjau, lalu ajukan lagi."),
    "submitted": _lazy("Menunggu staf kementerian memulai tinjauan."),
    "in_review": _lazy("Sedang ditinjau staf kementerian; hasilnya tampil di sini."),
    "rejected": _lazy("Ditolak; alasan ada di riwayat tinjauan. Buat draf baru bila perlu."),
}
WORK_SHOWN = 100


@dataclass(frozen=True)
class WorkItem:
    kind: str  # "innovation" or "story"
    record: object
    next_step: str


def work_in_progress(user, limit: int = WORK_SHOWN) -> list[WorkItem]:
    """The innovations and stories of the user's hubs (or that they started) not yet published, the
    latest change first, each with what happens next: "Kiriman saya". One query per kind."""
    from innovations.choices import ReviewStatus
    from innovations.models import Innovation
    from stories.models import ImpactStory

    mine = Q(hub__in=permissions.member_hub_ids(user)) | Q(created_by=user.pk)
    items = []
    for kind, model in (("innovation", Innovation), ("story", ImpactStory)):
        rows = (
            model.objects.restrict(user)
            .filter(mine)
            .exclude(status=ReviewStatus.PUBLISHED)
            .select_related("hub")
            .only("pk", "slug", "title", "status", "updated_at", "submitted_at", "hub__name", "hub__acronym")
            .order_by("-updated_at", "-pk")[:limit]
        )
        items += [WorkItem(kind, row, str(NEXT_STEPS.get(row.status, ""))) for row in rows]
    items.sort(key=lambda item: item.record.updated_at, reverse=True)
    return items[:limit]
