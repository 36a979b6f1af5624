"""Reads of impact stories and indicators, shared by the pages, the API and the reports."""

from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from innovations.models import Innovation
from jipp.cache import cached_for_query
from stories.models import ImpactStory, Indicator, Measurement, Programme

# What a list row or a detail page shows of a story's relations: loaded with the story.
_STORY_RELATED = ["programme", "hub", "innovation", "province", "regency", "activity_type"]


def stories_visible_to(user) -> QuerySet[ImpactStory]:
    """Stories this user may see: published ones, their hubs' drafts, everything for staff."""
    return ImpactStory.objects.restrict(user).select_related(*_STORY_RELATED)


def published_stories(programme: Programme | None = None) -> QuerySet[ImpactStory]:
    """Published stories (optionally of one programme), for public pages whoever is looking."""
    qs = ImpactStory.objects.restrict(None).select_related(*_STORY_RELATED)
    return qs.filter(programme=programme) if programme is not None else qs


def story_for_detail(*, slug: str, user) -> ImpactStory | None:
    """One story with its photos and review events, or None when it does not exist or is hidden from the user."""
    return (
        stories_visible_to(user)
        .filter(slug=slug)
        .prefetch_related("photos", "review_events__actor")
        .select_related("consent_recorded_by")
        .first()
    )


def _median(values: list[int]) -> Decimal | None:
    if not values:
        return None
    values = sorted(values)
    mid = len(values) // 2
    if len(values) % 2:
        return Decimal(values[mid])
    # Even count: the mean of the two middle values (exact in Decimal; may end in .5).
    return (Decimal(values[mid - 1]) + Decimal(values[mid])) / 2


def story_totals(queryset: QuerySet[ImpactStory]) -> dict:
    """Totals of a set of stories: how many, people reached, and the median change of monthly income.

    The median is over the stories that give both incomes (after − before, in Rupiah); its count
    is `income_pairs`. Erased stories still count: erasure keeps the figures. Two queries, on
    SQLite and PostgreSQL alike (the median is computed here, from one integer column pair), and
    none while the result is cached (jipp.cache: until the next committed write of content).
    """
    queryset = queryset.order_by()
    return cached_for_query(queryset, "story_totals", lambda: _story_totals(queryset))


def _story_totals(queryset: QuerySet[ImpactStory]) -> dict:
    agg = queryset.aggregate(
        stories=Count("pk", distinct=True),
        people_reached=Sum("people_reached"),
    )
    pairs = queryset.filter(Q(income_before__isnull=False) & Q(income_after__isnull=False)).values_list(
        "income_before", "income_after"
    )
    changes = [after - before for before, after in pairs]
    return {
        "stories": agg["stories"] or 0,
        "people_reached": agg["people_reached"] or 0,
        "median_income_change": _median(changes),
        "income_pairs": len(changes),
    }


def programme_indicators(programme: Programme) -> QuerySet[Indicator]:
    """The programme's indicators, each with its measurements (oldest first) and their sources prefetched."""
    return programme.indicators.order_by("pk").prefetch_related(
        Prefetch("measurements", queryset=Measurement.objects.select_related("source").order_by("measured_on"))
    )


def innovation_indicators(innovation) -> QuerySet[Indicator]:
    """An innovation's indicators, with measurements and sources prefetched (for its page and the API)."""
    return (
        Indicator.objects.filter(innovation=innovation)
        .order_by("pk")
        .prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.select_related("source").order_by("measured_on"))
        )
    )


def programme_for_page(slug: str) -> Programme | None:
    """A programme with its hub and sources, for its page."""
    return Programme.objects.select_related("hub").prefetch_related("sources").filter(slug=slug).first()


def story_years(queryset: QuerySet[ImpactStory] | None = None) -> list[int]:
    """The years that have stories, newest first (for the year filter)."""
    qs = queryset if queryset is not None else ImpactStory.objects.restrict(None)
    qs = qs.order_by()
    return cached_for_query(
        qs, "story_years", lambda: sorted({d.year for d in qs.dates("story_date", "year")}, reverse=True)
    )


def indicators_visible_to(user):
    """Programme indicators are public; an innovation's indicators are as visible as the innovation."""
    return Indicator.objects.filter(
        Q(programme__isnull=False) | Q(innovation__in=Innovation.objects.restrict(user).values("pk"))
    )


def measurements_visible_to(user):
    return Measurement.objects.filter(indicator__in=indicators_visible_to(user).values("pk"))
