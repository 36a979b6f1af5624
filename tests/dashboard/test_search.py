"""The global search (/search/): grouped results, each group what restrict() lets the user see."""

import re

import pytest
from django.urls import reverse

from tests.factories.innovations import InnovationFactory, ReplicationFactory
from tests.factories.stories import ImpactStoryFactory

URL = reverse("search")


@pytest.fixture
def records(world):
    InnovationFactory(institution=world.coached_a, hub=world.hub_a, status="published", title="Pojok Baca Keliling")
    InnovationFactory(institution=world.hub_b, hub=world.hub_b, status="published", title="Pojok Baca Pesisir")
    InnovationFactory(institution=world.hub_b, hub=world.hub_b, status="draft", title="Pojok Baca Rahasia")
    return world


def _groups(client, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    return {g.kind: g for g in response.context["groups"]}


def _titles(group):
    return sorted(row.title for row in group.rows)


def test_results_are_grouped_by_kind_with_counts_and_a_link_to_each_list(client, records):
    groups = _groups(client, "Pojok Baca")
    assert list(groups) == ["hubs", "innovations", "stories", "replications"]
    assert groups["innovations"].total == 2
    assert _titles(groups["innovations"]) == ["Pojok Baca Keliling", "Pojok Baca Pesisir"]
    assert groups["innovations"].list_url == "/innovations/?q=Pojok+Baca"
    html = client.get(URL, {"q": "Pojok Baca"}).content.decode()
    assert 'id="results-innovations"' in html and 'href="/innovations/?q=Pojok+Baca"' in html


def test_a_hub_is_found_by_name_acronym_and_province(client, world):
    for q in ("Provinsi Uji A", "PUA", "Provinsi Uji A"[:14]):
        assert [h.pk for h in _groups(client, q)["hubs"].rows][:1] == [world.hub_a.pk], q
    assert world.coached_a.pk not in [h.pk for h in _groups(client, "Uji A")["hubs"].rows]  # not a hub


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", ["Pojok Baca Keliling", "Pojok Baca Pesisir"]),
        ("admin", ["Pojok Baca Keliling", "Pojok Baca Pesisir"]),  # hub B's draft is not hub A's
        ("other_hub_member", ["Pojok Baca Keliling", "Pojok Baca Pesisir", "Pojok Baca Rahasia"]),
        ("staff", ["Pojok Baca Keliling", "Pojok Baca Pesisir", "Pojok Baca Rahasia"]),
    ],
)
def test_each_user_finds_exactly_what_restrict_allows(client, records, role, expected):
    user = records.user(role)
    if role != "anonymous":
        client.force_login(user)
    group = _groups(client, "Pojok Baca")["innovations"]
    assert _titles(group) == expected
    assert group.total == len(expected)
    html = client.get(URL, {"q": "Rahasia"}).content.decode()
    assert ("Pojok Baca Rahasia" in html) == ("Pojok Baca Rahasia" in expected)


@pytest.mark.parametrize("role,sees_drafts", [("anonymous", False), ("admin", False), ("staff", True)])
def test_stories_and_replications_of_another_hubs_draft_are_hidden(client, world, role, sees_drafts):
    """Hub B's draft story and the replication of its draft innovation: staff only (count included)."""
    draft = InnovationFactory(institution=world.hub_b, hub=world.hub_b, status="draft", title="Draf Kelor")
    ReplicationFactory(innovation=draft, adopter=world.coached_b, facilitating_hub=world.hub_b)
    ImpactStoryFactory(title="Kisah Kelor", hub=world.hub_b, status="draft")
    if role != "anonymous":
        client.force_login(world.user(role))
    groups = _groups(client, "Kelor")
    assert [groups[k].total for k in ("innovations", "stories", "replications")] == [int(sees_drafts)] * 3


