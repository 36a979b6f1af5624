"""Who a report is for: a public-facing report is the public's view whoever asks; an internal one says so."""

import pytest

from reports import services
from tests.factories.hubs import HubFactory, HubMembershipFactory
from tests.factories.innovations import InnovationFactory
from tests.factories.stories import ImpactStoryFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def run(user, kind, **params):
    job = services.report_job_request(user=user, kind=kind, params=params)
    assert services.report_job_run(job_id=job.pk) == "succeeded"
    job.refresh_from_db()
    return job


def test_tpbis_report_made_by_staff_holds_no_draft_story(pdftotext, staff_user):
    """The programme report is handed on: a draft's title and people never reach it, even for staff."""
    programme = ProgrammeFactory(name="Program Publik")
    ImpactStoryFactory(programme=programme, title="Kisah terbit", people_reached=5)
    for status in ("draft", "submitted"):
        ImpactStoryFactory(programme=programme, title=f"Kisah {status} rahasia", status=status, people_reached=1000)
    text = pdftotext(run(staff_user, "tpbis_impact", programme=programme.pk).file)
    assert "Kisah terbit" in text
    assert "rahasia" not in text
    assert "1.005" not in text and "2.005" not in text  # the drafts' people are not counted
    assert "Internal" not in text


def test_tpbis_report_names_people_as_the_public_sees_them(pdftotext, staff_user):
    """Staff may read a beneficiary's name in the portal; the handed-on report gives initials without consent."""
    programme = ProgrammeFactory(name="Program Nama")
    ImpactStoryFactory(programme=programme, beneficiary_name="Rahasia Sekali", consent_name_public=False)
    text = pdftotext(run(staff_user, "tpbis_impact", programme=programme.pk).file)
    assert "Rahasia Sekali" not in text and "R. S." in text


def test_hub_profile_is_labelled_internal_on_every_page(pdftotext):
    hub = HubFactory(name="Hub Internal")
    admin = HubMembershipFactory(role="admin", hub=hub).user
    InnovationFactory(institution=hub, title="Draf milik hub", status="draft")
    text = pdftotext(run(admin, "hub_profile", hub=hub.pk).file)
    assert "Draf milik hub" in text  # its members follow their own drafts
    assert text.count("Internal: dapat memuat draf") >= 2  # the page header and the notice


def test_innovation_profile_of_a_draft_is_labelled_internal_and_a_published_one_is_not(pdftotext):
    hub = HubFactory()
    admin = HubMembershipFactory(role="admin", hub=hub).user
    draft = InnovationFactory(institution=hub, title="Inovasi draf", status="draft")
    published = InnovationFactory(institution=hub, title="Inovasi terbit", status="published")
    assert "Internal: draf, belum terbit" in pdftotext(run(admin, "innovation_profile", innovation=draft.pk).file)
    assert "Internal" not in pdftotext(run(admin, "innovation_profile", innovation=published.pk).file)
