"""Journeys across users and processes, in a real Chromium against the live server: a draft published
and found by a visitor, a report job watched to its download, a story's privacy. Each saves screenshots.
The three users' journeys at both widths and in both languages are in test_user_journeys.py."""

import datetime
import io
import os
import re
import signal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in, log_out, shot, slug_from

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# A minimal, well-formed one-page PDF (the upload check sniffs the content, not the name).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def test_1_staff_find_perpusnas_hub_and_switch_to_english(page, portal):
    """Staff reach Perpusnas's hub profile from the home page in 3 interactions, then read it in English."""
    log_in(page, portal, portal.staff)
    page.goto(portal.at("/"))
    expect(page.locator("#kpi-innovations")).to_be_visible()
    expect(page.locator("svg.province-map a.map-province")).to_have_count(38)
    shot(page, "1-staff", "01-home-dashboard")

    # Interaction 1: the "Hub" link of the main navigation.
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Hub", exact=True).click()
    # Interaction 2: type in the search box and press Enter.
    page.get_by_label("Cari nama").fill("Perpusnas")
    page.get_by_label("Cari nama").press("Enter")
    page.wait_for_url(re.compile(r"q=Perpusnas"))
    shot(page, "1-staff", "02-hub-search")
    # Interaction 3: open the result.
    page.get_by_role("link", name=re.compile("Perpustakaan Nasional")).first.click()
    page.wait_for_url(re.compile(r"/hubs/perpusnas/$"))
    expect(page.locator("h1")).to_contain_text("Perpustakaan Nasional")
    shot(page, "1-staff", "03-hub-profile")

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.url.endswith("/hubs/perpusnas/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Designation history")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Home")).to_be_visible()
    shot(page, "1-staff", "04-hub-profile-english")


def test_2_hub_admin_drafts_fixes_attaches_submits_then_staff_publish_and_visitor_finds_it(page, portal, tmp_path):
    """A form error is shown beside its field with the typed values kept; the fixed draft gets a PDF and is
    submitted; staff publish it from the review queue; an anonymous visitor finds it by search."""
    log_in(page, portal, portal.hub_admin)
    page.goto(portal.at("/innovations/new/"))
    started = (datetime.date.today() - datetime.timedelta(days=800)).isoformat()
    page.select_option("#id_institution", label="Perpustakaan Nasional Republik Indonesia (Perpusnas)")
    aspects = {
        "ringkasan": "Layanan pojok baca digital keliling untuk warga desa yang jauh dari perpustakaan.",
        "latar_belakang": "Warga desa terpencil sulit menjangkau perpustakaan kabupaten.",
        "kebaruan": "Mobil perpustakaan membawa tablet dan akses internet ke balai desa.",
        "implementasi": "Berjalan di dua belas desa sejak dua tahun terakhir.",
        "signifikansi": "Kunjungan baca warga desa naik tiga kali lipat.",
        "adaptabilitas": "Dapat ditiru perpustakaan daerah lain dengan satu mobil.",
        "sumber_daya": "Satu mobil, dua pustakawan, dua puluh tablet.",
        "strategi_keberlanjutan": "Masuk rencana kerja tahunan perpustakaan daerah.",
    }
    for name, text in aspects.items():
        page.fill(f"#id_{name}", text)
    page.select_option("#id_stage", "penerapan")
    page.select_option("#id_innovation_type", "digital")
    page.fill("#id_implementation_started_on", started)
    page.check("#id_sdg_4")
    # The title is missing: save.
    page.locator("form button[name=save].btn-primary").click()
    page.wait_for_load_state()

    error = page.locator("#title-error")
    expect(error).to_be_visible()
    expect(page.locator("#id_title")).to_have_attribute("aria-invalid", "true")
    # The message sits right after the field, in the same form group.
    assert page.locator("#id_title ~ #title-error").count() == 1
    expect(page.locator("#id_ringkasan")).to_have_value(aspects["ringkasan"])
    expect(page.locator("#id_sdg_4")).to_be_checked()
    shot(page, "2-innovation", "01-missing-title")

    page.fill("#id_title", "Pojok Baca Digital Keliling Desa")
    page.locator("form button[name=save].btn-primary").click()
    page.wait_for_url(re.compile(r"/innovations/pojok-baca-digital-keliling-desa[^/]*/$"))
    slug = slug_from(page.url)

    pdf = tmp_path / "sk-inovator.pdf"
    pdf.write_bytes(PDF)
    page.set_input_files("#id_file", str(pdf))
    page.fill("#id_description", "Surat keputusan inovator")
    page.get_by_role("button", name="Unggah lampiran").click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="sk-inovator.pdf")).to_be_visible()
    shot(page, "2-innovation", "02-draft-with-pdf")

    page.get_by_role("button", name="Ajukan untuk ditinjau").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Diajukan")
    shot(page, "2-innovation", "03-submitted")

    log_out(page)
    log_in(page, portal, portal.staff)
    page.get_by_role("link", name="Antrean tinjauan").click()
    row = page.locator("tr", has_text="Pojok Baca Digital Keliling Desa")
    expect(row).to_be_visible()
    shot(page, "2-innovation", "04-review-queue")
    row.get_by_role("link", name="Tinjau").click()
    # The decisions are radios styled as buttons: the label is what a person clicks.
    page.locator("label", has_text="Terbitkan").click()
    expect(page.get_by_label("Terbitkan")).to_be_checked()
    shot(page, "2-innovation", "05-review")
    page.get_by_role("button", name="Simpan keputusan").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Terbit")

    log_out(page)
    page.goto(portal.at("/innovations/"))
    page.get_by_label("Cari judul dan aspek").fill("pojok baca")
    page.get_by_label("Cari judul dan aspek").press("Enter")
    page.wait_for_load_state()
    result = page.get_by_role("link", name="Pojok Baca Digital Keliling Desa")
    expect(result).to_be_visible()
    shot(page, "2-innovation", "06-visitor-search")
    result.click()
    assert slug_from(page.url) == slug
    expect(page.get_by_role("link", name="sk-inovator.pdf")).to_be_visible()
    # The home page figures include it at once (the dashboard cache was invalidated by the publish).
    page.goto(portal.at("/"))
    expect(page.locator("#kpi-innovations")).to_have_text("1")


