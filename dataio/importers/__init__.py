"""Spreadsheet import (XLSX/CSV) with a dry-run preview: see base.py for the machinery, jobs.py for the flow."""


def get_importer_class(kind: str):
    from dataio.importers.innovation import InnovationImporter
    from dataio.importers.replication import ReplicationImporter
    from dataio.importers.story import StoryImporter

    return {"innovations": InnovationImporter, "replications": ReplicationImporter, "stories": StoryImporter}[kind]
