"""The innovation form: every blocker in one answer, required fields marked, post/redirect/get after a
refused submission, and no second draft from a form sent twice."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from innovations.models import ASPECT_FIELDS, Innovation
from innovations.services.innovation import attachment_add, innovation_submit
from innovations.views.innovation import SUBMIT_FLAG
from jipp.form_tokens import FIELD_NAME
from tests.factories.innovations import eligible
from tests.innovations.helpers import innovation_form_data

NEW = "innovations:innovation_create"


def _token(client) -> str:
    page = client.get(reverse(NEW)).content.decode()
    return re.search(rf'name="{FIELD_NAME}" value="([^"]+)"', page).group(1)


def _draft_data(world, **overrides) -> dict:
    fields = {
        "hub": world.hub_a.pk,
        "institution": world.coached_a.pk,
        "title": "Antrean Daring",
        "group": "umum",
        "continuation": "berlanjut",
    }
    return innovation_form_data(None, sdgs=(), **{**fields, **overrides})


def test_an_empty_save_and_submit_shows_every_blocker_at_once(client, world):
    """The form's own errors, the word limit and the submission gates come in one answer, each at its
    field and linked from the summary at the top; nothing is saved."""
    client.force_login(world.admin)
    data = innovation_form_data(None, sdgs=(), hub=world.hub_a.pk, ringkasan=" ".join(["kata"] * 201))
    data["save_submit"] = "1"
    response = client.post(reverse(NEW), data)
    assert response.status_code == 400
    page = response.content.decode()
    for field in ["institution", "title", "implementation_started_on", "sdgs", *ASPECT_FIELDS]:
        assert f'id="{field}-error"' in page, field
    assert "sekarang 201 kata" in page
    summary = page[page.index('id="error-summary"') :]
    for field in ["institution", "title", "kebaruan", "implementation_started_on"]:
        assert f'href="#id_{field}"' in summary, field
    assert 'href="#tpb"' in summary
    assert not Innovation.objects.exists()


def test_a_draft_needs_only_what_saving_needs(client, world):
    """A plain save reports the form's errors and the rules of every save, not the submission gates."""
    client.force_login(world.admin)
    response = client.post(reverse(NEW), innovation_form_data(None, sdgs=(), hub=world.hub_a.pk))
    page = response.content.decode()
    assert 'id="title-error"' in page
    assert 'id="kebaruan-error"' not in page and 'id="sdgs-error"' not in page


def test_required_fields_are_marked_for_saving_and_for_submitting(client, world):
    client.force_login(world.admin)
    page = client.get(reverse(NEW)).content.decode()
    title = re.search(r"<input[^>]*name=\"title\"[^>]*>", page).group(0)
    assert "required" in title and 'aria-required="true"' in title
    kebaruan = re.search(r"<textarea[^>]*name=\"kebaruan\"[^>]*>", page).group(0)
    assert "required" not in kebaruan.replace("aria-required", "")  # a draft may leave it empty
    label = page[page.index('for="id_kebaruan"') :]
    assert label.index("wajib untuk diajukan") < label.index("</label>")


def test_a_refused_submission_redirects_to_the_drafts_edit_page_with_the_gates(client, world):
    client.force_login(world.admin)
    data = _draft_data(world)
    data["save_submit"] = "1"
    response = client.post(reverse(NEW), data)
    innovation = Innovation.objects.get()
    edit = reverse("innovations:innovation_edit", args=[innovation.slug])
    assert response.status_code == 302 and response["Location"] == f"{edit}?{SUBMIT_FLAG}=1"
    page = client.get(response["Location"]).content.decode()
    assert 'id="kebaruan-error"' in page and 'id="sdgs-error"' in page
    assert "belum dapat diajukan" in page
    # Reloading that page creates nothing.
    client.get(response["Location"])
    assert Innovation.objects.count() == 1 and innovation.status == "draft"


def test_posting_the_same_new_form_twice_creates_one_draft(client, world):
    client.force_login(world.admin)
    data = {**_draft_data(world), FIELD_NAME: _token(client)}
    first = client.post(reverse(NEW), data)
    second = client.post(reverse(NEW), data)
    innovation = Innovation.objects.get()
    assert first.status_code == second.status_code == 302
    assert second["Location"] == innovation.get_absolute_url()


def test_a_refused_form_can_be_sent_again_with_its_token(client, world):
    client.force_login(world.admin)
    token = _token(client)
    refused = client.post(reverse(NEW), {**_draft_data(world, title=""), FIELD_NAME: token})
    assert refused.status_code == 400 and f'value="{token}"' in refused.content.decode()
    assert client.post(reverse(NEW), {**_draft_data(world), FIELD_NAME: token}).status_code == 302
    assert Innovation.objects.count() == 1


# --- attachments on the form -------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_new_form_takes_several_attachments_and_the_edit_form_lists_them(client, world, media):
    client.force_login(world.admin)
    files = [SimpleUploadedFile("sk-inovator.pdf", PDF), SimpleUploadedFile("kesediaan-replikasi.pdf", PDF)]
    data = {**_draft_data(world), "attachments": files, "attachment_aspect": "adaptabilitas"}
    assert client.post(reverse(NEW), data).status_code == 302
    innovation = Innovation.objects.get()
    assert sorted(innovation.attachments.values_list("original_name", "aspect")) == [
        ("kesediaan-replikasi.pdf", "adaptabilitas"),
        ("sk-inovator.pdf", "adaptabilitas"),
    ]
    page = client.get(reverse("innovations:innovation_edit", args=[innovation.slug])).content.decode()
    assert "sk-inovator.pdf" in page and "surat kesediaan replikasi" in page


def test_a_refused_file_is_named_with_the_other_errors_and_nothing_is_saved(client, world, media):
    client.force_login(world.admin)
    data = {**_draft_data(world, title=""), "attachments": [SimpleUploadedFile("virus.pdf", b"MZ\x90\x00")]}
    response = client.post(reverse(NEW), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="attachments-error"' in page and "virus.pdf" in page and 'id="title-error"' in page
    assert "pilih lagi" in page
    assert not Innovation.objects.exists()


def test_attachments_stay_on_the_page_after_submission_for_those_who_may_see_them(client, world, media):
    innovation = eligible(institution=world.coached_a, hub=world.hub_a)
    attachment = attachment_add(innovation=innovation, user=world.editor, file=SimpleUploadedFile("sk.pdf", PDF))
    innovation_submit(innovation=innovation, user=world.admin)
    download = reverse("innovations:attachment_download", args=[attachment.pk])
    for user in (world.editor, world.admin, world.staff):
        client.force_login(user)
        assert download in client.get(innovation.get_absolute_url()).content.decode()
        assert client.get(download).status_code == 200
    client.logout()
    assert client.get(download).status_code == 404  # not published yet


# --- the word counter ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text"), [("id", "%(count)s dari %(max)s kata"), ("en", "%(count)s of %(max)s words")]
)
def test_the_summary_carries_its_word_limit_for_the_counter_in_the_page_language(client, world, language, text):
    """static/js/word-count.js reads the limit and the texts from the textarea; the server's limit and
    the help text stand without it."""
    client.force_login(world.admin)
    page = client.get(reverse(NEW), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    ringkasan = re.search(r"<textarea[^>]*name=\"ringkasan\"[^>]*>", page).group(0)
    assert 'data-max-words="200"' in ringkasan and f'data-words-text="{text}"' in ringkasan
    assert "/static/js/word-count.js" in page
