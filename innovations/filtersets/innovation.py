"""Filters of the innovation and replication lists; the same FilterSets serve the pages and the API.

They narrow whatever queryset they are given (always one from innovations.selectors), so the
visibility rule is applied before any filter.

Full-text search (`q`): on PostgreSQL a SearchVector over the title and the eight KIPP aspects with
the built-in `indonesian` text search configuration (PostgreSQL >= 14 ships the Indonesian snowball
stemmer, so "layanan" also finds "pelayanan"), ranked by SearchRank. The vector is the stored column
`search_document` that migration 0007 adds (PostgreSQL generates it from SEARCH_FIELDS, and a GIN
index serves the `@@`), so ranking does not rebuild it for every match.
On SQLite: every word must occur (case-insensitively) in the title or one of the aspects.
The English title and summary are searched too (PostgreSQL: migration 0012 adds them to the stored
vector, with the same configuration as the query so that both sides are stemmed alike).

Either way an innovation is also found by the name or acronym of its institution or of its hub
("Perpustakaan Nasional", "Perpusnas"): the matching institutions are read first (a small table),
then their ids join the condition as `institution_id IN (...) OR hub_id IN (...)`, which the
foreign-key indexes serve beside the GIN index (a join or a subquery inside the OR would not be).

`year` is the year implementation started (`implementation_started_on`), which every innovation
has, unlike a competition category.
"""

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from hubs.models import HubDesignation, Institution, Province
from hubs.selectors import institutions_named
from innovations.choices import AwardKind, Continuation, InnovationType, ReplicationStage, ReviewStatus, Stage
from innovations.models import ASPECT_FIELDS, SDG, Award, Category, Innovation, InnovationSDG, Replication
from innovations.selectors.innovation import stale_verification_q
from innovations.workflow import ACTIONS
from jipp.forms import BootstrapFilterFormMixin
from jipp.import_records import ImportJobFilter

# The empty choice of every select: a filter left alone shows (and filters) everything.
ALL = _("Semua")

# A draft leaves its first state only through "submit", and no action leads back to it: every status
# an action leads to was therefore reached through a submission, even on a row imported without a
# submitted_at. "Ever submitted" counts rejected records too: they were submitted.
EVER_SUBMITTED = frozenset(action.target for action in ACTIONS.values())
# Submitted and not yet decided: the review queue's rows.
AWAITING_REVIEW = frozenset({ReviewStatus.SUBMITTED, ReviewStatus.IN_REVIEW})


SEARCH_CONFIG = "indonesian"
SEARCH_FIELDS = ["title", *ASPECT_FIELDS, "title_en", "summary_en"]
# The stored tsvector of migrations 0007/0012 (PostgreSQL only; not a model field, SQLite has none).
SEARCH_DOCUMENT_COLUMN = "search_document"
# The longest search text any list or the global search accepts (SQLite refuses LIKE patterns over
# 50,000 bytes, and no one types a longer query than this).
SEARCH_MAX_LENGTH = 200


def search(queryset, value: str):
    """Full-text search over the title and aspects (and their English), or an innovation whose
    institution or hub the text names: ranked on PostgreSQL, a word-by-word icontains elsewhere."""
    value = (value or "").strip()[:SEARCH_MAX_LENGTH]
    if not value:
        return queryset
    named = institutions_named(value)
    by_institution = Q(institution_id__in=named) | Q(hub_id__in=named) if named else Q(pk__in=[])
    if connections[queryset.db].vendor == "postgresql":
        query = SearchQuery(value, config=SEARCH_CONFIG, search_type="websearch")
        table = queryset.model._meta.db_table
        vector = RawSQL(f'"{table}"."{SEARCH_DOCUMENT_COLUMN}"', [], output_field=SearchVectorField())  # noqa: S611 (constants)
        return (
            queryset.alias(search_document=vector)
            .annotate(search_rank=SearchRank(vector, query))
            .filter(Q(search_document=query) | by_institution)
            .order_by("-search_rank", "pk")
        )
    every_word = Q()
    for word in value.split():
        any_field = Q()
        for name in SEARCH_FIELDS:
            any_field |= Q(**{f"{name}__icontains": word})
        every_word &= any_field
    return queryset.filter(every_word | by_institution)


def _hubs():
    return Institution.objects.filter(Exists(HubDesignation.objects.filter(institution=OuterRef("pk")))).order_by(
        "name"
    )


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 9999, "description": "A year, e.g. 2022."})
class YearFilter(django_filters.NumberFilter):
    """A calendar year (1–9999) for a `__year` lookup.

    Bounded because the database lookup turns the year into a date range in Python: a year outside
    1–9999 (or a fraction) must be an invalid filter value (400 in the API, ignored on the pages),
    never a server error.
    """

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        kwargs.setdefault("lookup_expr", "year")
        super().__init__(*args, **kwargs)


