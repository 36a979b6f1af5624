"""Reads of the reports app: the jobs a user sees, and the figures each report is built from.

Every figure starts from `Model.objects.restrict(...)` (jipp.permissions). Whose view depends on the
report's purpose, not on who asks:

- an internal report (the network recap for the ministry, a hub's profile for its members) shows
  what its requester may see in the portal (ministry staff: everything; hub members: published
  records and their hub's drafts), and its file says it is internal;
- a public-facing report (a programme's impact report, handed to partners and the press) starts from
  `restrict(None)`, the public's view, whoever asks: a draft never reaches it.
"""

from collections import defaultdict

from django.db.models import Count, F, Max, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractYear

from hubs.models import Institution
from hubs.selectors import cohorts_with_counts, hubs_list
from innovations.models import Innovation, Replication
from jipp.permissions import can_view_job, is_ministry_staff, scope_covers
from reports.models import ReportJob, ReportSubscription
from stories.models import ImpactStory, Indicator, Measurement


def report_jobs_of(user):
    """The jobs a user requested, newest first ("Laporan saya")."""
    # The requester is read by the download rule of every downloadable row.
    return ReportJob.objects.filter(requested_by=user).select_related("requested_by").order_by("-created_at", "-pk")


def report_job_for(user, pk: int):
    """One job if the user may see it (the requester, or ministry staff), else None."""
    job = ReportJob.objects.select_related("requested_by").filter(pk=pk).first()
    if job is None:
        return None
    return job if can_view_job(user, job.requested_by_id) else None


def report_job_download_for(user, pk: int):
    """The job if `user` may download its file now, else None: rights are checked at download time.

    The requester (or staff) may, while the requester can still see everything the file was made
    with (a user who has left the hub no longer gets its drafts) and the report's own rule still
    admits them (e.g. a hub profile: members of that hub).
    """
    job = report_job_for(user, pk)
    return job if job is not None and report_job_may_download(user, job) else None


def report_job_may_download(user, job: ReportJob) -> bool:
    """The rule of report_job_download_for for a job already loaded (the job rows and the API use
    it to offer a download only when the download would be served)."""
    from reports.generators import ReportError, get_spec

    if not job.is_downloadable or not can_view_job(user, job.requested_by_id):
        return False
    if is_ministry_staff(user):
        return True
    if not scope_covers(job.requested_by, job.requester_scope or {}):
        return False
    try:
        get_spec(job.kind).prepare(job.requested_by, job.params)
    except ReportError:
        return False
    return True


def is_subscribed(user, kind: str) -> bool:
    return ReportSubscription.objects.filter(user=user, kind=kind, is_active=True).exists()


def visible_innovations(user):
    return Innovation.objects.restrict(user)


def visible_stories(user):
    return ImpactStory.objects.restrict(user)


def visible_replications(user):
    return Replication.objects.restrict(user)


def network_recap_data(user) -> dict:
    """Per-hub figures of the whole network, in a fixed number of grouped queries (no per-hub query).

    - innovations by status, by category and by year of first implementation, per coordinating hub;
    - replications out: of the hub's innovations; in: adopted by an institution of the hub's network
      (the hub itself or an institution it coaches);
    - stories and people reached, per hub;
    - the hub's cohorts, and every cohort with announced and recorded counts.
    """
    hubs = list(hubs_list().order_by("name"))
    innovations = visible_innovations(user)

    by_status = defaultdict(dict)
    for row in innovations.order_by().values("hub_id", "status").annotate(n=Count("pk")):
        by_status[row["hub_id"]][row["status"]] = row["n"]

    by_category = (
        innovations.order_by()
        .values("hub_id", "category__programme", "category__year", "category__name")
        .annotate(n=Count("pk"))
        .order_by("hub_id", "category__year", "category__name")
    )
    by_year = (
        innovations.order_by()
        .annotate(year=ExtractYear("implementation_started_on"))
        .values("hub_id", "year")
        .annotate(n=Count("pk"))
        .order_by("hub_id", "year")
    )

    replications = visible_replications(user).order_by()
    out = dict(replications.values("innovation__hub_id").annotate(n=Count("pk")).values_list("innovation__hub_id", "n"))
    into = dict(
        replications.annotate(network=Coalesce(F("adopter__coaching_hub_id"), F("adopter_id")))
        .values("network")
        .annotate(n=Count("pk"))
        .values_list("network", "n")
    )

    stories = {
        row["hub_id"]: row
        for row in visible_stories(user)
        .order_by()
        .values("hub_id")
        .annotate(n=Count("pk"), people=Coalesce(Sum("people_reached"), 0))
    }
    return {
        "hubs": hubs,
        "by_status": by_status,
        "by_category": list(by_category),
        "by_year": list(by_year),
        "replications_out": out,
        "replications_in": into,
        "stories": stories,
        "cohorts": list(cohorts_with_counts()),
    }


