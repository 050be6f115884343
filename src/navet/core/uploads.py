"""The one validated path for uploaded files: size, type by content, and a safe name.

Every model field that stores an upload uses `validate_upload` as its validator and
`safe_upload_name` for the stored name, so no later feature can forget a check.
"""

import unicodedata
import uuid
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

# Extension → the MIME type the file's content must have. Text formats have no signature:
# they must decode as UTF-8 or Windows-1252 and contain no NUL bytes or markup.
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "csv": "text/csv",
    "txt": "text/plain",
    "json": "application/json",
}
TEXT_TYPES = {"csv", "txt", "json"}
# Office files are zip archives; filetype may only see the zip container.
ZIP_TYPES = {"docx", "xlsx", "pptx", "odt", "ods"}
_SNIFF_BYTES = 8192


def extension_of(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def validate_upload(upload: UploadedFile) -> None:
    """Refuse a file that is too large, of a type not allowed, or whose content lies about it."""
    limit = settings.NAVET_UPLOAD_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("The file is too large. The largest allowed size is %(limit)s.")
            % {"limit": filesizeformat(limit)},
            code="too_large",
        )
    extension = extension_of(upload.name or "")
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _("Files of type .%(ext)s are not allowed. Allowed types: %(allowed)s.")
            % {"ext": extension or "?", "allowed": ", ".join(sorted(ALLOWED_TYPES))},
            code="type_not_allowed",
        )
    upload.seek(0)
    head = upload.read(_SNIFF_BYTES)
    upload.seek(0)
    if not _content_matches(extension, head):
        raise ValidationError(
            _("The content of the file does not match its type .%(ext)s.") % {"ext": extension},
            code="content_mismatch",
        )


def _content_matches(extension: str, head: bytes) -> bool:
    if extension in TEXT_TYPES:
        return _is_plain_text(head)
    kind = filetype.guess(head)
    if kind is None:
        return False
    if kind.mime == ALLOWED_TYPES[extension]:
        return True
    return extension in ZIP_TYPES and kind.extension == "zip"


def _is_plain_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        lowered = text.lower()
        return "<script" not in lowered and "<html" not in lowered
    return False


def safe_upload_name(original: str) -> str:
    """A stored name no user can steer: a random folder, the base name only, ASCII-safe."""
    base = PurePath(original.replace("\\", "/")).name
    ascii_name = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    try:
        cleaned = get_valid_filename(ascii_name)
    except SuspiciousFileOperation:
        cleaned = "fil"
    return f"{uuid.uuid4().hex}/{cleaned[-100:]}"
