"""A project's expenditures as an .xlsx file, by the rule of every list's export
(`navet.core.exports`): a short list is answered at once, a long one written by the task worker
and told to the one who asked with a download link."""

from typing import Any

from django.utils.translation import gettext as _

from navet.core.exports import Export
from navet.core.spreadsheets import Column, write_workbook
from navet.followup.models import Expenditure
from navet.followup.selectors import expenditures_of
from navet.projects.models import Project


def _columns() -> tuple[Column, ...]:
    """The columns with headers in the reader's language, read when the file is written."""
    return (
        Column("spent_on", _("Date"), 12),
        Column("category", _("Category"), 16),
        Column("year", _("Year"), 8),
        Column("municipality", _("Municipality"), 16),
        Column("description", _("Description"), 40),
        Column("reference", _("Voucher"), 14),
        Column("amount", _("Amount (kr)"), 16, "# ##0.00"),
        Column("source", _("Source"), 12),
    )


def _row(expenditure: Expenditure) -> dict[str, Any]:
    line = expenditure.budget_line
    return {
        "spent_on": expenditure.spent_on,
        "category": line.get_category_display(),
        "year": line.year,
        "municipality": line.municipality.name if line.municipality else "",
        "description": expenditure.description,
        "reference": expenditure.reference,
        "amount": expenditure.amount,
        "source": expenditure.get_source_display(),
    }


def expenditures_workbook(project: Project) -> bytes:
    """Every expenditure of the project in date order, read from the database in chunks."""
    rows = expenditures_of(project).order_by("spent_on", "pk").iterator(chunk_size=2000)
    return write_workbook(
        (_row(e) for e in rows), columns=_columns(), sheet_title=_("Expenditures")
    )


def file_name(project: Project) -> str:
    return f"utfall-projekt-{project.pk}.xlsx"


def expenditures_export(project: Project) -> Export:
    return Export(
        filename=file_name(project),
        rows=expenditures_of(project).count(),
        write=lambda: expenditures_workbook(project),
    )