def test_a_private_beneficiary_name_is_never_a_hit_nor_shown(client, world):
    ImpactStoryFactory(title="Beternak ayam di desa", beneficiary_name="Siti Wahyuni", consent_name_public=False)
    assert _groups(client, "Wahyuni")["stories"].total == 0
    stories = _groups(client, "Beternak")["stories"]
    assert stories.total == 1
    html = client.get(URL, {"q": "Beternak"}).content.decode()
    assert "Beternak ayam di desa" in html and "Siti" not in html and "Wahyuni" not in html


def test_replications_are_found_by_innovation_adopter_or_hub(client, world):
    innovation = InnovationFactory(institution=world.hub_a, hub=world.hub_a, status="published", title="Sapa Warga")
    ReplicationFactory(innovation=innovation, adopter=world.coached_b, facilitating_hub=world.hub_a)
    for q in ("Sapa Warga", "Kabupaten Uji B1", "PUA"):
        assert _groups(client, q)["replications"].total == 1, q
    html = client.get(URL, {"q": "Kabupaten Uji B1"}).content.decode()
    assert "Direplikasi oleh Pemerintah Kabupaten Uji B1" in html


def test_english_title_is_matched_whatever_the_ui_language(client, world):
    InnovationFactory(
        institution=world.hub_a, hub=world.hub_a, status="published", title="Pojok Baca", title_en="Reading Corner"
    )
    assert _titles(_groups(client, "Reading Corner")["innovations"]) == ["Pojok Baca"]
    assert _titles(_groups(client, "Pojok")["innovations"]) == ["Pojok Baca"]
    client.post(reverse("set_language"), {"language": "en", "next": URL})
    assert _titles(_groups(client, "Pojok")["innovations"]) == ["Pojok Baca"]
    html = client.get(URL, {"q": "Pojok"}).content.decode()
    assert '<html lang="en">' in html and '<span lang="en">Reading Corner</span>' in html


def test_see_all_appears_when_a_group_has_more_than_it_shows(client, world):
    for n in range(7):
        InnovationFactory(institution=world.hub_a, hub=world.hub_a, status="published", title=f"Lapak Inovasi {n}")
    group = _groups(client, "Lapak")["innovations"]
    assert group.total == 7 and len(group.rows) == 5
    html = client.get(URL, {"q": "Lapak"}).content.decode()
    assert "Lihat semua 7 hasil Inovasi" in html
    # The list the link leads to counts the same rows.
    assert client.get(group.list_url).context["paginator"].count == 7


@pytest.mark.parametrize(
    "q,message", [("", "Ketik nama hub"), ("   ", "Ketik nama hub"), ("x" * 201, "terlalu panjang")]
)
def test_empty_or_too_long_text_searches_nothing_and_says_why(client, records, q, message):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    assert "groups" not in response.context
    assert message in response.content.decode()


def test_a_fixed_number_of_queries_whatever_the_rows(client, world, django_assert_max_num_queries):
    for n in range(12):
        innovation = InnovationFactory(institution=world.hub_a, hub=world.hub_a, status="published", title=f"Uji {n}")
        ReplicationFactory(innovation=innovation, adopter=world.coached_b, facilitating_hub=world.hub_a)
        ImpactStoryFactory(title=f"Kisah Uji {n}", hub=world.hub_a)
    client.force_login(world.staff)
    client.get(URL, {"q": "Uji"})  # the session and the user's roles
    with django_assert_max_num_queries(16):
        groups = _groups(client, "Uji")
    assert all(g.total for g in groups.values())


@pytest.mark.parametrize(
    "path", ["/", "/hubs/", "/innovations/", "/stories/", "/tpbis/", "/search/?q=a", "/hubs/none/"]
)
def test_every_page_has_the_header_search_box(client, world, path):
    if path == "/tpbis/":
        ImpactStoryFactory()
    html = client.get(path).content.decode()
    form = re.search(
        r'<form class="header-search" action="/search/" method="get" role="search"[^>]*>(.*?)</form>', html, re.S
    )
    assert form, path
    assert '<label class="visually-hidden" for="header-search-q">' in form.group(1)
    assert 'placeholder="Cari hub, inovasi, kisah…"' in form.group(1)
