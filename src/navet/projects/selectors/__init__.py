"""Reads of projects, always through `projects_for(actor)`: the list with its filters and
totals, one project, the projects that answer a need, and what a new idea starts from."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.calls.models import Call, Funder, Theme
from navet.core.audit import HistoryRow, history_for
from navet.core.errors import NotFound
from navet.core.models import User
from navet.core.permissions import Decision
from navet.core.search import swedish_search
from navet.core.text import genitive, swedish_sort_key
from navet.matching.selectors import matcher_for, partners_for
from navet.needs.models import Need
from navet.needs.permissions import needs_for
from navet.needs.selectors import need_get
from navet.organisations.models import Consortium, Municipality, Role
from navet.organisations.permissions import permissions_for
from navet.projects import lifecycle, sheet, timeline
from navet.projects.models import NeedsAnalysisItem, PartnerConfirmation, Project
from navet.projects.permissions import can_move_project, creatable_consortia, projects_for
from navet.projects.selectors.preparation import with_checklist_done

LIST_LIMIT = 500  # rows the API gives at most


@dataclass(frozen=True)
class ProjectFilter:
    municipality: str = ""  # SCB code: owner or participant
    status: str = ""
    theme: str = ""  # slug: a theme of one of the project's needs or of its call
    funder: str = ""  # slug: the funder of the project's call, or the project's own
    year: int | None = None  # the period overlaps this year
    phase: str = ""  # past, present or future (lifecycle.phase)
    text: str = ""  # words of the title or description


@dataclass(frozen=True)
class ProjectList:
    projects: QuerySet[Project]  # ordered, to be shown a page at a time
    count: int
    requested_sek: int
    granted_sek: int
    repaid_sek: int = 0
    phases: dict[str, int] = field(default_factory=dict)  # the count in each tab


def phase_condition(phase: str, today: date) -> Q:
    """The projects in a phase, as `lifecycle.phase` decides it, for the database."""
    started_grant = Q(status=lifecycle.GRANTED, starts_on__lte=today)
    if phase == lifecycle.Phase.PAST:
        return Q(status__in=lifecycle.CLOSED)
    if phase == lifecycle.Phase.PRESENT:
        return Q(status=lifecycle.RUNNING) | started_grant
    return ~Q(status__in=lifecycle.CLOSED | {lifecycle.RUNNING}) & ~started_grant


def _filtered(actor: User, criteria: ProjectFilter) -> QuerySet[Project]:
    return _without_phase(actor, criteria).filter(
        phase_condition(criteria.phase, timezone.localdate()) if criteria.phase else Q()
    )


def _without_phase(actor: User, criteria: ProjectFilter) -> QuerySet[Project]:
    projects = projects_for(actor)
    if criteria.text:
        projects = swedish_search(projects, criteria.text)
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
    if criteria.theme:  # subqueries, so that no project comes twice
        projects = projects.filter(
            Q(
                pk__in=Project.needs.through.objects.filter(
                    need__themes__slug=criteria.theme
                ).values("project_id")
            )
            | Q(call__in=Call.objects.filter(themes__slug=criteria.theme).values("pk"))
        )
    if criteria.funder:
        projects = projects.filter(
            Q(funder__slug=criteria.funder) | Q(call__funder__slug=criteria.funder)
        )
    if criteria.year is not None:
        # Overlapping the year; a project with only one of its dates lasts that one day.
        projects = projects.alias(
            first=Coalesce("starts_on", "ends_on"), last=Coalesce("ends_on", "starts_on")
        ).filter(first__lte=date(criteria.year, 12, 31), last__gte=date(criteria.year, 1, 1))
    return projects


def projects_matching(actor: User, criteria: ProjectFilter) -> QuerySet[Project]:
    """The projects the actor may see that match the filters, ready for a list (three queries
    whatever their number: the projects with their checklist's done items, their participants
    and their needs)."""
    return (
        with_checklist_done(_filtered(actor, criteria))
        .select_related(
            "consortium", "owner", "call__programme", "call__funder", "funder", "programme"
        )
        .prefetch_related(
            Prefetch("participants", queryset=Municipality.objects.order_by("name")),
            Prefetch("needs", queryset=Need.objects.only("pk", "title", "external_id")),
        )
        .order_by(
            *(["-search_rank"] if criteria.text else []),  # the best found first
            Coalesce("starts_on", "ends_on").asc(nulls_last=True),
            "-created_at",
            "-pk",
        )
    )


def project_list(actor: User, criteria: ProjectFilter) -> ProjectList:
    """The portfolio: its projects in order, how many there are, the sums of their amounts, and
    how many are past, present and future (whatever the tab chosen)."""
    today = timezone.localdate()
    totals = _filtered(actor, criteria).aggregate(
        count=Count("pk"),
        requested=Sum("requested_sek"),
        granted=Sum("granted_sek"),
        repaid=Sum("repaid_sek"),
    )
    phases = _without_phase(actor, criteria).aggregate(
        **{
            phase.value: Count("pk", filter=phase_condition(phase, today))
            for phase in lifecycle.Phase
        }
    )
    return ProjectList(
        projects=projects_matching(actor, criteria),
        count=totals["count"],
        requested_sek=totals["requested"] or 0,
        granted_sek=totals["granted"] or 0,
        repaid_sek=totals["repaid"] or 0,
        phases=phases,
    )


def project_timeline(projects: Iterable[Project]) -> timeline.Layout | None:
    """The timeline of the projects that have a start and an end, in the list's order."""
    today = timezone.localdate()
    return timeline.layout(
        [
            timeline.Period(
                key=p.pk,
                title=p.title,
                starts_on=p.starts_on,
                ends_on=p.ends_on,
                status=p.get_status_display(),
                phase=lifecycle.phase(p.status, p.starts_on, today).value,
            )
            for p in projects
            if p.starts_on is not None and p.ends_on is not None
        ],
        today=today,
    )


