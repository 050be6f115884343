"""API for projects, with the same rules as the pages: the list with the portfolio's filters,
one project, a new idea, moving a project along its lifecycle, the needs analysis checklist and
the partners' confirmations (signed cooperation forms)."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.utils.translation import gettext, gettext_noop
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status
from pydantic import Field as Bounds

from navet.calls.api import Day
from navet.calls.models import Call
from navet.core.api import NOT_FOUND, WRITE, Page, PageQuery, Problem, Text, paged
from navet.core.errors import NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.needs.api import Amount, Code
from navet.needs.models import Need
from navet.needs.selectors import municipality_by_code
from navet.organisations.selectors import consortium_for
from navet.projects import selectors, services
from navet.projects.models import Project
from navet.projects.selectors import preparation

router = Router(tags=[gettext_noop("projects")])

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
PhaseValue = Literal["past", "present", "future"]
ItemValue = Literal[
    "study_visits",
    "environment_scan",
    "earlier_research",
    "risk_analysis",
    "interviews",
    "target_group_shaping",
]
Slug = Annotated[str, Bounds(max_length=100, pattern=r"^[-a-z0-9]*$")]
Id = Annotated[int, Bounds(ge=1, le=2**63 - 1)]


class ProjectOut(Schema):
    id: int
    title: str
    description: str
    consortium: str = Field(description=gettext_noop("The consortium's short name"))
    scope: str
    status: str
    owner: str = Field(description=gettext_noop("The project owner's municipality code (SCB)"))
    owner_name: str
    participants: list[str] = Field(
        description=gettext_noop("The participating municipalities' codes (SCB)")
    )
    needs: list[int] = Field(description=gettext_noop("The needs the project answers"))
    call: int | None
    programme: str | None
    starts_on: date | None
    ends_on: date | None
    requested_sek: int | None
    granted_sek: int | None
    repaid_sek: int | None = Field(description=gettext_noop("Amount repaid (kr)"))
    steering_decision_reference: str
    steering_decision_on: date | None
    confirmations_waiver_reason: str = Field(
        description=gettext_noop(
            "The coordinator's reason to submit without every partnership form"
        )
    )

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
            repaid_sek=project.repaid_sek,
            steering_decision_reference=project.steering_decision_reference,
            steering_decision_on=project.steering_decision_on,
            confirmations_waiver_reason=project.confirmations_waiver_reason,
        )


class ProjectQuery(Schema):
    """The portfolio's filters."""

    municipality: Text = Field(
        "", description=gettext_noop("Municipality code (SCB): owner or participant")
    )
    status: StatusValue | Literal[""] = ""
    theme: Slug = Field(
        "", description=gettext_noop("Theme (slug) of one of the needs or of the call")
    )
    funder: Slug = Field(
        "", description=gettext_noop("Funder (slug) of the call or of the project")
    )
    year: int | None = Field(
        None, ge=1900, le=2200, description=gettext_noop("The period overlaps the year")
    )
    phase: PhaseValue | Literal[""] = Field(
        "", description=gettext_noop("Finished, running or coming")
    )


