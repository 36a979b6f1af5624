"""Stories: exports apply consent (innovations.privacy); imports go through story_create/update."""

import datetime

import pytest
from django.urls import reverse

from dataio.models import ImportJob, ImportStatus
from stories.models import ImpactStory
from tests.factories.hubs import HubFactory, ProvinceFactory, member
from tests.factories.stories import ActivityTypeFactory, ImpactStoryFactory, ProgrammeFactory, perpusnas
from tests.imports.helpers import read_xlsx, snapshot, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def tpbis(db):
    hub = perpusnas()
    programme = ProgrammeFactory(tpbis=True, hub=hub)
    province = ProvinceFactory(code="01", name="Uji Kisah")
    activity = ActivityTypeFactory()
    admin = member(hub, role="admin")
    hidden = ImpactStoryFactory(programme=programme, province=province, activity_type=activity, title="Tanpa izin nama")
    public = ImpactStoryFactory(
        programme=programme,
        province=province,
        activity_type=activity,
        title="Dengan izin nama",
        beneficiary_name="Budi Santoso",
        consent_name_public=True,
    )
    return {"hub": hub, "programme": programme, "admin": admin, "hidden": hidden, "public": public}


def _rows(client, fmt="xlsx"):
    response = client.get(reverse("imports:export", args=["stories"]), {"format": fmt})
    assert response.status_code == 200
    return read_xlsx(b"".join(response.streaming_content))


def test_story_export_respects_consent(client, tpbis):
    """Visitors see initials without name consent and no personal fields; the hub's admin sees all."""
    rows = _rows(client)
    headers = rows[0]
    by_title = {r[headers.index("Judul")]: r for r in rows[1:]}
    name = headers.index("Nama penerima manfaat")
    assert by_title["Tanpa izin nama"][name] == "S. W."
    assert by_title["Dengan izin nama"][name] == "Budi Santoso"
    assert by_title["Tanpa izin nama"][headers.index("Jenis kelamin")] is None
    assert "Siti Wahyuni" not in str(rows)

    client.force_login(tpbis["admin"])
    rows = _rows(client)
    by_title = {r[rows[0].index("Judul")]: r for r in rows[1:]}
    assert by_title["Tanpa izin nama"][name] == "Siti Wahyuni"
    assert by_title["Tanpa izin nama"][rows[0].index("Jenis kelamin")] == "perempuan"


def test_story_export_round_trip_changes_nothing(client, post, tpbis):
    client.force_login(tpbis["admin"])
    rows = _rows(client)
    before = snapshot()
    response = post(reverse("imports:import_home"), {"kind": "stories", "file": upload(xlsx_bytes(rows), "k.xlsx")})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.READY, job.errors
    assert (job.created_count, job.updated_count, job.skipped_count) == (0, 0, 2)
    post(reverse("imports:import_confirm", args=[job.pk]))
    assert snapshot() == before


