"""Generated files follow erasure, consent and access: nothing made before keeps what was withdrawn.

A report or export is made for one user at one moment. Once a story is erased or its consent
withdrawn, no stored file may still show the person; once the requester has lost the access the
file was made with, it is no longer served to them. Every file is read back through the portal's
download and straight from the storage, as text (CSV, XLSX cells, PDF text).
"""

import io
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader

from dataio.models import ImportJob, ImportKind, ImportStatus
from hubs.models import HubMembership as Membership
from jipp.jobs import job_this_run
from reports import services as report_services
from reports.choices import ReportStatus
from reports.models import ReportJob
from stories.services import story_erase_personal_data, story_update
from tests.factories.innovations import InnovationFactory
from tests.factories.stories import ImpactStoryFactory, ProgrammeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

NAME = "Sentinela Rahmawati Uji"


def text_of(name: str, content: bytes) -> str:
    """What a reader of the file sees, whatever its format."""
    if name.endswith(".pdf"):
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    if name.endswith(".xlsx"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return content.decode("utf-8-sig", "replace")


def stored_texts(settings) -> dict[str, str]:
    """Every file in the reports storage (reports and import uploads), by path, as text."""
    root = Path(settings.STORAGES["reports"]["OPTIONS"]["location"])
    return {str(p.relative_to(root)): text_of(p.name, p.read_bytes()) for p in root.rglob("*") if p.is_file()}


def downloaded_text(client, job) -> str | None:
    response = client.get(reverse("reports:job_download", args=[job.pk]))
    if response.status_code == 404:
        return None
    assert response.status_code == 200, response.status_code
    return text_of(job.download_name, b"".join(response.streaming_content))


def request_report(capture, user, kind, output_format="", **params) -> ReportJob:
    with capture(execute=True):
        job = report_services.report_job_request(user=user, kind=kind, output_format=output_format, params=params)
    job.refresh_from_db()
    assert job.status == ReportStatus.SUCCEEDED, job.message
    return job


@pytest.fixture
def story(world):
    return ImpactStoryFactory(
        programme=ProgrammeFactory(tpbis=True),
        hub=world.hub_a,
        beneficiary_name=NAME,
        consent_name_public=True,
        title="Kisah penjahit Desa Uji",
    )


@pytest.fixture
def reports_made_before(world, story, django_capture_on_commit_callbacks):
    """Every kind of file that can name the person, made by staff, the hub's admin and another hub's."""
    capture = django_capture_on_commit_callbacks
    jobs = []
    for user in (world.staff, world.admin, world.other):
        jobs.append(request_report(capture, user, "list_export", "csv", list="stories", filters={}))
        jobs.append(request_report(capture, user, "list_export", "xlsx", list="stories", filters={}))
        jobs.append(request_report(capture, user, "tpbis_impact", programme=story.programme_id))
    jobs.append(request_report(capture, world.staff, "network_recap", "csv"))
    jobs.append(request_report(capture, world.admin, "hub_profile", hub=world.hub_a.pk))
    return jobs


def test_erasing_a_story_leaves_no_report_or_export_made_before_that_names_the_person(
    client, settings, world, story, reports_made_before, django_capture_on_commit_callbacks
):
    # The files really did name the person (or this test could not fail).
    assert any(NAME in text for text in stored_texts(settings).values())
    for job in reports_made_before:
        if job.kind in ("list_export", "tpbis_impact"):
            client.force_login(job.requested_by)
            assert NAME in (downloaded_text(client, job) or ""), (job.kind, job.requested_by)

    with django_capture_on_commit_callbacks(execute=True):
        story_erase_personal_data(story=story, user=world.staff)

    for job in reports_made_before:
        client.force_login(job.requested_by)
        text = downloaded_text(client, job)
        assert text is None or NAME not in text, (job.kind, job.output_format, job.requested_by)
        client.force_login(world.staff)
        text = downloaded_text(client, job)
        assert text is None or NAME not in text
    assert not [path for path, text in stored_texts(settings).items() if NAME in text]
    # The rows say why the file is gone, and a new report is made from the erased story.
    job = ReportJob.objects.get(pk=reports_made_before[0].pk)
    assert job.file == "" and "ditarik" in job.message
    again = request_report(django_capture_on_commit_callbacks, world.staff, "list_export", "csv", list="stories")
    assert "Kisah penjahit Desa Uji" in downloaded_text(client, again) and NAME not in downloaded_text(client, again)
    # Files that cannot name anyone are kept.
    assert ReportJob.objects.get(kind="network_recap").file
    assert ReportJob.objects.get(kind="hub_profile").file


def test_a_withdrawn_consent_reaches_the_files_made_while_it_held(
    client, settings, world, story, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    # Another hub's admin sees the name only through the consent.
    job = request_report(capture, world.other, "list_export", "csv", list="stories", filters={})
    client.force_login(world.other)
    assert NAME in downloaded_text(client, job)

    with capture(execute=True):
        story_update(story=story, user=world.admin, data={"consent_name_public": False})

    assert downloaded_text(client, job) is None
    assert not [path for path, text in stored_texts(settings).items() if NAME in text]
    again = request_report(capture, world.other, "list_export", "csv", list="stories", filters={})
    assert NAME not in downloaded_text(client, again)


def test_a_report_being_made_during_an_erasure_is_made_again(world, story, django_capture_on_commit_callbacks):
    """A generator that read the name before the erasure must not save it: its run is superseded."""
    job = ReportJob.objects.create(
        kind="list_export", output_format="csv", params={"list": "stories", "filters": {}}, requested_by=world.staff
    )
    # A worker has claimed it and is reading rows.
    ReportJob.objects.filter(pk=job.pk).update(status=ReportStatus.RUNNING, started_at=job.created_at)
    running = ReportJob.objects.get(pk=job.pk)

    with django_capture_on_commit_callbacks(execute=True):
        story_erase_personal_data(story=story, user=world.staff)

    job.refresh_from_db()
    assert job.status == ReportStatus.SUCCEEDED and job.started_at != running.started_at
    with job.file.open("rb") as fh:
        assert NAME not in fh.read().decode("utf-8-sig")
    # The superseded run's last write (success or failure) finds no row of its own to change.
    assert job_this_run(running).update(status=ReportStatus.FAILED) == 0


def test_a_story_spreadsheet_waiting_for_confirmation_is_dropped_on_erasure(
    world, story, settings, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    def pending(user):
        job = ImportJob(kind=ImportKind.STORIES, uploaded_by=user, original_name="kisah.csv", file_format="csv")
        job.status = ImportStatus.READY
        job.plan = [{"row": 2, "action": "update", "label": NAME}]
        job.file.save("kisah.csv", ContentFile(f"beneficiary_name\n{NAME}\n".encode()), save=False)
        job.save()
        return job

    of_hub, of_other_hub = pending(world.admin), pending(world.other)

    with django_capture_on_commit_callbacks(execute=True):
        story_erase_personal_data(story=story, user=world.staff)

    of_hub.refresh_from_db()
    assert of_hub.status == ImportStatus.FAILED and of_hub.file == "" and of_hub.plan == []
    assert "unggah lagi" in of_hub.message
    # Another hub's file cannot hold this hub's story.
    of_other_hub.refresh_from_db()
    assert of_other_hub.status == ImportStatus.READY and of_other_hub.file


def test_downloads_check_the_requesters_access_again(client, world, django_capture_on_commit_callbacks):
    """A file made while the requester was a hub's admin is not served once they have left the hub."""
    capture = django_capture_on_commit_callbacks
    InnovationFactory(hub=world.hub_a, title="Draf Rahasia Hub A", status="draft")
    profile = request_report(capture, world.admin, "hub_profile", hub=world.hub_a.pk)
    export = request_report(capture, world.admin, "list_export", "csv", list="innovations", filters={})
    client.force_login(world.admin)
    assert "Draf Rahasia Hub A" in downloaded_text(client, export)
    assert downloaded_text(client, profile) is not None

    membership = Membership.objects.get(user=world.admin, hub=world.hub_a)
    role = membership.role
    membership.delete()
    client.force_login(world.admin)  # a new request: rights are read afresh
    assert downloaded_text(client, export) is None
    assert downloaded_text(client, profile) is None
    assert client.get(reverse("reports-api:job_download", args=[export.pk])).status_code == 404
    # Staff still may (they see everything the file holds); the admin again once back in the hub.
    client.force_login(world.staff)
    assert downloaded_text(client, export) is not None
    Membership.objects.create(user=world.admin, hub=world.hub_a, role=role)
    client.force_login(world.admin)
    assert downloaded_text(client, export) is not None
