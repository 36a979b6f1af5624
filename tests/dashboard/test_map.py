"""The province map: 38 provinces drawn offline from the vendored GeoJSON, with counts and a table."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from dashboard import selectors as dashboard
from hubs.models import Province
from tests.factories.hubs import HubFactory
from tests.factories.innovations import InnovationFactory

pytestmark = pytest.mark.django_db


def test_map_draws_38_provinces_linked_to_the_filtered_list(client, seeded):
    """Each of the 38 provinces is a link to /innovations/?province=<code> with a non-empty SVG path."""
    html = client.get(reverse("home")).content.decode()
    svg = html[html.index('<svg class="province-map"') : html.index("</svg>")]
    codes = re.findall(r'href="/innovations/\?province=(\d\d)" class="map-province', svg)
    assert sorted(codes) == sorted(Province.objects.values_list("code", flat=True))
    assert len(codes) == 38
    assert svg.count('<path d="M') == 38


def test_map_counts_hubs_and_published_innovations_per_province(client, seeded):
    """Counts per province: seeded hubs, and only published innovations; the table carries the same numbers."""
    jatim = Province.objects.get(code="35")
    hub = HubFactory(name="Hub uji Jatim", province=jatim)
    InnovationFactory(institution=hub, status="published", province=jatim)
    InnovationFactory(institution=hub, status="published", province=jatim)
    InnovationFactory(institution=hub, status="draft", province=jatim)
    response = client.get(reverse("home"))
    row = next(p for p in response.context["map_provinces"] if p["code"] == "35")
    assert row["innovations"] == 2
    assert row["hubs"] == 2  # the seeded Pemerintah Provinsi Jawa Timur and the test hub
    assert row["cls"] == dashboard.map_class(2) == 2
    html = response.content.decode()
    table = html[html.index('id="map-table"') :]
    assert re.search(r'<tr data-province="35">.*?>2</a></td>\s*<td class="text-end">2</td>', table, re.S)


def test_map_legend_and_licence_are_shown(client, seeded):
    html = client.get(reverse("home")).content.decode()
    assert "cahyadsn/wilayah_boundaries (MIT)" in html
    assert "/static/data/idn-map/NOTICE" in html
    assert finders.find("data/idn-map/NOTICE") and finders.find("data/idn-map/provinces.geojson")


def test_map_classes_cover_every_count():
    assert [dashboard.map_class(n) for n in (0, 1, 2, 4, 5, 9, 10, 500)] == [0, 1, 2, 2, 3, 3, 4, 4]
