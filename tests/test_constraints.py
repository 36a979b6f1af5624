"""tests/constraints.py tells the named constraint apart from any other refusal."""

import pytest
from django.db import transaction

from hubs.models import Cohort, HubMembership, Province, Regency
from tests.constraints import constraint_pattern, violates, violates_unique
from tests.factories.hubs import HubMembershipFactory

pytestmark = pytest.mark.django_db


def test_the_named_check_constraint_passes():
    with violates(Province, "province_code_format"), transaction.atomic():
        Province.objects.create(code="1", name="Provinsi Salah")


def test_another_check_constraint_does_not_pass():
    """A province code refused by its own check does not count as the regency code check."""
    # pytest.raises reports a message that does not match its pattern as an AssertionError.
    with pytest.raises(AssertionError), violates(Regency, "regency_code_format"), transaction.atomic():
        Province.objects.create(code="1", name="Provinsi Salah")


def test_a_unique_field_does_not_pass_for_a_check_constraint():
    Cohort.objects.create(slug="angkatan-x", year=2024, name="Angkatan X")
    # pytest.raises reports a message that does not match its pattern as an AssertionError.
    with pytest.raises(AssertionError), violates(Cohort, "cohort_year_range"), transaction.atomic():
        Cohort.objects.create(slug="angkatan-x", year=2024, name="Angkatan Y")


def test_a_unique_constraint_over_other_columns_does_not_pass():
    """The (user, hub) unique constraint is not the role check, and not the uniqueness of another field."""
    membership = HubMembershipFactory()
    with violates(HubMembership, "membership_unique_user_hub"), transaction.atomic():
        HubMembership.objects.create(user=membership.user, hub=membership.hub, role="admin")
    # pytest.raises reports a message that does not match its pattern as an AssertionError.
    with pytest.raises(AssertionError), violates_unique(Cohort, "slug"), transaction.atomic():
        HubMembership.objects.create(user=membership.user, hub=membership.hub, role="admin")


def test_an_unknown_constraint_name_is_a_mistake_in_the_test():
    with pytest.raises(LookupError):
        constraint_pattern(Province, "no_such_constraint")
