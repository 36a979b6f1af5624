"""axe-core (vendored) on the main pages: no serious or critical violations."""

import json

import pytest

from tests.e2e.conftest import axe_violations, log_in, shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(portal):
    from innovations.models import SDG, InnovationSDG
    from tests.factories.innovations import InnovationFactory

    innovation = InnovationFactory(
        institution=portal.perpusnas, title="Pojok Baca Digital", status="published", province_id="31"
    )
    InnovationSDG.objects.create(innovation=innovation, sdg=SDG.objects.get(number=4), relevance="Literasi")
    return innovation


@pytest.mark.parametrize(
    "name,path,as_admin",
    [
        ("home", "/", False),
        ("home-staff", "/", "staff"),
        ("hub-list", "/hubs/", False),
        ("hub-detail", "/hubs/perpusnas/", False),
        ("benchmark", "/hubs/benchmark/", False),
        ("innovation-list", "/innovations/", False),
        ("innovation-detail", None, False),
        ("innovation-form", "/innovations/new/", "admin"),
    ],
)
def test_no_serious_or_critical_axe_violations(page, portal, published, name, path, as_admin):
    if as_admin == "admin":
        log_in(page, portal, portal.hub_admin)
    elif as_admin == "staff":
        log_in(page, portal, portal.staff)
    page.goto(portal.at(path or published.get_absolute_url()))
    page.wait_for_load_state("networkidle")
    shot(page, "axe", name)
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)


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
