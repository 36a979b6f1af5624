"""Responses that serve a stored file (uploads and generated reports), built in one place."""

import mimetypes
import os

from django.http import FileResponse, Http404
from django.utils.http import content_disposition_header

# A served file is data, never a page: no script, no plugin, no form, in a sandbox of its own even
# if a browser were talked into rendering it.
FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
# Personal or unpublished files must not stay in a shared cache (a proxy, a CDN) once consent is
# withdrawn or access is lost: nobody but the requester's browser keeps them, and only in memory.
PRIVATE = "private, no-store"
# Published, consented content may be kept by shared caches, but only if they ask us again before
# each reuse: after a withdrawal the next revalidation finds a 404, not the old copy.
PUBLIC_REVALIDATE = "public, no-cache"


def harden_file_response(response: FileResponse, *, filename: str, inline: bool = False) -> FileResponse:
    """Set Content-Disposition (attachment unless `inline`), nosniff and a locked-down CSP.

    `inline` is for images the portal shows in its own pages (story photos, re-encoded on upload);
    everything else downloads. The name is encoded as RFC 6266 asks.
    """
    response["Content-Disposition"] = content_disposition_header(not inline, filename or "file")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    return response


def download_name(stem: str, stored_name: str) -> str:
    """`stem` with the stored file's extension, which the upload checks chose from the sniffed content.

    The user's own extension is never reused: a PDF uploaded as `x.html` downloads as `x.pdf`.
    """
    stem = os.path.splitext(os.path.basename(stem or ""))[0] or "berkas"
    ext = os.path.splitext(stored_name or "")[1]
    return f"{stem}{ext}"


def stored_file_response(
    field_file, *, stem: str, content_type: str | None = None, inline: bool = False, cache_control: str = PRIVATE
) -> FileResponse:
    """Serve a FieldFile through the storage API, named `stem` + its stored extension, hardened.

    A file missing from storage is a 404, not a 500 (it may have been erased or expired meanwhile).
    """
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    name = download_name(stem, field_file.name)
    content_type = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=not inline, filename=name, content_type=content_type)
    harden_file_response(response, filename=name, inline=inline)
    response["Cache-Control"] = cache_control
    return response
