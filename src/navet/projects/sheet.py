"""The portfolio as a spreadsheet: the `.xlsx` export, and reading a project list for import.

Plain Python without Django. The columns have Swedish headers; an exported file imports again
as it is. Reading checks each row's form – dates, amounts, status – and says what is wrong with
it in Swedish; whether the municipalities, needs and calls exist is the services' business.
"""

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from navet.calls.interchange import RecordError, amount_field
from navet.core import spreadsheets
from navet.core.spreadsheets import SpreadsheetError
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
    columns = [
        spreadsheets.Column(
            key,
            header,
            width=50 if key in ("title", "description") else 20,
            number_format="# ##0" if key in AMOUNTS else "",
        )
        for key, header in COLUMNS
    ]
    return spreadsheets.write_workbook(rows, columns=columns, sheet_title=SHEET_TITLE)


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
    cells = spreadsheets.read_table("projekt.xlsx", content, max_rows=MAX_ROWS)
    header, *body = cells or [[]]
    keys = _keys(header)
    if "title" not in keys or "owner" not in keys:
        raise SpreadsheetError(
            "Första raden ska innehålla kolumnernas namn, bland dem Titel och Projektägare."
        )
    rows = []
    for number, values in enumerate(body, start=2):
        if all(value in (None, "") for value in values):
            continue
        rows.append(read_row(number, dict(zip(keys, values, strict=False))))
    if not rows:
        raise SpreadsheetError("Filen har inga projekt under rubrikraden.")
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
            setattr(row, key, amount_field(values.get(key), HEADERS[key]))
        except RecordError as error:
            row.errors.append(str(error))
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
