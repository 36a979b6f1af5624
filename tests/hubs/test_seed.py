"""The reference loader (`seed_reference`): real regions and every sourced cohort and hub, idempotently."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Max

from hubs.models import Cohort, HubDesignation, Institution, InstitutionSuccession, Province, Regency, Source
from hubs.services import reference_seed

pytestmark = pytest.mark.django_db


def _hubs_of(cohort_slug, **filters):
    return set(
        HubDesignation.objects.filter(cohort__slug=cohort_slug, **filters).values_list("institution__name", flat=True)
    )


def test_seed_loads_38_provinces_and_514_regencies(seeded):
    """All 38 provinces and 514 regencies/cities (416 kabupaten, 98 kota) of Kepmendagri 2025 are loaded."""
    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514
    assert dict(Regency.objects.values_list("kind").annotate(n=Count("pk"))) == {"kabupaten": 416, "kota": 98}


@pytest.mark.parametrize(
    ("model", "code", "name"),
    [
        (Province, "31", "DKI Jakarta"),
        (Province, "34", "Daerah Istimewa Yogyakarta"),
        (Province, "19", "Kepulauan Bangka Belitung"),
        (Regency, "11.01", "Kabupaten Aceh Selatan"),
        (Regency, "73.10", "Kabupaten Pangkajene dan Kepulauan"),
        (Regency, "31.71", "Kota Administrasi Jakarta Pusat"),
    ],
)
def test_seed_shows_region_names_in_proper_case(seeded, model, code, name):
    """The source's capitals become the usual casing: acronyms kept, 'dan' in lower case."""
    assert model.objects.get(code=code).name == name


def test_seed_regencies_belong_to_their_province(seeded):
    """Every regency's code starts with its province's code (Kemendagri numbering)."""
    mismatched = [r.code for r in Regency.objects.select_related("province") if r.code[:2] != r.province.code]
    assert mismatched == []


def test_seed_records_every_sourced_hub_per_cohort_year(seeded):
    """Recorded hubs per year: 2020: 8, 2021: 4, 2022: 3, 2023: 19, 2024: 6 (40 in all)."""
    per_year = dict(HubDesignation.objects.values_list("cohort__year").annotate(n=Count("pk")))
    assert per_year == {2020: 8, 2021: 4, 2022: 3, 2023: 19, 2024: 6}
    assert Institution.objects.filter(designations__isnull=False).distinct().count() == 40


def test_seed_cohort_announced_counts(seeded):
    """Each cohort carries the number of hubs its source announced."""
    announced = dict(Cohort.objects.values_list("slug", "announced_count"))
    assert announced == {
        "2020": 8,
        "2021": 4,
        "2022": 3,
        "2023-provinsi": 7,
        "2023-kementerian-lembaga": 12,
        "2024": 20,
    }


def test_seed_2023_is_seven_provinces_and_twelve_ministries_and_agencies(seeded):
    """2023 has a provincial round (7 province governments) and a national round (12 ministries/agencies)."""
    provinces = HubDesignation.objects.filter(cohort__slug="2023-provinsi")
    national = HubDesignation.objects.filter(cohort__slug="2023-kementerian-lembaga")
    assert set(provinces.values_list("institution__kind", flat=True)) == {"pemprov"}
    assert provinces.count() == 7
    assert national.count() == 12
    assert "pemprov" not in set(national.values_list("institution__kind", flat=True))
    assert "Kepolisian Negara Republik Indonesia" in _hubs_of("2023-kementerian-lembaga")


def test_seed_2024_records_four_confirmed_and_two_reported_of_twenty_announced(seeded):
    """2024 announced 20 hubs; Perpusnas, KLHK, DKI Jakarta and LKPP are confirmed, Sulbar and Kepri reported."""
    assert Cohort.objects.get(slug="2024").announced_count == 20
    assert _hubs_of("2024", evidence="confirmed") == {
        "Perpustakaan Nasional Republik Indonesia",
        "Kementerian Lingkungan Hidup dan Kehutanan",
        "Pemerintah Provinsi DKI Jakarta",
        "Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah",
    }
    assert _hubs_of("2024", evidence="reported") == {
        "Pemerintah Provinsi Sulawesi Barat",
        "Pemerintah Provinsi Kepulauan Riau",
    }
    # Bengkulu is only "uncertain" in DOMAIN.md: it must not be invented into the cohort.
    assert not HubDesignation.objects.filter(institution__name__icontains="Bengkulu").exists()


