from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataioConfig(AppConfig):
    """Data in and out: spreadsheet imports, list exports, reference and demo seeding."""

    name = "dataio"
    verbose_name = _("Impor dan ekspor data")

    def ready(self):
        from dataio import exports  # noqa: F401 — registers the list exports as report kinds
        from dataio.importers.jobs import IMPORT_JOBS
        from jipp.import_records import register_import_records
        from jipp.jobs import register_job_type
        from stories.signals import story_personal_data_withdrawn

        # Imports requested while the broker was down are published when a worker connects to it again.
        register_job_type(IMPORT_JOBS)
        # The lists' `?import_job=` filter: the records one import wrote.
        register_import_records(_imported_pks)
        # Story spreadsheets waiting for confirmation may hold a person whose data was withdrawn.
        story_personal_data_withdrawn.connect(_withdraw_import_files, weak=False, dispatch_uid="imports_withdraw")


def _withdraw_import_files(sender, story_id, hub_id=None, reason="", **kwargs):
    from dataio.importers.jobs import import_files_withdraw_personal

    import_files_withdraw_personal(story_id=story_id, hub_id=hub_id, reason=reason)


def _imported_pks(model, job_id, user):
    from dataio.importers.jobs import imported_pks

    return imported_pks(model=model, job_id=job_id, user=user)
