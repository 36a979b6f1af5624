"""A change to published content is live at once, without review: only the hub's admins may make one,
and the audit log says who changed which fields. Editors draft; their changes to a published record
are refused on the pages and in the API alike."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from jipp.choices import SecurityEventKind
from jipp.models import SecurityEvent
from stories.services import story_photo_add
from tests.factories.stories import ImpactStoryFactory, ProgrammeFactory, photo_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_story(world):
    programme = ProgrammeFactory(hub=world.hub_a, slug="tpbis", name="TPBIS")
    return ImpactStoryFactory(programme=programme, province=world.province, title="Kisah terbit", status="published")


def _page_client(user):
    client = Client()
    client.force_login(user)
    return client


def test_editor_cannot_patch_a_published_innovation(world, client_for):
    response = client_for("editor").patch(
        f"/api/v1/innovations/{world.published_a.pk}/",
        {"title": "Judul diganti editor", "video_url": "https://contoh.example/video"},
        format="json",
    )
    assert response.status_code == 403
    world.published_a.refresh_from_db()
    assert world.published_a.title == "Terbit hub A"


def test_editor_cannot_patch_a_published_story(world, client_for, published_story):
    response = client_for("editor").patch(
        f"/api/v1/stories/{published_story.pk}/", {"title": "Judul diganti editor"}, format="json"
    )
    assert response.status_code == 403
    published_story.refresh_from_db()
    assert published_story.title == "Kisah terbit"


def test_editor_cannot_open_the_edit_page_of_published_records(world, published_story):
    client = _page_client(world.users["editor"])
    assert client.get(reverse("innovations:innovation_edit", args=[world.published_a.slug])).status_code == 403
    assert client.get(reverse("stories:story_edit", args=[published_story.slug])).status_code == 403


def test_editor_cannot_add_a_photo_to_a_published_story(world, published_story):
    with pytest.raises(PermissionDenied):
        story_photo_add(story=published_story, user=world.users["editor"], file=photo_upload())
    assert not published_story.photos.exists()


def test_editor_still_edits_a_draft(world, client_for):
    response = client_for("editor").patch(
        f"/api/v1/innovations/{world.draft_a.pk}/", {"title": "Draf diperbarui"}, format="json"
    )
    assert response.status_code == 200
    assert not SecurityEvent.objects.filter(kind=SecurityEventKind.PUBLISHED_RECORD_CHANGED).exists()


def test_admin_change_to_published_innovation_is_audited(world, client_for):
    response = client_for("admin").patch(
        f"/api/v1/innovations/{world.published_a.pk}/", {"title": "Judul resmi baru"}, format="json"
    )
    assert response.status_code == 200
    event = SecurityEvent.objects.get(kind=SecurityEventKind.PUBLISHED_RECORD_CHANGED)
    assert event.user == world.users["admin"]
    assert event.detail["model"] == "innovations.innovation"
    assert event.detail["id"] == world.published_a.pk
    assert "title" in event.detail["fields"]
    # The change history names the same user (token requests bypass the history middleware).
    assert world.published_a.history.latest().history_user == world.users["admin"]


def test_admin_change_to_published_story_is_audited_without_personal_values(world, client_for, published_story):
    response = client_for("admin").patch(
        f"/api/v1/stories/{published_story.pk}/", {"beneficiary_name": "Nama Baru Rahasia"}, format="json"
    )
    assert response.status_code == 200, response.content
    event = SecurityEvent.objects.get(kind=SecurityEventKind.PUBLISHED_RECORD_CHANGED)
    assert event.user == world.users["admin"]
    assert "beneficiary_name" in event.detail["fields"]
    assert "Nama Baru Rahasia" not in str(event.detail)
    assert published_story.history.latest().history_user == world.users["admin"]
