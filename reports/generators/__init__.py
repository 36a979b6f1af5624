"""Report generators: one module per report kind, registered in `base.REGISTRY`.

Each kind provides `prepare(user, params) -> (params, title)` (validation and permission, run when the
job is requested and again when it runs) and `generate(job, path, progress) -> row_count`, which
writes the whole file to `path` (a temporary file; the service stores it only when complete).
"""

# Importing the modules registers their kinds.
from reports.generators import hub_profile, innovation_profile, network_recap, tpbis_impact  # noqa: F401
from reports.generators.base import REGISTRY, ReportError, get_spec

__all__ = ["REGISTRY", "ReportError", "get_spec"]
