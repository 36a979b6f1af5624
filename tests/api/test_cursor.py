"""Keyset (cursor) pages for the large lists: innovations and stories."""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.django_db


def _walk(client, url):
    """Follow `next` links from url; return every id seen and the responses' counts."""
    ids, counts = [], []
    while url:
        body = client.get(url).json()
        counts.append(body["count"])
        ids.extend(row["id"] for row in body["results"])
        url = body["next"]
        if url:
            parts = urlsplit(url)
            url = f"{parts.path}?{parts.query}"
    return ids, counts


def test_cursor_pages_cover_every_visible_innovation_once_newest_first(world, client_for):
    """`?paging=cursor` walks the whole list in id order, newest first, without a count."""
    staff = client_for("staff")
    ids, counts = _walk(staff, "/api/v1/innovations/?paging=cursor&page_size=1")
    expected = sorted(
        (row["id"] for row in staff.get("/api/v1/innovations/?page_size=200").json()["results"]), reverse=True
    )
    assert ids == expected and len(ids) >= 3
    assert set(counts) == {None}


def test_cursor_pages_respect_visibility_and_filters(world, client_for):
    """An anonymous visitor's cursor pages hold only published innovations, as the page-number list does."""
    anonymous = client_for("anonymous")
    ids, _ = _walk(anonymous, "/api/v1/innovations/?paging=cursor&page_size=1")
    assert ids == [world.published_a.pk]


def test_page_number_mode_still_counts(world, client_for):
    body = client_for("staff").get("/api/v1/innovations/?page_size=1").json()
    assert body["count"] >= 3 and body["next"] and "page=2" in body["next"]


def test_a_damaged_cursor_is_a_400_naming_the_parameter(world, client_for):
    response = client_for("staff").get("/api/v1/stories/?cursor=not-a-cursor")
    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["fields"]
