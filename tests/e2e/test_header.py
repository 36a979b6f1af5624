"""The signed-in header at a small laptop's width (1024 px, where the full navigation row is tightest)
keeps one row and signing out reachable; the account menu works with the keyboard. The journeys
(test_user_journeys.py) check the header at 1366 and 390 px.

Screenshots: test-artifacts/header/<user>-<width>.png (and -menu-open when the account menu was opened).
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LONG_NAME, log_in, shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTH = 1024


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("who", ["staff", "hub_admin"])
def test_signed_in_header_fits_and_sign_out_is_reachable(page, portal, who):
    user = getattr(portal, who)
    user.first_name, user.last_name = LONG_NAME
    user.save(update_fields=["first_name", "last_name"])
    log_in(page, portal, user)
    page.set_viewport_size({"width": WIDTH, "height": 800})
    page.goto(portal.at("/innovations/"))
    page.wait_for_load_state("networkidle")
    shot(page, "header", f"{who}-{WIDTH}")
    assert no_horizontal_scroll(page), f"the page scrolls sideways at {WIDTH} px"
    # One line of navigation: the header is no taller than a single navbar row.
    height = page.locator(".portal-header").bounding_box()["height"]
    assert height <= 72, f"the header wraps at {WIDTH} px ({height} px tall)"

    account = page.get_by_role("button", name=LONG_NAME[0], exact=False)
    account.click()
    expect(account).to_have_attribute("aria-expanded", "true")
    sign_out = page.get_by_role("button", name="Keluar", exact=True)
    expect(sign_out).to_be_visible()
    shot(page, "header", f"{who}-{WIDTH}-menu-open")
    assert no_horizontal_scroll(page), f"the open menu scrolls sideways at {WIDTH} px"
    box = sign_out.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, f"sign-out is off-screen at {WIDTH} px"
    sign_out.click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Masuk", exact=True)).to_be_visible()


def test_account_menu_works_with_the_keyboard(page, portal):
    """Tab to the account menu, open it with Enter, arrow down to its items, Escape closes it."""
    portal.staff.first_name, portal.staff.last_name = LONG_NAME
    portal.staff.save(update_fields=["first_name", "last_name"])
    log_in(page, portal, portal.staff)
    page.set_viewport_size({"width": 1024, "height": 800})
    page.goto(portal.at("/"))
    account = page.get_by_role("button", name=LONG_NAME[0], exact=False)
    account.focus()
    # The focus ring on the dark header is a solid 3 px outline, not a faint glow.
    style = account.evaluate("e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]")
    assert style == ["solid", "3px"], style
    page.keyboard.press("Enter")
    expect(account).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Kiriman saya"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Laporan saya"
    shot(page, "header", "keyboard-menu-open")
    page.keyboard.press("Escape")
    expect(account).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("link", name="Log keamanan")).to_be_hidden()
