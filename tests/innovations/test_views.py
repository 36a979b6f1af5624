"""Pages of innovations beyond the permission matrix: badges, errors next to fields, history visibility."""

import datetime

from django.urls import reverse

from innovations.models import Innovation, ReviewEvent
from tests.factories.innovations import InnovationFactory, eligible
from tests.innovations.helpers import innovation_form_data


def test_unverified_badge(client, world):
    """An innovation not verified in the last 12 months shows the badge; a recently verified one does not."""
    today = datetime.date.today()
    stale = eligible(
        institution=world.hub_a, hub=world.hub_a, status="published", last_verified_on=today - datetime.timedelta(400)
    )
    fresh = eligible(
        institution=world.hub_a, hub=world.hub_a, status="published", last_verified_on=today - datetime.timedelta(30)
    )
    assert "Belum diverifikasi 12 bulan" in client.get(stale.get_absolute_url()).content.decode()
    assert "Belum diverifikasi 12 bulan" not in client.get(fresh.get_absolute_url()).content.decode()


def test_unverified_badge_follows_publication_when_never_verified(world):
    """Never verified: published two years ago shows the badge, published yesterday does not; a draft
    never does (it is not on the public record), however old."""
    from django.utils import timezone

    from innovations.selectors.innovation import innovations_visible_to

    now = timezone.now()
    old = InnovationFactory(hub=world.hub_a, status="published", published_at=now - datetime.timedelta(days=730))
    new = InnovationFactory(hub=world.hub_a, status="published", published_at=now - datetime.timedelta(days=1))
    draft = InnovationFactory(hub=world.hub_a, status="draft", created_at=now - datetime.timedelta(days=730))
    stale = dict(innovations_visible_to(world.staff).values_list("pk", "verification_stale"))
    assert (stale[old.pk], stale[new.pk], stale[draft.pk]) == (True, False, False)


def test_unverified_badge_is_explained_on_the_page(client, world):
    """The badge's meaning is in the page's text (not only a tooltip), with what the hub can do."""
    old = InnovationFactory(
        hub=world.hub_a, status="published", published_at=datetime.datetime(2020, 3, 1, tzinfo=datetime.UTC)
    )
    page = client.get(old.get_absolute_url()).content.decode()
    assert "diterbitkan pada 1 Maret 2020" in page and "terakhir diverifikasi" in page
    assert 'class="visually-hidden">: Terbit, tetapi tidak diverifikasi ulang' in page


def test_detail_shows_aspects_and_sdgs(client, world):
    innovation = eligible(institution=world.hub_a, hub=world.hub_a, status="published")
    page = client.get(innovation.get_absolute_url()).content.decode()
    assert innovation.kebaruan in page and innovation.strategi_keberlanjutan in page
    assert "Layanan inklusif" in page  # the SDG relevance note


def test_review_history_for_members_and_staff_only(client, world):
    innovation = eligible(institution=world.hub_a, hub=world.hub_a, status="published")
    ReviewEvent.objects.create(
        target=innovation, actor=world.staff, from_status="in_review", to_status="published", comment="Catatan internal"
    )
    assert "Catatan internal" not in client.get(innovation.get_absolute_url()).content.decode()
    client.force_login(world.other)
    assert "Catatan internal" not in client.get(innovation.get_absolute_url()).content.decode()
    client.force_login(world.editor)
    assert "Catatan internal" in client.get(innovation.get_absolute_url()).content.decode()


def test_submit_from_detail_shows_failed_gates_next_to_fields(client, world):
    innovation = InnovationFactory(institution=world.coached_a, hub=world.hub_a, kebaruan="")
    client.force_login(world.admin)
    response = client.post(reverse("innovations:innovation_submit", args=[innovation.slug]))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="kebaruan-error"' in page
    assert 'id="sdgs-error"' in page
    assert innovation.ringkasan in page  # the stored values are in the form
    innovation.refresh_from_db()
    assert innovation.status == "draft"


def test_editing_a_published_innovation_keeps_it_published(client, world):
    """A hub admin's change to a published innovation keeps it published (editors may not make one)."""
    innovation = eligible(institution=world.coached_a, hub=world.hub_a, status="published")
    client.force_login(world.admin)
    response = client.post(
        reverse("innovations:innovation_edit", args=[innovation.slug]),
        innovation_form_data(innovation, kebaruan="Kebaruan yang diperbarui"),
    )
    assert response.status_code == 302
    innovation.refresh_from_db()
    assert (innovation.status, innovation.kebaruan) == ("published", "Kebaruan yang diperbarui")


def test_stale_form_is_refused_and_keeps_input(client, world):
    innovation = eligible(institution=world.coached_a, hub=world.hub_a)
    client.force_login(world.editor)
    stale = innovation_form_data(innovation, kebaruan="Versi saya")
    first = innovation_form_data(innovation, kebaruan="Versi rekan")
    assert client.post(reverse("innovations:innovation_edit", args=[innovation.slug]), first).status_code == 302
    response = client.post(reverse("innovations:innovation_edit", args=[innovation.slug]), stale)
    assert response.status_code == 400
    page = response.content.decode()
    assert "telah diubah orang lain" in page and "Versi saya" in page
    innovation.refresh_from_db()
    assert innovation.kebaruan == "Versi rekan"


