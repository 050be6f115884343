"""The permission layer: what a user may see and do, from their role assignments.

Views, services and the API all ask these predicates; nothing else decides access. Deny by
default: a user with no assignment may read public facts (municipalities) and nothing else.

Each role concept has one predicate on `Permissions`, and every app's `permissions.py` builds
its rules on them: `coordinates` (coordinator of a consortium), `is_contact_of` (contact of a
municipality), `holds_seat` (steering representative or deputy of a member) and `is_admin`
(administrator). An administrator reads every consortium and manages its structure, but is no
coordinator: the work inside a consortium is done by its roles (docs/roles.md).
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from navet.core.models import User
from navet.core.permissions import ALLOWED, Decision
from navet.core.text import genitive
from navet.organisations.models import (
    Consortium,
    ConsortiumMembership,
    Municipality,
    Role,
    RoleAssignment,
)

_CACHE_ATTRIBUTE = "_navet_permissions"


@dataclass(frozen=True)
class Permissions:
    """The resolved roles of one user. Build it with `permissions_for(user)`."""

    user_id: int | None
    is_admin: bool = False  # administrator: superuser or the admin role
    roles_by_consortium: dict[int, frozenset[Role]] = field(default_factory=dict)
    steering_for: frozenset[tuple[int, int]] = frozenset()  # (consortium id, municipality id)
    contact_for: frozenset[int] = frozenset()  # municipality ids

    # --- the role concepts: one predicate each ----------------------------------------------

    def coordinates(self, consortium_id: int) -> bool:
        """Coordinator of this consortium (an administrator is not one by being administrator)."""
        return Role.COORDINATOR in self.roles_by_consortium.get(consortium_id, frozenset())

    def coordinated_ids(self) -> set[int]:
        """The consortia this user coordinates."""
        return {pk for pk, roles in self.roles_by_consortium.items() if Role.COORDINATOR in roles}

    def coordinates_any(self) -> bool:
        return bool(self.coordinated_ids())

    def is_contact_of(self, municipality_id: int) -> bool:
        """Municipal contact of this municipality."""
        return municipality_id in self.contact_for

    def holds_seat(self, consortium_id: int, municipality_id: int) -> bool:
        """Steering representative or deputy of this member municipality in this consortium."""
        return (consortium_id, municipality_id) in self.steering_for

    def seats_in(self, consortium_id: int) -> list[int]:
        """The member municipalities (ids) whose seat this user holds in the consortium."""
        return sorted(m for c, m in self.steering_for if c == consortium_id)

    # --- reads -------------------------------------------------------------------------------

    def visible_consortium_ids(self) -> set[int] | None:
        """The consortia whose work this user may read; None means all of them."""
        if self.is_admin:
            return None
        return set(self.roles_by_consortium)

    def can_view_consortium(self, consortium: Consortium) -> Decision:
        visible = self.visible_consortium_ids()
        if visible is None or consortium.pk in visible:
            return ALLOWED
        return Decision(False, _("You have no role in this consortium."))

    def can_view_organisations(self) -> Decision:
        if self.user_id is None:
            return Decision(False, _("Log in to see this."))
        return ALLOWED

    # --- writes ------------------------------------------------------------------------------

    def can_manage_organisations(self) -> Decision:
        """Create and change consortia, municipalities, memberships, users and roles."""
        if self.is_admin:
            return ALLOWED
        return Decision(
            False, _("Only administrators may change consortia, municipalities and roles.")
        )

    def can_edit_for_municipality(self, municipality: Municipality) -> Decision:
        """Create and edit a municipality's own records (needs, projects, budgets, expenditure)."""
        if municipality.pk in self.contact_for:
            return ALLOWED
        return Decision(
            False,
            _("Only %(whose)s own contacts may change its records.")
            % {"whose": genitive(municipality.name)},
        )

    def roles_in(self, consortium: Consortium) -> frozenset[Role]:
        return self.roles_by_consortium.get(consortium.pk, frozenset())


def permissions_for(user: User | AnonymousUser) -> Permissions:
    """Resolve a user's roles once (two queries) and keep them on the user object."""
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        return Permissions(user_id=None)
    assignments = list(RoleAssignment.objects.filter(user=user))
    contact_municipalities = frozenset(
        a.municipality_id for a in assignments if a.role == Role.CONTACT and a.municipality_id
    )
    roles: dict[int, set[Role]] = {}
    for assignment in assignments:
        if assignment.consortium_id is not None:
            roles.setdefault(assignment.consortium_id, set()).add(Role(assignment.role))
    # A municipal contact reads every consortium its municipality is a member of.
    if contact_municipalities:
        for consortium_id in ConsortiumMembership.objects.filter(
            municipality_id__in=contact_municipalities
        ).values_list("consortium_id", flat=True):
            roles.setdefault(consortium_id, set()).add(Role.CONTACT)
    permissions = Permissions(
        user_id=user.pk,
        is_admin=user.is_superuser or any(a.role == Role.ADMIN for a in assignments),
        roles_by_consortium={pk: frozenset(r) for pk, r in roles.items()},
        steering_for=frozenset(
            (a.consortium_id, a.municipality_id)
            for a in assignments
            if a.role == Role.STEERING and a.consortium_id and a.municipality_id
        ),
        contact_for=contact_municipalities,
    )
    setattr(user, _CACHE_ATTRIBUTE, permissions)
    return permissions


def forget_permissions(user: User) -> None:
    """Drop the cached roles after they change."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)
