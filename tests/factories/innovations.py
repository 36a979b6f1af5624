"""Factories of the innovations app: innovations, replications, SDGs, categories."""

import datetime

import factory

from innovations.models import SDG, Category, Innovation, InnovationSDG, Replication
from tests.factories.hubs import InstitutionFactory

# Text for every aspect the submit gate asks for.
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


class SDGFactory(factory.django.DjangoModelFactory):
    number = 16
    name = "Perdamaian, keadilan dan kelembagaan yang tangguh"
    name_en = "Peace, justice and strong institutions"

    class Meta:
        model = SDG
        django_get_or_create = ("number",)


class CategoryFactory(factory.django.DjangoModelFactory):
    programme = "KIPP"
    year = 2025
    name = factory.Sequence(lambda n: f"Kategori uji {n}")

    class Meta:
        model = Category
        django_get_or_create = ("programme", "year", "name")


class InnovationFactory(factory.django.DjangoModelFactory):
    """A draft of its own institution that passes every eligibility gate once an SDG is linked (see `eligible`)."""

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

    class Meta:
        model = Innovation


def link_sdg(innovation, number=16, relevance="Layanan inklusif"):
    """Link `innovation` to SDG `number` (the one eligibility gate the factory leaves open)."""
    InnovationSDG.objects.create(innovation=innovation, sdg=SDGFactory(number=number), relevance=relevance)
    return innovation


def eligible(**kwargs) -> Innovation:
    """A draft innovation with an SDG link: it can be submitted as it is."""
    return link_sdg(InnovationFactory(**kwargs))


class ReplicationFactory(factory.django.DjangoModelFactory):
    innovation = factory.SubFactory(InnovationFactory, status="published")
    adopter = factory.SubFactory(InstitutionFactory)
    facilitating_hub = factory.LazyAttribute(lambda o: o.innovation.hub)
    stage = "komitmen"
    committed_on = datetime.date(2024, 5, 1)

    class Meta:
        model = Replication
