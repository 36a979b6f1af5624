"""Login forms that refuse impossible usernames before any backend (or django-axes) sees them.

Django's AuthenticationForm sets the username's max_length after the field is built, so no length
validator runs, and a NUL byte reaches the database lookup: PostgreSQL then raises (a 500), and
django-axes fails to store a 5 000-character username in its 255-character column. Both forms
here validate the username like any other field first.
"""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hubs.audit import security_event_record
from hubs.choices import SecurityEventKind


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
