"""API for the steering group's motions, with the same rules as the pages: the list, one motion
with its votes and result, a new motion, casting a vote, closing, and deciding at a steering
group meeting; the meetings with their agenda and attendance, and each member's participation."""

from datetime import datetime
from typing import Annotated, Literal

from django.utils.translation import gettext, gettext_noop
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import AwareDatetime
from pydantic import Field as Bounds

from navet.core.api import INVALID, NOT_FOUND, WRITE, Page, PageQuery, Problem, Text, paged
from navet.core.errors import NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.decisions import selectors, services
from navet.decisions.api import agreement, steering
from navet.decisions.models import Motion
from navet.needs.api import Code
from navet.needs.selectors import municipality_by_code
from navet.organisations.selectors import consortium_for
from navet.projects.models import Project

router = Router(tags=[gettext_noop("decisions")])

Id = Annotated[int, Bounds(ge=1, le=2**63 - 1)]
ChoiceValue = Literal["yes", "no", "abstain"]


class VoteOut(Schema):
    municipality: str = Field(description=gettext_noop("Municipality code (SCB)"))
    municipality_name: str
    choice: str = Field(
        description=gettext_noop("yes, no, abstain – empty if the municipality has not voted")
    )
    cast_by: str = Field(description=gettext_noop("Who voted"))
    cast_as: str = Field(
        description=gettext_noop(
            "representative, deputy (ersättare) or meeting (recorded at a steering group meeting)"
        )
    )
    cast_at: datetime | None


class ResultOut(Schema):
    final: bool = Field(
        description=gettext_noop("True when the voting is closed and the result frozen")
    )
    outcome: str = Field(description=gettext_noop("passed, failed, no_quorum or tie"))
    yes: int
    no: int
    abstain: int
    not_voted: int
    members: int
    turnout_percent: int
    reasons: list[str]


class MotionOut(Schema):
    id: int
    number: str = Field(description=gettext_noop("Registration number"))
    consortium: str = Field(description=gettext_noop("The consortium's short name"))
    title: str
    proposal: str
    background: str
    project: int | None
    opens_at: datetime
    closes_at: datetime
    quorum_percent: int
    majority: str
    base: str
    abstentions_count: bool
    tie: str
    status: str
    result: ResultOut
    votes: list[VoteOut]

    @staticmethod
    def of(motion: Motion) -> "MotionOut":
        votes = selectors.votes_of(motion)
        result = selectors.motion_result(motion, votes)
        return MotionOut(
            id=motion.pk,
            number=motion.number,
            consortium=motion.consortium.slug,
            title=motion.title,
            proposal=motion.proposal,
            background=motion.background,
            project=motion.project_id,
            opens_at=motion.opens_at,
            closes_at=motion.closes_at,
            quorum_percent=motion.quorum_percent,
            majority=motion.majority,
            base=motion.base,
            abstentions_count=motion.abstentions_count,
            tie=motion.tie,
            status=motion.status,
            result=ResultOut(
                final=result.final,
                outcome=result.outcome,
                yes=result.yes,
                no=result.no,
                abstain=result.abstain,
                not_voted=result.not_voted,
                members=result.members,
                turnout_percent=result.turnout_percent,
                reasons=[str(reason) for reason in result.reasons],
            ),
            votes=[
                VoteOut(
                    municipality=vote.municipality.code,
                    municipality_name=vote.municipality.name,
                    choice=vote.choice,
                    cast_by=(vote.cast_by.get_full_name() or vote.cast_by.username)
                    if vote.cast_by
                    else "",
                    cast_as=vote.cast_as,
                    cast_at=vote.cast_at,
                )
                for vote in votes
            ],
        )


class MotionSummaryOut(Schema):
    id: int
    number: str
    consortium: str
    title: str
    closes_at: datetime
    status: str
    outcome: str
    voted: int
    entitled: int


class MotionQuery(Schema):
    consortium: Text = Field("", description=gettext_noop("The consortium's short name"))


