"""The three people of the portal, each journey written once and walked at 1366 and 390 px, in
Indonesian and English: ministry staff, a hub admin, and the public (signed out).

Every page a journey visits goes through `Tour.visit`: no sideways scrolling, no serious or critical
axe violation (WCAG 2.0 A/AA, 2.1 AA), a screenshot in test-artifacts/<journey>/<lang>-<width>/.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LONG_NAME, VIEWPORTS, Tour, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGS = pytest.mark.parametrize("lang", ["id", "en"])
WIDTHS = pytest.mark.parametrize("width", list(VIEWPORTS))


@pytest.fixture
def world(portal):
    """The portal's reference data plus what the journeys meet: Perpusnas's published innovation and
    story (the hub page and the lists show them) and one innovation and one story awaiting review."""
    from hubs.models import Province
    from innovations.models import SDG, InnovationSDG
    from tests.factories.innovations import InnovationFactory
    from tests.factories.stories import ImpactStoryFactory, ProgrammeFactory

    for user in (portal.staff, portal.hub_admin):
        user.first_name, user.last_name = LONG_NAME
        user.save(update_fields=["first_name", "last_name"])
    sdg = SDG.objects.get(number=4)
    published = InnovationFactory(
        institution=portal.perpusnas, title="Pojok Baca Digital", status="published", province_id="31"
    )
    submitted = InnovationFactory(institution=portal.perpusnas, title="Layanan Antar Buku Lansia", status="submitted")
    for innovation in (published, submitted):
        InnovationSDG.objects.create(innovation=innovation, sdg=sdg, relevance="Literasi")
    programme = ProgrammeFactory(tpbis=True)
    jakarta = Province.objects.get(pk="31")
    story = ImpactStoryFactory(
        programme=programme,
        title="Beternak ayam setelah pelatihan",
        province=jakarta,
        story_date=datetime.date(2024, 6, 1),
    )
    waiting = ImpactStoryFactory(
        programme=programme, title="Menjahit untuk koperasi desa", province=jakarta, status="submitted"
    )
    return {"innovation": published, "submitted": submitted, "story": story, "waiting_story": waiting}


def _review(tour, path, name):
    """Publish a record from its review page (the decision radios are labelled buttons)."""
    page = tour.page
    tour.go(path, name)
    page.locator("input[name=action][value=publish] + label").click()
    page.locator("form[data-confirm-choice] button[type=submit]").click()
    page.wait_for_load_state()


@LANGS
@WIDTHS
def test_ministry_staff(tour_page, portal, world, lang, width):
    """Staff browse the hubs, compare them, review an innovation and a story from the queue, read
    their reports, and sign out."""
    tour = Tour(tour_page, portal, "staff", lang, width)
    page = tour.page
    page.goto(portal.at("/accounts/login/"))
    tour.switch_language()
    tour.visit("login")
    log_in(page, portal, portal.staff)
    tour.go("/", "home")
    tour.go("/hubs/", "hub-list")
    tour.go("/hubs/benchmark/", "benchmark")
    tour.go("/innovations/review/", "review-queue")
    queue = page.locator("main")
    expect(queue).to_contain_text(world["submitted"].title)
    expect(queue).to_contain_text(world["waiting_story"].title)

    _review(tour, f"/innovations/{world['submitted'].slug}/review/", "innovation-review")
    world["submitted"].refresh_from_db()
    assert world["submitted"].status == "published"
    _review(tour, f"/stories/{world['waiting_story'].slug}/review/", "story-review")
    world["waiting_story"].refresh_from_db()
    assert world["waiting_story"].status == "published"

    tour.go("/reports/", "reports")
    tour.sign_out()
    tour.done()


# What the hub admin types into the innovation form, by field: the fields an empty draft is refused for.
INNOVATION = {
    "title": "Pojok Baca Keliling Desa",
    "ringkasan": "Layanan pojok baca digital keliling untuk warga desa yang jauh dari perpustakaan.",
}


def _fill(page, values: dict) -> None:
    for name, value in values.items():
        field = page.locator(f"#id_{name}")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


@LANGS
@WIDTHS
def test_hub_admin(tour_page, portal, world, lang, width):
    """A hub admin submits an innovation (the empty form's errors come in one round; a reload makes no
    second draft), submits a story with the beneficiary's consent, previews an import, finds it all
    under 'Kiriman saya', meets the portal's 403 page, and signs out."""
    from innovations.models import Innovation
    from stories.models import ImpactStory
    from tests.imports.helpers import xlsx_bytes

    tour = Tour(tour_page, portal, "hub-admin", lang, width)
    page = tour.page
    log_in(page, portal, portal.hub_admin)
    tour.switch_language()

    # One round of errors: an empty draft names every field it needs at once; fixing those saves it.
    tour.go("/innovations/new/", "innovation-form")
    page.locator("main form button[name=save]").last.click()
    page.wait_for_load_state()
    refused = sorted(page.locator("main form [aria-invalid=true]").evaluate_all("els => els.map(e => e.name)"))
    assert refused, "the empty form was accepted"
    tour.visit("innovation-form-errors")
    values = {"institution": str(portal.perpusnas.pk), **INNOVATION}
    assert set(refused) <= set(values), f"errors for fields the journey does not know: {refused}"
    _fill(page, {name: values[name] for name in refused})
    page.locator("main form button[name=save]").last.click()
    page.wait_for_url(re.compile(r"/innovations/pojok-baca-keliling-desa[^/]*/$"))
    tour.visit("innovation-draft")
    # The saved draft's page reloads without posting the form again.
    page.reload()
    page.wait_for_load_state()
    assert Innovation.objects.filter(title=INNOVATION["title"]).count() == 1

    # A story naming its beneficiary, with the consent to publish the name and its date.
    tour.go("/stories/new/", "story-form")
    hub = page.locator("#id_hub")
    if hub.count():
        hub.select_option(str(portal.perpusnas.pk))
    _fill(
        page,
        {
            "programme": str(world["story"].programme_id),
            "title": "Membuka warung setelah kelas literasi",
            "library_name": "Perpustakaan Desa Sukamaju",
            "library_level": "desa",
            "province": "31",
            "activity_type": str(world["story"].activity_type_id),
            "beneficiary_name": "Rina Marlina",
            "people_reached": "12",
            "narrative_before": "Belum punya usaha sendiri.",
            "narrative_after": "Warung kecil berjalan dan tercatat rapi.",
            "story_date": "2024-06-01",
            "consent_date": datetime.date.today().isoformat(),
        },
    )
    page.locator("#id_consent_name_public").check()
    page.locator("main form button[type=submit].btn-primary").click()
    page.wait_for_url(re.compile(r"/stories/membuka-warung[^/]*/$"))
    tour.visit("story-draft")
    page.locator("form[action$='/submit/'] button[type=submit]").click()
    page.wait_for_load_state()
    story = ImpactStory.objects.get(title="Membuka warung setelah kelas literasi")
    assert story.status == "submitted" and story.consent_name_public

    # An import is previewed before anything changes.
    tour.go("/imports/", "import-home")
    page.locator("#id_kind").select_option("innovations")
    rows = [
        ["Hub (kode)", "Instansi (kode)", "Judul", "Ringkasan", "Tahapan", "Jenis", "Mulai diterapkan"],
        ["perpusnas", "perpusnas", "Kelas Menulis Warga", "Kelas menulis.", "penerapan", "digital", "2022-01-15"],
    ]
    page.set_input_files(
        "#id_file",
        files=[{"name": "inovasi.xlsx", "mimeType": "application/octet-stream", "buffer": xlsx_bytes(rows)}],
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/imports/\d+/$"))
    expect(page.locator("[data-count=created]")).to_have_text("1")
    tour.visit("import-preview")
    assert not Innovation.objects.filter(title="Kelas Menulis Warga").exists()

    tour.go("/hubs/submissions/", "submissions")
    main = page.locator("main")
    expect(main).to_contain_text(INNOVATION["title"])
    expect(main).to_contain_text("Membuka warung setelah kelas literasi")

    # The review queue is not theirs: the portal's own 403 page, in its layout.
    response = tour.go("/innovations/review/", "403")
    assert response.status == 403
    expect(page.locator("header.portal-header")).to_be_visible()
    expect(page.locator("footer")).to_be_attached()

    tour.sign_out()
    tour.done()


@LANGS
@WIDTHS
def test_public(tour_page, portal, world, lang, width):
    """A visitor reads the home page, the hubs, Perpusnas's hub page (its innovations and stories),
    the innovations, the stories filtered by province (the year stays 'all years'), the TPBIS
    programme, and meets the portal's 404 page."""
    tour = Tour(tour_page, portal, "public", lang, width)
    page = tour.page
    page.goto(portal.at("/"))
    tour.switch_language()
    tour.visit("home")
    tour.go("/hubs/", "hub-list")

    tour.go("/hubs/perpusnas/", "hub-detail")
    main = page.locator("main")
    expect(main.get_by_role("link", name=world["innovation"].title)).to_be_visible()
    expect(main.get_by_role("link", name=world["story"].title)).to_be_visible()

    tour.go("/innovations/", "innovation-list")
    expect(page.locator("main").get_by_role("link", name=world["innovation"].title)).to_be_visible()

    tour.go("/stories/", "story-list")
    panel = page.locator("details[data-fold-on-phone]")
    # On a phone the filters start folded, so the first screen shows stories rather than the form;
    # from 992 px they are open. Set filters keep the panel open (checked after applying below).
    assert panel.evaluate("d => d.open") is (width != 390)
    if width == 390:
        panel.locator("summary").click()
    page.locator("#id_province").select_option("31")
    page.get_by_role("button", name=tour.words["apply"], exact=True).click()
    page.wait_for_url(re.compile(r"province=31"))
    year = page.locator("#id_year")
    expect(year).to_have_value("")
    assert panel.evaluate("d => d.open"), "a set filter keeps the filter panel open"
    assert year.evaluate("e => e.options[e.selectedIndex].text") == tour.words["all"]
    expect(page.locator("main").get_by_role("link", name=world["story"].title)).to_be_visible()
    tour.visit("story-list-province")

    tour.go("/tpbis/", "tpbis")
    response = tour.go("/tidak-ada/", "404")
    assert response.status == 404
    expect(page.locator("header.portal-header")).to_be_visible()
    expect(page.locator("footer")).to_be_attached()
    tour.done()
