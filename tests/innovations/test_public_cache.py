"""The public cache (jipp.cache): anonymous visitors get cached content, never stale, never someone else's."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from innovations.models import Innovation
from jipp import cache
from tests.factories.hubs import HubDesignationFactory, SourceFactory
from tests.factories.innovations import eligible
from tests.factories.stories import ProgrammeFactory


def _get(client, path, **headers):
    """(content without its per-response CSRF token, number of queries)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **headers)
    assert response.status_code == 200, (path, response.status_code)
    content = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return content, len(queries.captured_queries)


@pytest.fixture
def published(world):
    return eligible(institution=world.hub_a, hub=world.hub_a, status="published", title="Inovasi Terbit Pertama")


@pytest.mark.parametrize(
    "path", ["/innovations/", "/innovations/?q=Terbit", "/hubs/", "/stories/", "/tpbis/", "/api/v1/innovations/"]
)
def test_a_repeated_anonymous_request_is_served_from_the_cache(client, world, published, path):
    """Same content, fewer queries: the rows and their rendering come from the cache; the page around
    them (the CSRF token of the language switch) is still the request's own."""
    ProgrammeFactory(tpbis=True)  # /tpbis/
    client = APIClient() if path.startswith("/api/") else client
    first, cold = _get(client, path)
    second, warm = _get(client, path)
    assert second == first
    assert warm < cold


def test_a_new_innovation_shows_at_once(client, world, published):
    _get(client, "/innovations/")
    eligible(institution=world.hub_a, hub=world.hub_a, status="published", title="Inovasi Terbit Kedua")
    assert "Inovasi Terbit Kedua" in _get(client, "/innovations/")[0]
    assert "Inovasi Terbit Kedua" in _get(APIClient(), "/api/v1/innovations/")[0]


def test_a_write_without_signals_shows_once_the_writer_says_content_changed(client, world, published):
    """Bulk writes (QuerySet.update, bulk_create) send no signal; they call cache.content_changed."""
    _get(client, "/innovations/")
    Innovation.objects.filter(pk=published.pk).update(title="Judul Diubah Massal")
    assert "Judul Diubah Massal" not in _get(client, "/innovations/")[0]  # cached, as documented
    cache.content_changed()
    assert "Judul Diubah Massal" in _get(client, "/innovations/")[0]


def test_a_new_source_of_a_designation_shows_on_the_hub_page(client, world):
    """A many-to-many change (designation ↔ sources) moves the content generation too."""
    designation = HubDesignationFactory(institution=world.hub_a)
    path = world.hub_a.get_absolute_url()
    _get(client, path)
    designation.sources.add(SourceFactory(title="Sumber Baru Ditambahkan"))
    assert "Sumber Baru Ditambahkan" in _get(client, path)[0]


def test_signed_in_users_never_get_the_public_rendering(client, world, published):
    """A hub editor sees their draft on a list an anonymous visitor has just had cached."""
    draft = eligible(institution=world.hub_a, hub=world.hub_a, title="Draf Rahasia Hub A")
    assert "Draf Rahasia Hub A" not in _get(client, "/innovations/")[0]
    client.force_login(world.editor)
    assert "Draf Rahasia Hub A" in _get(client, "/innovations/")[0]
    api = APIClient()
    api.force_authenticate(world.editor)
    assert draft.title in _get(api, "/api/v1/innovations/")[0]
    assert draft.title not in _get(APIClient(), "/api/v1/innovations/")[0]


def test_each_language_has_its_own_rendering(client, world, published):
    indonesian, _ = _get(client, "/innovations/", HTTP_ACCEPT_LANGUAGE="id")
    english, _ = _get(client, "/innovations/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Cari judul dan aspek" in indonesian
    assert "Cari judul dan aspek" not in english


def test_api_links_follow_the_host_asked_for(world, published):
    """Pagination and record links are absolute: a page cached for one host is not served to another."""
    for n in range(3):
        eligible(institution=world.hub_a, hub=world.hub_a, status="published", title=f"Inovasi Halaman {n}")
    api = APIClient()
    via_localhost, _ = _get(api, "/api/v1/innovations/?page_size=2", HTTP_HOST="localhost")
    via_ip, _ = _get(api, "/api/v1/innovations/?page_size=2", HTTP_HOST="127.0.0.1")
    assert "http://localhost/api/v1/innovations/" in via_localhost
    assert "http://127.0.0.1/api/v1/innovations/" in via_ip and "http://localhost/" not in via_ip


def test_turned_off_by_setting(client, world, published, settings):
    """With JIPP_PUBLIC_CACHE_SECONDS = 0 nothing is kept: even a write without signals shows at once."""
    settings.JIPP_PUBLIC_CACHE_SECONDS = 0
    _get(client, "/innovations/")
    Innovation.objects.filter(pk=published.pk).update(title="Judul Tanpa Cache")
    assert "Judul Tanpa Cache" in _get(client, "/innovations/")[0]
