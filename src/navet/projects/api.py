"""API for projects, with the same rules as the pages: the list, one project, a new idea, and
moving a project along its lifecycle."""

from datetime import date
from typing import Annotated, Literal

from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import Field as Bounds

from navet.calls.api import Day
from navet.calls.models import Call
from navet.core.api import NOT_FOUND, WRITE, Problem, Text
from navet.core.errors import NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.needs.api import Amount, Code
from navet.needs.models import Need
from navet.needs.selectors import municipality_by_code
from navet.organisations.models import Consortium
from navet.projects import selectors, services
from navet.projects.models import Project

router = Router(tags=["projekt"])

StatusValue = Literal[
    "idea",
    "needs_analysis",
    "decision",
    "application",
    "submitted",
    "granted",
    "refused",
    "running",
    "finished",
    "final_report_approved",
    "repayment",
    "withdrawn",
]
ScopeValue = Literal["municipality", "group", "consortium"]
Id = Annotated[int, Bounds(ge=1, le=2**63 - 1)]


class ProjectOut(Schema):
    id: int
    title: str
    description: str
    consortium: str = Field(description="Samverkans kortnamn")
    scope: str
    status: str
    owner: str = Field(description="Projektägarens kommunkod (SCB)")
    owner_name: str
    participants: list[str] = Field(description="Deltagande kommuners koder (SCB)")
    needs: list[int] = Field(description="Behoven projektet svarar mot")
    call: int | None
    programme: str | None
    starts_on: date | None
    ends_on: date | None
    requested_sek: int | None
    granted_sek: int | None
    steering_decision_reference: str
    steering_decision_on: date | None

    @staticmethod
    def from_model(project: Project) -> "ProjectOut":
        call = project.call
        return ProjectOut(
            id=project.pk,
            title=project.title,
            description=project.description,
            consortium=project.consortium.slug,
            scope=project.scope,
            status=project.status,
            owner=project.owner.code,
            owner_name=project.owner.name,
            participants=sorted(m.code for m in project.participants.all()),
            needs=sorted(n.pk for n in project.needs.all()),
            call=call.pk if call else None,
            programme=call.programme.name if call and call.programme else None,
            starts_on=project.starts_on,
            ends_on=project.ends_on,
            requested_sek=project.requested_sek,
            granted_sek=project.granted_sek,
            steering_decision_reference=project.steering_decision_reference,
            steering_decision_on=project.steering_decision_on,
        )


class ProjectQuery(Schema):
    municipality: Text = Field("", description="Kommunkod (SCB): ägare eller deltagare")
    status: StatusValue | Literal[""] = ""


class ProjectIn(Schema):
    """A project idea: it answers at least one need; the call may wait."""

    consortium: str = Field(max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")
    title: str = Field(min_length=1, max_length=300)
    description: str = Field("", max_length=20000)
    owner: Code
    participants: list[Code] = Field([], description="Ägaren deltar alltid")
    needs: list[Id] = Field(min_length=1, max_length=100)
    call: Id | None = None
    scope: ScopeValue | None = Field(None, description="Tomt: följer av deltagarna")
    starts_on: Day | None = None
    ends_on: Day | None = None
    requested_sek: Amount | None = None


class TransitionIn(Schema):
    to: StatusValue


@router.get(
    "/projects",
    response={200: list[ProjectOut], 401: Problem, 422: Problem},
    operation_id="project_list",
    summary="Projekt du får se, filtrerade som på sidan",
)
def project_list(request: AuthenticatedHttpRequest, query: Query[ProjectQuery]) -> list[ProjectOut]:
    criteria = selectors.ProjectFilter(municipality=query.municipality, status=query.status)
    projects = selectors.projects_matching(request.user, criteria)[: selectors.LIST_LIMIT]
    return [ProjectOut.from_model(project) for project in projects]


@router.get(
    "/projects/{project_id}",
    response={200: ProjectOut, **NOT_FOUND},
    operation_id="project_get",
    summary="Ett projekt med dess behov, utlysning och deltagare",
)
def project_get(request: AuthenticatedHttpRequest, project_id: Id) -> ProjectOut:
    return ProjectOut.from_model(selectors.project_get(request.user, project_id))


@router.post(
    "/projects",
    response={201: ProjectOut, **WRITE},
    operation_id="project_create",
    summary="Skapa en projektidé (projektägarens kontakter och samverkans samordnare)",
)
def project_create(request: AuthenticatedHttpRequest, payload: ProjectIn) -> Status[ProjectOut]:
    consortium = Consortium.objects.filter(slug=payload.consortium).first()
    if consortium is None:
        raise NotFound(f"Ingen samverkan med kortnamnet {payload.consortium}.")
    needs = list(Need.objects.filter(pk__in=payload.needs))
    if len(needs) != len(set(payload.needs)):
        raise NotFound("Ett eller flera av behoven finns inte.")
    call = None
    if payload.call is not None:
        call = Call.objects.filter(pk=payload.call).first()
        if call is None:
            raise NotFound(f"Ingen utlysning med id {payload.call}.")
    project = services.project_create(
        actor=request.user,
        consortium=consortium,
        title=payload.title,
        description=payload.description,
        owner=municipality_by_code(payload.owner),
        participants=[municipality_by_code(code) for code in dict.fromkeys(payload.participants)],
        needs=needs,
        call=call,
        scope=payload.scope,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        requested_sek=payload.requested_sek,
    )
    return Status(201, ProjectOut.from_model(selectors.project_get(request.user, project.pk)))


@router.post(
    "/projects/{project_id}/transitions",
    response={200: ProjectOut, **WRITE},
    operation_id="project_move",
    summary="Flytta projektet till nästa status; 422 om livscykelns regler inte tillåter det",
)
def project_move(
    request: AuthenticatedHttpRequest, project_id: Id, payload: TransitionIn
) -> ProjectOut:
    project = selectors.project_get(request.user, project_id)
    services.project_move(actor=request.user, project=project, to=payload.to)
    return ProjectOut.from_model(selectors.project_get(request.user, project.pk))
