"""Bridges to the selectors, FilterSets, privacy rules and services written on the innovations branches.

The API must use the same selectors and FilterSets as the pages. Those modules are merged from other
branches; until they are, each name below falls back to a conservative stand-in (visibility straight
from hubs.permissions.visible_q, the record's own fields as filters, personal data shown to the hub's
members and staff only). Once the modules exist, the real ones are used with no change here; the
fall-backs can then be deleted (each is one `except ImportError` branch).
"""

import django_filters
from django.db.models import Q

from hubs import permissions

from ..choices import ReplicationStage, ReviewStatus, Stage
from ..models import ImpactStory, Indicator, Innovation, Measurement, Replication

# --- selectors --------------------------------------------------------------------------------------------


def innovations_visible_to(user):
    try:
        from innovations.selectors.innovation import innovations_visible_to as selector
    except ImportError:
        return Innovation.objects.filter(permissions.visible_q(user, "hub"))
    return selector(user)


def replications_visible_to(user):
    try:
        from innovations.selectors.innovation import replications_visible_to as selector
    except ImportError:
        if permissions.is_ministry_staff(user):
            return Replication.objects.all()
        return Replication.objects.filter(
            Q(innovation__status=ReviewStatus.PUBLISHED) | Q(facilitating_hub__in=permissions.member_hub_ids(user))
        )
    return selector(user)


def stories_visible_to(user):
    try:
        from innovations.selectors.story import stories_visible_to as selector
    except ImportError:
        return ImpactStory.objects.filter(permissions.visible_q(user, "hub"))
    return selector(user)


def indicators_visible_to(user):
    """Programme indicators are public; an innovation's indicators are as visible as the innovation."""
    return Indicator.objects.filter(
        Q(programme__isnull=False) | Q(innovation__in=innovations_visible_to(user).values("pk"))
    )


def measurements_visible_to(user):
    return Measurement.objects.filter(indicator__in=indicators_visible_to(user).values("pk"))


# --- privacy ----------------------------------------------------------------------------------------------


def beneficiary_display_name(*, story, user) -> str:
    try:
        from innovations.privacy import beneficiary_display_name as rule
    except ImportError:
        return story.beneficiary_name if permissions.can_view_personal_data(user, story) else ""
    return rule(story=story, user=user)


def story_photos_visible(*, story, user) -> bool:
    try:
        from innovations.privacy import story_photos_visible as rule
    except ImportError:
        return permissions.can_view_personal_data(user, story)
    return rule(story=story, user=user)


# --- FilterSets -------------------------------------------------------------------------------------------


class _FallbackInnovationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q")
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices)
    stage = django_filters.ChoiceFilter(choices=Stage.choices)
    hub = django_filters.NumberFilter(field_name="hub__id")
    institution = django_filters.NumberFilter(field_name="institution__id")
    province = django_filters.CharFilter(field_name="province")
    category = django_filters.NumberFilter(field_name="category__id")
    sdg = django_filters.NumberFilter(field_name="sdgs__number", distinct=True)
    ordering = django_filters.OrderingFilter(fields=(("title", "title"), ("updated_at", "updated"), ("pk", "id")))

    class Meta:
        model = Innovation
        fields = ["q", "status", "stage", "hub", "institution", "province", "category", "sdg"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(ringkasan__icontains=value)) if value else queryset


class _FallbackReplicationFilterSet(django_filters.FilterSet):
    innovation = django_filters.NumberFilter(field_name="innovation__id")
    adopter = django_filters.NumberFilter(field_name="adopter__id")
    facilitating_hub = django_filters.NumberFilter(field_name="facilitating_hub__id")
    stage = django_filters.ChoiceFilter(choices=ReplicationStage.choices)

    class Meta:
        model = Replication
        fields = ["innovation", "adopter", "facilitating_hub", "stage"]


class _FallbackImpactStoryFilterSet(django_filters.FilterSet):
    programme = django_filters.NumberFilter(field_name="programme__id")
    hub = django_filters.NumberFilter(field_name="hub__id")
    province = django_filters.CharFilter(field_name="province")
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices)

    class Meta:
        model = ImpactStory
        fields = ["programme", "hub", "province", "status"]


try:
    from innovations.filtersets.innovation import InnovationFilterSet, ReplicationFilterSet
except ImportError:
    InnovationFilterSet, ReplicationFilterSet = _FallbackInnovationFilterSet, _FallbackReplicationFilterSet
try:
    from innovations.filtersets.story import ImpactStoryFilterSet
except ImportError:
    ImpactStoryFilterSet = _FallbackImpactStoryFilterSet


# --- services ---------------------------------------------------------------------------------------------


def service(module: str, name: str):
    """The service function `name` of innovations.services.<module>, imported when first called."""
    import importlib

    return getattr(importlib.import_module(f"innovations.services.{module}"), name)
