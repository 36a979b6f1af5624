"""The public pages of the hubs app: home, the hub list (filters, search, sort) and a hub's detail."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from hubs.models import Institution
from tests.factories.hubs import (
    CohortFactory,
    HubDesignationFactory,
    InstitutionFactory,
    InstitutionSuccessionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

HUB_LIST = reverse("hubs:hub_list")

# Query baselines: a page's query count may not grow with the number of hubs (no N+1). Raise a
# baseline only on purpose, when a page really needs another query. The list reads the cohort-year
# choices once per request (HubFilterSet.__init__).
HUB_LIST_MAX_QUERIES = 6
# Detail: 7 for the hub, its designations, sources and successions, 4 for its replications (ids, then
# rows, each way) and, on a cold cache, 2 for their totals.
HUB_DETAIL_MAX_QUERIES = 18  # 13, plus one per section of the page (dashboard.selectors.HubPage)
# Home computes the dashboard's figures on a cold cache (hubs/dashboard.py): a fixed 13 queries for an
# anonymous visitor, whatever the number of rows (see tests/dashboard/test_queries.py).
HOME_MAX_QUERIES = 13

PROVINCES_2021 = {
    "Pemerintah Provinsi Riau",
    "Pemerintah Provinsi Kalimantan Barat",
    "Pemerintah Provinsi Bali",
    "Pemerintah Provinsi Maluku",
}


def listed(response):
    """Names of the hubs on the page, in page order."""
    assert response.status_code == 200
    return [hub.name for hub in response.context["hubs"]]


# --- Home --------------------------------------------------------------------------------------


def test_home_shows_hub_counts_by_cohort_and_kind(client, seeded):
    """Home answers 200 with 40 of 54 announced hubs recorded, counts per kind, and '20 diumumkan, 6 tercatat'."""
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.context["hub_total"] == 40
    assert response.context["announced_total"] == 54
    assert dict(response.context["by_kind"]) == {
        "Pemerintah provinsi": 25,
        "Kementerian": 9,
        "Lembaga": 3,
        "Lainnya (Polri, Mahkamah Agung, Kejaksaan, ...)": 3,
    }
    html = response.content.decode()
    assert '<p class="stat mb-0" id="hub-total">40</p>' in html
    assert "20 diumumkan, 6 tercatat" in html


def test_home_works_on_an_empty_registry(client, db):
    """Before any seed, home still answers 200 with zero hubs."""
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.context["hub_total"] == 0


def test_home_query_count_is_fixed(client, seeded, django_assert_max_num_queries):
    """Home needs at most HOME_MAX_QUERIES queries."""
    with django_assert_max_num_queries(HOME_MAX_QUERIES):
        assert client.get(reverse("home")).status_code == 200


# --- Hub list: content, filters, search -------------------------------------------------------


def test_hub_list_shows_every_seeded_hub_once(client, seeded):
    """Unfiltered, the list shows the 40 hubs, and not the successor ministries that hold no designation."""
    names = listed(client.get(HUB_LIST))
    assert len(names) == 40 == len(set(names))
    assert "Kementerian Kehutanan" not in names
    assert "Pemerintah Provinsi Jawa Timur" in names


def test_hub_list_filters_by_cohort_year(client, seeded):
    """?year=2021 lists exactly the four provinces designated in 2021."""
    assert set(listed(client.get(HUB_LIST, {"year": 2021}))) == PROVINCES_2021


def test_hub_list_year_filter_spans_both_2023_rounds(client, seeded):
    """?year=2023 lists the 7 provinces and the 12 ministries/agencies of 2023's two rounds."""
    names = listed(client.get(HUB_LIST, {"year": 2023}))
    assert len(names) == 19
    assert {"Pemerintah Provinsi Jambi", "Kementerian Agama", "Mahkamah Agung"} <= set(names)


