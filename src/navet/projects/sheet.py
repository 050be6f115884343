"""The portfolio as a spreadsheet: the `.xlsx` export, and reading a project list for import.

Plain Python without Django. The columns have Swedish headers; an exported file imports again
as it is. Reading checks each row's form – dates, amounts, status – and says what is wrong with
it in Swedish; whether the municipalities, needs and calls exist is the services' business.
"""

import io
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from navet.projects import lifecycle

# (key, header) in the order of the sheet. `consortium` is written for the reader and ignored
# on import: the person importing chooses the consortium.
COLUMNS = (
    ("title", "Titel"),
    ("description", "Beskrivning"),
    ("owner", "Projektägare"),
    ("participants", "Deltagande kommuner"),
    ("needs", "Behov"),
    ("call", "Utlysning"),
    ("funder", "Finansiär"),
    ("programme", "Stödform"),
    ("status", "Status"),
    ("starts_on", "Start"),
    ("ends_on", "Slut"),
    ("requested_sek", "Sökt belopp (kr)"),
    ("granted_sek", "Beviljat belopp (kr)"),
    ("repaid_sek", "Återbetalt belopp (kr)"),
    ("consortium", "Samverkan"),
)
HEADERS = dict(COLUMNS)
AMOUNTS = ("requested_sek", "granted_sek", "repaid_sek")
DATES = ("starts_on", "ends_on")
MAX_ROWS = 5_000
SHEET_TITLE = "Projekt"

# The statuses' Swedish names, as the pages show them.
STATUS_NAMES = {
    lifecycle.IDEA: "Projektidé",
    lifecycle.NEEDS_ANALYSIS: "Behovsanalys",
    lifecycle.DECISION: "Beslut",
    lifecycle.APPLICATION: "Ansökan pågår",
    lifecycle.SUBMITTED: "Inskickad",
    lifecycle.GRANTED: "Beviljad",
    lifecycle.REFUSED: "Avslagen",
    lifecycle.RUNNING: "Pågår",
    lifecycle.FINISHED: "Avslutad",
    lifecycle.FINAL_REPORT_APPROVED: "Slutrapport godkänd",
    lifecycle.REPAYMENT: "Återbetalning",
    lifecycle.WITHDRAWN: "Återtagen",
}
_STATUS_BY_NAME = {name.casefold(): slug for slug, name in STATUS_NAMES.items()} | {
    slug: slug for slug in lifecycle.STATUSES
}


class SheetError(ValueError):
    """The file as a whole cannot be read; the message is for the user."""


@dataclass
class Row:
    """One row of a project list, its values read and checked for form."""

    number: int  # the row in the sheet, as Excel numbers it (the header is row 1)
    title: str = ""
    description: str = ""
    owner: str = ""
    participants: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    call: str = ""
    funder: str = ""
    programme: str = ""
    status: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    requested_sek: int | None = None
    granted_sek: int | None = None
    repaid_sek: int | None = None
    errors: list[str] = field(default_factory=list)


# --- writing -------------------------------------------------------------------------------------