class InnovationFilterSet(BootstrapFilterFormMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Cari"), max_length=SEARCH_MAX_LENGTH)
    hub = django_filters.ModelChoiceFilter(queryset=_hubs(), empty_label=ALL, label=_("Hub"))
    institution = django_filters.ModelChoiceFilter(
        queryset=Institution.objects.order_by("name"), empty_label=ALL, label=_("Instansi")
    )
    province = django_filters.ModelChoiceFilter(queryset=Province.objects.all(), empty_label=ALL, label=_("Provinsi"))
    category = django_filters.ModelChoiceFilter(queryset=Category.objects.all(), empty_label=ALL, label=_("Kategori"))
    sdg = django_filters.ModelChoiceFilter(
        queryset=SDG.objects.all(), method="filter_sdg", empty_label=ALL, label=_("TPB/SDG")
    )
    stage = django_filters.ChoiceFilter(choices=Stage.choices, empty_label=ALL, label=_("Tahapan"))
    innovation_type = django_filters.ChoiceFilter(choices=InnovationType.choices, empty_label=ALL, label=_("Jenis"))
    year = YearFilter(field_name="implementation_started_on", label=_("Tahun"))
    award = django_filters.ChoiceFilter(
        choices=AwardKind.choices, method="filter_award", empty_label=ALL, label=_("Penghargaan")
    )
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices, empty_label=ALL, label=_("Status"))
    continuation = django_filters.ChoiceFilter(choices=Continuation.choices, empty_label=ALL, label=_("Keberlanjutan"))
    # What the dashboard's figures count, so that each figure links to exactly its rows.
    submission = django_filters.ChoiceFilter(
        choices=[("ever", _("Pernah diajukan")), ("awaiting", _("Menunggu tinjauan"))],
        method="filter_submission",
        empty_label=ALL,
        label=_("Pengajuan"),
    )
    import_job = ImportJobFilter(label=_("Impor"))
    verification = django_filters.ChoiceFilter(
        choices=[("stale", _("Belum diverifikasi 12 bulan")), ("current", _("Diverifikasi 12 bulan terakhir"))],
        method="filter_verification",
        empty_label=ALL,
        label=_("Verifikasi"),
    )
    # Without `ordering`: search results by rank, other lists most recently updated first.
    ordering = django_filters.OrderingFilter(
        fields=(
            ("title", "title"),
            ("updated_at", "updated"),
            ("published_at", "published"),
            ("implementation_started_on", "started"),
        ),
        field_labels={
            "title": _("Judul"),
            "updated_at": _("Terakhir diubah"),
            "published_at": _("Tanggal terbit"),
            "implementation_started_on": _("Mulai diterapkan"),
        },
        # Not "all": an empty sort keeps the default order (by rank, or latest change first).
        empty_label=_("Urutan bawaan"),
        label=_("Urutkan"),
    )

    class Meta:
        model = Innovation
        fields = [
            "q",
            "hub",
            "institution",
            "province",
            "category",
            "sdg",
            "stage",
            "innovation_type",
            "year",
            "award",
            "status",
            "continuation",
            "submission",
            "verification",
            "import_job",
        ]

    def filter_q(self, queryset, name, value):
        return search(queryset, value)

    # The schema cannot read the type from a `method` filter: `sdg` is an SDG id (see /api/v1/sdgs/).
    @extend_schema_field({"type": "integer", "description": "An SDG id (see /api/v1/sdgs/)."})
    def filter_sdg(self, queryset, name, value):
        # Exists, not a join: no duplicate rows and no DISTINCT needed.
        return queryset.filter(Exists(InnovationSDG.objects.filter(innovation=OuterRef("pk"), sdg=value)))

    def filter_submission(self, queryset, name, value):
        return queryset.filter(status__in=EVER_SUBMITTED if value == "ever" else AWAITING_REVIEW)

    def filter_verification(self, queryset, name, value):
        stale = stale_verification_q()
        return queryset.filter(stale if value == "stale" else ~stale)

    def filter_award(self, queryset, name, value):
        return queryset.filter(Exists(Award.objects.filter(innovation=OuterRef("pk"), kind=value)))


class ReplicationFilterSet(BootstrapFilterFormMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Cari"), max_length=SEARCH_MAX_LENGTH)
    facilitating_hub = django_filters.ModelChoiceFilter(queryset=_hubs(), empty_label=ALL, label=_("Hub fasilitator"))
    adopter = django_filters.ModelChoiceFilter(
        queryset=Institution.objects.order_by("name"), empty_label=ALL, label=_("Instansi replikator")
    )
    innovation = django_filters.CharFilter(field_name="innovation__slug", label=_("Inovasi (slug)"))
    province = django_filters.ModelChoiceFilter(
        queryset=Province.objects.all(), field_name="adopter__province", empty_label=ALL, label=_("Provinsi replikator")
    )
    stage = django_filters.ChoiceFilter(choices=ReplicationStage.choices, empty_label=ALL, label=_("Tahap"))
    year = YearFilter(field_name="committed_on", label=_("Tahun komitmen"))
    import_job = ImportJobFilter(label=_("Impor"))

    class Meta:
        model = Replication
        fields = ["q", "facilitating_hub", "adopter", "innovation", "province", "stage", "year", "import_job"]

    def filter_q(self, queryset, name, value):
        """The innovation's title (either language), or the adopter or facilitating hub by name or acronym."""
        value = value.strip()
        if not value:
            return queryset
        named = institutions_named(value)
        return queryset.filter(
            Q(innovation__title__icontains=value)
            | Q(innovation__title_en__icontains=value)
            | Q(adopter_id__in=named)
            | Q(facilitating_hub_id__in=named)
        )
