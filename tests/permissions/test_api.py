"""Every cell of the permission matrix (tests/permissions/matrix.py), performed through /api/v1/.

Each request carries a personal token of the role's user (read_only_token: a read-only token of hub A's
admin). An allowed cell succeeds (200, 201, 202 or 204) and its effect is in the database; a refused one
answers 401 (anonymous, for a write), 403 or 404 (a record the user may not see), and nothing changed.
"""

import pytest
from rest_framework.test import APIClient

from innovations.models import Innovation, Replication
from jipp.tokens import api_token_create
from reports.models import ReportJob
from stories.models import ImpactStory
from tests.permissions.conftest import user_of
from tests.permissions.matrix import API_CELLS, READS, ROLES, cell_id

pytestmark = pytest.mark.django_db

REFUSED = {401, 403, 404}


def client_for(world, role) -> APIClient:
    client = APIClient()
    if role != "anonymous":
        _token, plaintext = api_token_create(user=user_of(world, role), name="uji", read_only=role == "read_only_token")
        client.credentials(HTTP_AUTHORIZATION=f"Token {plaintext}")
    return client


def _ids(response) -> set:
    return {row["id"] for row in response.json()["results"]} if response.status_code == 200 else set()


def _reviewable(resource, action, client, world):
    """An action on an innovation or a story of hub A (their endpoints share ReviewableViewSetMixin)."""
    base = {"innovation": "/api/v1/innovations/", "story": "/api/v1/stories/"}[resource]
    model = {"innovation": Innovation, "story": ImpactStory}[resource]
    draft, published = getattr(world, f"{resource}_draft"), getattr(world, f"{resource}_published")
    url = f"{base}{draft.pk}/"
    if action == "view":
        response = client.get(url)
        return response, response.status_code == 200 and response.json()["id"] == draft.pk
    if action == "list":
        response = client.get(base)
        return response, draft.pk in _ids(response)
    if action == "create":
        title = "Draf matriks API"
        if resource == "innovation":
            payload = {"title": title, "institution": world.coached_a.pk, "hub": world.hub_a.pk}
        else:
            payload = {
                "programme": world.programme_a.pk,
                "hub": world.hub_a.pk,
                "title": title,
                "library_name": "Perpustakaan Desa Uji",
                "library_level": "desa",
                "province": world.province.pk,
                "activity_type": world.activity.pk,
                "narrative_before": "Sebelum.",
                "narrative_after": "Sesudah.",
                "story_date": "2024-03-01",
            }
        response = client.post(base, payload, format="json")
        return response, model.objects.filter(title=title, hub=world.hub_a).exists()
    if action in ("edit", "edit_published"):
        record = published if action == "edit_published" else draft
        response = client.patch(f"{base}{record.pk}/", {"title": "Judul baru lewat API"}, format="json")
        record.refresh_from_db()
        return response, record.title == "Judul baru lewat API"
    if action == "delete":
        response = client.delete(url)
        return response, not model.objects.filter(pk=draft.pk).exists()
    if action in ("submit", "review", "publish"):
        if action != "submit":
            model.objects.filter(pk=draft.pk).update(status="submitted")
        path, target = {
            "submit": ("submit/", "submitted"),
            "review": ("start-review/", "in_review"),
            "publish": ("publish/", "published"),
        }[action]
        response = client.post(url + path, {}, format="json")
        draft.refresh_from_db()
        return response, draft.status == target
    if action == "report":
        payload = {"kind": "innovation_profile", "output_format": "pdf", "params": {"innovation": draft.pk}}
        response = client.post("/api/v1/reports/", payload, format="json")
        return response, ReportJob.objects.filter(kind="innovation_profile", params__innovation=draft.pk).exists()
    raise AssertionError(action)


def _replication(action, client, world):
    replication = world.replication
    url = f"/api/v1/replications/{replication.pk}/"
    if action == "view":
        response = client.get(url)
        return response, response.status_code == 200 and response.json()["id"] == replication.pk
    if action == "list":
        response = client.get("/api/v1/replications/")
        return response, replication.pk in _ids(response)
    if action == "create":
        source = world.innovation_to_replicate
        payload = {
            "innovation": source.pk,
            "adopter": world.coached_a.pk,
            "facilitating_hub": world.hub_a.pk,
            "committed_on": "2022-05-10",
        }
        response = client.post("/api/v1/replications/", payload, format="json")
        return response, Replication.objects.filter(innovation=source, adopter=world.coached_a).exists()
    if action == "edit":
        response = client.patch(url, {"notes": "Catatan lewat API"}, format="json")
        replication.refresh_from_db()
        return response, replication.notes == "Catatan lewat API"
    if action == "delete":
        response = client.delete(url)
        return response, not Replication.objects.filter(pk=replication.pk).exists()
    raise AssertionError(action)


@pytest.mark.parametrize(("resource", "action", "role", "allowed"), API_CELLS, ids=map(cell_id, API_CELLS))
def test_api_matrix(records, resource, action, role, allowed):
    """Each role takes exactly the actions the matrix allows through the API; a refusal changes nothing."""
    world = records
    client = client_for(world, role)
    if resource == "replication":
        response, happened = _replication(action, client, world)
    else:
        response, happened = _reviewable(resource, action, client, world)
    assert happened is allowed, (response.status_code, response.content[:2000])
    if allowed:
        assert response.status_code in {200, 201, 202, 204}, response.content
        return
    if action == "list":
        assert response.status_code == 200  # a public list: it answers, without the record
    elif resource == "replication" and action == "delete":
        # No role deletes a replication: the endpoint has no DELETE (after the token's checks).
        assert response.status_code in {401, 403, 405}, response.content
    elif role == "anonymous" and action not in READS:
        assert response.status_code == 401, response.content
    elif action == "report":
        # The report service reads an innovation the user may not see as one that does not exist.
        assert response.status_code in REFUSED | {400}, response.content
    else:
        assert response.status_code in REFUSED, response.content


def test_replications_have_no_delete_method(records):
    response = client_for(records, "staff").delete(f"/api/v1/replications/{records.replication.pk}/")
    assert response.status_code == 405
    assert "DELETE" not in response["Allow"]


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_published_records(records, role):
    client = client_for(records, role)
    assert client.get(f"/api/v1/innovations/{records.innovation_published.pk}/").status_code == 200
    assert client.get(f"/api/v1/stories/{records.story_published.pk}/").status_code == 200
    assert client.get(f"/api/v1/hubs/{records.hub_a.pk}/").status_code == 200


def test_other_hub_sees_only_its_own_drafts(records):
    ids = _ids(client_for(records, "other_hub_admin").get("/api/v1/innovations/"))
    assert ids == {records.innovation_draft_b.pk, records.innovation_published.pk, records.innovation_to_replicate.pk}


def test_actions_field_lists_what_the_user_may_do(records):
    draft, story = f"/api/v1/innovations/{records.innovation_draft.pk}/", f"/api/v1/stories/{records.story_draft.pk}/"
    for url in (draft, story):
        assert client_for(records, "admin").get(url).json()["actions"] == ["submit"]
        assert client_for(records, "editor").get(url).json()["actions"] == []
        # The token's user (hub A's admin) may submit, but not through a token that only reads.
        assert client_for(records, "read_only_token").get(url).json()["actions"] == []
    published = f"/api/v1/innovations/{records.innovation_published.pk}/"
    assert client_for(records, "anonymous").get(published).json()["actions"] == []
