"""API for the risk register and the SWOT board, with the same rules as the pages: list, read,
register and change risks; read a consortium's SWOT board."""

from datetime import date
from typing import Annotated, Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import Field as Bounds

from navet.core.api import NOT_FOUND, WRITE, Page, PageQuery, Text, paged
from navet.core.errors import DomainError, NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.core.models import User
from navet.organisations.models import Consortium
from navet.organisations.selectors import consortium_chosen, consortium_for
from navet.projects.selectors import project_get
from navet.risks import selectors, services
from navet.risks.models import Risk

router = Router(tags=[gettext_noop("risks")])

Id = Annotated[int, Bounds(ge=1, le=2**63 - 1)]
LikelihoodValue = Literal["low", "medium", "high"]
ConsequenceValue = Literal["serious", "more_serious", "very_serious"]
StatusValue = Literal["open", "mitigated", "closed"]
Slug = Annotated[str, Field(max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")]
Username = Annotated[str, Field(min_length=1, max_length=150, pattern=r"^[\w.@+-]+$")]
Line = Annotated[str, Field(max_length=300, pattern=r"^[^\x00]*$")]
Long = Annotated[str, Field(max_length=20000, pattern=r"^[^\x00]*$")]


class RiskOut(Schema):
    id: int
    consortium: str = Field(
        description=gettext_noop("The consortium's short name (the register the risk belongs to)")
    )
    project: int | None = Field(
        description=gettext_noop("The project's id, empty for the consortium's own risks")
    )
    title: str
    description: str
    likelihood: str = Field(description=gettext_noop("Likelihood: low, medium, high"))
    consequence: str = Field(
        description=gettext_noop("Consequence: serious, more_serious, very_serious")
    )
    severity: int = Field(
        description=gettext_noop("Severity as a rank 1–9, the highest is the most severe")
    )
    level: str = Field(description=gettext_noop("Risk level: low, medium, high"))
    owner: str = Field(description=gettext_noop("The owner's user name"))
    measures: str = Field(description=gettext_noop("Preventive measures"))
    status: str
    review_on: date | None = Field(description=gettext_noop("Review date"))
    overdue: bool = Field(description=gettext_noop("True when the review date has passed"))

    @staticmethod
    def of(risk: Risk) -> "RiskOut":
        return RiskOut(
            id=risk.pk,
            consortium=selectors.risk_consortium(risk).slug,
            project=risk.project_id,
            title=risk.title,
            description=risk.description,
            likelihood=risk.likelihood,
            consequence=risk.consequence,
            severity=risk.severity,
            level=risk.level.value,
            owner=risk.owner.username if risk.owner else "",
            measures=risk.measures,
            status=risk.status,
            review_on=risk.review_on,
            overdue=selectors.is_overdue(risk, timezone.localdate()),
        )


class RiskQuery(Schema):
    consortium: Text = Field(
        "",
        description=gettext_noop(
            "The consortium's short name; empty: the first you have a role in"
        ),
    )
    project: Text = Field(
        "",
        description=gettext_noop(
            "Empty: the consortium and its projects; samverkan: only the consortium's own; "
            "otherwise a project's id"
        ),
    )
    status: Text = Field(
        "", description=gettext_noop("Empty: open and mitigated; alla; open, mitigated, closed")
    )


class RiskIn(Schema):
    consortium: Slug | None = Field(None, description=gettext_noop("For a risk of the consortium"))
    project: Id | None = Field(None, description=gettext_noop("For a risk of a project"))
    title: Line = Field(min_length=1)
    description: Long = ""
    likelihood: LikelihoodValue
    consequence: ConsequenceValue
    owner: Username
    measures: Long = ""
    status: StatusValue = "open"
    review_on: date | None = None


class RiskPatch(Schema):
    title: Line | None = Field(None, min_length=1)
    description: Long | None = None
    likelihood: LikelihoodValue | None = None
    consequence: ConsequenceValue | None = None
    owner: Username | None = None
    measures: Long | None = None
    status: StatusValue | None = None
    review_on: date | None = None


class SwotItemOut(Schema):
    id: int
    text: str


class SwotOut(Schema):
    consortium: str
    strengths: list[SwotItemOut]
    weaknesses: list[SwotItemOut]
    opportunities: list[SwotItemOut]
    threats: list[SwotItemOut]


class SwotQuery(Schema):
    consortium: Text = Field(
        "",
        description=gettext_noop(
            "The consortium's short name; empty: the first you have a role in"
        ),
    )


def _chosen(request: AuthenticatedHttpRequest, slug: str) -> Consortium:
    """The consortium asked for, or else the first the user may see."""
    consortium = consortium_chosen(request.user, slug)
    if consortium is None:
        raise NotFound(_("No consortium that you have a role in."))
    return consortium


def _owner(username: str) -> User:
    owner = User.objects.filter(username=username, is_active=True).first()
    if owner is None:
        raise DomainError(_("No user with the user name %(username)s.") % {"username": username})
    return owner


@router.get(
    "/risks",
    response={200: Page[RiskOut], **NOT_FOUND},
    operation_id="risk_list",
    summary=gettext_noop("A consortium's risk register, the most severe first"),
)
def risk_list(
    request: AuthenticatedHttpRequest, query: Query[RiskQuery], page: Query[PageQuery]
) -> Page[RiskOut]:
    consortium = _chosen(request, query.consortium)
    criteria = selectors.RiskFilter(project=query.project, status=query.status)
    rows = selectors.risk_register_rows(request.user, consortium, criteria)
    return paged(request, rows, page, RiskOut.of)


@router.get(
    "/risks/{risk_id}",
    response={200: RiskOut, **NOT_FOUND},
    operation_id="risk_get",
    summary=gettext_noop("A risk"),
)
def risk_get(request: AuthenticatedHttpRequest, risk_id: Id) -> RiskOut:
    return RiskOut.of(selectors.risk_get(request.user, risk_id))


@router.post(
    "/risks",
    response={201: RiskOut, **WRITE},
    operation_id="risk_create",
    summary=gettext_noop("Register a risk of a consortium or a project"),
)
def risk_create(request: AuthenticatedHttpRequest, payload: RiskIn) -> Status[RiskOut]:
    if (payload.consortium is None) == (payload.project is None):
        raise DomainError(_("Give either a consortium or a project."))
    project = project_get(request.user, payload.project) if payload.project is not None else None
    consortium = None if project else consortium_for(request.user, payload.consortium or "")
    risk = services.risk_create(
        actor=request.user,
        consortium=consortium,
        project=project,
        title=payload.title,
        description=payload.description,
        likelihood=payload.likelihood,
        consequence=payload.consequence,
        owner=_owner(payload.owner),
        measures=payload.measures,
        status=payload.status,
        review_on=payload.review_on,
    )
    return Status(201, RiskOut.of(selectors.risk_get(request.user, risk.pk)))


@router.patch(
    "/risks/{risk_id}",
    response={200: RiskOut, **WRITE},
    operation_id="risk_update",
    summary=gettext_noop("Change a risk; fields left out keep their values"),
)
def risk_update(request: AuthenticatedHttpRequest, risk_id: Id, payload: RiskPatch) -> RiskOut:
    risk = selectors.risk_get(request.user, risk_id)
    fields = payload.dict(exclude_unset=True)
    for name in ("title", "likelihood", "consequence", "owner", "status"):
        if name in fields and fields[name] is None:
            raise DomainError(_("The field %(name)s cannot be emptied.") % {"name": name})
    for name in ("description", "measures"):
        if name in fields and fields[name] is None:
            fields[name] = ""
    if "owner" in fields:
        fields["owner"] = _owner(fields["owner"])
    services.risk_update(actor=request.user, risk=risk, **fields)
    return RiskOut.of(selectors.risk_get(request.user, risk_id))


@router.get(
    "/swot",
    response={200: SwotOut, **NOT_FOUND},
    operation_id="swot_get",
    summary=gettext_noop(
        "A consortium's SWOT analysis: strengths, weaknesses, opportunities and threats"
    ),
)
def swot_get(request: AuthenticatedHttpRequest, query: Query[SwotQuery]) -> SwotOut:
    consortium = _chosen(request, query.consortium)
    board = {q.value: q.items for q in selectors.swot_board(request.user, consortium)}

    def items(value: str) -> list[SwotItemOut]:
        return [SwotItemOut(id=i.pk, text=i.text) for i in board[value]]

    return SwotOut(
        consortium=consortium.slug,
        strengths=items("strength"),
        weaknesses=items("weakness"),
        opportunities=items("opportunity"),
        threats=items("threat"),
    )
