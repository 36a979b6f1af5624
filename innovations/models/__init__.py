from innovations.models.innovation import (
    ASPECT_FIELDS,
    SDG,
    Attachment,
    Award,
    Category,
    Innovation,
    InnovationSDG,
    Replication,
    ReplicationEvidence,
    UploadedFile,
)
from innovations.models.workflow import Reviewable, ReviewEvent

__all__ = [
    "ASPECT_FIELDS",
    "SDG",
    "Attachment",
    "Award",
    "Category",
    "Innovation",
    "InnovationSDG",
    "Replication",
    "ReplicationEvidence",
    "Reviewable",
    "ReviewEvent",
    "UploadedFile",
]
