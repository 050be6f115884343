"""Writes to a project's preparation: the needs analysis checklist (items and their files) and
the partners' confirmations – the cooperation form (samverkansblankett, intyg samverkanspart)
that each participating municipality's delegated signatory signs – with the coordinator's
reason to submit without one, and the reminders to the partners still missing."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.core.audit import acting_as
from navet.core.errors import DomainError, full_clean
from navet.core.models import User
from navet.core.notifications import notify
from navet.core.uploads import safe_upload_name, validate_upload
from navet.organisations.models import Municipality, Role
from navet.projects import lifecycle
from navet.projects.models import (
    NeedsAnalysisFile,
    NeedsAnalysisItem,
    PartnerConfirmation,
    Project,
)
from navet.projects.permissions import (
    can_edit_needs_analysis,
    can_record_confirmation,
    can_request_confirmations,
)

# A partner that has not signed is reminded once in every such interval after the request.
REMIND_EVERY = timedelta(days=7)
# The statuses in which the application is still to be submitted: reminders make sense.
BEFORE_SUBMISSION = frozenset(
    {lifecycle.IDEA, lifecycle.NEEDS_ANALYSIS, lifecycle.DECISION, lifecycle.APPLICATION}
)


def _checked(upload: Any) -> None:
    try:
        validate_upload(upload)
    except ValidationError as error:
        raise DomainError.from_validation(error) from error


def _kind(kind: str) -> str:
    if kind not in lifecycle.NEEDS_ANALYSIS_ITEMS:
        raise DomainError(_("The needs analysis has no such item."))
    return kind


# --- the needs analysis checklist --------------------------------------------------------------


def needs_analysis_item_set(
    *, actor: User, project: Project, kind: str, done: bool, notes: str
) -> NeedsAnalysisItem:
    """Mark an item of the checklist done or not and write its notes."""
    can_edit_needs_analysis(actor, project).require()
    item = NeedsAnalysisItem.objects.filter(project=project, kind=_kind(kind)).first()
    if item is None:
        item = NeedsAnalysisItem(project=project, kind=kind)
    item.done = done
    item.notes = notes.strip()
    item.updated_by = actor
    with transaction.atomic(), acting_as(actor):
        full_clean(item)
        item.save()
    return item


def needs_analysis_file_add(
    *, actor: User, project: Project, kind: str, upload: Any
) -> NeedsAnalysisFile:
    """Attach a file to an item of the checklist; the upload is checked like every other."""
    can_edit_needs_analysis(actor, project).require()
    _kind(kind)
    _checked(upload)
    with transaction.atomic(), acting_as(actor):
        item, _created = NeedsAnalysisItem.objects.get_or_create(
            project=project, kind=kind, defaults={"updated_by": actor}
        )
        attached = NeedsAnalysisFile(item=item, name=str(upload.name)[:200], uploaded_by=actor)
        attached.file.save(safe_upload_name(upload.name), upload, save=False)
        attached.save()
    return attached


@dataclass(frozen=True)
class ChecklistEntry:
    """What the page sent for one item of the checklist."""

    kind: str
    done: bool
    notes: str
    upload: Any = None


def needs_analysis_save(
    *, actor: User, project: Project, entries: Sequence[ChecklistEntry]
) -> None:
    """Save the items of the checklist sent together, all or none, so no item's text is lost."""
    can_edit_needs_analysis(actor, project).require()
    with transaction.atomic():
        for entry in entries:
            needs_analysis_item_set(
                actor=actor, project=project, kind=entry.kind, done=entry.done, notes=entry.notes
            )
            if entry.upload:
                needs_analysis_file_add(
                    actor=actor, project=project, kind=entry.kind, upload=entry.upload
                )


# --- the partners' confirmations ---------------------------------------------------------------


def _partner(project: Project, municipality: Municipality) -> Municipality:
    if municipality.pk == project.owner_id:
        raise DomainError(
            _(
                "%(name)s owns the project and signs the application itself; it needs no "
                "cooperation form."
            )
            % {"name": municipality.name}
        )
    if not project.participants.filter(pk=municipality.pk).exists():
        raise DomainError(
            _("%(name)s does not take part in the project.") % {"name": municipality.name}
        )
    return municipality


