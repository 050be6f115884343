"""Reads of motions and meetings, always through `motions_for(actor)` and `meetings_for(actor)`:
the lists, one motion with its votes and result, what the actor may vote, the passed motion a
project's lifecycle may ask for, one meeting with its agenda and attendance, and the
participation of each member over the last twelve months."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from fractions import Fraction
from typing import Any

from auditlog.models import LogEntry
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.core.audit import HistoryRow, history_for
from navet.core.errors import NotFound
from navet.core.models import User
from navet.core.ordering import swedish
from navet.core.search import swedish_search
from navet.core.text import Message, format_sek, swedish_sort_key
from navet.decisions import participation, tally
from navet.decisions.models import AgendaItem, Attendance, Meeting, Motion, Vote
from navet.decisions.permissions import meetings_for, motions_for, voting_for
from navet.needs.models import Need
from navet.needs.permissions import needs_for
from navet.organisations.models import Consortium, Municipality, Role, RoleAssignment
from navet.organisations.selectors import members_without_steering
from navet.projects.models import Project

LIST_LIMIT = 500


def motion_list(actor: User, consortium: str = "") -> QuerySet[Motion]:
    """The motions the actor may see, newest first, with their vote counts."""
    motions = motions_for(actor).select_related("consortium", "project")
    if consortium:
        motions = motions.filter(consortium__slug=consortium)
    return motions.annotate(
        voted=Count("votes", filter=~Q(votes__choice="")), entitled=Count("votes")
    ).order_by("-opens_at", "-pk")


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
    reasons: list[str | Message]  # texts frozen at close, Messages while open
    meeting: dict[str, Any] | None = None  # the meeting that decided it: id, title, day

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
            meeting=r.get("meeting"),
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


@dataclass(frozen=True)
class Seating:
    """Who can vote in a consortium before a vote is called, and whether the quorum can be met."""

    consortium: Consortium
    members: int
    without: list[Municipality]  # members without a representative, in Swedish order
    quorum_needed: int  # votes the usual quorum (half the members) needs

    @property
    def seated(self) -> int:
        return self.members - len(self.without)

    @property
    def quorum_reachable(self) -> bool:
        return self.seated >= self.quorum_needed


def seating(consortium: Consortium) -> Seating:
    members = consortium.members.count()
    return Seating(
        consortium=consortium,
        members=members,
        without=members_without_steering({consortium.pk}).get(consortium.pk, []),
        quorum_needed=tally.quorum_needed(members, Fraction(1, 2)) if members else 0,
    )


def motion_draft(project: Project, url: str) -> dict[str, str]:
    """A motion about `project`, written from what the project holds, for the coordinator to
    finish: who applies, with whom, for how much and where; `url` is the project's address."""
    names = ", ".join(sorted((m.name for m in project.participants.all()), key=swedish_sort_key))
    facts = [_("Participating municipalities: %(names)s.") % {"names": names}]
    if project.requested_sek:
        facts.append(
            _("Amount applied for: %(amount)s.") % {"amount": format_sek(project.requested_sek)}
        )
    if project.call is not None:
        facts.append(
            _("Call: %(title)s, closes %(day)s.")
            % {
                "title": project.call.title,
                "day": timezone.localdate(project.call.closes).isoformat(),
            }
        )
    facts.append(_("The project in Navet: %(url)s") % {"url": url})
    return {
        "title": _("Apply for funding: %(title)s") % {"title": project.title},
        "proposal": _(
            "That %(owner)s applies for funding for the project %(title)s as project owner, "
            "together with the participating municipalities."
        )
        % {"owner": project.owner.name, "title": project.title},
        "background": "\n".join(facts),
    }


def coming_meetings(consortium_ids: list[int], now: datetime) -> QuerySet[Meeting]:
    """The planned meetings of these consortia that have not started, the soonest first."""
    return Meeting.objects.filter(
        consortium_id__in=consortium_ids, status=Meeting.Status.PLANNED, starts_at__gt=now
    ).order_by("starts_at", "pk")


def closable(motion: Motion, votes: list[Vote], now: datetime | None = None) -> bool:
    """Whether a coordinator can close the voting now: once its window has passed, or earlier
    when every member has voted (what `motion_close` allows)."""
    if motion.status != Motion.Status.OPEN:
        return False
    return (now or timezone.now()) >= motion.closes_at or all(vote.choice for vote in votes)