def test_hub_list_unknown_year_shows_no_hub(client, seeded):
    """A year without designations is not a valid choice: the page answers 200 and lists nothing."""
    assert listed(client.get(HUB_LIST, {"year": 1999})) == []


def test_hub_list_year_filter_lists_a_hub_designated_twice_once(client, seeded):
    """A hub designated in two cohorts of the same year appears once under that year."""
    hub = InstitutionFactory(name="Kementerian Dua Kali")
    HubDesignationFactory(institution=hub, cohort=CohortFactory(year=2025))
    HubDesignationFactory(institution=hub, cohort=CohortFactory(year=2025))
    assert listed(client.get(HUB_LIST, {"year": 2025})) == ["Kementerian Dua Kali"]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("lainnya", {"Kepolisian Negara Republik Indonesia", "Mahkamah Agung", "Kejaksaan Agung"}),
        (
            "lembaga",
            {
                "Badan Pengawas Obat dan Makanan",
                "Perpustakaan Nasional Republik Indonesia",
                "Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah",
            },
        ),
    ],
)
def test_hub_list_filters_by_kind(client, seeded, kind, expected):
    """?kind= lists only hubs of that institution type."""
    assert set(listed(client.get(HUB_LIST, {"kind": kind}))) == expected


def test_hub_list_kind_filter_counts_province_governments(client, seeded):
    """?kind=pemprov lists the 25 province governments and nothing else."""
    response = client.get(HUB_LIST, {"kind": "pemprov"})
    assert len(listed(response)) == 25
    assert {hub.kind for hub in response.context["hubs"]} == {"pemprov"}


def test_hub_list_filters_by_province(client, seeded):
    """?province=31 lists the hub located in DKI Jakarta only."""
    assert listed(client.get(HUB_LIST, {"province": "31"})) == ["Pemerintah Provinsi DKI Jakarta"]


def test_hub_list_combines_filters(client, seeded):
    """Filters combine: 2024 province governments are DKI Jakarta and the two reported provinces."""
    names = listed(client.get(HUB_LIST, {"year": 2024, "kind": "pemprov"}))
    assert set(names) == {
        "Pemerintah Provinsi DKI Jakarta",
        "Pemerintah Provinsi Sulawesi Barat",
        "Pemerintah Provinsi Kepulauan Riau",
    }


def test_hub_list_searches_by_name_case_insensitively(client, seeded):
    """?q=jawa finds the three Jawa provinces, whatever the letter case."""
    assert set(listed(client.get(HUB_LIST, {"q": "jawa"}))) == {
        "Pemerintah Provinsi Jawa Barat",
        "Pemerintah Provinsi Jawa Tengah",
        "Pemerintah Provinsi Jawa Timur",
    }


@pytest.mark.parametrize(
    ("q", "name"),
    [
        ("klhk", "Kementerian Lingkungan Hidup dan Kehutanan"),
        ("Perpusnas", "Perpustakaan Nasional Republik Indonesia"),
        ("ATR/BPN", "Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional"),
    ],
)
def test_hub_list_searches_by_acronym(client, seeded, q, name):
    """?q= also matches the acronym, which is not part of the name."""
    assert listed(client.get(HUB_LIST, {"q": q})) == [name]


def test_hub_list_search_without_match_says_so(client, seeded):
    """A search that matches nothing lists no hub and tells the user."""
    response = client.get(HUB_LIST, {"q": "tidak ada instansi seperti ini"})
    assert listed(response) == []
    assert "Tidak ada hub yang cocok dengan saringan ini." in response.content.decode()


# --- Hub list: sort -----------------------------------------------------------------------------


def test_hub_list_sorts_by_name_ascending(client, seeded):
    """?ordering=name sorts A→Z (checked on the 2020 provinces, whose order no collation disputes)."""
    assert listed(client.get(HUB_LIST, {"year": 2020, "ordering": "name"})) == [
        "Pemerintah Provinsi Gorontalo",
        "Pemerintah Provinsi Jawa Tengah",
        "Pemerintah Provinsi Jawa Timur",
        "Pemerintah Provinsi Kalimantan Selatan",
        "Pemerintah Provinsi Kepulauan Bangka Belitung",
        "Pemerintah Provinsi Sulawesi Selatan",
        "Pemerintah Provinsi Sumatera Barat",
        "Pemerintah Provinsi Sumatera Selatan",
    ]


