"""History for rows stored in bulk: django-auditlog records what `save()` and `set()` do, but a
`bulk_create` fires no signals. `History` writes the same entries the signals would have written,
with the same changes, actor and order, in one insert."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import pre_save
from django.utils import timezone
from django.utils.encoding import smart_str

TICK = timedelta(microseconds=1)


class History:
    """Log entries gathered for many records, written together by `save()`.

    Entries get strictly increasing timestamps in the order they are added, so a record's history
    reads in the order its changes would have been made one by one."""

    def __init__(self) -> None:
        self.entries: list[LogEntry] = []
        self.enabled = not auditlog_disabled.get()
        self.json = getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False)
        self.cid = get_cid()
        self.last: datetime | None = None

    def created(self, instance: models.Model) -> None:
        """As `post_save` logs a new row: every audited field with a value."""
        changes = model_instance_diff(None, instance, use_json_for_changes=self.json)
        if changes:
            serialized = LogEntry.objects._get_serialized_data_or_none(instance)
            self._add(instance, LogEntry.Action.CREATE, changes, serialized)

    def changed(self, before: models.Model, after: models.Model, fields: Iterable[str]) -> None:
        """As `pre_save` logs `save(update_fields=fields)` of `after` over `before`."""
        changes = model_instance_diff(
            before, after, fields_to_check=list(fields), use_json_for_changes=self.json
        )
        if changes:
            self._add(after, LogEntry.Action.UPDATE, changes)

    def added(self, instance: models.Model, field: str, objects: list[Any]) -> None:
        """As `m2m_changed` logs `add` (objects in the order the database lists them)."""
        if objects:
            changes = {
                field: {
                    "type": "m2m",
                    "operation": "add",
                    "objects": [smart_str(o) for o in objects],
                }
            }
            self._add(instance, LogEntry.Action.UPDATE, changes)

    def _add(
        self,
        instance: models.Model,
        action: int,
        changes: dict[str, Any],
        serialized: dict[str, Any] | None = None,
    ) -> None:
        if not self.enabled:
            return
        now = timezone.now()
        self.last = now if self.last is None or now > self.last else self.last + TICK
        pk = LogEntry.objects._get_pk_value(instance)
        additional = getattr(instance, "get_additional_data", None)
        self.entries.append(
            LogEntry(
                content_type=ContentType.objects.get_for_model(instance),
                object_pk=pk,
                object_id=pk if isinstance(pk, int) else None,
                object_repr=smart_str(instance),
                serialized_data=serialized,
                action=action,
                changes=changes,
                additional_data=additional() if callable(additional) else None,
                cid=self.cid,
                timestamp=self.last,
            )
        )

    def save(self) -> None:
        """Insert the entries. The actor and the request's address come from the context
        (`acting_as`), as for an entry saved alone: its `pre_save` receivers fill them in."""
        for entry in self.entries:
            pre_save.send(
                sender=LogEntry, instance=entry, raw=False, using="default", update_fields=None
            )
        LogEntry.objects.bulk_create(self.entries, batch_size=1000)
        self.entries = []
