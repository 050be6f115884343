"""Reads of projects, always through `projects_for(actor)`: the list with its filters and
totals, one project, the projects that answer a need, and what a new idea starts from."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.calls.models import Call
from navet.core.audit import HistoryRow, history_for
from navet.core.errors import NotFound
from navet.core.models import User
from navet.core.permissions import Decision
from navet.core.text import swedish_sort_key
from navet.matching.selectors import matcher_for, partners_for
from navet.needs.models import Need
from navet.needs.permissions import needs_for
from navet.needs.selectors import need_get
from navet.organisations.models import Consortium, Municipality, Role
from navet.organisations.permissions import permissions_for
from navet.projects import lifecycle
from navet.projects.models import Project
from navet.projects.permissions import can_move_project, creatable_consortia, projects_for

LIST_LIMIT = 500  # rows a page or the API shows at most


@dataclass(frozen=True)
class ProjectFilter:
    municipality: str = ""  # SCB code: owner or participant
    status: str = ""


@dataclass(frozen=True)
class ProjectList:
    projects: list[Project]
    count: int
    requested_sek: int
    granted_sek: int

    @property
    def truncated(self) -> bool:
        return self.count > len(self.projects)


def _filtered(actor: User, criteria: ProjectFilter) -> QuerySet[Project]:
    projects = projects_for(actor)
    if criteria.municipality:
        projects = projects.filter(
            Q(owner__code=criteria.municipality)
            | Q(
                pk__in=Project.participants.through.objects.filter(
                    municipality__code=criteria.municipality
                ).values("project_id")
            )
        )
    if criteria.status:
        projects = projects.filter(status=criteria.status)
    return projects


def projects_matching(actor: User, criteria: ProjectFilter) -> QuerySet[Project]:
    """The projects the actor may see that match the filters, ready for a list (three queries
    whatever their number: the projects, their participants and their needs)."""
    return (
        _filtered(actor, criteria)
        .select_related("consortium", "owner", "call__programme")
        .prefetch_related(
            Prefetch("participants", queryset=Municipality.objects.order_by("name")),
            Prefetch("needs", queryset=Need.objects.only("pk", "title")),
        )
    )


def project_list(actor: User, criteria: ProjectFilter) -> ProjectList:
    """The list page: the first projects, how many there are, and the sums of their amounts."""
    totals = _filtered(actor, criteria).aggregate(
        count=Count("pk"), requested=Sum("requested_sek"), granted=Sum("granted_sek")
    )
    projects = list(projects_matching(actor, criteria)[:LIST_LIMIT])
    return ProjectList(
        projects=projects,
        count=totals["count"],
        requested_sek=totals["requested"] or 0,
        granted_sek=totals["granted"] or 0,
    )


def project_get(actor: User, pk: int) -> Project:
    """One project with its links; "not found" and "not allowed" answer the same."""
    project = (
        projects_for(actor)
        .select_related("consortium", "owner", "call__funder", "call__programme", "created_by")
        .prefetch_related(
            Prefetch("participants", queryset=Municipality.objects.order_by("name")),
            Prefetch("needs", queryset=Need.objects.select_related("municipality")),
            "contacts",
        )
        .filter(pk=pk)
        .first()
    )
    if project is None:
        raise NotFound(_("No such project."))
    return project


def project_history(project: Project) -> list[HistoryRow]:
    return history_for(project)


def projects_answering(actor: User, need: Need) -> list[Project]:
    """The projects the actor may see that answer this need (one query)."""
    return list(
        projects_for(actor).filter(needs=need).select_related("owner", "call").order_by("pk")
    )


def municipality_choices(actor: User) -> list[tuple[str, str]]:
    """(code, name) of the municipalities of the consortia the actor sees, in Swedish order."""
    visible = permissions_for(actor).visible_consortium_ids()
    municipalities = Municipality.objects.only("code", "name")
    if visible is not None:
        municipalities = municipalities.filter(memberships__consortium_id__in=visible).distinct()
    return sorted(((m.code, m.name) for m in municipalities), key=lambda c: swedish_sort_key(c[1]))


@dataclass(frozen=True)
class Move:
    """A status the project may go to next, and whether this user may take it there now."""

    status: str
    label: str
    decision: Decision


def project_moves(actor: User, project: Project) -> list[Move]:
    """The next statuses of the lifecycle, each with the answer for this user and project."""
    facts = project.facts()
    moves = []
    for target in lifecycle.next_statuses(project.status):
        decision = can_move_project(actor, project, target)
        if decision:
            refused = lifecycle.refusals(facts, target)
            if refused:
                decision = Decision(False, " ".join(refusal_message(r) for r in refused))
        moves.append(Move(target, str(Project.Status(target).label), decision))
    return moves


def refusal_message(refusal: lifecycle.Refusal) -> str:
    """A lifecycle refusal as a sentence for the user."""
    messages = {
        lifecycle.Refusal.NOT_A_MOVE: _("A project cannot move to that status from its status."),
        lifecycle.Refusal.NO_NEED: _("A project must answer at least one need."),
        lifecycle.Refusal.STEERING_DECISION: _(
            "A project for the whole consortium needs the steering group's decision before the "
            "application is started: record the decision first."
        ),
        lifecycle.Refusal.NO_CALL: _("Choose the call the project applies to first."),
        lifecycle.Refusal.NO_REQUESTED_AMOUNT: _("Enter the requested amount first."),
        lifecycle.Refusal.NO_GRANTED_AMOUNT: _("Enter the granted amount first."),
        lifecycle.Refusal.NO_PERIOD: _("Enter when the project starts and ends first."),
    }
    return messages[refusal]


def contact_choices(consortium: Consortium) -> QuerySet[User]:
    """The users who may be a project's contact persons: the consortium's coordinators and the
    contacts of its member municipalities."""
    return (
        User.objects.filter(
            Q(role_assignments__role=Role.COORDINATOR, role_assignments__consortium=consortium)
            | Q(
                role_assignments__role=Role.CONTACT,
                role_assignments__municipality__memberships__consortium=consortium,
            ),
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


@dataclass
class IdeaStart:
    """What a project idea made from a need's suggestion starts with."""

    need: Need
    call: Call | None
    consortia: Sequence[Consortium]
    partners: list[Municipality] = field(default_factory=list)
    endorsers: set[int] = field(default_factory=set)