def filter_choices() -> tuple[list[Theme], list[Funder]]:
    """The themes and the funders the portfolio filters by (two queries)."""
    return list(Theme.objects.order_by("sv")), list(Funder.objects.order_by("name"))


def export_row(project: Project) -> dict[str, Any]:
    """A project as a row of the portfolio's spreadsheet (`sheet.COLUMNS`)."""
    call = project.call
    funder = project.funder or (call.funder if call else None)
    programme = project.programme or (call.programme if call else None)
    return {
        "title": project.title,
        "description": project.description,
        "owner": project.owner.code,
        "participants": sorted(m.code for m in project.participants.all()),
        "needs": sorted(n.external_id for n in project.needs.all()),
        "call": call.external_id if call else None,
        "funder": funder.name if funder else None,
        "programme": programme.name if programme else None,
        "status": sheet.STATUS_NAMES[project.status],
        "starts_on": project.starts_on,
        "ends_on": project.ends_on,
        "requested_sek": project.requested_sek,
        "granted_sek": project.granted_sek,
        "repaid_sek": project.repaid_sek,
        "consortium": project.consortium.name,
    }


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


@dataclass(frozen=True)
class AnsweredNeed:
    """A need a project answers, as the reader may see it: a municipality's draft is its own
    until shared, so others see whose draft it is, never its title (finding 4 of issue 21)."""

    need: Need
    readable: bool

    @property
    def label(self) -> str:
        if self.readable:
            return self.need.title
        return _("%(owner)s draft need") % {"owner": genitive(self.need.municipality.name)}


def answered_needs(actor: User, project: Project) -> list[AnsweredNeed]:
    """The needs the project answers (prefetched by `project_get`), each marked readable or not
    for the actor: one query."""
    needs = list(project.needs.all())
    readable = set(
        needs_for(actor).filter(pk__in=[n.pk for n in needs]).values_list("pk", flat=True)
    )
    return [AnsweredNeed(need, need.pk in readable) for need in needs]


def project_history(actor: User, project: Project) -> list[HistoryRow]:
    """The project's own changes, and those of its checklist and partners' confirmations. The
    audit trail names linked needs by title; a draft the actor may not read is named as
    `AnsweredNeed` names it, whose draft it is."""
    types = ContentType.objects.get_for_models(NeedsAnalysisItem, PartnerConfirmation).values()
    related = Q(content_type__in=list(types), additional_data__project=project.pk)
    rows = history_for(project, also=related)
    hidden = (
        Need.objects.filter(
            status=Need.Status.DRAFT, municipality__memberships__consortium=project.consortium_id
        )
        .exclude(pk__in=needs_for(actor).values("pk"))
        .select_related("municipality")
    )
    masks = {need.title: AnsweredNeed(need, readable=False).label for need in hidden}
    if not masks:
        return rows
    label = str(Project._meta.get_field("needs").verbose_name)
    return [replace(row, changes=[_masked(c, label, masks) for c in row.changes]) for row in rows]


def _masked(
    change: tuple[str, str, str], label: str, masks: dict[str, str]
) -> tuple[str, str, str]:
    field, operation, names = change
    if field != label:
        return change
    for title, mask in masks.items():
        names = names.replace(title, mask)
    return field, operation, names


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
            "application is started: take it to the steering group first."
        ),
        lifecycle.Refusal.NO_CALL: _("Choose the call the project applies to first."),
        lifecycle.Refusal.NO_REQUESTED_AMOUNT: _("Enter the requested amount first."),
        lifecycle.Refusal.NO_GRANTED_AMOUNT: _("Enter the granted amount first."),
        lifecycle.Refusal.NO_PERIOD: _("Enter when the project starts and ends first."),
        lifecycle.Refusal.NEEDS_ANALYSIS_OPEN: _(
            "Complete the needs analysis first: every item of its checklist is done before a "
            "decision."
        ),
        lifecycle.Refusal.CONFIRMATIONS_MISSING: _(
            "Every participating municipality's signed cooperation form is needed before the "
            "application is submitted, or a coordinator's recorded reason to submit without it."
        ),
        lifecycle.Refusal.CALL_CLOSED: _("The call has closed: choose another call first."),
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
    coordinated = permissions_for(actor).coordinated_ids()
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
