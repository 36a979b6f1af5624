"""The dashboard's figures: correct, published-only for the public, cached, and refreshed after a write."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from dashboard import selectors as dashboard
from innovations.models import SDG, Category, InnovationSDG
from innovations.services.innovation import innovation_submit, innovation_transition
from jipp import cache as jipp_cache
from tests.factories.innovations import InnovationFactory, ReplicationFactory, eligible
from tests.factories.stories import ImpactStoryFactory

pytestmark = pytest.mark.django_db


def _kpi(html: str, element_id: str) -> str:
    start = html.index(f'id="{element_id}">') + len(f'id="{element_id}">')
    return html[start : html.index("<", start)]


def test_public_home_counts_published_innovations_only(client, world):
    """Anonymous visitors see only published innovations in the figures; drafts are not counted."""
    InnovationFactory(institution=world.hub_a, status="published")
    InnovationFactory(institution=world.hub_a, status="draft")
    InnovationFactory(institution=world.hub_b, status="submitted")
    html = client.get(reverse("home")).content.decode()
    assert _kpi(html, "kpi-innovations") == "1"


def test_staff_home_counts_every_status(client, world):
    """Ministry staff see every innovation, by status."""
    InnovationFactory(institution=world.hub_a, status="published")
    InnovationFactory(institution=world.hub_a, status="draft")
    InnovationFactory(institution=world.hub_b, status="submitted")
    client.force_login(world.staff)
    response = client.get(reverse("home"))
    assert _kpi(response.content.decode(), "kpi-innovations") == "3"
    by_status = {label: n for label, n, _url in response.context["innovations_by_status"]}
    assert by_status["Draf"] == 1 and by_status["Menunggu tinjauan"] == 1 and by_status["Terbit"] == 1


def test_figures_by_category_year_sdg_hub_replication_and_stories(world):
    """Each chart and KPI counts the right rows (published only for the public version)."""
    from django.contrib.auth.models import AnonymousUser

    category = Category.objects.order_by("pk").first()
    sdg = SDG.objects.get(number=4)
    y2021, y2023 = datetime.date(2021, 3, 1), datetime.date(2023, 1, 1)
    a = InnovationFactory(
        institution=world.hub_a, status="published", category=category, implementation_started_on=y2021
    )
    b = InnovationFactory(institution=world.hub_a, status="published", implementation_started_on=y2023)
    InnovationFactory(institution=world.hub_b, status="draft", category=category)
    InnovationSDG.objects.create(innovation=a, sdg=sdg)
    InnovationSDG.objects.create(innovation=b, sdg=sdg)
    ReplicationFactory(innovation=a, stage="diterapkan")
    ReplicationFactory(innovation__status="draft", stage="komitmen")
    ImpactStoryFactory(hub=world.hub_a, people_reached=40)
    ImpactStoryFactory(hub=world.hub_a, people_reached=5, status="draft")

    public = dashboard.dashboard_figures(AnonymousUser())
    assert [(c["id"], c["n"]) for c in public["per_category"]] == [(category.pk, 1)]
    assert public["per_year"] == [(2021, 1), (2023, 1)]
    assert {s["number"]: s["n"] for s in public["sdgs"]}[4] == 2
    assert [(r["hub_id"], r["n"]) for r in public["per_hub"]] == [(world.hub_a.pk, 2)]
    assert public["replications_by_stage"] == {"diterapkan": 1}
    assert (public["stories"], public["people_reached"]) == (1, 40)

    full = dashboard.dashboard_figures(world.staff)
    assert {s["id"]: s["n"] for s in full["per_category"]} == {category.pk: 2}
    assert full["replications_by_stage"] == {"diterapkan": 1, "komitmen": 1}
    assert (full["stories"], full["people_reached"]) == (2, 45)


def test_publish_through_the_workflow_shows_up_in_cached_figures(
    client, world, settings, django_capture_on_commit_callbacks
):
    """With the cache on, a newly published innovation appears in the figures at the next request."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "dash"},
    }
    innovation = eligible(institution=world.hub_a)
    first = client.get(reverse("home")).content.decode()
    assert _kpi(first, "kpi-innovations") == "0"
    # The figures are now cached: a request reads them without recomputing.
    assert cache.get(jipp_cache.key("dashboard:public")) is not None

    with django_capture_on_commit_callbacks(execute=True):  # the services' transactions commit
        innovation_submit(innovation=innovation, user=world.admin)
        innovation_transition(innovation=innovation, user=world.staff, action="publish")

    after = client.get(reverse("home")).content.decode()
    assert _kpi(after, "kpi-innovations") == "1"


def test_cache_serves_figures_until_a_write(world, django_assert_num_queries):
    """A second read of unchanged figures costs no query; a write makes the next read recompute."""
    from django.contrib.auth.models import AnonymousUser

    dashboard.dashboard_figures(AnonymousUser())
    with django_assert_num_queries(0):
        dashboard.dashboard_figures(AnonymousUser())
    before = jipp_cache.generation()
    InnovationFactory(institution=world.hub_a, status="published")
    assert jipp_cache.generation() > before
    assert dashboard.dashboard_figures(AnonymousUser())["innovations_by_status"] == {"published": 1}


def test_home_keeps_the_cohort_table_and_what_jipp_is(client, seeded):
    """The seeded registry still shows the introduction and hubs by cohort and by type."""
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert "JIPP (Jaringan Inovasi Pelayanan Publik)" in html
    assert response.context["hub_total"] == 40
    assert "?year=2024" in html
    assert sum(n for _label, n in response.context["by_kind"]) == 40


def test_home_links_to_tpbis_instead_of_charting_single_figures(client, seeded):
    """The TPBIS indicators (mostly one figure each) are on /tpbis/, not charted on the home page."""
    from innovations.reference import innovations_reference_seed
    from stories.reference import tpbis_reference_seed

    innovations_reference_seed(seeded)
    tpbis_reference_seed(seeded)
    html = client.get(reverse("home")).content.decode()
    assert "chart-indicator" not in html
    assert f'href="{reverse("stories:tpbis")}"' in html
    assert "<script>" not in html  # no inline script: the data blocks are application/json
