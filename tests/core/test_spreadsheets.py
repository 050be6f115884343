"""The one spreadsheet reader and writer: hostile files are refused before they are read, by
every importer; exports never hold a live formula."""

import csv
import io
import tracemalloc
import zipfile
from datetime import date
from decimal import Decimal
from functools import cache

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from navet.calls.services import calls_import_file
from navet.core import spreadsheets
from navet.core.errors import DomainError
from navet.core.spreadsheets import Column, SpreadsheetError, read_table
from navet.followup import ledger
from navet.needs.services import interchange_import_file, needs_import_file
from navet.organisations.models import Consortium, Municipality
from navet.projects import sheet
from navet.risks.services import risk_create
from tests.factories import CallFactory, NeedFactory, ProjectFactory

SHEET = "xl/worksheets/sheet1.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _replaced(content: bytes, parts: dict[str, bytes]) -> bytes:
    """The workbook with some of its parts replaced or added, as a hostile file is made."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename not in parts:
                target.writestr(info, source.read(info))
        for name, data in parts.items():
            target.writestr(name, data)
    return buffer.getvalue()


def _sheet(rows: str, dimension: str = "A1:C2") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    ).encode()


HEADER = ["external_id", "title", "closes"]


def claims_the_whole_grid() -> bytes:
    """A few kB: two real rows, a sheet that says it spans A1:XFD1048576, and the last row of the
    grid given a height (a row without cells, as Excel writes one)."""
    content = _workbook([HEADER, ["x", "Språkcafé", "2027-01-31"]])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = (
            archive.read(SHEET)
            .replace(b'ref="A1:C2"', b'ref="A1:XFD1048576"')
            .replace(b"</sheetData>", b'<row r="1048576" ht="30" customHeight="1"/></sheetData>')
        )
    return _replaced(content, {SHEET: xml})


@cache
def one_row_of_three_million_cells() -> bytes:
    cells = "<c><v>1</v></c>" * 3_000_000
    return _replaced(_workbook([HEADER]), {SHEET: _sheet(f'<row r="1">{cells}</row>')})


def a_cell_far_away() -> bytes:
    return _replaced(
        _workbook([HEADER]),
        {
            SHEET: _sheet(
                '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c>'
                '<c r="XFD1"><v>1</v></c></row>'
            )
        },
    )


def a_row_far_down() -> bytes:
    return _replaced(
        _workbook([HEADER]), {SHEET: _sheet('<row r="1048576"><c r="A1048576"><v>1</v></c></row>')}
    )


@cache
def too_many_shared_strings() -> bytes:
    strings = "<si><t>x</t></si>" * 250_000
    table = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="1" '
        f'uniqueCount="1">{strings}</sst>'
    ).encode()
    return _replaced(_workbook([HEADER, ["x", "y", "z"]]), {"xl/sharedStrings.xml": table})


def entities_in_the_sheet() -> bytes:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;'
        "</t></is></c></row></sheetData></worksheet>"
    ).encode()
    return _replaced(_workbook([HEADER]), {SHEET: bomb})


HOSTILE = {
    "the whole grid claimed": (claims_the_whole_grid, None),
    "three million cells in a row": (one_row_of_three_million_cells, "fler än 256 kolumner"),
    "a cell in column XFD": (a_cell_far_away, "fler än 256 kolumner"),
    "a row at 1 048 576": (a_row_far_down, "fler än"),
    "250 000 shared strings": (too_many_shared_strings, "olika texter"),
    "entities": (entities_in_the_sheet, "Excel-fil"),
}


def test_a_small_file_claiming_the_whole_grid_is_read_as_the_cells_it_holds() -> None:
    content = claims_the_whole_grid()
    assert len(content) < 6000
    tracemalloc.start()
    try:
        rows = read_table("behov.xlsx", content, max_rows=20_000)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rows == [HEADER, ["x", "Språkcafé", "2027-01-31"]]
    assert peak < 20 * 1024 * 1024


@pytest.mark.parametrize(
    "name", [name for name, (_build, message) in HOSTILE.items() if message is not None]
)
def test_files_over_a_limit_are_refused_in_swedish_before_they_are_read(name: str) -> None:
    build, message = HOSTILE[name]
    content = build()
    assert len(content) < 400_000
    with pytest.raises(SpreadsheetError, match=message):
        read_table("huvudbok.xlsx", content, max_rows=20_000, heading_rows=21)


def test_rows_and_columns_are_bounded_in_csv_too() -> None:
    with pytest.raises(SpreadsheetError, match="fler än 2 rader"):
        read_table("a.csv", b"a;b\n1;2\n3;4\n5;6\n", max_rows=2)
    assert len(read_table("a.csv", b"a;b\n1;2\n3;4\n", max_rows=2)) == 3
    with pytest.raises(SpreadsheetError, match="fler än 256 kolumner"):
        read_table("a.csv", b"a" + b";" * 3_000_000, max_rows=2)
    with pytest.raises(SpreadsheetError, match="fler än 2 rader"):
        read_table("a.xlsx", _workbook([["a"], [1], [2], [3]]), max_rows=2)


def test_a_csv_field_longer_than_csv_reads_is_refused_in_swedish() -> None:
    content = ("external_id;title\nx;" + "a" * (csv.field_size_limit() + 1) + "\n").encode()
    with pytest.raises(SpreadsheetError, match="Rad 2: ett fält är längre än 131\u00a0072 tecken"):
        read_table("u.csv", content, max_rows=10)


FORMULAS = ['=HYPERLINK("https://example.org";"Klicka")', "+1+1", "-2+3", "@SUM(A1)", "\tx"]


def test_texts_are_written_as_text_cells_never_formulas() -> None:
    rows = [{"title": text, "amount": -1500, "on": date(2027, 1, 31)} for text in FORMULAS]
    columns = [
        Column("title", "Titel"),
        Column("amount", "Belopp", number_format="# ##0"),
        Column("on", "Datum"),
    ]
    content = spreadsheets.write_workbook(rows, columns=columns, sheet_title="Test")
    book = load_workbook(io.BytesIO(content))
    cells = list(book.active.iter_rows(min_row=2))
    assert [row[0].value for row in cells] == FORMULAS
    assert {row[0].data_type for row in cells} == {"s"}
    assert {row[1].value for row in cells} == {-1500}
    assert cells[0][2].value.date() == date(2027, 1, 31)
    assert book.active["A1"].font.bold
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b"<f>" not in archive.read(SHEET)


def test_csv_texts_that_start_like_a_formula_get_an_apostrophe_and_read_back_unchanged() -> None:
    rows = [{"title": text, "amount": Decimal("-1500.50")} for text in [*FORMULAS, "\rx", "Å"]]
    columns = [Column("title"), Column("amount")]
    content = spreadsheets.write_csv(rows, columns=columns)
    written = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in written[1:]] == ["'" + text for text in FORMULAS] + ["'\rx", "Å"]
    assert {row[1] for row in written[1:]} == {"-1500,5"}  # numbers are never touched
    assert [row[0] for row in read_table("u.csv", content, max_rows=10)[1:]] == [
        *FORMULAS,
        "\rx",
        "Å",
    ]


# --- every importer ------------------------------------------------------------------------------


def _ledger(filename: str, content: bytes) -> None:
    ledger.find_header(ledger.read_sheet(filename, content))


def _projects(filename: str, content: bytes) -> None:
    sheet.read_workbook(content)


def _calls(filename: str, content: bytes) -> None:
    calls_import_file(actor=None, filename=filename, content=content)


def _needs(filename: str, content: bytes) -> None:
    needs_import_file(actor=None, filename=filename, content=content)


def _interchange(filename: str, content: bytes) -> None:
    interchange_import_file(actor=None, filename=filename, content=content)


IMPORTERS = {
    "calls": _calls,
    "needs": _needs,
    "calls and needs": _interchange,
    "earlier years' projects": _projects,
    "ledger": _ledger,
}


@pytest.mark.django_db
@pytest.mark.parametrize("importer", IMPORTERS)
@pytest.mark.parametrize("hostile", ["three million cells in a row", "250 000 shared strings"])
def test_every_importer_refuses_a_hostile_workbook_with_a_swedish_message(
    importer: str, hostile: str
) -> None:
    build, message = HOSTILE[hostile]
    with pytest.raises((SpreadsheetError, DomainError), match=message):
        IMPORTERS[importer]("fil.xlsx", build())


@pytest.mark.django_db
@pytest.mark.parametrize("importer", ["calls", "needs", "calls and needs", "ledger"])
def test_every_csv_importer_refuses_a_field_over_the_limit_in_swedish(importer: str) -> None:
    content = ("external_id;title;a;b\nx;" + "a" * 200_000 + ";1;2\n").encode()
    with pytest.raises((SpreadsheetError, DomainError), match="131\u00a0072 tecken"):
        IMPORTERS[importer]("fil.csv", content)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("calls:call-import", {}),
        ("needs:need-import", {}),
        ("projects:project-import", None),
    ],
)
def test_the_import_pages_answer_a_hostile_file_with_the_message(client, cast, url, data) -> None:
    client.force_login(cast.coordinator)
    upload = SimpleUploadedFile("fil.xlsx", one_row_of_three_million_cells())
    fields = {"file": upload}
    if data is None:
        fields["consortium"] = Consortium.objects.get(slug="koordination-norrort").pk
    page = client.post(reverse(url), fields)
    assert page.status_code in (200, 400)
    assert "fler än 256 kolumner" in page.content.decode()


# --- every export --------------------------------------------------------------------------------

HYPERLINK = '=HYPERLINK("https://example.org/stjal";"Klicka här")'


@pytest.fixture
def hostile_titles(cast):
    """A call, a need, a project and a risk of Koordination Norrort, each titled as a formula."""
    norrort = Consortium.objects.get(slug="koordination-norrort")
    taby = Municipality.objects.get(code="0160")
    CallFactory(title=HYPERLINK)
    NeedFactory(municipality=taby, title=HYPERLINK)
    ProjectFactory(consortium=norrort, owner=taby, title=HYPERLINK)
    risk_create(
        actor=cast.coordinator,
        consortium=norrort,
        title=HYPERLINK,
        likelihood="high",
        consequence="serious",
        owner=cast.coordinator,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/utlysningar/export.xlsx?state=all",
        "/behov/export.xlsx",
        "/projekt/export.xlsx",
        "/risker/export.xlsx",
    ],
)
def test_every_xlsx_export_writes_a_formula_title_as_text(client, cast, hostile_titles, url):
    client.force_login(cast.coordinator)
    response = client.get(url)
    assert response.status_code == 200
    content = response.content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b"<f>" not in archive.read(SHEET)
    cells = [c for row in load_workbook(io.BytesIO(content)).active.iter_rows() for c in row]
    titles = [cell for cell in cells if cell.value == HYPERLINK]
    assert len(titles) == 1
    assert titles[0].data_type == "s"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/utlysningar/export.csv?state=all", "/behov/export.csv"])
def test_every_csv_export_guards_a_formula_title(client, cast, hostile_titles, url) -> None:
    client.force_login(cast.coordinator)
    text = client.get(url).content.decode("utf-8-sig")
    fields = [field for row in csv.reader(io.StringIO(text), delimiter=";") for field in row]
    assert HYPERLINK not in fields
    assert "'" + HYPERLINK in fields
