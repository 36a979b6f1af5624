from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JippConfig(AppConfig):
    """The portal's core: permissions, the security audit log, API tokens, API plumbing, cache, jobs."""

    name = "jipp"
    verbose_name = _("Inti portal")

    def ready(self):
        from jipp import (
            cache,
            signals,  # noqa: F401 — connects the security audit receivers
        )

        # Every committed write of a content row, of any app, makes everything cached stale (jipp.cache).
        cache.watch_content()
