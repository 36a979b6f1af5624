"""One review experience for innovations and stories: the same form, the same include, the same rules."""

import re

import pytest
from django.urls import reverse

from innovations.models import ReviewEvent
from stories.models import ImpactStory
from tests.factories.innovations import eligible
from tests.factories.stories import ImpactStoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(world):
    """A submitted innovation and a submitted story, each with the URL of its review page."""
    innovation = eligible(institution=world.coached_a, hub=world.hub_a, status="submitted")
    story = ImpactStoryFactory(hub=world.hub_a, status="submitted")
    return {
        "innovation": (innovation, reverse("innovations:innovation_review", args=[innovation.slug])),
        "story": (story, reverse("stories:story_review", args=[story.slug])),
    }


def _checked(page: str) -> list[str]:
    return re.findall(r'<input type="radio"[^>]*value="([^"]+)"[^>]*\schecked', page)


@pytest.mark.parametrize("kind", ["innovation", "story"])
def test_a_rejection_without_comment_shows_the_error_at_the_field_and_keeps_the_choice(client, world, records, kind):
    """Reject needs a comment: without one the page comes back with the error under the comment box,
    "reject" still chosen, and the record unchanged."""
    record, url = records[kind]
    client.force_login(world.staff)
    response = client.post(url, {"action": "reject", "comment": "  "})
    assert response.status_code == 400
    page = response.content.decode()
    assert re.search(r'id="comment-error">Komentar wajib diisi untuk tindakan ini.<', page)
    assert _checked(page) == ["reject"]
    record.refresh_from_db()
    assert record.status == "submitted"


@pytest.mark.parametrize("kind", ["innovation", "story"])
def test_the_review_form_is_the_same_for_both_kinds(client, world, records, kind):
    """Destructive decisions are styled as such and ask for a confirmation; publish is the primary one;
    the review history is listed beside the form."""
    record, url = records[kind]
    ReviewEvent.objects.create(target=record, actor=world.admin, from_status="draft", to_status="submitted")
    client.force_login(world.staff)
    page = client.get(url).content.decode()
    assert "data-confirm-choice" in page and page.count("data-confirm=") == 2
    assert re.search(r'class="btn btn-outline-danger" for="[^"]+">Tolak', page)
    assert re.search(r'class="btn btn-outline-danger" for="[^"]+">Minta revisi', page)
    assert re.search(r'class="btn btn-outline-primary" for="[^"]+">Terbitkan', page)
    assert 'id="review-history-title"' in page and "Draf → Diajukan" in page


@pytest.mark.parametrize("kind", ["innovation", "story"])
def test_a_decision_with_its_comment_is_taken(client, world, records, kind):
    record, url = records[kind]
    client.force_login(world.staff)
    response = client.post(url, {"action": "request_revision", "comment": "Lengkapi angka."})
    assert response.status_code == 302 and response["Location"] == record.get_absolute_url()
    record.refresh_from_db()
    assert record.status == "revision_requested"
    assert record.review_events.get().comment == "Lengkapi angka."


@pytest.mark.parametrize("kind", ["innovation", "story"])
def test_only_reviewers_reach_the_review_page(client, world, records, kind):
    record, url = records[kind]
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(world.admin)
    assert client.post(url, {"action": "publish"}).status_code == 403
    record.refresh_from_db()
    assert record.status == "submitted"


def test_story_page_offers_submit_to_its_admin_and_review_to_staff(client, world):
    draft = ImpactStoryFactory(hub=world.hub_a, status="draft")
    client.force_login(world.admin)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert reverse("stories:story_submit", args=[draft.slug]) in page
    assert reverse("stories:story_review", args=[draft.slug]) not in page
    assert client.post(reverse("stories:story_submit", args=[draft.slug])).status_code == 302
    assert ImpactStory.objects.get(pk=draft.pk).status == "submitted"
    client.force_login(world.staff)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert reverse("stories:story_review", args=[draft.slug]) in page
    assert f"stories/{draft.slug}/actions/" not in page  # no more stacked action buttons
