from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataioConfig(AppConfig):
    """Data in and out: spreadsheet imports, list exports, reference and demo seeding."""

    name = "dataio"
    verbose_name = _("Impor dan ekspor data")

    def ready(self):
        from dataio import exports  # noqa: F401 — registers the list exports as report kinds
        from dataio.importers.jobs import IMPORT_JOBS
        from jipp.jobs import register_job_type
        from stories.signals import story_personal_data_withdrawn

        # Imports requested while the broker was down are published when a worker connects to it again.
        register_job_type(IMPORT_JOBS)
        # Story spreadsheets waiting for confirmation may hold a person whose data was withdrawn.
        story_personal_data_withdrawn.connect(_withdraw_import_files, weak=False, dispatch_uid="imports_withdraw")


def _withdraw_import_files(sender, story_id, hub_id=None, reason="", **kwargs):
    from dataio.importers.jobs import import_files_withdraw_personal

    import_files_withdraw_personal(story_id=story_id, hub_id=hub_id, reason=reason)
