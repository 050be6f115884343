"""Writes of the economics: the shared resource's yearly cost of a consortium."""

from django.db import transaction

from navet.core.audit import acting_as
from navet.core.errors import full_clean
from navet.core.models import User
from navet.economics.models import ResourceCost
from navet.economics.permissions import can_set_resource_cost
from navet.organisations.models import Consortium


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
