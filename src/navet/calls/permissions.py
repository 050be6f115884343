"""Who may do what with calls: all users read them; coordinators and admins manage them."""

from django.utils.translation import gettext as _

from navet.core.models import User
from navet.core.permissions import ALLOWED, Decision
from navet.organisations.permissions import permissions_for


def can_manage_calls(user: User) -> Decision:
    """Import and edit calls, funders and programmes: coordinators and administrators."""
    permissions = permissions_for(user)
    if permissions.is_admin or permissions.coordinates_any():
        return ALLOWED
    return Decision(False, _("Only coordinators and administrators may manage funding calls."))


def can_view_calls(user: User) -> Decision:
    return permissions_for(user).can_view_organisations()
