"""ETags on details, 304 on If-None-Match, 412 on a stale If-Match."""

import pytest

pytestmark = pytest.mark.django_db


def test_detail_has_an_etag_and_if_none_match_gives_304(world, anon):
    url = f"/api/v1/innovations/{world.published_a.pk}/"
    first = anon.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    again = anon.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert not again.content


def test_etag_ignores_field_selection(world, anon):
    """Any GET of a record gives the same tag, so a tag from `?fields=` still works in If-Match."""
    url = f"/api/v1/innovations/{world.published_a.pk}/"
    assert anon.get(url)["ETag"] == anon.get(url, {"fields": "id,title"})["ETag"]


def test_etag_changes_when_the_record_changes(world, client_for):
    client = client_for("admin")
    url = f"/api/v1/innovations/{world.draft_a.pk}/"
    before = client.get(url)["ETag"]
    response = client.post(url + "submit/", {}, format="json")
    assert response.status_code == 200
    assert response["ETag"] != before
    assert client.get(url, HTTP_IF_NONE_MATCH=before).status_code == 200


def test_stale_if_match_on_patch_gives_412_and_changes_nothing(world, client_for):
    editor = client_for("editor")
    url = f"/api/v1/innovations/{world.draft_a.pk}/"
    stale = editor.get(url)["ETag"]
    world.draft_a.title = "Diubah sistem lain"
    world.draft_a.version += 1
    world.draft_a.save()
    response = editor.patch(url, {"title": "Tulisan saya"}, format="json", HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    assert response.json()["error"]["code"] == "precondition_failed"
    world.draft_a.refresh_from_db()
    assert world.draft_a.title == "Diubah sistem lain"


def test_stale_if_match_on_a_transition_gives_412(world, client_for):
    admin = client_for("admin")
    url = f"/api/v1/innovations/{world.draft_a.pk}/"
    response = admin.post(url + "submit/", {}, format="json", HTTP_IF_MATCH='"not-the-current-tag"')
    assert response.status_code == 412
    world.draft_a.refresh_from_db()
    assert world.draft_a.status == "draft"


def test_current_if_match_lets_the_transition_through(world, client_for):
    admin = client_for("admin")
    url = f"/api/v1/innovations/{world.draft_a.pk}/"
    etag = admin.get(url)["ETag"]
    response = admin.post(url + "submit/", {}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"


def test_etag_on_reference_data(world, anon):
    url = f"/api/v1/provinces/{world.province.code}/"
    response = anon.get(url)
    assert response.status_code == 200
    assert anon.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_etag_does_not_depend_on_the_host_name(world, client_for):
    """A system reading via the internal address and writing via the public one is not refused."""
    editor = client_for("editor")
    url = f"/api/v1/innovations/{world.draft_a.pk}/"
    internal = editor.get(url, HTTP_HOST="jipp.internal")
    public = editor.get(url, HTTP_HOST="jipp.example.go.id")
    assert internal.json()["url"] != public.json()["url"]
    assert internal["ETag"] == public["ETag"]
