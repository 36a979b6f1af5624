"""Filters of impact stories; the same FilterSet serves the pages and the API."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from hubs.models import HubDesignation, Institution, Province
from hubs.selectors import institutions_named
from innovations.choices import ReviewStatus
from innovations.filtersets.innovation import SEARCH_MAX_LENGTH
from jipp import permissions
from jipp.forms import BootstrapFilterFormMixin
from jipp.import_records import ImportJobFilter
from stories.choices import LibraryLevel
from stories.models import ActivityType, ImpactStory, Programme

# What `q` reads: never the beneficiary's name, even with consent (stories 0006 indexes each on PostgreSQL).
STORY_SEARCH_FIELDS = (
    "title",
    "title_en",
    "library_name",
    "narrative_before",
    "narrative_after",
    "narrative_before_en",
    "narrative_after_en",
)

# The empty choice of every select: a filter left alone shows (and filters) everything.
ALL = _("Semua")


def _year_choices():
    from stories.selectors import story_years

    # A typed choice field adds no empty choice of its own: without this one a browser submits the
    # first year with any other filter, and a search by province alone silently kept one year.
    return [("", ALL), *((y, str(y)) for y in story_years())]


def _hubs():
    return Institution.objects.filter(Exists(HubDesignation.objects.filter(institution=OuterRef("pk"))))


@extend_schema_field({"type": "integer", "description": "A year that has stories, e.g. 2024."})
class YearChoiceFilter(django_filters.TypedChoiceFilter):
    """A year among those that have stories; the schema documents it as an integer (its choices vary)."""


class ImpactStoryFilterSet(BootstrapFilterFormMixin, django_filters.FilterSet):
    """Province, library level, activity type, year (of the story), hub, programme, and a text search.

    The search covers the title, the narratives and the library, never the beneficiary's name:
    a search by name must not tell a visitor whose initials belong to whom.
    """

    # Bounded like every list's search (innovations.filtersets.innovation.SEARCH_MAX_LENGTH).
    q = django_filters.CharFilter(method="filter_q", label=_("Cari"), max_length=SEARCH_MAX_LENGTH)
    province = django_filters.ModelChoiceFilter(queryset=Province.objects.all(), empty_label=ALL, label=_("Provinsi"))
    library_level = django_filters.ChoiceFilter(
        choices=LibraryLevel.choices, empty_label=ALL, label=_("Tingkat perpustakaan")
    )
    activity_type = django_filters.ModelChoiceFilter(
        queryset=ActivityType.objects.all(), to_field_name="slug", empty_label=ALL, label=_("Jenis kegiatan")
    )
    year = YearChoiceFilter(choices=_year_choices, coerce=int, field_name="story_date__year", label=_("Tahun"))
    hub = django_filters.ModelChoiceFilter(queryset=_hubs(), empty_label=ALL, label=_("Hub"))
    programme = django_filters.ModelChoiceFilter(
        queryset=Programme.objects.all(), to_field_name="slug", empty_label=ALL, label=_("Program")
    )
    # Offered only to those who see more than published stories (see __init__).
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices, label=_("Status"), empty_label=_("Semua"))
    import_job = ImportJobFilter(label=_("Impor"))

    class Meta:
        model = ImpactStory
        fields = ["q", "province", "library_level", "activity_type", "year", "hub", "programme", "import_job"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read the years once per request (a callable would be re-read on validation and rendering).
        if "year" in self.filters:
            self.filters["year"].extra["choices"] = _year_choices()
        if "status" in self.filters and not permissions.can_view_unpublished(
            getattr(self.request, "user", None), ImpactStory
        ):
            del self.filters["status"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        q = Q()
        for field in STORY_SEARCH_FIELDS:
            q |= Q(**{f"{field}__icontains": value})
        # A story is also found by its hub's name or acronym ("Perpustakaan Nasional", "Perpusnas"),
        # as innovations and replications are.
        named = institutions_named(value)
        if named:
            q |= Q(hub_id__in=named)
        return queryset.filter(q)
