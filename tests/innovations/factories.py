"""Factories of the innovations tests (independent of tests/factories.py, which another branch owns)."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from hubs.choices import InstitutionKind, MembershipRole
from hubs.models import Cohort, HubDesignation, HubMembership, Institution
from hubs.permissions import MINISTRY_STAFF_GROUP
from innovations.models import SDG, Innovation, InnovationSDG, Replication

ELIGIBLE_ASPECTS = {
    "ringkasan": "Antar jemput dokumen kependudukan bagi warga lanjut usia.",
    "latar_belakang": "Warga lanjut usia sulit datang ke kantor dinas.",
    "kebaruan": "Petugas datang ke rumah dengan perangkat perekaman keliling.",
    "implementasi": "Diterapkan di seluruh kecamatan sejak dua tahun lalu.",
    "signifikansi": "Waktu pengurusan turun dari dua minggu menjadi tiga hari.",
    "adaptabilitas": "Dapat diterapkan kabupaten lain dengan biaya kecil.",
    "sumber_daya": "Dua mobil keliling dan enam petugas.",
    "strategi_keberlanjutan": "Masuk rencana kerja tahunan dinas dan peraturan bupati.",
}


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@contoh.go.id")
    password = factory.PostGenerationMethodCall("set_password", "rahasia-uji-123")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def staff_user(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get_or_create(name=MINISTRY_STAFF_GROUP)[0])
    return user


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Instansi Uji {n}")
    slug = factory.Sequence(lambda n: f"instansi-uji-{n}")
    kind = InstitutionKind.LEMBAGA


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    slug = factory.Sequence(lambda n: f"angkatan-uji-{n}")
    year = 2023
    name = factory.Sequence(lambda n: f"Angkatan uji {n}")


def hub(**kwargs) -> Institution:
    """An institution designated as a hub."""
    institution = InstitutionFactory(**kwargs)
    HubDesignation.objects.create(institution=institution, cohort=CohortFactory())
    return institution


def member(hub_institution, role=MembershipRole.ADMIN, **kwargs):
    user = UserFactory(**kwargs)
    HubMembership.objects.create(user=user, hub=hub_institution, role=role)
    return user


class InnovationFactory(factory.django.DjangoModelFactory):
    """A draft that passes every eligibility gate once an SDG is linked (see `eligible`)."""

    class Meta:
        model = Innovation

    institution = factory.SubFactory(InstitutionFactory)
    hub = factory.LazyAttribute(lambda o: o.institution)
    title = factory.Sequence(lambda n: f"Inovasi Uji {n}")
    slug = factory.Sequence(lambda n: f"inovasi-uji-{n}")
    implementation_started_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=800))
    stage = "penerapan"
    innovation_type = "digital"
    ringkasan = ELIGIBLE_ASPECTS["ringkasan"]
    latar_belakang = ELIGIBLE_ASPECTS["latar_belakang"]
    kebaruan = ELIGIBLE_ASPECTS["kebaruan"]
    implementasi = ELIGIBLE_ASPECTS["implementasi"]
    signifikansi = ELIGIBLE_ASPECTS["signifikansi"]
    adaptabilitas = ELIGIBLE_ASPECTS["adaptabilitas"]
    sumber_daya = ELIGIBLE_ASPECTS["sumber_daya"]
    strategi_keberlanjutan = ELIGIBLE_ASPECTS["strategi_keberlanjutan"]


def eligible(**kwargs) -> Innovation:
    """A draft innovation with an SDG link: it can be submitted as it is."""
    innovation = InnovationFactory(**kwargs)
    InnovationSDG.objects.create(innovation=innovation, sdg=SDG.objects.get(number=16), relevance="Layanan inklusif")
    return innovation


class ReplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Replication

    innovation = factory.SubFactory(InnovationFactory, status="published")
    adopter = factory.SubFactory(InstitutionFactory)
    facilitating_hub = factory.LazyAttribute(lambda o: o.innovation.hub)
    stage = "komitmen"
    committed_on = datetime.date(2024, 5, 1)
