"""Writes to projects: atomic, audited, permission-checked. A project idea answers at least one
need; its status moves only along the lifecycle's table (`lifecycle.py`)."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from navet.calls.models import Call
from navet.core.audit import acting_as
from navet.core.errors import DomainError, full_clean
from navet.core.models import User
from navet.needs.models import Need
from navet.needs.permissions import needs_for
from navet.organisations.models import Consortium, ConsortiumMembership, Municipality
from navet.projects import lifecycle
from navet.projects.models import Project
from navet.projects.permissions import (
    can_create_project,
    can_edit_project,
    can_link_need,
    can_move_project,
)
from navet.projects.selectors import contact_choices, refusal_message


class TransitionRefused(DomainError):
    """The lifecycle does not allow this move now; the message says why (API: 422)."""


# The fields the form and the API may change (status and the steering decision have services
# of their own).
EDITABLE = (
    "title",
    "description",
    "scope",
    "owner",
    "participants",
    "needs",
    "call",
    "starts_on",
    "ends_on",
    "requested_sek",
    "granted_sek",
    "repaid_sek",
    "contacts",
)


def project_create(
    *,
    actor: User,
    consortium: Consortium,
    title: str,
    owner: Municipality,
    needs: Sequence[Need],
    participants: Iterable[Municipality] = (),
    call: Call | None = None,
    scope: str | None = None,
    description: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
    requested_sek: int | None = None,
    contacts: Iterable[User] | None = None,
) -> Project:
    """Start a project idea for `owner` in `consortium` that answers `needs`. The owner always
    participates; without a scope, it follows from the participants; without contacts, the
    actor is the contact person."""
    can_create_project(actor, consortium, owner).require()
    project = Project(
        consortium=consortium,
        title=title.strip(),
        description=description,
        owner=owner,
        call=call,
        funder=call.funder if call else None,
        programme=call.programme if call else None,
        starts_on=starts_on,
        ends_on=ends_on,
        requested_sek=requested_sek,
        status=Project.Status.IDEA,
        created_by=actor,
    )
    links = _links(
        actor=actor,
        project=project,
        participants=participants,
        needs=needs,
        scope=scope,
        contacts=[actor] if contacts is None else contacts,
    )
    with transaction.atomic(), acting_as(actor):
        full_clean(project)
        project.save()
        _set_links(project, links)
    return project


def project_update(*, actor: User, project: Project, **fields: Any) -> Project:
    """Change a project's facts and links; fields left out keep their values. A new owner needs
    the right to start ideas for it."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"project_update() cannot set {', '.join(sorted(unknown))}")
    stored = Project.objects.select_related("consortium", "owner").get(pk=project.pk)
    can_edit_project(actor, stored).require()
    owner = fields.get("owner", stored.owner)
    if owner.pk != stored.owner_id:
        can_create_project(actor, stored.consortium, owner).require()
    for name in ("title", "description", "scope", "owner", "call", "starts_on", "ends_on"):
        if name in fields:
            setattr(project, name, fields[name])
    for name in ("requested_sek", "granted_sek", "repaid_sek"):
        if name in fields:
            setattr(project, name, fields[name])
    call = fields.get("call")
    if isinstance(call, Call):  # the funder and programme follow the call
        project.funder, project.programme = call.funder, call.programme
    if "title" in fields:
        project.title = project.title.strip()
    links = _links(
        actor=actor,
        project=project,
        participants=fields.get("participants", list(stored.participants.all())),
        needs=fields.get("needs", list(stored.needs.all())),
        # New participants without a scope: the scope follows them again.
        scope=fields.get("scope", None if "participants" in fields else stored.scope),
        contacts=fields.get("contacts", list(stored.contacts.all())),
    )
    with transaction.atomic(), acting_as(actor):
        full_clean(project)
        project.save()
        _set_links(project, links)
    return project


def project_move(*, actor: User, project: Project, to: str) -> Project:
    """Move a project along its lifecycle: the actor must be allowed to (PermissionDenied) and
    the lifecycle's rules must hold (TransitionRefused, with every reason)."""
    if to not in Project.Status.values:
        raise TransitionRefused(refusal_message(lifecycle.Refusal.NOT_A_MOVE))
    stored = Project.objects.select_related("consortium", "owner").get(pk=project.pk)
    can_move_project(actor, stored, to).require()
    refused = lifecycle.refusals(stored.facts(), to)
    if refused:
        raise TransitionRefused(" ".join(refusal_message(r) for r in refused))
    stored.status = to
    with transaction.atomic(), acting_as(actor):
        stored.save(update_fields=["status", "updated_at"])
    project.status = stored.status
    return stored


def project_steering_decision_from_motion(
    *, actor: User | None, project: Project, reference: str, decided_on: date
) -> Project:
    """A motion about the project has passed: the steering group's vote is the decision, and
    closing the motion (a coordinator, or the scheduled task after the window) records it."""
    return _steering_decision_store(actor, project, reference, decided_on)


