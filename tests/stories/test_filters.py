"""The story list's filters: every select has an "all" choice, and a filter left alone filters nothing."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.factories.hubs import HubFactory, ProvinceFactory
from tests.factories.stories import ImpactStoryFactory

pytestmark = pytest.mark.django_db


def _select(html: str, name: str) -> str:
    match = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert match, f"no select named {name}"
    return match.group(1)


@pytest.fixture
def stories_of_three_years(programme):
    """Jawa-Barat-like province with a story in each of 2023, 2024 and 2025, and one story elsewhere."""
    province = ProvinceFactory(code="02", name="Provinsi Uji Kisah Dua")
    rows = [
        ImpactStoryFactory(programme=programme, province=province, story_date=datetime.date(year, 3, 1))
        for year in (2023, 2024, 2025)
    ]
    ImpactStoryFactory(programme=programme, story_date=datetime.date(2025, 5, 1))
    return province, rows


def test_filtering_by_province_alone_returns_stories_of_every_year(client, stories_of_three_years):
    """A province filter adds no year: the three stories of 2023-2025 are listed."""
    province, rows = stories_of_three_years
    response = client.get(reverse("stories:story_list"), {"province": province.pk})
    assert response.context["paginator"].count == 3
    assert {s.slug for s in response.context["stories"]} == {s.slug for s in rows}


def test_the_form_a_browser_submits_with_year_left_alone_keeps_every_year(client, stories_of_three_years):
    """The year select starts on its empty "Semua" choice, so submitting the form sends year= (empty)."""
    province, _rows = stories_of_three_years
    html = client.get(reverse("stories:story_list")).content.decode()
    options = _select(html, "year")
    first = re.search(r"<option value=\"([^\"]*)\"([^>]*)>([^<]*)</option>", options)
    assert first.group(1) == "" and first.group(3) == "Semua"
    assert "selected" not in options.split("</option>", 1)[1]  # no year is preselected
    response = client.get(reverse("stories:story_list"), {"province": province.pk, "year": ""})
    assert response.context["paginator"].count == 3


def test_year_still_filters_when_chosen(client, stories_of_three_years):
    province, _rows = stories_of_three_years
    response = client.get(reverse("stories:story_list"), {"province": province.pk, "year": "2024"})
    assert response.context["paginator"].count == 1


@pytest.mark.parametrize("name", ["province", "library_level", "activity_type", "year", "hub", "programme"])
def test_every_story_select_offers_all_first(client, stories_of_three_years, name):
    """Every select opens on an explicit "Semua" choice, never "---------"."""
    html = client.get(reverse("stories:story_list")).content.decode()
    assert re.match(r'\s*<option value=""[^>]*>Semua</option>', _select(html, name))
    assert "---------" not in html


def test_every_story_select_says_all_in_english(client, stories_of_three_years):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("stories:story_list")})
    html = client.get(reverse("stories:story_list")).content.decode()
    assert '<html lang="en">' in html
    assert re.match(r'\s*<option value=""[^>]*>All</option>', _select(html, "province"))


def _filter_panel(html: str) -> str:
    match = re.search(r"<details[^>]*data-fold-on-phone[^>]*>", html)
    assert match, "the list has no foldable filter panel"
    return match.group(0)


def test_filter_panel_is_marked_active_and_counts_the_filters_set(client, stories_of_three_years):
    """A filter that is set keeps the panel open on a phone and is counted on its summary line."""
    province, _ = stories_of_three_years
    response = client.get(reverse("stories:story_list"), {"province": province.pk, "year": "2024"})
    html = response.content.decode()
    assert "data-active" in _filter_panel(html)
    assert re.search(r'class="badge[^"]*">\s*2 aktif', html)


def test_filter_panel_without_filters_may_fold(client, stories_of_three_years):
    """With nothing set the panel carries no data-active, so portal.js folds it on a phone."""
    html = client.get(reverse("stories:story_list")).content.decode()
    assert "data-active" not in _filter_panel(html)
    assert " aktif</span>" not in html


def test_search_finds_a_story_by_its_hubs_name_or_acronym(client, programme):
    """'Perpustakaan Nasional' or 'Perpusnas' finds the stories of that hub, as it finds its innovations."""
    story = ImpactStoryFactory(programme=programme, title="Kisah tanpa nama lembaga")
    hub = story.hub
    ImpactStoryFactory(title="Kisah hub lain", hub=HubFactory(name="Dinas Uji Lain", acronym="DUL"))
    for text in (hub.name, hub.acronym):
        response = client.get(reverse("stories:story_list"), {"q": text})
        assert [s.slug for s in response.context["stories"]] == [story.slug], text
