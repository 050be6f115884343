"""Reads of motions, always through `motions_for(actor)`: the list, one motion, its votes and
result, what the actor may vote, and the passed motion a project's lifecycle may ask for."""

from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from auditlog.models import LogEntry
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.core.audit import HistoryRow, history_for
from navet.core.errors import NotFound
from navet.core.models import User
from navet.core.text import swedish_sort_key
from navet.decisions import tally
from navet.decisions.models import Motion, Vote
from navet.decisions.permissions import motions_for, voting_for
from navet.organisations.models import Consortium, Role, RoleAssignment
from navet.projects.models import Project

LIST_LIMIT = 500


def motion_list(actor: User, consortium: str = "") -> list[Motion]:
    """The motions the actor may see, newest first, with their vote counts (three queries)."""
    motions = motions_for(actor).select_related("consortium", "project")
    if consortium:
        motions = motions.filter(consortium__slug=consortium)
    return list(
        motions.annotate(
            voted=Count("votes", filter=~Q(votes__choice="")), entitled=Count("votes")
        )[:LIST_LIMIT]
    )


def motion_get(actor: User, pk: int) -> Motion:
    motion = (
        motions_for(actor)
        .select_related("consortium", "project", "created_by")
        .filter(pk=pk)
        .first()
    )
    if motion is None:
        raise NotFound(_("No such motion, or none you may see."))
    return motion


def votes_of(motion: Motion) -> list[Vote]:
    """Every member municipality's vote, in Swedish order of names (one query)."""
    votes = list(motion.votes.select_related("municipality", "cast_by"))
    return sorted(votes, key=lambda v: swedish_sort_key(v.municipality.name))


def motion_tally(motion: Motion, votes: list[Vote] | None = None) -> tally.Result:
    """The tally of the votes as they stand (one query unless `votes` are given)."""
    rows = votes if votes is not None else list(motion.votes.select_related("municipality"))
    members = [str(v.municipality_id) for v in rows]
    cast = {str(v.municipality_id): tally.Choice(v.choice) if v.choice else None for v in rows}
    return tally.tally(members, cast, motion.rule())


@dataclass(frozen=True)
class MotionResult:
    """What the result section shows: frozen at close, or the standing count while open."""

    final: bool
    outcome: str
    yes: int
    no: int
    abstain: int
    not_voted: int
    members: int
    required: int
    base: int
    reasons: list[str]

    @property
    def voted(self) -> int:
        return self.yes + self.no + self.abstain

    @property
    def turnout_percent(self) -> int:
        return round(Fraction(self.voted * 100, self.members)) if self.members else 0


def motion_result(motion: Motion, votes: list[Vote]) -> MotionResult:
    if motion.status == Motion.Status.CLOSED and motion.result:
        r = motion.result
        return MotionResult(
            final=True,
            outcome=r["outcome"],
            yes=r["yes"],
            no=r["no"],
            abstain=r["abstain"],
            not_voted=r["not_voted"],
            members=r["members"],
            required=r["required"],
            base=r["base"],
            reasons=list(r["reasons"]),
        )
    standing = motion_tally(motion, votes)
    return MotionResult(
        final=False,
        outcome=standing.outcome.value,
        yes=standing.yes,
        no=standing.no,
        abstain=standing.abstain,
        not_voted=standing.not_voted,
        members=standing.members,
        required=standing.required,
        base=standing.base,
        reasons=list(standing.reasons),
    )


def votable(actor: User, motion: Motion, votes: list[Vote]) -> list[Vote]:
    """The votes (rows) the actor may cast or change: those of the municipalities they speak for."""
    mine = set(voting_for(actor, motion.consortium))
    return [vote for vote in votes if vote.municipality_id in mine]


def motion_history(motion: Motion) -> list[HistoryRow]:
    """The motion's changes and every vote cast or changed on it (the empty votes created with
    the motion are left out)."""
    votes = Q(additional_data__motion=motion.pk) & ~Q(
        action=LogEntry.Action.CREATE, content_type__model="vote"
    )
    return history_for(motion, also=votes)


def steering_users(consortium: Consortium, municipality_ids: set[int]) -> list[User]:
    """The active holders of a steering role for these municipalities of the consortium."""
    assignments = RoleAssignment.objects.filter(
        role=Role.STEERING,
        consortium=consortium,
        municipality_id__in=municipality_ids,
        user__is_active=True,
    ).select_related("user")
    return list({a.user_id: a.user for a in assignments}.values())


def passed_motion_for(project: Project) -> Motion | None:
    """The latest closed motion on `project` that passed: what lets a joint project start its
    application (for the project lifecycle to ask)."""
    return (
        Motion.objects.filter(
            project=project, status=Motion.Status.CLOSED, outcome=Motion.Outcome.PASSED
        )
        .order_by("-closed_at", "-pk")
        .first()
    )


def motion_projects(consortia: QuerySet[Consortium]) -> QuerySet[Project]:
    """The projects a motion of these consortia may be about."""
    return Project.objects.filter(consortium__in=consortia).order_by("title")


def voting_open(motion: Motion, now: datetime | None = None) -> bool:
    """Whether the motion takes votes now: open, and inside its window."""
    now = now or timezone.now()
    return motion.status == Motion.Status.OPEN and motion.opens_at <= now < motion.closes_at
