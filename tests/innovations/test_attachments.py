"""Attachments: the type is decided by content, the size is bounded, drafts' files stay private."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from innovations.models import Attachment, Innovation
from innovations.services import innovation as services
from tests.factories.innovations import eligible

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def draft(world):
    return eligible(institution=world.coached_a, hub=world.hub_a)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, format="PNG")
    return out.getvalue()


def test_pdf_is_stored_with_sniffed_type(world, draft):
    attachment = services.attachment_add(
        innovation=draft, user=world.editor, file=SimpleUploadedFile("bukti.pdf", PDF), aspect="implementasi"
    )
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(PDF)
    assert attachment.file.name.endswith(".pdf")
    assert "bukti" not in attachment.file.name  # storage names are random


def test_image_with_misleading_name_is_stored_as_what_it_is(world, draft):
    attachment = services.attachment_add(
        innovation=draft, user=world.editor, file=SimpleUploadedFile("foto.pdf", _png())
    )
    assert attachment.content_type == "image/png"


def test_wrong_type_is_refused(world, draft):
    """A plain text file is not an accepted type; the error is on the file field."""
    with pytest.raises(ValidationError) as exc:
        services.attachment_add(innovation=draft, user=world.editor, file=SimpleUploadedFile("catatan.txt", b"halo"))
    assert "file" in exc.value.message_dict
    assert not Attachment.objects.exists()


def test_renamed_executable_is_refused(world, draft):
    """A Windows executable renamed to .pdf is refused by its content."""
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
    with pytest.raises(ValidationError):
        services.attachment_add(innovation=draft, user=world.editor, file=SimpleUploadedFile("laporan.pdf", exe))
    assert not Attachment.objects.exists()


def test_renamed_zip_is_not_an_office_file(world, draft):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("payload.sh", "echo hi")
    with pytest.raises(ValidationError):
        services.attachment_add(
            innovation=draft, user=world.editor, file=SimpleUploadedFile("data.docx", buf.getvalue())
        )


def test_oversize_file_is_refused(world, draft, monkeypatch):
    big = SimpleUploadedFile("besar.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as exc:
        services.attachment_add(innovation=draft, user=world.editor, file=big)
    assert "terlalu besar" in " ".join(exc.value.messages)


def test_upload_page_shows_error_next_to_field(client, world, draft):
    client.force_login(world.editor)
    response = client.post(
        reverse("innovations:attachment_upload", args=[draft.slug]),
        {"file": SimpleUploadedFile("virus.pdf", b"MZ" + b"\x00" * 100)},
    )
    assert response.status_code == 400
    assert 'id="file-error"' in response.content.decode()


def test_upload_page_stores_and_lists_the_file(client, world, draft):
    client.force_login(world.editor)
    response = client.post(
        reverse("innovations:attachment_upload", args=[draft.slug]),
        {"file": SimpleUploadedFile("bukti.pdf", PDF), "description": "SK inovator"},
    )
    assert response.status_code == 302
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "bukti.pdf" in page and "SK inovator" in page


def test_outsider_cannot_upload_or_download_a_draft_file(client, world, draft):
    attachment = services.attachment_add(innovation=draft, user=world.editor, file=SimpleUploadedFile("b.pdf", PDF))
    with pytest.raises(PermissionDenied):
        services.attachment_add(innovation=draft, user=world.other, file=SimpleUploadedFile("b.pdf", PDF))
    url = reverse("innovations:attachment_download", args=[attachment.pk])
    assert client.get(url).status_code == 404
    client.force_login(world.editor)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


# --- deleting a draft -------------------------------------------------------------------------


def test_deleting_a_draft_removes_its_attachments_and_their_files(world, draft, django_capture_on_commit_callbacks):
    attachment = services.attachment_add(innovation=draft, user=world.editor, file=SimpleUploadedFile("b.pdf", PDF))
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        services.innovation_delete(innovation=draft, user=world.editor)

    assert not Innovation.objects.filter(pk=draft.pk).exists()
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not storage.exists(name)


def test_a_refused_deletion_keeps_the_draft_and_its_files(world, draft, django_capture_on_commit_callbacks):
    """Ministry staff do not write a hub's content; another hub's admin neither."""
    attachment = services.attachment_add(innovation=draft, user=world.editor, file=SimpleUploadedFile("b.pdf", PDF))
    for user in (world.staff, world.other):
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
            services.innovation_delete(innovation=draft, user=user)
    assert Innovation.objects.filter(pk=draft.pk).exists()
    assert attachment.file.storage.exists(attachment.file.name)