def test_seed_every_cohort_and_designation_has_a_source(seeded):
    """No seeded fact is without its source."""
    assert Source.objects.exists()
    assert not Cohort.objects.filter(sources__isnull=True).exists()
    assert not HubDesignation.objects.filter(sources__isnull=True).exists()


def test_seed_province_hubs_are_linked_to_their_province(seeded):
    """A province government points at its province (e.g. Pemerintah Provinsi DKI Jakarta → 31)."""
    assert Institution.objects.get(name="Pemerintah Provinsi DKI Jakarta").province_id == "31"
    assert not Institution.objects.filter(kind="pemprov", province__isnull=True).exists()


def test_seed_klhk_has_two_successors(seeded):
    """KLHK was split in October 2024 into Kementerian Lingkungan Hidup and Kementerian Kehutanan."""
    klhk = Institution.objects.get(acronym="KLHK")
    successions = InstitutionSuccession.objects.filter(predecessor=klhk)
    assert set(successions.values_list("successor__name", flat=True)) == {
        "Kementerian Lingkungan Hidup",
        "Kementerian Kehutanan",
    }
    assert {(s.changed_on.year, s.changed_on.month) for s in successions} == {(2024, 10)}


def _snapshot():
    """Row counts of every seeded table (including history and m2m tables) and the latest updated_at."""
    models = [
        Province,
        Regency,
        Source,
        Cohort,
        Cohort.sources.through,
        Institution,
        Institution.history.model,
        InstitutionSuccession,
        HubDesignation,
        HubDesignation.history.model,
        HubDesignation.sources.through,
    ]
    counts = {m._meta.label: m.objects.count() for m in models}
    # The m2m history table of HubDesignation.sources, if simple-history registered one.
    for m in HubDesignation.history.model._meta.related_objects:
        counts[m.related_model._meta.label] = m.related_model.objects.count()
    latest = (
        Institution.objects.aggregate(m=Max("updated_at"))["m"],
        HubDesignation.objects.aggregate(m=Max("updated_at"))["m"],
    )
    return counts, latest


def test_seed_second_run_changes_nothing(seeded):
    """A second run creates, updates and historises nothing: same counts, same updated_at."""
    before = _snapshot()
    result = reference_seed()
    # Unary + drops zero counts (the loader records "+0 regencies" on a re-run).
    assert (+result.created, +result.updated) == ({}, {}), str(result)
    assert _snapshot() == before


def test_seed_command_is_idempotent():
    """`manage.py seed_reference` run twice leaves the same 38/514 regions and 40 hubs, and says so."""
    out = StringIO()
    call_command("seed_reference", stdout=out)
    call_command("seed_reference", stdout=out)
    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514
    assert HubDesignation.objects.count() == 40
    assert out.getvalue().splitlines()[-1] == "Reference data loaded (no changes)."


def test_seed_repairs_a_changed_fact(seeded):
    """A re-run puts back a seeded value that was changed, and reports it as one update."""
    Province.objects.filter(code="31").update(name="DKI JAKARTA")
    result = reference_seed()
    assert Province.objects.get(code="31").name == "DKI Jakarta"
    assert (+result.created, +result.updated) == ({}, {"Province": 1})


def test_seed_keeps_an_institution_renamed_by_staff(seeded):
    """A hub renamed in the admin stays one hub with its new name: a re-run (every `make run`) adds no copy."""
    perpusnas = Institution.objects.get(slug="perpusnas")
    perpusnas.name = "Perpustakaan Nasional RI (nama baru)"
    perpusnas.save()
    before = (Institution.objects.count(), HubDesignation.objects.count())
    reference_seed()
    assert (Institution.objects.count(), HubDesignation.objects.count()) == before
    assert Institution.objects.get(slug="perpusnas").name == "Perpustakaan Nasional RI (nama baru)"