def test_story_import_creates_drafts_through_the_service(client, post, tpbis):
    """A new story with name consent needs a consent date (the service's rule), and text in a number
    column is an error naming that column."""
    headers = [
        "Judul",
        "Program",
        "Nama perpustakaan",
        "Tingkat perpustakaan",
        "Provinsi",
        "Jenis kegiatan",
        "Jumlah orang terjangkau",
        "Kisah sebelum",
        "Kisah sesudah",
        "Tanggal kisah",
        "Nama penerima manfaat",
        "Nama boleh dipublikasikan",
        "Tanggal persetujuan",
    ]
    base = ["Kisah baru", "tpbis", "Perpustakaan Desa Maju", "desa", "01", "pelatihan", 12, "Sebelum.", "Sesudah."]
    bad = [
        headers,
        [*base, datetime.date(2024, 3, 1), "Ani", "Ya", None],
        ["Kisah kedua", *base[1:6], "dua belas", *base[7:], "2024-03-01", "", "Tidak", None],
    ]
    client.force_login(tpbis["admin"])
    before = snapshot()
    post(reverse("imports:import_home"), {"kind": "stories", "file": upload(xlsx_bytes(bad), "k.xlsx")})
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportStatus.INVALID
    # A cell that cannot be read is reported first (the services run once every cell reads).
    assert {(e["row"], e["column"]) for e in job.errors} == {(3, "Jumlah orang terjangkau")}
    post(reverse("imports:import_home"), {"kind": "stories", "file": upload(xlsx_bytes(bad[:2]), "k.xlsx")})
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportStatus.INVALID
    assert {(e["row"], e["column"]) for e in job.errors} == {(2, "Tanggal persetujuan")}
    assert snapshot() == before

    good = [headers, [*base, datetime.date(2024, 3, 1), "Ani", "Ya", datetime.date(2024, 2, 1)]]
    post(reverse("imports:import_home"), {"kind": "stories", "file": upload(xlsx_bytes(good), "k.xlsx")})
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportStatus.READY, job.errors
    post(reverse("imports:import_confirm", args=[job.pk]))
    story = ImpactStory.objects.get(title="Kisah baru")
    assert (story.status, story.hub, story.consent_recorded_by) == ("draft", tpbis["hub"], tpbis["admin"])
    assert story.people_reached == 12


def test_story_import_for_another_hub_is_refused(client, post, tpbis):
    other = member(HubFactory(), role="admin")
    rows = _rows(client)  # anonymous export: published stories
    client.force_login(other)
    before = snapshot()
    post(reverse("imports:import_home"), {"kind": "stories", "file": upload(xlsx_bytes(rows), "k.xlsx")})
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.INVALID
    assert {e["column"] for e in job.errors} == {"Hub"}
    assert snapshot() == before


def test_round_trip_keeps_a_link_to_an_innovation_the_user_may_not_see(client, post, tpbis):
    """The export hides another hub's draft innovation; re-importing that blank cell keeps the link."""
    from tests.factories.innovations import InnovationFactory

    draft = InnovationFactory(title="Draf hub lain")
    story = tpbis["hidden"]
    ImpactStory.objects.filter(pk=story.pk).update(innovation=draft)
    client.force_login(tpbis["admin"])
    rows = _rows(client)
    assert "Draf hub lain" not in str(rows)
    post(reverse("imports:import_home"), {"kind": "stories", "file": upload(xlsx_bytes(rows), "k.xlsx")})
    job = ImportJob.objects.get()
    assert (job.status, job.skipped_count) == (ImportStatus.READY, 2), job.errors
    post(reverse("imports:import_confirm", args=[job.pk]))
    story.refresh_from_db()
    assert story.innovation == draft


def test_a_story_named_twice_or_by_an_unknown_id_is_refused_in_the_storys_words(client, post, tpbis):
    """The shared checks of importers/base.py, with the story's own messages."""
    client.force_login(tpbis["admin"])
    rows = _rows(client)
    headers = rows[0]
    unknown = list(rows[1])
    unknown[headers.index("ID")] = 999_999
    unknown[headers.index("Judul")] = "Kisah yang tidak ada"
    post(
        reverse("imports:import_home"),
        {"kind": "stories", "file": upload(xlsx_bytes([*rows, rows[2], unknown]), "k.xlsx")},
    )
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.INVALID
    assert job.errors == [
        {"row": 4, "column": "ID", "message": "sama dengan baris 3; satu kisah hanya boleh satu baris"},
        {"row": 4, "column": "Judul", "message": "sama dengan baris 3; satu kisah hanya boleh satu baris"},
    ]
    post(reverse("imports:import_home"), {"kind": "stories", "file": upload(xlsx_bytes([*rows, unknown]), "k.xlsx")})
    job = ImportJob.objects.latest("pk")
    assert job.errors == [{"row": 4, "column": "ID", "message": "tidak ada kisah dengan ID 999999"}]
