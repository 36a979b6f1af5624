"""Writes of impact stories: create, update, photos, workflow and erasure of personal data.

Pages, the API and the demo seeder call these; the rules live here and in jipp.permissions.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innovations.files import DOCUMENT_KINDS, IMAGE_KINDS, CheckedFile, check_upload
from innovations.workflow import reviewable_delete, workflow_transition
from jipp import permissions
from jipp.audit import published_change_record, security_event_record
from jipp.choices import SecurityEventKind
from jipp.exceptions import VersionConflict
from jipp.slugs import SlugRule
from jipp.validation import refuse_nul_characters, refuse_unknown_fields
from stories.models import PERSONAL_FIELDS, STORY_ACCOUNT_FIELDS, ImpactStory, StoryPhoto
from stories.signals import CONSENT_WITHDRAWN, ERASED, story_personal_data_withdrawn

# Content fields a create or update may set. `hub` is set on create only: moving a story to
# another hub would hand it to other editors.
STORY_FIELDS = [
    "programme",
    "innovation",
    "title",
    "title_en",
    "library_name",
    "library_level",
    "province",
    "regency",
    "beneficiary_name",
    "gender",
    "age_group",
    "has_disability",
    "consent_name_public",
    "consent_photo_public",
    "consent_date",
    "activity_type",
    *STORY_ACCOUNT_FIELDS,
]

ERASURE_REASON = "Penghapusan data pribadi atas permintaan (UU 27/2022)"


CONSENT_DATE_RULE = _(
    "Tanggal persetujuan wajib diisi bila penerima manfaat disebut namanya atau bila nama atau foto boleh "
    "dipublikasikan."
)


def story_validate(story: ImpactStory) -> None:
    """The rules of a story beyond its field types, as one ValidationError keyed by field.

    The services call it before saving; the form calls it too, so that every error shows at once.
    """
    errors = {}
    today = timezone.localdate()
    for field in ("income_before", "income_after"):
        value = getattr(story, field)
        if value is not None and value < 0:
            errors[field] = ValidationError(_("Pendapatan tidak boleh negatif."), code="negative_income")
    if story.story_date and story.story_date > today:
        errors["story_date"] = ValidationError(_("Tanggal kisah tidak boleh di masa depan."), code="future_date")
    # One rule for every save and for submission. The public sees a named beneficiary's initials even
    # without name consent (stories.privacy), and the hub sees the full name: recording a person at all
    # is processing their data (UU 27/2022), so a name needs a recorded consent, not only a public one.
    if (story.beneficiary_name or story.consent_name_public or story.consent_photo_public) and not story.consent_date:
        errors["consent_date"] = ValidationError(CONSENT_DATE_RULE, code="consent_date_required")
    if story.consent_date and story.consent_date > today:
        errors["consent_date"] = ValidationError(
            _("Tanggal persetujuan tidak boleh di masa depan."), code="future_date"
        )
    if story.regency_id and story.province_id and story.regency.province_id != story.province_id:
        errors["regency"] = ValidationError(
            _("Kabupaten/kota tidak berada di provinsi yang dipilih."), code="regency_outside_province"
        )
    if story.erased_at is not None and any(getattr(story, f) not in ("", None) for f in PERSONAL_FIELDS):
        errors["beneficiary_name"] = ValidationError(
            _("Data pribadi kisah ini telah dihapus dan tidak dapat diisi kembali."), code="erased"
        )
    if errors:
        raise ValidationError(errors)


# Path words of the story URLs that a slug must not take.
STORY_SLUGS = SlugRule(ImpactStory, fallback="kisah", reserved=frozenset({"new"}))


def _store_consent_document(story: ImpactStory, uploaded) -> None:
    checked = check_upload(uploaded, allowed=DOCUMENT_KINDS & {"pdf", *IMAGE_KINDS})
    if story.consent_document:
        story.consent_document.delete(save=False)
    django_file = checked.as_django_file()
    story.consent_document.save(django_file.name, django_file, save=False)


# What a service takes besides the story's own fields: the hub (on creation) and the consent document.
STORY_INPUT_EXTRAS = ("hub", "is_demo", "consent_document")


def _apply(story: ImpactStory, data: dict, user) -> list[str]:
    """Copy the fields of `data` onto the story (an unknown one is an error); returns the names given."""
    refuse_unknown_fields(data, [*STORY_FIELDS, *STORY_INPUT_EXTRAS])
    given = [f for f in STORY_FIELDS if f in data]
    consent_before = (story.consent_name_public, story.consent_photo_public, story.consent_date)
    for field in given:
        value = data[field]
        if isinstance(value, str):
            value = value.strip()
        setattr(story, field, value)
    # Whoever records a (changed) consent is its recorder: the record says who vouched for it.
    if (story.consent_name_public, story.consent_photo_public, story.consent_date) != consent_before or (
        story.consent_date and story.consent_recorded_by_id is None
    ):
        story.consent_recorded_by = user
        given.append("consent_recorded_by")
    return given


@transaction.atomic
def story_create(*, user, data: dict) -> ImpactStory:
    """Create a draft story for a hub the user is a member of (admin or editor).

    `data` holds model values (instances for relations); `hub` defaults to the programme's hub.
    An optional `consent_document` (uploaded file) is checked by content (PDF or image).
    Raises PermissionDenied or ValidationError (keyed by field).
    """
    programme = data.get("programme")
    hub = data.get("hub") or (programme.hub if programme else None)
    if hub is None or not permissions.can_create_for_hub(user, hub.pk):
        raise PermissionDenied(_("Anda bukan anggota hub ini."))
    story = ImpactStory(hub=hub, created_by=user, is_demo=bool(data.get("is_demo", False)))
    _apply(story, data, user)
    story_validate(story)
    _check_innovation_link(story, None)
    story.slug = STORY_SLUGS.unique(story.title)
    if data.get("consent_document"):
        _store_consent_document(story, data["consent_document"])
    refuse_nul_characters(story)
    story.full_clean()
    story._history_user = user
    STORY_SLUGS.save(story, story.title)
    return story


@transaction.atomic
def story_update(*, story: ImpactStory, user, data: dict, expected_version: int | None = None) -> ImpactStory:
    """Change a story's content. Raises VersionConflict when `expected_version` is stale.

    The hub's members may edit while the story is a draft, needs revision, or is published.
    """
    story = ImpactStory.objects.select_for_update().get(pk=story.pk)
    if not permissions.can_edit(user, story):
        raise PermissionDenied(_("Anda tidak berwenang mengubah kisah ini."))
    if expected_version is not None and expected_version != story.version:
        raise VersionConflict(story.version)
    consent_before = (story.consent_name_public, story.consent_photo_public)
    innovation_before = story.innovation_id
    fields = _apply(story, data, user)
    story_validate(story)
    _check_innovation_link(story, innovation_before)
    name_withdrawn = consent_before[0] and not story.consent_name_public
    photo_withdrawn = consent_before[1] and not story.consent_photo_public
    if name_withdrawn or photo_withdrawn:
        _announce_withdrawal(story, CONSENT_WITHDRAWN)
    if data.get("consent_document"):
        _store_consent_document(story, data["consent_document"])
        fields.append("consent_document")
    refuse_nul_characters(story)
    story.full_clean()
    story.version += 1
    story._history_user = user
    story.save(update_fields=[*dict.fromkeys(fields), "version", "updated_at"])
    published_change_record(obj=story, user=user, fields=fields)
    return story


def _check_innovation_link(story: ImpactStory, previous_id: int | None) -> None:
    """A story may name a published innovation, or one of its own hub: another hub's draft stays that hub's."""
    if story.innovation_id is None or story.innovation_id == previous_id:
        return
    innovation = story.innovation
    if not innovation.is_published and innovation.hub_id != story.hub_id:
        raise ValidationError(
            {
                "innovation": ValidationError(
                    _("Pilih inovasi yang sudah terbit atau inovasi hub kisah ini."), code="innovation_not_linkable"
                )
            }
        )


def _announce_withdrawal(story: ImpactStory, reason: str) -> None:
    # After commit: a rolled-back erasure must not destroy the files, and receivers see the new rows.
    story_id, hub_id = story.pk, story.hub_id
    transaction.on_commit(
        lambda: story_personal_data_withdrawn.send(sender=ImpactStory, story_id=story_id, hub_id=hub_id, reason=reason)
    )


def _submit_gate(story: ImpactStory) -> None:
    # The rules of every save, again: a row stored before a rule existed (an old import) is held here.
    story_validate(story)


def story_transition(*, story: ImpactStory, user, action: str, comment: str = "") -> ImpactStory:
    """Move a story through the shared review workflow (submit, start_review, publish, ...)."""
    return workflow_transition(
        obj=story,
        user=user,
        action=action,
        comment=comment,
        validate=_submit_gate if action == "submit" else None,
    )


def story_submit(*, story: ImpactStory, user) -> ImpactStory:
    """Submit a story for review (hub admins); a named beneficiary needs a recorded consent."""
    return story_transition(story=story, user=user, action="submit")


def story_photo_check(file) -> CheckedFile:
    """A photo checked as story_photo_add checks it (type by content, size), re-encoded without EXIF,
    not stored: for a form that must keep a chosen photo across a refused submit."""
    try:
        return check_upload(file, allowed=IMAGE_KINDS)
    except ValidationError as exc:
        raise ValidationError({"photo": exc.error_list}) from exc


@transaction.atomic
def story_delete(*, story: ImpactStory, user) -> None:
    """Delete a draft story that never went to review, with its photos, consent document and files.

    Only the members of its hub may (jipp.permissions.can_delete); PermissionDenied otherwise.
    """
    reviewable_delete(
        obj=story,
        user=user,
        files=lambda current: [*(p.image for p in current.photos.all()), current.consent_document],
    )


@transaction.atomic
def story_photo_add(*, story: ImpactStory, user, file, caption: str = "") -> StoryPhoto:
    """Attach a photo, checked by content (JPEG, PNG, WebP) and re-encoded without EXIF (GPS included)."""
    if not permissions.can_edit(user, story):
        raise PermissionDenied(_("Anda tidak berwenang mengubah kisah ini."))
    if story.erased_at is not None:
        raise ValidationError(_("Data pribadi kisah ini telah dihapus; foto tidak dapat ditambahkan."), code="erased")
    try:
        checked = check_upload(file, allowed=IMAGE_KINDS)
    except ValidationError as exc:
        raise ValidationError({"photo": exc.error_list}) from exc
    photo = StoryPhoto(
        story=story,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=len(checked.content),
        uploaded_by=user,
        caption=(caption or "").strip(),
    )
    django_file = checked.as_django_file()
    photo.image.save(django_file.name, django_file, save=False)
    photo.full_clean()
    photo.save()
    published_change_record(obj=story, user=user, fields=["photos"])
    return photo


@transaction.atomic
def story_photo_delete(*, photo: StoryPhoto, user) -> None:
    """Remove a photo and its file."""
    if not permissions.can_edit(user, photo.story):
        raise PermissionDenied(_("Anda tidak berwenang mengubah kisah ini."))
    _delete_photo_files([photo])
    photo.delete()


def _delete_photo_files(photos) -> None:
    # Files go after the transaction commits: a rolled-back erasure must not lose the photos.
    for photo in photos:
        storage, name = photo.image.storage, photo.image.name
        if name:
            transaction.on_commit(lambda s=storage, n=name: s.delete(n))


@transaction.atomic
def story_erase_personal_data(*, story: ImpactStory, user) -> ImpactStory:
    """Anonymise a story on the beneficiary's request (ministry staff or the hub's admins).

    Clears the beneficiary's name, gender, age group and disability, deletes the photos and the
    consent document, and sets `erased_at`. The story keeps its figures (people reached, incomes),
    so totals still count it. The history row of the erasure carries its reason and none of the
    erased values (the history never stores the personal fields).
    """
    story = ImpactStory.objects.select_for_update().get(pk=story.pk)
    if not permissions.can_erase_personal_data(user, story):
        raise PermissionDenied(_("Anda tidak berwenang menghapus data pribadi kisah ini."))
    photos = list(story.photos.all())
    _delete_photo_files(photos)
    story.photos.all().delete()
    if story.consent_document:
        storage, name = story.consent_document.storage, story.consent_document.name
        transaction.on_commit(lambda: storage.delete(name))
        story.consent_document = ""
    story.beneficiary_name = ""
    story.gender = ""
    story.age_group = ""
    story.has_disability = None
    story.erased_at = timezone.now()
    story.version += 1
    story._change_reason = ERASURE_REASON
    story._history_user = user
    story.save(update_fields=[*PERSONAL_FIELDS, "consent_document", "erased_at", "version", "updated_at"])
    _announce_withdrawal(story, ERASED)
    security_event_record(
        kind=SecurityEventKind.PERSONAL_DATA_ERASED,
        user=user,
        detail={"story_id": story.pk, "story": story.slug, "photos_deleted": len(photos)},
    )
    return story
