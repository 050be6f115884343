"""Reading a municipality's ledger export (huvudbok, .xlsx or Swedish CSV) into expenditures.
No Django here.

Ledger systems export different columns, and often a few lines of report heading above the
header row. A `Mapping` names the columns once per municipality – date, amount, account, and
optionally text and voucher – and which account prefixes are which cost category. Each row
becomes a `Row` with its problems as sentences for the reader; nothing is guessed silently.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from navet.core.spreadsheets import SpreadsheetError, read_table
from navet.core.text import Message, group_thousands
from navet.core.text import gettext_lazy as _
from navet.followup.budget import CATEGORIES

HEADER_SEARCH_ROWS = 20
MAX_ROWS = 20_000
# An expenditure's amount has at most 14 digits, two of them öre (`Expenditure.amount`).
MAX_AMOUNT = Decimal(10) ** 12

# The usual column names of Swedish ledger exports (Visma, Raindance, Agresso/Unit4, Fortnox,
# Hogia, Ekonomi Plus …), written as `_plain` reads a header, to propose a mapping for the first
# file: the first name of a role that the file has is chosen. A file with Debet and Kredit but no
# Belopp is read as debit less credit.
GUESSES = {
    "date_column": (
        "bokföringsdatum",
        "bokfdatum",
        "verifikationsdatum",
        "verdatum",
        "transaktionsdatum",
        "datum",
        "date",
    ),
    "amount_column": ("belopp", "beloppsek", "beloppkr", "summa", "amount", "debet"),
    "account_column": ("konto", "kontonr", "kontonummer", "account"),
    "text_column": ("text", "verifikationstext", "vertext", "benämning", "beskrivning"),
    "reference_column": (
        "verifikation",
        "verifikationsnummer",
        "verifikationsnr",
        "vernr",
        "ver",
        "verifikat",
        "voucher",
    ),
    "credit_column": ("kredit",),
}


@dataclass(frozen=True)
class Mapping:
    date_column: str
    amount_column: str
    account_column: str
    text_column: str = ""
    reference_column: str = ""
    accounts: dict[str, str] = field(default_factory=dict)  # account prefix → category
    credit_column: str = ""  # when the amount column is the debit: the amount is debit − credit

    def category_of(self, account: str) -> str | None:
        """The category of the longest prefix that matches the account."""
        best = ""
        for prefix in self.accounts:
            if account.startswith(prefix) and len(prefix) > len(best):
                best = prefix
        return self.accounts.get(best) if best else None


@dataclass(frozen=True)
class Row:
    position: int  # the row number in the file, as a spreadsheet shows it
    spent_on: date | None
    amount: Decimal | None
    account: str
    category: str | None  # None: the account belongs to no category of the mapping
    text: str
    reference: str
    problems: tuple[Message, ...]
    summary: bool = False  # no date and no account: a sum or a heading inside the report


@dataclass(frozen=True)
class Sheet:
    header: list[str]
    header_position: int
    body: list[tuple[int, list[Any]]]


def read_sheet(filename: str, content: bytes) -> list[list[Any]]:
    """Every row of the first sheet or the CSV file: the report's heading, the header row and
    at most `MAX_ROWS` rows. A longer file is refused, never cut short: a ledger read in part
    would be imported in part (raises SpreadsheetError)."""
    return read_table(filename, content, max_rows=MAX_ROWS, heading_rows=HEADER_SEARCH_ROWS + 1)


def _too_long() -> SpreadsheetError:
    return SpreadsheetError(
        _("The file has more than {number} rows.", number=group_thousands(MAX_ROWS))
    )


def _norm(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().casefold()


def find_header(rows: Sequence[Sequence[Any]], needed: Sequence[str] = ()) -> Sheet:
    """The header row: the first of the top rows holding every needed column (or, without
    needed columns, the first row with at least three filled cells)."""
    wanted = {_norm(name) for name in needed if name}
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = [_norm(cell) for cell in row]
        filled = sum(1 for name in names if name)
        if (wanted and wanted <= set(names)) or (not wanted and filled >= 3):  # noqa: PLR2004
            header = [str(cell or "").strip() for cell in row]
            body = [
                (position, list(cells))
                for position, cells in enumerate(rows[index + 1 :], start=index + 2)
                if any(cell not in (None, "") for cell in cells)
            ]
            if len(body) > MAX_ROWS:
                raise _too_long()
            return Sheet(header=header, header_position=index + 1, body=body)
    if wanted:
        missing = ", ".join(sorted(name for name in needed if name))
        raise SpreadsheetError(
            _(
                "No header row with the columns {columns} among the first {number} rows. "
                "Choose the columns again.",
                columns=missing,
                number=HEADER_SEARCH_ROWS,
            )
        )
    raise SpreadsheetError(_("The file has no header row."))


def _plain(name: Any) -> str:
    """A header as the guesses are written: lower case, without spaces, dots and dashes."""
    return re.sub(r"[\s.\-_:]+", "", str(name or "")).casefold()


def guess_mapping(header: Sequence[str]) -> dict[str, str]:
    """A proposed column for each role, from the usual names (empty if none fits)."""
    by_name: dict[str, str] = {}
    for name in header:
        if name:
            by_name.setdefault(_plain(name), name)
    proposal = {
        role: next((by_name[n] for n in names if n in by_name), "")
        for role, names in GUESSES.items()
    }
    if _plain(proposal["amount_column"]) != "debet":
        proposal["credit_column"] = ""  # a credit column is read only beside a debit column
    return proposal


_DATES = (
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$"), "ymd"),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), "ymd"),
    (re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$"), "dmy"),
)


def parse_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if len(text) == 10 and text[4] == text[7] == "-":  # 2023-02-25, most ledgers' own form
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    for pattern, order in _DATES:
        match = pattern.match(text)
        if match:
            a, b, c = (int(part) for part in match.groups())
            year, month, day = (a, b, c) if order == "ymd" else (c, b, a)
            try:
                return date(year, month, day)
            except ValueError:
                return None
    return None


_SPACES = re.compile(r"[\s\u00a0\u202f]")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_ORE = Decimal("0.01")


def parse_amount(value: Any) -> Decimal | None:
    """A number, or Swedish text: `55 666,67`, `-1 234,50`, `1.234,50`, `55666.67`."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        text = str(value)
    else:
        text = _SPACES.sub("", str(value or "")).removesuffix("kr")
        text = text.replace("\u2212", "-")
        if not text:
            return None
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        if not _NUMBER.match(text):
            return None
    try:
        amount = Decimal(text)
        return amount.quantize(_ORE) if amount.is_finite() else None
    except InvalidOperation:  # more digits than a Decimal holds
        return None


