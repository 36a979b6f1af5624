"""The "Buat laporan" form: only the chosen kind's fields, a hub by name, errors next to the field."""

import pytest
from django.urls import reverse

from reports.models import ReportJob
from tests.factories.hubs import HubFactory, HubMembershipFactory
from tests.factories.innovations import InnovationFactory

pytestmark = pytest.mark.django_db


def page(client, query=""):
    return client.get(reverse("reports:job_create") + query).content.decode()


def test_each_kind_shows_only_its_own_fields(client, staff_user):
    client.force_login(staff_user)
    recap = page(client, "?kind=network_recap")
    assert 'name="hub"' not in recap and 'name="innovation"' not in recap and 'name="programme"' not in recap
    profile = page(client, "?kind=hub_profile")
    assert 'name="hub"' in profile and 'name="innovation"' not in profile and 'name="programme"' not in profile
    impact = page(client, "?kind=tpbis_impact")
    assert 'name="programme"' in impact and 'name="hub"' not in impact
    assert 'value="xlsx"' not in impact  # the impact report is a PDF only


def test_a_hub_is_chosen_by_name_among_the_hubs_the_user_may_report_on(client):
    mine = HubFactory(name="Hub Milikku")
    HubFactory(name="Hub Orang Lain")
    member = HubMembershipFactory(role="editor", hub=mine).user
    client.force_login(member)
    html = page(client, "?kind=hub_profile")
    assert f'<option value="{mine.pk}">Hub Milikku</option>' in html
    assert "Hub Orang Lain" not in html
    assert 'type="number"' not in html  # no raw id to type


def test_the_kind_selector_works_without_javascript_and_swaps_with_htmx(client, staff_user):
    client.force_login(staff_user)
    html = page(client, "?kind=innovation_profile")
    assert '<form method="get"' in html and "<noscript>" in html
    assert 'hx-get="/' in html and 'hx-select="#report-form"' in html
    assert '<option value="innovation_profile" selected>' in html


def test_missing_field_is_an_error_next_to_it_and_the_typed_values_stay(client, staff_user):
    client.force_login(staff_user)
    response = client.post(reverse("reports:job_create"), {"kind": "hub_profile", "language": "en"})
    html = response.content.decode()
    assert response.status_code == 200 and not ReportJob.objects.exists()
    assert 'id="hub-error"' in html and 'aria-invalid="true"' in html
    assert '<option value="en" selected>' in html  # the language chosen is kept


def test_a_member_picks_an_innovation_they_may_see(client, django_capture_on_commit_callbacks):
    hub = HubFactory()
    member = HubMembershipFactory(role="admin", hub=hub).user
    own_draft = InnovationFactory(institution=hub, title="Draf sendiri", status="draft")
    InnovationFactory(title="Draf hub lain", status="draft")
    client.force_login(member)
    html = page(client, "?kind=innovation_profile")
    assert "Draf sendiri" in html and "Draf hub lain" not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:job_create"),
            {"kind": "innovation_profile", "innovation": own_draft.pk, "language": "id", "output_format": "pdf"},
        )
    assert response.status_code == 302
    assert ReportJob.objects.get().params == {"innovation": own_draft.pk}
