"""The profile page where a user manages their personal API tokens (create, see last use, revoke)."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache

from jipp.forms import apply_service_errors, bootstrapify
from jipp.models import ApiToken
from jipp.tokens import api_token_create, api_token_revoke


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Nama token"),
        max_length=100,
        help_text=_("Untuk apa token ini dipakai, misalnya “Sinkronisasi JIPPNas”."),
    )
    expires_on = forms.DateField(
        label=_("Berlaku sampai (opsional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Kosongkan agar token tidak kedaluwarsa. Token berhenti berlaku pada akhir tanggal yang dipilih."),
    )
    read_only = forms.BooleanField(
        label=_("Hanya baca"), required=False, help_text=_("Token hanya-baca tidak dapat mengubah data.")
    )

    def clean_expires_on(self):
        value = self.cleaned_data.get("expires_on")
        if value is not None and value < timezone.localdate():
            raise ValidationError(_("Tanggal kedaluwarsa tidak boleh di masa lalu."), code="past")
        return value

    def expires_at(self):
        value = self.cleaned_data.get("expires_on")
        if value is None:
            return None
        # The end of the chosen day in the portal's time zone.
        end = datetime.datetime.combine(value + datetime.timedelta(days=1), datetime.time.min)
        return timezone.make_aware(end)


@method_decorator(never_cache, name="dispatch")
class TokenListView(LoginRequiredMixin, View):
    template_name = "accounts/tokens.html"

    def render_page(self, request, form, new_token=None, status=200):
        tokens = ApiToken.objects.filter(user=request.user)
        ctx = {"form": bootstrapify(form), "tokens": tokens, "new_token": new_token, "now": timezone.now()}
        return render(request, self.template_name, ctx, status=status)

    def get(self, request):
        return self.render_page(request, ApiTokenForm())

    def post(self, request):
        form = ApiTokenForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, form, status=400)
        try:
            _token, plaintext = api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                expires_at=form.expires_at(),
                read_only=form.cleaned_data["read_only"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc, field_map={"expires_at": "expires_on"})
            return self.render_page(request, form, status=400)
        # Shown once, on this response only; never stored in plain text, never in a redirect or session.
        return self.render_page(request, ApiTokenForm(), new_token=plaintext, status=201)


class TokenRevokeView(LoginRequiredMixin, View):
    def post(self, request, pk):
        token = get_object_or_404(ApiToken, pk=pk, user=request.user)
        api_token_revoke(token=token, user=request.user)
        messages.success(request, _("Token “%(name)s” telah dicabut.") % {"name": token.name})
        return redirect("api_tokens")
