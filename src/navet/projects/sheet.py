"""The portfolio as a spreadsheet: the `.xlsx` export, and reading a project list for import.

Plain Python without Django. The columns have headers in the reader's language (Swedish
ones by default); an exported file imports again as it is. Reading checks each row's form –
dates, amounts, status – and says what is wrong with it; whether the municipalities, needs and
calls exist is the services' business.
"""

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from navet.calls.interchange import RecordError, amount_field
from navet.core import spreadsheets
from navet.core.spreadsheets import SpreadsheetError
from navet.core.text import Message
from navet.core.text import gettext_lazy as _
from navet.projects import lifecycle

# (key, header) in the order of the sheet. `consortium` is written for the reader and ignored
# on import: the person importing chooses the consortium.
COLUMNS: tuple[tuple[str, Message], ...] = (
    ("title", _("Title")),
    ("description", _("Description")),
    ("owner", _("Project owner")),
    ("participants", _("Participating municipalities")),
    ("needs", _("Needs")),
    ("call", _("Call")),
    ("funder", _("Funder")),
    ("programme", _("Programme")),
    ("status", _("Status")),
    ("starts_on", _("Start")),
    ("ends_on", _("End")),
    ("requested_sek", _("Requested amount (kr)")),
    ("granted_sek", _("Granted amount (kr)")),
    ("repaid_sek", _("Repaid amount (kr)")),
    ("consortium", _("Consortium")),
)
HEADERS = dict(COLUMNS)
AMOUNTS = ("requested_sek", "granted_sek", "repaid_sek")
DATES = ("starts_on", "ends_on")
MAX_ROWS = 5_000
SHEET_TITLE = _("Projects")

# The statuses' names, as the pages show them.
STATUS_NAMES = {
    lifecycle.IDEA: _("Project idea"),
    lifecycle.NEEDS_ANALYSIS: _("Needs analysis"),
    lifecycle.DECISION: _("Decision"),
    lifecycle.APPLICATION: _("Application in progress"),
    lifecycle.SUBMITTED: _("Submitted"),
    lifecycle.GRANTED: _("Granted"),
    lifecycle.REFUSED: _("Refused"),
    lifecycle.RUNNING: _("Running"),
    lifecycle.FINISHED: _("Finished"),
    lifecycle.FINAL_REPORT_APPROVED: _("Final report approved"),
    lifecycle.REPAYMENT: _("Repayment"),
    lifecycle.WITHDRAWN: _("Withdrawn"),
}


def _status_by_name() -> dict[str, str]:
    """Each status by its name in the reader's language or by its slug, in any case."""
    return {str(name).casefold(): slug for slug, name in STATUS_NAMES.items()} | {
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
    errors: list[Message | str] = field(default_factory=list)


# --- writing -------------------------------------------------------------------------------------


def write_workbook(rows: Iterable[dict[str, Any]]) -> bytes:
    """One sheet with the headers in the reader's language: amounts as numbers, dates as dates,
    lists with `;`."""
    columns = [
        spreadsheets.Column(
            key,
            str(header),
            width=50 if key in ("title", "description") else 20,
            number_format="# ##0" if key in AMOUNTS else "",
        )
        for key, header in COLUMNS
    ]
    return spreadsheets.write_workbook(rows, columns=columns, sheet_title=str(SHEET_TITLE))


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
            _(
                "The first row must hold the names of the columns, among them {title} and {owner}.",
                title=HEADERS["title"],
                owner=HEADERS["owner"],
            )
        )
    rows = []
    for number, values in enumerate(body, start=2):
        if all(value in (None, "") for value in values):
            continue
        rows.append(read_row(number, dict(zip(keys, values, strict=False))))
    if not rows:
        raise SpreadsheetError(_("The file has no projects below the header row."))
    return rows


def _keys(header: list[Any]) -> list[str]:
    """Each header's key: the header in the reader's language or the key itself, in any case."""
    known = {str(h).casefold(): k for k, h in COLUMNS} | {k: k for k, _h in COLUMNS}
    return [known.get(str(cell or "").strip().casefold(), "") for cell in header]


def read_row(number: int, values: dict[str, Any]) -> Row:
    """One row from its values by key; what is wrong is in `errors`."""
    row = Row(number=number)
    for key in ("title", "description", "owner", "call", "funder", "programme"):
        setattr(row, key, _text(values.get(key)))
    for key in ("participants", "needs"):
        setattr(row, key, _list(values.get(key)))
    if not row.title:
        row.errors.append(_("{column} is missing.", column=HEADERS["title"]))
    if not row.owner:
        row.errors.append(_("{column} is missing.", column=HEADERS["owner"]))
    status = _text(values.get("status"))
    row.status = _status_by_name().get(status.casefold(), "")
    if not status:
        row.errors.append(_("{column} is missing.", column=HEADERS["status"]))
    elif not row.status:
        row.errors.append(
            _(
                "Unknown status “{status}”. Use one of: {statuses}.",
                status=status,
                statuses=", ".join(str(name) for name in STATUS_NAMES.values()),
            )
        )
    for key in DATES:
        try:
            setattr(row, key, _date(values.get(key)))
        except ValueError:
            row.errors.append(
                _(
                    "{column}: “{value}” is not a date (YYYY-MM-DD).",
                    column=HEADERS[key],
                    value=values.get(key),
                )
            )
    if row.starts_on and row.ends_on and row.ends_on < row.starts_on:
        row.errors.append(_("The project ends before it starts."))
    for key in AMOUNTS:
        try:
            setattr(row, key, amount_field(values.get(key), str(HEADERS[key])))
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
