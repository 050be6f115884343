"""Writes to the steering group's seats: a member municipality's representative and deputies
(ersättare). A seat is a steering role (`RoleAssignment`) for the municipality in the
consortium; a deputy's seat also carries the `Deputy` mark (ADR 0011). The consortium's
coordinators name them, as do administrators.

The rules of a seat (issue 21, finding 3; ADR 0018): one ordinary representative per member,
deputies apart; a coordinator holds no seat in the consortium he coordinates
(`organisations.services.check_coordinator_holds_no_seat`, also asked when a coordinator role is
given); every change is in the audit trail and told to the municipality's contacts."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.core.audit import acting_as
from navet.core.errors import DomainError
from navet.core.models import User
from navet.core.notifications import notify
from navet.decisions.models import Deputy
from navet.decisions.permissions import can_manage_steering
from navet.organisations.models import (
    Consortium,
    ConsortiumMembership,
    Municipality,
    Role,
    RoleAssignment,
)
from navet.organisations.permissions import forget_permissions
from navet.organisations.selectors import contacts_of
from navet.organisations.services import check_coordinator_holds_no_seat


def steering_seat_add(
    *,
    actor: User,
    consortium: Consortium,
    municipality: Municipality,
    user: User,
    deputy: bool,
) -> RoleAssignment:
    """Name `user` the representative (or a deputy) of a member municipality."""
    can_manage_steering(actor, consortium).require()
    if not user.is_active:
        raise DomainError(_("The user is not active."))
    try:
        with transaction.atomic(), acting_as(actor):
            # One member's seats change one at a time: its membership row is the lock
            # (PostgreSQL; SQLite's IMMEDIATE transactions take turns anyway).
            membership = (
                ConsortiumMembership.objects.select_for_update()
                .filter(consortium=consortium, municipality=municipality)
                .first()
            )
            if membership is None:
                raise DomainError(
                    _("%(municipality)s is not a member of %(consortium)s.")
                    % {"municipality": municipality.name, "consortium": consortium.name}
                )
            if not deputy:
                _check_no_ordinary_representative(consortium, municipality)
            assignment = RoleAssignment.objects.create(
                user=user, role=Role.STEERING, consortium=consortium, municipality=municipality
            )
            if deputy:
                Deputy.objects.create(assignment=assignment)
            check_coordinator_holds_no_seat(user, consortium)
            _tell_contacts(assignment, consortium, municipality, deputy=deputy, added=True)
    except IntegrityError as error:
        raise DomainError(
            _("%(user)s already represents %(municipality)s.")
            % {"user": _name(user), "municipality": municipality.name}
        ) from error
    forget_permissions(user)
    return assignment


def _check_no_ordinary_representative(consortium: Consortium, municipality: Municipality) -> None:
    ordinary = (
        RoleAssignment.objects.filter(
            role=Role.STEERING,
            consortium=consortium,
            municipality=municipality,
            deputy__isnull=True,
        )
        .select_related("user")
        .first()
    )
    if ordinary is not None:
        raise DomainError(
            _(
                "%(municipality)s already has an ordinary representative, %(user)s: remove that "
                "seat first, or name a deputy."
            )
            % {"municipality": municipality.name, "user": _name(ordinary.user)}
        )


def steering_seat_remove(*, actor: User, assignment: RoleAssignment) -> None:
    """Remove a representative's or deputy's seat (their votes already cast stay)."""
    consortium, municipality = assignment.consortium, assignment.municipality
    if assignment.role != Role.STEERING or consortium is None or municipality is None:
        raise DomainError(_("This is not a seat in a steering group."))
    can_manage_steering(actor, consortium).require()
    deputy = Deputy.objects.filter(assignment=assignment).exists()
    with transaction.atomic(), acting_as(actor):
        _tell_contacts(assignment, consortium, municipality, deputy=deputy, added=False)
        assignment.delete()
    forget_permissions(assignment.user)


def _tell_contacts(
    assignment: RoleAssignment,
    consortium: Consortium,
    municipality: Municipality,
    *,
    deputy: bool,
    added: bool,
) -> None:
    """Tell the municipality's contacts who now speaks for it in the steering group, or no
    longer does: once per seat and change."""
    values = {
        "user": _name(assignment.user),
        "municipality": municipality.name,
        "consortium": consortium.name,
    }
    if added and deputy:
        title = _(
            "%(user)s is now a deputy for %(municipality)s in %(consortium)s's steering group."
        )
    elif added:
        title = _(
            "%(user)s is now %(municipality)s's representative in %(consortium)s's steering group."
        )
    else:
        title = _(
            "%(user)s no longer holds %(municipality)s's seat in %(consortium)s's steering group."
        )
    url = reverse("decisions:deputies", args=[consortium.slug])
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    for contact in contacts_of(municipality):
        notify(
            user=contact,
            key=f"seat-{assignment.pk}-{'added' if added else 'removed'}-{stamp}",
            title=title % values,
            url=url,
        )


def _name(user: User) -> str:
    return user.get_full_name() or user.username
