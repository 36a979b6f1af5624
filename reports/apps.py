from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"

    def ready(self):
        from jipp.jobs import register_sweeper

        from . import services

        # Jobs requested while the broker was down are published when a worker connects to it again.
        register_sweeper("report", services.report_jobs_sweep)