def _steering_decision_store(
    actor: User | None, project: Project, reference: str, decided_on: date | None
) -> Project:
    project.steering_decision_reference = reference
    project.steering_decision_on = decided_on
    with transaction.atomic(), acting_as(actor):
        full_clean(project)
        project.save(
            update_fields=["steering_decision_reference", "steering_decision_on", "updated_at"]
        )
    return project


# --- links -------------------------------------------------------------------------------------


def _links(
    *,
    actor: User,
    project: Project,
    participants: Iterable[Municipality],
    needs: Sequence[Need],
    scope: str | None,
    contacts: Iterable[User],
) -> dict[str, list[Any]]:
    """Check the project's links against its consortium; set its scope. Returns what to store."""
    consortium = project.consortium
    members = set(
        ConsortiumMembership.objects.filter(consortium=consortium).values_list(
            "municipality_id", flat=True
        )
    )
    if project.owner_id not in members:
        raise DomainError(
            _("%(name)s is not a member of %(consortium)s.")
            % {"name": project.owner.name, "consortium": consortium.name}
        )
    taking_part = {m.pk: m for m in participants}
    if scope == Project.Scope.CONSORTIUM:  # the whole consortium: every member takes part
        taking_part |= {m.pk: m for m in Municipality.objects.filter(pk__in=members)}
    taking_part.setdefault(project.owner.pk, project.owner)
    outside = sorted(m.name for pk, m in taking_part.items() if pk not in members)
    if outside:
        raise DomainError(
            _("Not members of %(consortium)s: %(names)s.")
            % {"consortium": consortium.name, "names": ", ".join(outside)}
        )
    project.scope = _scope(scope, len(taking_part), len(members))

    answered = {need.pk: need for need in needs}
    if not answered and not project.imported_history:
        raise DomainError(_("A project must answer at least one need."))
    seen = set(needs_for(actor).filter(pk__in=answered).values_list("pk", flat=True))
    # A need already linked stays linked, even if the actor could not pick it today.
    if project.pk is not None:
        seen |= set(project.needs.values_list("pk", flat=True))
    if set(answered) - seen:
        raise DomainError(_("A project can only answer needs you may read."))
    linked = set(project.needs.values_list("pk", flat=True)) if project.pk is not None else set()
    for need in answered.values():
        if need.pk not in linked:
            can_link_need(actor, need).require()
    foreign = sorted(n.title for n in answered.values() if n.municipality_id not in members)
    if foreign:
        raise DomainError(
            _("These needs are not needs of %(consortium)s's members: %(titles)s.")
            % {"consortium": consortium.name, "titles": "; ".join(foreign)}
        )

    people = {user.pk: user for user in contacts}
    allowed = set(contact_choices(consortium).filter(pk__in=people).values_list("pk", flat=True))
    strangers = sorted(str(u) for pk, u in people.items() if pk not in allowed)
    if strangers:
        raise DomainError(
            _(
                "Contact persons must be coordinators or municipal contacts of %(consortium)s: "
                "%(names)s."
            )
            % {"consortium": consortium.name, "names": ", ".join(strangers)}
        )
    return {
        "participants": list(taking_part.values()),
        "needs": list(answered.values()),
        "contacts": list(people.values()),
    }


def _scope(scope: str | None, participants: int, members: int) -> str:
    if not scope:
        return lifecycle.scope_for(participants, members).value
    if scope == Project.Scope.MUNICIPALITY and participants > 1:
        raise DomainError(_("A project of one municipality has only the owner as participant."))
    if scope == Project.Scope.GROUP and participants < 2:
        raise DomainError(_("A project of a group has at least two participating municipalities."))
    return scope


def _set_links(project: Project, links: dict[str, list[Any]]) -> None:
    """Set each link, row by row through the audit trail; unchanged links stay untouched. An
    open need that a project now answers is in a project."""
    for name, wanted in links.items():
        manager = getattr(project, name)
        current = {obj.pk for obj in manager.all()}
        target = {obj.pk for obj in wanted}
        if current != target:
            manager.set(wanted)
    needs_in_project(links["needs"])


def needs_in_project(needs: Iterable[Need]) -> None:
    """Open needs answered by a project become *in a project* (`Need.Status.IN_PROJECT`), each
    saved through the audit trail of the acting user. Drafts, met and dropped needs keep their
    status: a project does not share a draft or reopen a closed need. Linking is allowed to whoever
    may read the need (its municipality's contacts may not be the ones linking), so the status
    follows the link here rather than through `need_set_status`, which asks for the right to edit
    the need."""
    opened = Need.objects.filter(pk__in=[n.pk for n in needs], status=Need.Status.OPEN)
    for need in opened.order_by("pk"):
        need.status = Need.Status.IN_PROJECT
        need.save(update_fields=["status", "updated_at"])
