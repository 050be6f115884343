"""Audit trail: every change to a domain record, with who, when and what changed.

django-auditlog records the changes of registered models (in the app, the admin, the API and
commands alike); services name the actor explicitly so that work outside a request is attributed.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.db import models
from django.utils.translation import gettext as _

from navet.core.models import User


@contextmanager
def acting_as(actor: User | None) -> Iterator[None]:
    """Attribute every audited change inside the block to `actor`."""
    with set_actor(actor):
        yield


@dataclass(frozen=True)
class HistoryRow:
    when: datetime
    who: str
    action: str
    changes: list[tuple[str, str, str]]


def history_for(instance: models.Model, limit: int = 50) -> list[HistoryRow]:
    """The change history of one record, newest first, ready for a template."""
    entries = (
        LogEntry.objects.get_for_object(instance)
        .select_related("actor", "content_type")
        .order_by("-timestamp")
    )[:limit]
    labels = {
        LogEntry.Action.CREATE: _("created"),
        LogEntry.Action.UPDATE: _("changed"),
        LogEntry.Action.DELETE: _("deleted"),
    }
    rows = []
    for entry in entries:
        changes = [
            (field, _display(values[0]), _display(values[1]))
            for field, values in entry.changes_display_dict.items()
        ]
        rows.append(
            HistoryRow(
                when=entry.timestamp,
                who=str(entry.actor) if entry.actor else _("the system"),
                action=labels.get(entry.action, ""),
                changes=changes,
            )
        )
    return rows


def _display(value: object) -> str:
    return "–" if value in (None, "None", "") else str(value)
