"""Reads of innovations and replications, shared by the pages and the API.

Visibility is decided by jipp.permissions (`Model.objects.restrict(user)`); these functions only
add the joins and prefetches each page needs, so that a page costs a fixed number of queries.
"""

import datetime

from django.db.models import BooleanField, Case, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from hubs.models import Institution
from hubs.selectors import hub_network
from innovations.choices import ReviewStatus
from innovations.models import ASPECT_FIELDS, Innovation, InnovationSDG, Replication, ReviewEvent
from jipp import cache

# A published innovation not verified for this long shows the "not verified in 12 months" badge.
VERIFICATION_MAX_AGE = datetime.timedelta(days=365)


def stale_verification_q() -> Q:
    """Published innovations whose last verification is older than VERIFICATION_MAX_AGE.

    Never verified, the publication counts as the last check: a just-published innovation was
    checked by its reviewer. A published innovation with neither date (older imports) counts as
    stale, since nothing says when anyone last looked. Drafts and submissions are never stale: they
    are not yet on the public record. The lists' badge and the benchmark's count both use this Q.
    """
    cutoff = timezone.localdate() - VERIFICATION_MAX_AGE
    never_verified = Q(last_verified_on__isnull=True) & (
        Q(published_at__isnull=True) | Q(published_at__date__lt=cutoff)
    )
    return Q(status=ReviewStatus.PUBLISHED) & (Q(last_verified_on__lt=cutoff) | never_verified)


def _with_staleness(qs: QuerySet) -> QuerySet:
    return qs.annotate(
        verification_stale=Case(
            When(stale_verification_q(), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def innovations_visible_to(user) -> QuerySet[Innovation]:
    """Innovations the user may see: published ones; also their hubs' drafts; everything for staff.

    Annotated with `verification_stale` and joined to what a list row shows.
    """
    qs = Innovation.objects.restrict(user).select_related("institution", "hub", "category", "province", "regency")
    return _with_staleness(qs)


def innovation_for_detail(*, slug: str, user) -> Innovation | None:
    """One innovation the user may see, with everything its page shows prefetched; None if hidden."""
    return (
        innovations_visible_to(user)
        .filter(slug=slug)
        .prefetch_related(
            Prefetch("sdg_links", queryset=InnovationSDG.objects.select_related("sdg")),
            "attachments",
            "awards",
            Prefetch(
                "replications",
                queryset=Replication.objects.restrict(user)
                .select_related("adopter", "facilitating_hub")
                .prefetch_related("evidence"),
            ),
            Prefetch("review_events", queryset=ReviewEvent.objects.select_related("actor").order_by("created_at")),
        )
        .first()
    )


def replications_visible_to(user) -> QuerySet[Replication]:
    """Replications of published innovations, plus those of the user's hubs; all for staff."""
    return (
        Replication.objects.restrict(user)
        .select_related("innovation", "innovation__institution", "innovation__hub", "adopter", "facilitating_hub")
        # A replication row shows its innovation's title, never its eight long aspects.
        .defer(*(f"innovation__{name}" for name in ASPECT_FIELDS))
    )


# A hub's page shows this many of the latest replications each way, and the totals.
HUB_REPLICATIONS_SHOWN = 20


def hub_replications(*, hub: Institution, user, limit: int = HUB_REPLICATIONS_SHOWN) -> dict:
    """The replications a hub's page shows: the latest `limit` each way and the totals.

    "outgoing": replications of innovations owned by an institution of the hub's network;
    "incoming": replications adopted by an institution of the hub's network.
    A replication inside one network appears in both lists. Two queries per list; the totals come from
    the cache (jipp.cache: recounted after the next committed write of content), since a hub of a
    national network has thousands of replications, which no page should render or count at every request.
    """
    network = hub_network(hub.pk)
    base = replications_visible_to(user).order_by("-committed_on", "pk")
    lists = {}
    for kind, condition in (("outgoing", Q(innovation__institution__in=network)), ("incoming", Q(adopter__in=network))):
        qs = base.filter(condition)
        # The latest ids first (a narrow sort), then those rows with their joins: sorting a thousand
        # joined rows to keep twenty cost more than both queries together.
        ids = list(qs.values_list("pk", flat=True)[:limit])
        rows = {row.pk: row for row in base.filter(pk__in=ids)} if ids else {}
        lists[kind] = [rows[pk] for pk in ids]
        lists[f"{kind}_total"] = cache.cached_count(qs.select_related(None).defer(None))
    return lists
