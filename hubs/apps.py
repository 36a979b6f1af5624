from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubsConfig(AppConfig):
    name = "hubs"
    verbose_name = _("Hub JIPP")

    def ready(self):
        from hubs import (
            selectors,
            signals,  # noqa: F401 — connects the membership audit receivers
        )
        from jipp.permissions import register_membership_source

        # The core's permission layer learns memberships and hubs from this app.
        register_membership_source(selectors.MembershipSource)
