"""The home page's charts: each titled by its question, each followed by a table of the same figures,
and every count written in the page's language (a year never grouped)."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from innovations.models import SDG, InnovationSDG
from tests.factories.innovations import InnovationFactory
from tests.factories.stories import ImpactStoryFactory

pytestmark = pytest.mark.django_db

CHARTS = ["chart-cohorts", "chart-per-hub", "chart-per-year", "chart-sdg"]


def _home(client, language="id") -> str:
    client.cookies["django_language"] = language
    return client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE=language).content.decode()


def _chart_data(html: str, chart: str) -> dict:
    block = re.search(rf'<script id="{chart}-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def _table_values(html: str, chart: str) -> list[str]:
    table = re.search(rf'<table[^>]*id="{chart}-table".*?</table>', html, re.S).group(0)
    return re.findall(r"data-value>([^<]*)<", table)


def _grouped(n: int, separator: str) -> str:
    return f"{n:,}".replace(",", separator)


@pytest.fixture
def figures(world, seeded):
    sdg = SDG.objects.get(number=4)
    for i in range(3):
        innovation = InnovationFactory(
            institution=world.hub_a, status="published", implementation_started_on=datetime.date(2021, 1, 1 + i)
        )
        InnovationSDG.objects.create(innovation=innovation, sdg=sdg)
    InnovationFactory(institution=world.hub_b, status="published", implementation_started_on=datetime.date(2023, 5, 1))
    InnovationFactory(institution=world.hub_b, status="draft", implementation_started_on=datetime.date(2020, 5, 1))
    ImpactStoryFactory(hub=world.hub_a, status="published", people_reached=61791)
    return world


def test_every_chart_has_a_question_title_and_a_table_with_its_figures(client, figures):
    html = _home(client)
    for chart in CHARTS:
        data = _chart_data(html, chart)
        title = re.search(rf'<h3 class="h6" id="{chart}-title">([^<]*)</h3>', html).group(1)
        assert title.endswith("?"), chart
        assert [v.replace(".", "") for v in _table_values(html, chart)] == [str(v) for v in data["values"]], chart
        assert len(data["labels"]) == len(data["fullLabels"]) == len(data["values"]) > 1, chart


def test_the_charts_count_what_their_labels_say(client, figures):
    """Public figures: published innovations only (the draft of 2020 is nowhere)."""
    html = _home(client)
    per_year = _chart_data(html, "chart-per-year")
    assert dict(zip(per_year["labels"], per_year["values"], strict=True)) == {"2021": 3, "2023": 1}
    sdg = _chart_data(html, "chart-sdg")
    assert sdg["fullLabels"][0].startswith("4. ") and sdg["values"][0] == 3  # most first
    per_hub = _chart_data(html, "chart-per-hub")
    assert sorted(per_hub["values"], reverse=True) == per_hub["values"] == [3, 1]


def test_long_hub_names_are_short_on_the_bars_and_whole_in_tooltip_and_table(client, figures):
    figures.hub_a.name, figures.hub_a.acronym = "Pemerintah Provinsi Uji Nama Yang Panjang", ""
    figures.hub_a.save()
    html = _home(client)
    data = _chart_data(html, "chart-per-hub")
    assert data["labels"][0] == "Prov. Uji Nama Yang Panjang"
    assert data["fullLabels"][0] == "Pemerintah Provinsi Uji Nama Yang Panjang"
    table = re.search(r'<table[^>]*id="chart-per-hub-table".*?</table>', html, re.S).group(0)
    assert "Pemerintah Provinsi Uji Nama Yang Panjang" in table


@pytest.mark.parametrize(("language", "separator"), [("id", "."), ("en", ",")])
def test_counts_follow_the_language_and_years_are_not_grouped(client, figures, language, separator):
    html = _home(client, language)
    assert f'<html lang="{language}"' in html
    assert f'id="kpi-people">{_grouped(61791, separator)}<' in html
    assert "61791" not in html
    # Years stay years: in the per-year table, in the chart's labels and in links.
    table = re.search(r'<table[^>]*id="chart-per-year-table".*?</table>', html, re.S).group(0)
    assert ">2021</a>" in table and "2.021" not in html and "2,021" not in html
    assert "?year=2024" in html and "2.024" not in html and "2,024" not in html


def test_a_hub_designated_twice_is_one_hub_recorded(client, db):
    from tests.factories.hubs import CohortFactory, HubDesignationFactory, HubFactory

    hub = HubFactory(cohort=CohortFactory(slug="uji-2021", year=2021))
    HubDesignationFactory(institution=hub, cohort=CohortFactory(slug="uji-2024", year=2024))
    HubFactory(cohort=CohortFactory(slug="uji-2024"))
    response = client.get(reverse("home"))
    assert response.context["hub_total"] == 2
    # The cohort chart counts each cohort's designations: the hub is in both.
    data = _chart_data(response.content.decode(), "chart-cohorts")
    assert data["values"] == [1, 2]
