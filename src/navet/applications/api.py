"""API for applications, with the same rules as the pages: list and read applications and
their sections, and save a section from the version it was based on (409 on a conflict)."""

from datetime import datetime
from typing import Annotated

from ninja import Field, Query, Router, Schema
from pydantic import Field as Bounds

from navet.applications import selectors, services
from navet.applications.models import Application, Section
from navet.core.api import NOT_FOUND, WRITE, Problem
from navet.core.http import AuthenticatedHttpRequest
from navet.projects.selectors import project_get

router = Router(tags=["ansokningar"])

Id = Annotated[int, Bounds(ge=1, le=2**63 - 1)]
Key = Annotated[str, Field(max_length=40, pattern=r"^[-a-z0-9_]+$")]
LongText = Annotated[str, Field(max_length=services.MAX_TEXT, pattern=r"^[^\x00]*$")]


class ConflictProblem(Problem):
    """A save based on an old version: both texts, so that nothing is lost."""

    current_version: int = Field(description="Versionen som nu är sparad")
    current_text: str = Field(description="Texten som nu är sparad")
    your_text: str = Field(description="Texten du försökte spara (inte sparad)")


class SectionSummary(Schema):
    key: str
    heading: str
    version: int = Field(description="Senaste versionens nummer, 0 om inte skrivet")
    words: int
    open_comments: int = Field(description="Olösta kommentarer")


class SectionOut(Schema):
    key: str
    heading: str
    guidance: str = Field(description="Vägledning ur mallen")
    word_limit: int | None = Field(description="Mallens ordgräns, tom om ingen är känd")
    text: str
    version: int = Field(description="Ange som based_on när du sparar")
    updated_at: datetime

    @staticmethod
    def of(section: Section) -> "SectionOut":
        return SectionOut(
            key=section.key,
            heading=section.heading,
            guidance=section.guidance,
            word_limit=section.word_limit,
            text=section.text,
            version=section.version,
            updated_at=section.updated_at,
        )


class ChecklistItemOut(Schema):
    key: str
    label: str
    ok: bool
    detail: str


class ApplicationOut(Schema):
    id: int
    project: int
    call: int
    template: str = Field(description="Mallens namn")
    review_status: str = Field(
        description="draft, review_requested, changes_requested eller approved"
    )
    score: int = Field(description="Fullständighet i procent")
    checklist: list[ChecklistItemOut]
    sections: list[SectionSummary]


class ApplicationListItem(Schema):
    id: int
    project: int
    project_title: str
    call: int
    template: str
    review_status: str


class ApplicationQuery(Schema):
    project: Id | None = Field(None, description="Bara detta projekts ansökningar")


class SectionIn(Schema):
    text: LongText
    based_on: Annotated[int, Bounds(ge=0, le=2**31 - 1)] = Field(
        description="Versionen texten bygger på (sektionens version när du läste den)"
    )


def _application_out(application: Application) -> ApplicationOut:
    sections = selectors.sections_of(application)
    checklist = selectors.checklist(application, sections)
    return ApplicationOut(
        id=application.pk,
        project=application.project_id,
        call=application.call_id,
        template=application.template_name,
        review_status=application.review_status,
        score=checklist.score,
        checklist=[ChecklistItemOut(**vars(item)) for item in checklist.items],
        sections=[
            SectionSummary(
                key=s.key,
                heading=s.heading,
                version=s.version,
                words=len(s.text.split()),
                open_comments=s.open_comments,  # type: ignore[attr-defined]
            )
            for s in sections
        ],
    )


@router.get(
    "/applications",
    response={200: list[ApplicationListItem], **NOT_FOUND},
    operation_id="application_list",
    summary="Ansökningarna i de projekt du får läsa",
)
def application_list(
    request: AuthenticatedHttpRequest, query: Query[ApplicationQuery]
) -> list[ApplicationListItem]:
    if query.project is not None:
        applications = selectors.project_applications(
            request.user, project_get(request.user, query.project)
        )
    else:
        applications = list(selectors.application_list(request.user)[:500])
    return [
        ApplicationListItem(
            id=a.pk,
            project=a.project_id,
            project_title=a.project.title,
            call=a.call_id,
            template=a.template_name,
            review_status=a.review_status,
        )
        for a in applications
    ]


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationOut, **NOT_FOUND},
    operation_id="application_get",
    summary="En ansökan med avsnitt och checklista",
)
def application_get(request: AuthenticatedHttpRequest, application_id: Id) -> ApplicationOut:
    return _application_out(selectors.application_get(request.user, application_id))


@router.get(
    "/applications/{application_id}/sections/{key}",
    response={200: SectionOut, **NOT_FOUND},
    operation_id="application_section_get",
    summary="Ett avsnitt med text och version",
)
def section_get(request: AuthenticatedHttpRequest, application_id: Id, key: Key) -> SectionOut:
    return SectionOut.of(selectors.section_get(request.user, application_id, key))


@router.put(
    "/applications/{application_id}/sections/{key}",
    response={200: SectionOut, 409: ConflictProblem, **WRITE},
    operation_id="application_section_save",
    summary="Spara ett avsnitt; 409 om någon har sparat efter versionen du utgick från",
)
def section_save(
    request: AuthenticatedHttpRequest, application_id: Id, key: Key, payload: SectionIn
) -> SectionOut:
    section = selectors.section_get(request.user, application_id, key)
    services.section_save(
        actor=request.user, section=section, text=payload.text, based_on=payload.based_on
    )
    return SectionOut.of(selectors.section_get(request.user, application_id, key))
