"""Cross-hub benchmarking: figures per hub, sorting, links to filtered lists, and the export."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboard import selectors as dashboard
from tests.factories.innovations import InnovationFactory, ReplicationFactory
from tests.factories.stories import ImpactStoryFactory

pytestmark = pytest.mark.django_db


def _hub_order(html: str, world) -> list[str]:
    """The order of the two test hubs in the table (the stories' factory adds Perpusnas as a third hub)."""
    ours = {world.hub_a.slug, world.hub_b.slug}
    return [slug for slug in re.findall(r'<tr data-hub="([^"]+)">', html) if slug in ours]


@pytest.fixture
def figures(world):
    """Hub A: 2 published (1 verified recently) + 1 submitted, 1 replication out, 2 stories.
    Hub B: 1 published, adopts hub A's innovation (1 replication in)."""
    today = timezone.localdate()
    a1 = InnovationFactory(institution=world.coached_a, hub=world.hub_a, status="published", last_verified_on=today)
    stale = today - datetime.timedelta(days=400)
    InnovationFactory(institution=world.hub_a, status="published", last_verified_on=stale)
    InnovationFactory(institution=world.hub_a, status="submitted", submitted_at=timezone.now())
    InnovationFactory(institution=world.hub_b, status="published")
    ReplicationFactory(innovation=a1, adopter=world.coached_b, facilitating_hub=world.hub_a)
    ImpactStoryFactory(hub=world.hub_a)
    ImpactStoryFactory(hub=world.hub_a, status="draft")
    return world


def test_rows_count_each_figure_per_hub_for_staff(figures):
    """Staff figures: submitted, published, replications out/in (by network), unverified, stories, activity."""
    rows = {r.slug: r for r in dashboard.benchmark_rows(figures.staff)}
    a, b = rows[figures.hub_a.slug], rows[figures.hub_b.slug]
    # Ever submitted: the two published innovations were submitted before they were published.
    assert (a.submitted, a.published, a.outgoing, a.incoming, a.unverified, a.stories) == (3, 2, 1, 0, 1, 2)
    assert (b.submitted, b.published, b.outgoing, b.incoming, b.unverified, b.stories) == (1, 1, 0, 1, 1, 0)
    assert a.activity is not None and b.activity is not None


def test_public_rows_count_published_records_only(figures):
    """The public version hides submissions and counts published stories only."""
    from django.contrib.auth.models import AnonymousUser

    rows = {r.slug: r for r in dashboard.benchmark_rows(AnonymousUser())}
    a = rows[figures.hub_a.slug]
    assert a.submitted is None
    assert (a.published, a.outgoing, a.stories) == (2, 1, 1)


def test_sort_by_published_descending_and_ascending(client, figures):
    """?sort=-published puts the hub with most published innovations first; ?sort=published reverses it."""
    desc = _hub_order(client.get(reverse("hubs:benchmark"), {"sort": "-published"}).content.decode(), figures)
    asc = _hub_order(client.get(reverse("hubs:benchmark"), {"sort": "published"}).content.decode(), figures)
    assert desc == [figures.hub_a.slug, figures.hub_b.slug]
    assert asc == [figures.hub_b.slug, figures.hub_a.slug]


def test_sort_by_incoming_and_by_latest_activity(figures):
    """Sorting works on every column, including the latest activity computed per row."""
    by_incoming = [r.slug for r in dashboard.benchmark_rows(figures.staff, "-incoming")]
    assert by_incoming[0] == figures.hub_b.slug
    by_activity = dashboard.benchmark_rows(figures.staff, "-activity")
    assert by_activity[0].activity >= by_activity[1].activity


def test_unknown_sort_falls_back_to_name(client, figures):
    response = client.get(reverse("hubs:benchmark"), {"sort": "password"})
    assert response.status_code == 200
    assert _hub_order(response.content.decode(), figures) == [figures.hub_a.slug, figures.hub_b.slug]


def test_headers_link_to_sorting_and_mark_the_current_order(client, figures):
    """The current column carries aria-sort; its link toggles the direction."""
    html = client.get(reverse("hubs:benchmark"), {"sort": "-stories"}).content.decode()
    assert 'aria-sort="descending"' in html
    assert 'href="/hubs/benchmark/?sort=stories"' in html
    assert 'href="/hubs/benchmark/?sort=-published"' in html


def test_figures_link_to_the_filtered_lists(client, figures):
    """Counts open the innovation list filtered by hub (and status), the story list and the hub's replications."""
    client.force_login(figures.staff)
    html = client.get(reverse("hubs:benchmark")).content.decode()
    pk = figures.hub_a.pk
    assert f'href="/innovations/?hub={pk}&amp;status=published" data-col="published">2<' in html
    assert f'href="/innovations/?hub={pk}&amp;submission=ever" data-col="submitted">3<' in html
    assert f'href="/stories/?hub={pk}" data-col="stories">2<' in html
    assert f'href="/hubs/{figures.hub_a.slug}/#replications-out-title" data-col="outgoing">1<' in html
    # The filtered list it links to shows exactly the counted innovations.
    listed = client.get(f"/innovations/?hub={pk}&status=published")
    assert listed.context["paginator"].count == 2


def test_submitted_column_is_for_staff_only(client, figures):
    html = client.get(reverse("hubs:benchmark")).content.decode()
    assert 'data-col="submitted"' not in html
    assert 'data-sort="submitted"' not in html


def test_benchmark_export_through_the_reporting_jobs(figures, tmp_path, settings):
    """The "benchmark" list export writes the page's rows, in the requested order."""
    from dataio.exports import EXPORTS, filters_querydict

    spec = EXPORTS["benchmark"]
    qs = spec.queryset(figures.staff, filters_querydict({"sort": "-published"}))
    ours = {figures.hub_a.pk, figures.hub_b.pk}
    extra = spec.row_context(figures.staff)
    rows = [[c.value(h, extra) for c in spec.columns] for h in qs if h.pk in ours]
    assert [r[0] for r in rows] == [figures.hub_a.name, figures.hub_b.name]
    assert rows[0][3:9] == [3, 2, 1, 0, 1, 2]


# --- Each figure means what its label says, and links to exactly its rows ---------------------------


@pytest.fixture
def every_status(world):
    """Hub A holds one innovation in each status, published ones verified now, 200 and 400 days ago
    and never; hub B holds a draft and an innovation awaiting review."""
    from innovations.choices import ReviewStatus

    today = timezone.localdate()
    for status in ReviewStatus.values:
        InnovationFactory(institution=world.hub_a, status=status)
    for days in (0, 200, 400):
        InnovationFactory(
            institution=world.hub_a, status="published", last_verified_on=today - datetime.timedelta(days=days)
        )
    # Exactly on the limit: verified 365 days ago is still "within 12 months".
    InnovationFactory(institution=world.hub_a, status="published", last_verified_on=today - datetime.timedelta(365))
    InnovationFactory(institution=world.hub_b, status="draft")
    InnovationFactory(institution=world.hub_b, status="in_review", submitted_at=timezone.now())
    return world


def _independent_counts(hub):
    """The figures counted straight from the rows, as the labels describe them."""
    from innovations.models import Innovation

    cutoff = timezone.localdate() - datetime.timedelta(days=365)
    rows = list(Innovation.objects.filter(hub=hub))
    published = [i for i in rows if i.status == "published"]
    return {
        # Ever submitted: everything that left the draft state (every other status follows a submit).
        "submitted": sum(1 for i in rows if i.status != "draft"),
        "published": len(published),
        "unverified": sum(1 for i in published if i.last_verified_on is None or i.last_verified_on < cutoff),
    }


def test_figures_equal_independent_counts_of_what_the_labels_say(every_status):
    rows = {r.slug: r for r in dashboard.benchmark_rows(every_status.staff)}
    for hub in (every_status.hub_a, every_status.hub_b):
        expected = _independent_counts(hub)
        row = rows[hub.slug]
        assert {"submitted": row.submitted, "published": row.published, "unverified": row.unverified} == expected
    a = rows[every_status.hub_a.slug]
    # Three different figures, not one number three times: 5 non-drafts + 4 published; 5 published; 3 stale.
    assert (a.submitted, a.published, a.unverified) == (9, 5, 2)


@pytest.mark.parametrize("column", ["submitted", "published", "unverified"])
def test_each_figure_links_to_a_list_of_exactly_its_rows(client, every_status, column):
    """The link of each figure opens the innovation list filtered to the rows the figure counts."""
    from html import unescape

    client.force_login(every_status.staff)
    html = client.get(reverse("hubs:benchmark")).content.decode()
    for hub in (every_status.hub_a, every_status.hub_b):
        row_html = html.split(f'<tr data-hub="{hub.slug}">', 1)[1].split("</tr>", 1)[0]
        href, shown = re.search(rf'href="([^"]+)" data-col="{column}">(\d+)<', row_html).groups()
        listed = client.get(unescape(href))
        assert listed.context["paginator"].count == int(shown) == _independent_counts(hub)[column]
        assert {i.hub_id for i in listed.context["innovations"]} <= {hub.pk}


def test_the_unverified_link_is_filtered(client, every_status):
    client.force_login(every_status.staff)
    html = client.get(reverse("hubs:benchmark")).content.decode()
    assert f"?hub={every_status.hub_a.pk}&amp;status=published&amp;verification=stale" in html


def test_labels_say_ever_submitted_and_the_recap_says_awaiting_review(client, every_status):
    """One word, one meaning: the running total is "pernah diajukan", the current status "menunggu tinjauan"."""
    client.force_login(every_status.staff)
    bench = client.get(reverse("hubs:benchmark")).content.decode()
    assert "Inovasi pernah diajukan" in bench
    assert "Inovasi diajukan<" not in bench
    home = client.get("/").content.decode()
    assert re.search(r'<a href="/innovations/\?status=submitted">Menunggu tinjauan</a>', home)
