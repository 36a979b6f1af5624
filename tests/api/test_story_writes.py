"""Writing impact stories through the API: the same hub rules and workflow as innovations."""

import pytest

from tests.factories.stories import ActivityTypeFactory, ImpactStoryFactory, ProgrammeFactory

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
        # A named beneficiary is recorded with the date of their consent (stories.services.story_validate).
        "consent_date": "2024-02-01",
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


def _innovation_error(response):
    assert response.status_code == 400, response.content
    return response.json()["error"]["fields"]["innovation"]


def test_linking_another_hubs_draft_reads_like_a_missing_innovation(world, client_for, programme):
    """Neither answer may tell that the other hub's draft exists."""
    story = ImpactStoryFactory(programme=programme, status="draft")
    client = client_for("editor")
    hidden = _innovation_error(client.patch(f"/api/v1/stories/{story.pk}/", {"innovation": world.draft_b.pk}))
    missing = _innovation_error(client.patch(f"/api/v1/stories/{story.pk}/", {"innovation": world.draft_b.pk + 999}))
    assert [e["code"] for e in hidden] == [e["code"] for e in missing] == ["does_not_exist"]
    assert hidden[0]["message"].replace(str(world.draft_b.pk), "") == missing[0]["message"].replace(
        str(world.draft_b.pk + 999), ""
    )
    story.refresh_from_db()
    assert story.innovation_id is None


def test_a_story_links_a_published_innovation_or_one_of_its_own_hub_only(world, client_for, programme):
    story = ImpactStoryFactory(programme=programme, status="draft")
    editor = client_for("editor")
    assert editor.patch(f"/api/v1/stories/{story.pk}/", {"innovation": world.draft_a.pk}).status_code == 200
    world.published_a.hub = world.hub_b
    world.published_a.save()
    assert editor.patch(f"/api/v1/stories/{story.pk}/", {"innovation": world.published_a.pk}).status_code == 200
    # Staff see hub B's draft, yet may not hand it to hub A's story either.
    staff_story = ImpactStoryFactory(programme=programme, status="draft")
    errors = _innovation_error(
        client_for("staff").post(
            "/api/v1/stories/",
            {**_payload(world, programme, world.hub_a), "innovation": world.draft_b.pk},
            format="json",
        )
    )
    assert errors[0]["code"] == "innovation_not_linkable"
    assert staff_story.innovation_id is None


def test_a_story_does_not_name_a_draft_innovation_to_those_who_may_not_see_it(world, client_for, anon, programme):
    """The story pages hide a related draft; the API did give its id to anyone."""
    story = ImpactStoryFactory(programme=programme, innovation=world.draft_a)
    for client in (anon, client_for("other_hub_member")):
        assert client.get(f"/api/v1/stories/{story.pk}/").json()["innovation"] is None
        rows = client.get("/api/v1/stories/").json()["results"]
        assert [r["innovation"] for r in rows if r["id"] == story.pk] == [None]
    for role in ("editor", "staff"):
        assert client_for(role).get(f"/api/v1/stories/{story.pk}/").json()["innovation"] == world.draft_a.pk
    story.innovation = world.published_a
    story.save()
    assert anon.get(f"/api/v1/stories/{story.pk}/").json()["innovation"] == world.published_a.pk
