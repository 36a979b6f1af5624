"""Storage paths for uploaded files: unguessable, never derived from the user's file name."""

import secrets

from django.utils import timezone


def _random_path(prefix: str, filename: str) -> str:
    # The extension is chosen by the upload service from the sniffed type, not from the user's name.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{prefix}/{timezone.now():%Y/%m}/{secrets.token_urlsafe(24)}.{ext}"


def attachment_path(instance, filename):
    return _random_path("attachments", filename)


def replication_evidence_path(instance, filename):
    return _random_path("replications", filename)


def story_photo_path(instance, filename):
    return _random_path("story-photos", filename)


def consent_document_path(instance, filename):
    return _random_path("consent", filename)