def write_workbook(rows: Iterable[dict[str, Any]]) -> bytes:
    """One sheet with the Swedish headers: amounts as numbers, dates as dates, lists with `;`."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101  (a new workbook has one sheet)
    sheet.title = SHEET_TITLE
    sheet.append([header for _key, header in COLUMNS])
    for row in rows:
        sheet.append([_cell(row.get(key)) for key, _header in COLUMNS])
    for index, (key, _header) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 50 if key in ("title", "description") else 20
        for cell in sheet[letter][1:]:
            if key in AMOUNTS:
                cell.number_format = "# ##0"
            elif key in DATES:
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ";".join(str(item) for item in value)
    if value is None:
        return None
    if isinstance(value, date | int | float):
        return value
    return str(value)


def to_plain(rows: Iterable[Row]) -> list[dict[str, Any]]:
    """Rows as JSON-ready data, to carry them from the preview to the confirmation."""
    plain = []
    for row in rows:
        data = asdict(row)
        for key in DATES:
            data[key] = data[key].isoformat() if data[key] else None
        plain.append(data)
    return plain


def from_plain(plain: list[dict[str, Any]]) -> list[Row]:
    """The rows `to_plain` gave, read again and checked for form once more."""
    rows = []
    for data in plain:
        values = {key: data.get(key) for key, _header in COLUMNS}
        values["participants"] = ";".join(data.get("participants") or [])
        values["needs"] = ";".join(data.get("needs") or [])
        rows.append(read_row(int(data["number"]), values))
    return rows


# --- reading -------------------------------------------------------------------------------------


def read_workbook(content: bytes) -> list[Row]:
    """The rows of the first sheet, each checked for form; blank rows are skipped."""
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001  (openpyxl raises many kinds for a broken file)
        raise SheetError("Filen går inte att läsa som en Excel-fil (.xlsx).") from error
    try:
        sheet = workbook.worksheets[0]
        cells = [list(r) for r in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2)]
    finally:
        workbook.close()
    header, *body = cells or [[]]
    keys = _keys(header)
    if "title" not in keys or "owner" not in keys:
        raise SheetError(
            "Första raden ska innehålla kolumnernas namn, bland dem Titel och Projektägare."
        )
    if len(body) > MAX_ROWS:
        raise SheetError(f"Filen har fler än {MAX_ROWS} rader.")
    rows = []
    for number, values in enumerate(body, start=2):
        if all(value in (None, "") for value in values):
            continue
        rows.append(read_row(number, dict(zip(keys, values, strict=False))))
    if not rows:
        raise SheetError("Filen har inga projekt under rubrikraden.")
    return rows


def _keys(header: list[Any]) -> list[str]:
    """Each header's key: the Swedish header or the key itself, in any case."""
    known = {h.casefold(): k for k, h in COLUMNS} | {k: k for k, _h in COLUMNS}
    return [known.get(str(cell or "").strip().casefold(), "") for cell in header]


def read_row(number: int, values: dict[str, Any]) -> Row:
    """One row from its values by key; what is wrong is in `errors`, in Swedish."""
    row = Row(number=number)
    for key in ("title", "description", "owner", "call", "funder", "programme"):
        setattr(row, key, _text(values.get(key)))
    for key in ("participants", "needs"):
        setattr(row, key, _list(values.get(key)))
    if not row.title:
        row.errors.append("Titel saknas.")
    if not row.owner:
        row.errors.append("Projektägare saknas.")
    status = _text(values.get("status"))
    row.status = _STATUS_BY_NAME.get(status.casefold(), "")
    if not status:
        row.errors.append("Status saknas.")
    elif not row.status:
        row.errors.append(
            f"Okänd status ”{status}”. Använd någon av: {', '.join(STATUS_NAMES.values())}."
        )
    for key, name in (("starts_on", "Start"), ("ends_on", "Slut")):
        try:
            setattr(row, key, _date(values.get(key)))
        except ValueError:
            row.errors.append(f"{name}: ”{values.get(key)}” är inget datum (ÅÅÅÅ-MM-DD).")
    if row.starts_on and row.ends_on and row.ends_on < row.starts_on:
        row.errors.append("Projektet slutar före det börjar.")
    for key in AMOUNTS:
        try:
            setattr(row, key, _amount(values.get(key)))
        except ValueError:
            row.errors.append(f"{HEADERS[key]}: ”{values.get(key)}” är inget belopp i hela kronor.")
    return row


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _list(value: Any) -> list[str]:
    text = _text(value)
    if isinstance(value, int | float) and len(text) < 4:
        text = text.zfill(4)  # a municipality code Excel read as a number: 0160 → 160
    return [item.strip() for item in re.split(r"[;,]", text) if item.strip()]


def _date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip()[:10])


def _amount(value: Any) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        if value < 0 or float(value) != int(value):
            raise ValueError(value)
        return int(value)
    text = re.sub(r"(?i)\s|kr|sek|\u00a0|\u202f", "", str(value))
    if not text.isdigit():
        raise ValueError(value)
    return int(text)
