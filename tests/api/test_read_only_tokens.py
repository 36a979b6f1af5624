"""A read-only token reads and never writes, on every API view, and production serves the API as JSON only."""

import os
import subprocess
import sys

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.views import APIView

from jipp.api.permissions import ReadOnlyTokenPermission
from reports.models import ReportJob
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


UNSAFE = {"post", "put", "patch", "delete"}


def _api_views(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _api_views(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            view = getattr(pattern.callback, "cls", None)
            route = prefix + str(pattern.pattern)
            if view is None or not issubclass(view, APIView) or not route.startswith("api/"):
                continue
            actions = getattr(pattern.callback, "actions", None)
            methods = set(actions) if actions else {m for m in view.http_method_names if hasattr(view, m)}
            if methods & UNSAFE:
                yield route, view


def test_every_api_view_keeps_the_read_only_token_rule():
    views = list(_api_views())
    assert len(views) >= 10
    missing = [route for route, view in views if ReadOnlyTokenPermission not in view.permission_classes]
    assert not missing, missing


def test_a_read_only_token_cannot_request_a_report(world):
    client = token_client(world.users["staff"], read_only=True)
    response = client.post("/api/v1/reports/", {"kind": "network_recap", "output_format": "xlsx"}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "read_only_token"
    assert not ReportJob.objects.exists()
    # The same token still reads its jobs.
    assert client.get("/api/v1/reports/").status_code == 200


def test_a_writing_token_still_requests_one(world):
    client = token_client(world.users["staff"])
    response = client.post("/api/v1/reports/", {"kind": "network_recap", "output_format": "xlsx"}, format="json")
    assert response.status_code == 202, response.content
    assert ReportJob.objects.count() == 1


def test_production_serves_the_api_as_json_only():
    code = "from django.conf import settings; print(settings.REST_FRAMEWORK['DEFAULT_RENDERER_CLASSES'])"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jipp.settings.production", "DJANGO_SECRET_KEY": "x" * 50}
    env.pop("DJANGO_API_BROWSABLE", None)
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code], env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['rest_framework.renderers.JSONRenderer']"
