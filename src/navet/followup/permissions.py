"""Who may read and write a project's budget and follow-up, built on the roles of
`permissions_for`.

- **Read**: whoever may read the project (everyone with a role in its consortium, and
  administrators).
- **Budget, expenditures, ledger imports and indicator measurements**: the contacts of the
  project's owner municipality, and the consortium's coordinators.
- **Indicators, report deadlines and interventions**: the consortium's coordinators, who have the
  mandate to step in when results or money fall behind (the study, §6.3).
"""

from django.utils.translation import gettext as _

from navet.core.models import User
from navet.core.permissions import ALLOWED, Decision
from navet.organisations.models import Municipality, Role
from navet.organisations.permissions import permissions_for
from navet.projects.models import Project
from navet.projects.permissions import can_view_project


def _coordinates(user: User, project: Project) -> bool:
    roles = permissions_for(user).roles_by_consortium.get(project.consortium_id, frozenset())
    return Role.COORDINATOR in roles


def can_view_followup(user: User, project: Project) -> Decision:
    return can_view_project(user, project)


def can_edit_budget(user: User, project: Project) -> Decision:
    """Write the budget and enter expenditures: the owner's contacts and the coordinators."""
    if _coordinates(user, project) or project.owner_id in permissions_for(user).contact_for:
        return ALLOWED
    return Decision(
        False,
        _(
            "Only %(name)s's own contacts and the consortium's coordinators change the "
            "project's budget and expenditures."
        )
        % {"name": project.owner.name},
    )


def can_manage_followup(user: User, project: Project) -> Decision:
    """Indicators, report deadlines and interventions: the coordinators."""
    if _coordinates(user, project):
        return ALLOWED
    return Decision(
        False,
        _("Only the consortium's coordinators set goals, report dates and interventions."),
    )


def can_map_ledger(user: User, municipality: Municipality, project: Project) -> Decision:
    """Choose how a municipality's ledger export is read: its contacts, and the coordinators of
    the project's consortium."""
    if _coordinates(user, project) or municipality.pk in permissions_for(user).contact_for:
        return ALLOWED
    return Decision(
        False,
        _("Only %(name)s's own contacts and the coordinators choose how its ledger is read.")
        % {"name": municipality.name},
    )
