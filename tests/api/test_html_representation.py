"""The API's HTML view shows nothing its JSON hides, for every endpoint and every role.

The browsable API renders forms and filter forms beside the response. Those are built from the
write serializers and from querysets that the read path never exposes, so a form pre-filled from a
stored story showed a beneficiary's full name, gender and age group to any signed-in user, while
the JSON for the same user showed initials. This test renders every endpoint of the router (list and
each record's detail) as text/html and as JSON for every role, and asserts that no personal value or
hidden record that is absent from the JSON appears in the HTML.
"""

import html
import json
import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from jipp.api_router import router
from jipp.choices import MembershipRole
from tests.api.conftest import token_client
from tests.factories.hubs import UserFactory, member
from tests.factories.stories import ImpactStoryFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

# Personal fields of a story: a `"key": value` pair in the HTML that the JSON does not hold is a leak.
PERSONAL_KEYS = ("beneficiary_name", "gender", "age_group", "has_disability", "consent_date", "email")
PAIR = re.compile(r'"({})":\s*("(?:[^"\\]|\\.)*"|true|false|-?\d+)'.format("|".join(PERSONAL_KEYS)))


@pytest.fixture
def records(world):
    """Published and draft stories of hub A with names that do not appear anywhere else."""
    programme = ProgrammeFactory(hub=world.hub_a)
    world.draft_a.title = "Zqdraftinnov Alpha"
    world.draft_a.save()
    world.draft_b.title = "Zqdraftinnov Beta"
    world.draft_b.save()
    ImpactStoryFactory(
        programme=programme,
        beneficiary_name="Zqpub Hiddenname",
        consent_name_public=False,
        gender="laki_laki",
        age_group="60plus",
        has_disability=True,
    )
    ImpactStoryFactory(
        programme=programme,
        status="draft",
        title="Zqdraftstory Title",
        beneficiary_name="Zqdraft Personname",
        consent_name_public=True,
    )
    ImpactStoryFactory(programme=programme, beneficiary_name="Zqconsented Name", consent_name_public=True)
    return world


def _roles(world):
    outsider = UserFactory(username="zqoutsider")
    reader = member(world.hub_b, MembershipRole.EDITOR, username="zqreader")
    return {
        "anonymous": APIClient(),
        "outsider": token_client(outsider),
        "editor": token_client(world.users["editor"]),
        "admin": token_client(world.users["admin"]),
        "admin_read_only_token": token_client(world.users["admin"], read_only=True),
        "other_hub_member": token_client(world.users["other_hub_member"]),
        "other_hub_editor": token_client(reader),
        "staff": token_client(world.users["staff"]),
    }


def _addresses():
    """Every list of the router and every stored record's detail."""
    for _prefix, viewset, basename in router.registry:
        yield reverse(f"api:{basename}-list")
        model = viewset.serializer_class.Meta.model
        for pk in model._default_manager.values_list("pk", flat=True):
            yield reverse(f"api:{basename}-detail", args=[pk])


def _sentinels():
    from django.contrib.auth import get_user_model

    from innovations.models import Innovation
    from stories.models import ImpactStory

    words = set()
    for story in ImpactStory.objects.all():
        words.update({story.beneficiary_name, story.title})
    words.update(Innovation.objects.values_list("title", flat=True))
    words.update(get_user_model().objects.exclude(email="").values_list("email", flat=True))
    return {w for w in words if w}


def test_no_role_sees_in_html_what_the_json_hides(records):
    clients = _roles(records)
    sentinels = _sentinels()
    addresses = list(_addresses())
    assert len(addresses) > 20
    leaks = []
    for role, client in clients.items():
        for address in addresses:
            as_json = client.get(address, HTTP_ACCEPT="application/json")
            as_html = client.get(address, HTTP_ACCEPT="text/html")
            assert as_html.status_code == as_json.status_code, (role, address)
            assert as_html["Content-Type"].startswith("text/html"), (role, address)
            json_text = json.dumps(as_json.json(), ensure_ascii=False)
            page = html.unescape(as_html.content.decode())
            for word in sentinels:
                if word not in json_text and word in page:
                    leaks.append((role, address, word))
            json_pairs = {(k, v) for k, v in PAIR.findall(json.dumps(as_json.json(), ensure_ascii=False, indent=4))}
            for key, value in PAIR.findall(page):
                if value not in ('""', "null") and (key, value) not in json_pairs:
                    leaks.append((role, address, f"{key}: {value}"))
    assert not leaks, leaks[:20]


def test_an_outsider_gets_no_prefilled_edit_form(records):
    """The finding as reported: the stored full name in the HTML view of a story, for a user of no hub."""
    from stories.models import ImpactStory

    story = ImpactStory.objects.get(beneficiary_name="Zqpub Hiddenname")
    client = token_client(UserFactory(username="zqnobody"))
    page = client.get(reverse("api:impactstory-detail", args=[story.pk]), HTTP_ACCEPT="text/html")
    assert page.status_code == 200
    body = html.unescape(page.content.decode())
    assert "Z. H." in body
    assert "Zqpub Hiddenname" not in body
    assert '"age_group": "60plus"' not in body
