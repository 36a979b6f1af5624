from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jipp.choices import SecurityEventKind


class ApiToken(models.Model):
    """A user's personal API token. Only a SHA-256 hash of the secret is stored; the token is shown once.

    The token reads `<prefix>.<secret>`: the prefix finds the row, the hash of the whole token proves it.
    A token acts with its user's permissions; a read-only token refuses every write.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("pengguna")
    )
    name = models.CharField(_("nama"), max_length=100)
    prefix = models.CharField(_("awalan"), max_length=16, unique=True)
    key_hash = models.CharField(_("hash SHA-256"), max_length=64)
    read_only = models.BooleanField(_("hanya baca"), default=False)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    expires_at = models.DateTimeField(_("kedaluwarsa pada"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)

    class Meta:
        db_table = "hubs_apitoken"
        ordering = ["-created_at", "pk"]
        verbose_name = _("token API")
        verbose_name_plural = _("token API")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def is_active(self, now=None) -> bool:
        from django.utils import timezone

        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


class SecurityEvent(models.Model):
    """One security-relevant event, kept for audit: logins, tokens, denials, role changes, erasures.

    Append-only: rows are written by jipp.audit.security_event_record and never edited; the admin
    shows them read-only. `user` is who acted (or who was attempted, for a failed login of a known
    account); `detail` holds the event's particulars (never a password or a token secret).
    """

    kind = models.CharField(_("jenis"), max_length=32, choices=SecurityEventKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="security_events",
        verbose_name=_("pengguna"),
    )
    ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    path = models.CharField(_("path"), max_length=500, blank=True)
    detail = models.JSONField(_("rincian"), default=dict, blank=True)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    class Meta:
        db_table = "hubs_securityevent"
        ordering = ["-created_at", "-pk"]
        verbose_name = _("peristiwa keamanan")
        verbose_name_plural = _("peristiwa keamanan")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=SecurityEventKind.values), name="securityevent_kind_valid"),
        ]
        indexes = [
            models.Index(fields=["kind", "-created_at"], name="secevent_kind_created"),
            models.Index(fields=["user", "-created_at"], name="secevent_user_created"),
            models.Index(fields=["ip", "-created_at"], name="secevent_ip_created"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.user or '—'} · {self.created_at:%Y-%m-%d %H:%M}"
