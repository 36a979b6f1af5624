"""Fixtures of the API tests: a small world of two hubs, a user per role, and token-authenticated clients."""

import datetime

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from hubs.choices import InstitutionKind, MembershipRole
from hubs.tokens import api_token_create
from innovations.models import SDG, InnovationSDG
from tests.innovations.factories import ELIGIBLE_ASPECTS

from .factories import (
    InnovationFactory,
    InstitutionFactory,
    ProvinceFactory,
    UserFactory,
    add_member,
    make_hub,
    staff_user,
)


@pytest.fixture(autouse=True)
def _api_settings(settings, tmp_path):
    """Generous throttles (a test that wants throttling lowers them), a fresh throttle cache, uploads in tmp."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
    }
    cache.clear()
    yield
    cache.clear()


def _eligible(innovation):
    """Fill what the submit gates ask for (every aspect, a year of implementation, an SDG), as the pages' tests do."""
    for field, text in ELIGIBLE_ASPECTS.items():
        setattr(innovation, field, text)
    innovation.implementation_started_on = datetime.date.today() - datetime.timedelta(days=800)
    innovation.save()
    sdg, _ = SDG.objects.get_or_create(number=16, defaults={"name": "Perdamaian", "name_en": "Peace"})
    InnovationSDG.objects.create(innovation=innovation, sdg=sdg, relevance="Layanan inklusif")
    return innovation


@pytest.fixture
def world(db):
    """Hub A (with a spoke institution) and hub B; an editor and an admin of A, an admin of B, and staff."""
    jatim = ProvinceFactory(code="35", name="Jawa Timur")
    kalbar = ProvinceFactory(code="61", name="Kalimantan Barat")
    hub_a = make_hub(
        year=2020, name="Pemerintah Provinsi Jawa Timur", slug="jatim", kind=InstitutionKind.PEMPROV, province=jatim
    )
    hub_b = make_hub(
        year=2021,
        name="Pemerintah Provinsi Kalimantan Barat",
        slug="kalbar",
        kind=InstitutionKind.PEMPROV,
        province=kalbar,
    )
    spoke = InstitutionFactory(name="Dinas Kependudukan Uji", slug="dinas-uji", coaching_hub=hub_a)
    users = {
        "editor": add_member(UserFactory(username="editor_a"), hub_a, MembershipRole.EDITOR),
        "admin": add_member(UserFactory(username="admin_a"), hub_a, MembershipRole.ADMIN),
        "other_hub_member": add_member(UserFactory(username="admin_b"), hub_b, MembershipRole.ADMIN),
        "staff": staff_user(username="staf"),
    }

    class World:
        pass

    w = World()
    w.hub_a, w.hub_b, w.spoke, w.users = hub_a, hub_b, spoke, users
    w.province = jatim
    w.draft_a = _eligible(InnovationFactory(institution=spoke, hub=hub_a, title="Draf hub A"))
    w.published_a = InnovationFactory(institution=spoke, hub=hub_a, title="Terbit hub A", status="published")
    w.draft_b = _eligible(InnovationFactory(institution=hub_b, hub=hub_b, title="Draf hub B"))
    return w


def token_client(user, **token_kwargs) -> APIClient:
    client = APIClient()
    if user is not None:
        _token, plaintext = api_token_create(user=user, name="uji", **token_kwargs)
        client.credentials(HTTP_AUTHORIZATION=f"Token {plaintext}")
    return client


@pytest.fixture
def client_for(world):
    """`client_for(role)`: an API client authenticated by a personal token of that role's user."""

    def make(role):
        return token_client(None if role == "anonymous" else world.users[role])

    return make


@pytest.fixture
def anon():
    return APIClient()
