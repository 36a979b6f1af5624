"""A wide table on a phone is reachable with the keyboard (axe's scrollable-region-focusable). The axe
check of every page the journeys visit is in test_user_journeys.py."""

import pytest

from tests.e2e.conftest import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_table_wider_than_a_phone_scrolls_with_the_keyboard(page, portal):
    """On a 390 px phone the benchmark's wide table is a named, focusable region (axe: scrollable
    regions must be keyboard reachable); on a wide screen where it fits, it is not a tab stop."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(portal.at("/hubs/benchmark/"))
    page.wait_for_load_state("networkidle")
    box = page.locator(".table-responsive").first
    page.wait_for_selector(".table-responsive[data-scroll-region]", timeout=5000)
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")
    assert box.get_attribute("tabindex") == "0"
    assert box.get_attribute("role") == "region" and box.get_attribute("aria-label")
    box.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # Scrolling may be animated: wait for it rather than read it at once.
    page.wait_for_function("() => document.querySelector('.table-responsive').scrollLeft > 0", timeout=5000)
    assert [v for v in axe_violations(page) if v["id"] == "scrollable-region-focusable"] == []
