"""Factories of the stories tests (hubs, users, programmes, stories)."""

import datetime
import io

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from hubs.choices import InstitutionKind, MembershipRole
from hubs.models import Cohort, HubDesignation, HubMembership, Institution, Province, Regency
from hubs.permissions import MINISTRY_STAFF_GROUP
from innovations.choices import LibraryLevel
from innovations.models import ActivityType, ImpactStory, Programme

PROVINCE_NAMES = {"35": "Jawa Timur", "81": "Maluku", "31": "DKI Jakarta"}


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = "35"
    name = factory.LazyAttribute(lambda o: PROVINCE_NAMES.get(o.code, o.code))


class RegencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regency
        django_get_or_create = ("code",)

    code = "35.28"
    province = factory.SubFactory(ProvinceFactory)
    name = "Kabupaten Pamekasan"
    kind = "kabupaten"


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        django_get_or_create = ("slug",)

    slug = "2024"
    year = 2024
    name = "Angkatan 2024"


class HubFactory(factory.django.DjangoModelFactory):
    """An institution with a designation (a hub)."""

    class Meta:
        model = Institution
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Lembaga Uji {n}")
    slug = factory.Sequence(lambda n: f"lembaga-uji-{n}")
    kind = InstitutionKind.LEMBAGA

    @factory.post_generation
    def designated(obj, create, extracted, **kwargs):
        if create:
            HubDesignation.objects.create(institution=obj, cohort=CohortFactory())


def perpusnas():
    """The Perpusnas hub under the exact name the TPBIS seed looks up."""
    return Institution.objects.filter(name="Perpustakaan Nasional Republik Indonesia").first() or HubFactory(
        name="Perpustakaan Nasional Republik Indonesia", acronym="Perpusnas", slug="perpusnas"
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"pengguna{n}")


def member(hub, role=MembershipRole.EDITOR, **kwargs):
    user = UserFactory(**kwargs)
    HubMembership.objects.create(user=user, hub=hub, role=role)
    return user


def staff_user(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=MINISTRY_STAFF_GROUP))
    return user


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("slug",)

    slug = "tpbis"
    name = "Transformasi Perpustakaan Berbasis Inklusi Sosial"
    acronym = "TPBIS"
    hub = factory.LazyFunction(perpusnas)


class ActivityTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityType
        django_get_or_create = ("slug",)

    slug = "pelatihan"
    name = "Pelatihan"


class ImpactStoryFactory(factory.django.DjangoModelFactory):
    """A story as stored (bypassing the service): for reads, pages and totals."""

    class Meta:
        model = ImpactStory

    programme = factory.SubFactory(ProgrammeFactory)
    hub = factory.LazyAttribute(lambda o: o.programme.hub)
    title = factory.Sequence(lambda n: f"Kisah perubahan {n}")
    slug = factory.Sequence(lambda n: f"kisah-perubahan-{n}")
    library_name = "Perpustakaan Desa Uji"
    library_level = LibraryLevel.DESA
    province = factory.SubFactory(ProvinceFactory)
    regency = None
    beneficiary_name = "Siti Wahyuni"
    gender = "perempuan"
    age_group = "30_44"
    has_disability = False
    consent_name_public = False
    consent_photo_public = False
    consent_date = datetime.date(2024, 5, 1)
    activity_type = factory.SubFactory(ActivityTypeFactory)
    people_reached = 10
    narrative_before = "Penghasilan tidak tetap."
    narrative_after = "Usaha ternak ayam berjalan."
    income_before = 300_000
    income_after = 3_000_000
    story_date = datetime.date(2024, 6, 1)
    status = "published"


def image_bytes(fmt="JPEG", gps=False, size=(40, 30)) -> bytes:
    """A small image; with gps=True its EXIF carries a GPS position (and a camera model)."""
    img = Image.new("RGB", size, (200, 120, 40))
    out = io.BytesIO()
    if gps:
        exif = Image.Exif()
        exif[0x0110] = "KameraUji"  # Model
        gps_ifd = {1: "S", 2: (3.0, 41.0, 40.0), 3: "E", 4: (128.0, 10.0, 50.0)}  # Ambon
        exif[0x8825] = gps_ifd
        img.save(out, format=fmt, exif=exif.tobytes())
    else:
        img.save(out, format=fmt)
    return out.getvalue()


def upload(name="foto.jpg", content=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content if content is not None else image_bytes(), content_type=content_type)
