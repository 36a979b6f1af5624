from .imports import ImportJob, ImportKind, ImportStatus
from .innovation import (
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
from .story import PERSONAL_FIELDS, ActivityType, ImpactStory, Indicator, Measurement, Programme, StoryPhoto
from .workflow import Reviewable, ReviewEvent

__all__ = [
    "ASPECT_FIELDS",
    "PERSONAL_FIELDS",
    "SDG",
    "ActivityType",
    "Attachment",
    "Award",
    "Category",
    "ImpactStory",
    "ImportJob",
    "ImportKind",
    "ImportStatus",
    "Indicator",
    "Innovation",
    "InnovationSDG",
    "Measurement",
    "Programme",
    "Replication",
    "ReplicationEvidence",
    "Reviewable",
    "ReviewEvent",
    "StoryPhoto",
    "UploadedFile",
]