class MotionIn(Schema):
    consortium: str = Field(max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")
    title: str = Field(min_length=1, max_length=300, pattern=r"^[^\x00]*$")
    proposal: str = Field(min_length=1, max_length=20000, pattern=r"^[^\x00]*$")
    background: str = Field("", max_length=20000, pattern=r"^[^\x00]*$")
    project: Id | None = None
    opens_at: AwareDatetime | None = Field(None, description=gettext_noop("Empty: now"))
    closes_at: AwareDatetime
    quorum_percent: int = Field(50, ge=0, le=100)
    majority: Literal["simple", "two_thirds", "three_quarters"] = "simple"
    base: Literal["cast", "members"] = "cast"
    abstentions_count: bool = False
    tie: Literal["fails", "no_decision"] = "fails"


class VoteIn(Schema):
    municipality: Code
    choice: ChoiceValue


@router.get(
    "/motions",
    response={200: Page[MotionSummaryOut], **INVALID},
    operation_id="motion_list",
    summary=gettext_noop("Motions you may see, newest first"),
)
def motion_list(
    request: AuthenticatedHttpRequest, query: Query[MotionQuery], page: Query[PageQuery]
) -> Page[MotionSummaryOut]:
    return paged(
        request,
        selectors.motion_list(request.user, query.consortium),
        page,
        lambda m: MotionSummaryOut(
            id=m.pk,
            number=m.number,
            consortium=m.consortium.slug,
            title=m.title,
            closes_at=m.closes_at,
            status=m.status,
            outcome=m.outcome,
            voted=m.voted,
            entitled=m.entitled,
        ),
    )


@router.get(
    "/motions/{motion_id}",
    response={200: MotionOut, **NOT_FOUND},
    operation_id="motion_get",
    summary=gettext_noop("A motion with each municipality's vote and the result"),
)
def motion_get(request: AuthenticatedHttpRequest, motion_id: Id) -> MotionOut:
    return MotionOut.of(selectors.motion_get(request.user, motion_id))


@router.post(
    "/motions",
    response={201: MotionOut, **WRITE},
    operation_id="motion_create",
    summary=gettext_noop("Put a motion to the steering group (the consortium's coordinators)"),
)
def motion_create(request: AuthenticatedHttpRequest, payload: MotionIn) -> Status[MotionOut]:
    consortium = consortium_for(request.user, payload.consortium)
    project = None
    if payload.project is not None:
        project = Project.objects.filter(pk=payload.project, consortium=consortium).first()
        if project is None:
            raise NotFound(
                gettext("No project with id %(id)s in the consortium.") % {"id": payload.project}
            )
    motion = services.motion_create(
        actor=request.user,
        consortium=consortium,
        title=payload.title,
        proposal=payload.proposal,
        background=payload.background,
        project=project,
        opens_at=payload.opens_at,
        closes_at=payload.closes_at,
        quorum_percent=payload.quorum_percent,
        majority=payload.majority,
        base=payload.base,
        abstentions_count=payload.abstentions_count,
        tie=payload.tie,
    )
    return Status(201, MotionOut.of(selectors.motion_get(request.user, motion.pk)))


@router.post(
    "/motions/{motion_id}/votes",
    response={200: MotionOut, 409: Problem, **WRITE},
    operation_id="motion_vote",
    summary=gettext_noop(
        "Vote for your municipality; the vote can be changed until voting closes (409 after)"
    ),
)
def motion_vote(request: AuthenticatedHttpRequest, motion_id: Id, payload: VoteIn) -> MotionOut:
    motion = selectors.motion_get(request.user, motion_id)
    services.vote_cast(
        actor=request.user,
        motion=motion,
        municipality=municipality_by_code(payload.municipality),
        choice=payload.choice,
    )
    return MotionOut.of(selectors.motion_get(request.user, motion_id))


@router.post(
    "/motions/{motion_id}/close",
    response={200: MotionOut, **WRITE},
    operation_id="motion_close",
    summary=gettext_noop("Close the voting and freeze the result (the consortium's coordinators)"),
)
def motion_close(request: AuthenticatedHttpRequest, motion_id: Id) -> MotionOut:
    motion = selectors.motion_get(request.user, motion_id)
    services.motion_close(actor=request.user, motion=motion)
    return MotionOut.of(selectors.motion_get(request.user, motion_id))


class MeetingDecisionIn(Schema):
    votes: dict[Code, ChoiceValue] = Field(
        max_length=500,
        description=gettext_noop(
            "The vote of each member present, by municipality code, as the minutes say; a member "
            "present that did not vote is left out"
        ),
    )


@router.post(
    "/meetings/{meeting_id}/motions/{motion_id}/decision",
    response={200: MotionOut, **WRITE},
    operation_id="motion_decide_at_meeting",
    summary=gettext_noop(
        "Decide a motion at a held steering group meeting by the votes of the members present "
        "(the consortium's coordinators)"
    ),
)
def motion_decide_at_meeting(
    request: AuthenticatedHttpRequest, meeting_id: Id, motion_id: Id, payload: MeetingDecisionIn
) -> MotionOut:
    meeting = selectors.meeting_get(request.user, meeting_id)
    motion = selectors.motion_get(request.user, motion_id)
    choices = {municipality_by_code(code).pk: vote for code, vote in payload.votes.items()}
    services.motion_decide_at_meeting(
        actor=request.user, motion=motion, meeting=meeting, choices=choices
    )
    return MotionOut.of(selectors.motion_get(request.user, motion_id))


class AttendanceOut(Schema):
    municipality: str = Field(description=gettext_noop("Municipality code (SCB)"))
    municipality_name: str
    status: str = Field(
        description=gettext_noop(
            "present, absent, excused – empty if the attendance is not recorded"
        )
    )
    attended_by: str = Field(description=gettext_noop("Who attended"))


class AgendaItemOut(Schema):
    position: int
    title: str
    motion: int | None = Field(description=gettext_noop("The motion the item treats"))


class MeetingSummaryOut(Schema):
    id: int
    consortium: str
    kind: str = Field(description=gettext_noop("steering, network, workshop or conference"))
    title: str
    starts_at: datetime
    ends_at: datetime
    status: str = Field(description=gettext_noop("planned or held"))


class MeetingOut(MeetingSummaryOut):
    place: str
    link: str
    minutes: str = Field(description=gettext_noop("Minutes"))
    agenda: list[AgendaItemOut]
    attendance: list[AttendanceOut]
    motions: list[int] = Field(description=gettext_noop("Motions decided at the meeting"))
    needs: list[int] = Field(description=gettext_noop("Needs raised at the meeting"))


class MeetingQuery(Schema):
    consortium: Text = Field("", description=gettext_noop("The consortium's short name"))


class ParticipationOut(Schema):
    municipality: str = Field(description=gettext_noop("Municipality code (SCB)"))
    municipality_name: str
    meetings: int = Field(description=gettext_noop("Held meetings the municipality was invited to"))
    present: int
    absent: int
    excused: int
    attendance_percent: int | None
    low_attendance: bool
    motions: int
    votes_cast: int


@router.get(
    "/meetings",
    response={200: Page[MeetingSummaryOut], **INVALID},
    operation_id="meeting_list",
    summary=gettext_noop("Meetings you may see, newest first"),
)
def meeting_list(
    request: AuthenticatedHttpRequest, query: Query[MeetingQuery], page: Query[PageQuery]
) -> Page[MeetingSummaryOut]:
    return paged(
        request,
        selectors.meeting_list(request.user, query.consortium),
        page,
        lambda m: MeetingSummaryOut(
            id=m.pk,
            consortium=m.consortium.slug,
            kind=m.kind,
            title=m.title,
            starts_at=m.starts_at,
            ends_at=m.ends_at,
            status=m.status,
        ),
    )


@router.get(
    "/meetings/{meeting_id}",
    response={200: MeetingOut, **NOT_FOUND},
    operation_id="meeting_get",
    summary=gettext_noop(
        "A meeting with its agenda, each municipality's attendance and the minutes"
    ),
)
def meeting_get(request: AuthenticatedHttpRequest, meeting_id: Id) -> MeetingOut:
    meeting = selectors.meeting_get(request.user, meeting_id)
    return MeetingOut(
        id=meeting.pk,
        consortium=meeting.consortium.slug,
        kind=meeting.kind,
        title=meeting.title,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        status=meeting.status,
        place=meeting.place,
        link=meeting.link,
        minutes=meeting.minutes,
        agenda=[
            AgendaItemOut(position=i.position, title=i.title, motion=i.motion_id)
            for i in selectors.agenda_of(meeting)
        ],
        attendance=[
            AttendanceOut(
                municipality=a.municipality.code,
                municipality_name=a.municipality.name,
                status=a.status,
                attended_by=a.attended_by,
            )
            for a in selectors.attendance_of(meeting)
        ],
        motions=[m.pk for m in selectors.meeting_motions(meeting)],
        needs=[n.pk for n in selectors.meeting_needs(request.user, meeting)],
    )


@router.get(
    "/consortia/{slug}/participation",
    response={200: list[ParticipationOut], **NOT_FOUND},
    operation_id="participation_get",
    summary=gettext_noop(
        "Attendance and participation per member municipality over the last twelve months"
    ),
)
def participation_get(
    request: AuthenticatedHttpRequest,
    slug: Annotated[str, Bounds(max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")],
) -> list[ParticipationOut]:
    _since, rows = selectors.participation_of(consortium_for(request.user, slug))
    return [
        ParticipationOut(
            municipality=row.municipality.code,
            municipality_name=row.municipality.name,
            meetings=row.figures.meetings,
            present=row.figures.present,
            absent=row.figures.absent,
            excused=row.figures.excused,
            attendance_percent=row.figures.rate_percent,
            low_attendance=row.figures.low,
            motions=row.figures.motions,
            votes_cast=row.figures.votes_cast,
        )
        for row in rows
    ]


# The agreement with the municipalities' own decisions, and the steering group's seats, have
# their own modules.
router.add_router("", agreement.router)
router.add_router("", steering.router)
