"""Spreadsheets in and out for every import and export: `.xlsx` and Swedish CSV. No Django here.

Reading is bounded before anything is read. An `.xlsx` file is a zip of XML, and a small one can
claim a sheet of a million rows by sixteen thousand columns, hold one row of millions of cells or
a table of millions of shared strings: each of which openpyxl would build in memory. So the
package is first walked with a streaming XML parser that counts rows, columns, cells and shared
strings and stops at the first one over its limit; only then does openpyxl read the first sheet,
in read-only mode, up to the last row and column found. A CSV file is read row by row, each
field and row bounded. What is over a limit is refused with a message read in Swedish, never cut.

Writing puts every text in a cell as text: a value such as `=HYPERLINK(…)` from a call's title
is never a live formula in `.xlsx`, and in CSV a text starting with `= + - @`, a tab or a carriage
return gets a leading apostrophe (which reading removes again, so an export imports unchanged).
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from xml.parsers import expat

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import column_index_from_string, get_column_letter

from navet.core.text import gettext_lazy as _
from navet.core.text import group_thousands

MAX_COLUMNS = 256
MAX_CELLS = 1_000_000
MAX_SHARED_STRINGS = 200_000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
CSV_FIELD_LIMIT = csv.field_size_limit()  # 131 072 characters

SPREADSHEETML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# A text starting with one of these is a formula to a spreadsheet program reading CSV.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read; the message (a `Message`) is for the user, and
    `str(error)` reads it in the active language."""


# --- reading -------------------------------------------------------------------------------------


def read_table(
    filename: str, content: bytes, *, max_rows: int, heading_rows: int = 1
) -> list[list[Any]]:
    """Every row of the first sheet (or of the CSV file) up to the last filled one, empty rows
    as `[]`. At most `max_rows` rows below `heading_rows` rows of header and report heading."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _xlsx_rows(content, max_rows, heading_rows)
    if name.endswith(".csv"):
        return _csv_rows(content, max_rows, heading_rows)
    raise SpreadsheetError(_("The file must be .xlsx or .csv."))


def _too_many_rows(max_rows: int) -> SpreadsheetError:
    return SpreadsheetError(
        _("The file has more than {number} rows.", number=group_thousands(max_rows))
    )


def _too_many_columns() -> SpreadsheetError:
    return SpreadsheetError(_("The file has more than {number} columns.", number=MAX_COLUMNS))


def _trimmed(cells: Iterable[Any]) -> list[Any]:
    row = list(cells)
    while row and row[-1] in (None, ""):
        row.pop()
    return row


class _Extent:
    """What the package's XML holds, counted as it streams past; over a limit, it stops."""

    def __init__(self, max_rows: int, heading_rows: int) -> None:
        self.max_rows = max_rows
        self.last_row = max_rows + heading_rows
        self.rows = self.columns = self.cells = self.strings = 0
        self._row = self._column = 0

    def start_part(self) -> None:
        self._row = self._column = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        namespace, _space, local = name.rpartition(" ")
        if namespace != SPREADSHEETML:
            return  # a drawing's <xdr:row>, say, is no row of a sheet
        if local == "row":
            self._row = _row_number(attributes.get("r"), self._row + 1)
            self._column = 0
        elif local == "c":
            self.cells += 1
            if self.cells > MAX_CELLS:
                raise SpreadsheetError(
                    _(
                        "The file has more than {number} cells and is not read.",
                        number=group_thousands(MAX_CELLS),
                    )
                )
            reference = attributes.get("r", "")
            letters = reference.rstrip("0123456789")
            try:
                self._column = column_index_from_string(letters) if letters else self._column + 1
            except ValueError as error:
                raise SpreadsheetError(_("The file cannot be read as an Excel file.")) from error
            if self._column > MAX_COLUMNS:
                raise _too_many_columns()
            if self._row > self.last_row:
                raise _too_many_rows(self.max_rows)
            self.rows = max(self.rows, self._row)
            self.columns = max(self.columns, self._column)
        elif local == "si":
            self.strings += 1
            if self.strings > MAX_SHARED_STRINGS:
                raise SpreadsheetError(
                    _(
                        "The file has more than {number} different texts and is not read.",
                        number=group_thousands(MAX_SHARED_STRINGS),
                    )
                )


def _row_number(value: str | None, default: int) -> int:
    if value is None:
        return default
    if not value.isdigit():
        raise SpreadsheetError(_("The file cannot be read as an Excel file."))
    return int(value)


