"""Factories for the API tests (kept here: tests/factories.py is written on another branch)."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from hubs.choices import InstitutionKind, MembershipRole, RegencyKind
from hubs.models import Cohort, HubDesignation, HubMembership, Institution, Province, Regency
from hubs.permissions import MINISTRY_STAFF_GROUP
from innovations.models import (
    SDG,
    ActivityType,
    Category,
    ImpactStory,
    Indicator,
    Innovation,
    Measurement,
    Programme,
    Replication,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.go.id")
    password = factory.django.Password("pw-for-tests-1")


def staff_user(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=MINISTRY_STAFF_GROUP))
    return user


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{11 + n % 80:02d}")
    name = factory.LazyAttribute(lambda p: f"Provinsi {p.code}")


class RegencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regency
        django_get_or_create = ["code"]

    province = factory.SubFactory(ProvinceFactory)
    code = factory.Sequence(lambda n: f"{n // 60 + 11:02d}.{n % 60 + 1:02d}")
    name = factory.Sequence(lambda n: f"Kabupaten Uji {n}")
    kind = RegencyKind.KABUPATEN


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Instansi Uji {n}")
    slug = factory.Sequence(lambda n: f"instansi-uji-{n}")
    kind = InstitutionKind.LEMBAGA


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"angkatan-uji-{n}")
    year = 2020
    name = factory.LazyAttribute(lambda c: f"Angkatan {c.year}")
    announced_count = 8


def make_hub(year=2020, **kwargs):
    """An institution with a designation in a cohort of `year` (a hub)."""
    hub = InstitutionFactory(**kwargs)
    cohort = CohortFactory(slug=f"angkatan-uji-{year}", year=year)
    HubDesignation.objects.create(institution=hub, cohort=cohort)
    return hub


def add_member(user, hub, role=MembershipRole.EDITOR):
    HubMembership.objects.create(user=user, hub=hub, role=role)
    return user


class InnovationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Innovation

    institution = factory.SubFactory(InstitutionFactory)
    hub = factory.LazyAttribute(lambda i: i.institution)
    title = factory.Sequence(lambda n: f"Inovasi Uji {n}")
    slug = factory.Sequence(lambda n: f"inovasi-uji-{n}")
    ringkasan = "Ringkasan inovasi uji."
    status = "draft"


class ReplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Replication

    innovation = factory.SubFactory(InnovationFactory, status="published")
    adopter = factory.SubFactory(InstitutionFactory)
    facilitating_hub = factory.LazyAttribute(lambda r: r.innovation.hub)
    committed_on = datetime.date(2022, 5, 10)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    slug = factory.Sequence(lambda n: f"program-{n}")
    name = factory.Sequence(lambda n: f"Program Uji {n}")
    hub = factory.SubFactory(InstitutionFactory)


class ActivityTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityType
        django_get_or_create = ["slug"]

    slug = "pelatihan"
    name = "Pelatihan"


class ImpactStoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImpactStory

    programme = factory.SubFactory(ProgrammeFactory)
    hub = factory.LazyAttribute(lambda s: s.programme.hub)
    title = factory.Sequence(lambda n: f"Kisah Uji {n}")
    slug = factory.Sequence(lambda n: f"kisah-uji-{n}")
    library_name = "Perpustakaan Desa Uji"
    library_level = "desa"
    province = factory.SubFactory(ProvinceFactory)
    beneficiary_name = "Siti Penerima"
    # A named beneficiary is stored with a recorded consent (the submit gate of the story services).
    consent_date = datetime.date(2024, 2, 1)
    gender = "perempuan"
    age_group = "30_44"
    activity_type = factory.SubFactory(ActivityTypeFactory)
    narrative_before = "Sebelum."
    narrative_after = "Sesudah."
    story_date = datetime.date(2024, 3, 1)
    status = "published"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    programme = factory.SubFactory(ProgrammeFactory)
    slug = factory.Sequence(lambda n: f"indikator-{n}")
    name = factory.Sequence(lambda n: f"Indikator {n}")
    unit = "orang"


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    measured_on = factory.Sequence(lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    value = 10


class SDGFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SDG
        django_get_or_create = ["number"]

    number = 16
    name = "Perdamaian, keadilan dan kelembagaan yang tangguh"
    name_en = "Peace, justice and strong institutions"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    year = 2025
    name = factory.Sequence(lambda n: f"Kategori {n}")
