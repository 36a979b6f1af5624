"""A new password ends the old API tokens: whoever changes a leaked password must not leave a token behind."""

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from rest_framework.test import APIClient

from jipp.choices import SecurityEventKind
from jipp.models import ApiToken, SecurityEvent
from jipp.tokens import api_token_create

pytestmark = pytest.mark.django_db


def _token(user):
    _row, plaintext = api_token_create(user=user, name="integrasi")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {plaintext}")
    assert api.get("/api/v1/reports/").status_code == 200
    return api


def test_changing_the_password_on_the_page_revokes_the_tokens(client, world):
    world.admin.set_password("kata-sandi-lama-1")
    world.admin.save()
    api = _token(world.admin)
    client.force_login(world.admin)
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "kata-sandi-lama-1",
            "new_password1": "Sandi-Baru-Kuat-77",
            "new_password2": "Sandi-Baru-Kuat-77",
        },
    )
    assert response.status_code == 302
    assert api.get("/api/v1/reports/").status_code == 401
    assert not ApiToken.objects.filter(user=world.admin, revoked_at__isnull=True).exists()
    event = SecurityEvent.objects.filter(kind=SecurityEventKind.TOKEN_REVOKED, user=world.admin).get()
    assert event.detail["reason"] == "password_changed"


def test_set_password_anywhere_revokes_them_too(world):
    """The admin, a reset link and the shell all end in set_password() and save()."""
    api = _token(world.editor)
    world.editor.set_password("Sandi-Baru-Kuat-88")
    world.editor.save()
    assert api.get("/api/v1/reports/").status_code == 401


def test_a_hash_upgraded_at_login_or_another_save_keeps_them(client, world, settings):
    """Django re-hashes a password with more iterations at login: the password is the same, so are the tokens."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    user = world.editor
    user.password = PBKDF2PasswordHasher().encode("kata-sandi-lama-1", "garamgaramgaram", iterations=1000)
    user.save()
    api = _token(user)
    old_hash = user.password
    response = client.post("/accounts/login/", {"username": user.username, "password": "kata-sandi-lama-1"})
    assert response.status_code == 302, response.content.decode()[:500]
    user.refresh_from_db()
    assert user.password != old_hash  # upgraded
    user.first_name = "Nama"
    user.save()
    assert api.get("/api/v1/reports/").status_code == 200