def test_institution_outside_network_is_a_field_error(client, world):
    client.force_login(world.admin)
    data = innovation_form_data(None, hub=world.hub_a.pk, institution=world.coached_b.pk, title="Salah jaringan")
    response = client.post(reverse("innovations:innovation_create"), data)
    assert response.status_code == 400
    assert 'id="institution-error"' in response.content.decode()


def test_create_page_needs_membership_or_staff(client, world):
    assert client.get(reverse("innovations:innovation_create")).status_code == 302
    client.force_login(world.other)
    assert client.get(reverse("innovations:innovation_create")).status_code == 200
    client.logout()
    from tests.factories.hubs import UserFactory

    client.force_login(UserFactory(username="tanpa_hub"))
    assert client.get(reverse("innovations:innovation_create")).status_code == 403
    client.force_login(world.staff)
    page = client.get(reverse("innovations:innovation_create")).content.decode()
    assert world.hub_a.name in page and world.hub_b.name in page  # staff choose the hub
    client.force_login(world.editor)
    assert client.get(reverse("innovations:innovation_create")).status_code == 200


def test_review_page_offers_only_allowed_actions(client, world):
    innovation = eligible(institution=world.coached_a, hub=world.hub_a, status="in_review")
    client.force_login(world.staff)
    page = client.get(reverse("innovations:innovation_review", args=[innovation.slug])).content.decode()
    assert 'value="publish"' in page and 'value="reject"' in page and 'value="request_revision"' in page
    assert 'value="start_review"' not in page
    assert innovation.signifikansi in page  # the reviewer reads the proposal on the same screen


def test_english_title_and_summary_fall_back_to_indonesian(client, world):
    """In English the English title/summary are shown when present, the Indonesian ones otherwise."""
    translated = eligible(
        institution=world.hub_a,
        hub=world.hub_a,
        status="published",
        title="Jemput Bola Akta",
        title_en="Door-to-door Birth Certificates",
        summary_en="Officers bring the documents home.",
    )
    untranslated = eligible(institution=world.hub_a, hub=world.hub_a, status="published", title="Pasar Daring Desa")
    client.cookies["django_language"] = "en"
    listing = client.get(reverse("innovations:innovation_list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Door-to-door Birth Certificates" in listing and "Pasar Daring Desa" in listing
    detail = client.get(translated.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Officers bring the documents home." in detail
    assert (
        "Pasar Daring Desa" in client.get(untranslated.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )


def test_demo_innovation_is_badged_contoh_on_list_and_detail(client, db):
    """A synthetic (is_demo) innovation carries the visible "Contoh" badge wherever it is listed or shown."""
    from tests.factories.innovations import InnovationFactory

    demo = InnovationFactory(status="published", is_demo=True, title="Inovasi sintetis")
    real = InnovationFactory(status="published", title="Inovasi nyata")
    detail = client.get(demo.get_absolute_url()).content.decode()
    assert "badge-demo" in detail
    assert "badge-demo" not in client.get(real.get_absolute_url()).content.decode()
    listing = client.get("/innovations/").content.decode()
    assert listing.count("badge-demo") == 1


def test_innovation_page_charts_its_indicators_with_a_table(client, db):
    """An innovation's impact indicators appear on its page: chart data block, table of measurements, target."""
    import datetime

    from stories.models import Indicator, Measurement
    from tests.factories.innovations import InnovationFactory

    innovation = InnovationFactory(status="published", title="Inovasi terukur")
    indicator = Indicator.objects.create(
        innovation=innovation, slug="pengguna", name="Pengguna layanan", unit="orang", target=500
    )
    Measurement.objects.create(indicator=indicator, measured_on=datetime.date(2024, 6, 30), value=321)
    # One measurement is a figure in the indicators' table; a chart needs more than one.
    assert f'id="indicator-{indicator.pk}-data"' not in client.get(innovation.get_absolute_url()).content.decode()
    Measurement.objects.create(indicator=indicator, measured_on=datetime.date(2023, 6, 30), value=120)
    page = client.get(innovation.get_absolute_url()).content.decode()
    assert "Pengguna layanan" in page
    assert f'id="indicator-{indicator.pk}-data"' in page
    assert "321" in page
    assert "js/charts" in page
    plain = InnovationFactory(status="published", title="Tanpa indikator")
    assert "js/charts" not in client.get(plain.get_absolute_url()).content.decode()


def test_deleting_a_draft_through_its_page(client, world):
    """The draft's page links to a confirmation page; confirming deletes it and lands on the list."""
    draft = eligible(institution=world.coached_a, hub=world.hub_a, title="Draf yang dibuang")
    url = reverse("innovations:innovation_delete", args=[draft.slug])
    client.force_login(world.editor)
    assert url in client.get(draft.get_absolute_url()).content.decode()
    confirm = client.get(url)
    assert confirm.status_code == 200 and "btn-danger" in confirm.content.decode()
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("innovations:innovation_list")
    assert "Draf yang dibuang" in response.content.decode()  # the success message
    assert not Innovation.objects.filter(pk=draft.pk).exists()


def test_no_delete_link_for_staff_or_a_published_record(client, world):
    draft = eligible(institution=world.coached_a, hub=world.hub_a)
    published = eligible(institution=world.coached_a, hub=world.hub_a, status="published")
    client.force_login(world.staff)
    assert "/delete/" not in client.get(draft.get_absolute_url()).content.decode()
    client.force_login(world.admin)
    assert "/delete/" not in client.get(published.get_absolute_url()).content.decode()
