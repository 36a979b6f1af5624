"""The header's search box finds a hub by name from a phone and a desktop, and the grouped results
page has no serious or critical axe violation (test_header.py checks that the box fits the header).

Screenshots: test-artifacts/search/<who>-<width>.png.
"""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, horizontal_overflow, shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(portal):
    from tests.factories.innovations import InnovationFactory

    return InnovationFactory(institution=portal.perpusnas, title="Pojok Baca Digital", status="published")


def _open_menu_if_collapsed(page):
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
        expect(page.locator("#main-nav")).to_have_class(re.compile(r"\bcollapse\b.*\bshow\b"))


@pytest.mark.parametrize("width", [1366, 390])
def test_a_hub_name_typed_in_the_header_shows_grouped_results(page, portal, published, width):
    page.set_viewport_size({"width": width, "height": 844 if width < 992 else 800})
    page.goto(portal.at("/"))
    _open_menu_if_collapsed(page)
    box = page.get_by_role("search", name="Cari di seluruh registri").get_by_role("searchbox")
    expect(box).to_have_attribute("placeholder", "Cari hub, inovasi, kisah…")
    assert horizontal_overflow(page) == 0, f"the open menu scrolls sideways at {width} px"
    box.fill("Perpustakaan Nasional")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Perpustakaan\+Nasional"))
    page.wait_for_load_state("networkidle")
    shot(page, "search", f"results-{width}")
    hubs = page.locator("#search-hubs")
    expect(hubs.get_by_role("heading", name=re.compile(r"^Hub"))).to_be_visible()
    expect(hubs.get_by_role("link", name=re.compile("Perpustakaan Nasional"))).to_be_visible()
    # The hub's innovation is found by the hub's name, in its own group.
    expect(page.locator("#search-innovations").get_by_role("link", name="Pojok Baca Digital")).to_be_visible()
    for kind in ("stories", "replications"):
        expect(page.locator(f"#search-{kind} h2")).to_be_visible()
    assert horizontal_overflow(page) == 0, f"the results scroll sideways at {width} px"
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)
