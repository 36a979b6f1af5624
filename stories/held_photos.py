"""A photo chosen on a story form, kept across a refused submit.

A browser cannot refill a file input, so a photo chosen on a form that comes back with an error was
silently lost. The form's view stores the photo (already checked and re-encoded without EXIF by
stories.services.story_photo_check) through Django's storage API under a random name, and the page
carries a signed token naming it, the user and the original file name. The next submit hands the
file to story_photo_add, which checks it again; it is removed once used, or once older than MAX_AGE
by the hourly beat task stories.held_photos_sweep (not on the request: listing the folder is a
paginated call on object storage); a signed token older than that is refused anyway.
"""

import secrets

from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

FIELD_NAME = "held_photo"
FOLDER = "held-photos"
MAX_AGE = 24 * 3600
_SALT = "stories.held-photo"


def hold(checked, *, user) -> str:
    """Store `checked` (an innovations.files.CheckedFile) and return the token the page carries."""
    name = default_storage.save(f"{FOLDER}/{secrets.token_urlsafe(24)}.{checked.kind}", checked.as_django_file())
    return signing.dumps({"n": name, "u": user.pk, "o": checked.original_name}, salt=_SALT)


def read(token: str, *, user) -> dict | None:
    """{"name", "original"} of a held photo, or None (no token, forged, expired, another user's, gone)."""
    if not token:
        return None
    try:
        data = signing.loads(token, salt=_SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("u") != user.pk or not str(data.get("n", "")).startswith(f"{FOLDER}/"):
        return None
    if not default_storage.exists(data["n"]):
        return None
    return {"name": data["n"], "original": data["o"], "token": token}


def as_upload(held: dict) -> SimpleUploadedFile:
    with default_storage.open(held["name"], "rb") as f:
        return SimpleUploadedFile(held["original"], f.read())


def discard(held: dict | None) -> None:
    if held:
        default_storage.delete(held["name"])


def sweep() -> int:
    """Delete held photos older than MAX_AGE; returns how many."""
    # Photos of people must not linger: whatever a failed form left behind goes after MAX_AGE.
    try:
        _dirs, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    deleted = 0
    cutoff = timezone.now() - timezone.timedelta(seconds=MAX_AGE)
    for file_name in files:
        path = f"{FOLDER}/{file_name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                deleted += 1
        except (FileNotFoundError, NotImplementedError):
            continue
    return deleted
