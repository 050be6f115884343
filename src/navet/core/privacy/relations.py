"""Where the user model is referenced, found from the models' own metadata."""

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.db import models

from navet.core.models import User

# Rows that point at the user but are part of a kept log, never a person's belongings.
KEPT_LOGS: tuple[type[models.Model], ...] = (LogEntry, AdminLogEntry)
# Never copied into an export: secrets that would let the holder act as the person.
SECRET_FIELDS = ("password", "digest", "token", "secret")


@dataclass(frozen=True)
class Relation:
    """A foreign key (or many-to-many field) on `model` named `field` that points at a user."""

    model: type[models.Model]
    field: models.Field
    belongs_to_person: bool  # CASCADE: the row goes with the account

    @property
    def label(self) -> str:
        return self.model._meta.label_lower


def user_relations() -> list[Relation]:
    """Every foreign key and many-to-many field to the user, in a stable order."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.get_fields():
            if not isinstance(field, models.Field) or field.related_model is not User:
                continue  # reverse relations are found from the other side
            if field.many_to_many:
                found.append(Relation(model, field, belongs_to_person=False))
            elif field.many_to_one or field.one_to_one:
                cascade = field.remote_field.on_delete is models.CASCADE  # type: ignore[union-attr]
                found.append(
                    Relation(model, field, belongs_to_person=cascade and model not in KEPT_LOGS)
                )
    return sorted(found, key=lambda r: (r.label, r.field.name))


def text_fields(model: type[models.Model]) -> list[models.Field]:
    """The columns of `model` that can hold a name or an address as text."""
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
        and not f.primary_key
    ]


def is_secret(field: models.Field) -> bool:
    return any(word in field.name for word in SECRET_FIELDS)
