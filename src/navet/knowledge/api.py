"""API for the knowledge bank, with the same rules as the pages: the list with search and
filters, one entry, and a new entry."""

from datetime import datetime
from typing import Annotated, Literal

from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import Field as Bounds

from navet.core.api import NOT_FOUND, WRITE, Page, PageQuery, Problem, Text, paged
from navet.core.http import AuthenticatedHttpRequest
from navet.knowledge import selectors, services
from navet.knowledge.models import Entry
from navet.needs.api import Code
from navet.needs.selectors import municipality_by_code
from navet.organisations.selectors import consortium_for

router = Router(tags=[gettext_noop("knowledge bank")])

KindValue = Literal[
    "method", "practice", "finished_project", "lesson", "template", "course_material"
]
Id = Annotated[int, Bounds(ge=1, le=2**63 - 1)]
Slug = Annotated[str, Bounds(max_length=100, pattern=r"^[-a-z0-9]+$")]


class AttachmentOut(Schema):
    id: int
    name: str
    url: str


class EntryOut(Schema):
    id: int
    kind: str
    title: str
    description: str = Field(description="Markdown")
    results: str = Field(description="Markdown")
    consortium: str = Field(description=gettext_noop("The consortium's short name"))
    owner: str = Field(description=gettext_noop("The owning municipality's code (SCB)"))
    owner_name: str
    themes: list[str]
    target_groups: list[str]
    contact_name: str
    contact_email: str
    links: list[str]
    project: int | None = Field(description=gettext_noop("The project the entry comes from"))
    updated_at: datetime

    @staticmethod
    def from_model(entry: Entry) -> "EntryOut":
        return EntryOut(
            id=entry.pk,
            kind=entry.kind,
            title=entry.title,
            description=entry.description,
            results=entry.results,
            consortium=entry.consortium.slug,
            owner=entry.owner.code,
            owner_name=entry.owner.name,
            themes=[t.slug for t in entry.themes.all()],
            target_groups=[g.slug for g in entry.target_groups.all()],
            contact_name=entry.contact_name,
            contact_email=entry.contact_email,
            links=entry.link_list(),
            project=entry.project_id,
            updated_at=entry.updated_at,
        )


class EntryDetailOut(EntryOut):
    attachments: list[AttachmentOut]
    reused_by: list[str] = Field(
        description=gettext_noop("Municipality codes (SCB) that have reused the entry")
    )


class EntryQuery(Schema):
    q: Text = Field(
        "", max_length=200, description=gettext_noop("Free text (Swedish full-text search)")
    )
    kind: KindValue | Literal[""] = ""
    theme: Text = Field("", max_length=100, description=gettext_noop("The theme's short name"))
    municipality: Text = Field(
        "", max_length=4, description=gettext_noop("The owning municipality's code (SCB)")
    )


class EntryIn(Schema):
    consortium: str = Field(max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")
    owner: Code
    kind: KindValue
    title: str = Field(min_length=1, max_length=300, pattern=r"\S")
    description: str = Field("", max_length=20000, pattern=r"^[^\x00]*$")
    results: str = Field("", max_length=20000, pattern=r"^[^\x00]*$")
    themes: list[Slug] = Field([], max_length=50)
    target_groups: list[Slug] = Field([], max_length=50)
    contact_name: str = Field("", max_length=200, pattern=r"^[^\x00]*$")
    contact_email: str = Field("", max_length=254, pattern=r"^([^@\s\x00]+@[^@\s\x00]+)?$")
    links: list[Annotated[str, Bounds(max_length=500, pattern=r"^https?://\S+$")]] = Field(
        [], max_length=50
    )


@router.get(
    "/knowledge",
    response={200: Page[EntryOut], 401: Problem, 422: Problem},
    operation_id="knowledge_list",
    summary=gettext_noop(
        "The knowledge bank's entries you may see, searched and filtered as on the page"
    ),
)
def knowledge_list(
    request: AuthenticatedHttpRequest, query: Query[EntryQuery], page: Query[PageQuery]
) -> Page[EntryOut]:
    criteria = selectors.EntryFilter(
        text=query.q.strip(), kind=query.kind, theme=query.theme, municipality=query.municipality
    )
    entries = selectors.entries_matching(request.user, criteria).prefetch_related("target_groups")
    return paged(request, entries, page, EntryOut.from_model)


def _detail(entry: Entry) -> EntryDetailOut:
    return EntryDetailOut(
        **EntryOut.from_model(entry).dict(),
        attachments=[
            AttachmentOut(id=a.pk, name=a.name, url=f"/kunskap/filer/{a.pk}/")
            for a in entry.attachments.all()
        ],
        reused_by=sorted({r.municipality.code for r in entry.reuses.all()}),
    )


@router.get(
    "/knowledge/{entry_id}",
    response={200: EntryDetailOut, **NOT_FOUND},
    operation_id="knowledge_get",
    summary=gettext_noop("An entry with its files and the municipalities that reused it"),
)
def knowledge_get(request: AuthenticatedHttpRequest, entry_id: Id) -> EntryDetailOut:
    return _detail(selectors.entry_get(request.user, entry_id))


@router.post(
    "/knowledge",
    response={201: EntryDetailOut, **WRITE},
    operation_id="knowledge_create",
    summary=gettext_noop(
        "Add an entry (the owner municipality's contacts and the consortium's coordinators)"
    ),
)
def knowledge_create(request: AuthenticatedHttpRequest, payload: EntryIn) -> Status[EntryDetailOut]:
    consortium = consortium_for(request.user, payload.consortium)
    entry = services.entry_create(
        actor=request.user,
        consortium=consortium,
        owner=municipality_by_code(payload.owner),
        kind=payload.kind,
        title=payload.title,
        description=payload.description,
        results=payload.results,
        themes=payload.themes,
        target_groups=payload.target_groups,
        contact_name=payload.contact_name,
        contact_email=payload.contact_email,
        links="\n".join(payload.links),
    )
    return Status(201, _detail(selectors.entry_get(request.user, entry.pk)))
