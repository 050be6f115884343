"""Rows stored in bulk, and their history.

django-auditlog records what `save()` and `set()` do, but a `bulk_create` fires no signals.
`History` writes the same entries the signals would have written, with the same changes, actor
and order. `insert` writes many rows with one `executemany`: the values as the ORM prepares them,
without building a statement per row (for rows whose keys are not needed back: links, entries);
`create` stores new rows whose keys are needed, on PostgreSQL while they are still being made."""

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router
from django.db.models.signals import pre_save
from django.utils import timezone
from django.utils.encoding import smart_str

TICK = timedelta(microseconds=1)
M = TypeVar("M", bound=models.Model)
S = TypeVar("S")


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
        self.content_types: dict[type[models.Model], ContentType] = {}

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
        model = type(instance)
        if model not in self.content_types:
            self.content_types[model] = ContentType.objects.get_for_model(instance)
        self.entries.append(
            LogEntry(
                content_type=self.content_types[model],
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
        using = router.db_for_write(LogEntry)
        for entry in self.entries:
            pre_save.send(
                sender=LogEntry, instance=entry, raw=False, using=using, update_fields=None
            )
        connection = connections[using]
        fields = [field for field in LogEntry._meta.concrete_fields if not field.primary_key]
        insert(
            LogEntry,
            [field.name for field in fields],
            (
                [
                    field.get_db_prep_save(field.pre_save(entry, True), connection)
                    for field in fields
                ]
                for entry in self.entries
            ),
        )
        self.entries = []


def insert(model: type[models.Model], names: list[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert rows of values prepared for the database (`get_db_prep_save`) into the model's
    table, one row per value sequence, in the order of `names` (its fields): on PostgreSQL with
    COPY, elsewhere with one `executemany`."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    by_name = {field.name: field for field in model._meta.concrete_fields}
    columns = ", ".join(quote(by_name[name].column) for name in names)
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor, connection.wrap_database_errors:
        if connection.vendor == "postgresql":
            # The driver's own COPY, its errors as Django's (IntegrityError, DatabaseError).
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            # Names quoted by the database's own rules; values go as parameters.
            placeholders = ", ".join(["%s"] * len(names))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
            cursor.executemany(sql, list(rows))


def create(model: type[M], sources: Sequence[S], make: Callable[[S], M]) -> list[M]:
    """New rows of `model`, one made from each source, stored with their keys set, as
    `bulk_create` stores them. On PostgreSQL the keys are drawn from the table's sequence first
    and each row is copied (COPY) as soon as it is made: the database stores the rows before
    while the next are made, rather than after all of them."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        made = [make(source) for source in sources]
        model._default_manager.bulk_create(made)
        return made
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, len(sources)],  # type: ignore[union-attr]
        )
        keys = [row[0] for row in cursor.fetchall()]
    fields = list(model._meta.concrete_fields)
    made = []

    def rows() -> Iterable[list[Any]]:
        for source, pk in zip(sources, keys, strict=True):
            instance = make(source)
            instance.pk = pk
            instance._state.adding, instance._state.db = False, connection.alias
            made.append(instance)
            yield [
                field.get_db_prep_save(field.pre_save(instance, True), connection)
                for field in fields
            ]

    insert(model, [field.name for field in fields], rows())
    return made
