"""CORS is closed by default and opens only to configured origins."""

import pytest

pytestmark = pytest.mark.django_db

PREFLIGHT = {"HTTP_ORIGIN": "https://portal.example.go.id", "HTTP_ACCESS_CONTROL_REQUEST_METHOD": "GET"}


def test_cors_closed_by_default(client, settings):
    settings.CORS_ALLOWED_ORIGINS = []
    response = client.options("/api/v1/hubs/", **PREFLIGHT)
    assert "access-control-allow-origin" not in {k.lower() for k in response.headers}


def test_cors_open_to_a_configured_origin(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://portal.example.go.id"]
    response = client.options("/api/v1/hubs/", **PREFLIGHT)
    assert response["Access-Control-Allow-Origin"] == "https://portal.example.go.id"
