"""Services for personal API tokens: create (the secret is returned once), revoke, and check a presented token."""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jipp.audit import security_event_record
from jipp.choices import SecurityEventKind
from jipp.models import ApiToken

# Writing `last_used_at` on every request would turn each read into a write; once a minute is precise enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str, expires_at: datetime | None = None, read_only: bool = False):
    """Create a token for `user` and return `(token_row, plaintext)`; the plaintext is never stored."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Nama token wajib diisi.")}, code="required")
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("Tanggal kedaluwarsa harus di masa depan.")}, code="past")
    prefix = secrets.token_hex(6)
    while ApiToken.objects.filter(prefix=prefix).exists():  # 48 bits: a clash is rare, but must not be fatal
        prefix = secrets.token_hex(6)
    plaintext = f"{prefix}.{secrets.token_urlsafe(32)}"
    token = ApiToken(user=user, name=name, prefix=prefix, key_hash=hash_token(plaintext), read_only=read_only)
    token.expires_at = expires_at
    token.full_clean()
    token.save()
    security_event_record(
        kind=SecurityEventKind.TOKEN_CREATED,
        user=user,
        detail={"token_id": token.pk, "prefix": prefix, "name": name, "read_only": read_only},
    )
    return token, plaintext


@transaction.atomic
def api_token_revoke(*, token: ApiToken, user) -> ApiToken:
    """Revoke one of the user's own tokens (idempotent: a revoked token keeps its first revocation time)."""
    if token.user_id != user.pk:
        raise PermissionDenied(_("Token ini bukan milik Anda."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        security_event_record(
            kind=SecurityEventKind.TOKEN_REVOKED,
            user=user,
            detail={"token_id": token.pk, "prefix": token.prefix, "name": token.name},
        )
    return token


def api_tokens_revoke_all(*, user, reason: str) -> int:
    """Revoke every active token of `user` (e.g. when the password changes): returns how many."""
    now = timezone.now()
    revoked = 0
    for token in ApiToken.objects.filter(user=user, revoked_at__isnull=True).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    ):
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        security_event_record(
            kind=SecurityEventKind.TOKEN_REVOKED,
            user=user,
            detail={"token_id": token.pk, "prefix": token.prefix, "name": token.name, "reason": reason},
        )
        revoked += 1
    return revoked


def api_token_check(plaintext: str) -> ApiToken | None:
    """The active token matching `plaintext`, or None (unknown, wrong secret, revoked or expired).

    Also records when the token was last used.
    """
    prefix, sep, secret = (plaintext or "").partition(".")
    if not sep or not prefix or not secret or len(prefix) > 16:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    # Constant-time comparison: the hash must not leak through timing.
    if token is None or not hmac.compare_digest(token.key_hash, hash_token(plaintext)):
        return None
    now = timezone.now()
    if not token.is_active(now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
