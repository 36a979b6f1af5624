"""The `icontains` searches are served by trigram indexes (PostgreSQL): institution and regency names
(hubs 0005), the story search's fields (stories 0006) and innovation titles for the replication
search (innovations 0013)."""

import pytest
from django.db import connection
from django.db.models import Q

from hubs.models import Institution, Regency
from innovations.models import Replication
from stories.filtersets import STORY_SEARCH_FIELDS
from stories.models import ImpactStory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_trgm and GIN indexes exist on PostgreSQL only"
)


def _plan(queryset) -> str:
    # Unordered: an index scan on the ordering column (filtering every row) would also avoid a seq scan.
    sql, params = queryset.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        # A tiny test table would be read sequentially whatever the indexes: ask for the index plan.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        (lambda: Institution.objects.filter(name__icontains="jawa"), "institution_name_trgm"),
        (lambda: Institution.objects.filter(acronym__icontains="kab"), "institution_acronym_trgm"),
        (lambda: Regency.objects.filter(name__icontains="bandung"), "regency_name_trgm"),
        # The hub list's search: both branches of the OR are served (a BitmapOr of the two indexes).
        (lambda: Institution.objects.filter(Q(name__icontains="dki") | Q(acronym__icontains="dki")), "BitmapOr"),
        (lambda: ImpactStory.objects.filter(title__icontains="ternak"), "story_title_trgm"),
        (lambda: ImpactStory.objects.filter(narrative_after__icontains="ternak"), "story_narrative_after_trgm"),
        (lambda: ImpactStory.objects.filter(library_name__icontains="desa"), "story_library_name_trgm"),
        (lambda: Replication.objects.filter(innovation__title__icontains="stunting"), "innovation_title_trgm"),
        (lambda: Replication.objects.filter(innovation__title_en__icontains="stunting"), "innovation_title_en_trgm"),
    ],
)
def test_a_name_search_uses_its_trigram_index(queryset, index):
    assert index in _plan(queryset())


@pytest.mark.django_db
@pytest.mark.parametrize("field", STORY_SEARCH_FIELDS)
def test_every_field_of_the_story_search_has_its_trigram_index(field):
    """A field added to the story search without an index would read every story again."""
    assert f"story_{field}_trgm" in _plan(ImpactStory.objects.filter(**{f"{field}__icontains": "ternak"}))
