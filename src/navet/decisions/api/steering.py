"""API for the steering group's seats, with the page's rules: each member municipality's
representative and deputies, read by everyone who sees the consortium; named and removed by the
consortium's coordinators and administrators (`decisions.services.steering`)."""

from typing import Annotated

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, Router, Schema
from ninja.responses import Status
from pydantic import Field as Bounds

from navet.core.api import NOT_FOUND, WRITE, Problem
from navet.core.errors import DomainError, NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.decisions.selectors import steering as selectors
from navet.decisions.services import steering as services
from navet.needs.api import Code
from navet.needs.selectors import municipality_by_code
from navet.organisations.models import RoleAssignment
from navet.organisations.selectors import consortium_for

router = Router(tags=[gettext_noop("decisions")])

Id = Annotated[int, Bounds(ge=1, le=2**63 - 1)]
Slug = Annotated[str, Bounds(max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")]
Username = Annotated[str, Bounds(min_length=1, max_length=150, pattern=r"^[\w.@+-]+$")]


class SeatOut(Schema):
    id: int = Field(description=gettext_noop("The seat's id, to remove it"))
    username: str
    name: str

    @staticmethod
    def of(assignment: RoleAssignment) -> "SeatOut":
        user = assignment.user
        return SeatOut(id=assignment.pk, username=user.username, name=user.get_full_name())


class MemberSeatsOut(Schema):
    municipality: str = Field(description=gettext_noop("Municipality code (SCB)"))
    municipality_name: str
    representatives: list[SeatOut] = Field(
        description=gettext_noop("Ordinary representative (at most one)")
    )
    deputies: list[SeatOut] = Field(description=gettext_noop("Deputies"))


class SeatIn(Schema):
    municipality: Code
    user: Username = Field(
        description=gettext_noop("The user name of the person who is to represent the municipality")
    )
    deputy: bool = Field(False, description=gettext_noop("True for a deputy"))


@router.get(
    "/consortia/{slug}/steering",
    response={200: list[MemberSeatsOut], **NOT_FOUND},
    operation_id="steering_seats",
    summary=gettext_noop(
        "The steering group: each member's representative and deputies (one row per member)"
    ),
)
def steering_seats(request: AuthenticatedHttpRequest, slug: Slug) -> list[MemberSeatsOut]:
    return [
        MemberSeatsOut(
            municipality=row.municipality.code,
            municipality_name=row.municipality.name,
            representatives=[SeatOut.of(a) for a in row.representatives],
            deputies=[SeatOut.of(a) for a in row.deputies],
        )
        for row in selectors.seats_of(consortium_for(request.user, slug))
    ]


@router.post(
    "/consortia/{slug}/steering",
    response={201: SeatOut, **WRITE},
    operation_id="steering_seat_add",
    summary=gettext_noop(
        "Name a member's representative or a deputy (coordinators and administrators)"
    ),
)
def steering_seat_add(
    request: AuthenticatedHttpRequest, slug: Slug, payload: SeatIn
) -> Status[SeatOut]:
    consortium = consortium_for(request.user, slug)
    # The people the page offers: a role in the consortium or a member's contact.
    user = next(
        (u for u in selectors.seat_candidates(consortium) if u.username == payload.user), None
    )
    if user is None:
        raise DomainError(
            _("%(name)s cannot be named: only people with a role in the consortium can.")
            % {"name": payload.user}
        )
    seat = services.steering_seat_add(
        actor=request.user,
        consortium=consortium,
        municipality=municipality_by_code(payload.municipality),
        user=user,
        deputy=payload.deputy,
    )
    return Status(201, SeatOut.of(seat))


@router.delete(
    "/consortia/{slug}/steering/{seat_id}",
    response={204: None, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    operation_id="steering_seat_remove",
    summary=gettext_noop(
        "Remove a representative's or deputy's seat (coordinators and administrators)"
    ),
)
def steering_seat_remove(
    request: AuthenticatedHttpRequest, slug: Slug, seat_id: Id
) -> Status[None]:
    seat = selectors.seat_get(consortium_for(request.user, slug), seat_id)
    if seat is None:
        raise NotFound(_("No such seat in the steering group."))
    services.steering_seat_remove(actor=request.user, assignment=seat)
    return Status(204, None)
