"""The signed-in header from 992 px (Bootstrap's lg, where the full navigation row starts) to 1200 px,
where the row is tightest, keeps one row with a usable search box, and signing out stays reachable,
in both languages; the account menu works with the keyboard. The journeys (test_user_journeys.py)
check the header at 1366 and 390 px.

Screenshots: test-artifacts/header/<user>-<lang>-<width>.png (and -menu-open once the account menu is open).
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LONG_NAME, WORDS, horizontal_overflow, log_in, shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Staff have the longest header (the review queue too); a hub admin's is checked at one width.
CASES = [("staff", width, lang) for width in (992, 1024, 1200) for lang in ("id", "en")] + [("hub_admin", 1024, "id")]


@pytest.mark.parametrize(("who", "width", "lang"), CASES)
def test_signed_in_header_fits_and_sign_out_is_reachable(page, portal, who, width, lang):
    user = getattr(portal, who)
    user.first_name, user.last_name = LONG_NAME
    user.save(update_fields=["first_name", "last_name"])
    log_in(page, portal, user)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(portal.at("/innovations/"))
    if lang != "id":
        page.locator(f".lang-switch button[value={lang}]").click()
        page.wait_for_load_state()
        expect(page.locator("html")).to_have_attribute("lang", lang)
    page.wait_for_load_state("networkidle")
    shot(page, "header", f"{who}-{lang}-{width}")
    assert horizontal_overflow(page) == 0, f"the page scrolls sideways at {width} px"
    # One line of navigation: the header is no taller than a single navbar row.
    height = page.locator(".portal-header").bounding_box()["height"]
    assert height <= 72, f"the header wraps at {width} px ({height} px tall)"
    search = page.locator("form.header-search").get_by_role("searchbox")
    expect(search).to_be_visible()
    assert search.bounding_box()["width"] >= 90, "the search box is too narrow to type in"

    account = page.get_by_role("button", name=LONG_NAME[0], exact=False)
    account.click()
    expect(account).to_have_attribute("aria-expanded", "true")
    sign_out = page.get_by_role("button", name=WORDS[lang]["sign_out"], exact=True)
    expect(sign_out).to_be_visible()
    shot(page, "header", f"{who}-{lang}-{width}-menu-open")
    assert horizontal_overflow(page) == 0, f"the open menu scrolls sideways at {width} px"
    box = sign_out.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"sign-out is off-screen at {width} px"
    sign_out.click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name=WORDS[lang]["sign_in"], exact=True)).to_be_visible()


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
