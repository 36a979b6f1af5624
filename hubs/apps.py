from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubsConfig(AppConfig):
    name = "hubs"
    verbose_name = _("Hub JIPP")

    def ready(self):
        from . import dashboard

        # Writes to the models behind the dashboard bump its cache version (see hubs/dashboard.py).
        dashboard.connect_invalidation()
        # The benchmarking table is exportable through the reporting jobs.
        dashboard.register_benchmark_export()
