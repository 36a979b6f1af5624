"""The global search: one query text, every kind of record, grouped by kind (as NetBox's global search).

Each group is the kind's own list, filtered by its own FilterSet with the same `q`, so a group's count
is exactly what its "see all" link shows, and the visibility rule is the list's: every group starts
from `Model.objects.restrict(user, "view")` (through the apps' selectors). Stories are shown through
their public representation (stories.privacy) and searched by the story FilterSet, which never looks
at a beneficiary's name. Two queries per group (the count and the first rows), plus those the
FilterSets read themselves (the institutions a text names, the years of the hub and story filters).

Cost at national scale (100,000 innovations, 200,000 stories, PostgreSQL, cold): 0.4 s for a rare
word or a hub's name, up to 1.7 s for a word in most innovations ("layanan"): the story text search
(icontains over seven columns) and ranking every matching innovation dominate, as on their lists.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from hubs.filtersets import HubFilterSet
from hubs.selectors import hubs_list
from innovations.filtersets.innovation import SEARCH_MAX_LENGTH, InnovationFilterSet, ReplicationFilterSet
from innovations.models import ASPECT_FIELDS
from innovations.selectors.innovation import innovations_visible_to, replications_visible_to
from jipp import cache
from stories.filtersets import ImpactStoryFilterSet
from stories.privacy import stories_public
from stories.selectors import stories_visible_to

# How many rows each group shows; "see all" leads to the kind's list for the rest.
GROUP_SHOWN = 5


@dataclass
class SearchGroup:
    """One kind of record in the results: its rows (the first GROUP_SHOWN), how many match in all,
    and the address of its own list filtered by the same text."""

    kind: str
    label: str
    total: int
    rows: list = field(default_factory=list)
    list_url: str = ""


def _group(kind, label, filterset_class, queryset, q, url_name, request, as_shown=None) -> SearchGroup:
    qs = filterset_class({"q": q}, queryset=queryset, request=request).qs
    # Cached as the lists cache their counts (with CACHE_URL): the same key as the "see all" list's, so
    # the number shown here is the one the list shows, and a repeated search does not count again.
    total = cache.cached_count(qs)
    rows = list(qs[:GROUP_SHOWN]) if total else []
    if as_shown is not None:
        rows = as_shown(rows)
    return SearchGroup(kind, label, total, rows, f"{reverse(url_name)}?{urlencode({'q': q})}")


def global_search(request, q: str) -> list[SearchGroup]:
    """Hubs, innovations, impact stories and replications that `q` finds and the request's user may see."""
    user = request.user
    q = q.strip()[:SEARCH_MAX_LENGTH]
    innovations = (
        innovations_visible_to(user)
        .select_related(None)
        .select_related("institution", "hub", "category")
        .defer(*ASPECT_FIELDS)
    )
    return [
        _group(
            "hubs",
            _("Hub"),
            HubFilterSet,
            hubs_list().prefetch_related(None).order_by("name"),
            q,
            "hubs:hub_list",
            request,
        ),
        _group(
            "innovations", _("Inovasi"), InnovationFilterSet, innovations, q, "innovations:innovation_list", request
        ),
        _group(
            "stories",
            _("Kisah dampak"),
            ImpactStoryFilterSet,
            stories_visible_to(user).order_by("-story_date", "pk"),
            q,
            "stories:story_list",
            request,
            as_shown=lambda rows: stories_public(rows, user),
        ),
        _group(
            "replications",
            _("Replikasi"),
            ReplicationFilterSet,
            replications_visible_to(user),
            q,
            "innovations:replication_list",
            request,
        ),
    ]