def municipality_contacts(municipality: Municipality) -> list[User]:
    """The active municipal contacts of a municipality: the people told about its forms."""
    return list(
        User.objects.filter(
            role_assignments__role=Role.CONTACT,
            role_assignments__municipality=municipality,
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


def confirmation_request(
    *, actor: User, project: Project, municipality: Municipality, now: datetime | None = None
) -> PartnerConfirmation:
    """Ask a partner for its signed cooperation form: the request (when, by whom) is recorded
    and the municipality's contacts are told."""
    can_request_confirmations(actor, project).require()
    _partner(project, municipality)
    now = now or timezone.now()
    with transaction.atomic(), acting_as(actor):
        confirmation, _created = PartnerConfirmation.objects.get_or_create(
            project=project, municipality=municipality
        )
        if confirmation.signed:
            raise DomainError(
                _("%(name)s has already signed its cooperation form.") % {"name": municipality.name}
            )
        confirmation.requested_at = now
        confirmation.requested_by = actor
        confirmation.save(update_fields=["requested_at", "requested_by"])
        for user in municipality_contacts(municipality):
            notify(
                user=user,
                key=f"confirmation-{confirmation.pk}-requested-{timezone.localdate(now)}",
                title=_(
                    "%(name)s is asked to sign the cooperation form of the project “%(project)s”."
                )
                % {"name": municipality.name, "project": project.title},
                url=reverse("projects:project-confirmations", args=[project.pk]),
            )
    return confirmation


def confirmation_record(
    *,
    actor: User,
    project: Project,
    municipality: Municipality,
    signed_by_name: str,
    signed_by_title: str,
    signed_on: date | None,
    upload: Any,
    board_decision_reference: str = "",
) -> PartnerConfirmation:
    """Record a partner's signed cooperation form: who signed it, in what capacity (the
    signatory the board delegated), when, the signed file and, if given, the board's decision.
    Recording again replaces the earlier signature."""
    can_record_confirmation(actor, project, municipality).require()
    _partner(project, municipality)
    missing = [
        label
        for label, value in (
            (_("who signed"), signed_by_name.strip()),
            (_("the signatory's title"), signed_by_title.strip()),
            (_("the date of signing"), signed_on),
            (_("the signed form"), upload),
        )
        if not value
    ]
    if missing:
        raise DomainError(_("Give %(missing)s.") % {"missing": ", ".join(missing)})
    assert signed_on is not None  # noqa: S101  (checked above)
    if signed_on > timezone.localdate():
        raise DomainError(_("The form cannot be signed in the future."))
    _checked(upload)
    with transaction.atomic(), acting_as(actor):
        confirmation, _created = PartnerConfirmation.objects.get_or_create(
            project=project, municipality=municipality
        )
        confirmation.signed_by_name = signed_by_name.strip()
        confirmation.signed_by_title = signed_by_title.strip()
        confirmation.signed_on = signed_on
        confirmation.board_decision_reference = board_decision_reference.strip()
        confirmation.file_name = str(upload.name)[:200]
        confirmation.file.save(safe_upload_name(upload.name), upload, save=False)
        confirmation.recorded_by = actor
        confirmation.recorded_at = timezone.now()
        full_clean(confirmation)
        confirmation.save()
    return confirmation


def confirmations_waive(*, actor: User, project: Project, reason: str) -> Project:
    """Record why the application may go in without every partner's signed form (for example,
    the funder accepts the forms after the deadline). An empty reason removes it."""
    can_request_confirmations(actor, project).require()
    project.confirmations_waiver_reason = reason.strip()
    project.confirmations_waived_by = actor if project.confirmations_waiver_reason else None
    project.confirmations_waived_at = (
        timezone.now() if project.confirmations_waiver_reason else None
    )
    with transaction.atomic(), acting_as(actor):
        full_clean(project)
        project.save(
            update_fields=[
                "confirmations_waiver_reason",
                "confirmations_waived_by",
                "confirmations_waived_at",
                "updated_at",
            ]
        )
    return project


def confirmation_reminders_send(today: date) -> int:
    """Remind the contacts of every partner asked for its form that has not signed, while the
    application is still to be submitted: once in every week after the request (the week's
    number is in the notification's key, so a run twice a day tells nobody twice). Returns the
    number of new notifications."""
    waiting = (
        PartnerConfirmation.objects.filter(
            requested_at__isnull=False,
            signed_on__isnull=True,
            project__status__in=BEFORE_SUBMISSION,
            project__confirmations_waiver_reason="",
        )
        .select_related("project", "municipality")
        .order_by("pk")
    )
    sent = 0
    for confirmation in waiting:
        assert confirmation.requested_at is not None  # noqa: S101
        requested_on = timezone.localdate(confirmation.requested_at)
        interval = (today - requested_on) // REMIND_EVERY
        project = confirmation.project
        if (
            interval < 1
            or not project.participants.filter(pk=confirmation.municipality_id).exists()
        ):
            continue
        for user in municipality_contacts(confirmation.municipality):
            sent += notify(
                user=user,
                key=f"confirmation-{confirmation.pk}-reminder-{requested_on}-{interval}",
                title=_(
                    "Reminder: %(name)s has not yet signed the cooperation form of the project "
                    "“%(project)s”, asked for %(when)s."
                )
                % {
                    "name": confirmation.municipality.name,
                    "project": project.title,
                    "when": requested_on.isoformat(),
                },
                url=reverse("projects:project-confirmations", args=[project.pk]),
            )
    return sent
