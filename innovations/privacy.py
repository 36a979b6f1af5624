"""What of an impact story a given user may see (UU 27/2022, Personal Data Protection).

Every surface that shows a story to someone (pages, search results, exports, the API, reports)
asks these functions; none re-implements the rule:

- the beneficiary's full name only for those who may see personal data (the hub's members and
  ministry staff, see hubs.permissions.can_view_personal_data) or with name consent; otherwise
  initials ("S. W."); nothing after erasure;
- photos only for those who may see personal data, or with photo consent;
- gender, age group and disability only for those who may see personal data.
"""

from hubs import permissions

from .models import ImpactStory

# The keys of `story_public_row`, in a stable order (export columns).
PUBLIC_ROW_KEYS = [
    "slug",
    "title",
    "title_en",
    "status",
    "is_demo",
    "programme",
    "hub",
    "innovation",
    "library_name",
    "library_level",
    "province",
    "regency",
    "activity_type",
    "people_reached",
    "narrative_before",
    "narrative_after",
    "narrative_before_en",
    "narrative_after_en",
    "income_before",
    "income_after",
    "story_date",
    "published_at",
    "beneficiary_name",
    "gender",
    "age_group",
    "has_disability",
    "consent_name_public",
    "consent_photo_public",
    "photos_visible",
    "personal_data_erased",
]


def initials(name: str) -> str:
    """'Siti Wahyuni' → 'S. W.'; one initial per word, upper case, no other letter of the name."""
    return " ".join(f"{word[0].upper()}." for word in (name or "").split() if word[:1].isalnum())


def beneficiary_display_name(*, story: ImpactStory, user) -> str:
    """The beneficiary's name as this user may see it: full, initials, or "" (none or erased)."""
    if story.erased_at is not None or not story.beneficiary_name:
        return ""
    if story.consent_name_public or permissions.can_view_personal_data(user, story):
        return story.beneficiary_name
    return initials(story.beneficiary_name)


def story_photos_visible(*, story: ImpactStory, user) -> bool:
    """Whether this user may see the story's photos: the hub's members and staff always, others with consent."""
    return story.consent_photo_public or permissions.can_view_personal_data(user, story)


def story_photo_is_public(story: ImpactStory) -> bool:
    """Whether the story's photos are public alike for everyone (published, consented, not erased),
    so that a shared cache may hold them; anything else is personal to the viewer."""
    return story.status == "published" and story.consent_photo_public and story.erased_at is None


def story_public_row(*, story: ImpactStory, user) -> dict:
    """The values of a story that a list or an export may show to this user, keyed by PUBLIC_ROW_KEYS.

    Every row has the same keys (so that export columns are stable); the personal ones hold None
    when the user may not see them. Related objects are given by name, so a caller should
    select_related programme, hub, innovation, province, regency and activity_type.
    """
    personal = permissions.can_view_personal_data(user, story)
    innovation = story.innovation if story.innovation_id else None
    return {
        "slug": story.slug,
        "title": story.title,
        "title_en": story.title_en,
        "status": story.status,
        "is_demo": story.is_demo,
        "programme": str(story.programme),
        "hub": story.hub.name,
        # A related innovation that this user may not see is not named either.
        "innovation": innovation.title if innovation and permissions.can_view(user, innovation) else None,
        "library_name": story.library_name,
        "library_level": story.library_level,
        "province": story.province.name,
        "regency": story.regency.name if story.regency_id else None,
        "activity_type": story.activity_type.name,
        "people_reached": story.people_reached,
        "narrative_before": story.narrative_before,
        "narrative_after": story.narrative_after,
        "narrative_before_en": story.narrative_before_en,
        "narrative_after_en": story.narrative_after_en,
        "income_before": story.income_before,
        "income_after": story.income_after,
        "story_date": story.story_date,
        "published_at": story.published_at,
        "beneficiary_name": beneficiary_display_name(story=story, user=user),
        "gender": (story.gender or None) if personal else None,
        "age_group": (story.age_group or None) if personal else None,
        "has_disability": story.has_disability if personal else None,
        "consent_name_public": story.consent_name_public,
        "consent_photo_public": story.consent_photo_public,
        "photos_visible": story_photos_visible(story=story, user=user),
        "personal_data_erased": story.erased_at is not None,
    }
