"""The sourced TPBIS seed (part of seed_reference) and the synthetic `seed_demo`."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from dataio.demo_bulk import BULK_SCALES
from hubs.services import SeedResult
from innovations.models import Innovation
from stories.models import ActivityType, ImpactStory, Indicator, Measurement, Programme
from stories.reference import tpbis_reference_seed

pytestmark = pytest.mark.django_db


def _values():
    return {
        (m.indicator.slug, m.measured_on.isoformat()): m.value
        for m in Measurement.objects.select_related("indicator", "source")
    }


def test_tpbis_seed_loads_the_sourced_figures(hub):
    tpbis_reference_seed(SeedResult())
    programme = Programme.objects.get(slug="tpbis")
    assert programme.hub == hub and programme.acronym == "TPBIS"
    assert programme.description and programme.description_en
    assert {s.publisher for s in programme.sources.all()} == {"industry.co.id", "jpnn.com", "tribunnews.com"}
    assert _values() == {
        ("provinsi", "2025-04-30"): Decimal(38),
        ("kabupaten-kota", "2025-04-30"): Decimal(296),
        ("desa", "2025-04-30"): Decimal(2396),
        ("replikasi-mandiri", "2025-04-30"): Decimal(3237),
        ("orang-terjangkau", "2022-12-31"): Decimal(2133918),
        ("orang-terjangkau", "2025-04-30"): Decimal(8200000),
        ("kegiatan", "2022-12-31"): Decimal(85776),
        ("skor-efektivitas", "2024-12-31"): Decimal("3.33"),
    }


def test_every_measurement_carries_its_source_and_no_url_or_target_is_invented(hub):
    tpbis_reference_seed(SeedResult())
    for m in Measurement.objects.select_related("source"):
        assert m.source.publisher == "industry.co.id" and m.source.reference == "read/141279"
        assert "jpnn" in m.evidence and "tribunnews" in m.evidence
    assert not Measurement.objects.filter(measured_on__gt=datetime.date(2025, 4, 30)).exists()
    assert Indicator.objects.filter(target__isnull=False).count() == 0
    assert not Programme.objects.get(slug="tpbis").sources.exclude(url="").exists()
    assert not ImpactStory.objects.exists(), "the reference seed invents no story"


def test_tpbis_seed_is_idempotent(hub):
    tpbis_reference_seed(SeedResult())
    again = tpbis_reference_seed(SeedResult())
    assert str(again) == "no changes"


def test_activity_types_are_data(hub):
    tpbis_reference_seed(SeedResult())
    slugs = set(ActivityType.objects.values_list("slug", flat=True))
    assert {"pelatihan", "pendampingan", "akses-internet", "program-membaca", "pemasaran-digital"} <= slugs


def test_seed_demo_is_refused_when_demo_data_is_not_allowed(settings):
    settings.JIPP_ALLOW_DEMO_DATA = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not ImpactStory.objects.exists()


def test_production_settings_forbid_demo_data():
    from django.conf import settings

    source = (settings.BASE_DIR / "jipp" / "settings" / "production.py").read_text(encoding="utf-8")
    assert "JIPP_ALLOW_DEMO_DATA = False" in source


def test_seed_demo_creates_only_demo_records_and_is_idempotent(hub, province):
    tpbis_reference_seed(SeedResult())
    call_command("seed_demo", "--scale", "small", stdout=io.StringIO())
    # 12 stories and 3 innovations through the services, then a few hundred of each in bulk.
    bulk = BULK_SCALES["small"]
    stories = ImpactStory.objects.all()
    assert stories.count() == 12 + bulk["stories"]
    assert not stories.filter(is_demo=False).exists()
    assert stories.filter(status="published").exists() and stories.filter(status="draft").exists()
    assert Innovation.objects.count() == 3 + bulk["innovations"]
    assert not Innovation.objects.filter(is_demo=False).exists()
    call_command("seed_demo", stdout=io.StringIO())
    assert ImpactStory.objects.count() == 12 + bulk["stories"]
