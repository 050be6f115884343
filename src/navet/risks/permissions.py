"""Who may read and write risks and the SWOT board, built on the roles of `permissions_for`.

- **Read**: everyone with a role in the consortium (coordinators, steering representatives,
  viewers, and the contacts of its member municipalities), and administrators – a project's
  risks with the project's consortium.
- **A consortium's risks and its SWOT board**: its coordinators create and change them.
- **A project's risks**: those who may edit the project (`projects.permissions.can_edit_project`:
  the owner's contacts while it is an idea, and the coordinators throughout).
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from navet.core.models import User
from navet.core.permissions import ALLOWED, Decision
from navet.organisations.models import Consortium
from navet.organisations.permissions import permissions_for
from navet.projects.models import Project
from navet.projects.permissions import can_edit_project
from navet.risks.models import Risk, SwotItem


def risks_for(user: User) -> QuerySet[Risk]:
    """The risks the user may see: every list of risks starts here."""
    permissions = permissions_for(user)
    if permissions.user_id is None:
        return Risk.objects.none()
    visible = permissions.visible_consortium_ids()
    if visible is None:
        return Risk.objects.all()
    return Risk.objects.filter(Q(consortium_id__in=visible) | Q(project__consortium_id__in=visible))


def swot_items_for(user: User) -> QuerySet[SwotItem]:
    permissions = permissions_for(user)
    if permissions.user_id is None:
        return SwotItem.objects.none()
    visible = permissions.visible_consortium_ids()
    if visible is None:
        return SwotItem.objects.all()
    return SwotItem.objects.filter(consortium_id__in=visible)


def can_view_risks(user: User, consortium: Consortium) -> Decision:
    if permissions_for(user).can_view_consortium(consortium):
        return ALLOWED
    return Decision(False, _("You have no role in this consortium."))


def can_manage_consortium_risks(user: User, consortium: Consortium) -> Decision:
    """Create and change the consortium's own risks and its SWOT board: its coordinators."""
    if permissions_for(user).coordinates(consortium.pk):
        return ALLOWED
    return Decision(
        False, _("Only the consortium's coordinators change its risks and its SWOT board.")
    )


def can_edit_project_risks(user: User, project: Project) -> Decision:
    """Add and change a project's risks: whoever may edit the project."""
    if can_edit_project(user, project):
        return ALLOWED
    return Decision(
        False, _("Only those who may change the project, and the coordinators, change its risks.")
    )


def can_edit_risk(user: User, risk: Risk) -> Decision:
    if risk.project_id is not None:
        return can_edit_project_risks(user, risk.project)  # type: ignore[arg-type]
    return can_manage_consortium_risks(user, risk.consortium)  # type: ignore[arg-type]
