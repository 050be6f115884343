import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from navet.core.uploads import safe_upload_name, validate_upload

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PAGE = b"<html><body><script>alert(document.cookie)</script></body></html>"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# One white pixel.
PNG = (
    b"\x89PNG\r\n\x1a\n"
    + _chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    + _chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
    + _chunk(b"IEND", b"")
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def _zip(*members: tuple[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # A fixed time: the content names the test, the same in every test process.
        for name, text in members:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


def _xlsx() -> bytes:
    return _zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>"))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.pdf", PDF),
        ("bild.png", PNG),
        ("foto.jpg", JPEG),
        ("budget.xlsx", _xlsx()),
        ("brev.docx", _zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w/>"))),
        ("tabell.ods", _zip(("mimetype", "application/vnd.oasis.opendocument.spreadsheet"))),
        ("utfall.csv", "Konto;Belopp\n4010;1 250,50\n".encode("cp1252")),
        ("anteckning.txt", "Behov från nätverksträffen".encode()),
    ],
)
def test_allowed_files_pass(name: str, content: bytes) -> None:
    validate_upload(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("program.exe", b"MZ\x90\x00", "type_not_allowed"),
        ("sida.html", b"<html></html>", "type_not_allowed"),
        ("utan-filandelse", PDF, "type_not_allowed"),
        ("falsk.pdf", b"<script>alert(1)</script>", "content_mismatch"),
        ("falsk.png", PDF, "content_mismatch"),
        ("skript.csv", b"a;b\n<script>alert(1)</script>", "content_mismatch"),
        ("binar.txt", b"abc\x00def", "content_mismatch"),
    ],
)
def test_wrong_types_and_lying_content_are_refused(name: str, content: bytes, code: str) -> None:
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile(name, content))
    assert error.value.code == code


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("lang.txt", "Behov från nätverksträffen. ".encode() * 400 + PAGE),
        (
            "lang.csv",
            b"Konto;Belopp\n" + b"4010;1 250,50\n" * 1000 + b"4011;<svg onload=alert(1)>\n",
        ),
        ("sen-nul.txt", b"a" * 10_000 + b"\x00"),
        ("bild.png", PNG + PAGE),
        ("trasig.png", PNG[:24] + b"\x10" + PNG[25:]),
        ("foto.jpg", JPEG + PAGE),
        ("rapport.pdf", PDF + PAGE * 100),
        ("arkiv.xlsx", _zip(("sida.html", PAGE.decode()))),
        ("brev.docx", _xlsx()),
        ("tabell.ods", _zip(("mimetype", "text/html"), ("index.html", PAGE.decode()))),
        ("skadad.xlsx", _xlsx()[:-30] + b"\x00" * 30),
    ],
)
def test_the_whole_content_is_checked_not_only_its_beginning(name: str, content: bytes) -> None:
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile(name, content))
    assert error.value.code == "content_mismatch"


def test_an_office_file_unpacking_to_too_much_is_refused(monkeypatch) -> None:
    monkeypatch.setattr("navet.core.uploads.MAX_UNPACKED_BYTES", 1000)
    bomb = _zip(("[Content_Types].xml", "<Types/>"), ("xl/sheet.xml", "0" * 2000))
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile("bomb.xlsx", bomb))
    assert error.value.code == "content_mismatch"


def test_oversize_files_are_refused_with_a_readable_limit(settings) -> None:
    settings.NAVET_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile("stor.pdf", PDF + b"0" * 2048))
    assert error.value.code == "too_large"
    assert "1,0" in error.value.messages[0] or "1.0" in error.value.messages[0]


@pytest.mark.parametrize(
    "original",
    ["../../etc/passwd.pdf", "..\\..\\windows\\system.ini", "/abs/path/fil.pdf", "..", ""],
)
def test_stored_names_cannot_escape_the_upload_folder(original: str) -> None:
    stored = safe_upload_name(original)
    folder, name = stored.split("/")
    assert len(folder) == 32
    assert name
    assert ".." not in name
    assert "\\" not in name


def test_stored_names_keep_a_readable_ascii_name() -> None:
    assert safe_upload_name("Slutrapport Täby 2025.pdf").endswith("/Slutrapport_Taby_2025.pdf")
