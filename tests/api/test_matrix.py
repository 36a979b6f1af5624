"""Endpoints × roles: the API allows exactly what tests/api/matrix.py (the pages' table) allows.

Each cell acts on a record of hub A, with a personal token of the role's user. A refused cell must
leave the record unchanged. "edit" and "record_replication" cells that are allowed go through the
innovation services (innovation_update, replication_create).
"""

import pytest

from tests.api.factories import InstitutionFactory
from tests.api.matrix import CELLS, ROLES, allowed

pytestmark = pytest.mark.django_db

REFUSED = {401, 403, 404}


def _url(innovation, suffix=""):
    return f"/api/v1/innovations/{innovation.pk}/{suffix}"


def act(world, client, action):
    """Perform `action` on a record of hub A; return (response, succeeded-in-the-database)."""
    innovation = world.draft_a
    if action == "create":
        payload = {"title": "Draf matriks API", "institution": world.spoke.pk, "hub": world.hub_a.pk}
        response = client.post("/api/v1/innovations/", payload, format="json")
        return response, world.hub_a.hub_innovations.filter(title="Draf matriks API").exists()
    if action == "view_draft":
        response = client.get(_url(innovation))
        listed = innovation.pk in [row["id"] for row in client.get("/api/v1/innovations/").json()["results"]]
        return response, response.status_code == 200 and listed
    if action in ("edit", "edit_published"):
        if action == "edit_published":
            innovation = world.published_a
        response = client.patch(_url(innovation), {"title": "Judul baru lewat API"}, format="json")
        innovation.refresh_from_db()
        return response, innovation.title == "Judul baru lewat API"
    if action == "submit":
        response = client.post(_url(innovation, "submit/"), {}, format="json")
        innovation.refresh_from_db()
        return response, innovation.status == "submitted"
    if action in ("review", "publish"):
        innovation.status = "submitted"
        innovation.save(update_fields=["status"])
        path, target = ("start-review/", "in_review") if action == "review" else ("publish/", "published")
        response = client.post(_url(innovation, path), {}, format="json")
        innovation.refresh_from_db()
        return response, innovation.status == target
    if action == "record_replication":
        adopter = InstitutionFactory(name="Pemerintah Kabupaten Replikator", slug="replikator")
        payload = {
            "innovation": world.published_a.pk,
            "adopter": adopter.pk,
            "facilitating_hub": world.hub_a.pk,
            "committed_on": "2022-05-10",
        }
        response = client.post("/api/v1/replications/", payload, format="json")
        return response, world.published_a.replications.filter(adopter=adopter).exists()
    raise AssertionError(action)


@pytest.mark.parametrize(("role", "action"), CELLS)
def test_api_matrix(world, client_for, role, action):
    response, happened = act(world, client_for(role), action)
    if allowed(role, action):
        assert response.status_code in (200, 201), response.content
        assert happened
    else:
        assert response.status_code in REFUSED, response.content
        assert not happened
        if role == "anonymous" and action != "view_draft":
            assert response.status_code == 401


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_published_records(world, client_for, role):
    client = client_for(role)
    assert client.get(_url(world.published_a)).status_code == 200
    assert client.get(f"/api/v1/hubs/{world.hub_a.pk}/").status_code == 200


def test_other_hub_sees_only_its_own_drafts(world, client_for):
    ids = {row["id"] for row in client_for("other_hub_member").get("/api/v1/innovations/").json()["results"]}
    assert ids == {world.draft_b.pk, world.published_a.pk}


def test_actions_field_lists_what_the_user_may_do(world, client_for):
    assert client_for("admin").get(_url(world.draft_a)).json()["actions"] == ["submit"]
    assert client_for("editor").get(_url(world.draft_a)).json()["actions"] == []
    assert client_for("anonymous").get(_url(world.published_a)).json()["actions"] == []
