"""A hub's page: key figures as the viewer may see them, latest innovations and stories, replications,
people, designations and sources, each linking to its filtered list; bounded queries; public cache."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jipp.choices import MembershipRole
from tests.factories.hubs import HubDesignationFactory, SourceFactory, member
from tests.factories.innovations import InnovationFactory, ReplicationFactory
from tests.factories.stories import ImpactStoryFactory

pytestmark = pytest.mark.django_db

# Cold (empty cache), signed in as staff: session, user, groups, the hub with designations, sources,
# successions, the innovation counts and latest rows, story figures and latest rows, replications each
# way with totals, memberships.
HUB_PAGE_BUDGET = 22


@pytest.fixture
def hub_rows(world):
    """Hub A: 2 published innovations + 1 draft + 1 in review, 2 published stories (people 10 and 5) + 1 draft,
    a replication out to hub B's spoke. Hub B: a published innovation and story of its own."""
    hub = world.hub_a
    pub = InnovationFactory(institution=world.coached_a, hub=hub, status="published", title="Inovasi Terbit A1")
    InnovationFactory(institution=hub, status="published", title="Inovasi Terbit A2")
    InnovationFactory(institution=hub, status="draft", title="Draf Rahasia A")
    InnovationFactory(institution=hub, status="in_review", title="Inovasi Ditinjau A")
    ImpactStoryFactory(hub=hub, title="Kisah Terbit A1", people_reached=10)
    ImpactStoryFactory(hub=hub, title="Kisah Terbit A2", people_reached=5, story_date=datetime.date(2023, 1, 1))
    ImpactStoryFactory(hub=hub, title="Kisah Draf A", status="draft", people_reached=100)
    ReplicationFactory(innovation=pub, adopter=world.coached_b, facilitating_hub=hub)
    InnovationFactory(institution=world.hub_b, status="published", title="Inovasi Hub B")
    ImpactStoryFactory(hub=world.hub_b, title="Kisah Hub B")
    return world


def _page(client, world, user=None):
    if user is not None:
        client.force_login(user)
    response = client.get(world.hub_a.get_absolute_url())
    assert response.status_code == 200
    return response, response.content.decode()


def _figure(html, name):
    return re.search(rf'href="([^"]+)" data-figure="{name}">(\d+)<', html).groups()


def test_anonymous_sees_published_innovations_and_stories_and_no_draft(client, hub_rows):
    _response, html = _page(client, hub_rows)
    assert "Inovasi Terbit A1" in html and "Inovasi Terbit A2" in html
    assert "Kisah Terbit A1" in html and "Kisah Terbit A2" in html
    assert "Draf Rahasia A" not in html and "Inovasi Ditinjau A" not in html and "Kisah Draf A" not in html
    assert "Inovasi Hub B" not in html and "Kisah Hub B" not in html  # only this hub's


def test_anonymous_figures_count_published_records_and_link_to_exactly_them(client, hub_rows):
    _response, html = _page(client, hub_rows)
    url, n = _figure(html, "innovations")
    assert n == "2"
    assert client.get(unescape(url)).context["paginator"].count == 2
    url, n = _figure(html, "stories")
    assert n == "2"
    assert client.get(unescape(url)).context["paginator"].count == 2
    assert re.search(r'data-figure="people">15<', html)  # the draft's 100 are not counted
    assert _figure(html, "replications-out")[1] == "1"
    assert _figure(html, "replications-in")[1] == "0"


def test_a_member_sees_and_counts_the_hubs_drafts(client, hub_rows):
    response, html = _page(client, hub_rows, hub_rows.editor)
    assert "Draf Rahasia A" in html and "Kisah Draf A" in html
    url, n = _figure(html, "innovations")
    assert n == "4"
    assert client.get(unescape(url)).context["paginator"].count == 4
    by_status = {label: n for label, n, _url in response.context["figures"]["innovations_by_status"]}
    assert by_status == {"Draf": 1, "Sedang ditinjau": 1, "Terbit": 2}
    assert _figure(html, "stories")[1] == "3"


def test_each_status_figure_links_to_its_rows(client, hub_rows):
    response, _html = _page(client, hub_rows, hub_rows.staff)
    for _label, n, url in response.context["figures"]["innovations_by_status"]:
        assert client.get(url).context["paginator"].count == n


def test_latest_lists_are_bounded(client, hub_rows):
    from dashboard.selectors import HUB_LATEST_SHOWN

    for i in range(HUB_LATEST_SHOWN + 2):
        InnovationFactory(institution=hub_rows.hub_a, status="published", title=f"Inovasi Tambahan {i}")
    response, html = _page(client, hub_rows)
    assert len(response.context["page"].latest_innovations) == HUB_LATEST_SHOWN
    assert f"Semua {2 + HUB_LATEST_SHOWN + 2} inovasi hub ini" in html


