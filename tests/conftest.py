"""Fixtures shared by the whole suite (pytest-django; settings jipp.settings.test, see pyproject.toml)."""

from dataclasses import dataclass

import pytest
from django.utils import translation

from hubs.services import reference_seed


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (Indonesian).

    LocaleMiddleware activates the request's language in the thread and never deactivates it, so
    after a test client request in English, a later test that translates outside a request would
    otherwise see English.
    """
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def seeded(db):
    """The database as `seed_reference` leaves it: 38 provinces, 514 regencies, the sourced cohorts and hubs.

    Function-scoped on purpose (about 0.3 s): each test gets it fresh, and tests that need an empty
    registry are not affected by it.
    """
    return reference_seed()


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the default language (Indonesian).

    A request through LocaleMiddleware leaves its language active in the thread, so without this a
    test that switched to English would change the messages later tests see.
    """
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the dashboard caches its figures, and a test's database
    rollback does not bump the cache version, so figures would otherwise leak into the next test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _closed_breakers():
    """Each test starts with the cache and broker breakers closed: a test that took Redis away must not
    make the next test's publishes or cache calls fail for the breaker's cool-down."""
    from jipp.breaker import broker_breaker, cache_breaker

    broker_breaker.reset()
    cache_breaker.reset()
    yield
    broker_breaker.reset()
    cache_breaker.reset()


@pytest.fixture
def eager_celery():
    """Tasks run in-process even when CELERY_BROKER_URL points at Redis (the PostgreSQL pass sets it).

    A suite whose every test needs it requests it from an autouse fixture of its own conftest; a test
    that publishes for real sets `task_always_eager = False` and this fixture restores it.
    """
    from jipp.celery_app import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = previous


@pytest.fixture
def isolated_files(settings, tmp_path):
    """Uploads (MEDIA_ROOT) and generated files (the private "reports" storage) in this test's folder,
    tmp_path/media and tmp_path/reports, so no test reads another's files."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "reports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "reports"},
        },
    }
    return tmp_path


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """client.post that also runs the on-commit callbacks (a job's dispatch), as a real request does."""

    def _post(url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return _post


@pytest.fixture
def sdgs(db):
    """The reference SDGs and categories (innovations_reference_seed)."""
    from hubs.services import SeedResult
    from innovations.reference import innovations_reference_seed

    innovations_reference_seed(SeedResult())


@dataclass
class World:
    """Two hubs of two test provinces, a coached institution each, and one user per role.

    Hub A (cohort 2020) and hub B (cohort 2021) are province governments; their provinces use codes
    Kemendagri does not assign. A suite that needs more rows extends this world in a fixture of its own
    (see tests/api/conftest.py) rather than building another.
    """

    province: object  # hub A's province
    province_b: object
    hub_a: object
    hub_b: object
    coached_a: object  # an institution in hub A's network (coached by it)
    coached_b: object
    editor: object  # editor of hub A
    admin: object  # admin of hub A
    other: object  # admin of hub B: a member of another hub
    staff: object  # ministry staff
    anonymous: object

    @property
    def spoke(self):
        return self.coached_a

    @property
    def users(self) -> dict:
        """The logged-in users by role name (tests/permissions/conftest.py maps the matrix's roles onto them)."""
        return {"editor": self.editor, "admin": self.admin, "other_hub_member": self.other, "staff": self.staff}

    def user(self, role):
        return {**self.users, "anonymous": self.anonymous}[role]


def build_world() -> World:
    """The shared world (see World), for a test that needs it outside the `world` fixture."""
    from django.contrib.auth.models import AnonymousUser

    from hubs.choices import InstitutionKind
    from jipp.choices import MembershipRole
    from tests.factories.hubs import CohortFactory, HubFactory, InstitutionFactory, ProvinceFactory, member, staff_user

    province_a = ProvinceFactory(code="97", name="Provinsi Uji A")
    province_b = ProvinceFactory(code="98", name="Provinsi Uji B")

    def hub(letter, province, year):
        cohort = CohortFactory(slug=f"angkatan-uji-{year}", year=year, name=f"Angkatan {year}", announced_count=8)
        return HubFactory(
            name=f"Pemerintah Provinsi Uji {letter}",
            acronym=f"PU{letter}",
            slug=f"pemprov-uji-{letter.lower()}",
            kind=InstitutionKind.PEMPROV,
            province=province,
            cohort=cohort,
        )

    hub_a, hub_b = hub("A", province_a, 2020), hub("B", province_b, 2021)
    return World(
        province=province_a,
        province_b=province_b,
        hub_a=hub_a,
        hub_b=hub_b,
        coached_a=InstitutionFactory(name="Pemerintah Kabupaten Uji A1", coaching_hub=hub_a),
        coached_b=InstitutionFactory(name="Pemerintah Kabupaten Uji B1", coaching_hub=hub_b),
        editor=member(hub_a, MembershipRole.EDITOR, username="editor_a"),
        admin=member(hub_a, MembershipRole.ADMIN, username="admin_a"),
        other=member(hub_b, MembershipRole.ADMIN, username="admin_b"),
        staff=staff_user(username="staf"),
        anonymous=AnonymousUser(),
    )


@pytest.fixture
def world(sdgs) -> World:
    return build_world()
