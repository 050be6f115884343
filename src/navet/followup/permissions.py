"""Who may read and write a project's budget and follow-up, built on the roles of
`permissions_for`.

- **Read**: whoever may read the project (everyone with a role in its consortium, and
  administrators).
- **Budget, expenditures and ledger imports** (`can_edit_budget`, the budget rule of
  docs/roles.md): the consortium's coordinators and the owner municipality's contacts write
  every line; each participating municipality's contacts write its own lines.
- **Indicator measurements**: the owner municipality's contacts and the coordinators.
- **Indicators, report deadlines and interventions**: the consortium's coordinators, who have the
  mandate to step in when results or money fall behind (the study, §6.3).
"""

from django.utils.translation import gettext as _

from navet.core.models import User
from navet.core.permissions import ALLOWED, Decision
from navet.core.text import genitive
from navet.organisations.models import Municipality
from navet.organisations.permissions import permissions_for
from navet.projects.models import Project
from navet.projects.permissions import can_view_project


def _coordinates(user: User, project: Project) -> bool:
    return permissions_for(user).coordinates(project.consortium_id)


def can_view_followup(user: User, project: Project) -> Decision:
    return can_view_project(user, project)


def can_edit_budget(user: User, project: Project, municipality: Municipality | None) -> Decision:
    """The budget rule (docs/roles.md): write the budget lines and expenditures of
    `municipality` (None: the lines of the project as a whole). The consortium's coordinators
    and the owner municipality's contacts write every line; a participating municipality's
    contacts write its own lines. Every budget and expenditure service asks this, for pages
    and the API alike."""
    permissions = permissions_for(user)
    if permissions.coordinates(project.consortium_id) or permissions.is_contact_of(
        project.owner_id
    ):
        return ALLOWED
    if municipality is not None and permissions.is_contact_of(municipality.pk):
        return ALLOWED
    if municipality is None:
        return Decision(
            False,
            _(
                "Only %(owner)s's own contacts and the consortium's coordinators change the "
                "project's common budget lines."
            )
            % {"owner": project.owner.name},
        )
    return Decision(
        False,
        _(
            "Only %(name)s's own contacts, %(owner)s's contacts and the consortium's "
            "coordinators change %(name)s's budget lines and expenditures."
        )
        % {"name": municipality.name, "owner": project.owner.name},
    )


def can_enter_budget(user: User, project: Project) -> Decision:
    """Write some of the project's budget lines (whether to show the forms): the budget rule
    for any of the project's municipalities."""
    permissions = permissions_for(user)
    if can_edit_budget(user, project, None) or any(
        permissions.is_contact_of(m.pk) for m in project.participants.all()
    ):
        return ALLOWED
    return Decision(
        False,
        _(
            "Only the contacts of the project's municipalities and the consortium's "
            "coordinators change its budget and expenditures."
        ),
    )


def can_record_measurement(user: User, project: Project) -> Decision:
    """Measure the project's indicators: the owner's contacts and the coordinators, as for the
    project's common budget lines."""
    return can_edit_budget(user, project, None)


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
    if _coordinates(user, project) or permissions_for(user).is_contact_of(municipality.pk):
        return ALLOWED
    return Decision(
        False,
        _("Only %(whose)s own contacts and the coordinators choose how its ledger is read.")
        % {"whose": genitive(municipality.name)},
    )