def test_hub_list_sorts_by_name_descending(client, seeded):
    """?ordering=-name is the exact reverse of ?ordering=name, from Perpusnas down to Badan POM."""
    ascending = listed(client.get(HUB_LIST, {"ordering": "name"}))
    descending = listed(client.get(HUB_LIST, {"ordering": "-name"}))
    assert descending == ascending[::-1]
    assert descending[0] == "Perpustakaan Nasional Republik Indonesia"
    assert descending[-1] == "Badan Pengawas Obat dan Makanan"


@pytest.mark.parametrize(("ordering", "first", "last"), [("year", 2020, 2024), ("-year", 2024, 2020)])
def test_hub_list_sorts_by_first_cohort_year(client, seeded, ordering, first, last):
    """?ordering=year sorts by the hub's first cohort year, oldest first; -year newest first."""
    years = [hub.first_year for hub in client.get(HUB_LIST, {"ordering": ordering}).context["hubs"]]
    assert years == sorted(years, reverse=ordering.startswith("-"))
    assert (years[0], years[-1]) == (first, last)


# --- Hub list: query count ----------------------------------------------------------------------


def _add_hubs(count):
    """`count` more province hubs, each in a new cohort with a source, half of them also in a 2024 cohort."""
    cohort_2025 = CohortFactory(year=2025)
    cohort_2024 = CohortFactory(year=2024)
    source = SourceFactory()
    for i in range(count):
        hub = InstitutionFactory(pemprov=True)
        HubDesignationFactory(institution=hub, cohort=cohort_2025, sources=[source])
        if i % 2:
            HubDesignationFactory(institution=hub, cohort=cohort_2024, sources=[source])


@pytest.mark.parametrize(
    "params",
    [{}, {"year": 2024, "kind": "pemprov", "province": "31", "q": "a", "ordering": "-year"}],
    ids=["unfiltered", "all-filters"],
)
def test_hub_list_query_count_does_not_grow_with_hubs(client, seeded, django_assert_max_num_queries, params):
    """The hub list needs the same number of queries (≤ HUB_LIST_MAX_QUERIES) for 40 hubs and for 40 + 30."""
    with django_assert_max_num_queries(HUB_LIST_MAX_QUERIES) as seeded_only:
        assert client.get(HUB_LIST, params).status_code == 200
    _add_hubs(30)
    with django_assert_max_num_queries(HUB_LIST_MAX_QUERIES) as grown:
        response = client.get(HUB_LIST, params)
    if not params:
        assert response.context["paginator"].count == 70  # the extra hubs really are listed
    assert len(grown.captured_queries) == len(seeded_only.captured_queries)


# --- Hub detail ---------------------------------------------------------------------------------


