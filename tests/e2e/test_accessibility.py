"""axe-core (vendored) on the main pages: no serious or critical violations."""

import json

import pytest

from tests.e2e.conftest import axe_violations, log_in, shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(portal):
    from innovations.models import SDG, InnovationSDG
    from tests.factories.innovations import InnovationFactory

    innovation = InnovationFactory(
        institution=portal.perpusnas, title="Pojok Baca Digital", status="published", province_id="31"
    )
    InnovationSDG.objects.create(innovation=innovation, sdg=SDG.objects.get(number=4), relevance="Literasi")
    return innovation


@pytest.mark.parametrize(
    "name,path,as_admin",
    [
        ("home", "/", False),
        ("home-staff", "/", "staff"),
        ("hub-list", "/hubs/", False),
        ("hub-detail", "/hubs/perpusnas/", False),
        ("benchmark", "/hubs/benchmark/", False),
        ("innovation-list", "/innovations/", False),
        ("innovation-detail", None, False),
        ("innovation-form", "/innovations/new/", "admin"),
    ],
)
def test_no_serious_or_critical_axe_violations(page, portal, published, name, path, as_admin):
    if as_admin == "admin":
        log_in(page, portal, portal.hub_admin)
    elif as_admin == "staff":
        log_in(page, portal, portal.staff)
    page.goto(portal.at(path or published.get_absolute_url()))
    page.wait_for_load_state("networkidle")
    shot(page, "axe", name)
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)
