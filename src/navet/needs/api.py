"""API for needs and endorsements, with the same rules as the pages."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import BeforeValidator
from pydantic import Field as Bounds

from navet.calls.api import Day
from navet.core.api import (
    INVALID,
    NOT_FOUND,
    WRITE,
    Page,
    PageQuery,
    Problem,
    Text,
    not_a_boolean,
    paged,
)
from navet.core.http import AuthenticatedHttpRequest
from navet.needs import selectors, services
from navet.needs.models import Endorsement, Need
from navet.organisations.models import Municipality

router = Router(tags=[gettext_noop("needs")])

StatusValue = Literal["draft", "open", "in_project", "met", "dropped"]
RaisedIn = Literal[
    "network_meeting", "steering_meeting", "workshop", "interview", "survey", "other"
]


# Python's lenient coercion would accept true as 1; the API does not. The bounds come before the
# validator, so that the OpenAPI schema shows them as minimum and maximum.
Priority = Annotated[int, Bounds(ge=1, le=3), BeforeValidator(not_a_boolean)]
Amount = Annotated[int, Bounds(ge=0), BeforeValidator(not_a_boolean)]
Percent = Annotated[float, Bounds(ge=0, le=100), BeforeValidator(not_a_boolean)]
Code = Annotated[
    str,
    Bounds(pattern=r"^\d{4}$", description=gettext_noop("Municipality code (SCB), four digits")),
]


class EndorsementOut(Schema):
    municipality: str = Field(description=gettext_noop("Municipality code (SCB)"))
    municipality_name: str
    comment: str
    created_at: datetime

    @staticmethod
    def from_model(endorsement: Endorsement) -> "EndorsementOut":
        return EndorsementOut(
            municipality=endorsement.municipality.code,
            municipality_name=endorsement.municipality.name,
            comment=endorsement.comment,
            created_at=endorsement.created_at,
        )


class NeedOut(Schema):
    id: int
    external_id: str
    municipality: str = Field(description=gettext_noop("Municipality code (SCB)"))
    municipality_name: str
    title: str
    description: str
    themes: list[str]
    target_groups: list[str]
    priority: int = Field(description=gettext_noop("1 high, 2 medium, 3 low"))
    raised_in: str
    raised_at: date | None
    status: str
    cofinancing_capacity_percent: Decimal
    estimated_cost_sek: int | None
    endorsement_count: int
    endorsements: list[EndorsementOut] | None = Field(
        None, description=gettext_noop("Only for a single need")
    )

    @staticmethod
    def from_model(need: Need, *, with_endorsements: bool = False) -> "NeedOut":
        endorsements = list(need.endorsements.all()) if with_endorsements else None
        count = getattr(need, "endorsement_count", None)
        return NeedOut(
            id=need.pk,
            external_id=need.external_id,
            municipality=need.municipality.code,
            municipality_name=need.municipality.name,
            title=need.title,
            description=need.description,
            themes=sorted(t.slug for t in need.themes.all()),
            target_groups=sorted(g.slug for g in need.target_groups.all()),
            priority=need.priority,
            raised_in=need.raised_in,
            raised_at=need.raised_at,
            status=need.status,
            cofinancing_capacity_percent=need.cofinancing_capacity_percent,
            estimated_cost_sek=need.estimated_cost_sek,
            endorsement_count=count if count is not None else len(endorsements or []),
            endorsements=(
                [EndorsementOut.from_model(e) for e in endorsements]
                if endorsements is not None
                else None
            ),
        )


class NeedQuery(Schema):
    municipality: Text = Field("", description=gettext_noop("Municipality code (SCB)"))
    theme: Text = ""
    target_group: Text = ""
    status: StatusValue | Literal[""] = ""
    priority: Priority | None = None
    text: Text = ""


class NeedIn(Schema):
    """A need entered through the API; the same rules as the form on the needs page."""

    municipality: Code
    title: str = Field(min_length=1, max_length=300)
    description: str = ""
    themes: list[str] = []
    target_groups: list[str] = []
    priority: Priority = 2
    raised_in: RaisedIn = "other"
    raised_at: Day | None = None
    status: Literal["draft", "open"] = "open"
    cofinancing_capacity_percent: Percent = 0
    estimated_cost_sek: Amount | None = None
    external_id: str = Field(
        "",
        max_length=200,
        description=gettext_noop("Empty: Navet gives the need n-<municipality code>-<number>"),
    )


class NeedPatch(Schema):
    """Only the fields sent are changed."""

    municipality: Code | None = None
    title: str | None = Field(None, min_length=1, max_length=300)
    description: str | None = None
    themes: list[str] | None = None
    target_groups: list[str] | None = None
    priority: Priority | None = None
    raised_in: RaisedIn | None = None
    raised_at: Day | None = None
    status: StatusValue | None = None
    cofinancing_capacity_percent: Percent | None = None
    estimated_cost_sek: Amount | None = None


class EndorsementIn(Schema):
    municipality: Code | None = Field(
        None,
        description=gettext_noop(
            "Empty: the municipality you represent (if you represent several: name one)"
        ),
    )
    comment: str = Field("", max_length=2000)


def _percent(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _municipality(code: str) -> Municipality:
    return selectors.municipality_by_code(code)


@router.get(
    "/needs",
    response={200: Page[NeedOut], **INVALID},
    operation_id="need_list",
    summary=gettext_noop("Needs you may see, filtered as on the page"),
)
def need_list(
    request: AuthenticatedHttpRequest, query: Query[NeedQuery], page: Query[PageQuery]
) -> Page[NeedOut]:
    criteria = selectors.NeedFilter(**query.dict())
    needs = selectors.needs_matching(request.user, criteria)
    return paged(request, needs, page, NeedOut.from_model)


@router.get(
    "/needs/{need_id}",
    response={200: NeedOut, **NOT_FOUND},
    operation_id="need_get",
    summary=gettext_noop("A need with the municipalities that have the same need"),
)
def need_get(request: AuthenticatedHttpRequest, need_id: int) -> NeedOut:
    return NeedOut.from_model(selectors.need_get(request.user, need_id), with_endorsements=True)


@router.post(
    "/needs",
    response={201: NeedOut, **WRITE},
    operation_id="need_create",
    summary=gettext_noop(
        "Enter a need (the municipality's contacts and the consortium's coordinators)"
    ),
)
def need_create(request: AuthenticatedHttpRequest, payload: NeedIn) -> Status[NeedOut]:
    data = payload.dict()
    data["municipality"] = _municipality(data["municipality"])
    data["cofinancing_capacity_percent"] = _percent(data["cofinancing_capacity_percent"])
    need = services.need_create(actor=request.user, **data)
    return Status(
        201, NeedOut.from_model(selectors.need_get(request.user, need.pk), with_endorsements=True)
    )


@router.patch(
    "/needs/{need_id}",
    response={200: NeedOut, **WRITE},
    operation_id="need_update",
    summary=gettext_noop("Change a need; only the fields sent change"),
)
def need_update(request: AuthenticatedHttpRequest, need_id: int, payload: NeedPatch) -> NeedOut:
    need = selectors.need_get(request.user, need_id)
    data = payload.dict(exclude_unset=True)
    status = data.pop("status", None)
    for required in ("municipality", "title", "description", "priority", "raised_in"):
        if required in data and data[required] is None:
            data.pop(required)  # null for a field that cannot be empty: left as it is
    if data.get("municipality") is not None:
        data["municipality"] = _municipality(data["municipality"])
    if data.get("cofinancing_capacity_percent") is not None:
        data["cofinancing_capacity_percent"] = _percent(data["cofinancing_capacity_percent"])
    elif "cofinancing_capacity_percent" in data:
        data.pop("cofinancing_capacity_percent")
    if data:
        need = services.need_update(actor=request.user, need=need, **data)
    if status is not None:
        need = services.need_set_status(actor=request.user, need=need, status=status)
    return NeedOut.from_model(selectors.need_get(request.user, need.pk), with_endorsements=True)


@router.post(
    "/needs/{need_id}/endorsements",
    response={201: EndorsementOut, **WRITE},
    operation_id="need_endorse",
    summary=gettext_noop("We have this need too: your municipality endorses the need"),
)
def need_endorse(
    request: AuthenticatedHttpRequest, need_id: int, payload: EndorsementIn
) -> Status[EndorsementOut]:
    need = selectors.need_get(request.user, need_id)
    municipality = _municipality(payload.municipality) if payload.municipality else None
    endorsement = services.need_endorse(
        actor=request.user, need=need, municipality=municipality, comment=payload.comment
    )
    return Status(201, EndorsementOut.from_model(endorsement))


@router.delete(
    "/needs/{need_id}/endorsements/{municipality}",
    response={204: None, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    operation_id="need_endorsement_withdraw",
    summary=gettext_noop("Withdraw a municipality's endorsement of the need"),
)
def need_endorsement_withdraw(
    request: AuthenticatedHttpRequest, need_id: int, municipality: str
) -> Status[None]:
    endorsement = selectors.endorsement_get(request.user, need_id, municipality)
    services.need_endorsement_withdraw(actor=request.user, endorsement=endorsement)
    return Status(204, None)
