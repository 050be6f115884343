"""Reads of the steering group's seats: each member municipality's representatives and deputies,
and the people a coordinator may name."""

from dataclasses import dataclass

from django.db.models import Q

from navet.core.models import User
from navet.core.text import swedish_sort_key
from navet.organisations.models import Consortium, Municipality, Role, RoleAssignment


@dataclass(frozen=True)
class Seats:
    municipality: Municipality
    representatives: list[RoleAssignment]
    deputies: list[RoleAssignment]


def seats_of(consortium: Consortium) -> list[Seats]:
    """Every member with its representatives and deputies, in Swedish order (two queries)."""
    members = sorted(
        Municipality.objects.filter(memberships__consortium=consortium),
        key=lambda m: swedish_sort_key(m.name),
    )
    assignments = RoleAssignment.objects.filter(
        role=Role.STEERING, consortium=consortium
    ).select_related("user", "deputy")
    by_municipality: dict[int, list[RoleAssignment]] = {}
    for assignment in assignments:
        by_municipality.setdefault(assignment.municipality_id or 0, []).append(assignment)

    def name(a: RoleAssignment) -> str:
        return swedish_sort_key(a.user.get_full_name() or a.user.username)

    rows = []
    for member in members:
        seats = sorted(by_municipality.get(member.pk, []), key=name)
        rows.append(
            Seats(
                municipality=member,
                representatives=[a for a in seats if not hasattr(a, "deputy")],
                deputies=[a for a in seats if hasattr(a, "deputy")],
            )
        )
    return rows


def seat_candidates(consortium: Consortium) -> list[User]:
    """Who may be named: active people with a role in the consortium or a member's contacts –
    but not its coordinators, who hold no seat in the consortium they coordinate."""
    members = consortium.memberships.values("municipality_id")
    coordinators = RoleAssignment.objects.filter(
        role=Role.COORDINATOR, consortium=consortium
    ).values("user_id")
    users = (
        User.objects.filter(
            Q(role_assignments__consortium=consortium)
            | Q(role_assignments__role=Role.CONTACT, role_assignments__municipality_id__in=members),
            is_active=True,
        )
        .exclude(pk__in=coordinators)
        .distinct()
    )
    return sorted(users, key=lambda u: swedish_sort_key(u.get_full_name() or u.username))


def seat_get(consortium: Consortium, pk: int) -> RoleAssignment | None:
    return (
        RoleAssignment.objects.filter(pk=pk, role=Role.STEERING, consortium=consortium)
        .select_related("user", "consortium")
        .first()
    )