def voting_open(motion: Motion, now: datetime | None = None) -> bool:
    """Whether the motion takes votes now: open, and inside its window."""
    now = now or timezone.now()
    return motion.status == Motion.Status.OPEN and motion.opens_at <= now < motion.closes_at


# --- meetings --------------------------------------------------------------------------------

PARTICIPATION_PERIOD = timedelta(days=365)  # the participation view looks back a year


def meeting_list(actor: User, consortium: str = "", text: str = "") -> QuerySet[Meeting]:
    """The meetings the actor may see, newest first (the best found first, when `text` is
    searched for in their titles, places and minutes), with their attendance counts."""
    meetings = meetings_for(actor).select_related("consortium")
    if consortium:
        meetings = meetings.filter(consortium__slug=consortium)
    if text:
        meetings = swedish_search(meetings, text)
    return meetings.annotate(
        present=Count("attendance", filter=Q(attendance__status=Attendance.Status.PRESENT)),
        invited=Count("attendance"),
    ).order_by(*(["-search_rank"] if text else []), "-starts_at", "-pk")


def meeting_consortia(actor: User) -> QuerySet[Consortium]:
    """The consortia whose meetings the actor may see, by name."""
    return Consortium.objects.filter(pk__in=meetings_for(actor).values("consortium_id")).order_by(
        swedish("name")
    )


def meeting_get(actor: User, pk: int) -> Meeting:
    meeting = meetings_for(actor).select_related("consortium", "created_by").filter(pk=pk).first()
    if meeting is None:
        raise NotFound(_("No such meeting, or none you may see."))
    return meeting


def attendance_of(meeting: Meeting) -> list[Attendance]:
    """Every invited member's attendance, in Swedish order of names (one query)."""
    rows = list(meeting.attendance.select_related("municipality"))
    return sorted(rows, key=lambda a: swedish_sort_key(a.municipality.name))


def agenda_of(meeting: Meeting) -> list[AgendaItem]:
    return list(meeting.agenda.select_related("motion"))


def meeting_motions(meeting: Meeting) -> list[Motion]:
    """The motions decided at the meeting."""
    return list(meeting.motions.order_by("number"))


def meeting_needs(actor: User, meeting: Meeting) -> list[Need]:
    """The needs raised at the meeting that the actor may see (a draft stays its owner's)."""
    return list(
        needs_for(actor).filter(pk__in=meeting.needs.values("pk")).select_related("municipality")
    )


def meetings_of_need(actor: User, need: Need) -> list[Meeting]:
    """The meetings, visible to the actor, where the need was raised."""
    return list(meetings_for(actor).filter(needs=need).select_related("consortium"))


def meeting_choices(meeting_consortium: Consortium) -> dict[str, QuerySet[Any]]:
    """What the meeting form offers to link: the consortium's motions and its members' needs."""
    members = meeting_consortium.memberships.values("municipality_id")
    return {
        "motions": Motion.objects.filter(consortium=meeting_consortium).order_by("-opens_at")[
            :LIST_LIMIT
        ],
        "needs": Need.objects.filter(municipality_id__in=members)
        .exclude(status=Need.Status.DRAFT)
        .order_by("title")[:LIST_LIMIT],
    }


@dataclass(frozen=True)
class ParticipationRow:
    municipality: Municipality
    figures: participation.Participation


def participation_of(
    consortium: Consortium, now: datetime | None = None
) -> tuple[datetime, list[ParticipationRow]]:
    """Each member's attendance at the meetings held and votes on the motions put in the last
    twelve months, in Swedish order of names (three queries). Returns the start of the period."""
    now = now or timezone.now()
    since = now - PARTICIPATION_PERIOD
    members = sorted(
        Municipality.objects.filter(memberships__consortium=consortium),
        key=lambda m: swedish_sort_key(m.name),
    )
    attendance = Attendance.objects.filter(
        meeting__consortium=consortium,
        meeting__status=Meeting.Status.HELD,
        meeting__starts_at__gte=since,
        meeting__starts_at__lte=now,
    ).values_list("municipality_id", "status")
    votes = Vote.objects.filter(
        motion__consortium=consortium, motion__opens_at__gte=since, motion__opens_at__lte=now
    ).values_list("municipality_id", "choice")
    figures = participation.participation(
        [str(m.pk) for m in members],
        [participation.AttendanceRow(str(m), s) for m, s in attendance],
        [participation.VoteRow(str(m), bool(c)) for m, c in votes],
    )
    return since, [ParticipationRow(m, f) for m, f in zip(members, figures, strict=True)]


