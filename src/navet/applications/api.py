"""API for applications, with the same rules as the pages: list and read applications and
their sections, and save a section from the version it was based on (409 on a conflict)."""

from datetime import datetime
from typing import Annotated

from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import Field as Bounds

from navet.applications import selectors, services
from navet.applications.models import Application, Comment, Section
from navet.core.api import NOT_FOUND, WRITE, Page, PageQuery, Problem, paged
from navet.core.http import AuthenticatedHttpRequest
from navet.projects.selectors import project_get

router = Router(tags=[gettext_noop("applications")])

Id = Annotated[int, Bounds(ge=1, le=2**63 - 1)]
Key = Annotated[str, Field(max_length=40, pattern=r"^[-a-z0-9_]+$")]
LongText = Annotated[str, Field(max_length=services.MAX_TEXT, pattern=r"^[^\x00]*$")]


class ConflictProblem(Problem):
    """A save based on an old version: both texts, so that nothing is lost."""

    current_version: int = Field(description=gettext_noop("The version now saved"))
    current_text: str = Field(description=gettext_noop("The text now saved"))
    your_text: str = Field(description=gettext_noop("The text you tried to save (not saved)"))


class SectionSummary(Schema):
    key: str
    heading: str
    version: int = Field(
        description=gettext_noop("The number of the latest version, 0 if not written")
    )
    words: int
    open_comments: int = Field(description=gettext_noop("Unresolved comments"))


class SectionOut(Schema):
    key: str
    heading: str
    guidance: str = Field(description=gettext_noop("Guidance from the template"))
    word_limit: int | None = Field(
        description=gettext_noop("The template's word limit, empty if none is known")
    )
    text: str
    version: int = Field(description=gettext_noop("Give it as based_on when you save"))
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
    template: str = Field(description=gettext_noop("The template's name"))
    review_status: str = Field(
        description=gettext_noop("draft, review_requested, changes_requested or approved")
    )
    score: int = Field(description=gettext_noop("Completeness in per cent"))
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
    project: Id | None = Field(None, description=gettext_noop("Only this project's applications"))


class SectionIn(Schema):
    text: LongText
    based_on: Annotated[int, Bounds(ge=0, le=2**31 - 1)] = Field(
        description=gettext_noop(
            "The version the text is based on (the section's version when you read it)"
        )
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
        checklist=[
            ChecklistItemOut(
                key=item.key,
                label=str(item.label),
                ok=item.ok,
                detail=" ".join(map(str, item.details)),
            )
            for item in checklist.items
        ],
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
    response={200: Page[ApplicationListItem], **NOT_FOUND},
    operation_id="application_list",
    summary=gettext_noop("The applications of the projects you may read"),
)
def application_list(
    request: AuthenticatedHttpRequest, query: Query[ApplicationQuery], page: Query[PageQuery]
) -> Page[ApplicationListItem]:
    applications = selectors.application_list(request.user)
    if query.project is not None:
        applications = applications.filter(project=project_get(request.user, query.project))
    return paged(
        request,
        applications,
        page,
        lambda a: ApplicationListItem(
            id=a.pk,
            project=a.project_id,
            project_title=a.project.title,
            call=a.call_id,
            template=a.template_name,
            review_status=a.review_status,
        ),
    )


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationOut, **NOT_FOUND},
    operation_id="application_get",
    summary=gettext_noop("An application with its sections and checklist"),
)
def application_get(request: AuthenticatedHttpRequest, application_id: Id) -> ApplicationOut:
    return _application_out(selectors.application_get(request.user, application_id))


@router.get(
    "/applications/{application_id}/sections/{key}",
    response={200: SectionOut, **NOT_FOUND},
    operation_id="application_section_get",
    summary=gettext_noop("A section with its text and version"),
)
def section_get(request: AuthenticatedHttpRequest, application_id: Id, key: Key) -> SectionOut:
    return SectionOut.of(selectors.section_get(request.user, application_id, key))


