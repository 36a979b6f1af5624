"""Personal API tokens: hashed at rest, act as their user, expire, can be revoked, can be read-only."""

import datetime
import hashlib

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from jipp.models import ApiToken
from jipp.tokens import api_token_create, api_token_revoke
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db

MEMBERSHIPS = "/api/v1/memberships/"


def test_token_is_stored_only_as_a_sha256_hash(world):
    """The plaintext appears in no column of the token row; the row keeps its prefix and SHA-256 hash."""
    token, plaintext = api_token_create(user=world.users["staff"], name="JIPPNas")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM hubs_apitoken WHERE id = %s", [token.pk])
        row = cursor.fetchone()
    secret = plaintext.split(".", 1)[1]
    assert all(secret not in str(value) for value in row)
    assert token.key_hash == hashlib.sha256(plaintext.encode()).hexdigest()
    assert plaintext.startswith(token.prefix + ".")


def test_token_acts_with_its_users_permissions(world):
    """A staff user's token reads staff-only data; an editor's token is refused it (403)."""
    assert token_client(world.users["staff"]).get(MEMBERSHIPS).status_code == 200
    response = token_client(world.users["editor"]).get(MEMBERSHIPS)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "staff_only"


def test_use_records_last_used(world):
    token, plaintext = api_token_create(user=world.users["staff"], name="dasbor")
    assert token.last_used_at is None
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {plaintext}")
    client.get("/api/v1/hubs/")
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert timezone.now() - token.last_used_at < datetime.timedelta(minutes=1)


def test_expired_token_gives_401(world):
    token, plaintext = api_token_create(
        user=world.users["staff"], name="lama", expires_at=timezone.now() + datetime.timedelta(days=1)
    )
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {plaintext}")
    response = client.get("/api/v1/hubs/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    assert response["WWW-Authenticate"] == "Token"


def test_revoked_token_gives_401_even_for_public_reads(world):
    """A revoked token never silently falls back to anonymous access."""
    token, plaintext = api_token_create(user=world.users["staff"], name="dicabut")
    api_token_revoke(token=token, user=world.users["staff"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {plaintext}")
    assert client.get("/api/v1/hubs/").status_code == 401


@pytest.mark.parametrize(
    "header",
    ["Token", "Token a b", "Token nodot", "Token .secret", "Token abc.wrong-secret", "Token ZZZZZZZZZZZZZZZZZZZZ.x"],
)
def test_malformed_or_unknown_token_gives_401(world, header):
    api_token_create(user=world.users["staff"], name="ada")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/hubs/")
    assert response.status_code == 401
    assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_wrong_secret_with_a_real_prefix_gives_401(world):
    token, plaintext = api_token_create(user=world.users["staff"], name="benar")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.prefix}.bukan-rahasianya")
    assert client.get("/api/v1/hubs/").status_code == 401


def test_token_of_a_deactivated_user_gives_401(world):
    user = world.users["admin"]
    client = token_client(user)
    user.is_active = False
    user.save()
    assert client.get("/api/v1/hubs/").status_code == 401


def test_read_only_token_reads_but_refuses_writes(world):
    client = token_client(world.users["admin"], read_only=True)
    assert client.get(f"/api/v1/innovations/{world.draft_a.pk}/").status_code == 200
    response = client.post(f"/api/v1/innovations/{world.draft_a.pk}/submit/", {}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "read_only_token"
    world.draft_a.refresh_from_db()
    assert world.draft_a.status == "draft"


def test_only_the_owner_revokes_a_token(world):
    from django.core.exceptions import PermissionDenied

    token, _plaintext = api_token_create(user=world.users["admin"], name="milik admin")
    with pytest.raises(PermissionDenied):
        api_token_revoke(token=token, user=world.users["editor"])
    token.refresh_from_db()
    assert token.revoked_at is None


def test_expiry_in_the_past_is_refused(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as info:
        api_token_create(user=world.users["admin"], name="x", expires_at=timezone.now() - datetime.timedelta(hours=1))
    assert "expires_at" in info.value.message_dict