def test_people_names_are_for_hub_admins_and_staff_only(client, hub_rows):
    """Anonymous visitors, editors and other hubs' members see counts by role; admins and staff see names."""

    def people(html):
        return html.split('id="hub-people"', 1)[1].split("</section>", 1)[0]

    for user in (None, hub_rows.editor, hub_rows.other):
        client.logout()
        section = people(_page(client, hub_rows, user)[1])
        assert "editor_a" not in section and "admin_a" not in section
        assert 'id="hub-members"' not in section
        assert re.search(r"Admin: <span data-role-count>1</span>", section)
    for user in (hub_rows.admin, hub_rows.staff):
        client.logout()
        section = people(_page(client, hub_rows, user)[1])
        assert 'id="hub-members"' in section
        assert "editor_a" in section and "admin_a" in section


def test_designation_and_a_source_with_an_address_are_linked(client, hub_rows):
    source = SourceFactory(publisher="menpan.go.id", url="https://menpan.go.id/site/berita-terkini/jipp")
    designation = HubDesignationFactory(institution=hub_rows.hub_a, sources=[source])
    _response, html = _page(client, hub_rows)
    assert f'href="#designation-{designation.pk}"' in html
    assert '<a href="https://menpan.go.id/site/berita-terkini/jipp" rel="noopener">menpan.go.id' in html


def _count(client, path):
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_is_bounded_and_does_not_grow_with_rows(client, hub_rows, django_assert_max_num_queries):
    client.force_login(hub_rows.staff)
    path = hub_rows.hub_a.get_absolute_url()
    with django_assert_max_num_queries(HUB_PAGE_BUDGET):
        few = _count(client, path)
    for i in range(12):
        inn = InnovationFactory(institution=hub_rows.hub_a, status="published")
        ReplicationFactory(innovation=inn, adopter=hub_rows.coached_b, facilitating_hub=hub_rows.hub_a)
        ImpactStoryFactory(hub=hub_rows.hub_a)
        member(hub_rows.hub_a, MembershipRole.EDITOR, username=f"editor_tambahan_{i}")
        HubDesignationFactory(institution=hub_rows.hub_a, sources=SourceFactory.create_batch(2))
    with django_assert_max_num_queries(HUB_PAGE_BUDGET):
        many = _count(client, path)
    assert few == many


def _fetch(client, path, sql=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    content = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    if sql is not None:
        sql.extend(q["sql"] for q in ctx.captured_queries)
    return content, len(ctx.captured_queries)


def test_anonymous_page_is_served_from_the_public_cache(client, hub_rows):
    path = hub_rows.hub_a.get_absolute_url()
    from hubs.models import HubMembership
    from innovations.models import Innovation, Replication
    from stories.models import ImpactStory

    first, cold = _fetch(client, path)
    sql = []
    second, warm = _fetch(client, path, sql)
    assert second == first
    assert warm < cold
    # Only the hub itself is read (its 404 check): none of the sections' queries run.
    tables = [m._meta.db_table for m in (Innovation, ImpactStory, Replication, HubMembership)]
    assert not [q for q in sql if any(f'"{t}"' in q for t in tables)]


def test_signed_in_pages_are_never_shared_with_anonymous_visitors(client, hub_rows):
    """A member's page (with drafts and names) is rendered afresh and never cached for the public,
    and a member never gets the anonymous page from the cache."""
    from django.test import Client

    path = hub_rows.hub_a.get_absolute_url()
    anonymous = Client()
    assert "Draf Rahasia A" not in _fetch(anonymous, path)[0]  # cached now
    client.force_login(hub_rows.admin)
    member_page, _ = _fetch(client, path)
    assert "Draf Rahasia A" in member_page and 'id="hub-members"' in member_page
    again, _ = _fetch(anonymous, path)
    assert "Draf Rahasia A" not in again and 'id="hub-members"' not in again


def test_a_new_published_innovation_shows_at_once_on_the_cached_page(client, hub_rows):
    path = hub_rows.hub_a.get_absolute_url()
    _fetch(client, path)
    InnovationFactory(institution=hub_rows.hub_a, status="published", title="Inovasi Baru Sekali")
    assert "Inovasi Baru Sekali" in _fetch(client, path)[0]


@pytest.mark.parametrize(("language", "shown"), [("id", "12.345"), ("en", "12,345")])
def test_figures_are_grouped_in_the_pages_language(client, world, language, shown):
    """A figure over a thousand is grouped as the page's language writes it (12.345 / 12,345)."""
    ImpactStoryFactory(hub=world.hub_a, people_reached=12345)
    client.cookies["django_language"] = language
    _response, html = _page(client, world)
    assert re.search(rf'data-figure="people">{re.escape(shown)}<', html), "people reached not grouped"
    assert "12345" not in html
