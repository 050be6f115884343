"""Who may read, create, edit and move projects, built on the roles of `permissions_for`.

- **Read**: everyone with a role in the project's consortium (coordinators, steering
  representatives, viewers, and the contacts of its member municipalities), and administrators.
- **Create and edit an idea** (statuses idea and needs analysis): the contacts of the owner
  municipality, and the consortium's coordinators.
- **Link a need**: a shared need, whoever reads it; a draft need, only its own municipality's
  contacts (others see it on the project as "Täbys utkast till behov", never its title).
- **Move**: the same people move an idea between idea and needs analysis, and withdraw it; every
  other move – to a decision, an application and on – is the coordinators'. From then on only
  coordinators edit the project, and only they record the steering group's decision.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from navet.core.models import User
from navet.core.permissions import ALLOWED, Decision
from navet.core.text import genitive
from navet.needs.models import Need
from navet.needs.permissions import editable_municipalities
from navet.organisations.models import Consortium, ConsortiumMembership, Municipality
from navet.organisations.permissions import permissions_for
from navet.projects import lifecycle
from navet.projects.models import Project


def projects_for(user: User) -> QuerySet[Project]:
    """The projects the user may see: every list of projects starts here."""
    permissions = permissions_for(user)
    if permissions.user_id is None:
        return Project.objects.none()
    visible = permissions.visible_consortium_ids()
    if visible is None:
        return Project.objects.all()
    return Project.objects.filter(consortium_id__in=visible)


def can_view_project(user: User, project: Project) -> Decision:
    decision = permissions_for(user).can_view_consortium(project.consortium)
    if decision:
        return ALLOWED
    return Decision(False, _("You have no role in this project's consortium."))


def can_link_need(user: User, need: Need) -> Decision:
    """Let a project answer this need: a shared need, whoever may read it; a draft only its own
    municipality's contacts, since a draft is the municipality's own until shared."""
    if need.status != Need.Status.DRAFT or permissions_for(user).is_contact_of(
        need.municipality_id
    ):
        return ALLOWED
    return Decision(
        False,
        _("Only %(name)s's own contacts may let a project answer its draft need.")
        % {"name": need.municipality.name},
    )


def can_create_project(user: User, consortium: Consortium, owner: Municipality) -> Decision:
    """Start a project idea owned by `owner`: its contacts, and the consortium's coordinators."""
    permissions = permissions_for(user)
    if permissions.coordinates(consortium.pk):
        return ALLOWED
    if permissions.is_contact_of(owner.pk) and consortium.pk in permissions.roles_by_consortium:
        return ALLOWED
    return Decision(
        False,
        _(
            "Only %(whose)s own contacts and the coordinators of %(consortium)s may start "
            "a project idea for it."
        )
        % {"whose": genitive(owner.name), "consortium": consortium.name},
    )


def can_start_projects(user: User) -> Decision:
    """Start a project idea for some municipality: a contact, or a coordinator."""
    permissions = permissions_for(user)
    if permissions.contact_for or permissions.coordinates_any():
        return ALLOWED
    return Decision(False, _("Only municipal contacts and coordinators may start project ideas."))


def can_edit_project(user: User, project: Project) -> Decision:
    """Change a project's facts: an idea by its owner's contacts and the coordinators; a project
    past the needs analysis by the coordinators only."""
    permissions = permissions_for(user)
    if permissions.coordinates(project.consortium_id):
        return ALLOWED
    if project.status in lifecycle.EARLY:
        if permissions.is_contact_of(project.owner_id):
            return ALLOWED
        return Decision(
            False,
            _("Only %(whose)s own contacts and the consortium's coordinators may change this idea.")
            % {"whose": genitive(project.owner.name)},
        )
    return Decision(
        False, _("Past the needs analysis, only the consortium's coordinators change a project.")
    )


def can_move_project(user: User, project: Project, target: str) -> Decision:
    """Move a project to `target` (the lifecycle's own rules are asked separately)."""
    permissions = permissions_for(user)
    if permissions.coordinates(project.consortium_id):
        return ALLOWED
    if lifecycle.coordinator_only(project.status, target):
        return Decision(
            False,
            _("Only the consortium's coordinators move a project beyond the needs analysis."),
        )
    return can_edit_project(user, project)


_IDEA_OWNERS = "_navet_idea_owners"


def idea_owner_ids(user: User) -> frozenset[int]:
    """The municipalities the user may start project ideas for, as `creatable_consortia` allows
    them: its own as a contact, and the members of the consortia it coordinates. Resolved once
    per user object (one query at most), since a page asks it for each need it lists."""
    cached = getattr(user, _IDEA_OWNERS, None)
    if cached is not None:
        return cached
    # The same municipalities as those whose needs the user may enter.
    owners = frozenset(editable_municipalities(user).values_list("pk", flat=True))
    setattr(user, _IDEA_OWNERS, owners)
    return owners


def creatable_consortia(user: User, owner: Municipality) -> QuerySet[Consortium]:
    """The consortia the user may start a project idea owned by `owner` in."""
    permissions = permissions_for(user)
    member_of = ConsortiumMembership.objects.filter(municipality=owner).values("consortium_id")
    condition = Q(pk__in=permissions.coordinated_ids())
    if permissions.is_contact_of(owner.pk):
        condition |= Q(pk__in=member_of)
    return Consortium.objects.filter(condition, pk__in=member_of)


def can_import_projects(user: User, consortium: Consortium) -> Decision:
    """Bring a project list from a spreadsheet into a consortium: its coordinators."""
    if permissions_for(user).coordinates(consortium.pk):
        return ALLOWED
    return Decision(False, _("Only the consortium's coordinators import project lists."))


def importable_consortia(user: User) -> QuerySet[Consortium]:
    """The consortia the user may import project lists into: those the user coordinates."""
    coordinated = permissions_for(user).coordinated_ids()
    return Consortium.objects.filter(pk__in=coordinated).order_by("name")


def can_edit_needs_analysis(user: User, project: Project) -> Decision:
    """Tick, annotate and attach files to the needs analysis checklist: whoever may change the
    project (its owner's contacts while it is an idea or in the needs analysis, the
    coordinators always)."""
    return can_edit_project(user, project)


def can_request_confirmations(user: User, project: Project) -> Decision:
    """Ask the partners for their signed cooperation forms, and record why an application goes
    in without one: the coordinators, who write the application with the municipalities."""
    if permissions_for(user).coordinates(project.consortium_id):
        return ALLOWED
    return Decision(
        False, _("Only the consortium's coordinators ask the partners for their confirmations.")
    )


def can_record_confirmation(user: User, project: Project, municipality: Municipality) -> Decision:
    """Record a partner's signed cooperation form: the coordinators, and the municipality's own
    contacts for its own form."""
    permissions = permissions_for(user)
    if permissions.coordinates(project.consortium_id):
        return ALLOWED
    if permissions.is_contact_of(municipality.pk) and project.status != lifecycle.WITHDRAWN:
        return ALLOWED
    return Decision(
        False,
        _(
            "Only %(whose)s own contacts and the consortium's coordinators record its signed "
            "cooperation form."
        )
        % {"whose": genitive(municipality.name)},
    )
