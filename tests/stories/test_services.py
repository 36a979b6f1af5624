"""Writes of stories: validation, permissions, photos, workflow, optimistic locking and erasure."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from PIL import Image

from innovations.models import ReviewEvent
from jipp.exceptions import VersionConflict
from stories.models import ImpactStory, StoryPhoto
from stories.selectors import story_totals
from stories.services import (
    story_create,
    story_delete,
    story_erase_personal_data,
    story_photo_add,
    story_submit,
    story_transition,
    story_update,
)
from tests.factories.stories import ImpactStoryFactory, image_bytes, photo_upload

pytestmark = pytest.mark.django_db


def _codes(exc: ValidationError, field: str) -> set[str]:
    return {e.code for e in exc.error_dict[field]}


# --- create and validation ------------------------------------------------------------------


def test_editor_creates_a_draft_for_the_programme_hub(editor, story_data, hub):
    story = story_create(user=editor, data=story_data)
    assert story.status == "draft"
    assert story.hub == hub
    assert story.slug == "dari-juru-parkir-menjadi-peternak-ayam"
    assert story.created_by == editor


def test_consent_records_who_recorded_it(editor, story_data):
    """Whoever records a consent (its date or a flag) is stored as its recorder; no consent, no recorder."""
    assert story_create(user=editor, data=story_data).consent_recorded_by == editor
    no_consent = {**story_data, "title": "Tanpa persetujuan", "consent_date": None, "beneficiary_name": ""}
    assert story_create(user=editor, data=no_consent).consent_recorded_by is None


@pytest.mark.parametrize("who", ["anonymous", "other_member"])
def test_non_members_cannot_create(who, story_data, other_member, django_user_model):
    """Only the hub's members (and ministry staff, below) may create a story for the hub."""
    from django.contrib.auth.models import AnonymousUser

    user = {"anonymous": AnonymousUser(), "other_member": other_member}[who]
    with pytest.raises(PermissionDenied):
        story_create(user=user, data=story_data)
    assert not ImpactStory.objects.exists()


def test_ministry_staff_may_create_for_any_hub(story_data, staff):
    """Staff record on a hub's behalf (as they may import for any hub); the draft belongs to the hub."""
    story = story_create(user=staff, data=story_data)
    assert story.status == "draft" and story.hub == story_data["programme"].hub


@pytest.mark.parametrize("field", ["income_before", "income_after"])
def test_negative_income_is_refused(field, editor, story_data):
    with pytest.raises(ValidationError) as exc:
        story_create(user=editor, data={**story_data, field: -1})
    assert "negative_income" in _codes(exc.value, field)


def test_future_story_date_is_refused(editor, story_data):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        story_create(user=editor, data={**story_data, "story_date": tomorrow})
    assert "future_date" in _codes(exc.value, "story_date")


def test_today_is_a_valid_story_date(editor, story_data):
    assert story_create(user=editor, data={**story_data, "story_date": timezone.localdate()}).pk


@pytest.mark.parametrize("flag", ["consent_name_public", "consent_photo_public"])
def test_consent_flag_needs_a_consent_date(flag, editor, story_data):
    with pytest.raises(ValidationError) as exc:
        story_create(user=editor, data={**story_data, flag: True, "consent_date": None})
    assert "consent_date_required" in _codes(exc.value, "consent_date")


def test_regency_must_be_in_the_province(editor, story_data):
    from tests.factories.hubs import ProvinceFactory, RegencyFactory

    ambon = RegencyFactory(name="Kota Ambon", kind="kota", province=ProvinceFactory())
    with pytest.raises(ValidationError) as exc:
        story_create(user=editor, data={**story_data, "regency": ambon})
    assert "regency_outside_province" in _codes(exc.value, "regency")


# --- update -----------------------------------------------------------------------------------


def test_update_with_a_stale_version_conflicts(editor, story_data):
    story = story_create(user=editor, data=story_data)
    story_update(story=story, user=editor, data={"title": "Judul baru"}, expected_version=1)
    with pytest.raises(VersionConflict) as exc:
        story_update(story=story, user=editor, data={"title": "Judul lain"}, expected_version=1)
    assert exc.value.current_version == 2
    assert ImpactStory.objects.get().title == "Judul baru"


def test_member_of_another_hub_cannot_update(editor, other_member, story_data):
    story = story_create(user=editor, data=story_data)
    with pytest.raises(PermissionDenied):
        story_update(story=story, user=other_member, data={"title": "X"})


# --- workflow -----------------------------------------------------------------------------------


def test_editor_cannot_submit_but_admin_can_and_staff_publishes(editor, admin, staff, story_data):
    story = story_create(user=editor, data=story_data)
    with pytest.raises(PermissionDenied):
        story_submit(story=story, user=editor)
    story = story_submit(story=story, user=admin)
    assert story.status == "submitted"
    with pytest.raises(PermissionDenied):
        story_transition(story=story, user=admin, action="publish")
    story = story_transition(story=story, user=staff, action="publish")
    assert story.status == "published" and story.published_at is not None
    events = list(ReviewEvent.objects.filter(object_id=story.pk).values_list("from_status", "to_status"))
    assert events == [("draft", "submitted"), ("submitted", "published")]


