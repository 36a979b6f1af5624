"""The API documentation as a browser shows it (screenshots: test-artifacts/shell/). The 403 and 404
pages are met by the journeys (test_user_journeys.py)."""

import pytest

from tests.e2e.conftest import shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_api_docs_lead_back_to_the_portal(page, portal):
    page.goto(portal.at("/api/docs/"))
    page.wait_for_load_state("networkidle")
    shot(page, "shell", "api-docs")
    page.get_by_role("link", name="Kembali ke portal").click()
    page.wait_for_url(portal.at("/"))