def _account(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value or "").strip()


def _debit_less_credit(debit: Any, credit: Any) -> Any:
    """The amount of a row with a debit and a credit column; the raw text when one of them is
    not an amount, so that the row says which."""
    debit_amount = Decimal(0) if debit in (None, "") else parse_amount(debit)
    credit_amount = parse_amount(credit)
    if debit_amount is None:
        return debit
    if credit_amount is None:
        return credit
    return debit_amount - credit_amount


def read_rows(sheet: Sheet, mapping: Mapping) -> list[Row]:
    """Every row of the sheet read by the mapping, with what is wrong with it. A row with
    neither date nor account is a sum or a heading of the report: marked, not imported."""
    index = {_norm(name): n for n, name in enumerate(sheet.header) if name}
    # Each role's column number, looked up once for the whole file (None: not mapped or absent).
    columns = [
        index.get(_norm(column)) if column else None
        for column in (
            mapping.date_column,
            mapping.amount_column,
            mapping.account_column,
            mapping.text_column,
            mapping.reference_column,
            mapping.credit_column,
        )
    ]
    categories: dict[str, str | None] = {}  # account → category, each account looked up once

    def category_of(account: str) -> str | None:
        if account not in categories:
            categories[account] = mapping.category_of(account)
        return categories[account]

    rows = []
    for position, cells in sheet.body:
        raw_date, raw_amount, raw_account, raw_text, raw_reference, raw_credit = (
            cells[n] if n is not None and n < len(cells) else None for n in columns
        )
        if mapping.credit_column and raw_credit not in (None, ""):
            raw_amount = _debit_less_credit(raw_amount, raw_credit)
        problems: list[Message] = []
        account = _account(raw_account)
        text = str(raw_text or "").strip()[:300]
        if raw_date in (None, "") and account == "":
            rows.append(
                Row(position, None, parse_amount(raw_amount), "", None, text, "", (), summary=True)
            )
            continue
        spent_on = parse_date(raw_date)
        if spent_on is None:
            problems.append(
                _("The date is missing.")
                if raw_date in (None, "")
                else _("“{value}” is not a date.", value=raw_date)
            )
        amount = parse_amount(raw_amount)
        if amount is None:
            problems.append(
                _("The amount is missing.")
                if raw_amount in (None, "")
                else _("“{value}” is not an amount.", value=raw_amount)
            )
        elif amount == 0:
            problems.append(_("The amount is zero."))
        elif abs(amount) >= MAX_AMOUNT:
            problems.append(_("“{value}” is too large an amount.", value=raw_amount))
        category = category_of(account) if account else None
        if not account:
            problems.append(_("The account is missing."))
        rows.append(
            Row(
                position=position,
                spent_on=spent_on,
                amount=amount,
                account=account,
                category=category,
                text=text,
                reference=_account(raw_reference)[:100],
                problems=tuple(problems),
            )
        )
    return rows


def parse_accounts(text: str) -> tuple[dict[str, str], list[Message]]:
    """`5=staff; 64=materials` (or the labels in the reader's language, `5=Personal`) → a
    prefix map and problems."""
    labels = {str(label).casefold(): key for key, label in CATEGORIES.items()}
    accounts: dict[str, str] = {}
    problems: list[Message] = []
    for part in re.split(r"[;\n]", text):
        if not part.strip():
            continue
        prefix, _sep, name = part.partition("=")
        prefix, name = prefix.strip(), name.strip()
        key = name if name in CATEGORIES else labels.get(name.casefold())
        if not prefix.isdigit():
            problems.append(
                _(
                    "“{part}”: the account must be digits, e.g. 5={staff}.",
                    part=part.strip(),
                    staff=CATEGORIES["staff"],
                )
            )
        elif key is None:
            problems.append(
                _(
                    "“{part}”: unknown cost category; choose among {categories}.",
                    part=part.strip(),
                    categories=", ".join(str(label) for label in CATEGORIES.values()),
                )
            )
        else:
            accounts[prefix] = key
    return accounts, problems


def format_accounts(accounts: dict[str, str]) -> str:
    return "; ".join(
        f"{prefix}={CATEGORIES.get(key, key)}" for prefix, key in sorted(accounts.items())
    )
