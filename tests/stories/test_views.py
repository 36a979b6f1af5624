"""Pages: consent on every public surface, permissions per role, forms, erasure, query-count guards."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hubs.services import SeedResult
from stories.models import ImpactStory, StoryPhoto
from stories.reference import tpbis_reference_seed
from stories.services import story_photo_add
from tests.factories.hubs import UserFactory
from tests.factories.stories import ImpactStoryFactory, image_bytes, photo_upload

pytestmark = pytest.mark.django_db

FULL_NAME = "Siti Wahyuni"


def _form_post(story_data, **overrides):
    """The create form's POST body for `story_data` (consent off unless overridden)."""
    data = {
        "programme": story_data["programme"].pk,
        "hub": story_data["programme"].hub_id,
        "title": story_data["title"],
        "library_name": story_data["library_name"],
        "library_level": story_data["library_level"],
        "province": story_data["province"].pk,
        "beneficiary_name": FULL_NAME,
        "gender": "perempuan",
        "age_group": "30_44",
        "has_disability": "false",
        "consent_date": "2024-05-01",
        "activity_type": story_data["activity_type"].pk,
        "people_reached": "25",
        "narrative_before": story_data["narrative_before"],
        "narrative_after": story_data["narrative_after"],
        "income_before": "300000",
        "income_after": "3300000",
        "story_date": "2024-06-01",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _story_photo_urls(html: str) -> list[str]:
    return re.findall(r'src="(/stories/[^"]+/photos/\d+/)"', html)


# --- Done when: recorded with consent off, published, the public sees initials and no photo ------


def test_member_records_a_story_without_consent_and_the_public_sees_initials_and_no_photo(
    client, editor, admin, staff, story_data
):
    client.force_login(editor)
    body = _form_post(story_data, photo=photo_upload(content=image_bytes(gps=True)), photo_caption="Kandang ayam")
    response = client.post(reverse("stories:story_create"), body)
    assert response.status_code == 302, response.content.decode()[:2000]
    story = ImpactStory.objects.get()
    assert (story.consent_name_public, story.consent_photo_public) == (False, False)
    assert story.photos.count() == 1

    client.force_login(admin)
    assert client.post(reverse("stories:story_submit", args=[story.slug])).status_code == 302
    client.force_login(staff)
    assert client.post(reverse("stories:story_review", args=[story.slug]), {"action": "publish"}).status_code == 302
    story.refresh_from_db()
    assert story.status == "published"

    client.logout()
    html = client.get(story.get_absolute_url()).content.decode()
    assert "S. W." in html
    assert FULL_NAME not in html and "Wahyuni" not in html
    assert _story_photo_urls(html) == []
    photo = story.photos.get()
    assert client.get(reverse("stories:story_photo", args=[story.slug, photo.pk])).status_code == 404

    # The hub's members still see the name and the photo.
    client.force_login(editor)
    html = client.get(story.get_absolute_url()).content.decode()
    assert FULL_NAME in html
    [url] = _story_photo_urls(html)
    assert client.get(url).status_code == 200


# --- consent on the list, the programme page and search -------------------------------------------


@pytest.mark.parametrize("url_name", ["stories:story_list", "stories:tpbis"])
def test_lists_show_initials_without_consent_and_the_name_with_it(client, programme, url_name):
    ImpactStoryFactory(programme=programme, consent_name_public=False, beneficiary_name=FULL_NAME)
    ImpactStoryFactory(programme=programme, consent_name_public=True, beneficiary_name="Budi Santoso")
    html = client.get(reverse(url_name)).content.decode()
    assert "S. W." in html and FULL_NAME not in html
    assert "Budi Santoso" in html


def test_search_never_matches_the_beneficiary_name(client, programme, editor):
    """Searching a name must not reveal whose initials those are (nor find the story)."""
    ImpactStoryFactory(programme=programme, beneficiary_name=FULL_NAME, narrative_after="Usaha ternak ayam")
    response = client.get(reverse("stories:story_list"), {"q": "Wahyuni"})
    assert list(response.context["stories"]) == []
    assert "S. W." not in response.content.decode()
    html = client.get(reverse("stories:story_list"), {"q": "ternak ayam"}).content.decode()
    assert "S. W." in html and FULL_NAME not in html


def test_photo_consent_lets_the_public_see_photos(client, programme, admin):
    story = ImpactStoryFactory(programme=programme, consent_photo_public=True)
    photo = story_photo_add(story=story, user=admin, file=photo_upload())
    html = client.get(story.get_absolute_url()).content.decode()
    assert _story_photo_urls(html) == [reverse("stories:story_photo", args=[story.slug, photo.pk])]
    response = client.get(_story_photo_urls(html)[0])
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"


def test_personal_fields_are_shown_only_to_members_and_staff(client, programme, editor, staff, other_member):
    story = ImpactStoryFactory(programme=programme, age_group="30_44")
    label = "30–44 tahun"
    assert label not in client.get(story.get_absolute_url()).content.decode()
    client.force_login(other_member)
    assert label not in client.get(story.get_absolute_url()).content.decode()
    for user in (editor, staff):
        client.force_login(user)
        assert label in client.get(story.get_absolute_url()).content.decode()


def test_filters_by_province_level_activity_and_year(client, programme):
    from tests.factories.hubs import ProvinceFactory
    from tests.factories.stories import ActivityTypeFactory

    a = ImpactStoryFactory(programme=programme, title="Kisah Jatim 2024")
    ImpactStoryFactory(
        programme=programme,
        title="Kisah Maluku 2023",
        province=ProvinceFactory(),
        library_level="tbm",
        activity_type=ActivityTypeFactory(slug="pemasaran-digital", name="Pemasaran digital"),
        story_date=a.story_date.replace(year=2023),
    )
    url = reverse("stories:tpbis")
    for params in (
        {"province": a.province_id},
        {"library_level": "desa"},
        {"activity_type": "pelatihan"},
        {"year": "2024"},
    ):
        html = client.get(url, params).content.decode()
        assert "Kisah Jatim 2024" in html and "Kisah Maluku 2023" not in html, params


# --- permissions per role -------------------------------------------------------------------------


@pytest.fixture
def draft(programme):
    return ImpactStoryFactory(programme=programme, status="draft")


@pytest.mark.parametrize(
    "who,expected", [("anonymous", 404), ("plain", 404), ("other_member", 404), ("editor", 200), ("staff", 200)]
)
def test_draft_detail_per_role(who, expected, client, draft, editor, staff, other_member):
    users = {"plain": UserFactory(), "other_member": other_member, "editor": editor, "staff": staff}
    if who in users:
        client.force_login(users[who])
    assert client.get(draft.get_absolute_url()).status_code == expected


@pytest.mark.parametrize(
    "who,create,edit,erase",
    [
        ("anonymous", 302, 302, 302),
        ("plain", 403, 403, 403),
        ("other_member", 200, 403, 403),
        ("editor", 200, 403, 403),  # the story is published: editors change drafts only
        ("admin", 200, 200, 200),
        ("staff", 200, 403, 200),  # staff draft for any hub, as in the API and imports
    ],
)
def test_page_permissions_per_role(who, create, edit, erase, client, programme, editor, admin, staff, other_member):
    story = ImpactStoryFactory(programme=programme)
    users = {"plain": UserFactory(), "other_member": other_member, "editor": editor, "admin": admin, "staff": staff}
    if who in users:
        client.force_login(users[who])
    assert client.get(reverse("stories:story_create")).status_code == create
    assert client.get(reverse("stories:story_edit", args=[story.slug])).status_code == edit
    assert client.get(reverse("stories:story_erase", args=[story.slug])).status_code == erase


def test_anonymous_is_sent_to_login(client, programme):
    response = client.get(reverse("stories:story_create"))
    assert response["Location"].startswith("/masuk/?next=")


def test_editor_cannot_publish_through_the_page(client, programme, editor):
    story = ImpactStoryFactory(programme=programme, status="submitted")
    client.force_login(editor)
    assert client.post(reverse("stories:story_review", args=[story.slug]), {"action": "publish"}).status_code == 403
    assert ImpactStory.objects.get().status == "submitted"


# --- forms ----------------------------------------------------------------------------------------


def test_invalid_form_shows_errors_next_to_fields_and_keeps_typed_values(client, editor, story_data):
    client.force_login(editor)
    body = _form_post(story_data, income_before="-5", story_date="2999-01-01", title="Judul yang saya ketik")
    response = client.post(reverse("stories:story_create"), body)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Judul yang saya ketik"' in html
    assert re.search(r'<input[^>]*name="income_before"[^>]*aria-invalid="true"', html) or re.search(
        r'<input[^>]*aria-invalid="true"[^>]*name="income_before"', html
    )
    assert 'id="story_date-error"' in html and "masa depan" in html
    assert not ImpactStory.objects.exists()


def test_a_non_image_photo_is_refused_next_to_the_photo_field(client, editor, story_data):
    client.force_login(editor)
    fake = photo_upload(name="foto.jpg", content=b"bukan gambar sama sekali", content_type="image/jpeg")
    response = client.post(reverse("stories:story_create"), _form_post(story_data, photo=fake))
    assert response.status_code == 400
    assert 'id="photo-error"' in response.content.decode()
    assert not ImpactStory.objects.exists() and not StoryPhoto.objects.exists()


def test_edit_with_a_stale_version_is_refused(client, programme, editor, story_data):
    story = ImpactStoryFactory(programme=programme, status="draft", version=3)
    client.force_login(editor)
    body = _form_post(story_data, title="Judul baru", version="2")
    body.pop("hub")
    response = client.post(reverse("stories:story_edit", args=[story.slug]), body)
    assert response.status_code == 400
    assert "diubah orang lain" in response.content.decode()
    assert ImpactStory.objects.get().title == story.title


def test_edit_saves_changes(client, programme, editor, story_data):
    story = ImpactStoryFactory(programme=programme, status="draft")
    client.force_login(editor)
    body = _form_post(story_data, title="Judul baru", version=str(story.version))
    body.pop("hub")
    assert client.post(reverse("stories:story_edit", args=[story.slug]), body).status_code == 302
    assert ImpactStory.objects.get().title == "Judul baru"


# --- erasure through the pages ----------------------------------------------------------------------


def test_erasure_page_erases_and_totals_still_count(client, programme, admin):
    story = ImpactStoryFactory(programme=programme, consent_name_public=True, people_reached=40)
    client.force_login(admin)
    assert client.post(reverse("stories:story_erase", args=[story.slug])).status_code == 302
    story.refresh_from_db()
    assert story.beneficiary_name == "" and story.erased_at is not None
    client.logout()
    response = client.get(reverse("stories:tpbis"))
    assert response.context["totals"]["stories"] == 1
    assert response.context["totals"]["people_reached"] == 40
    assert FULL_NAME not in response.content.decode()


# --- the TPBIS page ----------------------------------------------------------------------------------


def test_tpbis_page_shows_sourced_indicators_with_sources(client, hub):
    tpbis_reference_seed(SeedResult())
    html = client.get(reverse("stories:tpbis")).content.decode()
    for figure in ("8.200.000", "2.133.918", "85.776", "3.237", "2.396", "296", "38", "3,33"):
        assert figure in html, figure
    assert "industry.co.id, read/141279" in html
    assert "jpnn.com" in html and "tribunnews.com" in html
    assert "Kumulatif s.d. April 2025." in html
    # Charts read JSON blocks; there is no inline JavaScript.
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all("src=" in attrs or 'type="application/json"' in attrs for attrs in scripts)
    assert "js/charts.js" in html and "vendor/chartjs/chart.umd.min.js" in html


def test_demo_stories_are_badged(client, programme):
    story = ImpactStoryFactory(programme=programme, is_demo=True)
    for url in (reverse("stories:story_list"), reverse("stories:tpbis"), story.get_absolute_url()):
        assert "Contoh" in client.get(url).content.decode(), url


# --- query-count guards ------------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("url_name", ["stories:story_list", "stories:tpbis"])
@pytest.mark.parametrize("who,budget", [("anonymous", 10), ("editor", 14)])
def test_query_count_does_not_grow_with_stories(
    url_name, who, budget, client, programme, editor, django_assert_max_num_queries
):
    """The same budget serves 3 and 30 stories: no query per story."""
    if who == "editor":
        client.force_login(editor)
    url = reverse(url_name)
    ImpactStoryFactory.create_batch(3, programme=programme)
    with django_assert_max_num_queries(budget):
        client.get(url)
    small = _queries(client, url)
    ImpactStoryFactory.create_batch(27, programme=programme)
    with django_assert_max_num_queries(budget):
        client.get(url)
    assert _queries(client, url) == small


def test_erased_story_edit_form_has_no_personal_fields(client, programme, admin):
    from django.utils import timezone

    story = ImpactStoryFactory(
        programme=programme,
        status="draft",
        beneficiary_name="",
        gender="",
        age_group="",
        has_disability=None,
        erased_at=timezone.now(),
    )
    client.force_login(admin)
    response = client.get(reverse("stories:story_edit", args=[story.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="beneficiary_name"' not in html and 'name="photo"' not in html
    assert 'name="title"' in html


def test_consent_document_is_for_members_and_staff_only(client, admin, staff, other_member, story_data):
    from stories.services import story_create

    consent = photo_upload(name="persetujuan.pdf", content=b"%PDF-1.4\n1 0 obj\n", content_type="application/pdf")
    story = story_create(user=admin, data={**story_data, "consent_document": consent})
    url = reverse("stories:story_consent_document", args=[story.slug])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(other_member)
    assert client.get(url).status_code == 404  # a draft of another hub is not even visible
    for user in (admin, staff):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")


def test_members_delete_photos_others_cannot(client, programme, admin, other_member):
    story = ImpactStoryFactory(programme=programme, consent_photo_public=True)
    photo = story_photo_add(story=story, user=admin, file=photo_upload())
    url = reverse("stories:story_photo_delete", args=[story.slug, photo.pk])
    client.force_login(other_member)
    assert client.post(url).status_code == 403
    client.force_login(admin)
    assert (
        reverse("stories:story_photo", args=[story.slug, photo.pk])
        in client.get(reverse("stories:story_edit", args=[story.slug])).content.decode()
    )
    assert client.post(url).status_code == 302
    assert not StoryPhoto.objects.exists()


def test_deleting_a_draft_story_through_its_page(client, draft, editor, staff):
    """The draft's page links to a confirmation page for its hub's members only; confirming deletes it."""
    url = reverse("stories:story_delete", args=[draft.slug])
    client.force_login(staff)
    assert url not in client.get(draft.get_absolute_url()).content.decode()
    assert client.post(url).status_code == 403
    client.force_login(editor)
    assert url in client.get(draft.get_absolute_url()).content.decode()
    confirm = client.get(url)
    assert confirm.status_code == 200 and "btn-danger" in confirm.content.decode()
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("stories:story_list")
    assert draft.title in response.content.decode()  # the success message
    assert not ImpactStory.objects.filter(pk=draft.pk).exists()


# --- the form: one consent rule at its field, linked summary, the chosen photo kept ----------------


def test_a_named_beneficiary_without_consent_date_is_an_error_at_the_field_linked_from_the_summary(
    client, editor, story_data
):
    client.force_login(editor)
    response = client.post(reverse("stories:story_create"), _form_post(story_data, consent_date=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="consent_date-error"' in html
    summary = html[html.index('id="error-summary"') : html.index("</div>", html.index('id="error-summary"'))]
    assert 'href="#id_consent_date"' in summary
    assert not ImpactStory.objects.exists()


def test_a_chosen_photo_is_kept_across_a_refused_submit_and_saved_with_the_story(client, editor, story_data):
    client.force_login(editor)
    body = _form_post(story_data, title="", photo=photo_upload(content=image_bytes(gps=True)))
    refused = client.post(reverse("stories:story_create"), body)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'id="held-photo"' in html
    token = re.search(r'name="held_photo" value="([^"]+)"', html).group(1)

    fixed = _form_post(story_data, held_photo=token)
    assert client.post(reverse("stories:story_create"), fixed).status_code == 302
    story = ImpactStory.objects.get()
    assert story.photos.count() == 1
    assert b"GPS" not in story.photos.get().image.read()


def test_a_held_photo_is_only_for_the_user_who_chose_it(client, editor, admin, story_data):
    client.force_login(editor)
    body = _form_post(story_data, title="", photo=photo_upload())
    token = re.search(
        r'name="held_photo" value="([^"]+)"', client.post(reverse("stories:story_create"), body).content.decode()
    )
    client.force_login(admin)
    assert (
        client.post(reverse("stories:story_create"), _form_post(story_data, held_photo=token.group(1))).status_code
        == 302
    )
    assert ImpactStory.objects.get().photos.count() == 0