def test_a_named_beneficiary_needs_a_consent_date_on_every_save(editor, story_data):
    """One rule (story_validate): a name needs a recorded consent, public or not, from the first save."""
    with pytest.raises(ValidationError) as exc:
        story_create(user=editor, data={**story_data, "consent_date": None})
    assert "consent_date_required" in _codes(exc.value, "consent_date")
    assert story_create(user=editor, data={**story_data, "beneficiary_name": "", "consent_date": None}).pk


def test_a_stored_named_beneficiary_without_consent_date_cannot_be_submitted(admin, programme):
    from tests.factories.stories import ImpactStoryFactory

    story = ImpactStoryFactory(programme=programme, hub=programme.hub, status="draft", consent_date=None)
    with pytest.raises(ValidationError) as exc:
        story_submit(story=story, user=admin)
    assert "consent_date_required" in _codes(exc.value, "consent_date")
    assert ImpactStory.objects.get().status == "draft"


def test_rejection_needs_a_comment(admin, staff, story_data):
    story = story_submit(story=story_create(user=admin, data=story_data), user=admin)
    with pytest.raises(ValidationError):
        story_transition(story=story, user=staff, action="reject")
    assert story_transition(story=story, user=staff, action="reject", comment="Tanpa bukti").status == "rejected"


# --- photos ---------------------------------------------------------------------------------------


def test_photo_gps_exif_is_removed(editor, story_data):
    """A JPEG whose EXIF holds a GPS position is stored re-encoded with no EXIF at all."""
    raw = image_bytes(gps=True)
    with Image.open(io.BytesIO(raw)) as original:
        assert original.getexif().get_ifd(0x8825), "the test image must carry GPS data"
    story = story_create(user=editor, data=story_data)
    photo = story_photo_add(story=story, user=editor, file=photo_upload(content=raw), caption="Di kandang")
    with photo.image.open("rb") as f, Image.open(f) as stored:
        exif = stored.getexif()
        assert not exif.get_ifd(0x8825)
        assert 0x0110 not in exif
        assert "exif" not in stored.info
    assert photo.content_type == "image/jpeg" and photo.caption == "Di kandang"


def test_a_non_image_is_refused_as_a_photo(editor, story_data):
    story = story_create(user=editor, data=story_data)
    pdf = photo_upload(name="foto.jpg", content=b"%PDF-1.4\n%fake\n", content_type="image/jpeg")
    with pytest.raises(ValidationError) as exc:
        story_photo_add(story=story, user=editor, file=pdf)
    assert "bad_type" in _codes(exc.value, "photo")
    assert not StoryPhoto.objects.exists()


def test_an_executable_renamed_as_png_is_refused(editor, story_data):
    story = story_create(user=editor, data=story_data)
    with pytest.raises(ValidationError):
        story_photo_add(story=story, user=editor, file=photo_upload(name="x.png", content=b"MZ\x90\x00" * 50))


def test_other_hub_member_cannot_add_photos(editor, other_member, story_data):
    story = story_create(user=editor, data=story_data)
    with pytest.raises(PermissionDenied):
        story_photo_add(story=story, user=other_member, file=photo_upload())


# --- erasure ----------------------------------------------------------------------------------


@pytest.fixture
def full_story(admin, staff, story_data):
    """A published story with a photo and a consent document."""
    consent = photo_upload(name="persetujuan.pdf", content=b"%PDF-1.4\n1 0 obj\n", content_type="application/pdf")
    story = story_create(user=admin, data={**story_data, "consent_document": consent})
    story_photo_add(story=story, user=admin, file=photo_upload())
    story = story_submit(story=story, user=admin)
    return story_transition(story=story, user=staff, action="publish")


def test_erasure_clears_personal_fields_and_files_but_keeps_figures(
    full_story, admin, django_capture_on_commit_callbacks
):
    photo_name = full_story.photos.get().image.name
    consent_name = full_story.consent_document.name
    storage = full_story.consent_document.storage
    assert storage.exists(photo_name) and storage.exists(consent_name)

    with django_capture_on_commit_callbacks(execute=True):
        story = story_erase_personal_data(story=full_story, user=admin)

    story.refresh_from_db()
    assert (story.beneficiary_name, story.gender, story.age_group, story.has_disability) == ("", "", "", None)
    assert story.erased_at is not None
    assert not story.consent_document
    assert not story.photos.exists()
    assert not storage.exists(photo_name) and not storage.exists(consent_name)
    assert (story.income_before, story.income_after, story.people_reached) == (300_000, 3_300_000, 25)
    assert story.status == "published"


def test_totals_still_count_an_erased_story(full_story, admin):
    before = story_totals(ImpactStory.objects.all())
    story_erase_personal_data(story=full_story, user=admin)
    after = story_totals(ImpactStory.objects.all())
    assert after == before
    assert after["stories"] == 1 and after["people_reached"] == 25 and after["median_income_change"] == 3_000_000