def test_hub_detail_shows_decree_and_sources(client, seeded):
    """A 2020 hub's page shows its cohort, the decree KepmenPANRB 94/2020 and both cited sources."""
    response = client.get(reverse("hubs:hub_detail", kwargs={"slug": "pemerintah-provinsi-jawa-timur"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Angkatan 2020 (rintisan)" in html
    assert "KepmenPANRB 94/2020" in html
    assert "indonesiaparlemen.com" in html
    assert "antaranews.com, berita 1618314" in html
    assert "Jawa Timur" in html and "35" in html  # its province and code


def test_hub_detail_says_when_the_decree_number_is_unknown(client, seeded):
    """Perpusnas's 2024 cohort has no known decree number: the page says so instead of leaving a blank."""
    html = client.get(reverse("hubs:hub_detail", kwargs={"slug": "perpusnas"})).content.decode()
    assert "Perpustakaan Nasional Republik Indonesia" in html
    assert "Nomor keputusan belum diketahui" in html
    assert "industry.co.id, read/136949" in html


def test_hub_detail_shows_successors(client, seeded):
    """KLHK's page lists both successors and the month of the change."""
    response = client.get(reverse("hubs:hub_detail", kwargs={"slug": "klhk"}))
    assert response.status_code == 200
    assert {s.successor.name for s in response.context["hub"].successions.all()} == {
        "Kementerian Lingkungan Hidup",
        "Kementerian Kehutanan",
    }
    html = response.content.decode()
    assert "Dilanjutkan oleh <strong>Kementerian Lingkungan Hidup</strong>" in html
    assert "Dilanjutkan oleh <strong>Kementerian Kehutanan</strong>" in html
    assert "(Oktober 2024)" in html


def test_hub_detail_links_a_source_that_has_a_url(client, db):
    """A source with a URL is rendered as a link to it."""
    source = SourceFactory(publisher="menpan.go.id", url="https://menpan.go.id/site/berita-terkini/jipp")
    designation = HubDesignationFactory(sources=[source])
    html = client.get(designation.institution.get_absolute_url()).content.decode()
    assert '<a href="https://menpan.go.id/site/berita-terkini/jipp" rel="noopener">menpan.go.id' in html


def test_hub_detail_links_only_a_web_address(client, db):
    """A source whose address is not http(s) (an import could store any) is plain text, never a link."""
    sources = [SourceFactory(publisher="Skrip Uji", url="javascript:alert(1)"), SourceFactory(publisher="Surat Uji")]
    designation = HubDesignationFactory(sources=sources)
    html = client.get(designation.institution.get_absolute_url()).content.decode()
    assert "javascript:" not in html
    assert re.search(r"<li>Skrip Uji[^<]*</li>", html) and re.search(r"<li>Surat Uji[^<]*</li>", html)


def test_hub_detail_shows_a_predecessor(client, db):
    """A hub that continues another institution names its predecessor."""
    designation = HubDesignationFactory()
    InstitutionSuccessionFactory(
        predecessor=InstitutionFactory(name="Kementerian Lama"), successor=designation.institution
    )
    html = client.get(designation.institution.get_absolute_url()).content.decode()
    assert "Penerus dari <strong>Kementerian Lama</strong>" in html


def test_hub_detail_unknown_slug_is_404(client, seeded):
    """An unknown slug answers 404."""
    assert client.get(reverse("hubs:hub_detail", kwargs={"slug": "tidak-ada"})).status_code == 404


def test_hub_detail_of_an_institution_without_designation_is_404(client, seeded):
    """An institution that is not a hub (Kementerian Kehutanan, a successor only) has no hub page."""
    assert client.get(reverse("hubs:hub_detail", kwargs={"slug": "kementerian-kehutanan"})).status_code == 404


def test_hub_detail_query_count_is_fixed(client, seeded, django_assert_max_num_queries):
    """A hub's page needs at most HUB_DETAIL_MAX_QUERIES queries, however many designations and sources it has.

    Both requests are made with an empty cache (the replication totals are cached), so both count.
    """
    cache.clear()
    with django_assert_max_num_queries(HUB_DETAIL_MAX_QUERIES) as few:
        assert client.get(reverse("hubs:hub_detail", kwargs={"slug": "klhk"})).status_code == 200
    klhk = Institution.objects.get(slug="klhk")
    for _ in range(5):
        HubDesignationFactory(institution=klhk, sources=SourceFactory.create_batch(3))
    cache.clear()
    with django_assert_max_num_queries(HUB_DETAIL_MAX_QUERIES) as many:
        response = client.get(reverse("hubs:hub_detail", kwargs={"slug": "klhk"}))
    assert len(response.context["hub"].designations.all()) == 6
    assert len(many.captured_queries) == len(few.captured_queries)
