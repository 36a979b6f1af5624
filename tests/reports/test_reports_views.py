"""Pages and API of the reports app: request, live progress, download, and who may download."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from dashboard.views import HomeView
from jipp.jobs import jobs_sweep_type
from reports import services
from reports.choices import ReportStatus
from reports.models import ReportJob
from tests.factories.hubs import HubFactory, HubMembershipFactory, UserFactory
from tests.factories.innovations import InnovationFactory

pytestmark = pytest.mark.django_db


def content(response) -> bytes:
    return b"".join(response.streaming_content)


def test_staff_request_a_network_recap_watch_it_and_download_an_xlsx_matching_the_home_page(
    client, staff_user, django_capture_on_commit_callbacks, rf
):
    """The whole browser path on the embedded default (no broker: the job runs in-process)."""
    hub = HubFactory(name="Hub Rekap")
    InnovationFactory(status="published", hub=hub)
    client.force_login(staff_user)
    home = client.get(reverse("home"))
    assert b"Buat laporan: rekap jaringan" in home.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:job_create"), {"kind": "network_recap", "output_format": "xlsx", "language": "id"}
        )
    assert response.status_code == 302
    job = ReportJob.objects.get(requested_by=staff_user)
    page = client.get(response["Location"])
    assert b"Laporan saya" in page.content and f'id="job-{job.pk}"'.encode() in page.content
    status = client.get(reverse("reports:job_status", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert b"Selesai: laporan siap diunduh." in status.content
    assert b"hx-trigger" not in status.content  # finished: polling stops
    download = client.get(reverse("reports:job_download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;") and download["X-Content-Type-Options"] == "nosniff"
    wb = load_workbook(io.BytesIO(content(download)), read_only=True)
    recorded_in_xlsx = sum(row[4] for row in list(wb["Angkatan"].iter_rows(values_only=True))[1:])
    request = rf.get("/")
    request.user = staff_user
    view = HomeView()
    view.setup(request)
    assert recorded_in_xlsx == view.get_context_data()["hub_total"]  # the figure on the home page
    summary = {r[0]: r for r in wb["Ringkasan per hub"].iter_rows(values_only=True)}
    assert summary["Hub Rekap"][5] == 1


def test_running_job_row_keeps_polling_with_its_progress(client, staff_user):
    job = services.report_job_request(user=staff_user, kind="network_recap")
    ReportJob.objects.filter(pk=job.pk).update(status="running", progress=40)
    client.force_login(staff_user)
    row = client.get(reverse("reports:job_status", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in row and 'value="40"' in row


def test_hub_admin_downloads_the_hub_profile_pdf_from_the_hub_page(client, django_capture_on_commit_callbacks):
    membership = HubMembershipFactory(role="admin")
    hub = membership.hub
    client.force_login(membership.user)
    page = client.get(reverse("hubs:hub_detail", args=[hub.slug]))
    assert b"Buat laporan: profil hub (PDF)" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:job_create"), {"kind": "hub_profile", "hub": hub.pk, "language": "id"})
    job = ReportJob.objects.get(requested_by=membership.user)
    assert job.status == ReportStatus.SUCCEEDED, job.message
    download = client.get(reverse("reports:job_download", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf" and content(download)[:5] == b"%PDF-"


def test_visitors_see_no_report_buttons(client):
    hub = HubFactory()
    client.force_login(UserFactory())
    assert b"Buat laporan" not in client.get(reverse("home")).content
    assert b"profil hub" not in client.get(reverse("hubs:hub_detail", args=[hub.slug])).content


def test_form_shows_a_refusal_next_to_the_field(client):
    member = HubMembershipFactory(role="admin")
    other = HubFactory()
    client.force_login(member.user)
    response = client.post(reverse("reports:job_create"), {"kind": "hub_profile", "hub": other.pk, "language": "id"})
    assert response.status_code == 200
    assert "anggota hub" in response.content.decode() and 'aria-invalid="true"' in response.content.decode()
    assert not ReportJob.objects.exists()


def test_export_button_carries_the_page_filters(client, staff_user, django_capture_on_commit_callbacks):
    HubFactory(name="Kementerian Saringan", kind="kementerian")
    HubFactory(name="Lembaga Tersaring", kind="lembaga")
    client.force_login(staff_user)
    page = client.get(reverse("hubs:hub_list") + "?kind=kementerian").content.decode()
    assert 'name="filters" value="kind=kementerian"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reports:job_create"),
            {
                "kind": "list_export",
                "list": "hubs",
                "filters": "kind=kementerian",
                "output_format": "csv",
                "language": "id",
            },
        )
    job = ReportJob.objects.get()
    body = content(client.get(reverse("reports:job_download", args=[job.pk]))).decode("utf-8-sig")
    assert "Kementerian Saringan" in body and "Lembaga Tersaring" not in body


@pytest.fixture
def finished_job(staff_user):
    HubFactory()
    job = services.report_job_request(user=staff_user, kind="network_recap")
    services.report_job_run(job_id=job.pk)
    return job


def test_only_the_requester_and_staff_may_download_checked_every_time(client, finished_job, staff_user):
    url = reverse("reports:job_download", args=[finished_job.pk])
    other_staff = UserFactory(username="staf2", staff=True)
    stranger = UserFactory(username="asing")
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    assert client.get(reverse("reports:job_status", args=[finished_job.pk])).status_code == 404
    client.force_login(other_staff)
    assert client.get(url).status_code == 200
    # Checked on every download: once no longer staff, the same user is refused.
    other_staff.groups.clear()
    client.force_login(other_staff)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code in (302, 403)


def test_api_request_status_and_download(staff_user, django_capture_on_commit_callbacks):
    HubFactory()
    api = APIClient()
    api.force_authenticate(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/reports/", {"kind": "network_recap", "output_format": "csv"}, format="json")
    assert response.status_code == 202, response.content
    status = api.get(response.json()["status_url"]).json()
    assert status["status"] == "succeeded" and status["progress"] == 100
    download = api.get(status["download_url"])
    assert download.status_code == 200 and content(download).decode("utf-8-sig").startswith("Ringkasan per hub")


def test_api_refuses_strangers_and_bad_requests(finished_job):
    api = APIClient()
    assert api.get(f"/api/v1/reports/{finished_job.pk}/").status_code in (401, 403)
    api.force_authenticate(UserFactory(username="lain"))
    assert api.get(f"/api/v1/reports/{finished_job.pk}/").status_code == 404
    assert api.get(f"/api/v1/reports/{finished_job.pk}/download/").status_code == 404
    bad = api.post("/api/v1/reports/", {"kind": "network_recap"}, format="json")
    # The API's one error shape: the field at fault is named in error.fields.
    assert bad.status_code == 400 and "params" in bad.json()["error"]["fields"]


def test_job_list_query_count_does_not_grow_with_jobs(client, staff_user, django_assert_max_num_queries):
    for _ in range(15):
        services.report_job_request(user=staff_user, kind="network_recap")
    client.force_login(staff_user)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("reports:job_list")).status_code == 200


def test_request_form_page_prefills_from_the_query_string(client, staff_user):
    hub = HubFactory()
    client.force_login(staff_user)
    page = client.get(reverse("reports:job_create") + f"?kind=hub_profile&hub={hub.pk}").content.decode()
    assert '<option value="hub_profile" selected>' in page and f'<option value="{hub.pk}" selected>' in page


def test_staff_subscribe_to_the_monthly_recap_from_my_reports(client, staff_user):
    from reports.models import ReportSubscription

    client.force_login(staff_user)
    assert "Berlangganan" in client.get(reverse("reports:job_list")).content.decode()
    client.post(reverse("reports:subscription_toggle"), {"active": "1"})
    assert ReportSubscription.objects.get(user=staff_user).is_active
    assert "Berhenti berlangganan" in client.get(reverse("reports:job_list")).content.decode()
    client.post(reverse("reports:subscription_toggle"), {"active": "0"})
    assert not ReportSubscription.objects.get(user=staff_user).is_active


def test_non_staff_cannot_subscribe(client):
    client.force_login(UserFactory())
    assert client.post(reverse("reports:subscription_toggle"), {"active": "1"}).status_code == 403


def test_broker_down_the_page_says_the_report_starts_shortly_never_an_error(
    client, staff_user, broker_down, django_capture_on_commit_callbacks
):
    HubFactory()
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:job_create"), {"kind": "network_recap", "language": "id"}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "akan dimulai sebentar lagi" in page and "Dalam antrean" in page
    api = APIClient()
    api.force_authenticate(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        queued = api.post("/api/v1/reports/", {"kind": "network_recap"}, format="json")
    assert queued.status_code == 202 and queued.json()["status"] == "queued"
    assert ReportJob.objects.filter(status="queued", dispatched_at__isnull=True).count() == 2
    broker_down()  # the broker is back
    assert jobs_sweep_type(services.REPORT_JOBS) == 2
    assert ReportJob.objects.filter(status="succeeded").count() == 2


def test_api_job_list_query_count_does_not_grow_with_jobs(staff_user, django_assert_max_num_queries):
    for _ in range(15):
        services.report_job_request(user=staff_user, kind="network_recap")
    api = APIClient()
    api.force_authenticate(staff_user)
    with django_assert_max_num_queries(4):
        assert len(api.get("/api/v1/reports/").json()) == 15