def idea_start(actor: User, need_pk: int, call_pk: int | None) -> IdeaStart:
    """The need (which the actor must see), the call, the consortia the actor may start the idea
    in (those the actor coordinates first), and the partner municipalities matching suggests,
    those that endorsed the need marked."""
    need = need_get(actor, need_pk)
    call = None
    if call_pk is not None:
        call = Call.objects.select_related("funder", "programme").filter(pk=call_pk).first()
        if call is None:
            raise NotFound(_("No such call."))
    coordinated = {
        pk
        for pk, roles in permissions_for(actor).roles_by_consortium.items()
        if Role.COORDINATOR in roles
    }
    consortia = sorted(
        creatable_consortia(actor, need.municipality).annotate(size=Count("memberships")),
        key=lambda c: (c.pk not in coordinated, c.size, swedish_sort_key(c.name)),
    )
    partners = partners_for(need, matcher_for(timezone.now()).matcher)
    return IdeaStart(
        need=need,
        call=call,
        consortia=consortia,
        partners=[municipality for municipality, _reasons in partners],
        endorsers={e.municipality_id for e in need.endorsements.all()},
    )


def linkable_needs(actor: User, consortium: Consortium, linked: list[Need]) -> QuerySet[Need]:
    """The needs a project of the consortium may answer: those the actor sees, of the
    consortium's members, open or in a project, and those already linked."""
    return (
        needs_for(actor)
        .filter(
            Q(
                municipality__memberships__consortium=consortium,
                status__in=[Need.Status.OPEN, Need.Status.IN_PROJECT],
            )
            | Q(pk__in=[n.pk for n in linked])
        )
        .select_related("municipality")
        .distinct()
        .order_by("municipality__name", "title")
    )
