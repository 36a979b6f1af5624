"""Throttles whose rates come from settings at request time (so tests and operators can change them)."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _LiveRateMixin:
    def get_rate(self):
        # DRF copies the rates into a class attribute at import; read the current settings instead.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_LiveRateMixin, AnonRateThrottle):
    """Anonymous clients, per IP address."""


class UserThrottle(_LiveRateMixin, UserRateThrottle):
    """Authenticated clients (session or token), per user."""
