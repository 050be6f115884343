"""Erasure (GDPR art. 17, limited by the archiving law): pseudonymise, never delete.

The account stays as "Borttagen användare 17" so that the records it is joined to – votes,
minutes, applications, expenditures, the audit trail – are kept and read sensibly; everything that
identified the person, and everything that was only theirs, is removed. ADR 0017 says why.
"""

import json
import re
from dataclasses import dataclass
from typing import Any

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import JSONField, Model, Q, TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from navet.core.audit import acting_as
from navet.core.errors import DomainError, PermissionDenied
from navet.core.models import User
from navet.core.notifications import notify
from navet.core.privacy.permissions import administrators, can_erase
from navet.core.privacy.relations import text_fields, user_relations
from navet.core.privacy.trail import account_entries, log_event
from navet.core.search import SearchTermsField

ERASED = "[borttaget]"
PERSONAL_FIELDS = ("username", "first_name", "last_name", "email")


def pseudonym_username(user: User) -> str:
    return f"borttagen-{user.pk}"


def is_erased(user: User) -> bool:
    return user.username == pseudonym_username(user)


def user_erase(*, actor: User | None, subject: User) -> User:
    """Erase `subject`: deactivated, renamed "Borttagen användare <id>", no password, e-mail,
    sessions, tokens, sign-in accounts, roles, follows, feeds or notifications; their old name,
    e-mail and username replaced wherever Navet stored them as text. Records joined to the
    account are kept and now show the pseudonym; the audit trail is kept and gains one entry for
    the erasure, which holds none of the erased data.

    `actor` is None for an operator's `navet privacy erase` (the audit trail shows "the system").
    """
    if actor is not None:
        can_erase(actor, subject).require()
    if is_erased(subject):
        raise DomainError(_("The user is already erased."))
    old = Identifiers.of(subject)
    old_username = subject.username
    with transaction.atomic(), acting_as(actor):
        _pseudonymise(subject)
        _remove_belongings(subject, old_username)
        _redact_audit_trail(subject)
        _replace_everywhere(old, subject.get_full_name())
        _log_erasure(actor, subject)
    return subject


def erasure_request(*, actor: User) -> bool:
    """The person asks the administrators to erase them: each is told once. True if new."""
    if not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied(_("Log in to see this."))
    admins = list(administrators().exclude(pk=actor.pk))
    if not admins:
        raise DomainError(_("Navet has no administrator to ask; turn to your municipality."))
    told = False
    with transaction.atomic(), acting_as(actor):
        for admin in admins:
            told |= notify(
                user=admin,
                key=f"erasure-request:{actor.pk}",
                title=_("%(name)s asks to have their personal data erased.") % {"name": str(actor)},
                url=reverse("privacy-user", args=[actor.pk]),
            )
        if told:
            log_event(actor, actor, "erasure-requested", {})
    return told


@dataclass(frozen=True)
class Identifiers:
    """What identified the person as text. `words` are distinctive enough to be replaced inside
    longer text (the e-mail address, a name of two words or more); `values` only where a whole
    value equals them (the username "kalle" must not change the word "kalle" in a minute)."""

    words: tuple[str, ...]
    values: frozenset[str]

    @classmethod
    def of(cls, user: User) -> "Identifiers":
        names = {user.get_full_name().strip(), str(user).strip()}
        words = {user.email.strip()} | {n for n in names if len(n.split()) >= 2}
        values = {user.username, user.email, *names}
        return cls(
            words=tuple(sorted((w for w in words if len(w) >= 3), key=len, reverse=True)),
            values=frozenset(v.strip().lower() for v in values if v.strip()),
        )

    def needles(self) -> set[str]:
        """Substrings to look for, case-insensitively: none that holds another (the username
        finds the address it starts), each also as JSON stores it on SQLite (non-ASCII
        escaped). Each needle is one more pass over every text column."""
        plain = {w.lower() for w in self.words} | {v for v in self.values if len(v) >= 3}
        spellings = plain | {json.dumps(n)[1:-1] for n in plain}
        return {n for n in spellings if not any(o != n and o in n for o in spellings)}

    def replace(self, value: Any, new: str) -> Any:
        if isinstance(value, str):
            if value.strip().lower() in self.values:
                return new
            if not self.words:
                return value
            pattern = "|".join(rf"(?<!\w){re.escape(word)}(?!\w)" for word in self.words)
            return re.sub(pattern, new, value, flags=re.IGNORECASE)
        if isinstance(value, list):
            return [self.replace(item, new) for item in value]
        if isinstance(value, dict):
            return {key: self.replace(item, new) for key, item in value.items()}
        return value


