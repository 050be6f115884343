"""Spreadsheets: read `.xlsx` and Swedish CSV rows, write `.xlsx` and CSV. No Django here.

Columns carry the names of the interchange format (DESIGN.md), so an exported list can be edited
in Excel and imported again. The calls' columns are `COLUMNS`; needs pass their own. Swedish CSV:
semicolons, decimal comma, UTF-8 with BOM or Windows-1252.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

COLUMNS = [
    "external_id",
    "funder",
    "programme",
    "title",
    "description",
    "url",
    "opens",
    "closes",
    "decision_date",
    "min_amount_sek",
    "max_amount_sek",
    "cofinancing_percent",
    "eligible_applicants",
    "themes",
    "target_groups",
    "language",
]
MAX_ROWS = 20_000


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read; the message is for the user."""


def read_rows(filename: str, content: bytes) -> list[dict[str, Any]]:
    """The rows of the first sheet (or the CSV file) as dicts keyed by the header row."""
    if filename.lower().endswith(".xlsx"):
        rows = _xlsx_rows(content)
    elif filename.lower().endswith(".csv"):
        rows = _csv_rows(content)
    else:
        raise SpreadsheetError("Filen ska vara .xlsx eller .csv.")
    header, *body = rows or [[]]
    names = [str(cell or "").strip() for cell in header]
    if "external_id" not in names:
        raise SpreadsheetError("Första raden ska innehålla kolumnnamnen, bland dem external_id.")
    if len(body) > MAX_ROWS:
        raise SpreadsheetError(f"Filen har fler än {MAX_ROWS} rader.")
    return [
        {name: value for name, value in zip(names, row, strict=False) if name}
        for row in body
        if any(cell not in (None, "") for cell in row)
    ]


def _xlsx_rows(content: bytes) -> list[list[Any]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001  (openpyxl raises many kinds for a broken file)
        raise SpreadsheetError("Filen går inte att läsa som en Excel-fil (.xlsx).") from error
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2)]
    finally:
        workbook.close()


def _csv_rows(content: bytes) -> list[list[Any]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly everything
        raise SpreadsheetError("Filen är varken UTF-8 eller Windows-1252.")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def calls_workbook(rows: Iterable[dict[str, Any]], *, sheet_title: str = "Utlysningar") -> bytes:
    return write_workbook(rows, columns=COLUMNS, sheet_title=sheet_title)


def write_workbook(
    rows: Iterable[dict[str, Any]], *, columns: Sequence[str], sheet_title: str
) -> bytes:
    """One sheet: a header row of `columns`, then one row per dict (lists joined by `;`)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101  (a new workbook has one sheet)
    sheet.title = sheet_title
    sheet.append(list(columns))
    for row in rows:
        sheet.append([_cell(row.get(column)) for column in columns])
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 50 if column in ("title", "description") else 18
        for cell in sheet[letter][1:]:
            if column.endswith("_sek"):
                cell.number_format = "# ##0"
            elif isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # Excel has no time zones; times are Stockholm time
    return value


def calls_csv(rows: Iterable[dict[str, Any]]) -> bytes:
    return write_csv(rows, columns=COLUMNS)


def write_csv(rows: Iterable[dict[str, Any]], *, columns: Sequence[str]) -> bytes:
    """Swedish CSV, as Excel in Sweden opens it: semicolons, decimal comma, UTF-8 with BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(list(columns))
    for row in rows:
        writer.writerow([_csv_cell(row.get(column)) for column in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
