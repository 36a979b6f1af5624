"""The error pages: the portal's layout, Indonesian first and English on request, the right status, and
what to do next. Under /api/ the same handlers answer in the API's JSON error shape."""

import pytest
from django.template import loader
from django.test import Client
from django.urls import reverse

from jipp.choices import MembershipRole
from tests.factories.hubs import HubFactory, member

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def page(response) -> str:
    return response.content.decode()


def in_layout(html: str, lang: str) -> bool:
    return f'<html lang="{lang}">' in html and 'class="portal-header"' in html and 'class="portal-footer' in html


@pytest.mark.parametrize(
    ("headers", "lang", "heading", "action"),
    [({}, "id", "Halaman tidak ditemukan", "Ke beranda"), (ENGLISH, "en", "Page not found", "Go to the home page")],
)
def test_404_is_the_portals_page_in_the_requests_language(client, headers, lang, heading, action):
    response = client.get("/tidak-ada-halaman-ini/", **headers)
    assert response.status_code == 404
    html = page(response)
    assert in_layout(html, lang)
    assert heading in html and action in html
    assert 'id="main-nav"' in html  # the full header: the visitor can navigate on from here


def test_404_follows_the_language_cookie(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert "Page not found" in page(response)


@pytest.mark.parametrize(
    ("headers", "lang", "heading"), [({}, "id", "Akses ditolak"), (ENGLISH, "en", "Access denied")]
)
def test_review_queue_denies_a_hub_admin_with_the_portals_403(client, headers, lang, heading):
    """A hub admin is not a reviewer: the queue answers 403 with the portal's page, not Django's bare one."""
    admin = member(HubFactory(), role=MembershipRole.ADMIN, username="admin-hub")
    client.force_login(admin)
    response = client.get(reverse("innovations:review_queue"), **headers)
    assert response.status_code == 403
    html = page(response)
    assert in_layout(html, lang)
    assert heading in html
    assert "admin-hub" in html  # says who is signed in, so the visitor sees why
    assert "403 Forbidden" not in html


def test_403_offers_sign_in_to_a_visitor(client):
    """Denied while signed out: the page offers to sign in and come back."""
    from django.core.exceptions import PermissionDenied

    from jipp.views import permission_denied

    request = client.get("/").wsgi_request
    request.path = "/rahasia/"
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert f'href="{reverse("login")}?next=/rahasia/"' in page(response)


@pytest.mark.parametrize(
    ("headers", "lang", "heading"),
    [({}, "id", "Formulir tidak dapat dikirim"), (ENGLISH, "en", "The form could not be sent")],
)
def test_csrf_failure_is_the_portals_page(headers, lang, heading):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"}, **headers)
    assert response.status_code == 403
    html = page(response)
    assert in_layout(html, lang)
    assert heading in html


@pytest.mark.parametrize(
    ("headers", "lang", "heading"),
    [({}, "id", "Permintaan tidak dapat diproses"), (ENGLISH, "en", "The request could not be processed")],
)
def test_400_is_the_portals_page(client, settings, headers, lang, heading):
    """A Host that is not allowed is a 400; the page renders without the request it could not trust."""
    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get("/", HTTP_HOST="tidak-diizinkan.example", **headers)
    assert response.status_code == 400
    html = page(response)
    assert in_layout(html, lang)
    assert heading in html


@pytest.mark.parametrize(
    ("headers", "lang", "heading"),
    [({}, "id", "Terjadi kesalahan di server"), (ENGLISH, "en", "Something went wrong on the server")],
)
def test_500_is_the_portals_page(settings, headers, lang, heading):
    settings.ROOT_URLCONF = "tests.jipp.urls_failing"
    client = Client(raise_request_exception=False)
    response = client.get("/fails/", **headers)
    assert response.status_code == 500
    html = page(response)
    assert in_layout(html, lang)
    assert heading in html and 'href="/"' in html


def test_500_page_needs_no_database(django_assert_num_queries):
    """The 500 page renders with no query and no request context: the database may be what failed."""
    with django_assert_num_queries(0):
        html = loader.render_to_string("500.html")
    assert "Terjadi kesalahan di server" in html


def test_api_errors_stay_json(client, settings):
    """Outside the API's own routes, the handlers still answer /api/ in the API's error shape."""
    response = client.get("/api/tidak-ada/")
    assert response.status_code == 404
    assert response.json()["error"] == {"code": "not_found", "message": "Alamat API ini tidak ada.", "fields": {}}

    settings.ROOT_URLCONF = "tests.jipp.urls_failing"
    response = Client(raise_request_exception=False).get("/api/v1-fails/")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"
