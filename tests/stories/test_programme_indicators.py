"""The TPBIS page's indicators: one table of the latest values (a single figure is not charted), a
chart only where there are several measurements, with a table of the same figures; numbers, notes
and units in the page's language."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from hubs.services import SeedResult
from jipp.i18n import localized
from stories.models import Measurement
from stories.reference import tpbis_reference_seed
from stories.units import unit_label


def _page(client, language) -> str:
    client.cookies["django_language"] = language
    return client.get(reverse("stories:tpbis"), HTTP_ACCEPT_LANGUAGE=language).content.decode()


def _summary_value(html: str, slug: str) -> str:
    row = re.search(rf'<tr data-indicator="{slug}">.*?</tr>', html, re.S).group(0)
    return re.search(r"data-value>([^<]*)<", row).group(1)


@pytest.fixture
def tpbis(hub):
    tpbis_reference_seed(SeedResult())


@pytest.mark.parametrize(
    ("language", "people", "villages", "score"),
    [("id", "8.200.000", "2.396", "3,33"), ("en", "8,200,000", "2,396", "3.33")],
)
def test_latest_values_follow_the_language(client, tpbis, language, people, villages, score):
    html = _page(client, language)
    assert _summary_value(html, "orang-terjangkau") == people
    assert _summary_value(html, "desa") == villages
    assert _summary_value(html, "skor-efektivitas") == score
    assert "2396,00" not in html and "2396.00" not in html
    assert "30 Apr 2025" in html  # a date's year is not grouped
    assert "2.025" not in html and "2,025" not in html


def test_only_an_indicator_measured_more_than_once_gets_a_chart_with_the_same_figures(client, tpbis):
    html = _page(client, "id")
    charts = re.findall(r'data-chart="(indicator-\d+-data)"', html)
    assert len(charts) == 1  # people reached: 2022 and 2025; the other six are one figure each
    data = json.loads(
        re.search(rf'<script id="{charts[0]}" type="application/json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["values"] == [2133918.0, 8200000.0]
    assert data["labels"] == ["31 Des 2022", "30 Apr 2025"]
    figure = re.search(rf'id="{charts[0]}-figure".*?</figure>', html, re.S).group(0)
    assert re.findall(r"data-value>([^<]*)<", figure) == ["2.133.918", "8.200.000"]
    assert "<caption" in figure and 'class="table-responsive"' in figure


def test_english_page_gives_notes_and_evidence_in_english(client, tpbis):
    english = _page(client, "en")
    assert "Cumulative to April 2025." in english and "Kumulatif s.d." not in english
    assert "Quoted from industry.co.id" in english and "Dikutip dari" not in english
    indonesian = _page(client, "id")
    assert "Kumulatif s.d. April 2025." in indonesian and "Cumulative to" not in indonesian


@pytest.mark.django_db
def test_localized_falls_back_to_indonesian_when_the_english_field_is_empty():
    m = Measurement(note="Catatan", note_en="")
    with translation.override("en"):
        assert localized(m, "note") == "Catatan"
        m.note_en = "Note"
        assert localized(m, "note") == "Note"
        assert localized({"name": "Nama", "name_en": "Name"}) == "Name"
    with translation.override("id"):
        assert localized(m, "note") == "Catatan"


def test_a_unit_is_a_label_and_an_unknown_unit_is_shown_as_stored():
    with translation.override("id"):
        assert unit_label("orang") == "orang"
        assert unit_label("hektar") == "hektar"


def test_units_are_shown_in_english_on_english_pages(client, tpbis):
    with translation.override("en"):
        assert unit_label("orang") == "people" and unit_label("desa") == "villages"
    row = re.search(r'<tr data-indicator="desa">.*?</tr>', _page(client, "en"), re.S).group(0)
    assert "villages" in row and ">desa<" not in row
