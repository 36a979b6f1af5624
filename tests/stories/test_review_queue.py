"""The review queue lists everything waiting for a decision, innovations and stories alike."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.innovations import InnovationFactory
from tests.factories.stories import ImpactStoryFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("innovations:review_queue")


def _days_ago(days: int):
    return timezone.now() - datetime.timedelta(days=days)


def _titles(page: str) -> list[str]:
    return re.findall(r'<td><a href="[^"]+/review/">([^<]+)</a></td>', page)


@pytest.fixture
def waiting(world):
    """Hub A: a story submitted 10 days ago, an innovation in review since 3 days; hub B: an innovation
    submitted 20 days ago. Drafts and published records never wait."""
    ImpactStoryFactory(hub=world.hub_a, status="submitted", submitted_at=_days_ago(10), title="Kisah menunggu")
    InnovationFactory(hub=world.hub_a, status="in_review", submitted_at=_days_ago(3), title="Inovasi ditinjau")
    InnovationFactory(hub=world.hub_b, status="submitted", submitted_at=_days_ago(20), title="Inovasi lama")
    ImpactStoryFactory(hub=world.hub_a, status="draft", title="Kisah draf")
    InnovationFactory(hub=world.hub_a, status="published", title="Inovasi terbit")
    return world


def test_queue_lists_submitted_stories_and_innovations_oldest_first(client, waiting):
    client.force_login(waiting.staff)
    page = client.get(QUEUE).content.decode()
    assert _titles(page) == ["Inovasi lama", "Kisah menunggu", "Inovasi ditinjau"]
    row = page[page.index('<tr data-kind="story">') :]
    row = row[: row.index("</tr>")]
    # Its kind, hub, how long it has waited, and the link to the story's own review page.
    assert "Kisah dampak" in row and "<td>PUA</td>" in row and "1\xa0minggu" in row
    assert '/review/">Kisah menunggu<' in row and "/stories/" in row


def test_queue_filters_by_kind_and_hub(client, waiting):
    client.force_login(waiting.staff)
    assert _titles(client.get(QUEUE, {"kind": "story"}).content.decode()) == ["Kisah menunggu"]
    assert _titles(client.get(QUEUE, {"kind": "innovation"}).content.decode()) == ["Inovasi lama", "Inovasi ditinjau"]
    by_hub = client.get(QUEUE, {"hub": waiting.hub_a.pk}).content.decode()
    assert _titles(by_hub) == ["Kisah menunggu", "Inovasi ditinjau"]


def test_an_invalid_filter_shows_its_error_and_no_rows(client, waiting):
    client.force_login(waiting.staff)
    page = client.get(QUEUE, {"kind": "replikasi"}).content.decode()
    assert _titles(page) == [] and 'id="kind-error"' in page


def test_queue_is_for_reviewers_only(client, waiting):
    response = client.get(QUEUE)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    for user in (waiting.editor, waiting.admin):
        client.force_login(user)
        assert client.get(QUEUE).status_code == 403


def test_queue_costs_the_same_with_few_and_many_rows(client, world, django_assert_max_num_queries):
    client.force_login(world.staff)
    for i in range(2):
        InnovationFactory(hub=world.hub_a, status="submitted", submitted_at=_days_ago(i))
        ImpactStoryFactory(hub=world.hub_a, status="submitted", submitted_at=_days_ago(i))
    with django_assert_max_num_queries(8):
        assert client.get(QUEUE).status_code == 200
    for i in range(20):
        InnovationFactory(hub=world.hub_b, status="in_review", submitted_at=_days_ago(i))
        ImpactStoryFactory(hub=world.hub_a, status="submitted", submitted_at=_days_ago(i))
    with django_assert_max_num_queries(8):
        page = client.get(QUEUE, {"hub": world.hub_a.pk}).content.decode()
    assert len(_titles(page)) == 24


# --- the story list's status filter ----------------------------------------------------------------

STORIES = reverse("stories:story_list")


def test_story_list_filters_by_status_for_staff_and_members(client, waiting):
    for user in (waiting.staff, waiting.editor):
        client.force_login(user)
        page = client.get(STORIES, {"status": "submitted"}).content.decode()
        assert 'name="status"' in page
        assert "Kisah menunggu" in page and "Kisah draf" not in page
        assert "Kisah draf" in client.get(STORIES, {"status": "draft"}).content.decode()


def test_story_list_offers_no_status_filter_to_the_public(client, waiting):
    from tests.factories.hubs import UserFactory

    for user in (None, UserFactory(username="tanpa_hub")):
        if user is not None:
            client.force_login(user)
        page = client.get(STORIES, {"status": "draft"}).content.decode()
        assert 'name="status"' not in page
        assert "Kisah draf" not in page and "Kisah menunggu" not in page
