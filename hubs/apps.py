from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubsConfig(AppConfig):
    name = "hubs"
    verbose_name = _("Hub JIPP")

    def ready(self):
        from jipp import cache

        from . import dashboard

        # Every committed write of a content row, of any app, makes everything cached stale (jipp.cache).
        cache.watch_content()
        # The benchmarking table is exportable through the reporting jobs.
        dashboard.register_benchmark_export()
        from . import signals  # noqa: F401 — connects the security audit receivers
