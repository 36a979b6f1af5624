"""What of an impact story a given user may see (UU 27/2022, Personal Data Protection).

One object, `PublicStory` (`story_public(story=..., user=...)`), is the story as one viewer may see
it, and every surface that shows a story (pages, search results, list exports, the API, PDF
reports) reads the story through it, never the record's personal fields directly:

- the beneficiary's full name only for those who may see personal data (the hub's members and
  ministry staff, see jipp.permissions.can_view_personal_data) or with name consent; otherwise
  initials ("S. W."); nothing after erasure;
- photos only for those who may see personal data, or with photo consent;
- gender, age group, disability, the consent record and the review history only for those who may
  see personal data;
- a related innovation only when the viewer may see it (another hub's draft is not even named);
- a photo may be kept by shared caches only when it is the same for everyone: published, with
  photo consent, not erased.
"""

from functools import cached_property

from jipp import permissions
from jipp.http import PRIVATE, PUBLIC_REVALIDATE
from stories.models import STORY_ACCOUNT_FIELDS, ImpactStory

# The keys of `PublicStory.row()`, in a stable order (export columns).
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
    *STORY_ACCOUNT_FIELDS,
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

# What of the record anyone who may see the story may read as stored: nothing here names or
# describes the person. Everything else is decided by PublicStory or is not readable at all.
PLAIN_ATTRIBUTES = frozenset(
    {
        "pk",
        "id",
        "slug",
        "title",
        "title_en",
        "status",
        "get_status_display",
        "is_demo",
        "version",
        "programme",
        "programme_id",
        "hub",
        "hub_id",
        "library_name",
        "library_level",
        "get_library_level_display",
        "province",
        "province_id",
        "regency",
        "regency_id",
        "activity_type",
        "activity_type_id",
        *STORY_ACCOUNT_FIELDS,
        "published_at",
        "created_at",
        "updated_at",
        "erased_at",
        "consent_name_public",
        "consent_photo_public",
        "get_absolute_url",
    }
)


def initials(name: str) -> str:
    """'Siti Wahyuni' → 'S. W.'; one initial per word, upper case, no other letter of the name."""
    return " ".join(f"{word[0].upper()}." for word in (name or "").split() if word[:1].isalnum())


def _photo_is_public(story: ImpactStory) -> bool:
    """Whether the story's photos are public alike for everyone (published, consented, not erased),
    so that a shared cache may hold them; anything else is personal to the viewer."""
    return story.status == "published" and story.consent_photo_public and story.erased_at is None


class PublicStory:
    """A story as one user may see it: the only view of a story that pages, exports, the API and
    reports are given. Non-personal attributes of the record read through unchanged
    (PLAIN_ATTRIBUTES); personal ones hold what the rules allow; any other attribute of the record
    is not there, so that a template or a serializer cannot show it by mistake."""

    def __init__(self, story: ImpactStory, user):
        self._story = story
        self._user = user

    def __getattr__(self, name):
        if name in PLAIN_ATTRIBUTES:
            return getattr(self._story, name)
        raise AttributeError(f"{type(self).__name__} does not show {name!r}")

    def __str__(self):
        return str(self._story)

    def __repr__(self):
        return f"<PublicStory {self._story.pk}>"

    @cached_property
    def personal(self) -> bool:
        """Whether the viewer may see the person's data (the hub's members and ministry staff)."""
        return self._story.erased_at is None and permissions.can_view_personal_data(self._user, self._story)

    @cached_property
    def manages_record(self) -> bool:
        """Whether the viewer may see the consent record and the review history (as for `personal`,
        but also after erasure: the record of who erased what stays the hub's)."""
        return permissions.can_view_personal_data(self._user, self._story)

    @cached_property
    def beneficiary_name(self) -> str:
        """Full, initials, or "" (no name or erased)."""
        story = self._story
        if story.erased_at is not None or not story.beneficiary_name:
            return ""
        if story.consent_name_public or self.personal:
            return story.beneficiary_name
        return initials(story.beneficiary_name)

    @property
    def gender(self) -> str | None:
        return (self._story.gender or None) if self.personal else None

    @property
    def age_group(self) -> str | None:
        return (self._story.age_group or None) if self.personal else None

    @property
    def has_disability(self) -> bool | None:
        return self._story.has_disability if self.personal else None

    def get_gender_display(self) -> str:
        return self._story.get_gender_display() if self.gender else ""

    def get_age_group_display(self) -> str:
        return self._story.get_age_group_display() if self.age_group else ""

    @property
    def consent_date(self):
        return self._story.consent_date if self.manages_record else None

    @property
    def consent_recorded_by(self):
        return self._story.consent_recorded_by if self.manages_record else None

    @property
    def has_consent_document(self) -> bool:
        return bool(self._story.consent_document) and self.manages_record

    @property
    def review_events(self):
        return self._story.review_events.all() if self.manages_record else []

    @cached_property
    def innovation(self):
        """The related innovation, or None when there is none or the viewer may not see it."""
        if self._story.innovation_id is None:
            return None
        innovation = self._story.innovation
        return innovation if permissions.can_view(self._user, innovation) else None

    @cached_property
    def photos_visible(self) -> bool:
        """The hub's members and staff always, others with photo consent; nobody after erasure."""
        story = self._story
        return story.erased_at is None and (story.consent_photo_public or self.personal)

    @cached_property
    def photos(self) -> list:
        return list(self._story.photos.all()) if self.photos_visible else []

    @property
    def photo_cache_control(self) -> str:
        """Cache-Control of the story's photos: shared caches may keep only what is public alike."""
        return PUBLIC_REVALIDATE if _photo_is_public(self._story) else PRIVATE

    def row(self) -> dict:
        """The values a list or an export may show, keyed by PUBLIC_ROW_KEYS.

        Every row has the same keys (so that export columns are stable); the personal ones hold None
        when the user may not see them. Related objects are given by name, so a caller should
        select_related programme, hub, innovation, province, regency and activity_type.
        """
        story = self._story
        innovation = self.innovation
        return {
            "slug": story.slug,
            "title": story.title,
            "title_en": story.title_en,
            "status": story.status,
            "is_demo": story.is_demo,
            "programme": str(story.programme),
            "hub": story.hub.name,
            "innovation": innovation.title if innovation is not None else None,
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
            "beneficiary_name": self.beneficiary_name,
            "gender": self.gender,
            "age_group": self.age_group,
            "has_disability": self.has_disability,
            "consent_name_public": story.consent_name_public,
            "consent_photo_public": story.consent_photo_public,
            "photos_visible": self.photos_visible,
            "personal_data_erased": story.erased_at is not None,
        }


def story_public(*, story: ImpactStory, user) -> PublicStory:
    """The story as `user` may see it (see PublicStory)."""
    return PublicStory(story, user)


def stories_public(stories, user) -> list[PublicStory]:
    """Each story of an iterable as `user` may see it, for list pages and reports."""
    return [PublicStory(story, user) for story in stories]