@router.put(
    "/applications/{application_id}/sections/{key}",
    response={200: SectionOut, 409: ConflictProblem, **WRITE},
    operation_id="application_section_save",
    summary=gettext_noop("Save a section; 409 if someone saved after the version you started from"),
)
def section_save(
    request: AuthenticatedHttpRequest, application_id: Id, key: Key, payload: SectionIn
) -> SectionOut:
    section = selectors.section_get(request.user, application_id, key)
    services.section_save(
        actor=request.user, section=section, text=payload.text, based_on=payload.based_on
    )
    return SectionOut.of(selectors.section_get(request.user, application_id, key))


# --- comments and review -----------------------------------------------------------------------


class CommentOut(Schema):
    id: int
    section: str = Field(description=gettext_noop("The section's key"))
    author: str = Field(description=gettext_noop("The author's user name"))
    text: str
    created_at: datetime
    resolved: bool
    resolved_at: datetime | None

    @staticmethod
    def of(comment: Comment) -> "CommentOut":
        return CommentOut(
            id=comment.pk,
            section=comment.section.key,
            author=comment.author.username if comment.author else "",
            text=comment.text,
            created_at=comment.created_at,
            resolved=comment.resolved_at is not None,
            resolved_at=comment.resolved_at,
        )


class CommentIn(Schema):
    text: Annotated[str, Field(min_length=1, max_length=5000, pattern=r"^[^\x00]*$")]


class ResolutionIn(Schema):
    resolved: bool = Field(
        description=gettext_noop("True: the comment is resolved; false: open it again")
    )


class ReviewIn(Schema):
    approve: bool = Field(description=gettext_noop("True: approved; false: changes are requested"))


@router.get(
    "/applications/{application_id}/sections/{key}/comments",
    response={200: Page[CommentOut], **NOT_FOUND},
    operation_id="section_comment_list",
    summary=gettext_noop("The comments on a section, oldest first"),
)
def section_comment_list(
    request: AuthenticatedHttpRequest, application_id: Id, key: Key, page: Query[PageQuery]
) -> Page[CommentOut]:
    section = selectors.section_get(request.user, application_id, key)
    return paged(request, selectors.section_comments(section), page, CommentOut.of)


@router.post(
    "/applications/{application_id}/sections/{key}/comments",
    response={201: CommentOut, **WRITE},
    operation_id="section_comment_add",
    summary=gettext_noop("Comment on a section (those who write the application)"),
)
def section_comment_add(
    request: AuthenticatedHttpRequest, application_id: Id, key: Key, payload: CommentIn
) -> Status[CommentOut]:
    section = selectors.section_get(request.user, application_id, key)
    comment = services.comment_add(actor=request.user, section=section, text=payload.text)
    return Status(201, CommentOut.of(comment))


@router.put(
    "/comments/{comment_id}/resolution",
    response={200: CommentOut, **WRITE},
    operation_id="comment_resolve",
    summary=gettext_noop("Mark a comment resolved, or open it again"),
)
def comment_resolve(
    request: AuthenticatedHttpRequest, comment_id: Id, payload: ResolutionIn
) -> CommentOut:
    comment = selectors.comment_get(request.user, comment_id)
    services.comment_resolve(actor=request.user, comment=comment, resolved=payload.resolved)
    return CommentOut.of(selectors.comment_get(request.user, comment_id))


@router.post(
    "/applications/{application_id}/review-request",
    response={200: ApplicationOut, **WRITE},
    operation_id="application_review_request",
    summary=gettext_noop("Ask the consortium's coordinators to review the application"),
)
def application_review_request(
    request: AuthenticatedHttpRequest, application_id: Id
) -> ApplicationOut:
    application = selectors.application_get(request.user, application_id)
    services.review_request(actor=request.user, application=application)
    return _application_out(selectors.application_get(request.user, application_id))


@router.post(
    "/applications/{application_id}/review",
    response={200: ApplicationOut, **WRITE},
    operation_id="application_review_decide",
    summary=gettext_noop("Approve the application or ask for changes (coordinators)"),
)
def application_review_decide(
    request: AuthenticatedHttpRequest, application_id: Id, payload: ReviewIn
) -> ApplicationOut:
    application = selectors.application_get(request.user, application_id)
    services.review_decide(actor=request.user, application=application, approve=payload.approve)
    return _application_out(selectors.application_get(request.user, application_id))
