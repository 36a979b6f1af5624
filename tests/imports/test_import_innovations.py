"""Import of innovations: template, preview, confirm, updates, re-import, permissions."""

import pytest
from django.urls import reverse

from dataio.importers import jobs
from dataio.models import ImportJob, ImportStatus
from dataio.tasks import import_jobs_housekeeping
from innovations.models import Innovation
from jipp.jobs import job_files_expire, jobs_reap
from tests.factories.innovations import InnovationFactory
from tests.imports.helpers import innovation_row, read_xlsx, snapshot, table, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def _upload(post, content, name="inovasi.xlsx", kind="innovations"):
    return post(reverse("imports:import_home"), {"kind": kind, "file": upload(content, name)})


def _job(response) -> ImportJob:
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportJob.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[-1]))


def test_template_has_indonesian_and_english_headers_and_code_sheets(client, post, world):
    """The template's row 1 holds the Indonesian headers, row 2 the English ones; code sheets follow."""
    client.force_login(world.admin)
    response = client.get(reverse("imports:import_template", args=["innovations"]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    rows = read_xlsx(content)
    # Required columns are marked with " *", which the importer ignores when it reads the headers.
    assert rows[0][:6] == ["ID", "ID SINOVIK", "ID JIPPNas", "Hub (kode) *", "Instansi (kode) *", "Judul *"]
    assert rows[1][:6] == ["ID", "SINOVIK ID", "JIPPNas ID", "Hub (code)", "Institution (code)", "Title"]
    import io

    from openpyxl import load_workbook

    names = load_workbook(io.BytesIO(content), read_only=True).sheetnames
    for sheet in ("Hub", "Instansi", "Kategori", "TPB-SDG", "Provinsi", "Kabupaten-kota", "Pilihan"):
        assert sheet in names
    institutions = read_xlsx(content, "Instansi")
    assert [world.coached_a.slug, world.coached_a.name, None, world.hub_a.slug] in institutions
    # An admin of hub A is not offered hub B's network.
    assert not any(r[0] == world.coached_b.slug for r in institutions)


def test_done_when_journey_twenty_innovations_one_wrong_then_fixed(client, post, world):
    """Template filled with 20 rows (one bad date): the preview names row and column, nothing is
    written; the fixed file previews clean and, once confirmed, gives 20 drafts."""
    client.force_login(world.admin)
    content = b"".join(client.get(reverse("imports:import_template", args=["innovations"])).streaming_content)
    template_rows = read_xlsx(content)
    headers = [h.removesuffix(" *") for h in template_rows[0]]

    def filled(bad: bool) -> bytes:
        rows = [template_rows[0], template_rows[1]]
        for n in range(1, 21):
            row = innovation_row(world, n)
            if bad and n == 7:
                row["Mulai diterapkan"] = "31/02/2023"
            rows.append([row.get(h) for h in headers])
        return xlsx_bytes(rows)

    before = snapshot()
    job = _job(_upload(post, filled(bad=True)))
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    assert job.error_count == 1
    # Row 7 of the data is spreadsheet row 9 (two header rows).
    assert job.errors[0]["row"] == 9
    assert job.errors[0]["column"] == "Mulai diterapkan"
    assert "31/02/2023" in job.errors[0]["message"]
    page = client.get(reverse("imports:import_detail", args=[job.pk])).content.decode()
    assert "Mulai diterapkan" in page and "31/02/2023" in page
    assert snapshot() == before

    job = _job(_upload(post, filled(bad=False)))
    job.refresh_from_db()
    assert job.status == ImportStatus.READY, job.errors
    assert (job.created_count, job.updated_count, job.skipped_count) == (20, 0, 0)
    assert Innovation.objects.count() == 0  # the preview wrote nothing

    response = post(reverse("imports:import_confirm", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    drafts = Innovation.objects.filter(hub=world.hub_a, institution=world.coached_a)
    assert drafts.count() == 20
    assert set(drafts.values_list("status", flat=True)) == {"draft"}
    assert set(drafts.values_list("created_by", flat=True)) == {world.admin.pk}
    assert drafts.get(title="Layanan Keliling Uji 3").sdg_links.count() == 2
    assert not job.file  # the uploaded file is not kept after the import


def test_preview_counts_created_updated_skipped_and_writes_nothing(client, post, world):
    """One unchanged row (skipped), one changed row (updated, by SINOVIK ID), one new row (created)."""
    same = InnovationFactory(
        institution=world.coached_a, hub=world.hub_a, title="Sama", ringkasan="Tetap.", stage="penerapan"
    )
    changed = InnovationFactory(institution=world.coached_a, hub=world.hub_a, title="Lama", sinovik_id="SNV-1")
    common = {"Hub (kode)": world.hub_a.slug, "Instansi (kode)": world.coached_a.slug}
    rows = [
        {**common, "ID": same.pk, "Judul": "Sama"},
        {**common, "ID SINOVIK": "SNV-1", "Judul": "Baru namanya"},
        {**common, "Judul": "Benar-benar baru"},
    ]
    client.force_login(world.admin)
    before = snapshot()
    job = _job(_upload(post, xlsx_bytes(table(rows))))
    job.refresh_from_db()
    assert job.status == ImportStatus.READY, job.errors
    assert (job.created_count, job.updated_count, job.skipped_count) == (1, 1, 1)
    assert [p["action"] for p in job.plan] == ["skip", "update", "create"]
    assert snapshot() == before
    post(reverse("imports:import_confirm", args=[job.pk]))
    changed.refresh_from_db()
    assert changed.title == "Baru namanya"
    assert Innovation.objects.filter(title="Benar-benar baru", status="draft").exists()


def test_reimporting_the_same_file_changes_nothing(client, post, world):
    """A second import of a file without IDs matches by institution and title: every row is skipped."""
    content = xlsx_bytes(table([innovation_row(world, n) for n in range(1, 4)]))
    client.force_login(world.admin)
    job = _job(_upload(post, content))
    post(reverse("imports:import_confirm", args=[job.pk]))
    assert Innovation.objects.count() == 3
    before = snapshot()
    job = _job(_upload(post, content))
    job.refresh_from_db()
    assert (job.created_count, job.updated_count, job.skipped_count) == (0, 0, 3)
    post(reverse("imports:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert snapshot() == before


def test_hub_admin_cannot_import_into_another_hub(client, post, world):
    """A row for hub B by hub A's admin is an error on the hub column; nothing is written."""
    row = innovation_row(world, 1, **{"Hub (kode)": world.hub_b.slug, "Instansi (kode)": world.coached_b.slug})
    client.force_login(world.admin)
    before = snapshot()
    job = _job(_upload(post, xlsx_bytes(table([innovation_row(world, 2), row]))))
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    assert job.errors == [
        {"row": 3, "column": "Hub (kode)", "message": f"Anda tidak dapat mengimpor untuk hub “{world.hub_b.name}”"}
    ]
    assert snapshot() == before


def test_hub_admin_cannot_update_another_hubs_innovation_by_id(client, post, world):

    # Published, so hub A may see it exists (a hidden one reads as missing: the test below).
    theirs = InnovationFactory(institution=world.coached_b, hub=world.hub_b, title="Milik B", status="published")
    row = innovation_row(world, 1, ID=theirs.pk, Judul="Diambil alih")
    client.force_login(world.admin)
    job = _job(_upload(post, xlsx_bytes(table([row]))))
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    assert job.errors[0]["column"] == "Hub (kode)"
    theirs.refresh_from_db()
    assert theirs.title == "Milik B"


@pytest.mark.parametrize("role,status", [("editor", 403), ("other_hub_member", 200), ("staff", 200)])
def test_who_may_open_the_import_page(client, post, world, role, status):
    """Hub admins (of any hub) and ministry staff import; editors do not."""
    client.force_login(world.user(role))
    assert client.get(reverse("imports:import_home")).status_code == status


def test_staff_import_new_innovations_for_a_hub_they_are_not_a_member_of(client, post, world):
    """Hub admins import for their hubs, ministry staff for any hub."""
    client.force_login(world.staff)
    job = _job(_upload(post, xlsx_bytes(table([innovation_row(world)]))))
    job.refresh_from_db()
    assert job.status == ImportStatus.READY, job.errors
    post(reverse("imports:import_confirm", args=[job.pk]))
    created = Innovation.objects.get()
    assert created.status == "draft" and created.created_by == world.staff


def test_anonymous_is_sent_to_login(client, post, world):
    response = client.get(reverse("imports:import_home"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_another_user_cannot_see_or_confirm_a_job(client, post, world):
    client.force_login(world.admin)
    job = _job(_upload(post, xlsx_bytes(table([innovation_row(world)]))))
    client.force_login(world.other)
    assert client.get(reverse("imports:import_detail", args=[job.pk])).status_code == 404
    assert post(reverse("imports:import_confirm", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == ImportStatus.READY
    assert Innovation.objects.count() == 0


def test_a_job_is_confirmed_once(client, post, world):
    client.force_login(world.admin)
    job = _job(_upload(post, xlsx_bytes(table([innovation_row(world)]))))
    post(reverse("imports:import_confirm", args=[job.pk]))
    post(reverse("imports:import_confirm", args=[job.pk]))
    assert Innovation.objects.count() == 1


def test_commit_fails_whole_when_data_changed_since_preview(client, post, world):
    """A row that was valid at preview but fails at commit voids the whole import."""
    client.force_login(world.admin)
    rows = [innovation_row(world, 1), innovation_row(world, 2, **{"ID SINOVIK": "SNV-9"})]
    job = _job(_upload(post, xlsx_bytes(table(rows))))
    job.refresh_from_db()
    assert job.status == ImportStatus.READY
    # Meanwhile hub B records an innovation with that SINOVIK ID: row 3 now targets hub B's record.
    InnovationFactory(institution=world.coached_b, hub=world.hub_b, title="Lain", sinovik_id="SNV-9")
    before = snapshot()
    post(reverse("imports:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "Tidak ada data yang diubah" in job.message
    assert snapshot() == before


def test_service_rules_apply_to_imported_rows(client, post, world):
    """The service's own rules (here: the institution must be in the hub's network) reach the preview."""
    row = innovation_row(world, 1, **{"Instansi (kode)": world.coached_b.slug})
    client.force_login(world.admin)
    job = _job(_upload(post, xlsx_bytes(table([row]))))
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    assert job.errors[0]["row"] == 2
    assert job.errors[0]["column"] == "Instansi (kode)"
    assert "jaringan hub" in job.errors[0]["message"]


def test_progress_reads_the_cache_while_busy(world):
    job = ImportJob(pk=999, status=ImportStatus.IMPORTING, progress=0)
    jobs.IMPORT_PROGRESS.set(999, 42)
    assert jobs.import_progress(job) == 42


@pytest.mark.parametrize(
    "kind,first,sheets",
    [
        ("replications", "Inovasi sumber (slug) *", {"Hub", "Instansi", "Pilihan"}),
        ("stories", "Judul *", {"Program", "Jenis kegiatan", "Provinsi", "Kabupaten-kota", "Pilihan"}),
    ],
)
def test_templates_of_replications_and_stories(client, world, kind, first, sheets):
    import io

    from openpyxl import load_workbook

    client.force_login(world.staff)
    content = b"".join(client.get(reverse("imports:import_template", args=[kind])).streaming_content)
    rows = read_xlsx(content)
    assert first in rows[0][:3]
    assert len(rows) == 3  # the two header rows and the example row
    assert rows[2][0] == "CONTOH / EXAMPLE"
    assert sheets <= set(load_workbook(io.BytesIO(content), read_only=True).sheetnames)


def test_unknown_template_is_404(client, world):
    client.force_login(world.admin)
    assert client.get(reverse("imports:import_template", args=["rahasia"])).status_code == 404


def test_housekeeping_fails_stuck_jobs_and_expires_unconfirmed_files(client, post, world):
    """A check never confirmed loses its file after the expiry; a job whose worker died is failed."""
    import datetime

    from django.utils import timezone
    from django_celery_beat.models import PeriodicTask

    client.force_login(world.admin)
    ready = _job(_upload(post, xlsx_bytes(table([innovation_row(world)]))))
    ready.refresh_from_db()
    assert ready.status == ImportStatus.READY and ready.file
    stuck = ImportJob.objects.create(
        kind="innovations", original_name="x.xlsx", file_format="xlsx", uploaded_by=world.admin, status="importing"
    )
    ImportJob.objects.filter(pk=stuck.pk).update(started_at=timezone.now() - datetime.timedelta(hours=3))

    assert import_jobs_housekeeping() == {"reaped": 1, "expired": 0}
    later = timezone.now() + datetime.timedelta(days=30)
    assert (jobs_reap(jobs.IMPORT_JOBS, now=later), job_files_expire(jobs.IMPORT_JOBS, now=later)) == (0, 1)
    ready.refresh_from_db()
    stuck.refresh_from_db()
    assert (ready.status, bool(ready.file), stuck.status) == ("failed", False, "failed")
    assert PeriodicTask.objects.filter(task="innovations.import_jobs_housekeeping", enabled=True).exists()


def test_another_hubs_hidden_record_and_a_missing_id_give_the_same_message(client, post, world):
    """The preview must not tell whether an ID it may not see exists: both read "no such ID"."""
    hidden = InnovationFactory(institution=world.coached_b, hub=world.hub_b, title="Draf tersembunyi")
    missing = hidden.pk + 1000
    client.force_login(world.admin)
    messages = {}
    for pk in (hidden.pk, missing):
        row = innovation_row(world, 1, ID=pk)
        job = _job(_upload(post, xlsx_bytes(table([row]))))
        job.refresh_from_db()
        assert job.status == ImportStatus.INVALID
        messages[pk] = [(e["column"], e["message"].replace(str(pk), "<id>")) for e in job.errors]
    assert messages[hidden.pk] == messages[missing]
    assert "Draf tersembunyi" not in str(messages)
    # A visible record of another hub is still named as such (the user may see it exists).
    hidden.status = "published"
    hidden.save()
    job = _job(_upload(post, xlsx_bytes(table([innovation_row(world, 1, ID=hidden.pk)]))))
    job.refresh_from_db()
    assert "hub lain" in str(job.errors)
