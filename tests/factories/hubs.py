"""Factories of the hubs app: users, regions, institutions, cohorts, designations, memberships.

Region codes are numbers Kemendagri does not assign, so factory rows never collide with the provinces
and regencies that `seed_reference` loads (tests/hubs/test_factories.py holds them to that).
"""

import csv
import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.text import slugify

from hubs.choices import DesignationStatus, Evidence, InstitutionKind, RegencyKind
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
from hubs.services import IDN_AREA_DIR
from jipp.choices import MembershipRole
from jipp.permissions import MINISTRY_STAFF_GROUP

# Every factory user can log in with this password (the login, audit and browser tests use it).
PASSWORD = "rahasia-uji-123"


def official_province_codes() -> set[str]:
    """The Kemendagri province codes that `seed_reference` loads."""
    with open(IDN_AREA_DIR / "provinces.csv", newline="", encoding="utf-8") as f:
        return {row["code"] for row in csv.DictReader(f)}


# The two-digit codes that no real province has: test regions can never meet a seeded one.
FREE_PROVINCE_CODES = sorted({f"{n:02d}" for n in range(100)} - official_province_codes())


class UserFactory(factory.django.DjangoModelFactory):
    """A user; `UserFactory(staff=True)` adds the ministry-staff group."""

    username = factory.Sequence(lambda n: f"pengguna{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@contoh.go.id")
    password = factory.django.Password(PASSWORD)

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    @factory.post_generation
    def staff(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get_or_create(name=MINISTRY_STAFF_GROUP)[0])


def staff_user(**kwargs):
    """A ministry-staff user (reviews, publishes, sees every hub)."""
    return UserFactory(staff=True, **kwargs)


def superuser(**kwargs):
    return UserFactory(is_staff=True, is_superuser=True, **kwargs)


class SourceFactory(factory.django.DjangoModelFactory):
    key = factory.Sequence(lambda n: f"sumber-uji-{n}")
    publisher = "contoh.go.id"
    reference = factory.Sequence(lambda n: f"berita {n}")

    class Meta:
        model = Source


class ProvinceFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: FREE_PROVINCE_CODES[n % len(FREE_PROVINCE_CODES)])
    name = factory.Sequence(lambda n: f"Provinsi Uji {n}")

    class Meta:
        model = Province
        django_get_or_create = ("code",)


class RegencyFactory(factory.django.DjangoModelFactory):
    province = factory.SubFactory(ProvinceFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.province.code}.{n % 99 + 1:02d}")
    name = factory.Sequence(lambda n: f"Kabupaten Uji {n}")
    kind = RegencyKind.KABUPATEN

    class Meta:
        model = Regency
        django_get_or_create = ("code",)


class InstitutionFactory(factory.django.DjangoModelFactory):
    """A ministry by default; `InstitutionFactory(pemprov=True)` gives a province government."""

    name = factory.Sequence(lambda n: f"Kementerian Uji {n}")
    acronym = ""
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = InstitutionKind.KEMENTERIAN

    class Meta:
        model = Institution

    class Params:
        pemprov = factory.Trait(
            name=factory.Sequence(lambda n: f"Pemerintah Provinsi Uji {n}"),
            kind=InstitutionKind.PEMPROV,
            province=factory.SubFactory(ProvinceFactory),
        )
        pemkabkota = factory.Trait(
            name=factory.Sequence(lambda n: f"Pemerintah Kabupaten Uji {n}"),
            kind=InstitutionKind.PEMKABKOTA,
            regency=factory.SubFactory(RegencyFactory),
            province=factory.SelfAttribute("regency.province"),
        )


class InstitutionSuccessionFactory(factory.django.DjangoModelFactory):
    predecessor = factory.SubFactory(InstitutionFactory)
    successor = factory.SubFactory(InstitutionFactory)
    changed_on = datetime.date(2024, 10, 1)

    class Meta:
        model = InstitutionSuccession


class CohortFactory(factory.django.DjangoModelFactory):
    slug = factory.Sequence(lambda n: f"angkatan-uji-{n}")
    year = 2025
    name = factory.LazyAttribute(lambda o: f"Angkatan Uji {o.slug}")
    announced_count = 10

    class Meta:
        model = Cohort
        django_get_or_create = ("slug",)


class HubDesignationFactory(factory.django.DjangoModelFactory):
    """A designation; pass `sources=[...]` to attach sources."""

    institution = factory.SubFactory(InstitutionFactory)
    cohort = factory.SubFactory(CohortFactory)
    status = DesignationStatus.ACTIVE
    evidence = Evidence.CONFIRMED

    class Meta:
        model = HubDesignation
        skip_postgeneration_save = True

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        if create and extracted:
            self.sources.set(extracted)


class HubFactory(InstitutionFactory):
    """An institution with one designation: a hub. `HubFactory(cohort=c)` or `HubFactory(cohort__year=2020)`."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def cohort(self, create, extracted, **kwargs):
        if create:
            HubDesignation.objects.create(institution=self, cohort=extracted or CohortFactory(**kwargs))


class HubMembershipFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    hub = factory.SubFactory(HubFactory)
    role = MembershipRole.EDITOR

    class Meta:
        model = HubMembership


def member(hub, role=MembershipRole.EDITOR, **user_kwargs):
    """A new user (built from `user_kwargs`) holding `role` in `hub`."""
    return HubMembershipFactory(hub=hub, role=role, user=UserFactory(**user_kwargs)).user
