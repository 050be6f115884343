"""The ledger import: the municipality's remembered columns, the preview and the all-or-nothing
import."""

from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from navet.calls.spreadsheets import SpreadsheetError
from navet.core.audit import acting_as
from navet.core.errors import DomainError, full_clean
from navet.core.models import User
from navet.followup import ledger
from navet.followup.models import (
    Category,
    Expenditure,
    LedgerImport,
    LedgerMapping,
)
from navet.followup.permissions import can_edit_budget, can_map_ledger
from navet.followup.selectors import (
    LedgerPreview,
    ledger_mapping,
    ledger_preview,
    mapping_of,
)
from navet.followup.services.budget import check_municipality
from navet.organisations.models import Municipality
from navet.projects.models import Project


def ledger_mapping_set(
    *,
    actor: User,
    project: Project,
    municipality: Municipality,
    date_column: str,
    amount_column: str,
    account_column: str,
    accounts: Mapping[str, str],
    text_column: str = "",
    reference_column: str = "",
) -> LedgerMapping:
    """Remember how `municipality`'s ledger export is read, for every later file."""
    can_map_ledger(actor, municipality, project).require()
    if not accounts:
        raise DomainError(_("Say which accounts belong to which cost category, e.g. 5=Personal."))
    if any(key not in Category.values for key in accounts.values()):
        raise DomainError(_("Unknown cost category."))
    stored = LedgerMapping.objects.filter(municipality=municipality).first() or LedgerMapping(
        municipality=municipality
    )
    stored.date_column = date_column
    stored.amount_column = amount_column
    stored.account_column = account_column
    stored.text_column = text_column
    stored.reference_column = reference_column
    stored.accounts = dict(accounts)
    stored.updated_by = actor
    with transaction.atomic(), acting_as(actor):
        full_clean(stored)
        stored.save()
    return stored


def ledger_read(
    project: Project, municipality: Municipality, filename: str, content: bytes
) -> LedgerPreview:
    """The preview of a ledger export read by the municipality's stored mapping."""
    stored = ledger_mapping(municipality)
    if stored is None:
        raise DomainError(
            _("Choose first how %(name)s's ledger is read.") % {"name": municipality.name}
        )
    mapping = mapping_of(stored)
    try:
        sheet = ledger.find_header(
            ledger.read_sheet(filename, content),
            [mapping.date_column, mapping.amount_column, mapping.account_column],
        )
    except SpreadsheetError as error:
        raise DomainError(str(error)) from error
    return ledger_preview(project, municipality, sheet, mapping)


def ledger_import(
    *, actor: User, project: Project, municipality: Municipality, filename: str, content: bytes
) -> LedgerImport:
    """Store every row of a ledger export as expenditures, or none: a single bad row refuses
    the whole file, with the reasons."""
    can_edit_budget(actor, project).require()
    check_municipality(project, municipality)
    preview = ledger_read(project, municipality, filename, content)
    if preview.bad:
        raise DomainError(
            _("%(count)s rows of the file are wrong; nothing was imported.")
            % {"count": len(preview.bad)}
        )
    if not preview.rows:
        raise DomainError(_("The file has no rows to import."))
    with transaction.atomic(), acting_as(actor):
        batch = LedgerImport.objects.create(
            project=project,
            municipality=municipality,
            filename=filename[:255],
            rows=len(preview.rows),
            total=preview.total,
            created_by=actor,
        )
        for item in preview.rows:
            assert item.line is not None  # noqa: S101
            assert item.row.spent_on is not None  # noqa: S101
            assert item.row.amount is not None  # noqa: S101
            expenditure = Expenditure(
                project=project,
                budget_line=item.line,
                spent_on=item.row.spent_on,
                amount=item.row.amount,
                description=item.row.text,
                reference=item.row.reference,
                source=Expenditure.Source.LEDGER,
                ledger_import=batch,
                created_by=actor,
            )
            full_clean(expenditure)
            expenditure.save()
    return batch
