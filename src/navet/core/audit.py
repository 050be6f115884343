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
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from navet.core.models import ApiToken, User

auditlog.register(
    User,
    include_fields=["username", "first_name", "last_name", "email", "is_active", "is_staff"],
)
auditlog.register(ApiToken, include_fields=["user", "created_at", "revoked_at"])


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


def history_for(
    instance: models.Model, *, also: Q | None = None, limit: int = 50
) -> list[HistoryRow]:
    """The change history of one record, newest first, ready for a template.

    `also` adds entries of related records, e.g. the roles given to and removed from a user.
    """
    own = Q(
        content_type=ContentType.objects.get_for_model(instance.__class__),
        object_pk=str(instance.pk),
    )
    entries = (
        LogEntry.objects.filter(own | also if also is not None else own)
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
        changes = _change_rows(entry)
        rows.append(
            HistoryRow(
                when=entry.timestamp,
                who=str(entry.actor) if entry.actor else _("the system"),
                action=labels.get(entry.action, ""),
                changes=changes,
            )
        )
    return rows


def _change_rows(entry: LogEntry) -> list[tuple[str, str, str]]:
    """(field, before, after) per change; a many-to-many change reads "added: Solna, Sundbyberg"."""
    model = entry.content_type.model_class()
    display = entry.changes_display_dict
    rows = []
    for name, raw in entry.changes_dict.items():
        field = _field(model, name)
        label = str(getattr(field, "verbose_name", name))
        if isinstance(raw, dict) and raw.get("type") == "m2m":
            operation = _("added") if raw.get("operation") == "add" else _("removed")
            rows.append((label, operation, ", ".join(str(o) for o in raw.get("objects", []))))
        elif isinstance(field, models.BooleanField):
            before, after = raw
            rows.append((label, _yes_no(before), _yes_no(after)))
        else:
            before, after = display.get(label, raw)
            rows.append((label, _display(before), _display(after)))
    return rows


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    try:
        return model._meta.get_field(name) if model else None  # type: ignore[return-value]
    except FieldDoesNotExist:
        return None


def _yes_no(value: object) -> str:
    """A yes/no field in words ("klart: nej → ja"), never `True` or `False`."""
    if str(value) == "True":
        return _("yes")
    if str(value) == "False":
        return _("no")
    return _display(value)


def _display(value: object) -> str:
    return "–" if value in (None, "None", "") else str(value)
