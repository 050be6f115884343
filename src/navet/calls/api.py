"""API for calls, funders and programmes: readable by every logged-in user."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.utils import timezone
from ninja import Query, Router, Schema

from navet.calls import selectors
from navet.calls.models import Call, Funder, Programme
from navet.core.api import INVALID, NOT_FOUND, UNAUTHENTICATED
from navet.core.http import AuthenticatedHttpRequest

router = Router(tags=["utlysningar"])


class CallOut(Schema):
    id: int
    external_id: str
    title: str
    description: str
    url: str
    funder: str | None
    programme: str | None
    opens: datetime | None
    closes: datetime
    decision_date: date | None
    min_amount_sek: int | None
    max_amount_sek: int | None
    cofinancing_percent: Decimal | None
    eligible_applicants: list[str]
    themes: list[str]
    target_groups: list[str]
    status: str

    @staticmethod
    def from_model(call: Call, now: datetime) -> "CallOut":
        return CallOut(
            id=call.pk,
            external_id=call.external_id,
            title=call.title,
            description=call.description,
            url=call.url,
            funder=call.funder.name if call.funder else None,
            programme=call.programme.slug if call.programme else None,
            opens=call.opens,
            closes=call.closes,
            decision_date=call.decision_date,
            min_amount_sek=call.min_amount_sek,
            max_amount_sek=call.max_amount_sek,
            cofinancing_percent=call.cofinancing_percent,
            eligible_applicants=list(call.eligible_applicants),
            themes=sorted(t.slug for t in call.themes.all()),
            target_groups=sorted(g.slug for g in call.target_groups.all()),
            status=call.status_on(now).value,
        )


class CallQuery(Schema):
    state: Literal["open", "closing", "soon", "closed", "all"] = "open"
    text: str = ""
    funder: str = ""
    programme: str = ""
    theme: str = ""
    target_group: str = ""
    no_cofinancing: bool = False


class ProgrammeOut(Schema):
    slug: str
    name: str
    title: str
    funder: str
    legal_basis: str
    eligible_applicants: list[str]
    applicant_rule: str
    cofinancing_percent: Decimal | None
    indirect_cost_cap_percent: Decimal | None
    max_duration_months: int | None
    reporting: str
    unspent_repaid: bool | None

    @staticmethod
    def from_model(programme: Programme) -> "ProgrammeOut":
        return ProgrammeOut(
            slug=programme.slug,
            name=programme.name,
            title=programme.title,
            funder=programme.funder.slug,
            legal_basis=programme.legal_basis,
            eligible_applicants=list(programme.eligible_applicants),
            applicant_rule=programme.applicant_rule,
            cofinancing_percent=programme.cofinancing_percent,
            indirect_cost_cap_percent=programme.indirect_cost_cap_percent,
            max_duration_months=programme.max_duration_months,
            reporting=programme.reporting,
            unspent_repaid=programme.unspent_repaid,
        )


class FunderOut(Schema):
    slug: str
    name: str
    kind: str
    website: str
    county_code: str
    programmes: list[ProgrammeOut]

    @staticmethod
    def from_model(funder: Funder) -> "FunderOut":
        return FunderOut(
            slug=funder.slug,
            name=funder.name,
            kind=funder.kind,
            website=funder.website,
            county_code=funder.county_code,
            programmes=[ProgrammeOut.from_model(p) for p in funder.programmes.all()],
        )


@router.get(
    "/calls",
    response={200: list[CallOut], **INVALID},
    operation_id="call_list",
    summary="Utlysningar, filtrerade som på sidan (state: open, closing, soon, closed, all)",
)
def call_list(request: AuthenticatedHttpRequest, query: Query[CallQuery]) -> list[CallOut]:
    now = timezone.now()
    criteria = selectors.CallFilter(**query.dict())
    calls = selectors.calls_matching(criteria, now).prefetch_related("target_groups")[:500]
    return [CallOut.from_model(call, now) for call in calls]


@router.get(
    "/calls/{call_id}",
    response={200: CallOut, **NOT_FOUND},
    operation_id="call_get",
    summary="En utlysning",
)
def call_get(request: AuthenticatedHttpRequest, call_id: int) -> CallOut:
    return CallOut.from_model(selectors.call_get(call_id), timezone.now())


@router.get(
    "/funders",
    response={200: list[FunderOut], **UNAUTHENTICATED},
    operation_id="funder_list",
    summary="Finansiärer med sina stödformer och deras regler",
)
def funder_list(request: AuthenticatedHttpRequest) -> list[FunderOut]:
    return [FunderOut.from_model(f) for f in selectors.funders_with_programmes()]
