import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from navet.core.uploads import safe_upload_name, validate_upload

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # A fixed time: the content names the test, the same in every test process.
        for name, text in (("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.pdf", PDF),
        ("bild.png", PNG),
        ("budget.xlsx", _xlsx()),
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
