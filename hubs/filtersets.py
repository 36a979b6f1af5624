"""Filters of the hub list; the same FilterSet serves the page and the API."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from hubs.choices import InstitutionKind
from hubs.models import HubDesignation, Institution, Province
from jipp.forms import BootstrapFilterFormMixin


def _year_choices():
    from hubs.selectors import hub_years

    return [(y, str(y)) for y in hub_years()]


class HubFilterSet(BootstrapFilterFormMixin, django_filters.FilterSet):
    # Bounded: SQLite refuses LIKE patterns over 50 000 bytes (a 500 on a pasted novel).
    q = django_filters.CharFilter(method="filter_q", label=_("Cari nama"), max_length=200)
    year = django_filters.TypedChoiceFilter(
        choices=_year_choices, coerce=int, method="filter_year", label=_("Tahun angkatan")
    )
    kind = django_filters.ChoiceFilter(choices=InstitutionKind.choices, label=_("Jenis"))
    province = django_filters.ModelChoiceFilter(queryset=Province.objects.all(), label=_("Provinsi"))
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("first_year", "year")),
        field_labels={"name": _("Nama"), "first_year": _("Tahun angkatan")},
        label=_("Urutkan"),
    )

    class Meta:
        model = Institution
        fields = ["q", "year", "kind", "province"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read the cohort years once per request, not each time the form field asks for its choices.
        # TypedChoiceField has no empty choice of its own: without one the browser sends the first year.
        self.filters["year"].extra["choices"] = [("", "---------"), *_year_choices()]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value) | Q(acronym__icontains=value) | Q(province__name__icontains=value)
        )

    def filter_year(self, queryset, name, value):
        # Exists, not a join: a hub designated twice must still appear once.
        return queryset.filter(Exists(HubDesignation.objects.filter(institution=OuterRef("pk"), cohort__year=value)))
