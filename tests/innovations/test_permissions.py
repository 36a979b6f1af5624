"""The permission matrix (tests/innovations/matrix.py), every cell asserted through the pages."""

import pytest
from django.urls import reverse

from innovations.models import Innovation, Replication
from tests.innovations import factories as f
from tests.innovations.helpers import innovation_form_data
from tests.innovations.matrix import CELLS

DENIED = {302, 400, 403, 404}


def _login(client, user):
    if user.is_authenticated:
        client.force_login(user)


def _do(action, client, world):
    """Take `action` through the pages; return (response, whether it took effect)."""
    if action == "create":
        data = innovation_form_data(
            None,
            hub=world.hub_a.pk,
            institution=world.coached_a.pk,
            title="Draf matriks",
            stage="penerapan",
            innovation_type="digital",
            group="umum",
            continuation="berlanjut",
        )
        response = client.post(reverse("innovations:innovation_create"), data)
        return response, Innovation.objects.filter(title="Draf matriks", hub=world.hub_a).exists()
    if action == "view_draft":
        innovation = f.eligible(institution=world.coached_a, hub=world.hub_a)
        response = client.get(innovation.get_absolute_url())
        return response, response.status_code == 200 and innovation.title in response.content.decode()
    if action in ("edit", "edit_published"):
        status = "published" if action == "edit_published" else "draft"
        innovation = f.eligible(institution=world.coached_a, hub=world.hub_a, status=status)
        data = innovation_form_data(innovation, title="Judul hasil ubahan")
        response = client.post(reverse("innovations:innovation_edit", args=[innovation.slug]), data)
        innovation.refresh_from_db()
        return response, innovation.title == "Judul hasil ubahan"
    if action == "submit":
        innovation = f.eligible(institution=world.coached_a, hub=world.hub_a)
        response = client.post(reverse("innovations:innovation_submit", args=[innovation.slug]))
        innovation.refresh_from_db()
        return response, innovation.status == "submitted"
    if action in ("review", "publish"):
        innovation = f.eligible(institution=world.coached_a, hub=world.hub_a, status="submitted")
        verb = "start_review" if action == "review" else "publish"
        response = client.post(
            reverse("innovations:innovation_review", args=[innovation.slug]), {"action": verb, "comment": ""}
        )
        innovation.refresh_from_db()
        return response, innovation.status == ("in_review" if action == "review" else "published")
    if action == "record_replication":
        innovation = f.eligible(institution=world.hub_a, hub=world.hub_a, status="published")
        data = {"adopter": world.coached_a.pk, "facilitating_hub": world.hub_a.pk, "stage": "komitmen"}
        response = client.post(reverse("innovations:replication_create", args=[innovation.slug]), data)
        return response, Replication.objects.filter(innovation=innovation, adopter=world.coached_a).exists()
    raise AssertionError(action)


@pytest.mark.parametrize(("role", "action", "allowed"), CELLS, ids=[f"{r}-{a}" for r, a, _ in CELLS])
def test_permission_matrix(client, world, role, action, allowed):
    """Each role may take exactly the actions the matrix allows; a refused action changes nothing."""
    _login(client, world.user(role))
    response, took_effect = _do(action, client, world)
    assert took_effect is allowed
    if allowed:
        assert response.status_code in {200, 302}
    else:
        assert response.status_code in DENIED
        if response.status_code == 302:
            assert response.url.startswith(reverse("login"))


def test_other_hub_member_sees_neither_draft_in_list_nor_detail(client, world):
    """A member of another hub gets a 404 for the draft and does not find it in the list."""
    draft = f.eligible(institution=world.coached_a, hub=world.hub_a, title="Draf rahasia hub A")
    client.force_login(world.other)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Draf rahasia hub A" not in client.get(reverse("innovations:innovation_list")).content.decode()
    assert Innovation.objects.get(pk=draft.pk).status == "draft"