def test_3_staff_request_network_recap_watch_progress_and_download(page, portal, report_worker):
    """Staff request the network recap from the home page, watch the job's progress, and download the file.

    With a real worker (PostgreSQL + Redis, as in CI) the page first shows the job with its progress
    bar and htmx swaps in the finished row; in eager mode (SQLite) the job is done when the page loads.
    """
    log_in(page, portal, portal.staff)
    page.goto(portal.at("/"))
    if report_worker is not None:
        # Hold the worker until the page has shown the queued job: stop it, request, look, continue.
        os.kill(report_worker.pid, signal.SIGSTOP)
    try:
        page.get_by_role("button", name="Buat laporan: rekap jaringan").click()
        page.wait_for_url(re.compile(r"/reports/"))
        job = page.locator("article.report-job").first
        expect(job).to_be_visible()
        if report_worker is not None:
            progress = job.locator("progress")
            expect(progress).to_be_visible()
            assert int(progress.get_attribute("value")) < 100
        shot(page, "3-reports", "01-job")
    finally:
        if report_worker is not None:
            os.kill(report_worker.pid, signal.SIGCONT)
    # htmx polls the job's status every 2 s until it finishes, then shows the download link.
    download_link = job.get_by_role("link", name=re.compile("^Unduh"))
    expect(download_link).to_be_visible(timeout=90_000)
    expect(job.locator("progress")).to_have_count(0)
    shot(page, "3-reports", "02-finished")
    with page.expect_download() as info:
        download_link.click()
    download = info.value
    path = download.path()
    assert download.suggested_filename.endswith((".pdf", ".xlsx", ".csv"))
    assert path is not None and Path(path).read_bytes()[:4] in (b"%PDF", b"PK\x03\x04")


def test_4_story_without_name_consent_shows_initials_and_no_photo(page, portal):
    """An anonymous visitor sees the beneficiary's initials, not the name, and no photo."""
    from django.core.files.base import ContentFile
    from PIL import Image

    from stories.models import StoryPhoto
    from tests.factories.stories import ImpactStoryFactory, ProgrammeFactory

    programme = ProgrammeFactory(tpbis=True, slug="tpbis-e2e", hub=portal.perpusnas)
    story = ImpactStoryFactory(
        programme=programme,
        hub=portal.perpusnas,
        title="Beternak ayam setelah pelatihan",
        beneficiary_name="Siti Wahyuni",
        consent_name_public=False,
        consent_photo_public=False,
        status="published",
    )
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buf, "JPEG")
    photo = StoryPhoto(story=story, original_name="foto.jpg", content_type="image/jpeg", size=buf.tell())
    photo.image.save("foto.jpg", ContentFile(buf.getvalue()), save=True)

    page.goto(portal.at(f"/stories/{story.slug}/"))
    expect(page.locator("h1")).to_contain_text("Beternak ayam")
    main = page.locator("main")
    expect(main).to_contain_text("S. W.")
    expect(main).not_to_contain_text("Siti Wahyuni")
    expect(main.locator("img")).to_have_count(0)
    shot(page, "4-privacy", "01-story-anonymous")
    # The photo's own address is not served to the visitor either.
    response = page.request.get(portal.at(f"/stories/{story.slug}/photos/{photo.pk}/"))
    assert response.status in (403, 404)
