"""The profile page for API tokens: create (shown once), list with last use, revoke."""

import datetime

import pytest
from django.utils import timezone

from jipp.models import ApiToken
from jipp.tokens import api_token_create
from tests.factories.hubs import UserFactory

pytestmark = pytest.mark.django_db

URL = "/accounts/tokens/"


@pytest.fixture
def user():
    return UserFactory(username="pengguna")


def test_page_needs_login(client, settings):
    response = client.get(URL)
    assert response.status_code == 302
    assert "next=/accounts/tokens/" in response["Location"]


def test_create_shows_the_token_once(client, user):
    client.force_login(user)
    response = client.post(URL, {"name": "Sinkronisasi JIPPNas", "read_only": "on"})
    assert response.status_code == 201
    token = ApiToken.objects.get(user=user)
    assert token.read_only is True
    html = response.content.decode()
    start = html.index('id="new-token"')
    plaintext = html[start:].split('value="', 1)[1].split('"', 1)[0]
    assert plaintext.startswith(token.prefix + ".")
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    # The next visit lists the token but never shows its secret again.
    again = client.get(URL).content.decode()
    assert "Sinkronisasi JIPPNas" in again
    assert plaintext not in again
    # And the token works.
    api = client.__class__()
    assert api.get("/api/v1/hubs/", HTTP_AUTHORIZATION=f"Token {plaintext}").status_code == 200


def test_create_with_expiry_ends_at_the_end_of_that_day(client, user):
    client.force_login(user)
    day = timezone.localdate() + datetime.timedelta(days=30)
    client.post(URL, {"name": "Dasbor", "expires_on": day.isoformat()})
    token = ApiToken.objects.get(user=user)
    assert timezone.localtime(token.expires_at).date() == day + datetime.timedelta(days=1)
    assert timezone.localtime(token.expires_at).time() == datetime.time.min


def test_invalid_input_is_shown_next_to_the_field_and_kept(client, user):
    client.force_login(user)
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = client.post(URL, {"name": "", "expires_on": yesterday})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="name-error"' in html and 'id="expires_on-error"' in html
    assert 'aria-invalid="true"' in html
    assert f'value="{yesterday}"' in html
    assert not ApiToken.objects.exists()


def test_list_shows_last_use(client, user):
    token, _ = api_token_create(user=user, name="Dipakai")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    api_token_create(user=user, name="Belum dipakai")
    client.force_login(user)
    html = client.get(URL).content.decode()
    assert "Belum pernah" in html  # the unused token
    assert html.count("Aktif") >= 2


def test_owner_revokes_and_the_token_stops_working(client, user):
    token, plaintext = api_token_create(user=user, name="Lama")
    client.force_login(user)
    response = client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    api = client.__class__()
    assert api.get("/api/v1/hubs/", HTTP_AUTHORIZATION=f"Token {plaintext}").status_code == 401
    assert "Dicabut" in client.get(URL).content.decode()


def test_nobody_revokes_another_users_token(client, user):
    token, _ = api_token_create(user=UserFactory(username="lain"), name="Milik orang lain")
    client.force_login(user)
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_other_users_tokens_are_not_listed(client, user):
    api_token_create(user=UserFactory(username="lain"), name="Rahasia orang lain")
    client.force_login(user)
    assert "Rahasia orang lain" not in client.get(URL).content.decode()
