"""Who may read, write and review applications, built on the projects' rules.

- **Read**: whoever may read the project (`projects.permissions.can_view_project`).
- **Write** (start an application, save, copy, restore, comment, request a review): the contacts
  of the project's owner municipality and of its participating municipalities, and the
  coordinators of the project's consortium.
- **Review** (changes requested, approved): the coordinators of the consortium.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from navet.applications.models import Application
from navet.core.models import User
from navet.core.permissions import ALLOWED, Decision
from navet.organisations.permissions import permissions_for
from navet.projects.models import Project
from navet.projects.permissions import can_view_project, projects_for


def applications_for(user: User) -> QuerySet[Application]:
    """The applications the user may see: those of the projects the user may see."""
    return Application.objects.filter(project__in=projects_for(user))


def coordinates(user: User, project: Project) -> bool:
    return permissions_for(user).coordinates(project.consortium_id)


def can_view_application(user: User, project: Project) -> Decision:
    return can_view_project(user, project)


def can_write_application(user: User, project: Project) -> Decision:
    """Write the project's applications: contacts of its municipalities, and coordinators."""
    if coordinates(user, project):
        return ALLOWED
    contact_for = permissions_for(user).contact_for
    if contact_for and (
        project.owner_id in contact_for or project.participants.filter(pk__in=contact_for).exists()
    ):
        return ALLOWED
    return Decision(
        False,
        _(
            "Only the contacts of the project's municipalities and the consortium's "
            "coordinators write its applications."
        ),
    )


def can_review_application(user: User, project: Project) -> Decision:
    """Ask for changes or approve: the coordinators of the consortium."""
    if coordinates(user, project):
        return ALLOWED
    return Decision(False, _("Only the consortium's coordinators review applications."))
