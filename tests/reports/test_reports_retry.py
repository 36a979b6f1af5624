""" "Coba lagi" on a failed or expired report, and a download button only when the download is served."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reports import services
from reports.choices import ReportStatus
from reports.models import ReportJob
from tests.factories.hubs import HubFactory, HubMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def failed_job(user, kind="network_recap", output_format="csv", language="en", **params):
    job = services.report_job_request(
        user=user, kind=kind, language=language, output_format=output_format, params=params
    )
    ReportJob.objects.filter(pk=job.pk).update(status=ReportStatus.FAILED, message="Gagal.", error_detail="trace")
    job.refresh_from_db()
    return job


def test_requester_retries_a_failed_report_as_a_new_job_with_the_same_request(
    client, staff_user, django_capture_on_commit_callbacks
):
    HubFactory()
    job = failed_job(staff_user)
    client.force_login(staff_user)
    row = client.get(reverse("reports:job_status", args=[job.pk])).content.decode()
    assert "Coba lagi" in row and "Unduh" not in row
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:job_retry", args=[job.pk]))
    new = ReportJob.objects.exclude(pk=job.pk).get()
    assert response.status_code == 302 and response["Location"].endswith(f"#job-{new.pk}")
    assert (new.kind, new.params, new.language, new.output_format) == (job.kind, job.params, "en", "csv")
    assert new.requested_by == staff_user and new.status == ReportStatus.SUCCEEDED
    job.refresh_from_db()
    assert job.status == ReportStatus.FAILED and job.error_detail == "trace"  # the old row keeps its reason


def test_an_expired_report_offers_a_retry_and_no_download(client, staff_user):
    HubFactory()
    job = services.report_job_request(user=staff_user, kind="network_recap")
    services.report_job_run(job_id=job.pk)
    ReportJob.objects.filter(pk=job.pk).update(file="", message="Berkas telah dihapus karena kedaluwarsa.")
    client.force_login(staff_user)
    row = client.get(reverse("reports:job_status", args=[job.pk])).content.decode()
    assert "Coba lagi" in row and "Unduh" not in row


def test_a_finished_report_with_its_file_is_not_retried(staff_user):
    HubFactory()
    job = services.report_job_request(user=staff_user, kind="network_recap")
    services.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    with pytest.raises(ValidationError):
        services.report_job_retry(job=job, user=staff_user)


def test_only_the_requester_and_staff_may_retry_and_staff_retry_for_the_requester(client):
    hub = HubFactory()
    member = HubMembershipFactory(role="admin", hub=hub).user
    job = failed_job(member, kind="hub_profile", output_format="pdf", hub=hub.pk)
    client.force_login(UserFactory(username="asing"))
    assert client.post(reverse("reports:job_retry", args=[job.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.report_job_retry(job=job, user=UserFactory(username="asing2"))
    staff = UserFactory(username="staf-lain", staff=True)
    new = services.report_job_retry(job=job, user=staff)
    assert new.requested_by == member  # made with the requester's view, in their list


def test_retry_is_refused_when_the_report_rule_no_longer_admits_the_requester(client):
    hub = HubFactory()
    membership = HubMembershipFactory(role="admin", hub=hub)
    job = failed_job(membership.user, kind="hub_profile", output_format="pdf", language="id", hub=hub.pk)
    membership.delete()
    client.force_login(membership.user)
    page = client.post(reverse("reports:job_retry", args=[job.pk]), follow=True).content.decode()
    assert "anggota hub" in page
    assert ReportJob.objects.count() == 1


def test_a_second_click_returns_the_waiting_retry(staff_user, django_capture_on_commit_callbacks):
    job = failed_job(staff_user)
    with django_capture_on_commit_callbacks(execute=False):
        first = services.report_job_retry(job=job, user=staff_user)
        second = services.report_job_retry(job=job, user=staff_user)
    assert first.pk == second.pk and ReportJob.objects.count() == 2


def test_no_download_button_once_the_requester_may_no_longer_download(client, django_capture_on_commit_callbacks):
    """The row asks the download view's own rule: a member who left the hub sees no button, and the API no URL."""
    hub = HubFactory()
    membership = HubMembershipFactory(role="admin", hub=hub)
    client.force_login(membership.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:job_create"), {"kind": "hub_profile", "hub": hub.pk, "language": "id"})
    job = ReportJob.objects.get()
    assert job.status == ReportStatus.SUCCEEDED
    assert "Unduh" in client.get(reverse("reports:job_status", args=[job.pk])).content.decode()
    membership.delete()
    row = client.get(reverse("reports:job_status", args=[job.pk])).content.decode()
    assert "Unduh" not in row
    assert client.get(reverse("reports:job_download", args=[job.pk])).status_code == 404
    assert client.get(f"/api/v1/reports/{job.pk}/").json()["download_url"] is None
