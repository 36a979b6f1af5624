"""Error pages and the API documentation as a browser shows them (screenshots: test-artifacts/shell/)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import horizontal_overflow, log_in, shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_hub_admin_denied_the_review_queue_sees_the_portals_page(page, portal):
    log_in(page, portal, portal.hub_admin)
    response = page.goto(portal.at("/innovations/review/"))
    assert response.status == 403
    expect(page.get_by_role("heading", name="Akses ditolak")).to_be_visible()
    expect(page.get_by_role("link", name="Ke beranda")).to_be_visible()
    shot(page, "shell", "403-review-queue")
    page.set_viewport_size({"width": 390, "height": 844})
    assert horizontal_overflow(page) <= 0
    shot(page, "shell", "403-review-queue-phone")


def test_missing_page_is_the_portals_404(page, portal):
    response = page.goto(portal.at("/tidak-ada/"))
    assert response.status == 404
    expect(page.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()
    shot(page, "shell", "404")


def test_api_docs_lead_back_to_the_portal(page, portal):
    page.goto(portal.at("/api/docs/"))
    page.wait_for_load_state("networkidle")
    shot(page, "shell", "api-docs")
    page.get_by_role("link", name="Kembali ke portal").click()
    page.wait_for_url(portal.at("/"))
