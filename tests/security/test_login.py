"""Login hardening: lockout after repeated failures (django-axes), staff idle timeout, password rules and reset."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError

from jipp.choices import SecurityEventKind
from jipp.middleware import SEEN_KEY, STAFF_FLAG
from jipp.models import SecurityEvent
from tests.api.conftest import token_client
from tests.factories.hubs import PASSWORD, UserFactory, staff_user

LOGIN = "/accounts/login/"


def _fail(client, username, times=1):
    for _ in range(times):
        client.post(LOGIN, {"username": username, "password": "salah-sekali"})


@pytest.mark.django_db
def test_failures_up_to_the_limit_are_form_errors_then_the_login_is_locked(client):
    """Five wrong passwords give the usual form error; from then on even the right password gets 429."""
    user = UserFactory(username="sasaran")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(LOGIN, {"username": "sasaran", "password": "salah"})
        assert response.status_code == 200
        assert not response.wsgi_request.user.is_authenticated
    client.post(LOGIN, {"username": "sasaran", "password": "salah"})
    locked = client.post(LOGIN, {"username": "sasaran", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Login dikunci sementara" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.LOGIN_LOCKED_OUT, detail__username="sasaran").exists()
    assert user.security_events.filter(kind=SecurityEventKind.LOGIN_SUCCEEDED).count() == 0


@pytest.mark.django_db
def test_lockout_is_per_username_and_address_so_other_accounts_still_log_in(client):
    """Locking one account does not lock others from the same address (no collateral lockout)."""
    UserFactory(username="sasaran")
    UserFactory(username="lain")
    _fail(client, "sasaran", settings.AXES_FAILURE_LIMIT)
    response = client.post(LOGIN, {"username": "lain", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


@pytest.mark.django_db
def test_a_success_before_the_limit_resets_the_failure_count(client):
    """Four failures, a success, then four more failures: still not locked."""
    UserFactory(username="pelupa")
    _fail(client, "pelupa", settings.AXES_FAILURE_LIMIT - 1)
    assert client.post(LOGIN, {"username": "pelupa", "password": PASSWORD}).status_code == 302
    client.post("/accounts/logout/")
    _fail(client, "pelupa", settings.AXES_FAILURE_LIMIT - 1)
    assert client.post(LOGIN, {"username": "pelupa", "password": PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_api_tokens_keep_working_while_the_password_login_is_locked(client):
    """Axes guards passwords only: the user's API token (hubs.authentication) is not a login attempt."""
    user = UserFactory(username="integrasi")
    api = token_client(user)
    _fail(client, "integrasi", settings.AXES_FAILURE_LIMIT)
    assert client.post(LOGIN, {"username": "integrasi", "password": PASSWORD}).status_code == 429
    assert api.get("/api/v1/innovations/").status_code == 200


@pytest.mark.django_db
def test_admin_login_is_locked_too(client):
    """The admin site's login goes through the same backends, so it is locked after the same failures."""
    UserFactory(username="admin_x", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "admin_x", "password": "salah"})
    response = client.post("/admin/login/", {"username": "admin_x", "password": PASSWORD})
    assert response.status_code == 429


@pytest.mark.django_db
def test_staff_sessions_expire_after_the_idle_timeout(client):
    """A ministry staff login gets STAFF_SESSION_IDLE_SECONDS; a hub member keeps the normal session age."""
    staff = staff_user(username="staf_sesi")
    client.post(LOGIN, {"username": "staf_sesi", "password": PASSWORD})
    assert client.session[STAFF_FLAG] is True
    assert client.session.get_expiry_age() == settings.STAFF_SESSION_IDLE_SECONDS
    assert staff.security_events.filter(kind=SecurityEventKind.LOGIN_SUCCEEDED).count() == 1


@pytest.mark.django_db
def test_non_staff_sessions_keep_the_default_age(client):
    """A user who is not staff keeps Django's normal session age (SESSION_COOKIE_AGE)."""
    UserFactory(username="warga")
    client.post(LOGIN, {"username": "warga", "password": PASSWORD})
    assert STAFF_FLAG not in client.session
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


@pytest.mark.django_db
def test_staff_session_idle_expiry_slides_with_activity(client):
    """A request after the refresh interval pushes the expiry forward; the session is then still valid."""
    staff_user(username="staf_aktif")
    client.post(LOGIN, {"username": "staf_aktif", "password": PASSWORD})
    session = client.session
    session[SEEN_KEY] = session[SEEN_KEY] - 3600  # last seen an hour ago, by the session's own clock
    session.save()
    assert client.get("/").status_code == 200
    assert client.session[SEEN_KEY] > session[SEEN_KEY] + 3000


@pytest.mark.django_db
def test_an_expired_staff_session_asks_to_log_in_again(client):
    """Once the idle time has passed the session is gone: a login-only page redirects to the login."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    staff_user(username="staf_lama")
    client.post(LOGIN, {"username": "staf_lama", "password": PASSWORD})
    Session.objects.filter(session_key=client.session.session_key).update(expire_date=timezone.now())
    response = client.get("/reports/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_password_validators_refuse_weak_passwords():
    """Django's validators are on: short, common, numeric and username-like passwords are refused."""
    for weak in ("abc", "password123", "12345678901", "aaaaaaaa"):
        with pytest.raises(ValidationError):
            validate_password(weak)


@pytest.mark.django_db
def test_password_reset_does_not_reveal_whether_an_email_exists(client):
    """Known and unknown addresses get the same redirect; only the known one receives a mail."""
    UserFactory(username="ada", email="ada@contoh.go.id")
    known = client.post("/accounts/password_reset/", {"email": "ada@contoh.go.id"})
    unknown = client.post("/accounts/password_reset/", {"email": "tidak-ada@contoh.go.id"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mail.outbox] == [["ada@contoh.go.id"]]
