"""Who may read motions, start and close them, and vote, built on the roles of `permissions_for`.

- **Read**: everyone with a role in the motion's consortium, and administrators.
- **Start, change, attach documents and close**: the consortium's coordinators.
- **Meetings**: everyone who reads the consortium's motions reads its meetings, their attendance
  and the participation; its coordinators plan and change meetings, record attendance and send
  invitations.
- **Agreement**: everyone who reads the consortium reads its agreement and follow-up; its
  coordinators write the agreement, goals, sub-goals, measurements and
  action plan.
- **Vote**: the holders of a steering role for a member municipality – its ordinary
  representative, or a deputy (marked by `Deputy`) while the representative has not voted.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from navet.core.models import User
from navet.core.permissions import ALLOWED, Decision
from navet.core.text import genitive
from navet.decisions.models import Deputy, Meeting, Motion, Vote
from navet.organisations.models import Consortium, Municipality, Role
from navet.organisations.permissions import permissions_for
from navet.projects.models import Project


def motions_for(user: User) -> QuerySet[Motion]:
    """The motions the user may see: every list of motions starts here."""
    permissions = permissions_for(user)
    if permissions.user_id is None:
        return Motion.objects.none()
    visible = permissions.visible_consortium_ids()
    if visible is None:
        return Motion.objects.all()
    return Motion.objects.filter(consortium_id__in=visible)


def can_manage_motions(user: User, consortium: Consortium) -> Decision:
    """Start, change and close motions, and attach documents: the consortium's coordinators."""
    if permissions_for(user).coordinates(consortium.pk):
        return ALLOWED
    return Decision(False, _("Only the consortium's coordinators start, change and close motions."))


def can_start_motions(user: User) -> Decision:
    """Start a motion in some consortium: a coordinator."""
    if permissions_for(user).coordinates_any():
        return ALLOWED
    return Decision(False, _("Only coordinators start motions."))


def voting_for(user: User, consortium: Consortium) -> list[int]:
    """The municipalities (ids) the user holds a steering role for in `consortium`."""
    return permissions_for(user).seats_in(consortium.pk)


def cast_as(user: User, consortium: Consortium, municipality: Municipality) -> str:
    """Whether the user votes for `municipality` as its representative or as a deputy."""
    deputy = Deputy.objects.filter(
        assignment__user=user,
        assignment__role=Role.STEERING,
        assignment__consortium=consortium,
        assignment__municipality=municipality,
    ).exists()
    return Vote.CastAs.DEPUTY if deputy else Vote.CastAs.REPRESENTATIVE


def can_vote_for(user: User, motion: Motion, municipality: Municipality) -> Decision:
    """Vote for `municipality` on `motion`: its steering representative or deputy (the window
    and the representative's precedence are the service's rules). A coordinator of the
    consortium never votes in it, even with a seat given before that rule."""
    permissions = permissions_for(user)
    if permissions.coordinates(motion.consortium_id):
        return Decision(False, _("A coordinator does not vote in the consortium he coordinates."))
    if permissions.holds_seat(motion.consortium_id, municipality.pk):
        return ALLOWED
    return Decision(
        False,
        _("Only %(name)s's steering representative or deputies vote for it.")
        % {"name": municipality.name},
    )


def meetings_for(user: User) -> QuerySet[Meeting]:
    """The meetings the user may see: every list of meetings starts here."""
    permissions = permissions_for(user)
    if permissions.user_id is None:
        return Meeting.objects.none()
    visible = permissions.visible_consortium_ids()
    if visible is None:
        return Meeting.objects.all()
    return Meeting.objects.filter(consortium_id__in=visible)


def can_manage_meetings(user: User, consortium: Consortium) -> Decision:
    """Plan and change meetings, record attendance, send invitations: the coordinators."""
    if permissions_for(user).coordinates(consortium.pk):
        return ALLOWED
    return Decision(
        False,
        _(
            "Only the consortium's coordinators plan meetings, record attendance and send "
            "invitations."
        ),
    )


def can_plan_meetings(user: User) -> Decision:
    """Plan a meeting in some consortium: a coordinator."""
    if permissions_for(user).coordinates_any():
        return ALLOWED
    return Decision(False, _("Only coordinators plan meetings."))


def can_view_participation(user: User, consortium: Consortium) -> Decision:
    """The participation of a consortium's members: everyone who may see the consortium."""
    return permissions_for(user).can_view_consortium(consortium)


def can_manage_agreement(user: User, consortium: Consortium) -> Decision:
    """Write the agreement, its goals, sub-goals, measurements and action plan: the
    consortium's coordinators."""
    if permissions_for(user).coordinates(consortium.pk):
        return ALLOWED
    return Decision(
        False, _("Only the consortium's coordinators change its agreement and action plan.")
    )


def can_view_agreement(user: User, consortium: Consortium) -> Decision:
    """The agreement and its follow-up: everyone who may see the consortium."""
    return permissions_for(user).can_view_consortium(consortium)


def can_manage_steering(user: User, consortium: Consortium) -> Decision:
    """Name and remove the members' steering representatives and deputies: the consortium's
    coordinators and administrators."""
    permissions = permissions_for(user)
    if permissions.is_admin or permissions.coordinates(consortium.pk):
        return ALLOWED
    return Decision(
        False,
        _(
            "Only the consortium's coordinators and administrators name representatives and "
            "deputies."
        ),
    )


def can_record_board_decision(user: User, project: Project, municipality: Municipality) -> Decision:
    """Record a participating municipality's board decision on a project: the municipality's own
    contacts, and the consortium's coordinators."""
    permissions = permissions_for(user)
    if permissions.coordinates(project.consortium_id) or permissions.is_contact_of(municipality.pk):
        return ALLOWED
    return Decision(
        False,
        _(
            "Only %(whose)s own contacts and the consortium's coordinators record its board's "
            "decision."
        )
        % {"whose": genitive(municipality.name)},
    )