def _pseudonymise(user: User) -> None:
    """Rename and lock the account; audited once, by `_log_erasure`, not with the old values."""
    with translation.override(settings.LANGUAGE_CODE):
        first, last = _("Deleted"), _("user %(number)d") % {"number": user.pk}
    user.username = pseudonym_username(user)
    user.first_name, user.last_name = first, last
    user.email = ""
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    with disable_auditlog():
        user.save()
    user.groups.clear()
    user.user_permissions.clear()


def _remove_belongings(user: User, old_username: str) -> None:
    """Rows that were only the person's (joined by CASCADE), their place in many-to-many lists
    (a project's contacts), their sessions and their sign-in attempts."""
    for relation in user_relations():
        field = relation.field
        if relation.belongs_to_person:
            relation.model._default_manager.filter(**{field.name: user}).delete()
        elif field.many_to_many:
            through = field.remote_field.through  # type: ignore[union-attr]
            column = field.m2m_reverse_field_name()  # type: ignore[attr-defined]
            through._default_manager.filter(**{column: user}).delete()
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=old_username).delete()


def _redact_audit_trail(user: User) -> None:
    """The account's own history keeps what changed and when, not the old name or address;
    the person's own entries lose the address of the machine they were made from."""
    about = account_entries(user)
    for entry in about:
        changes = entry.changes_dict
        for name in PERSONAL_FIELDS:
            if name in changes:
                changes[name] = [
                    ERASED if value not in (None, "", "None") else value for value in changes[name]
                ]
        LogEntry.objects.filter(pk=entry.pk).update(
            changes=changes, changes_text="", serialized_data=None, object_repr=str(user)
        )
    LogEntry.objects.filter(actor=user).update(actor_email=None, remote_addr=None, remote_port=None)


def _replace_everywhere(old: Identifiers, new: str) -> int:
    """Replace the old name, e-mail and username in every text, character and JSON column of
    every model (a name in a frozen vote result, an address in a note, a name in another
    person's notification or in the audit trail's copy of a related record). Columns with
    choices hold codes, not names, and are left alone. One query per model finds the rows;
    the updates bypass the audit trail, which must not keep the old text. Returns the number of
    rows changed."""
    changed = 0
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = [f for f in text_fields(model) if not f.choices]
        if not fields:
            continue
        found, annotations = Q(), {}
        for field in fields:
            column = field.name
            if isinstance(field, JSONField):
                column = f"privacy_{field.name}_text"
                annotations[column] = Cast(field.name, TextField())
            for needle in old.needles():
                found |= Q(**{f"{column}__icontains": needle})
        manager = model._default_manager
        names = [f.name for f in fields]
        for row in manager.annotate(**annotations).filter(found).values("pk", *names):
            updates = {}
            for field in fields:
                value = old.replace(row[field.name], new)
                if isinstance(value, str) and field.max_length:
                    value = value[: field.max_length]
                if value != row[field.name]:
                    updates[field.name] = value
            if updates:
                changed += manager.filter(pk=row["pk"]).update(**updates)
                _renew_search_terms(model, row["pk"])
    return changed


def _renew_search_terms(model: type[Model], pk: Any) -> None:
    """Search terms are made from a row's texts, so they are made again from the scrubbed ones:
    a name or address must not live on in a search index."""
    terms = [f for f in model._meta.concrete_fields if isinstance(f, SearchTermsField)]
    if terms:
        row = model._default_manager.get(pk=pk)
        values = {f.attname: f.pre_save(row, add=False) for f in terms}
        model._default_manager.filter(pk=pk).update(**values)


def _log_erasure(actor: User | None, user: User) -> None:
    changes = {name: [ERASED, getattr(user, name)] for name in PERSONAL_FIELDS}
    changes["is_active"] = ["True", "False"]
    log_event(actor, user, "erasure", changes)
