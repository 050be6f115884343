import io
from datetime import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from navet.calls.models import Call
from navet.calls.services import calls_import_file, funders_seed
from navet.calls.spreadsheets import COLUMNS, SpreadsheetError, calls_workbook, read_rows

DATA = Path(__file__).parents[1] / "data"


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_swedish_csv_in_windows_1252_is_read() -> None:
    rows = read_rows("utlysningar.csv", (DATA / "calls_swedish.csv").read_bytes())
    assert rows[0]["funder"] == "Länsstyrelsen Stockholm"
    assert rows[1]["max_amount_sek"] == "12 000 000,00"
    assert len(rows) == 3


def test_csv_in_utf8_with_bom_and_commas_is_read() -> None:
    content = "\ufeffexternal_id,title,closes\nx,Språkcafé,2027-01-31\n".encode()
    assert read_rows("u.csv", content) == [
        {"external_id": "x", "title": "Språkcafé", "closes": "2027-01-31"}
    ]


def test_xlsx_rows_keep_dates_and_skip_empty_rows() -> None:
    content = _xlsx(
        [["external_id", "title", "closes"], ["x", "T", datetime(2027, 1, 31)], [None, None, None]]
    )
    assert read_rows("u.xlsx", content) == [
        {"external_id": "x", "title": "T", "closes": datetime(2027, 1, 31)}
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("u.xlsx", b"PK\x03\x04 not really a workbook", "Excel"),
        ("u.csv", b"title;closes\nT;2027-01-01\n", "external_id"),
        ("u.ods", b"", ".xlsx eller .csv"),
    ],
)
def test_unreadable_files_are_explained(name: str, content: bytes, message: str) -> None:
    with pytest.raises(SpreadsheetError, match=message):
        read_rows(name, content)


def test_an_exported_workbook_reads_back_in_the_same_columns() -> None:
    content = calls_workbook(
        [
            {
                "external_id": "x",
                "title": "T",
                "closes": datetime(2027, 1, 31, 15),
                "themes": ["a", "b"],
            }
        ]
    )
    sheet = load_workbook(io.BytesIO(content)).active
    assert [cell.value for cell in sheet[1]] == COLUMNS
    (row,) = read_rows("u.xlsx", content)
    assert row["themes"] == "a;b"
    assert row["closes"] == datetime(2027, 1, 31, 15)


@pytest.mark.django_db
def test_a_csv_file_imports_with_a_report(cast) -> None:
    funders_seed()
    report = calls_import_file(
        actor=cast.coordinator,
        filename="utlysningar.csv",
        content=(DATA / "calls_swedish.csv").read_bytes(),
    )
    assert sorted(report.created) == ["esf-a1-2027-csv", "lst-stockholm-37-2027-csv"]
    assert report.failed == 1
    esf = Call.objects.get(external_id="esf-a1-2027-csv")
    assert esf.max_amount_sek == 12_000_000
    assert esf.programme.slug == "esf-plus"


@pytest.mark.django_db
def test_an_excel_date_closes_at_the_end_of_that_day(cast) -> None:
    content = _xlsx([["external_id", "title", "closes"], ["x", "T", datetime(2027, 1, 31)]])
    calls_import_file(actor=None, filename="u.xlsx", content=content)
    closes = Call.objects.get(external_id="x").closes
    assert (closes.hour, closes.minute) == (22, 59)  # 23:59 in Stockholm, in UTC


@pytest.mark.django_db
def test_the_calls_list_downloads_as_xlsx_and_imports_again_unchanged(cast, calls) -> None:
    client = Client()
    client.force_login(cast.viewer)
    response = client.get("/utlysningar/export.xlsx?state=all")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = read_rows("export.xlsx", response.content)
    assert len(rows) == Call.objects.count()

    report = calls_import_file(actor=None, filename="export.xlsx", content=response.content)

    assert report.failed == 0
    assert report.created == []
    assert len(report.unchanged) == len(rows)


@pytest.mark.django_db
def test_the_import_page_shows_the_report(cast, calls) -> None:
    client = Client()
    client.force_login(cast.coordinator)
    upload = SimpleUploadedFile("utlysningar.csv", (DATA / "calls_swedish.csv").read_bytes())
    response = client.post("/utlysningar/importera/", {"file": upload})
    content = response.content.decode()
    assert response.status_code == 200
    assert "2 nya, 0 ändrade, 0 oförändrade, 1 med fel." in content
    assert "trasig-csv" in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ", "inte tillåtna"),
        ("utlysningar.json", b"{nej", "inte giltig JSON"),
        ("bild.png", b"\x89PNG\r\n\x1a\n\0\0\0\0IEND\xaeB`\x82", "json, .xlsx eller .csv"),
    ],
)
def test_the_import_page_refuses_bad_files_and_changes_nothing(cast, calls, name, content, message):
    client = Client()
    client.force_login(cast.coordinator)
    before = Call.objects.count()
    response = client.post("/utlysningar/importera/", {"file": SimpleUploadedFile(name, content)})
    assert message in response.content.decode()
    assert Call.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["steering", "contact", "viewer"])
def test_only_coordinators_and_admins_reach_the_import_page(cast, role) -> None:
    client = Client()
    client.force_login(getattr(cast, role))
    assert client.get("/utlysningar/importera/").status_code == 403
    upload = SimpleUploadedFile("utlysningar.csv", (DATA / "calls_swedish.csv").read_bytes())
    assert client.post("/utlysningar/importera/", {"file": upload}).status_code == 403
    assert not Call.objects.exists()


@pytest.mark.django_db
def test_the_calls_list_downloads_as_swedish_csv_and_imports_again_unchanged(cast, calls) -> None:
    client = Client()
    client.force_login(cast.viewer)
    response = client.get("/utlysningar/export.csv?state=all")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeffexternal_id;funder;".encode())
    assert "46;" in response.content.decode("utf-8-sig")  # co-financing, no decimal point
    report = calls_import_file(actor=None, filename="export.csv", content=response.content)
    assert report.failed == 0
    assert len(report.unchanged) == Call.objects.count()


@pytest.mark.django_db
def test_an_unknown_export_format_is_not_found(cast) -> None:
    client = Client()
    client.force_login(cast.viewer)
    assert client.get("/utlysningar/export.pdf").status_code == 404
