"""The one public representation of a story (stories.privacy.PublicStory) that every surface
(pages, exports, the API, reports) shows."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from stories.privacy import PUBLIC_ROW_KEYS, initials, story_public
from tests.factories.hubs import UserFactory
from tests.factories.stories import ImpactStoryFactory

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
    assert story_public(story=story, user=user).beneficiary_name == "S. W."


@pytest.mark.parametrize("who", ["editor", "admin", "staff"])
def test_hub_members_and_staff_see_the_full_name(who, programme, editor, admin, staff):
    story = ImpactStoryFactory(programme=programme, consent_name_public=False)
    user = {"editor": editor, "admin": admin, "staff": staff}[who]
    assert story_public(story=story, user=user).beneficiary_name == "Siti Wahyuni"


def test_name_consent_shows_the_full_name_to_the_public(programme):
    story = ImpactStoryFactory(programme=programme, consent_name_public=True)
    assert story_public(story=story, user=AnonymousUser()).beneficiary_name == "Siti Wahyuni"


def test_erased_story_shows_no_name_to_anyone(programme, staff):
    # Built, not saved: the database refuses an erased story that still holds a name (constraint
    # story_erased_has_no_personal_data); the display rule must hide it even so.
    story = ImpactStoryFactory.build(programme=programme, consent_name_public=True, erased_at=timezone.now())
    assert story_public(story=story, user=staff).beneficiary_name == ""
    assert story_public(story=story, user=AnonymousUser()).beneficiary_name == ""


def test_photos_need_consent_for_outsiders_but_not_for_members(programme, editor, other_member):
    story = ImpactStoryFactory(programme=programme, consent_photo_public=False)
    assert story_public(story=story, user=AnonymousUser()).photos_visible is False
    assert story_public(story=story, user=other_member).photos_visible is False
    assert story_public(story=story, user=editor).photos_visible is True
    story.consent_photo_public = True
    assert story_public(story=story, user=AnonymousUser()).photos_visible is True


def test_public_row_masks_personal_fields_for_the_public(programme):
    """An export row for the public: initials, no gender/age/disability, figures intact."""
    story = ImpactStoryFactory(programme=programme, has_disability=True)
    row = story_public(story=story, user=AnonymousUser()).row()
    assert list(row) == PUBLIC_ROW_KEYS
    assert row["beneficiary_name"] == "S. W."
    assert row["gender"] is None and row["age_group"] is None and row["has_disability"] is None
    assert row["photos_visible"] is False
    assert row["income_before"] == 300_000 and row["income_after"] == 3_000_000
    assert row["people_reached"] == 10
    assert "Siti" not in repr(row)


def test_public_row_has_personal_fields_for_members(programme, editor):
    story = ImpactStoryFactory(programme=programme, has_disability=True)
    row = story_public(story=story, user=editor).row()
    assert row["beneficiary_name"] == "Siti Wahyuni"
    assert (row["gender"], row["age_group"], row["has_disability"]) == ("perempuan", "30_44", True)


def test_public_row_hides_an_unpublished_related_innovation(programme, hub):
    from innovations.models import Innovation

    draft = Innovation.objects.create(institution=hub, hub=hub, title="Inovasi draf rahasia", slug="draf-rahasia")
    story = ImpactStoryFactory(programme=programme, innovation=draft, story_date=datetime.date(2024, 1, 1))
    assert story_public(story=story, user=AnonymousUser()).row()["innovation"] is None


def test_the_representation_offers_no_raw_personal_field(programme):
    """A template or serializer cannot read around the rules: what is not decided is not there."""
    story = ImpactStoryFactory(programme=programme)
    public = story_public(story=story, user=AnonymousUser())
    for name in ("consent_document", "beneficiary_name_raw", "_meta", "save", "delete", "photos_set"):
        with pytest.raises(AttributeError):
            getattr(public, name)
    assert public.title == story.title


def test_outsiders_get_no_personal_field_consent_record_or_review_history(programme, other_member):
    story = ImpactStoryFactory(programme=programme, has_disability=True)
    for user in (AnonymousUser(), other_member):
        public = story_public(story=story, user=user)
        assert (public.gender, public.age_group, public.has_disability) == (None, None, None)
        assert public.get_gender_display() == "" and public.get_age_group_display() == ""
        assert public.consent_date is None and public.consent_recorded_by is None
        assert public.has_consent_document is False
        assert list(public.review_events) == []
        assert public.personal is False and public.manages_record is False


def test_members_see_the_consent_record_after_erasure_but_no_personal_field(programme, editor):
    story = ImpactStoryFactory(
        programme=programme,
        beneficiary_name="",
        gender="",
        age_group="",
        has_disability=None,
        erased_at=timezone.now(),
    )
    public = story_public(story=story, user=editor)
    assert public.personal is False
    assert public.manages_record is True
    assert public.consent_date == datetime.date(2024, 5, 1)
    assert public.photos_visible is False


def test_a_visible_related_innovation_is_given_and_a_hidden_one_is_not(programme, hub, editor, other_member):
    from innovations.models import Innovation

    draft = Innovation.objects.create(institution=hub, hub=hub, title="Inovasi draf", slug="draf-hub")
    story = ImpactStoryFactory(programme=programme, innovation=draft)
    assert story_public(story=story, user=editor).innovation == draft
    assert story_public(story=story, user=other_member).innovation is None
    assert story_public(story=story, user=editor).row()["innovation"] == "Inovasi draf"


@pytest.mark.parametrize(
    ("status", "consent", "erased", "expected"),
    [
        ("published", True, False, "public, no-cache"),
        ("published", False, False, "private, no-store"),
        ("draft", True, False, "private, no-store"),
        ("published", True, True, "private, no-store"),
    ],
)
def test_photos_may_be_shared_only_when_published_and_consented(programme, status, consent, erased, expected):
    story = ImpactStoryFactory.build(
        programme=programme,
        status=status,
        consent_photo_public=consent,
        erased_at=timezone.now() if erased else None,
    )
    assert story_public(story=story, user=AnonymousUser()).photo_cache_control == expected
