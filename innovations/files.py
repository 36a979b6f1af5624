"""Upload checks shared by every form and API endpoint that takes a file.

The type is decided by the content, never by the name or the browser's claim: a renamed
executable is refused. Images are re-encoded by Pillow, which drops EXIF (GPS included) and any
payload hidden after the image data. Office files are ZIP containers, so they are opened and
bounded (entry count, total uncompressed size, compression ratio) to refuse zip bombs.

We sniff the few types we accept with their published signatures rather than libmagic, which a
user's machine may lack; puremagic and friends cannot tell DOCX from XLSX without the same ZIP
inspection anyway.
"""

import io
import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = getattr(settings, "JIPP_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
MAX_IMAGE_PIXELS = 40_000_000
MAX_ZIP_ENTRIES = 2_000
MAX_ZIP_UNCOMPRESSED = 100 * 1024 * 1024
MAX_ZIP_RATIO = 100

OOXML = {
    "word/": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xl/": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ppt/": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
IMAGE_FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}

DOCUMENT_KINDS = {"pdf", "docx", "xlsx", "pptx", "jpg", "png", "webp"}
IMAGE_KINDS = {"jpg", "png", "webp"}


@dataclass
class CheckedFile:
    """A file that passed the checks: its sniffed kind, MIME type, safe name and (possibly re-encoded) bytes."""

    kind: str
    content_type: str
    original_name: str
    content: bytes

    def as_django_file(self) -> SimpleUploadedFile:
        stem = os.path.splitext(self.original_name)[0] or "berkas"
        return SimpleUploadedFile(f"{stem}.{self.kind}", self.content, content_type=self.content_type)


def safe_name(name: str) -> str:
    """The user's file name reduced to safe characters, for display only (storage paths are random)."""
    base = os.path.basename((name or "").replace("\\", "/"))
    return (get_valid_filename(base) if base.strip(". ") else "berkas")[:200] or "berkas"


def _read_bounded(uploaded, limit: int) -> bytes:
    # Refuse by the declared size first, then read at most limit+1 bytes: an oversize file is
    # never read whole into memory.
    size = getattr(uploaded, "size", None)
    if size is not None and size > limit:
        raise _too_big(limit)
    uploaded.seek(0)
    data = uploaded.read(limit + 1)
    if len(data) > limit:
        raise _too_big(limit)
    if not data:
        raise ValidationError(_("Berkas kosong."), code="empty")
    return data


def _too_big(limit: int) -> ValidationError:
    return ValidationError(
        _("Berkas terlalu besar: paling besar %(mb)s MB."), params={"mb": limit // (1024 * 1024)}, code="too_large"
    )


def _sniff_zip_office(data: bytes):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise ValidationError(_("Berkas Office berisi terlalu banyak bagian."), code="zip_bomb")
            total = sum(i.file_size for i in infos)
            if total > MAX_ZIP_UNCOMPRESSED or total > MAX_ZIP_RATIO * max(len(data), 1):
                raise ValidationError(_("Berkas Office tidak wajar (terlalu besar bila diekstrak)."), code="zip_bomb")
            names = {i.filename for i in infos}
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, result in OOXML.items():
        if any(n.startswith(prefix) for n in names):
            return result
    return None


def _image(data: bytes):
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as img:
            fmt = img.format
            if fmt not in IMAGE_FORMATS:
                return None
            img.load()
            img = ImageOps.exif_transpose(img)  # keep the photo upright once EXIF is gone
            if img.mode not in ("RGB", "RGBA", "L"):
                img = img.convert("RGB")
            if fmt == "JPEG" and img.mode == "RGBA":
                img = img.convert("RGB")
            out = io.BytesIO()
            # Saving without exif=... writes no EXIF; a fresh encode drops trailing payloads too.
            img.save(out, format=fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError, ValueError):
        return None
    kind, mime = IMAGE_FORMATS[fmt]
    return kind, mime, out.getvalue()


def check_upload(uploaded, *, allowed: set[str] = DOCUMENT_KINDS, limit: int = MAX_UPLOAD_BYTES) -> CheckedFile:
    """Validate an uploaded file by content and return it ready to store, or raise ValidationError."""
    data = _read_bounded(uploaded, limit)
    name = safe_name(getattr(uploaded, "name", "") or "")
    if data.startswith(b"%PDF-") and "pdf" in allowed:
        return CheckedFile("pdf", "application/pdf", name, data)
    if data[:4] == b"PK\x03\x04":
        office = _sniff_zip_office(data)
        if office and office[0] in allowed:
            return CheckedFile(office[0], office[1], name, data)
    if allowed & IMAGE_KINDS:
        image = _image(data)
        if image and image[0] in allowed:
            return CheckedFile(image[0], image[1], name, image[2])
    raise ValidationError(
        _("Jenis berkas tidak diizinkan. Yang diterima: %(kinds)s."),
        params={"kinds": ", ".join(sorted(k.upper() for k in allowed))},
        code="bad_type",
    )
