"""Writes of the economics: the shared resource's yearly cost of a consortium, and the time it
spends for each municipality."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from navet.core.audit import acting_as
from navet.core.errors import DomainError, NotFound, full_clean
from navet.core.models import User
from navet.core.text import genitive
from navet.economics.models import ResourceCost, TimeEntry
from navet.economics.permissions import can_log_time, can_set_resource_cost
from navet.organisations.models import Consortium, Municipality
from navet.projects.models import Project


def resource_cost_set(
    *,
    actor: User,
    consortium: Consortium,
    year: int,
    cost_sek: int,
    key: str = ResourceCost.Key.EQUAL,
    base_share_percent: int = 0,
) -> ResourceCost:
    """Set (or change) what the members pay together for the resource in `year`, and the key."""
    can_set_resource_cost(actor, consortium).require()
    with transaction.atomic(), acting_as(actor):
        cost = ResourceCost.objects.filter(consortium=consortium, year=year).first()
        if cost is None:
            cost = ResourceCost(consortium=consortium, year=year)
        cost.cost_sek = cost_sek
        cost.key = key
        cost.base_share_percent = base_share_percent if key == ResourceCost.Key.BASE_FEE else 0
        full_clean(cost)
        cost.save()
    return cost


def time_entry_add(
    *,
    actor: User,
    consortium: Consortium,
    municipality: Municipality,
    worked_on: date,
    hours: Decimal,
    project: Project | None = None,
    note: str = "",
) -> TimeEntry:
    """Log time the resource spent for a member municipality, on one of its projects or not."""
    can_log_time(actor, consortium).require()
    if not consortium.memberships.filter(municipality=municipality).exists():
        raise DomainError(
            _("%(municipality)s is not a member of %(consortium)s.")
            % {"municipality": municipality.name, "consortium": consortium.name}
        )
    if project is not None and (
        project.consortium_id != consortium.pk
        or not (
            project.owner_id == municipality.pk
            or project.participants.filter(pk=municipality.pk).exists()
        )
    ):
        raise DomainError(
            _("The project is not one of %(whose)s projects in %(consortium)s.")
            % {"whose": genitive(municipality.name), "consortium": consortium.name}
        )
    entry = TimeEntry(
        consortium=consortium,
        municipality=municipality,
        project=project,
        worked_on=worked_on,
        hours=hours,
        note=note.strip(),
        logged_by=actor,
    )
    full_clean(entry)
    with transaction.atomic(), acting_as(actor):
        entry.save()
    return entry


def time_entry_delete(*, actor: User, consortium: Consortium, entry_id: int) -> None:
    can_log_time(actor, consortium).require()
    with transaction.atomic(), acting_as(actor):
        deleted, _rows = TimeEntry.objects.filter(consortium=consortium, pk=entry_id).delete()
    if not deleted:
        raise NotFound(_("No such time entry."))
