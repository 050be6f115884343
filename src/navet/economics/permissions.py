"""Who may read the economics of the shared resource, and who sets its yearly cost.

- **Read** (the scenario page, the evaluation, the API): everyone with a role; a consortium's
  members and figures only for those who may see the consortium.
- **Set the yearly cost** and **log the resource's time**: the consortium's coordinators
  (an administrator coordinates nothing, docs/roles.md).
"""

from django.utils.translation import gettext as _

from navet.core.models import User
from navet.core.permissions import ALLOWED, Decision
from navet.organisations.models import Consortium
from navet.organisations.permissions import permissions_for


def can_read_economics(user: User) -> Decision:
    permissions = permissions_for(user)
    if permissions.is_admin or permissions.roles_by_consortium or permissions.contact_for:
        return ALLOWED
    return Decision(False, _("Only users with a role may see the economics of the resource."))


def can_set_resource_cost(user: User, consortium: Consortium) -> Decision:
    if permissions_for(user).coordinates(consortium.pk):
        return ALLOWED
    return Decision(
        False,
        _("Only the coordinators of %(consortium)s may set its cost.")
        % {"consortium": consortium.name},
    )


def can_log_time(user: User, consortium: Consortium) -> Decision:
    if permissions_for(user).coordinates(consortium.pk):
        return ALLOWED
    return Decision(
        False,
        _("Only the coordinators of %(consortium)s may log its time.")
        % {"consortium": consortium.name},
    )
