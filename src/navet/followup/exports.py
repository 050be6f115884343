"""A project's expenditures as an .xlsx file. A short list is answered at once; a long one – a
hundred thousand ledger rows would hold a request for minutes and carry tens of megabytes – is
written by the task worker, kept for the one who asked, and told to them with a download link."""

import secrets
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import gettext as _

from navet.core.models import User
from navet.core.notifications import notify
from navet.core.spreadsheets import Column, write_workbook
from navet.followup.models import Expenditure
from navet.followup.selectors import expenditures_of
from navet.projects.models import Project

INLINE_ROWS = 5000  # more rows than this are written in the background
FOLDER = "exports/expenditures"
COLUMNS = (
    Column("spent_on", "Datum", 12),
    Column("category", "Kategori", 16),
    Column("year", "År", 8),
    Column("municipality", "Kommun", 16),
    Column("description", "Beskrivning", 40),
    Column("reference", "Verifikation", 14),
    Column("amount", "Belopp (kr)", 16, "# ##0.00"),
    Column("source", "Källa", 12),
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
    return write_workbook((_row(e) for e in rows), columns=COLUMNS, sheet_title="Utfall")


def file_name(project: Project) -> str:
    return f"utfall-projekt-{project.pk}.xlsx"


def _stored_prefix(user: User, project: Project) -> str:
    return f"{user.pk}-{project.pk}-"


def export_name(user: User, project: Project) -> str:
    """A new name for an export kept for `user`: the user, the project and a random part, so
    that nobody else can guess it."""
    return f"{_stored_prefix(user, project)}{secrets.token_urlsafe(16)}.xlsx"


def expenditures_export_deliver(*, user: User, project: Project, name: str) -> None:
    """Write the export under `name`, keep it for `user` and tell them where to fetch it. Run
    again (a retried task), it writes nothing twice and tells once."""
    path = f"{FOLDER}/{name}"
    if not default_storage.exists(path):
        default_storage.save(path, ContentFile(expenditures_workbook(project)))
    notify(
        user=user,
        key=f"expenditure-export-{name}",
        title=_("The expenditures of %(title)s are ready to download.") % {"title": project.title},
        url=reverse("followup:expenditure-export-file", args=[project.pk, name]),
    )


def stored_export(user: User, project: Project, name: str) -> bytes | None:
    """The content of an export kept for `user`, or None for another's or a missing one."""
    if "/" in name or not name.startswith(_stored_prefix(user, project)):
        return None
    path = f"{FOLDER}/{name}"
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as file:
        return file.read()
