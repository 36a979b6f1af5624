"""Headers for every response that serves a stored file (uploads and generated reports)."""

from django.http import FileResponse
from django.utils.http import content_disposition_header

# A served file is data, never a page: no script, no plugin, no form, in a sandbox of its own even
# if a browser were talked into rendering it.
FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def harden_file_response(response: FileResponse, *, filename: str, inline: bool = False) -> FileResponse:
    """Set Content-Disposition (attachment unless `inline`), nosniff and a locked-down CSP.

    `inline` is for images the portal shows in its own pages (story photos, re-encoded on upload);
    everything else downloads. The name is the sanitised original name (RFC 6266 encoding).
    """
    response["Content-Disposition"] = content_disposition_header(not inline, filename or "file")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    return response
