"""Every change to a budget line, an expenditure, an indicator, a report deadline and an
intervention is recorded with the acting user. Rows stored in bulk (the ledger import) get the
same entries through `created_entries`, since `bulk_create` sends no signals."""

from collections.abc import Callable, Sequence
from typing import Any

from auditlog.cid import get_cid
from auditlog.diff import get_field_value, get_fields_in_model, model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db import models

from navet.core.models import User
from navet.followup.models import (
    BudgetLine,
    Expenditure,
    Indicator,
    Intervention,
    LedgerMapping,
    Measurement,
    ReportDeadline,
)

auditlog.register(
    BudgetLine,
    include_fields=["project", "category", "year", "municipality", "amount_sek", "profile"],
)
auditlog.register(
    Expenditure,
    include_fields=["project", "budget_line", "spent_on", "amount", "description", "reference"],
)
auditlog.register(LedgerMapping, exclude_fields=["updated_at", "updated_by"])
auditlog.register(Indicator, include_fields=["project", "name", "unit", "baseline", "target"])
auditlog.register(Measurement, include_fields=["indicator", "measured_on", "value", "note"])
auditlog.register(ReportDeadline, include_fields=["project", "kind", "due_on", "submitted_on"])
auditlog.register(Intervention, include_fields=["project", "occurred_on", "reason", "action"])


def created_entries(instances: Sequence[models.Model], *, actor: User) -> list[dict[str, Any]]:
    """The "created" entries of rows stored in bulk (which sends no signals), as django-auditlog
    writes them for a save – the registered fields from "None" to their value, the actor, the
    correlation id – as the `LogEntry` fields' values to store in bulk (the others, such as the
    time, take their defaults). The rows must have their keys."""
    if not instances:
        return []
    changes_of = _creation_diff(type(instances[0]))
    common = {
        "content_type_id": ContentType.objects.get_for_model(instances[0]).pk,
        "action": LogEntry.Action.CREATE,
        "actor_id": actor.pk,
        "actor_email": actor.email,
        "cid": get_cid(),
    }
    return [
        {
            **common,
            "object_pk": str(instance.pk),
            "object_id": instance.pk,
            "object_repr": str(instance),
            "changes": changes_of(instance),
        }
        for instance in instances
    ]


def _creation_diff(model: type[models.Model]) -> Callable[[models.Model], dict[str, Any]]:
    """What `auditlog.diff.model_instance_diff(None, row)` gives for a new row of `model`, with
    its fields picked once and the names of related records (a budget line, a project) written
    once per record rather than once per row. A model with masked fields gets the library's
    own diff."""
    registered = auditlog.get_model_fields(model)
    if registered["mask_fields"]:
        return lambda instance: model_instance_diff(None, instance)
    # The fields, in the library's order: a set of the model's fields, filtered.
    fields = [
        field
        for field in set(get_fields_in_model(model()))
        if (not registered["include_fields"] or field.name in registered["include_fields"])
        and field.name not in registered["exclude_fields"]
    ]
    before = {field.name: get_field_value(None, field) for field in fields}
    names: dict[tuple[str, object], Any] = {}

    def value(instance: models.Model, field: Any) -> Any:
        if not field.many_to_one:
            return get_field_value(instance, field)
        key = (field.name, getattr(instance, field.attname))
        if key not in names:
            names[key] = get_field_value(instance, field)
        return names[key]

    def diff(instance: models.Model) -> dict[str, Any]:
        changes = {}
        for field in fields:
            after = value(instance, field)
            if after != before[field.name]:
                changes[field.name] = (before[field.name], after)
        return changes

    return diff
