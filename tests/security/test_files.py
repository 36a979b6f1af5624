"""Served files: always with Content-Disposition, nosniff and a sandbox CSP; never rendered as a page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from innovations.files import check_upload
from innovations.models import ReplicationEvidence
from innovations.services import innovation as innovation_services
from reports.models import ReportJob
from stories.services import story_photo_add
from tests.factories.innovations import ReplicationFactory, eligible
from tests.factories.stories import ImpactStoryFactory, image_bytes, photo_upload

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HTML_PAYLOAD = b"<html><script>alert(document.cookie)</script></html>"


def assert_hardened(response, *, disposition="attachment"):
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(disposition)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "text/html" not in response["Content-Type"]


@pytest.mark.django_db
def test_attachment_downloads_as_an_attachment_with_a_safe_name(client, world):
    innovation = eligible(institution=world.coached_a, hub=world.hub_a)
    name = '"><img src=x onerror=alert(1)>.pdf'
    attachment = innovation_services.attachment_add(
        innovation=innovation, user=world.editor, file=SimpleUploadedFile(name, PDF)
    )
    type(innovation).objects.filter(pk=innovation.pk).update(status="published")
    response = client.get(f"/innovations/attachments/{attachment.pk}/")
    assert_hardened(response)
    assert response["Content-Type"] == "application/pdf"
    assert "<" not in response["Content-Disposition"] and '"' not in attachment.original_name


@pytest.mark.django_db
def test_replication_evidence_downloads_hardened(client, world):
    replication = ReplicationFactory(innovation__institution=world.coached_a, innovation__hub=world.hub_a)
    evidence = ReplicationEvidence.objects.create(
        replication=replication, original_name="bukti.pdf", content_type="application/pdf", size=len(PDF)
    )
    evidence.file.save("bukti.pdf", ContentFile(PDF))
    client.force_login(world.staff)
    assert_hardened(client.get(f"/innovations/replications/evidence/{evidence.pk}/"))


@pytest.mark.django_db
def test_story_photo_is_shown_inline_but_still_hardened(client, world):
    story = ImpactStoryFactory(programme__hub=world.hub_a, consent_photo_public=True)
    photo = story_photo_add(story=story, user=world.admin, file=photo_upload(content=image_bytes(gps=True)))
    response = client.get(f"/stories/{story.slug}/photos/{photo.pk}/")
    assert_hardened(response, disposition="inline")
    assert response["Content-Type"] == "image/jpeg"
    assert b"KameraUji" not in b"".join(response.streaming_content)  # EXIF gone


@pytest.mark.django_db
def test_consent_document_downloads_hardened(client, world):
    story = ImpactStoryFactory(programme__hub=world.hub_a)
    story.consent_document.save("x.pdf", ContentFile(PDF))
    client.force_login(world.staff)
    response = client.get(f"/stories/{story.slug}/consent-document/")
    assert_hardened(response)
    assert f"persetujuan-{story.slug}.pdf" in response["Content-Disposition"]


@pytest.mark.django_db
def test_report_download_is_hardened(client, world):
    job = ReportJob.objects.create(
        kind="innovation_list",
        output_format="csv",
        requested_by=world.staff,
        status="succeeded",
        finished_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    job.file.save("r.csv", ContentFile(b"a,b\n1,2\n"))
    client.force_login(world.staff)
    assert_hardened(client.get(f"/reports/{job.pk}/download/"))


@pytest.mark.parametrize(
    "name,content",
    [
        ("halaman.pdf", HTML_PAYLOAD),
        ("gambar.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("skrip.png", b"\x89PNG\r\n\x1a\n<script>alert(1)</script>"),  # a PNG signature, then no image
        ("../../etc/passwd", b"root:x:0:0"),
        ("kosong.pdf", b""),
    ],
)
def test_html_svg_fake_images_and_traversal_names_are_refused_by_content(name, content):
    """Whatever the name says, only real PDF/Office/image content passes; HTML and SVG never do."""
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile(name, content))


def test_a_file_name_with_a_path_and_control_characters_is_reduced_to_a_safe_name():
    checked = check_upload(SimpleUploadedFile("..\\..\\a\x00b<script>.pdf", PDF))
    assert "/" not in checked.original_name and "\\" not in checked.original_name
    assert "\x00" not in checked.original_name and "<" not in checked.original_name


def test_an_oversized_upload_is_refused_before_it_is_read(settings):
    """The declared size is checked first: a file bigger than the limit is refused without reading it."""

    class Huge(SimpleUploadedFile):
        def read(self, *args):  # reading would be the bug
            raise AssertionError("the file was read")

        def chunks(self, *args, **kwargs):
            raise AssertionError("the file was read")

    huge = Huge("besar.pdf", PDF)
    huge.size = 10**12
    with pytest.raises(ValidationError):
        check_upload(huge)


@pytest.mark.django_db
def test_a_pdf_uploaded_as_html_downloads_as_pdf(client, world):
    """The download keeps the user's name but the sniffed type's extension, never the uploaded one."""
    innovation = eligible(institution=world.coached_a, hub=world.hub_a)
    attachment = innovation_services.attachment_add(
        innovation=innovation, user=world.editor, file=SimpleUploadedFile("laporan.html", PDF)
    )
    type(innovation).objects.filter(pk=innovation.pk).update(status="published")
    response = client.get(f"/innovations/attachments/{attachment.pk}/")
    assert_hardened(response)
    assert 'filename="laporan.pdf"' in response["Content-Disposition"]
    assert ".html" not in response["Content-Disposition"]


def _photo_story(world, **kwargs):
    story = ImpactStoryFactory(programme__hub=world.hub_a, hub=world.hub_a, consent_photo_public=True, **kwargs)
    photo = story_photo_add(story=story, user=world.admin, file=photo_upload(name="Siti Wahyuni di rumah.jpg"))
    return story, photo


@pytest.mark.django_db
def test_story_photo_download_name_never_carries_the_uploaders_file_name(client, world):
    story, photo = _photo_story(world)
    response = client.get(f"/stories/{story.slug}/photos/{photo.pk}/")
    assert_hardened(response, disposition="inline")
    assert "Siti" not in response["Content-Disposition"] and "Wahyuni" not in response["Content-Disposition"]
    assert f"foto-{story.slug}-{photo.pk}.jpg" in response["Content-Disposition"]


@pytest.mark.django_db
def test_only_a_published_consented_photo_may_sit_in_a_shared_cache(client, world):
    """Shared caches must ask again before each reuse (withdrawal then ends the copy); drafts are private."""
    published, photo = _photo_story(world)
    response = client.get(f"/stories/{published.slug}/photos/{photo.pk}/")
    assert response["Cache-Control"] == "public, no-cache"
    assert "max-age" not in response["Cache-Control"]

    draft, draft_photo = _photo_story(world, status="draft")
    client.force_login(world.editor)
    response = client.get(f"/stories/{draft.slug}/photos/{draft_photo.pk}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_a_withdrawn_photo_is_gone_for_the_public(client, world):
    story, photo = _photo_story(world)
    url = f"/stories/{story.slug}/photos/{photo.pk}/"
    assert client.get(url).status_code == 200
    type(story).objects.filter(pk=story.pk).update(consent_photo_public=False)
    assert client.get(url).status_code == 404


def test_no_route_serves_the_media_root_directly(settings):
    """Uploaded files reach a browser only through the checked views: MEDIA_URL resolves to nothing."""
    import importlib

    from django.urls import Resolver404, clear_url_caches, resolve

    import jipp.urls

    settings.DEBUG = True
    clear_url_caches()
    importlib.reload(jipp.urls)
    try:
        with pytest.raises(Resolver404):
            resolve(f"/{settings.MEDIA_URL}story-photos/2026/01/x.jpg")
    finally:
        settings.DEBUG = False
        importlib.reload(jipp.urls)
        clear_url_caches()


@pytest.mark.django_db
def test_the_api_links_photos_and_attachments_only_through_the_checked_routes(client, world):
    """The API's links are the views that check rights and consent, so a withdrawal ends them too."""
    from rest_framework.test import APIClient

    story, photo = _photo_story(world)
    api = APIClient()
    body = api.get(f"/api/v1/stories/{story.pk}/").json()
    link = body["photos"][0]["image"]
    assert link == f"http://testserver/stories/{story.slug}/photos/{photo.pk}/"
    assert client.get(link).status_code == 200
    type(story).objects.filter(pk=story.pk).update(consent_photo_public=False)
    assert client.get(link).status_code == 404

    innovation = eligible(institution=world.coached_a, hub=world.hub_a)
    attachment = innovation_services.attachment_add(
        innovation=innovation, user=world.editor, file=SimpleUploadedFile("bukti.pdf", PDF)
    )
    api.force_authenticate(world.editor)
    listed = api.get(f"/api/v1/innovations/{innovation.pk}/attachments/").json()
    link = listed[0]["file"] if isinstance(listed, list) else listed["results"][0]["file"]
    assert link == f"http://testserver/innovations/attachments/{attachment.pk}/"
    assert "/media/" not in str(listed)
    # The draft's attachment: its hub's editor downloads it, a visitor does not.
    client.force_login(world.editor)
    assert client.get(link).status_code == 200
    client.logout()
    assert client.get(link).status_code == 404
