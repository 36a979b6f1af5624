"""Factories of the stories side: programmes, activity types, impact stories, photos, indicators, measurements."""

import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from hubs.models import Institution
from stories.choices import LibraryLevel
from stories.models import ActivityType, ImpactStory, Indicator, Measurement, Programme
from tests.factories.hubs import HubFactory, ProvinceFactory

PERPUSNAS = "Perpustakaan Nasional Republik Indonesia"


def perpusnas():
    """The Perpusnas hub under the exact name the TPBIS seed looks up (the one already stored, if any)."""
    return Institution.objects.filter(name=PERPUSNAS).first() or HubFactory(
        name=PERPUSNAS, acronym="Perpusnas", slug="perpusnas"
    )


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A programme of a new hub; `ProgrammeFactory(tpbis=True)` is the one TPBIS programme of Perpusnas."""

    slug = factory.Sequence(lambda n: f"program-uji-{n}")
    name = factory.Sequence(lambda n: f"Program Uji {n}")
    hub = factory.SubFactory(HubFactory)

    class Meta:
        model = Programme
        django_get_or_create = ("slug",)

    class Params:
        tpbis = factory.Trait(
            slug="tpbis",
            name="Transformasi Perpustakaan Berbasis Inklusi Sosial",
            acronym="TPBIS",
            hub=factory.LazyFunction(perpusnas),
        )


class ActivityTypeFactory(factory.django.DjangoModelFactory):
    slug = "pelatihan"
    name = "Pelatihan"

    class Meta:
        model = ActivityType
        django_get_or_create = ("slug",)


class ImpactStoryFactory(factory.django.DjangoModelFactory):
    """A published TPBIS story as stored (bypassing the service): for reads, pages and totals."""

    programme = factory.SubFactory(ProgrammeFactory, tpbis=True)
    hub = factory.LazyAttribute(lambda o: o.programme.hub)
    title = factory.Sequence(lambda n: f"Kisah perubahan {n}")
    slug = factory.Sequence(lambda n: f"kisah-perubahan-{n}")
    library_name = "Perpustakaan Desa Uji"
    library_level = LibraryLevel.DESA
    # One test province for all stories unless a test says otherwise, as most stories share a region.
    province = factory.SubFactory(ProvinceFactory, code="01", name="Uji Kisah")
    regency = None
    beneficiary_name = "Siti Wahyuni"
    gender = "perempuan"
    age_group = "30_44"
    has_disability = False
    consent_name_public = False
    consent_photo_public = False
    # A named beneficiary is stored with a recorded consent (the submit gate of the story services).
    consent_date = datetime.date(2024, 5, 1)
    activity_type = factory.SubFactory(ActivityTypeFactory)
    people_reached = 10
    narrative_before = "Penghasilan tidak tetap."
    narrative_after = "Usaha ternak ayam berjalan."
    income_before = 300_000
    income_after = 3_000_000
    story_date = datetime.date(2024, 6, 1)
    status = "published"

    class Meta:
        model = ImpactStory


class IndicatorFactory(factory.django.DjangoModelFactory):
    programme = factory.SubFactory(ProgrammeFactory)
    slug = factory.Sequence(lambda n: f"indikator-{n}")
    name = factory.Sequence(lambda n: f"Indikator uji {n}")
    unit = "orang"
    baseline = 0
    target = 200

    class Meta:
        model = Indicator


class MeasurementFactory(factory.django.DjangoModelFactory):
    indicator = factory.SubFactory(IndicatorFactory)
    # One date per measurement: an indicator holds one value per date.
    measured_on = factory.Sequence(lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    value = 150

    class Meta:
        model = Measurement


def image_bytes(fmt="JPEG", gps=False, size=(40, 30)) -> bytes:
    """A small image; with gps=True its EXIF carries a GPS position (and a camera model)."""
    img = Image.new("RGB", size, (200, 120, 40))
    out = io.BytesIO()
    if gps:
        exif = Image.Exif()
        exif[0x0110] = "KameraUji"  # Model
        exif[0x8825] = {1: "S", 2: (3.0, 41.0, 40.0), 3: "E", 4: (128.0, 10.0, 50.0)}  # Ambon
        img.save(out, format=fmt, exif=exif.tobytes())
    else:
        img.save(out, format=fmt)
    return out.getvalue()


def photo_upload(name="foto.jpg", content=None, content_type="image/jpeg"):
    """An uploaded photo file, as a browser would post it."""
    return SimpleUploadedFile(name, content if content is not None else image_bytes(), content_type=content_type)
