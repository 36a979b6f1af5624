"""The database itself enforces the hubs invariants: rows written past form validation are refused.

Rows are written with `objects.create()` / `update()`, which skip `full_clean()`, so only a database
constraint can stop them. Each test names the constraint it is about (tests/constraints.py turns
the name into each backend's wording), so a different failure (another constraint, a missing table)
does not count as a pass.
"""

import datetime

import pytest
from django.db import transaction

from hubs.choices import InstitutionKind
from hubs.models import (
    Cohort,
    HubDesignation,
    HubMembership,
    Institution,
    InstitutionSuccession,
    Province,
    Regency,
    Source,
)
from tests.constraints import violates, violates_unique
from tests.factories.hubs import (
    CohortFactory,
    HubDesignationFactory,
    HubMembershipFactory,
    InstitutionFactory,
    ProvinceFactory,
    RegencyFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_province_code_is_unique():
    """A second province with an existing Kemendagri code is refused."""
    Province.objects.create(code="01", name="Provinsi Satu")
    with violates_unique(Province, "code"), transaction.atomic():
        Province.objects.create(code="01", name="Provinsi Lain")


def test_province_name_is_unique():
    """Two provinces cannot share a name."""
    Province.objects.create(code="01", name="Provinsi Satu")
    with violates_unique(Province, "name"), transaction.atomic():
        Province.objects.create(code="02", name="Provinsi Satu")


@pytest.mark.parametrize("code", ["1", "1A", "AB"])
def test_province_code_must_be_two_digits(code):
    """A province code is exactly two digits."""
    with violates(Province, "province_code_format"), transaction.atomic():
        Province.objects.create(code=code, name="Provinsi Salah")


def test_regency_code_is_unique():
    """A second regency with an existing code is refused."""
    regency = RegencyFactory()
    with violates_unique(Regency, "code"), transaction.atomic():
        Regency.objects.create(code=regency.code, province=regency.province, name="Kabupaten Lain", kind="kabupaten")


@pytest.mark.parametrize("code", ["0101", "01.1", "1.01", "01-01"])
def test_regency_code_has_the_form_pp_rr(code):
    """A regency code is `PP.RR`: two digits, a dot, two digits."""
    province = ProvinceFactory()
    with violates(Regency, "regency_code_format"), transaction.atomic():
        Regency.objects.create(code=code, province=province, name="Kabupaten Salah", kind="kabupaten")


def test_regency_name_is_unique_within_its_province():
    """Two regencies of one province cannot share a name; another province may reuse it."""
    regency = RegencyFactory(name="Kabupaten Sama")
    RegencyFactory(name="Kabupaten Sama")  # another province: allowed
    with (
        violates(Regency, "regency_unique_name_per_province"),
        transaction.atomic(),
    ):
        RegencyFactory(province=regency.province, name="Kabupaten Sama")


def test_source_key_is_unique():
    """Two sources cannot share a key (the loader finds sources by key)."""
    SourceFactory(key="menpan-1")
    with violates_unique(Source, "key"), transaction.atomic():
        Source.objects.create(key="menpan-1", publisher="menpan.go.id")


def test_institution_slug_is_unique():
    """Two institutions cannot share a slug: the slug is the hub's URL."""
    InstitutionFactory(slug="klhk")
    with violates_unique(Institution, "slug"), transaction.atomic():
        InstitutionFactory(slug="klhk")


def test_institution_name_is_unique_ignoring_case():
    """A name that differs only in letter case from an existing institution is refused."""
    InstitutionFactory(name="Kementerian Sosial")
    with violates(Institution, "institution_unique_name_ci"), transaction.atomic():
        InstitutionFactory(name="KEMENTERIAN SOSIAL", slug="kemensos-2")


def test_province_government_needs_a_province():
    """A `pemprov` institution without a province is refused; with one it is stored."""
    InstitutionFactory(pemprov=True)  # the valid case
    with violates(Institution, "institution_pemprov_has_province"), transaction.atomic():
        InstitutionFactory(kind=InstitutionKind.PEMPROV, province=None)


def test_regency_government_needs_a_regency():
    """A `pemkabkota` institution without a regency is refused; with one it is stored."""
    InstitutionFactory(pemkabkota=True)  # the valid case
    with violates(Institution, "institution_pemkabkota_has_regency"), transaction.atomic():
        InstitutionFactory(kind=InstitutionKind.PEMKABKOTA, regency=None)


def test_institution_is_not_its_own_coaching_hub():
    """An institution cannot be recorded as the hub that coaches itself."""
    institution = InstitutionFactory()
    with violates(Institution, "institution_not_own_coaching_hub"), transaction.atomic():
        Institution.objects.filter(pk=institution.pk).update(coaching_hub=institution)


def test_succession_cannot_point_to_itself():
    """An institution cannot succeed itself."""
    klhk = InstitutionFactory()
    with violates(InstitutionSuccession, "succession_not_self"), transaction.atomic():
        InstitutionSuccession.objects.create(predecessor=klhk, successor=klhk, changed_on=datetime.date(2024, 10, 1))


def test_succession_pair_is_unique_but_a_predecessor_can_have_several_successors():
    """KLHK may have two successors, but the same predecessor→successor pair is stored once."""
    klhk, klh, kehutanan = InstitutionFactory.create_batch(3)
    InstitutionSuccession.objects.create(predecessor=klhk, successor=klh, changed_on=datetime.date(2024, 10, 1))
    InstitutionSuccession.objects.create(predecessor=klhk, successor=kehutanan, changed_on=datetime.date(2024, 10, 1))
    with (
        violates(InstitutionSuccession, "succession_unique_pair"),
        transaction.atomic(),
    ):
        InstitutionSuccession.objects.create(predecessor=klhk, successor=klh, changed_on=datetime.date(2024, 11, 1))
    assert klhk.successions.count() == 2


def test_cohort_slug_is_unique():
    """Two cohorts cannot share a slug (the loader finds cohorts by slug)."""
    CohortFactory(slug="2024")
    with violates_unique(Cohort, "slug"), transaction.atomic():
        Cohort.objects.create(slug="2024", year=2024, name="Angkatan lain")


@pytest.mark.parametrize("year", [2013, 2101])
def test_cohort_year_outside_2014_to_2100_is_refused(year):
    """A cohort year before JIPP's legal basis (2014) or after 2100 is a typo and is refused."""
    with violates(Cohort, "cohort_year_range"), transaction.atomic():
        Cohort.objects.create(slug=f"angkatan-{year}", year=year, name=f"Angkatan {year}")


@pytest.mark.parametrize("year", [2014, 2100])
def test_cohort_year_range_includes_its_bounds(year):
    """The bounds 2014 and 2100 themselves are accepted."""
    Cohort.objects.create(slug=f"angkatan-{year}", year=year, name=f"Angkatan {year}")
    assert Cohort.objects.filter(year=year).count() == 1


def test_one_designation_per_institution_and_cohort():
    """An institution is designated at most once per cohort, but may be designated in another cohort."""
    designation = HubDesignationFactory()
    HubDesignationFactory(institution=designation.institution)  # another cohort: allowed
    with (
        violates(HubDesignation, "designation_unique_per_cohort"),
        transaction.atomic(),
    ):
        HubDesignation.objects.create(institution=designation.institution, cohort=designation.cohort)
    assert designation.institution.designations.count() == 2


def test_one_membership_per_user_and_hub():
    """A user holds one role per hub; a second membership row for the same pair is refused."""
    user = UserFactory()
    membership = HubMembershipFactory(user=user)
    with (
        violates(HubMembership, "membership_unique_user_hub"),
        transaction.atomic(),
    ):
        HubMembershipFactory(user=user, hub=membership.hub, role="admin")
