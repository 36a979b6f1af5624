"""Reads of the hubs app shared by the pages and the API."""

from django.db.models import Count, Exists, IntegerField, Min, OuterRef, Prefetch, Q, Subquery

from hubs.models import Cohort, HubDesignation, HubMembership, Institution

# At most this many institutions named by a search take part in it ("Pemerintah" names hundreds).
NAMED_INSTITUTIONS_MAX = 1000


def hub_network(hub):
    """Ids of a hub's network, the hub and the institutions it coaches, as a subquery; `hub` is a pk
    or an outer reference. `institution IN (network)` is served by the foreign-key indexes, where
    `institution = hub OR institution.coaching_hub = hub` (an OR across a join) made the database
    read every replication of the country to find one hub's."""
    return Institution.objects.filter(Q(pk=hub) | Q(coaching_hub=hub)).values("pk")


def institutions_named(value: str) -> list[int]:
    """Ids of the institutions whose name or acronym contains a search text (one query): the lists'
    searches find a record by its institution or hub this way, as an IN list rather than a join."""
    named = Institution.objects.filter(Q(name__icontains=value) | Q(acronym__icontains=value))
    return list(named.order_by().values_list("pk", flat=True)[:NAMED_INSTITUTIONS_MAX])


def _designations():
    return HubDesignation.objects.filter(institution=OuterRef("pk"))


def hubs_list():
    """Every institution that holds at least one designation, with its first cohort year."""
    first_year = (
        HubDesignation.objects.filter(institution=OuterRef("pk"))
        .order_by()
        .values("institution")
        .annotate(y=Min("cohort__year"))
        .values("y")
    )
    return (
        Institution.objects.filter(Exists(_designations()))
        .select_related("province")
        .annotate(first_year=Subquery(first_year, output_field=IntegerField()))
        .prefetch_related(
            Prefetch("designations", queryset=HubDesignation.objects.select_related("cohort").order_by("cohort__year"))
        )
    )


def hub_detail(slug: str):
    """One hub with its designations (cohort, sources), region and successors, in a fixed number of queries."""
    return (
        Institution.objects.filter(Exists(_designations()), slug=slug)
        .select_related("province", "regency", "regency__province")
        .prefetch_related(
            Prefetch(
                "designations",
                queryset=HubDesignation.objects.select_related("cohort")
                .prefetch_related("sources", "cohort__sources")
                .order_by("cohort__year"),
            ),
            "successions__successor",
            "predecessions__predecessor",
        )
        .first()
    )


def cohorts_with_counts():
    """Every cohort with how many hubs were announced and how many are recorded here."""
    return Cohort.objects.annotate(recorded=Count("designations")).order_by("year", "announced_on", "slug")


def hub_counts_by_kind():
    """(kind, count) of hubs, one row per institution kind."""
    return Institution.objects.filter(Exists(_designations())).values("kind").annotate(n=Count("pk")).order_by("kind")


def hub_years():
    """The cohort years that have at least one designation, for the filter's choices."""
    return list(
        Cohort.objects.filter(Q(designations__isnull=False)).values_list("year", flat=True).distinct().order_by("year")
    )


class MembershipSource:
    """Who belongs to which hub, and which hubs exist, as the core's permission layer asks it."""

    @staticmethod
    def roles(user):
        return HubMembership.objects.filter(user=user).values_list("hub_id", "role")

    @staticmethod
    def hub_ids():
        return HubDesignation.objects.values_list("institution_id", flat=True).distinct()