class ProjectIn(Schema):
    """A project idea: it answers at least one need; the call may wait."""

    consortium: str = Field(max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")
    title: str = Field(min_length=1, max_length=300)
    description: str = Field("", max_length=20000)
    owner: Code
    participants: list[Code] = Field([], description=gettext_noop("The owner always takes part"))
    needs: list[Id] = Field(min_length=1, max_length=100)
    call: Id | None = None
    scope: ScopeValue | None = Field(
        None, description=gettext_noop("Empty: follows from the participants")
    )
    starts_on: Day | None = None
    ends_on: Day | None = None
    requested_sek: Amount | None = None


class TransitionIn(Schema):
    to: StatusValue


@router.get(
    "/projects",
    response={200: Page[ProjectOut], 401: Problem, 422: Problem},
    operation_id="project_list",
    summary=gettext_noop("Projects you may see, filtered as on the page"),
)
def project_list(
    request: AuthenticatedHttpRequest, query: Query[ProjectQuery], page: Query[PageQuery]
) -> Page[ProjectOut]:
    criteria = selectors.ProjectFilter(
        municipality=query.municipality,
        status=query.status,
        theme=query.theme,
        funder=query.funder,
        year=query.year,
        phase=query.phase,
    )
    projects = selectors.projects_matching(request.user, criteria)
    return paged(request, projects, page, ProjectOut.from_model)


@router.get(
    "/projects/{project_id}",
    response={200: ProjectOut, **NOT_FOUND},
    operation_id="project_get",
    summary=gettext_noop("A project with its needs, call and participants"),
)
def project_get(request: AuthenticatedHttpRequest, project_id: Id) -> ProjectOut:
    return ProjectOut.from_model(selectors.project_get(request.user, project_id))


@router.post(
    "/projects",
    response={201: ProjectOut, **WRITE},
    operation_id="project_create",
    summary=gettext_noop(
        "Create a project idea (the project owner's contacts and the consortium's coordinators)"
    ),
)
def project_create(request: AuthenticatedHttpRequest, payload: ProjectIn) -> Status[ProjectOut]:
    consortium = consortium_for(request.user, payload.consortium)
    needs = list(Need.objects.filter(pk__in=payload.needs))
    if len(needs) != len(set(payload.needs)):
        raise NotFound(gettext("One or more of the needs do not exist."))
    call = None
    if payload.call is not None:
        call = Call.objects.filter(pk=payload.call).first()
        if call is None:
            raise NotFound(gettext("No call with id %(id)s.") % {"id": payload.call})
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
    summary=gettext_noop(
        "Move the project to its next status; 422 if the lifecycle's rules do not allow it"
    ),
)
def project_move(
    request: AuthenticatedHttpRequest, project_id: Id, payload: TransitionIn
) -> ProjectOut:
    project = selectors.project_get(request.user, project_id)
    services.project_move(actor=request.user, project=project, to=payload.to)
    return ProjectOut.from_model(selectors.project_get(request.user, project.pk))


# --- the needs analysis checklist --------------------------------------------------------------


class NeedsAnalysisFileOut(Schema):
    id: int
    name: str
    uploaded_at: datetime


class NeedsAnalysisItemOut(Schema):
    item: str
    label: str
    done: bool
    notes: str
    files: list[NeedsAnalysisFileOut]


class NeedsAnalysisItemIn(Schema):
    done: bool
    notes: str = Field("", max_length=20000, pattern=r"^[^\x00]*$")


def _checklist(project: Project) -> list[NeedsAnalysisItemOut]:
    return [
        NeedsAnalysisItemOut(
            item=row.kind,
            label=row.label,
            done=row.done,
            notes=row.notes,
            files=[
                NeedsAnalysisFileOut(id=f.pk, name=f.name, uploaded_at=f.uploaded_at)
                for f in row.files
            ],
        )
        for row in preparation.needs_analysis(project)
    ]


@router.get(
    "/projects/{project_id}/needs-analysis",
    response={200: list[NeedsAnalysisItemOut], **NOT_FOUND},
    operation_id="project_needs_analysis",
    summary=gettext_noop(
        "The needs analysis checklist: six items, done or not, with notes and files"
    ),
)
def project_needs_analysis(
    request: AuthenticatedHttpRequest, project_id: Id
) -> list[NeedsAnalysisItemOut]:
    return _checklist(selectors.project_get(request.user, project_id))


@router.put(
    "/projects/{project_id}/needs-analysis/{item}",
    response={200: NeedsAnalysisItemOut, **WRITE},
    operation_id="needs_analysis_item_set",
    summary=gettext_noop("Mark an item of the needs analysis done or not, with notes"),
)
def needs_analysis_item_set(
    request: AuthenticatedHttpRequest, project_id: Id, item: ItemValue, payload: NeedsAnalysisItemIn
) -> NeedsAnalysisItemOut:
    project = selectors.project_get(request.user, project_id)
    services.needs_analysis_item_set(
        actor=request.user, project=project, kind=item, done=payload.done, notes=payload.notes
    )
    return next(row for row in _checklist(project) if row.item == item)


# --- the partners' confirmations ---------------------------------------------------------------

ConfirmationState = Literal["not_requested", "requested", "signed"]


class PartnerConfirmationOut(Schema):
    municipality: str = Field(description=gettext_noop("Municipality code (SCB)"))
    municipality_name: str
    state: ConfirmationState
    requested_at: datetime | None
    requested_by: str | None
    signed_by_name: str
    signed_by_title: str
    signed_on: date | None
    board_decision_reference: str
    file_name: str