def invitees(meeting: Meeting) -> list[User]:
    """Who a meeting's invitation goes to: the steering representatives and deputies of the
    members, and for a network meeting, workshop or conference also the members' municipal
    contacts (one query). Only active users with an e-mail address."""
    members = meeting.consortium.memberships.values("municipality_id")
    roles = Q(role=Role.STEERING, consortium=meeting.consortium)
    if meeting.kind != Meeting.Kind.STEERING:
        roles |= Q(role=Role.CONTACT)
    assignments = RoleAssignment.objects.filter(
        roles, municipality_id__in=members, user__is_active=True
    ).select_related("user")
    users = {a.user_id: a.user for a in assignments if a.user.email}
    return sorted(users.values(), key=lambda u: swedish_sort_key(u.get_full_name() or u.username))


def not_invited(meeting: Meeting) -> list[str]:
    """Who the invitation cannot reach, in words: members without a representative, and people
    of the meeting's roles without an e-mail address."""
    members = list(meeting.consortium.members.all())
    roles = Q(role=Role.STEERING, consortium=meeting.consortium)
    if meeting.kind != Meeting.Kind.STEERING:
        roles |= Q(role=Role.CONTACT)
    assignments = list(
        RoleAssignment.objects.filter(
            roles, municipality__in=members, user__is_active=True
        ).select_related("user")
    )
    seated = {a.municipality_id for a in assignments if a.role == Role.STEERING}
    missing = [
        _("%(name)s (no representative)") % {"name": m.name}
        for m in sorted(members, key=lambda m: swedish_sort_key(m.name))
        if m.pk not in seated
    ]
    without_email = {a.user for a in assignments if not a.user.email}
    missing += [
        _("%(name)s (no e-mail address)") % {"name": u.get_full_name() or u.username}
        for u in sorted(
            without_email, key=lambda u: swedish_sort_key(u.get_full_name() or u.username)
        )
    ]
    return missing


def decidable_at(meeting: Meeting) -> list[Motion]:
    """The open motions a steering group meeting may decide: those on its agenda or linked to
    it as decided there."""
    if meeting.kind != Meeting.Kind.STEERING:
        return []
    return list(
        Motion.objects.filter(
            Q(agenda_items__meeting=meeting) | Q(meeting=meeting), status=Motion.Status.OPEN
        )
        .distinct()
        .order_by("number")
    )


def deciding_meetings(motion: Motion) -> list[Meeting]:
    """The steering group meetings that may decide an open motion: it is on their agenda or
    linked to them, newest first."""
    if motion.status != Motion.Status.OPEN:
        return []
    return list(
        Meeting.objects.filter(
            Q(agenda__motion=motion) | Q(motions=motion),
            consortium_id=motion.consortium_id,
            kind=Meeting.Kind.STEERING,
        )
        .distinct()
        .order_by("-starts_at", "-pk")
    )


@dataclass(frozen=True)
class MeetingVoting:
    """What recording a motion's decision at a meeting starts from: each member present with its
    vote as it stands (cast in the window, or none), the members without a vote there, and the
    quorum of the motion's rule."""

    present: list[tuple[Attendance, Vote]]
    absent: list[Attendance]
    members: int
    needed: int


def meeting_voting(meeting: Meeting, motion: Motion) -> MeetingVoting:
    """The members present and absent, in Swedish order of names (two queries)."""
    votes = {v.municipality_id: v for v in motion.votes.select_related("cast_by")}
    present, absent = [], []
    for row in attendance_of(meeting):
        vote = votes.get(row.municipality_id)
        if row.status == Attendance.Status.PRESENT and vote is not None:
            present.append((row, vote))
        else:
            absent.append(row)
    return MeetingVoting(
        present=present,
        absent=absent,
        members=len(votes),
        needed=tally.quorum_needed(len(votes), motion.rule().quorum),
    )


def meeting_history(meeting: Meeting) -> list[HistoryRow]:
    """The meeting's changes, its agenda and each attendance recorded (the empty rows created
    with the meeting are left out)."""
    rows = Q(additional_data__meeting=meeting.pk) & ~Q(
        action=LogEntry.Action.CREATE, content_type__model="attendance"
    )
    return history_for(meeting, also=rows)
