"""The browser suite: Playwright drives Debian's Chromium against pytest-django's live_server.

Run with `make test-e2e` (pytest tests/e2e -m e2e); the plain `make test` deselects the e2e marker
(see pyproject.toml). In CI it runs against PostgreSQL (DATABASE_URL). Screenshots of each journey
are saved under test-artifacts/ (gitignored; CI keeps them as artefacts).
"""

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.factories.hubs import PASSWORD

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread
# with a running loop unless told that this is safe (it is: the test and the loop never overlap).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(django_settings.BASE_DIR) / "test-artifacts"
AXE = Path(django_settings.BASE_DIR) / "static" / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium (Playwright's own download does not work offline), no sandbox (root in CI)."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The portal's default language is Indonesian; the browser asks for it like a visitor in Indonesia.
    return {**browser_context_args, "locale": "id-ID", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(autouse=True)
def _isolated(isolated_files, eager_celery):
    """Uploads and reports go to this test's folder (a real worker started by `report_worker` gets the
    same reports folder through DJANGO_REPORTS_ROOT); Celery runs eagerly; the cache starts empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@dataclass
class Portal:
    """The seeded registry as a person meets it: the live server's URL and users who can log in."""

    url: str
    staff: object
    hub_admin: object  # admin of Perpusnas's hub
    perpusnas: object

    def at(self, path: str) -> str:
        return self.url + path


@pytest.fixture
def portal(live_server, transactional_db):
    """seed_reference (regions, cohorts, hubs, SDGs, categories, TPBIS) plus a staff user and a hub admin."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from hubs.models import HubMembership, Institution
    from jipp.choices import MembershipRole
    from jipp.permissions import MINISTRY_STAFF_GROUP

    call_command("seed_reference", stdout=open(os.devnull, "w"))  # noqa: SIM115
    user_model = get_user_model()
    staff = user_model.objects.create_user("staf-e2e", password=PASSWORD, first_name="Staf")
    staff.groups.add(Group.objects.get_or_create(name=MINISTRY_STAFF_GROUP)[0])
    perpusnas = Institution.objects.get(slug="perpusnas")
    admin = user_model.objects.create_user("admin-perpusnas-e2e", password=PASSWORD, first_name="Admin")
    HubMembership.objects.create(user=admin, hub=perpusnas, role=MembershipRole.ADMIN)
    return Portal(url=live_server.url, staff=staff, hub_admin=admin, perpusnas=perpusnas)


def shot(page, journey: str, name: str) -> Path:
    """Save a full-page screenshot as test-artifacts/<journey>/<name>.png."""
    path = ARTIFACTS / journey / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path


def log_in(page, portal: Portal, user) -> None:
    page.goto(portal.at("/accounts/login/"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, "login failed"


def log_out(page) -> None:
    page.context.clear_cookies()


def axe_violations(page, levels=("serious", "critical"), tags=None) -> list[dict]:
    """Run the vendored axe-core on the current page (only the rules of `tags` if given); the
    violations of the given impact levels, each with the selectors of its first nodes."""
    # By URL, not inline: the Content-Security-Policy (script-src 'self') blocks injected inline scripts.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    options = {"resultTypes": ["violations"]}
    if tags:
        options["runOnly"] = {"type": "tag", "values": list(tags)}
    result = page.evaluate("async (options) => await axe.run(document, options)", options)
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in levels
    ]


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 means no horizontal scrolling).

    clientWidth, not innerWidth: a mobile browser widens its layout viewport (innerWidth) to content
    that overflows, so innerWidth would grow with the very overflow being looked for."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def slug_from(url: str) -> str:
    return re.search(r"/innovations/([^/]+)/", url).group(1)


@pytest.fixture
def report_worker(portal, tmp_path):
    """A real `celery -A jipp worker` on the test database, when it can see it; else None (eager mode).

    It needs PostgreSQL (a worker process cannot see SQLite's in-memory test database) and
    CELERY_BROKER_URL pointing at a Redis: CI's browser step sets both. The live server then enqueues
    for real, so the report page shows the job queued and running before it finishes.
    """
    from django.db import connection

    from jipp.celery_app import app

    broker = os.environ.get("CELERY_BROKER_URL")
    if not broker or connection.vendor != "postgresql":
        yield None
        return
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    database_url = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    app.conf.task_always_eager = False  # `_isolated` restores it
    app.control.purge()  # messages left by earlier runs would refer to other databases
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jipp.settings.test",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker,
        "DJANGO_REPORTS_ROOT": str(tmp_path / "reports"),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_CONN_MAX_AGE": "0",
    }
    command = [
        sys.executable, "-m", "celery", "-A", "jipp", "worker", "--pool=solo", "--loglevel=INFO",
        "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"e2e-{uuid.uuid4().hex[:8]}@%h",
    ]  # fmt: skip
    with open(log, "wb") as fh:
        proc = subprocess.Popen(  # noqa: S603
            command, cwd=django_settings.BASE_DIR, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True
        )
    deadline = time.monotonic() + 60
    while b" ready." not in log.read_bytes():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("the Celery worker did not start:\n" + log.read_text(errors="replace")[-3000:])
        time.sleep(0.2)
    yield proc
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    app.control.purge()


# The journeys' matrix: a laptop and a phone (touch, mobile viewport), each in both languages.
VIEWPORTS = {
    1366: {"viewport": {"width": 1366, "height": 900}},
    390: {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]
# Real accounts have long names: the account menu's button must not widen the header with them.
LONG_NAME = ("Fransiska Ayu", "Kusumawardhani Simanjuntak")
# The few words a journey looks for, as each catalogue says them.
WORDS = {
    "id": {"sign_out": "Keluar", "sign_in": "Masuk", "all": "Semua", "apply": "Terapkan"},
    "en": {"sign_out": "Log out", "sign_in": "Log in", "all": "All", "apply": "Apply"},
}


class Tour:
    """One journey in one language at one width: `visit` checks each page the same way.

    Layout and accessibility problems are collected rather than raised, so a journey walks (and
    photographs) every page; `done()` fails the test with all of them at once. What the journey
    itself does (a form, a filter, a review) is asserted at once, as a person would notice it.
    """

    def __init__(self, page, portal, journey, lang, width):
        self.page, self.portal, self.journey, self.lang, self.width = page, portal, journey, lang, width
        self.words = WORDS[lang]
        self.problems: list[str] = []
        self.count = 0

    @property
    def folder(self) -> Path:
        return ARTIFACTS / self.journey / f"{self.lang}-{self.width}"

    def go(self, path: str, name: str):
        response = self.page.goto(self.portal.at(path))
        self.visit(name)
        return response

    def visit(self, name: str) -> None:
        """No sideways scrolling, no serious or critical axe violation, and a full-page screenshot."""
        page = self.page
        page.wait_for_load_state("networkidle")
        self.count += 1
        where = f"{name} ({page.url})"
        lang = page.evaluate("document.documentElement.lang")
        if lang != self.lang:
            self.problems.append(f"{where}: html lang is {lang!r}, not {self.lang!r}")
        wider = horizontal_overflow(page)
        if wider > 0:
            culprits = page.evaluate(
                """() => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                        && (!e.closest('.table-responsive') || getComputedStyle(e).position === 'absolute'))
                    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                        + (typeof e.className === 'string' && e.className.trim()
                           ? '.' + e.className.trim().split(/\\s+/).join('.') : ''))"""
            )
            self.problems.append(f"{where}: scrolls sideways by {wider} px; widest: {culprits}")
        for v in axe_violations(page, tags=AXE_TAGS):
            self.problems.append(f"{where}: axe {v['id']} ({v['impact']}): {v['help']} at {v['nodes']}")
        self.folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(self.folder / f"{self.count:02d}-{name}.png"), full_page=True)

    def open_menu(self) -> None:
        """On a phone, open the collapsed navigation (the language buttons and account menu are in it)."""
        from playwright.sync_api import expect

        toggler = self.page.locator(".navbar-toggler")
        if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
            toggler.click()
            # Bootstrap animates the collapse: wait until it has settled open.
            expect(self.page.locator("#main-nav")).to_have_class(re.compile(r"\bcollapse\b.*\bshow\b"))

    def switch_language(self) -> None:
        """Choose the tour's language with the header's buttons (Indonesian is the default)."""
        if self.page.evaluate("document.documentElement.lang") == self.lang:
            return
        self.open_menu()
        self.page.locator(f".lang-switch button[value={self.lang}]").click()
        self.page.wait_for_load_state()

    def sign_out(self) -> None:
        """Sign-out is reachable at this width (through the collapsed menu and the account menu) and works."""
        from playwright.sync_api import expect

        page = self.page
        self.open_menu()
        page.locator("#account-menu-button").click()
        button = page.get_by_role("button", name=self.words["sign_out"], exact=True)
        expect(button).to_be_visible()
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= self.width, f"sign-out is off-screen at {self.width} px"
        self.visit("account-menu-open")
        button.click()
        page.wait_for_load_state()
        self.open_menu()
        expect(page.get_by_role("link", name=self.words["sign_in"], exact=True)).to_be_visible()

    def done(self) -> None:
        assert not self.problems, f"{len(self.problems)} problem(s):\n" + "\n".join(self.problems)


@pytest.fixture
def tour_page(browser, request):
    """A fresh browser context at the test's width (`width` parameter), Indonesian as the browser asks."""
    width = request.node.callspec.params["width"]
    context = browser.new_context(locale="id-ID", **VIEWPORTS[width])
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