class ConfirmationSignatureIn(Schema):
    signed_by_name: str = Field(min_length=1, max_length=200, pattern=r"^[^\x00]*$")
    signed_by_title: str = Field(min_length=1, max_length=200, pattern=r"^[^\x00]*$")
    signed_on: Day
    board_decision_reference: str = Field("", max_length=200, pattern=r"^[^\x00]*$")


class ConfirmationWaiverIn(Schema):
    reason: str = Field(
        max_length=5000, pattern=r"^[^\x00]*$", description=gettext_noop("Empty removes the reason")
    )


def _confirmation_out(row: preparation.ConfirmationRow) -> PartnerConfirmationOut:
    c = row.confirmation
    signed = row.signed
    requester = c.requested_by if c is not None else None
    return PartnerConfirmationOut(
        municipality=row.municipality.code,
        municipality_name=row.municipality.name,
        state="signed" if signed else "requested" if row.requested else "not_requested",
        requested_at=c.requested_at if c is not None else None,
        requested_by=(requester.get_full_name() or requester.username) if requester else None,
        signed_by_name=c.signed_by_name if c is not None and signed else "",
        signed_by_title=c.signed_by_title if c is not None and signed else "",
        signed_on=c.signed_on if c is not None else None,
        board_decision_reference=c.board_decision_reference if c is not None and signed else "",
        file_name=c.file_name if c is not None and signed else "",
    )


def _partner(project: Project, code: str) -> preparation.ConfirmationRow:
    for row in preparation.confirmations(project):
        if row.municipality.code == code:
            return row
    raise NotFound(gettext("The municipality does not take part in the project as a partner."))


@router.get(
    "/projects/{project_id}/confirmations",
    response={200: list[PartnerConfirmationOut], **NOT_FOUND},
    operation_id="project_confirmations",
    summary=gettext_noop("The partners' cooperation forms: requested, signed by whom and when"),
)
def project_confirmations(
    request: AuthenticatedHttpRequest, project_id: Id
) -> list[PartnerConfirmationOut]:
    project = selectors.project_get(request.user, project_id)
    return [_confirmation_out(row) for row in preparation.confirmations(project)]


@router.post(
    "/projects/{project_id}/confirmations/{code}/request",
    response={200: PartnerConfirmationOut, **WRITE},
    operation_id="confirmation_request",
    summary=gettext_noop("Ask a partner for its signed cooperation form (coordinators)"),
)
def confirmation_request(
    request: AuthenticatedHttpRequest, project_id: Id, code: Code
) -> PartnerConfirmationOut:
    project = selectors.project_get(request.user, project_id)
    row = _partner(project, code)
    services.confirmation_request(
        actor=request.user, project=project, municipality=row.municipality
    )
    return _confirmation_out(_partner(project, code))


@router.post(
    "/projects/{project_id}/confirmations/{code}/signature",
    response={200: PartnerConfirmationOut, **WRITE},
    operation_id="confirmation_record",
    summary=gettext_noop("Record a partner's signed form (PDF or scan)"),
)
def confirmation_record(
    request: AuthenticatedHttpRequest,
    project_id: Id,
    code: Code,
    payload: Form[ConfirmationSignatureIn],
    file: File[UploadedFile],
) -> PartnerConfirmationOut:
    project = selectors.project_get(request.user, project_id)
    row = _partner(project, code)
    services.confirmation_record(
        actor=request.user,
        project=project,
        municipality=row.municipality,
        signed_by_name=payload.signed_by_name,
        signed_by_title=payload.signed_by_title,
        signed_on=payload.signed_on,
        board_decision_reference=payload.board_decision_reference,
        upload=file,
    )
    return _confirmation_out(_partner(project, code))


@router.put(
    "/projects/{project_id}/confirmations/waiver",
    response={200: ProjectOut, **WRITE},
    operation_id="confirmations_waive",
    summary=gettext_noop(
        "The coordinator's reason to submit the application without every cooperation form"
    ),
)
def confirmations_waive(
    request: AuthenticatedHttpRequest, project_id: Id, payload: ConfirmationWaiverIn
) -> ProjectOut:
    project = selectors.project_get(request.user, project_id)
    services.confirmations_waive(actor=request.user, project=project, reason=payload.reason)
    return ProjectOut.from_model(selectors.project_get(request.user, project.pk))
