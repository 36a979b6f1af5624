"""Login forms that refuse impossible usernames before any backend (or django-axes) sees them.

Django's AuthenticationForm sets the username's max_length after the field is built, so no length
validator runs, and a NUL byte reaches the database lookup: PostgreSQL then raises (a 500), and
django-axes fails to store a 5 000-character username in its 255-character column. Both forms
here validate the username like any other field first.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.views import PasswordResetView
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jipp.audit import client_ip, security_event_record
from jipp.choices import SecurityEventKind
from jipp.models import SecurityEvent


class _BoundedUsernameMixin:
    def clean_username(self):
        username = self.cleaned_data.get("username") or ""
        limit = self.fields["username"].max_length or 150
        if len(username) > limit or "\x00" in username:
            # Still a failed login for the audit log (no backend ran, so no signal fires).
            security_event_record(
                kind=SecurityEventKind.LOGIN_FAILED,
                request=self.request,
                detail={"username": username, "reason": "impossible_username"},
            )
            # The same message as a wrong password: the form does not say which part was wrong.
            raise ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )
        return username

    def clean(self):
        if "username" not in self.cleaned_data:
            raise ValidationError(_("Periksa nama pengguna dan kata sandi Anda."), code="invalid_login")
        return super().clean()


class PortalAuthenticationForm(_BoundedUsernameMixin, AuthenticationForm):
    pass


class PortalAdminAuthenticationForm(_BoundedUsernameMixin, AdminAuthenticationForm):
    pass


class PortalPasswordResetForm(PasswordResetForm):
    """Django's reset form, limited per client address and per e-mail address.

    Each request is counted in the security audit log (as an e-mail hash, not the address): the log is
    shared by every web process and survives a cache outage, which a cache-based limiter does not.
    Going over a limit says so whether or not the address has an account, so it reveals nothing.
    """

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_email(self):
        email = self.cleaned_data["email"]
        email_hash = hashlib.sha256(email.strip().lower().encode()).hexdigest()
        since = timezone.now() - timedelta(hours=1)
        recent = SecurityEvent.objects.filter(kind=SecurityEventKind.PASSWORD_RESET_REQUESTED, created_at__gte=since)
        ip = client_ip(self.request) if self.request is not None else None
        too_many = (ip and recent.filter(ip=ip).count() >= settings.PASSWORD_RESET_LIMIT_PER_ADDRESS) or (
            recent.filter(detail__email_hash=email_hash).count() >= settings.PASSWORD_RESET_LIMIT_PER_EMAIL
        )
        if too_many:
            raise ValidationError(
                _("Terlalu banyak permintaan atur ulang kata sandi. Coba lagi dalam satu jam."), code="rate_limited"
            )
        security_event_record(
            kind=SecurityEventKind.PASSWORD_RESET_REQUESTED, request=self.request, detail={"email_hash": email_hash}
        )
        return email


class PortalPasswordResetView(PasswordResetView):
    form_class = PortalPasswordResetForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error("email", "rate_limited"):
            response.status_code = 429
        return response