def _latest_measurements(indicators):
    """indicator id -> its latest Measurement, in one query."""
    latest = Measurement.objects.filter(indicator=OuterRef("indicator")).order_by("-measured_on").values("pk")[:1]
    rows = Measurement.objects.filter(indicator__in=indicators, pk=Subquery(latest)).select_related("source")
    return {m.indicator_id: m for m in rows}


def indicators_with_latest(indicators) -> list[dict]:
    """Each indicator with its latest value and the share of its target reached (None without target)."""
    indicators = list(indicators)
    latest = _latest_measurements([i.pk for i in indicators])
    result = []
    for ind in indicators:
        m = latest.get(ind.pk)
        share = None
        if m is not None and ind.target:
            share = round(float(m.value) / float(ind.target) * 100, 1)
        result.append({"indicator": ind, "latest": m, "share": share})
    return result


def hub_profile_data(user, hub_id: int) -> dict | None:
    """A hub with its designations, visible innovations, replications out and in, and impact figures."""
    hub = hubs_list().select_related("regency").filter(pk=hub_id).first()
    if hub is None:
        return None
    network = Institution.objects.filter(coaching_hub_id=hub_id).values("pk")
    innovations = (
        visible_innovations(user)
        .filter(hub_id=hub_id)
        .select_related("institution", "category")
        .order_by("title", "pk")
    )
    status_counts = dict(innovations.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n"))
    replications = visible_replications(user).select_related("innovation", "adopter", "facilitating_hub")
    out = replications.filter(innovation__hub_id=hub_id).order_by("-committed_on", "pk")
    into = (replications.filter(adopter__in=network) | replications.filter(adopter_id=hub_id)).order_by(
        "-committed_on", "pk"
    )
    stories = visible_stories(user).filter(hub_id=hub_id)
    story_totals = stories.aggregate(n=Count("pk"), people=Coalesce(Sum("people_reached"), 0))
    indicators = Indicator.objects.filter(programme__hub_id=hub_id).select_related("programme").order_by("pk")
    return {
        "hub": hub,
        "innovations": innovations,
        "innovation_total": sum(status_counts.values()),
        "status_counts": status_counts,
        "replications_out": out,
        "replications_in": into,
        "story_total": story_totals["n"],
        "people_reached": story_totals["people"],
        "indicators": indicators_with_latest(indicators),
    }


def innovation_profile_data(innovation_id: int):
    innovation = (
        Innovation.objects.select_related("institution", "hub", "category", "province", "regency")
        .prefetch_related("sdg_links__sdg", "awards")
        .filter(pk=innovation_id)
        .first()
    )
    if innovation is None:
        return None
    replications = innovation.replications.select_related("adopter").order_by("-committed_on", "pk")
    return {
        "innovation": innovation,
        "replications": replications,
        "replication_total": replications.count(),
        "indicators": indicators_with_latest(innovation.indicators.order_by("pk")),
    }


def tpbis_impact_data(programme) -> dict:
    """A programme's indicators against their targets, and the totals of its published stories.

    Public-facing: the figures and the story list are the public's (`restrict(None)`), so a staff
    member's copy says the same as anyone's and no draft or submitted story is counted or named.
    """
    stories = visible_stories(None).filter(programme=programme)
    totals = stories.aggregate(n=Count("pk"), people=Coalesce(Sum("people_reached"), 0), last=Max("story_date"))
    by_activity = list(
        stories.order_by()
        .values("activity_type__name", "activity_type__name_en")
        .annotate(n=Count("pk"), people=Coalesce(Sum("people_reached"), 0))
        .order_by("-people", "activity_type__name")
    )
    by_level = list(
        stories.order_by()
        .values("library_level")
        .annotate(n=Count("pk"), people=Sum("people_reached"))
        .order_by("library_level")
    )
    by_province = list(
        stories.order_by()
        .values("province__name")
        .annotate(n=Count("pk"), people=Sum("people_reached"))
        .order_by("-people", "province__name")
    )
    recent = stories.select_related("province", "regency", "activity_type").order_by("-story_date", "pk")[:20]
    return {
        "programme": programme,
        "indicators": indicators_with_latest(programme.indicators.order_by("pk")),
        "story_total": totals["n"],
        "people_reached": totals["people"],
        "last_story_date": totals["last"],
        "by_activity": by_activity,
        "by_level": by_level,
        "by_province": by_province,
        "recent": list(recent),
    }
