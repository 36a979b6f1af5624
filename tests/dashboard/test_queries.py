"""Query-count guards: the home page and the benchmarking page cost a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.hubs import HubFactory
from tests.factories.innovations import InnovationFactory, ReplicationFactory
from tests.factories.stories import ImpactStoryFactory

pytestmark = pytest.mark.django_db

# Computing the figures (cache empty); a cached page costs only the session/user queries.
HOME_BUDGET = 18  # measured: 17 for staff (session, user, group, 14 figures)
BENCHMARK_BUDGET = 5  # measured: 5 (one grouped query each for innovations, stories, replications out and in; the hubs)


def _fill(world, n):
    for _ in range(n):
        hub = HubFactory()
        inn = InnovationFactory(institution=hub, status="published")
        ReplicationFactory(innovation=inn, adopter=world.coached_a)
        ImpactStoryFactory(hub=hub)


def _count(client, url):
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/", "/hubs/benchmark/"])
def test_pages_cost_the_same_with_few_and_many_rows(client, world, url):
    client.force_login(world.staff)
    _fill(world, 2)
    few = _count(client, url)
    _fill(world, 20)
    many = _count(client, url)
    assert few == many


def test_home_budget(client, world, django_assert_max_num_queries):
    client.force_login(world.staff)
    _fill(world, 10)
    with django_assert_max_num_queries(HOME_BUDGET):
        client.get(reverse("home"))
    # Cached: no figure is recomputed.
    with django_assert_max_num_queries(4):
        client.get(reverse("home"))


def test_benchmark_budget(client, world, django_assert_max_num_queries):
    _fill(world, 10)
    with django_assert_max_num_queries(BENCHMARK_BUDGET):
        client.get(reverse("hubs:benchmark"))
