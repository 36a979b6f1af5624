"""Filters of API lists that have no page of their own (the hub list reuses hubs.filtersets.HubFilterSet)."""

import django_filters
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from hubs.choices import InstitutionKind
from hubs.filtersets import HubFilterSet
from hubs.models import HubMembership, Institution, Province, Regency
from jipp.choices import MembershipRole


class InstitutionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", help_text="Part of the name or acronym.")
    kind = django_filters.ChoiceFilter(choices=InstitutionKind.choices)
    province = django_filters.ModelChoiceFilter(queryset=Province.objects.all())
    regency = django_filters.ModelChoiceFilter(queryset=Regency.objects.all())
    coaching_hub = django_filters.NumberFilter(field_name="coaching_hub__id")
    ordering = django_filters.OrderingFilter(fields=(("name", "name"), ("updated_at", "updated_at")))

    class Meta:
        model = Institution
        fields = ["q", "kind", "province", "regency", "coaching_hub"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value)) if value else queryset


class RegencyFilterSet(django_filters.FilterSet):
    province = django_filters.ModelChoiceFilter(queryset=Province.objects.all())
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains")

    class Meta:
        model = Regency
        fields = ["province", "kind", "q"]


class MembershipFilterSet(django_filters.FilterSet):
    hub = django_filters.NumberFilter(field_name="hub__id")
    user = django_filters.NumberFilter(field_name="user__id")
    role = django_filters.ChoiceFilter(choices=MembershipRole.choices)

    class Meta:
        model = HubMembership
        fields = ["hub", "user", "role"]


class HubApiFilterSet(HubFilterSet):
    """The hub page's FilterSet, unchanged; only tells the schema that `year` is an integer."""

    @extend_schema_field(OpenApiTypes.INT)
    def filter_year(self, queryset, name, value):
        return super().filter_year(queryset, name, value)
