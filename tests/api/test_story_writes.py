"""Writing impact stories through the API: the same hub rules and workflow as innovations."""

import pytest

from .factories import ActivityTypeFactory, ImpactStoryFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(world):
    return ProgrammeFactory(hub=world.hub_a, slug="tpbis", name="TPBIS")


def _payload(world, programme, hub):
    return {
        "programme": programme.pk,
        "hub": hub.pk,
        "title": "Dari juru parkir menjadi peternak",
        "library_name": "Perpustakaan Desa Uji",
        "library_level": "desa",
        "province": world.province.pk,
        "beneficiary_name": "Penerima Uji",
        "consent_name_public": False,
        "activity_type": ActivityTypeFactory().pk,
        "narrative_before": "Sebelum.",
        "narrative_after": "Sesudah.",
        "income_before": 300000,
        "story_date": "2024-03-01",
    }


def test_editor_creates_a_story_for_their_hub(world, client_for, programme):
    response = client_for("editor").post("/api/v1/stories/", _payload(world, programme, world.hub_a), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "draft"
    assert response.json()["personal"] is not None  # the hub's own member sees the personal fields


def test_story_for_another_hub_is_refused(world, client_for, programme):
    response = client_for("editor").post("/api/v1/stories/", _payload(world, programme, world.hub_b), format="json")
    assert response.status_code == 403


def test_story_input_errors_name_the_fields(world, client_for, programme):
    payload = {**_payload(world, programme, world.hub_a), "library_level": "istana", "income_before": -5}
    del payload["story_date"]
    response = client_for("editor").post("/api/v1/stories/", payload, format="json")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"library_level", "income_before", "story_date"}


def test_story_workflow_admin_submits_staff_publishes(world, client_for, programme):
    story = ImpactStoryFactory(programme=programme, province=world.province, status="draft")
    url = f"/api/v1/stories/{story.pk}/"
    assert client_for("editor").post(url + "submit/", {}, format="json").status_code == 403
    assert client_for("admin").post(url + "submit/", {}, format="json").json()["status"] == "submitted"
    assert client_for("admin").post(url + "publish/", {}, format="json").status_code == 403
    assert client_for("staff").post(url + "publish/", {}, format="json").json()["status"] == "published"
    assert client_for("anonymous").get(url).status_code == 200


def test_stale_if_match_on_a_story_gives_412(world, client_for, programme):
    story = ImpactStoryFactory(programme=programme, province=world.province, status="draft")
    editor = client_for("editor")
    url = f"/api/v1/stories/{story.pk}/"
    stale = editor.get(url)["ETag"]
    story.title = "Diubah di halaman"
    story.version += 1
    story.save()
    assert editor.patch(url, {"title": "Dari API"}, format="json", HTTP_IF_MATCH=stale).status_code == 412
    story.refresh_from_db()
    assert story.title == "Diubah di halaman"


def test_other_hub_cannot_edit_a_published_story(world, client_for, programme):
    story = ImpactStoryFactory(programme=programme, province=world.province, status="published")
    response = client_for("other_hub_member").patch(f"/api/v1/stories/{story.pk}/", {"title": "X"}, format="json")
    assert response.status_code == 403
