"""Who may see and erase a person's data: the person sees their own; administrators all.

`core` sits under `organisations`, which owns roles, so the administrator's role is read here by
its stored value through the user's role assignments (the same rule as
`organisations.permissions.permissions_for`: a superuser, or a holder of the role "admin").
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from navet.core.models import User
from navet.core.permissions import ALLOWED, Decision

ADMIN_ROLE = "admin"  # organisations.models.Role.ADMIN


def _admins() -> Q:
    return Q(is_superuser=True) | Q(role_assignments__role=ADMIN_ROLE)


def is_administrator(user: User) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or User.objects.filter(_admins(), pk=user.pk).exists()


def administrators() -> QuerySet[User]:
    """The active administrators: those told when someone asks to be erased."""
    return User.objects.filter(_admins(), is_active=True).distinct().order_by("pk")


def can_see_personal_data(actor: User, subject: User) -> Decision:
    if actor.is_authenticated and actor.is_active and actor.pk == subject.pk:
        return ALLOWED
    if is_administrator(actor):
        return ALLOWED
    return Decision(False, _("Only administrators may see another person's data."))


def can_erase(actor: User, subject: User) -> Decision:
    if not is_administrator(actor):
        return Decision(False, _("Only administrators may erase a user."))
    if actor.pk == subject.pk:
        return Decision(False, _("You cannot erase your own account; ask another administrator."))
    return ALLOWED
