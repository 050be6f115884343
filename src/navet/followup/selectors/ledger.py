"""Reads for the ledger import: the stored mapping and the preview of a file."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from navet.followup import budget, ledger
from navet.followup.models import (
    BudgetLine,
    Expenditure,
    LedgerMapping,
)
from navet.organisations.models import Municipality
from navet.projects.models import Project


@dataclass(frozen=True)
class PreviewRow:
    row: ledger.Row
    line: BudgetLine | None
    problems: tuple[str, ...]  # what is wrong with the row: the file is not imported
    unplaced: str = ""  # why the row has no budget line: it is set aside
    already_there: bool = False  # stored by an earlier import of the municipality's ledger

    @property
    def new(self) -> bool:
        return not (self.problems or self.unplaced or self.already_there)


@dataclass(frozen=True)
class LedgerPreview:
    rows: list[PreviewRow]
    header: list[str]
    skipped: list[ledger.Row] = field(default_factory=list)  # sums and headings of the report

    @property
    def bad(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.problems]

    @property
    def new(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.new]

    @property
    def already_there(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.already_there]

    @property
    def set_aside(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.unplaced and not row.problems]

    @property
    def total(self) -> Decimal:
        """The sum of the new rows, which an import stores."""
        return sum((row.row.amount or Decimal(0) for row in self.new), Decimal(0))


def mapping_of(stored: LedgerMapping) -> ledger.Mapping:
    return ledger.Mapping(
        date_column=stored.date_column,
        amount_column=stored.amount_column,
        account_column=stored.account_column,
        text_column=stored.text_column,
        reference_column=stored.reference_column,
        accounts=dict(stored.accounts),
        credit_column=stored.credit_column,
    )


def _stored(project: Project, municipality: Municipality) -> Counter[tuple[Any, ...]]:
    """How many times each row is stored already: the rows of the municipality's earlier
    ledger imports by date, amount, voucher, text and category; rows entered by hand with a
    voucher by budget line, date, amount and voucher."""
    stored: Counter[tuple[Any, ...]] = Counter(
        Expenditure.objects.filter(project=project, ledger_import__municipality=municipality)
        .values_list("spent_on", "amount", "reference", "description", "budget_line__category")
        .order_by()
    )
    stored.update(
        ("by hand", *key)
        for key in Expenditure.objects.filter(project=project, source=Expenditure.Source.MANUAL)
        .exclude(reference="")
        .values_list("budget_line_id", "spent_on", "amount", "reference")
        .order_by()
    )
    return stored


def _take(stored: Counter[tuple[Any, ...]], key: tuple[Any, ...]) -> bool:
    """Whether `key` is stored once more than the file's earlier rows accounted for."""
    if stored[key] > 0:
        stored[key] -= 1
        return True
    return False


def ledger_preview(
    project: Project, municipality: Municipality, sheet: ledger.Sheet, mapping: ledger.Mapping
) -> LedgerPreview:
    """Each row of a ledger export with the budget line it lands on – a line of the
    municipality, else a line of the whole project, for the category and year – and whether it
    is new, already stored by an earlier import (each month's export holds the year so far),
    set aside for want of a line, or wrong.

    A row counts as already there as many times as it is stored: a voucher's two identical
    rows are both stored, and both recognised the next time."""
    lines = list(BudgetLine.objects.filter(project=project).select_related("municipality"))
    own = {(x.category, x.year): x for x in lines if x.municipality_id == municipality.pk}
    shared = {(x.category, x.year): x for x in lines if x.municipality_id is None}
    stored = _stored(project, municipality)
    rows, skipped = [], []
    for row in ledger.read_rows(sheet, mapping):
        if row.summary:
            skipped.append(row)
            continue
        problems = [str(problem) for problem in row.problems]  # in the reader's language
        line, unplaced = None, ""
        if row.account and row.category is None:
            unplaced = _("Account %(account)s belongs to no cost category of the mapping.") % {
                "account": row.account
            }
        elif row.spent_on is not None and row.category is not None:
            key = (row.category, row.spent_on.year)
            line = own.get(key) or shared.get(key)
            if line is None:
                unplaced = _(
                    "The budget has no line for %(category)s %(year)s (%(municipality)s or the "
                    "whole project)."
                ) % {
                    "category": str(budget.CATEGORIES[row.category]).lower(),
                    "year": row.spent_on.year,
                    "municipality": municipality.name,
                }
        if row.spent_on is not None and (
            (project.starts_on and row.spent_on < project.starts_on)
            or (project.ends_on and row.spent_on > project.ends_on)
        ):
            problems.append(
                _("%(date)s lies outside the project period.") % {"date": row.spent_on.isoformat()}
            )
        already_there = (
            line is not None
            and not problems
            and (
                _take(stored, (row.spent_on, row.amount, row.reference, row.text, row.category))
                or (
                    bool(row.reference)
                    and _take(stored, ("by hand", line.pk, row.spent_on, row.amount, row.reference))
                )
            )
        )
        rows.append(
            PreviewRow(
                row=row,
                line=line,
                problems=tuple(problems),
                unplaced=unplaced,
                already_there=already_there,
            )
        )
    return LedgerPreview(rows=rows, header=sheet.header, skipped=skipped)
