"""API for municipalities and consortia: read-only, scoped like the pages."""

from django.utils.translation import gettext_noop
from ninja import Query, Router, Schema

from navet.core.api import INVALID, NOT_FOUND, UNAUTHENTICATED, Page, PageQuery, paged
from navet.core.http import AuthenticatedHttpRequest
from navet.organisations import selectors
from navet.organisations.models import Consortium, Municipality, RoleAssignment

router = Router(tags=[gettext_noop("organisations")])


class MunicipalityOut(Schema):
    code: str
    name: str
    county_code: str
    county_name: str
    population: int
    population_year: int
    neighbours: list[str]
    consortia: list[str]

    @staticmethod
    def from_model(municipality: Municipality) -> "MunicipalityOut":
        return MunicipalityOut(
            code=municipality.code,
            name=municipality.name,
            county_code=municipality.county_code,
            county_name=municipality.county_name,
            population=municipality.population,
            population_year=municipality.population_year,
            neighbours=sorted(n.code for n in municipality.neighbours.all()),
            consortia=sorted(c.slug for c in municipality.consortia.all()),
        )


class ConsortiumOut(Schema):
    slug: str
    name: str
    description: str
    members: list[str]


class RoleOut(Schema):
    role: str
    consortium: str | None
    municipality: str | None

    @staticmethod
    def from_model(assignment: RoleAssignment) -> "RoleOut":
        return RoleOut(
            role=assignment.role,
            consortium=assignment.consortium.slug if assignment.consortium else None,
            municipality=assignment.municipality.code if assignment.municipality else None,
        )


class MeOut(Schema):
    username: str
    name: str
    roles: list[RoleOut]


def _consortium_out(consortium: Consortium) -> ConsortiumOut:
    return ConsortiumOut(
        slug=consortium.slug,
        name=consortium.name,
        description=consortium.description,
        members=sorted(m.code for m in consortium.members.all()),
    )


@router.get(
    "/me",
    response={200: MeOut, **UNAUTHENTICATED},
    operation_id="me_get",
    summary=gettext_noop("The logged-in user"),
)
def me_get(request: AuthenticatedHttpRequest) -> MeOut:
    user = request.user
    return MeOut(
        username=user.username,
        name=user.get_full_name(),
        roles=[RoleOut.from_model(a) for a in selectors.role_assignments_of(user)],
    )


@router.get(
    "/municipalities",
    response={200: Page[MunicipalityOut], **INVALID},
    operation_id="municipality_list",
    summary=gettext_noop("All municipalities, in Swedish alphabetical order"),
)
def municipality_list(
    request: AuthenticatedHttpRequest, page: Query[PageQuery]
) -> Page[MunicipalityOut]:
    return paged(request, selectors.municipalities_sorted(), page, MunicipalityOut.from_model)


@router.get(
    "/municipalities/{code}",
    response={200: MunicipalityOut, **NOT_FOUND},
    operation_id="municipality_get",
    summary=gettext_noop("A municipality, by its SCB code"),
)
def municipality_get(request: AuthenticatedHttpRequest, code: str) -> MunicipalityOut:
    return MunicipalityOut.from_model(selectors.municipality_get(code))


@router.get(
    "/consortia",
    response={200: Page[ConsortiumOut], **INVALID},
    operation_id="consortium_list",
    summary=gettext_noop("The consortia the user has a role in"),
)
def consortium_list(
    request: AuthenticatedHttpRequest, page: Query[PageQuery]
) -> Page[ConsortiumOut]:
    consortia = selectors.consortia_for(request.user).prefetch_related("members")
    return paged(request, consortia, page, _consortium_out)


@router.get(
    "/consortia/{slug}",
    response={200: ConsortiumOut, **NOT_FOUND},
    operation_id="consortium_get",
    summary=gettext_noop("A consortium"),
)
def consortium_get(request: AuthenticatedHttpRequest, slug: str) -> ConsortiumOut:
    return _consortium_out(selectors.consortium_get(request.user, slug))
