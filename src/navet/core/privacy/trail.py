"""Audit entries for what is done to a person's data as a whole: an export by an
administrator, a request to be erased, the erasure. They never hold the erased data."""

from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from navet.core.models import User


def log_event(
    actor: User | None,
    user: User,
    event: str,
    changes: dict[str, Any],
    action: int = LogEntry.Action.UPDATE,
) -> LogEntry:
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(User),
        object_pk=str(user.pk),
        object_id=user.pk,
        object_repr=str(user),
        action=action,
        changes=changes,
        actor=actor,
        additional_data={"event": event},
    )


def account_entries(user: User) -> QuerySet[LogEntry]:
    """The audit entries of the user account itself (its name, address, activity)."""
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_pk=str(user.pk)
    )
