"""factory_boy factories for the reports tests (named so as not to clash with tests/factories.py)."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from hubs.choices import InstitutionKind, MembershipRole
from hubs.models import Cohort, HubDesignation, HubMembership, Institution, Province
from hubs.permissions import MINISTRY_STAFF_GROUP
from innovations.models import (
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
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")

    @factory.post_generation
    def staff(self, create, extracted, **kwargs):
        if extracted:
            group, _ = Group.objects.get_or_create(name=MINISTRY_STAFF_GROUP)
            self.groups.add(group)


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{(n % 80) + 11:02d}")
    name = factory.Sequence(lambda n: f"Provinsi Uji {n}")


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Instansi Uji {n}")
    slug = factory.Sequence(lambda n: f"instansi-uji-{n}")
    kind = InstitutionKind.LEMBAGA
    is_demo = True


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    slug = factory.Sequence(lambda n: f"angkatan-uji-{n}")
    year = 2021
    name = factory.LazyAttribute(lambda c: f"Angkatan uji {c.year}")
    announced_count = 4


class HubFactory(InstitutionFactory):
    """An institution with one designation: a hub."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def cohort(self, create, extracted, **kwargs):
        cohort = extracted or CohortFactory()
        HubDesignation.objects.create(institution=self, cohort=cohort)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubMembership

    user = factory.SubFactory(UserFactory)
    hub = factory.SubFactory(HubFactory)
    role = MembershipRole.ADMIN


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["programme", "year", "name"]

    programme = "KIPP"
    year = 2022
    name = factory.Sequence(lambda n: f"Kategori uji {n}")


class InnovationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Innovation

    hub = factory.SubFactory(HubFactory)
    institution = factory.LazyAttribute(lambda i: i.hub)
    title = factory.Sequence(lambda n: f"Inovasi uji {n}")
    slug = factory.Sequence(lambda n: f"inovasi-uji-{n}")
    status = "published"
    ringkasan = "Ringkasan inovasi uji."
    implementation_started_on = datetime.date(2022, 3, 1)
    is_demo = True


class ReplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Replication

    innovation = factory.SubFactory(InnovationFactory)
    adopter = factory.SubFactory(InstitutionFactory)
    facilitating_hub = factory.LazyAttribute(lambda r: r.innovation.hub)
    committed_on = datetime.date(2023, 5, 1)
    is_demo = True


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    slug = factory.Sequence(lambda n: f"program-uji-{n}")
    name = factory.Sequence(lambda n: f"Program uji {n}")
    hub = factory.SubFactory(HubFactory)


class ActivityTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityType
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"kegiatan-{n}")
    name = factory.Sequence(lambda n: f"Kegiatan uji {n}")


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImpactStory

    programme = factory.SubFactory(ProgrammeFactory)
    hub = factory.LazyAttribute(lambda s: s.programme.hub)
    title = factory.Sequence(lambda n: f"Kisah uji {n}")
    slug = factory.Sequence(lambda n: f"kisah-uji-{n}")
    library_name = "Perpustakaan Uji"
    library_level = "desa"
    province = factory.SubFactory(ProvinceFactory)
    activity_type = factory.SubFactory(ActivityTypeFactory)
    people_reached = 10
    narrative_before = "Sebelum."
    narrative_after = "Sesudah."
    story_date = datetime.date(2024, 6, 1)
    status = "published"
    is_demo = True


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    programme = factory.SubFactory(ProgrammeFactory)
    slug = factory.Sequence(lambda n: f"indikator-{n}")
    name = factory.Sequence(lambda n: f"Indikator uji {n}")
    unit = "orang"
    baseline = 0
    target = 200
    is_demo = True


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    measured_on = datetime.date(2024, 12, 31)
    value = 150
    is_demo = True
