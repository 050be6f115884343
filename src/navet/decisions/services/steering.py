"""Writes to the steering group's seats: a member municipality's representative and deputies
(ersättare). A seat is a steering role (`RoleAssignment`) for the municipality in the
consortium; a deputy's seat also carries the `Deputy` mark (ADR 0011). The consortium's
coordinators name them, as do administrators."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from navet.core.audit import acting_as
from navet.core.errors import DomainError
from navet.core.models import User
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
    if not ConsortiumMembership.objects.filter(
        consortium=consortium, municipality=municipality
    ).exists():
        raise DomainError(
            _("%(municipality)s is not a member of %(consortium)s.")
            % {"municipality": municipality.name, "consortium": consortium.name}
        )
    if not user.is_active:
        raise DomainError(_("The user is not active."))
    try:
        with transaction.atomic(), acting_as(actor):
            assignment = RoleAssignment.objects.create(
                user=user, role=Role.STEERING, consortium=consortium, municipality=municipality
            )
            if deputy:
                Deputy.objects.create(assignment=assignment)
    except IntegrityError as error:
        raise DomainError(
            _("%(user)s already represents %(municipality)s.")
            % {"user": user.get_full_name() or user.username, "municipality": municipality.name}
        ) from error
    forget_permissions(user)
    return assignment


def steering_seat_remove(*, actor: User, assignment: RoleAssignment) -> None:
    """Remove a representative's or deputy's seat (their votes already cast stay)."""
    if assignment.role != Role.STEERING or assignment.consortium is None:
        raise DomainError(_("This is not a seat in a steering group."))
    can_manage_steering(actor, assignment.consortium).require()
    with transaction.atomic(), acting_as(actor):
        assignment.delete()
    forget_permissions(assignment.user)
