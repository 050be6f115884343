"""The one validated path for uploaded files: size, type by content, and a safe name.

Every model field that stores an upload uses `validate_upload` as its validator and
`safe_upload_name` for the stored name, so no later feature can forget a check.
"""

import io
import re
import struct
import unicodedata
import uuid
import zipfile
import zlib
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
# Office files are zip archives; filetype may only see the zip container. Office Open XML files
# hold their content types and a folder of their own; OpenDocument files name their type first.
OOXML_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
OPENDOCUMENT_TYPES = {"odt", "ods"}
# What a browser would take for a page, anywhere in a text file.
_MARKUP = re.compile(rb"<\s*(script|html|iframe|svg|object|embed)\b", re.IGNORECASE)
_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"
# An Office file is unpacked to be checked: what it unpacks to is bounded first.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


def extension_of(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def validate_upload(upload: UploadedFile) -> None:
    """Refuse a file that is too large, of a type not allowed, or whose content – all of it, not
    only its first bytes – is not what its type says."""
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
    content = upload.read()
    upload.seek(0)
    if not _content_matches(extension, content):
        raise ValidationError(
            _("The content of the file does not match its type .%(ext)s.") % {"ext": extension},
            code="content_mismatch",
        )


def _content_matches(extension: str, content: bytes) -> bool:
    if extension in TEXT_TYPES:
        return _is_plain_text(content)
    kind = filetype.guess(content)
    if kind is None:
        return False
    if kind.mime == ALLOWED_TYPES[extension]:
        return _is_whole(kind.extension, content)
    return (
        extension in OOXML_FOLDERS.keys() | OPENDOCUMENT_TYPES
        and kind.extension == "zip"
        and (_is_office_file(extension, content))
    )


def _is_plain_text(content: bytes) -> bool:
    if b"\x00" in content or _MARKUP.search(content):
        return False
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _is_whole(kind: str, content: bytes) -> bool:
    """The file ends where its format says it ends: nothing is hidden after it."""
    if kind == "pdf":
        return b"%%EOF" in content[-1024:]
    if kind == "png":
        return _png_chunks_hold(content)
    if kind == "jpg":
        return content.rstrip(b"\x00\r\n").endswith(b"\xff\xd9")
    # Office formats that filetype recognises themselves are zip archives too.
    return _is_office_file(kind, content)


def _png_chunks_hold(content: bytes) -> bool:
    """Every chunk after the signature has its length and checksum right, and IEND is last."""
    position = 8
    while position + 12 <= len(content):
        (length,) = struct.unpack(">I", content[position : position + 4])
        chunk = content[position + 4 : position + 8 + length]
        (checksum,) = struct.unpack(">I", content[position + 8 + length : position + 12 + length])
        if len(chunk) != 4 + length or zlib.crc32(chunk) != checksum:
            return False
        position += 12 + length
        if chunk[:4] == b"IEND":
            return position == len(content)
    return False


def _is_office_file(extension: str, content: bytes) -> bool:
    """A readable zip archive with the parts of its format, every member intact."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
                return False
            names = [member.filename for member in members]
            if extension in OPENDOCUMENT_TYPES:
                parts_present = (
                    names[:1] == ["mimetype"]
                    and archive.read("mimetype") == ALLOWED_TYPES[extension].encode()
                )
            else:
                folder = OOXML_FOLDERS.get(extension, "")
                parts_present = "[Content_Types].xml" in names and any(
                    name.startswith(folder) for name in names
                )
            return parts_present and archive.testzip() is None
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        KeyError,
        zlib.error,
        NotImplementedError,
        RuntimeError,
    ):
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
