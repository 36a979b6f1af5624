"""Query budgets: every page and API endpoint runs a fixed number of SQL queries, however many rows it shows.

Each endpoint is requested once with 3 rows of everything and once with 30, with an empty cache both
times (the cold, worst case: cached counts and totals are recomputed), under
django_assert_max_num_queries(budget); the two counts must also be equal. A budget that has to grow
means an N+1 crept in, or a page gained a query on purpose: then raise the number here, in review.
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from hubs.models import Institution
from innovations.models import SDG, Award, Category, InnovationSDG, ReviewEvent
from tests.factories.hubs import HubFactory, InstitutionFactory
from tests.factories.innovations import InnovationFactory, ReplicationFactory
from tests.factories.stories import ImpactStoryFactory, IndicatorFactory, MeasurementFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


class BudgetWorld:
    """A hub with a spoke, a category, an SDG, the TPBIS programme, and a "subject" row of each kind
    whose related rows grow with the lists (for the detail pages)."""

    def __init__(self, shared):
        self.province = shared.province
        self.hub = shared.hub_a
        self.spoke = shared.coached_a
        self.category = Category.objects.create(year=2025, name="Kategori uji")
        self.sdg, _ = SDG.objects.get_or_create(number=3, defaults={"name": "Kesehatan", "name_en": "Health"})
        self.programme = ProgrammeFactory(slug="tpbis", name="TPBIS", hub=self.hub)
        self.subject = self._innovation(0)
        self.story = ImpactStoryFactory(programme=self.programme, province=self.province)
        self.indicator = IndicatorFactory(programme=self.programme)
        self.replication = ReplicationFactory(innovation=self.subject, adopter=InstitutionFactory())
        self.n = 0

    def _innovation(self, i):
        innovation = InnovationFactory(
            institution=self.spoke,
            hub=self.hub,
            status="published",
            category=self.category,
            implementation_started_on=datetime.date(2021, 3, 1),
            province=self.province,
            title=f"Inovasi stunting {i}",
            ringkasan="Pencegahan stunting dengan kader desa.",
        )
        InnovationSDG.objects.create(innovation=innovation, sdg=self.sdg)
        return innovation

    def grow(self, n):
        """n more of every kind of row, and n more related rows of each subject."""
        for _ in range(n):
            self.n += 1
            i = self.n
            innovation = self._innovation(i)
            Award.objects.create(innovation=self.subject, kind="other", year=2014 + i)
            ReviewEvent.objects.create(target=self.subject, from_status="submitted", to_status="published")
            adopter = InstitutionFactory(coaching_hub=self.hub)
            ReplicationFactory(innovation=innovation, adopter=adopter, facilitating_hub=self.hub)
            ReplicationFactory(innovation=self.subject, adopter=InstitutionFactory(), facilitating_hub=self.hub)
            HubFactory(cohort__year=2021 + i % 4)
            ImpactStoryFactory(programme=self.programme, province=self.province, income_before=100, income_after=300)
            indicator = IndicatorFactory(programme=self.programme)
            MeasurementFactory(indicator=indicator)
            MeasurementFactory(indicator=self.indicator)


@pytest.fixture
def world(world, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
    }
    return BudgetWorld(world)


def _hub_filter(w):
    return f"hub={w.hub.pk}&category={w.category.pk}&year=2021"


# (name, path given the world, budget): the budgets are the counts measured cold (empty cache); warm,
# the cached counts and totals drop out. Requested anonymously, as most visitors are.
PAGES = [
    ("home (dashboard)", lambda w: "/", 16),
    # 5: one grouped query each for innovations, stories, replications out and in, then the hubs.
    ("dashboard benchmarking", lambda w: "/hubs/benchmark/", 5),
    ("hub list", lambda w: "/hubs/", 5),
    # 17: 12, then the hub's page sections (innovation counts and rows, story figures and rows, members).
    ("hub detail", lambda w: f"/hubs/{w.hub.slug}/", 17),
    ("innovation list", lambda w: "/innovations/", 7),
    ("innovation list filtered", lambda w: f"/innovations/?{_hub_filter(w)}", 9),
    ("innovation search", lambda w: "/innovations/?q=stunting", 7),
    # Two per group (count, first rows), the institutions the text names (innovations, stories, replications)
    # and the cohort and story years the hub and story filters offer.
    ("global search", lambda w: "/search/?q=Uji", 13),
    ("innovation detail", lambda w: f"/innovations/{w.subject.slug}/", 8),  # 8th: its impact indicators
    ("replication list", lambda w: "/innovations/replications/", 5),
    ("story list", lambda w: "/stories/", 9),
    ("story detail", lambda w: f"/stories/{w.story.slug}/", 3),
    ("tpbis", lambda w: "/tpbis/", 11),
    ("api hubs", lambda w: "/api/v1/hubs/", 4),
    ("api hub detail", lambda w: f"/api/v1/hubs/{w.hub.pk}/", 3),
    ("api innovations", lambda w: "/api/v1/innovations/", 3),
    ("api innovations filtered", lambda w: f"/api/v1/innovations/?{_hub_filter(w)}", 5),
    # 4th: the institutions the text names (an innovation is also found by its institution or hub).
    ("api search", lambda w: "/api/v1/innovations/?q=stunting", 4),
    ("api innovation detail", lambda w: f"/api/v1/innovations/{w.subject.pk}/", 2),
    ("api stories", lambda w: "/api/v1/stories/", 4),
    ("api story detail", lambda w: f"/api/v1/stories/{w.story.pk}/", 3),
    ("api replications", lambda w: "/api/v1/replications/", 2),
    ("api replication detail", lambda w: f"/api/v1/replications/{w.replication.pk}/", 1),
    ("api indicators", lambda w: "/api/v1/indicators/", 2),
    ("api indicator detail", lambda w: f"/api/v1/indicators/{w.indicator.pk}/", 1),
]


def _client(path):
    return APIClient() if path.startswith("/api/") else Client()


def _warm(path) -> None:
    """Warm per-process caches (content types), as any running server has them; then empty the cache,
    so that the measured request is the cold case: cached counts and totals are computed in it."""
    _client(path).get(path)
    cache.clear()


def _count(path) -> tuple[int, object]:
    client = _client(path)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(ctx.captured_queries), response


@pytest.mark.parametrize(("name", "path", "budget"), PAGES, ids=[p[0] for p in PAGES])
def test_query_count_is_fixed_with_3_and_30_rows(world, name, path, budget, django_assert_max_num_queries):
    """With 3 and then 30 rows of everything, the endpoint runs the same number of queries, within budget."""
    world.grow(3)
    url = path(world)
    _warm(url)
    with django_assert_max_num_queries(budget):
        few, _ = _count(url)
    world.grow(27)
    _warm(url)
    with django_assert_max_num_queries(budget):
        many, response = _count(url)
    assert few == many, f"{name}: {few} queries with 3 rows, {many} with 30"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/v1/innovations/", 31),  # 30 grown + the subject
        ("/api/v1/stories/", 31),
        ("/api/v1/replications/", 61),  # one per grown innovation, one more of the subject each time
        ("/api/v1/hubs/", 32),  # 30 grown + the subject's hub + hub B of the shared world
    ],
)
def test_lists_really_hold_30_rows(world, path, expected):
    """The budgets above are measured on lists that do grow (the world is not silently empty)."""
    world.grow(30)
    body = APIClient().get(path).json()
    assert body["count"] == expected


def test_hub_page_shows_the_latest_replications_and_the_total(world, client):
    """A hub with more replications than the page shows lists the latest 20 and says how many there are."""
    world.grow(30)
    page = client.get(f"/hubs/{world.hub.slug}/").content.decode()
    total = Institution.objects.get(pk=world.hub.pk).facilitated_replications.count()
    assert total > 20
    assert f"Menampilkan 20 replikasi terbaru dari {total}" in page
