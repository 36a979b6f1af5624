""" "Kiriman saya": the user's hubs' records not yet published, with what happens next."""

import pytest
from django.urls import reverse

from tests.factories.innovations import InnovationFactory
from tests.factories.stories import ImpactStoryFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

URL = "/hubs/submissions/"


@pytest.fixture
def records(world):
    programme = ProgrammeFactory(hub=world.hub_a, slug="program-kiriman")
    return {
        "draft_a": InnovationFactory(institution=world.coached_a, hub=world.hub_a, title="Draf hub A"),
        "sent_back_a": InnovationFactory(
            institution=world.coached_a, hub=world.hub_a, title="Dikembalikan hub A", status="revision_requested"
        ),
        "published_a": InnovationFactory(
            institution=world.coached_a, hub=world.hub_a, title="Terbit hub A", status="published"
        ),
        "story_a": ImpactStoryFactory(
            programme=programme, hub=world.hub_a, title="Kisah diajukan A", status="submitted"
        ),
        "draft_b": InnovationFactory(institution=world.coached_b, hub=world.hub_b, title="Draf hub B"),
    }


def test_a_member_sees_the_unpublished_work_of_their_hub_with_the_next_step(client, world, records):
    client.force_login(world.editor)
    html = client.get(URL).content.decode()
    for title in ("Draf hub A", "Dikembalikan hub A", "Kisah diajukan A"):
        assert title in html
    assert "Terbit hub A" not in html  # published: on the public lists, not here
    assert "Draf hub B" not in html  # another hub's draft
    assert "Perbaiki sesuai komentar peninjau" in html  # what happens to a record sent back
    assert "Menunggu staf kementerian" in html  # what happens to a submitted story


def test_staff_see_what_they_started_not_every_hubs_drafts(client, world, records):
    mine = InnovationFactory(institution=world.coached_b, hub=world.hub_b, title="Dicatat staf", created_by=world.staff)
    client.force_login(world.staff)
    html = client.get(URL).content.decode()
    assert mine.title in html
    assert "Draf hub A" not in html


def test_it_needs_a_sign_in_and_is_in_the_account_menu(client, world, records):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    client.force_login(world.admin)
    assert f'href="{URL}"' in client.get(reverse("home")).content.decode()


def test_one_query_per_kind_whatever_the_rows(client, world, records, django_assert_max_num_queries):
    for n in range(10):
        InnovationFactory(institution=world.coached_a, hub=world.hub_a, title=f"Draf tambahan {n}")
    client.force_login(world.editor)
    client.get(URL)  # the session and the user's roles are read once per request
    with django_assert_max_num_queries(8):
        assert client.get(URL).status_code == 200
