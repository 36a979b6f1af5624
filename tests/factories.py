"""factory_boy factories for the hubs models. Other apps add theirs here (or beside their tests).

Factories build valid rows by default, so a test only spells out the field it is about. Region codes
use numbers Kemendagri does not assign, so factory rows never collide with the seeded regions.
"""

import csv
import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from hubs.choices import DesignationStatus, Evidence, InstitutionKind, MembershipRole, RegencyKind
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


def _unassigned_province_codes():
    with open(IDN_AREA_DIR / "provinces.csv", newline="", encoding="utf-8") as f:
        real = {row["code"] for row in csv.DictReader(f)}
    return [code for code in (f"{n:02d}" for n in range(100)) if code not in real]


# The 62 two-digit codes that no real province has.
FREE_PROVINCE_CODES = _unassigned_province_codes()


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.go.id")
    password = factory.django.Password("correct horse battery staple")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True


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


class RegencyFactory(factory.django.DjangoModelFactory):
    province = factory.SubFactory(ProvinceFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.province.code}.{n % 69 + 1:02d}")
    name = factory.Sequence(lambda n: f"Kabupaten Uji {n}")
    kind = RegencyKind.KABUPATEN

    class Meta:
        model = Regency


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
    name = factory.Sequence(lambda n: f"Angkatan Uji {n}")
    announced_count = 10

    class Meta:
        model = Cohort


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


class HubMembershipFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    hub = factory.SubFactory(InstitutionFactory)
    role = MembershipRole.EDITOR

    class Meta:
        model = HubMembership
