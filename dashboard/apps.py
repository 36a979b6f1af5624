from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The pages that compose the network's figures: home, benchmarking, map and each hub's page."""

    name = "dashboard"
    verbose_name = _("Dasbor")

    def ready(self):
        from dashboard import selectors

        # The benchmarking table is exportable through the reporting jobs.
        selectors.register_benchmark_export()
