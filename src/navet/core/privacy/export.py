"""Right of access (GDPR art. 15): everything Navet keeps about one person, as JSON."""

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import models, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from navet.core.audit import acting_as
from navet.core.models import User
from navet.core.privacy.permissions import can_see_personal_data
from navet.core.privacy.relations import Relation, is_secret, user_relations
from navet.core.privacy.trail import account_entries, log_event

FORMAT = "navet-personal-data/1"


def personal_data_export(*, actor: User | None, subject: User) -> dict[str, Any]:
    """The person's data: profile, their own rows in full (roles, follows, feeds, notifications,
    settings, sign-in accounts), the records they made or changed (id, title and link), their
    audit trail and their sign-in attempts. Nobody else's data: records list only their title.

    An administrator's export of someone else is itself written to the audit trail. `actor` is
    None for an operator's `navet privacy export` (the audit trail shows "the system").
    """
    if actor is not None:
        can_see_personal_data(actor, subject).require()
    own: list[dict[str, Any]] = []
    records: list[dict[str, Any]] = []
    with translation.override(settings.LANGUAGE_CODE):
        data = {
            "format": FORMAT,
            "generated_at": timezone.now().isoformat(),
            "profile": _profile(subject),
            "own_data": own,
            "records": records,
            "audit_trail": _audit_trail(subject),
            "sign_ins": _sign_ins(subject),
        }
        for relation in user_relations():
            if relation.model is LogEntry:
                continue  # the audit trail, below
            if relation.belongs_to_person:
                section, target = _own_rows(relation, subject), own
            else:
                section, target = _records(relation, subject), records
            if section["items"]:
                target.append(section)
    if actor is None or actor.pk != subject.pk:
        with transaction.atomic(), acting_as(actor):
            log_event(actor, subject, "personal-data-export", {}, LogEntry.Action.ACCESS)
    return data


def export_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_plain).encode()


def _plain(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def _profile(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "has_password": user.has_usable_password(),
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "groups": sorted(user.groups.values_list("name", flat=True)),
    }


def _heading(relation: Relation) -> dict[str, Any]:
    meta = relation.model._meta
    return {
        "model": relation.label,
        "name": str(meta.verbose_name_plural),
        "field": relation.field.name,
        "field_name": str(getattr(relation.field, "verbose_name", relation.field.name)),
    }


def _own_rows(relation: Relation, subject: User) -> dict[str, Any]:
    """The person's own rows in full, except secrets and the link back to the person."""
    fields = [
        f
        for f in relation.model._meta.concrete_fields
        if f is not relation.field and not is_secret(f)
    ]
    related = [f.name for f in fields if f.is_relation and f.related_model is not User]
    rows = relation.model._default_manager.filter(**{relation.field.name: subject})
    items = []
    for row in rows.select_related(*related).order_by("pk"):
        item: dict[str, Any] = {}
        for field in fields:
            if field.is_relation and field.related_model is User:
                continue  # another person (who gave the role, say): not this person's data
            value = getattr(row, field.name)
            item[field.name] = str(value) if isinstance(value, models.Model) else value
        items.append(item)
    return {**_heading(relation), "items": items}


def _records(relation: Relation, subject: User) -> dict[str, Any]:
    """Records of the organisation that name the person: their id, title and address only."""
    rows = relation.model._default_manager.filter(**{relation.field.name: subject})
    items = [{"id": row.pk, "title": str(row), "url": _link(row)} for row in rows.order_by("pk")]
    return {**_heading(relation), "items": items}


def _link(row: models.Model) -> str:
    """The record's page, or the page of the record it belongs to (a vote's motion)."""
    candidates = [(row._meta, row.pk)] + [
        (f.related_model._meta, getattr(row, f.attname))
        for f in row._meta.concrete_fields
        if f.many_to_one
        and isinstance(f.related_model, type)
        and f.related_model is not User
        and getattr(row, f.attname)
    ]
    for meta, pk in candidates:
        try:
            path = reverse(f"{meta.app_label}:{meta.model_name}-detail", kwargs={"pk": pk})
        except NoReverseMatch:
            continue
        return settings.NAVET_BASE_URL + path
    return ""


def _audit_trail(subject: User) -> dict[str, list[dict[str, Any]]]:
    """What the person did (the fields they changed, not the values: those may be others'),
    and the changes to their own account (values included: they are the person's own)."""
    done = LogEntry.objects.filter(actor=subject).select_related("content_type")
    about = account_entries(subject)
    return {
        "actions": [
            {
                "timestamp": entry.timestamp,
                "action": entry.get_action_display(),
                "model": entry.content_type.model,
                "object_id": entry.object_pk,
                "object": entry.object_repr,
                "fields": sorted(entry.changes_dict),
            }
            for entry in done.order_by("timestamp", "pk")
        ],
        "account_changes": [
            {
                "timestamp": entry.timestamp,
                "action": entry.get_action_display(),
                "changes": entry.changes_dict,
            }
            for entry in about.order_by("timestamp", "pk")
        ],
    }


def _sign_ins(subject: User) -> dict[str, list[dict[str, Any]]]:
    """Failed and recorded sign-ins under the person's username (the login protection's)."""
    columns = ("attempt_time", "ip_address", "user_agent")
    return {
        "failed_attempts": list(
            AccessAttempt.objects.filter(username=subject.username).values(
                *columns, "failures_since_start"
            )
        ),
        "failures": list(
            AccessFailureLog.objects.filter(username=subject.username).values(*columns)
        ),
        "logins": list(
            AccessLog.objects.filter(username=subject.username).values(*columns, "logout_time")
        ),
    }


def personal_data_summary(*, actor: User, subject: User) -> list[tuple[str, int]]:
    """What the export holds, as (kind, number of rows), for the page: one count per kind."""
    can_see_personal_data(actor, subject).require()
    counts = []
    for relation in user_relations():
        if relation.model is LogEntry:
            continue
        rows = relation.model._default_manager.filter(**{relation.field.name: subject})
        number = rows.count()
        if number:
            meta = relation.model._meta
            label = str(meta.verbose_name_plural)
            if not relation.belongs_to_person:
                field = str(getattr(relation.field, "verbose_name", relation.field.name))
                label = f"{label} ({field})"
            counts.append((label, number))
    counts.append(
        (str(LogEntry._meta.verbose_name_plural), LogEntry.objects.filter(actor=subject).count())
    )
    return counts
