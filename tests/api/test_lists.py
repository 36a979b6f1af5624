"""Every list: a query-count guard (the same budget at 3 and at 30 rows), pagination, `?brief` and `?fields`."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hubs.models import Source
from innovations.models import SDG, InnovationSDG
from jipp.choices import MembershipRole
from tests.api.conftest import token_client
from tests.factories.hubs import (
    CohortFactory,
    HubFactory,
    InstitutionFactory,
    ProvinceFactory,
    RegencyFactory,
    member,
)
from tests.factories.innovations import CategoryFactory, InnovationFactory, ReplicationFactory
from tests.factories.stories import ImpactStoryFactory, IndicatorFactory, MeasurementFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

BUDGET = 8  # auth + count + page + a few prefetches; never proportional to the number of rows


def _provinces(world, n):
    for _ in range(n):
        ProvinceFactory()


def _regencies(world, n):
    start = 1 if n != 27 else 4
    for i in range(start, start + n):
        RegencyFactory(province=world.province, code=f"{world.province.code}.{i:02d}", name=f"Kabupaten Uji {i}")


def _sdgs(world, n):
    # The shared world seeds all 17 SDGs: the small list keeps three (16 is linked to the world's drafts).
    if n == 3:
        SDG.objects.exclude(number__in=[1, 2, 16]).delete()
    for number in range(1, min(n, 17) + 1):
        SDG.objects.get_or_create(number=number, defaults={"name": f"TPB {number}", "name_en": f"SDG {number}"})


def _categories(world, n):
    CategoryFactory.create_batch(n)


def _institutions(world, n):
    InstitutionFactory.create_batch(n, coaching_hub=world.hub_a)


def _cohorts(world, n):
    source, _ = Source.objects.get_or_create(key="sumber-uji", defaults={"publisher": "menpan.go.id"})
    for _i in range(n):
        CohortFactory(year=2014 + _i).sources.add(source)


def _hubs(world, n):
    for i in range(n):
        HubFactory(cohort__year=2020 + i % 5)


def _memberships(world, n):
    for _i in range(n):
        member(world.hub_a, MembershipRole.EDITOR)


def _innovations(world, n):
    sdg, _ = SDG.objects.get_or_create(number=1, defaults={"name": "TPB 1", "name_en": "SDG 1"})
    for _i in range(n):
        innovation = InnovationFactory(institution=world.spoke, hub=world.hub_a, status="published")
        InnovationSDG.objects.create(innovation=innovation, sdg=sdg)


def _replications(world, n):
    for _i in range(n):
        ReplicationFactory(innovation=world.published_a)


def _programmes(world, n):
    ProgrammeFactory.create_batch(n, hub=world.hub_a)


def _stories(world, n):
    programme = ProgrammeFactory(hub=world.hub_a)
    ImpactStoryFactory.create_batch(n, programme=programme, province=world.province)


def _indicators(world, n):
    programme = ProgrammeFactory(hub=world.hub_a)
    IndicatorFactory.create_batch(n, programme=programme)
    IndicatorFactory.create_batch(n, programme=None, innovation=world.published_a)


def _measurements(world, n):
    indicator = IndicatorFactory(programme=ProgrammeFactory(hub=world.hub_a))
    for i in range(n):
        MeasurementFactory(indicator=indicator, measured_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=i))


LISTS = {
    "provinces": _provinces,
    "regencies": _regencies,
    "sdgs": _sdgs,
    "categories": _categories,
    "institutions": _institutions,
    "cohorts": _cohorts,
    "hubs": _hubs,
    "memberships": _memberships,
    "innovations": _innovations,
    "replications": _replications,
    "programmes": _programmes,
    "activity-types": lambda world, n: None,
    "stories": _stories,
    "indicators": _indicators,
    "measurements": _measurements,
}


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries), response.json()


@pytest.mark.parametrize("name", LISTS)
def test_list_query_count_does_not_grow_with_rows(
    world, name, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    """Staff (who see every row, and whose token is checked on each request) get 3 and then 30 more rows."""
    client = token_client(world.users["staff"])
    url = f"/api/v1/{name}/"
    client.get(url)  # the first request also records the token's last use
    # The rows are written as committed transactions would be (the test's own never commits), so the
    # content generation moves as it does in production.
    with django_capture_on_commit_callbacks(execute=True):
        LISTS[name](world, 3)
    with django_assert_max_num_queries(BUDGET):
        small, small_body = _count_queries(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        LISTS[name](world, 27)
    with django_assert_max_num_queries(BUDGET):
        large, body = _count_queries(client, url)
    assert large == small
    if name != "activity-types":
        assert len(body["results"]) > len(small_body["results"])


@pytest.mark.parametrize("name", ["hubs", "innovations", "institutions", "provinces"])
def test_brief_mode_gives_id_url_display(world, anon, name):
    body = anon.get(f"/api/v1/{name}/", {"brief": "true"}).json()
    assert body["results"]
    for row in body["results"]:
        assert set(row) == {"id", "url", "display"}
        assert row["url"].startswith("http://testserver/api/v1/")


def test_fields_selects_fields_in_lists_and_details(world, anon):
    rows = anon.get("/api/v1/innovations/", {"fields": "id,title"}).json()["results"]
    assert rows and all(set(row) == {"id", "title"} for row in rows)
    detail = anon.get(f"/api/v1/innovations/{world.published_a.pk}/", {"fields": "status"}).json()
    assert detail == {"status": "published"}


def test_page_size_is_capped(world, anon):
    _institutions(world, 5)
    body = anon.get("/api/v1/institutions/", {"page_size": 2}).json()
    assert len(body["results"]) == 2 and body["next"]
    assert len(anon.get("/api/v1/institutions/", {"page_size": 100000}).json()["results"]) <= 200


def test_cursor_pagination_walks_the_whole_list_once(world, anon):
    _regencies(world, 7)
    seen, url = [], "/api/v1/regencies/?page_size=3"
    while url:
        body = anon.get(url).json()
        assert "count" not in body  # cursor pages do not count the table
        seen += [row["code"] for row in body["results"]]
        url = body["next"]
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == 7


def test_timestamps_are_iso_8601_with_time_zone(world, anon):
    row = anon.get(f"/api/v1/innovations/{world.published_a.pk}/").json()
    for key in ("created_at", "updated_at"):
        parsed = datetime.datetime.fromisoformat(row[key])
        assert parsed.tzinfo is not None, row[key]
