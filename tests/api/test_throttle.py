"""Throttling: a client over its rate gets 429 in the API's error shape, with Retry-After."""

import pytest

from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


def _rates(settings, anon, user):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": user}}


def test_anonymous_client_is_throttled_with_a_clear_429(world, anon, settings):
    _rates(settings, "3/minute", "1000/minute")
    assert [anon.get("/api/v1/provinces/").status_code for _ in range(3)] == [200, 200, 200]
    response = anon.get("/api/v1/provinces/")
    assert response.status_code == 429
    error = response.json()["error"]
    assert error["code"] == "throttled"
    assert error["fields"] == {}
    assert int(response["Retry-After"]) >= 1
    assert response["Retry-After"] in error["message"]


def test_authenticated_clients_have_their_own_rate(world, anon, settings):
    _rates(settings, "2/minute", "5/minute")
    client = token_client(world.users["editor"])
    assert all(client.get("/api/v1/provinces/").status_code == 200 for _ in range(5))
    assert client.get("/api/v1/provinces/").status_code == 429
    # Another user is counted separately.
    assert token_client(world.users["admin"]).get("/api/v1/provinces/").status_code == 200


def test_a_forged_x_forwarded_for_does_not_dodge_the_limit(world, anon, settings):
    _rates(settings, "2/minute", "1000/minute")
    codes = [anon.get("/api/v1/provinces/", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").status_code for i in range(3)]
    assert codes == [200, 200, 429]
