"""Test regions never collide with the official (seeded) Kemendagri codes."""

from hubs.models import Province
from tests.factories.hubs import FREE_PROVINCE_CODES, ProvinceFactory, RegencyFactory, official_province_codes


def test_free_province_codes_are_outside_the_official_set():
    official = official_province_codes()
    assert len(official) == 38
    assert FREE_PROVINCE_CODES
    assert not official & set(FREE_PROVINCE_CODES)


def test_factory_regions_and_the_shared_world_sit_beside_the_seeded_ones(seeded, world):
    """With the 38 seeded provinces loaded, factory rows are new rows, never a seeded province renamed."""
    official = official_province_codes()
    provinces = ProvinceFactory.create_batch(len(FREE_PROVINCE_CODES) - 2)  # every free code the world leaves
    regency = RegencyFactory()
    codes = {p.code for p in provinces} | {regency.province.code, world.province.code, world.province_b.code}
    assert not codes & official
    assert Province.objects.filter(code__in=official).count() == 38
    assert not Province.objects.filter(code__in=official, name__startswith="Provinsi Uji").exists()
