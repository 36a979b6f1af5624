"""The privacy functions every surface (pages, exports, API, reports) uses to show a story."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from innovations.privacy import (
    PUBLIC_ROW_KEYS,
    beneficiary_display_name,
    initials,
    story_photos_visible,
    story_public_row,
)

from .factories import ImpactStoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_initials_keep_one_letter_per_word():
    assert initials("Siti Wahyuni") == "S. W."
    assert initials("  budi   santoso ") == "B. S."
    assert initials("") == ""


@pytest.mark.parametrize("who", ["anonymous", "plain_user", "other_member"])
def test_outsiders_see_initials_without_name_consent(who, programme, other_member):
    """Without name consent, anyone outside the hub and staff sees only the initials."""
    story = ImpactStoryFactory(programme=programme, consent_name_public=False)
    user = {"anonymous": AnonymousUser(), "plain_user": UserFactory(), "other_member": other_member}[who]
    assert beneficiary_display_name(story=story, user=user) == "S. W."


@pytest.mark.parametrize("who", ["editor", "admin", "staff"])
def test_hub_members_and_staff_see_the_full_name(who, programme, editor, admin, staff):
    story = ImpactStoryFactory(programme=programme, consent_name_public=False)
    user = {"editor": editor, "admin": admin, "staff": staff}[who]
    assert beneficiary_display_name(story=story, user=user) == "Siti Wahyuni"


def test_name_consent_shows_the_full_name_to_the_public(programme):
    story = ImpactStoryFactory(programme=programme, consent_name_public=True)
    assert beneficiary_display_name(story=story, user=AnonymousUser()) == "Siti Wahyuni"


def test_erased_story_shows_no_name_to_anyone(programme, staff):
    # Built, not saved: the database refuses an erased story that still holds a name (constraint
    # story_erased_has_no_personal_data); the display rule must hide it even so.
    story = ImpactStoryFactory.build(programme=programme, consent_name_public=True, erased_at=timezone.now())
    assert beneficiary_display_name(story=story, user=staff) == ""
    assert beneficiary_display_name(story=story, user=AnonymousUser()) == ""


def test_photos_need_consent_for_outsiders_but_not_for_members(programme, editor, other_member):
    story = ImpactStoryFactory(programme=programme, consent_photo_public=False)
    assert story_photos_visible(story=story, user=AnonymousUser()) is False
    assert story_photos_visible(story=story, user=other_member) is False
    assert story_photos_visible(story=story, user=editor) is True
    story.consent_photo_public = True
    assert story_photos_visible(story=story, user=AnonymousUser()) is True


def test_public_row_masks_personal_fields_for_the_public(programme):
    """An export row for the public: initials, no gender/age/disability, figures intact."""
    story = ImpactStoryFactory(programme=programme, has_disability=True)
    row = story_public_row(story=story, user=AnonymousUser())
    assert list(row) == PUBLIC_ROW_KEYS
    assert row["beneficiary_name"] == "S. W."
    assert row["gender"] is None and row["age_group"] is None and row["has_disability"] is None
    assert row["photos_visible"] is False
    assert row["income_before"] == 300_000 and row["income_after"] == 3_000_000
    assert row["people_reached"] == 10
    assert "Siti" not in repr(row)


def test_public_row_has_personal_fields_for_members(programme, editor):
    story = ImpactStoryFactory(programme=programme, has_disability=True)
    row = story_public_row(story=story, user=editor)
    assert row["beneficiary_name"] == "Siti Wahyuni"
    assert (row["gender"], row["age_group"], row["has_disability"]) == ("perempuan", "30_44", True)


def test_public_row_hides_an_unpublished_related_innovation(programme, hub):
    from innovations.models import Innovation

    draft = Innovation.objects.create(institution=hub, hub=hub, title="Inovasi draf rahasia", slug="draf-rahasia")
    story = ImpactStoryFactory(programme=programme, innovation=draft, story_date=datetime.date(2024, 1, 1))
    assert story_public_row(story=story, user=AnonymousUser())["innovation"] is None
