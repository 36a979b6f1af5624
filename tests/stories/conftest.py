import pytest
from django.core.cache import cache

from tests.factories.hubs import ProvinceFactory, member, staff_user
from tests.factories.stories import ActivityTypeFactory, ProgrammeFactory, perpusnas


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    # Uploads go to a throw-away folder; the login page belongs to another app, so a plain path here.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LOGIN_URL = "/masuk/"
    cache.clear()


@pytest.fixture
def hub(db):
    return perpusnas()


@pytest.fixture
def programme(hub):
    return ProgrammeFactory(tpbis=True, hub=hub)


@pytest.fixture
def activity(db):
    return ActivityTypeFactory()


@pytest.fixture
def province(db):
    return ProvinceFactory(code="01", name="Uji Kisah")


@pytest.fixture
def admin(hub):
    return member(hub, role="admin")


@pytest.fixture
def editor(hub):
    return member(hub, role="editor")


@pytest.fixture
def other_member(db):
    from tests.factories.hubs import HubFactory

    return member(HubFactory(), role="admin")


@pytest.fixture
def staff(db):
    return staff_user()


@pytest.fixture
def story_data(programme, activity, province):
    """Valid service input for a new story (name and photo consent off)."""
    import datetime

    return {
        "programme": programme,
        "title": "Dari juru parkir menjadi peternak ayam",
        "library_name": "Perpustakaan Desa Uji",
        "library_level": "desa",
        "province": province,
        "beneficiary_name": "Siti Wahyuni",
        "gender": "perempuan",
        "age_group": "30_44",
        "has_disability": False,
        "consent_name_public": False,
        "consent_photo_public": False,
        "consent_date": datetime.date(2024, 5, 1),
        "activity_type": activity,
        "people_reached": 25,
        "narrative_before": "Penghasilan tidak tetap dari parkir.",
        "narrative_after": "Kini beternak ayam setelah pelatihan di perpustakaan.",
        "income_before": 300_000,
        "income_after": 3_300_000,
        "story_date": datetime.date(2024, 6, 1),
    }