def _refuse_entities(*_arguments: Any) -> None:
    raise SpreadsheetError(_("The file cannot be read as an Excel file."))


def _measure(archive: zipfile.ZipFile, extent: _Extent) -> None:
    """Stream every XML part of the package through `extent` (a worksheet's or the shared
    strings' name can be anything the package's content types say, so every part counts)."""
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
        raise SpreadsheetError(_("The file is too large unpacked and is not read."))
    for info in archive.infolist():
        with archive.open(info) as stream:
            chunk = stream.read(1 << 16)
            if not chunk.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
                continue  # a picture or other binary part, which the reader leaves alone
            extent.start_part()
            parser = expat.ParserCreate(namespace_separator=" ")
            parser.StartElementHandler = extent.start
            parser.EntityDeclHandler = _refuse_entities  # no entity expansion
            while chunk:
                parser.Parse(chunk, False)
                chunk = stream.read(1 << 16)
            parser.Parse(b"", True)


def _xlsx_rows(content: bytes, max_rows: int, heading_rows: int) -> list[list[Any]]:
    extent = _Extent(max_rows, heading_rows)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _measure(archive, extent)
        if extent.rows == 0:
            return []
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # the sheet's own claim of its size is not trusted
            return [
                _trimmed(cells)
                for cells in sheet.iter_rows(
                    values_only=True, max_row=extent.rows, max_col=extent.columns
                )
            ]
        finally:
            workbook.close()
    except SpreadsheetError:
        raise
    except Exception as error:  # noqa: BLE001  (zipfile, expat and openpyxl raise many kinds)
        raise SpreadsheetError(_("The file cannot be read as an Excel file (.xlsx).")) from error


def _csv_rows(content: bytes, max_rows: int, heading_rows: int) -> list[list[Any]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly everything
        raise SpreadsheetError(_("The file is neither UTF-8 nor Windows-1252."))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[list[Any]] = []
    try:
        for row in reader:
            if len(row) > MAX_COLUMNS:
                raise _too_many_columns()
            if len(rows) >= max_rows + heading_rows:
                raise _too_many_rows(max_rows)
            rows.append([_unquoted(field) for field in row])
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise SpreadsheetError(
                _(
                    "Row {row}: a field is longer than {number} characters.",
                    row=reader.line_num,
                    number=group_thousands(CSV_FIELD_LIMIT),
                )
            ) from error
        raise SpreadsheetError(
            _("Row {row} cannot be read as CSV ({error}).", row=reader.line_num, error=error)
        ) from error
    return rows


def _unquoted(field: str) -> str:
    """A field as written before `write_csv` guarded it against being read as a formula."""
    if field.startswith("'") and field[1:].startswith(_FORMULA_STARTS):
        return field[1:]
    return field


# --- writing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of an export: the row's key, the header (the key unless given), its width in
    characters, and a number format for its numbers (`# ##0` for whole kronor)."""

    key: str
    header: str = ""
    width: int = 18
    number_format: str = ""

    @property
    def title(self) -> str:
        return self.header or self.key


def write_workbook(
    rows: Iterable[Mapping[str, Any]], *, columns: Sequence[Column], sheet_title: str
) -> bytes:
    """One sheet: a bold header row that stays in view, then one row per mapping. Texts are
    text cells, lists are joined by `;`, dates and times are shown as in Sweden."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101  (a new workbook has one sheet)
    sheet.title = sheet_title
    sheet.append([column.title for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            _fill(sheet.cell(row=number, column=index), row.get(column.key), column)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill(cell: Any, value: Any, column: Column) -> None:
    if value is None:
        return
    if isinstance(value, list | tuple):
        value = ";".join(str(item) for item in value)
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None)  # Excel has no time zones; times are Stockholm's
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, int | float) and not isinstance(value, bool):
        cell.value = value
        if column.number_format:
            cell.number_format = column.number_format
    else:
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        cell.data_type = "s"  # a text, even one starting with "=": never a formula


def write_csv(rows: Iterable[Mapping[str, Any]], *, columns: Sequence[Column]) -> bytes:
    """Swedish CSV, as Excel in Sweden opens it: semicolons, decimal comma, UTF-8 with BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_csv_text(column.title) for column in columns])
    for row in rows:
        writer.writerow([_csv_cell(row.get(column.key)) for column in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return _csv_text(";".join(str(item) for item in value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value).replace(".", ",")
    return _csv_text(str(value))


def _csv_text(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
