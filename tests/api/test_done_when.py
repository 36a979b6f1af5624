"""The issue's "done when", end to end over HTTP with personal tokens, as docs/api.md describes it.

A hub admin's system creates a token (on the profile page), lists hubs, creates and submits an innovation
for its hub, is refused (403) for another hub; ministry staff publish it; a stale If-Match gets 412.
"""

import pytest
from rest_framework.test import APIClient

from innovations.models import SDG
from jipp.tokens import api_token_create
from tests.factories.innovations import ELIGIBLE_ASPECTS

pytestmark = pytest.mark.django_db


def _client(plaintext):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {plaintext}")
    return client


def test_external_client_walkthrough(world, client):
    # 1. The hub admin creates a token on the profile page (shown once).
    client.force_login(world.users["admin"])
    page = client.post("/accounts/tokens/", {"name": "Portal daerah"}).content.decode()
    plaintext = page.split('id="new-token"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    system = _client(plaintext)

    # 2. It lists hubs.
    hubs = system.get("/api/v1/hubs/").json()["results"]
    assert {h["id"] for h in hubs} == {world.hub_a.pk, world.hub_b.pk}

    # 3. It creates an innovation for its own hub and submits it. Submitting checks the KIPP eligibility
    #    gates (the eight aspects, at least a year of implementation, one SDG), so the guide's draft has them.
    SDG.objects.get_or_create(number=16, defaults={"name": "Perdamaian", "name_en": "Peace"})
    payload = {
        "title": "Layanan Antar Dokumen Kependudukan",
        "institution": world.spoke.pk,
        "hub": world.hub_a.pk,
        **ELIGIBLE_ASPECTS,
        "implementation_started_on": "2023-01-02",
        "sdgs": [{"sdg": 16, "relevance": "Layanan publik yang inklusif."}],
    }
    created = system.post("/api/v1/innovations/", payload, format="json")
    assert created.status_code == 201, created.content
    innovation = created.json()
    assert innovation["status"] == "draft"
    submitted = system.post(f"/api/v1/innovations/{innovation['id']}/submit/", {}, format="json")
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "submitted"

    # 4. The same request for another hub is refused.
    other = system.post("/api/v1/innovations/", {**payload, "hub": world.hub_b.pk}, format="json")
    assert other.status_code == 403
    assert other.json()["error"]["code"] == "permission_denied"

    # 5. Ministry staff publish it through the API.
    _token, staff_plaintext = api_token_create(user=world.users["staff"], name="Kementerian")
    staff = _client(staff_plaintext)
    published = staff.post(f"/api/v1/innovations/{innovation['id']}/publish/", {}, format="json")
    assert published.status_code == 200, published.content
    assert published.json()["status"] == "published"
    assert APIClient().get(f"/api/v1/innovations/{innovation['id']}/").status_code == 200

    # 6. An update with a stale ETag is refused with 412; with the current one it succeeds.
    url = f"/api/v1/innovations/{innovation['id']}/"
    current = system.get(url)["ETag"]
    stale = created["ETag"]
    assert stale != current
    refused = system.patch(url, {"title": "Judul usang"}, format="json", HTTP_IF_MATCH=stale)
    assert refused.status_code == 412
    accepted = system.patch(url, {"title": "Judul baru"}, format="json", HTTP_IF_MATCH=current)
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["title"] == "Judul baru"
    assert accepted["ETag"] != current