def test_history_records_the_erasure_without_the_erased_values(full_story, admin):
    story_erase_personal_data(story=full_story, user=admin)
    history_model = ImpactStory.history.model
    stored_fields = {f.name for f in history_model._meta.fields}
    assert not stored_fields & {"beneficiary_name", "gender", "age_group", "has_disability", "consent_document"}
    rows = list(ImpactStory.history.filter(id=full_story.pk).values())
    assert rows[0]["history_change_reason"].startswith("Penghapusan data pribadi")
    assert rows[0]["erased_at"] is not None
    assert "Siti" not in repr(rows) and "Wahyuni" not in repr(rows)


@pytest.mark.parametrize("who,allowed", [("admin", True), ("staff", True), ("editor", False), ("other", False)])
def test_who_may_erase(who, allowed, full_story, admin, staff, editor, other_member):
    user = {"admin": admin, "staff": staff, "editor": editor, "other": other_member}[who]
    if allowed:
        assert story_erase_personal_data(story=full_story, user=user).erased_at is not None
    else:
        with pytest.raises(PermissionDenied):
            story_erase_personal_data(story=full_story, user=user)
        assert ImpactStory.objects.get().beneficiary_name == "Siti Wahyuni"


def test_an_erased_story_takes_no_new_personal_data(full_story, admin):
    story = story_erase_personal_data(story=full_story, user=admin)
    with pytest.raises(ValidationError):
        story_update(story=story, user=admin, data={"beneficiary_name": "Nama Baru"})
    with pytest.raises(ValidationError):
        story_photo_add(story=story, user=admin, file=photo_upload())


def test_factory_story_is_valid(programme):
    ImpactStoryFactory(programme=programme).full_clean()


def test_an_unknown_field_is_an_error_not_silently_dropped(editor, story_data):
    """As for innovations: a field the service does not store is named in the error, nothing is saved."""
    with pytest.raises(ValidationError) as caught:
        story_create(user=editor, data={**story_data, "judul_salah_ketik": "x"})
    assert set(caught.value.message_dict) == {"judul_salah_ketik"}
    assert not ImpactStory.objects.exists()
    story = story_create(user=editor, data=story_data)
    with pytest.raises(ValidationError) as caught:
        story_update(story=story, user=editor, data={"status": "published"})
    assert set(caught.value.message_dict) == {"status"}
    story.refresh_from_db()
    assert story.status == "draft"


# --- deleting a draft -------------------------------------------------------------------------


@pytest.fixture
def draft_with_files(story_data, editor):
    consent = photo_upload(name="persetujuan.pdf", content=b"%PDF-1.4\n1 0 obj\n", content_type="application/pdf")
    story = story_create(user=editor, data={**story_data, "consent_document": consent})
    story_photo_add(story=story, user=editor, file=photo_upload())
    return story


def test_deleting_a_draft_removes_its_photos_and_consent_document_from_storage(
    draft_with_files, editor, django_capture_on_commit_callbacks
):
    story = draft_with_files
    storage = story.consent_document.storage
    names = [story.photos.get().image.name, story.consent_document.name]
    assert all(storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        story_delete(story=story, user=editor)

    assert not ImpactStory.objects.filter(pk=story.pk).exists()
    assert not StoryPhoto.objects.filter(story_id=story.pk).exists()
    assert not any(storage.exists(name) for name in names)


def test_the_deletion_history_row_names_who_deleted_and_the_audit_log_records_it(draft_with_files, editor):
    from jipp.models import SecurityEvent

    story_delete(story=draft_with_files, user=editor)
    row = ImpactStory.history.filter(id=draft_with_files.pk).latest("history_date")
    assert (row.history_type, row.history_user) == ("-", editor)
    event = SecurityEvent.objects.get(kind="draft_deleted")
    assert event.user == editor
    assert event.detail["model"] == "stories.impactstory" and event.detail["files_deleted"] == 2


@pytest.mark.parametrize(
    ("who", "allowed"), [("admin", True), ("editor", True), ("staff", False), ("other_member", False)]
)
def test_who_may_delete_a_draft(who, allowed, story_data, request, editor):
    """The members of the story's hub; not ministry staff, who do not write a hub's content."""
    story = story_create(user=editor, data=story_data)
    user = request.getfixturevalue(who)
    if allowed:
        story_delete(story=story, user=user)
        assert not ImpactStory.objects.filter(pk=story.pk).exists()
    else:
        with pytest.raises(PermissionDenied):
            story_delete(story=story, user=user)
        assert ImpactStory.objects.filter(pk=story.pk).exists()


def test_a_story_that_reached_review_is_not_deleted(story_data, admin, django_capture_on_commit_callbacks):
    story = story_submit(story=story_create(user=admin, data=story_data), user=admin)
    with pytest.raises(PermissionDenied):
        story_delete(story=story, user=admin)
    assert ImpactStory.objects.get(pk=story.pk).status == "submitted"
