"""Calls and needs as spreadsheets: the interchange format's columns (DESIGN.md) in `.xlsx` and
Swedish CSV, read and written by `navet.core.spreadsheets`. No Django here.

An exported list can be edited in Excel and imported again. The calls' columns are `COLUMNS`;
needs pass their own.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from navet.core import spreadsheets
from navet.core.spreadsheets import SpreadsheetError
from navet.core.text import gettext_lazy as _

__all__ = [
    "COLUMNS",
    "MAX_ROWS",
    "SpreadsheetError",
    "calls_csv",
    "calls_workbook",
    "read_rows",
    "write_csv",
    "write_workbook",
]

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


def read_rows(filename: str, content: bytes) -> list[dict[str, Any]]:
    """The rows of the first sheet (or the CSV file) as dicts keyed by the header row."""
    rows = spreadsheets.read_table(filename, content, max_rows=MAX_ROWS)
    header, *body = rows or [[]]
    names = [str(cell or "").strip() for cell in header]
    if "external_id" not in names:
        raise SpreadsheetError(
            _("The first row must hold the column names, external_id among them.")
        )
    return [
        {name: value for name, value in zip(names, row, strict=False) if name}
        for row in body
        if any(cell not in (None, "") for cell in row)
    ]


def _columns(names: Sequence[str]) -> list[spreadsheets.Column]:
    """The interchange format's columns: texts wide, amounts in whole kronor."""
    return [
        spreadsheets.Column(
            name,
            width=50 if name in ("title", "description") else 18,
            number_format="# ##0" if name.endswith("_sek") else "",
        )
        for name in names
    ]


def calls_workbook(rows: Iterable[dict[str, Any]], *, sheet_title: str = "Utlysningar") -> bytes:
    return write_workbook(rows, columns=COLUMNS, sheet_title=sheet_title)


def write_workbook(
    rows: Iterable[dict[str, Any]], *, columns: Sequence[str], sheet_title: str
) -> bytes:
    """One sheet: a header row of `columns`, then one row per dict (lists joined by `;`)."""
    return spreadsheets.write_workbook(rows, columns=_columns(columns), sheet_title=sheet_title)


def calls_csv(rows: Iterable[dict[str, Any]]) -> bytes:
    return write_csv(rows, columns=COLUMNS)


def write_csv(rows: Iterable[dict[str, Any]], *, columns: Sequence[str]) -> bytes:
    """Swedish CSV: semicolons, decimal comma, UTF-8 with BOM."""
    return spreadsheets.write_csv(rows, columns=_columns(columns))
