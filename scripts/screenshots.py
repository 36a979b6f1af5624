"""Full-page screenshots of the portal's main pages at 1366 and 390 px, in Indonesian and English.

    .venv/bin/python scripts/screenshots.py --base-url http://127.0.0.1:8000 --out test-artifacts/after \
        [--user NAME --password PASSWORD]

Signed out it photographs the public pages; with --user it signs in first and adds the pages that need
an account (the empty-submitted innovation form, the review queue, reports, imports). It saves
<out>/<lang>-<width>/<nn>-<page>.png and prints one row per page: its height in CSS pixels and whether
it scrolls sideways. It drives Debian's Chromium (CHROMIUM_PATH) through Playwright, against any
running server: nothing of Django is imported, so it can photograph an older checkout as well.
"""

import argparse
import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

# (name, path, needs an account). The innovation form is photographed after an empty "save".
PAGES = [
    ("home", "/", False),
    ("hub-list", "/hubs/", False),
    ("hub-detail", "/hubs/perpusnas/", False),
    ("benchmark", "/hubs/benchmark/", False),
    ("innovation-list", "/innovations/", False),
    ("innovation-form-empty-submitted", "/innovations/new/", True),
    ("story-list", "/stories/", False),
    ("story-list-province", "/stories/?province=31", False),
    ("tpbis", "/tpbis/", False),
    ("review-queue", "/innovations/review/", True),
    ("reports", "/reports/", True),
    ("imports", "/imports/", True),
    ("search", "/search/?q=Perpustakaan+Nasional", False),
    ("404", "/halaman-yang-tidak-ada/", False),
    ("api-docs", "/api/docs/", False),
]
WIDTHS = {
    1366: {"viewport": {"width": 1366, "height": 900}},
    390: {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
LANGS = ("id", "en")


def sign_in(page, base_url: str, user: str, password: str) -> None:
    page.goto(base_url + "/accounts/login/")
    page.fill("#id_username", user)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if "/accounts/login/" in page.url:
        sys.exit(f"could not sign in as {user}")


def photograph(context, base_url: str, folder: Path, width: int, signed_in: bool) -> list[tuple]:
    """Visit every page in one context; the rows (page, height, sideways overflow) of the table."""
    page = context.new_page()
    rows = []
    number = 0
    for name, path, needs_account in PAGES:
        if needs_account and not signed_in:
            continue
        number += 1
        page.goto(base_url + path)
        if name.startswith("innovation-form"):
            page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state("networkidle")
        height = page.evaluate("document.documentElement.scrollHeight")
        # Wider than the asked width, not than innerWidth: a phone lays out a page without a viewport
        # <meta> 980 px wide and shrinks it, which fits innerWidth but not the phone.
        overflow = page.evaluate("document.documentElement.scrollWidth") > width
        page.screenshot(path=str(folder / f"{number:02d}-{name}.png"), full_page=True)
        rows.append((name, height, overflow))
    page.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()
    base_url = args.base_url.rstrip("/")
    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

    print("page\tlang\twidth\theight_px\thorizontal_overflow")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for lang in LANGS:
            for width, options in WIDTHS.items():
                # The language is the one the header's buttons set: Django's language cookie.
                context = browser.new_context(locale="id-ID", **options)
                context.add_cookies([{"name": "django_language", "value": lang, "url": base_url}])
                if args.user:
                    sign_in(context.new_page(), base_url, args.user, args.password or "")
                folder = args.out / f"{lang}-{width}"
                folder.mkdir(parents=True, exist_ok=True)
                for name, height, overflow in photograph(context, base_url, folder, width, bool(args.user)):
                    print(f"{name}\t{lang}\t{width}\t{height}\t{'yes' if overflow else 'no'}", flush=True)
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
