"""Ordering of the innovation list, shared by the page and the API (one FilterSet)."""

import pytest

from tests.factories.innovations import InnovationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three():
    return [InnovationFactory(status="published", title=t) for t in ("Beta", "Alfa", "Gama")]


def test_api_orders_by_title_both_ways(client, three):
    titles = [r["title"] for r in client.get("/api/v1/innovations/?ordering=title").json()["results"]]
    assert titles == ["Alfa", "Beta", "Gama"]
    titles = [r["title"] for r in client.get("/api/v1/innovations/?ordering=-title").json()["results"]]
    assert titles == ["Gama", "Beta", "Alfa"]


def test_page_orders_by_title(client, three):
    page = client.get("/innovations/?ordering=title").content.decode()
    assert page.index("Alfa") < page.index("Beta") < page.index("Gama")


def test_unknown_ordering_is_a_400_in_the_api(client, three):
    response = client.get("/api/v1/innovations/?ordering=secret_field")
    assert response.status_code == 400
    assert "ordering" in response.json()["error"]["fields"]
