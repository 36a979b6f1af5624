"""Fixtures of the API tests: the shared world with innovations to act on, and token-authenticated clients."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from jipp.tokens import api_token_create
from tests.factories.innovations import InnovationFactory, eligible


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


@pytest.fixture
def world(world):
    """The shared world (tests/conftest.py) with innovations of hub A and hub B to act on."""
    world.draft_a = eligible(institution=world.coached_a, hub=world.hub_a, title="Draf hub A")
    world.published_a = InnovationFactory(
        institution=world.coached_a, hub=world.hub_a, title="Terbit hub A", status="published"
    )
    world.draft_b = eligible(institution=world.hub_b, hub=world.hub_b, title="Draf hub B")
    return world


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
