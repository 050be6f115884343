"""Reads for the ledger import: the stored mapping and the preview of a file."""

from dataclasses import dataclass, field
from decimal import Decimal

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
    problems: tuple[str, ...]


@dataclass(frozen=True)
class LedgerPreview:
    rows: list[PreviewRow]
    header: list[str]
    skipped: list[ledger.Row] = field(default_factory=list)  # sums and headings of the report

    @property
    def bad(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.problems]

    @property
    def total(self) -> Decimal:
        return sum((row.row.amount or Decimal(0) for row in self.rows), Decimal(0))


def mapping_of(stored: LedgerMapping) -> ledger.Mapping:
    return ledger.Mapping(
        date_column=stored.date_column,
        amount_column=stored.amount_column,
        account_column=stored.account_column,
        text_column=stored.text_column,
        reference_column=stored.reference_column,
        accounts=dict(stored.accounts),
    )


def ledger_preview(
    project: Project, municipality: Municipality, sheet: ledger.Sheet, mapping: ledger.Mapping
) -> LedgerPreview:
    """Each row of a ledger export with the budget line it lands on and what is wrong with it:
    a line of the municipality, else a line of the whole project, for the category and year."""
    lines = list(BudgetLine.objects.filter(project=project).select_related("municipality"))
    own = {(x.category, x.year): x for x in lines if x.municipality_id == municipality.pk}
    shared = {(x.category, x.year): x for x in lines if x.municipality_id is None}
    booked = set(
        Expenditure.objects.filter(project=project)
        .exclude(reference="")
        .values_list("budget_line_id", "spent_on", "amount", "reference")
    )
    rows, skipped = [], []
    for row in ledger.read_rows(sheet, mapping):
        if row.summary:
            skipped.append(row)
            continue
        problems = list(row.problems)
        line = None
        if row.spent_on is not None and row.category is not None:
            key = (row.category, row.spent_on.year)
            line = own.get(key) or shared.get(key)
            if line is None:
                problems.append(
                    f"Budgeten har ingen post för {budget.CATEGORIES[row.category].lower()} "
                    f"{row.spent_on.year} ({municipality.name} eller hela projektet)."
                )
        if row.spent_on is not None and (
            (project.starts_on and row.spent_on < project.starts_on)
            or (project.ends_on and row.spent_on > project.ends_on)
        ):
            problems.append(f"{row.spent_on.isoformat()} ligger utanför projektperioden.")
        if (
            line is not None
            and row.reference
            and (line.pk, row.spent_on, row.amount, row.reference) in booked
        ):
            problems.append(f"Verifikation {row.reference} är redan registrerad.")
        rows.append(PreviewRow(row=row, line=line, problems=tuple(problems)))
    return LedgerPreview(rows=rows, header=sheet.header, skipped=skipped)
