from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"

    def ready(self):
        from jipp.jobs import register_job_type
        from reports import services
        from stories.signals import story_personal_data_withdrawn

        # Jobs requested while the broker was down are published when a worker connects to it again.
        register_job_type(services.REPORT_JOBS)
        # Erasure and consent withdrawal reach the files already made (weak=False: the receiver is a
        # module-level function kept for the life of the process anyway).
        story_personal_data_withdrawn.connect(_withdraw_report_files, weak=False, dispatch_uid="reports_withdraw")


def _withdraw_report_files(sender, story_id, hub_id=None, reason="", **kwargs):
    from reports import services

    services.report_files_withdraw_personal(story_id=story_id, hub_id=hub_id, reason=reason)
