"""The ledger import: the municipality's remembered columns, the preview and the import of the
rows not seen before."""

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from auditlog.models import LogEntry
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from navet.calls.bulk import insert
from navet.core.audit import acting_as
from navet.core.errors import DomainError, full_clean
from navet.core.models import User
from navet.core.spreadsheets import SpreadsheetError
from navet.followup import audit, ledger
from navet.followup.models import (
    Category,
    Expenditure,
    LedgerImport,
    LedgerMapping,
)
from navet.followup.permissions import can_edit_budget, can_map_ledger
from navet.followup.selectors import (
    LedgerPreview,
    PreviewRow,
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
    credit_column: str = "",
) -> LedgerMapping:
    """Remember how `municipality`'s ledger export is read, for every later file."""
    can_map_ledger(actor, municipality, project).require()
    check_municipality(project, municipality)
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
    stored.credit_column = credit_column
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
    """Store the rows of a ledger export not stored before, and count the others: the rows an
    earlier import stored (each month's export holds the year so far) and the rows set aside for
    want of a budget line, which a later import of the file stores once the account is mapped or
    the line is there. A single wrong row – a date or amount that cannot be read, a row outside
    the project's period – refuses the whole file, with the reasons.

    The preview's checks are the validation (`ledger.read_rows` and `ledger_preview`: dates,
    amounts within the field's digits, accounts, budget lines, the period, the rows already
    stored), so the rows go in with one bulk insert, and their audit entries likewise
    (`audit.created_entries`), in the one transaction. The project's row is locked first, so
    that two imports of one project (a double click on "Import") are checked one after the other
    and the second finds the first one's rows there."""
    can_edit_budget(actor, project, municipality).require()
    check_municipality(project, municipality)
    with transaction.atomic(), acting_as(actor):
        Project.objects.select_for_update().filter(pk=project.pk).exists()
        preview = ledger_read(project, municipality, filename, content)
        if preview.bad:
            raise DomainError(
                ngettext(
                    "%(count)s row of the file is wrong; nothing was imported.",
                    "%(count)s rows of the file are wrong; nothing was imported.",
                    len(preview.bad),
                )
                % {"count": len(preview.bad)}
            )
        if not preview.rows:
            raise DomainError(_("The file has no rows to import."))
        batch = LedgerImport.objects.create(
            project=project,
            municipality=municipality,
            filename=filename[:255],
            rows=len(preview.new),
            total=preview.total,
            already_there=len(preview.already_there),
            set_aside=len(preview.set_aside),
            created_by=actor,
        )
        expenditures = [_expenditure(item, project, batch, actor) for item in preview.new]
        keys = _store(Expenditure, [vars(expenditure) for expenditure in expenditures])
        for expenditure, key in zip(expenditures, keys, strict=True):
            expenditure.pk = key
        _store(LogEntry, audit.created_entries(expenditures, actor=actor))
    return batch


def _expenditure(
    item: PreviewRow, project: Project, batch: LedgerImport, actor: User
) -> Expenditure:
    """The expenditure of a new row (a file with a bad row never gets here)."""
    assert item.line is not None  # noqa: S101
    assert item.row.spent_on is not None  # noqa: S101
    assert item.row.amount is not None  # noqa: S101
    return Expenditure(
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


# Values the database drivers take as they are (a relation: the related key): no preparation
# per row. A JSON value is written as JSON text; any other field goes through its own
# `get_db_prep_save` per row.
_AS_THEY_ARE = frozenset(
    {
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "DateField",
        "DecimalField",
        "IntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SlugField",
        "SmallIntegerField",
        "TextField",
    }
)


def _store(model: type[models.Model], rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Store new rows of `model` – each a mapping of its fields' attribute names (`project_id`)
    to values; a field left out gets its default, a creation time is now – and return their
    new keys in order. One COPY on PostgreSQL, one executemany on SQLite (`navet.calls.bulk`):
    like `bulk_create` (no `save()`, no signals) without building an INSERT per batch in Python,
    which made most of a large import's time. Call it inside a transaction."""
    if not rows:
        return []
    db = transaction.get_connection()
    meta = model._meta
    assert meta.pk is not None  # noqa: S101
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    constants: dict[str, Any] = {}
    for field in fields:
        if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):
            constants[field.attname] = field.get_db_prep_save(timezone.now(), db)
        elif field.attname not in rows[0]:
            constants[field.attname] = field.get_db_prep_save(field.get_default(), db)

    def prepared(field: models.Field[Any, Any]) -> Callable[[Mapping[str, Any]], Any]:
        name = field.attname
        if name in constants:
            return lambda row: constants[name]
        if field.is_relation or field.get_internal_type() in _AS_THEY_ARE:
            return lambda row: row[name]
        if isinstance(field, models.JSONField):
            return lambda row: (
                None if row[name] is None else json.dumps(row[name], cls=field.encoder)
            )
        return lambda row: field.get_db_prep_save(row[name], db)

    getters = [prepared(field) for field in fields]
    keys = _new_keys(meta.db_table, meta.pk.column, len(rows))
    values = [(key, *(get(row) for get in getters)) for row, key in zip(rows, keys, strict=True)]
    insert(model, [meta.pk.name, *(field.name for field in fields)], values)
    return keys


def _new_keys(table: str, column: str, count: int) -> list[int]:
    """`count` new primary keys of `table`: drawn from its sequence on PostgreSQL; on SQLite,
    above the highest key ever given (the write transaction holds the database's write lock)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, count],
            )
            return sorted(key for (key,) in cursor.fetchall())
        quote = connection.ops.quote_name
        cursor.execute(f"SELECT max({quote(column)}) FROM {quote(table)}")  # noqa: S608
        (highest,) = cursor.fetchone()
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        given = cursor.fetchone()
        first = max(highest or 0, given[0] if given else 0) + 1
        return list(range(first, first + count))
