"""Query-count guards: the list, the detail, the review queue and a hub's page cost the same with 3 or 30 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from innovations.models import SDG, Attachment, Award, InnovationSDG, ReviewEvent
from tests.factories.hubs import InstitutionFactory
from tests.factories.innovations import InnovationFactory, ReplicationFactory

LIST_BUDGET = 12
DETAIL_BUDGET = 12
QUEUE_BUDGET = 8
# A hub's page: 7 for the hub itself, 2 per replication list (ids, then rows), 2 for their totals on a
# cold cache (each request below follows a write, so both count), then one per other section of the
# page (innovation counts and rows, story figures and rows, members: dashboard.selectors.HubPage).
HUB_BUDGET = 18


def _fill(world, n, start=0):
    """n published innovations with SDGs, awards, attachments, replications and review events."""
    sdgs = list(SDG.objects.all()[:3])
    innovations = []
    for i in range(start, start + n):
        innovation = InnovationFactory(
            institution=world.coached_a, hub=world.hub_a, status="published", title=f"Inovasi Q{i}"
        )
        for sdg in sdgs:
            InnovationSDG.objects.create(innovation=innovation, sdg=sdg)
        Award.objects.create(innovation=innovation, kind="pkri", year=2024)
        Attachment.objects.create(
            innovation=innovation,
            file="attachments/x.pdf",
            original_name="x.pdf",
            content_type="application/pdf",
            size=1,
        )
        ReviewEvent.objects.create(target=innovation, actor=world.staff, from_status="submitted", to_status="published")
        adopter = InstitutionFactory(coaching_hub=world.hub_b)
        ReplicationFactory(innovation=innovation, adopter=adopter, facilitating_hub=world.hub_b)
        innovations.append(innovation)
    return innovations


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", ["anonymous", "editor", "staff"])
def test_list_costs_the_same_with_3_and_30_rows(client, world, role):
    user = world.user(role)
    if user.is_authenticated:
        client.force_login(user)
    url = reverse("innovations:innovation_list")
    _fill(world, 3)
    few = _queries(client, url)
    _fill(world, 27, start=3)
    many = _queries(client, url)
    assert few == many <= LIST_BUDGET


def test_detail_costs_the_same_with_3_and_30_related_rows(client, world):
    """SDG links, awards, attachments, replications and review events are prefetched, not queried per row."""
    innovation = _fill(world, 1)[0]
    client.force_login(world.admin)

    def add(start, n):
        for i in range(start, start + n):
            Award.objects.create(innovation=innovation, kind="other", year=2014 + i)
            Attachment.objects.create(
                innovation=innovation, file=f"attachments/{i}.pdf", original_name=f"{i}.pdf", content_type="x", size=1
            )
            ReplicationFactory(innovation=innovation, adopter=InstitutionFactory(), facilitating_hub=world.hub_a)
            ReviewEvent.objects.create(target=innovation, actor=world.staff, from_status="draft", to_status="submitted")

    add(0, 3)
    few = _queries(client, innovation.get_absolute_url())
    add(3, 27)
    for sdg in SDG.objects.exclude(innovation_links__innovation=innovation):
        InnovationSDG.objects.create(innovation=innovation, sdg=sdg)
    many = _queries(client, innovation.get_absolute_url())
    assert few == many <= DETAIL_BUDGET


def test_review_queue_costs_the_same_with_3_and_30_rows(client, world):
    client.force_login(world.staff)
    url = reverse("innovations:review_queue")
    for i in range(3):
        InnovationFactory(institution=world.coached_a, hub=world.hub_a, status="submitted", title=f"Antre {i}")
    few = _queries(client, url)
    for i in range(3, 30):
        InnovationFactory(institution=world.coached_a, hub=world.hub_a, status="submitted", title=f"Antre {i}")
    many = _queries(client, url)
    assert few == many <= QUEUE_BUDGET


def test_hub_page_replications_cost_the_same_with_3_and_30_rows(client, world):
    url = world.hub_b.get_absolute_url()
    _fill(world, 3)
    few = _queries(client, url)
    _fill(world, 27, start=3)
    many = _queries(client, url)
    assert few == many <= HUB_BUDGET


def test_list_guard_with_django_assert_max_num_queries(client, world, django_assert_max_num_queries):
    """The house-style guard on the list page."""
    _fill(world, 30)
    with django_assert_max_num_queries(LIST_BUDGET):
        client.get(reverse("innovations:innovation_list"))
