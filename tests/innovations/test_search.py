"""Full-text search and filters of the innovation list."""

import pytest
from django.db import connection
from django.urls import reverse

from innovations.filtersets.innovation import InnovationFilterSet
from innovations.models import Award, Innovation
from innovations.selectors.innovation import innovations_visible_to
from tests.factories.innovations import eligible

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the `indonesian` text search configuration exists on PostgreSQL only"
)


def _search(user, **params):
    qs = InnovationFilterSet(params, queryset=innovations_visible_to(user)).qs
    return list(qs.values_list("title", flat=True))


@pytest.fixture
def corpus(world):
    eligible(
        institution=world.coached_a,
        hub=world.hub_a,
        status="published",
        title="Inovasi Kesehatan Ibu",
        signifikansi="Angka kematian ibu turun berkat pendampingan bidan desa.",
    )
    eligible(
        institution=world.hub_a,
        hub=world.hub_a,
        status="published",
        title="Inovasi Perizinan",
        strategi_keberlanjutan="Pelayanan perizinan terpadu satu pintu diatur peraturan gubernur.",
    )
    eligible(institution=world.coached_a, hub=world.hub_a, status="draft", title="Draf Bidan Desa", kebaruan="bidan")


@postgres_only
def test_indonesian_configuration_stems_as_expected(db):
    """Checked in psql first: the Indonesian snowball stemmer maps pelayanan and layanan to `layan`."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('indonesian', 'pelayanan'), to_tsvector('indonesian', 'layanan')")
        assert cursor.fetchone() == ("'layan':1", "'layan':1")


@postgres_only
def test_word_found_only_in_one_aspect(world, corpus):
    """ "bidan" appears only in the signifikansi aspect of one published innovation (the draft is hidden)."""
    assert _search(world.anonymous, q="bidan") == ["Inovasi Kesehatan Ibu"]


@postgres_only
def test_stemmed_form_finds_the_innovation(world, corpus):
    """ "layanan" finds the innovation whose aspect says "Pelayanan" (both stem to `layan`)."""
    assert _search(world.anonymous, q="layanan") == ["Inovasi Perizinan"]


@postgres_only
def test_results_are_ranked(world, corpus):
    eligible(
        institution=world.coached_a,
        hub=world.hub_a,
        status="published",
        title="Pelayanan Pelayanan Pelayanan",
        ringkasan="Pelayanan keliling, pelayanan malam, pelayanan daring.",
    )
    assert _search(world.anonymous, q="pelayanan")[0] == "Pelayanan Pelayanan Pelayanan"


@postgres_only
def test_search_uses_the_gin_index(world, corpus):
    """The `@@` filter uses the GIN index on the stored search document of migration 0006."""
    qs = InnovationFilterSet({"q": "bidan"}, queryset=Innovation.objects.all()).qs
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = qs.explain()
    assert "innovation_search_doc_gin" in plan


def test_search_fallback_or_fulltext_finds_aspect_word(world, corpus):
    """On either database, a word from one aspect finds its innovation and nothing else."""
    assert _search(world.anonymous, q="kematian") == ["Inovasi Kesehatan Ibu"]
    assert _search(world.anonymous, q="tidakadakatanya") == []


def test_filters(world, corpus):
    published = Innovation.objects.get(title="Inovasi Perizinan")
    Award.objects.create(innovation=published, kind="kipp_top45", year=2023)
    assert _search(world.anonymous, award="kipp_top45") == ["Inovasi Perizinan"]
    assert _search(world.anonymous, institution=str(world.hub_a.pk)) == ["Inovasi Perizinan"]
    assert sorted(_search(world.anonymous, hub=str(world.hub_a.pk))) == ["Inovasi Kesehatan Ibu", "Inovasi Perizinan"]
    assert _search(world.anonymous, hub=str(world.hub_b.pk)) == []
    assert len(_search(world.anonymous, sdg="16")) == 2
    year = published.implementation_started_on.year
    assert len(_search(world.anonymous, year=str(year))) == 2
    assert _search(world.anonymous, year="2001") == []
    assert _search(world.anonymous, status="draft") == []  # visitors never see drafts, whatever the filter
    assert _search(world.editor, status="draft") == ["Draf Bidan Desa"]
    assert _search(world.anonymous, continuation="berhenti") == []


def test_pagination_links_keep_the_filters(client, world):
    for n in range(25):
        eligible(institution=world.coached_a, hub=world.hub_a, status="published", title=f"Inovasi Jalan {n}")
    response = client.get(reverse("innovations:innovation_list"), {"stage": "penerapan", "q": "jalan"})
    page = response.content.decode()
    assert "stage=penerapan&amp;" in page and "q=jalan&amp;" in page and "page=2" in page


@pytest.fixture
def perpusnas_innovations(world):
    from tests.factories.hubs import HubFactory, InstitutionFactory

    hub = HubFactory(name="Perpustakaan Nasional Republik Indonesia", acronym="Perpusnas", slug="perpusnas-uji")
    library = InstitutionFactory(name="Dinas Perpustakaan Uji", coaching_hub=hub)
    eligible(institution=hub, hub=hub, status="published", title="Layanan Koleksi Daring")
    eligible(institution=library, hub=hub, status="published", title="Pojok Baca Desa")
    eligible(institution=library, hub=hub, status="draft", title="Draf Perpustakaan Keliling")
    return hub


@pytest.mark.parametrize("q", ["Perpustakaan Nasional", "Perpusnas", "perpusnas"])
def test_hub_name_or_acronym_finds_its_innovations(world, corpus, perpusnas_innovations, q):
    """The hub (or owning institution) named by the text: its innovations, not others, not drafts."""
    assert sorted(_search(world.anonymous, q=q)) == ["Layanan Koleksi Daring", "Pojok Baca Desa"]


def test_institution_name_finds_its_innovations(world, corpus, perpusnas_innovations):
    assert _search(world.anonymous, q="Dinas Perpustakaan Uji") == ["Pojok Baca Desa"]


def test_page_and_api_agree_on_a_hub_name(client, world, corpus, perpusnas_innovations):
    page = client.get(reverse("innovations:innovation_list"), {"q": "Perpusnas"})
    api = client.get("/api/v1/innovations/", {"q": "Perpusnas"}).json()
    assert page.context["paginator"].count == api["count"] == 2
    assert sorted(r["title"] for r in api["results"]) == sorted(i.title for i in page.context["innovations"])


def test_english_title_and_summary_are_searched(world, corpus):
    english = {"title_en": "Reading corner", "summary_en": "Books for fishermen villages."}
    eligible(institution=world.hub_a, hub=world.hub_a, status="published", title="Pojok Baca", **english)
    assert _search(world.anonymous, q="corner") == ["Pojok Baca"]
    assert _search(world.anonymous, q="fishermen") == ["Pojok Baca"]


def test_too_long_a_search_is_an_invalid_filter(world, corpus):
    assert not InnovationFilterSet({"q": "x" * 201}, queryset=innovations_visible_to(None)).is_valid()


@postgres_only
def test_hub_name_search_still_uses_the_gin_index(world, corpus, perpusnas_innovations):
    """The OR with the named institutions stays index-friendly: a BitmapOr of the GIN index and the
    foreign-key indexes, never a scan of the table."""
    qs = InnovationFilterSet({"q": "Perpusnas"}, queryset=Innovation.objects.all()).qs
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = qs.explain()
    assert "innovation_search_doc_gin" in plan
    assert "Seq Scan on innovations_innovation" not in plan
