"""Password reset e-mails are limited per client address and per e-mail address, whether or not the
address has an account, and the limit holds across processes (it is counted in the audit log)."""

import pytest
from django.core import mail
from django.urls import reverse

from jipp.choices import SecurityEventKind
from jipp.models import SecurityEvent
from tests.factories.hubs import UserFactory

pytestmark = pytest.mark.django_db


def _ask(client, email, ip="203.0.113.7"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


def test_a_burst_from_one_address_is_stopped(client, settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 5
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 100
    UserFactory(username="korban", email="korban@example.go.id")
    statuses = [_ask(client, "korban@example.go.id").status_code for _ in range(15)]
    assert statuses[:5] == [302] * 5
    assert set(statuses[5:]) == {429}
    assert len(mail.outbox) == 5
    page = _ask(client, "korban@example.go.id").content.decode()
    assert "Terlalu banyak permintaan" in page  # in the portal's form, at the field


def test_one_email_address_is_limited_from_any_address(client, settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 100
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 3
    UserFactory(username="korban", email="korban@example.go.id")
    statuses = [_ask(client, "Korban@Example.go.id", ip=f"198.51.100.{i}").status_code for i in range(6)]
    assert statuses == [302, 302, 302, 429, 429, 429]
    assert len(mail.outbox) == 3


def test_the_limit_does_not_reveal_whether_an_account_exists(client, settings):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 2
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 100
    UserFactory(username="ada", email="ada@example.go.id")
    known = [_ask(client, "ada@example.go.id", ip="198.51.100.1").status_code for _ in range(3)]
    unknown = [_ask(client, "tidak-ada@example.go.id", ip="198.51.100.2").status_code for _ in range(3)]
    assert known == unknown == [302, 302, 429]


def test_requests_are_audited_without_the_address(client):
    _ask(client, "siapa@example.go.id")
    event = SecurityEvent.objects.get(kind=SecurityEventKind.PASSWORD_RESET_REQUESTED)
    assert "siapa" not in str(event.detail) and len(event.detail["email_hash"]) == 64
