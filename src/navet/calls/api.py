"""API for calls, funders and programmes: readable by every logged-in user."""

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import BeforeValidator

from navet.calls import selectors, services
from navet.calls.interchange import FIRST_YEAR, LAST_YEAR
from navet.calls.models import Applicant, Call, Funder, ImportRun, Programme, Source
from navet.calls.permissions import can_manage_calls
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
from navet.core.errors import DomainError
from navet.core.http import AuthenticatedHttpRequest

router = Router(tags=[gettext_noop("calls")])


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
    text: Text = ""
    funder: Text = ""
    programme: Text = ""
    theme: Text = ""
    target_group: Text = ""
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
    response={200: Page[CallOut], **INVALID},
    operation_id="call_list",
    summary=gettext_noop(
        "Calls, filtered as on the page (state: open, closing, soon, closed, all)"
    ),
)
def call_list(
    request: AuthenticatedHttpRequest, query: Query[CallQuery], page: Query[PageQuery]
) -> Page[CallOut]:
    now = timezone.now()
    criteria = selectors.CallFilter(**query.dict())
    calls = selectors.calls_matching(criteria, now).prefetch_related("target_groups")
    return paged(request, calls, page, lambda call: CallOut.from_model(call, now))


@router.get(
    "/calls/{call_id}",
    response={200: CallOut, **NOT_FOUND},
    operation_id="call_get",
    summary=gettext_noop("A call"),
)
def call_get(request: AuthenticatedHttpRequest, call_id: int) -> CallOut:
    return CallOut.from_model(selectors.call_get(call_id), timezone.now())


@router.get(
    "/funders",
    response={200: Page[FunderOut], **INVALID},
    operation_id="funder_list",
    summary=gettext_noop("Funders with their programmes and the programmes' rules"),
)
def funder_list(request: AuthenticatedHttpRequest, page: Query[PageQuery]) -> Page[FunderOut]:
    return paged(request, selectors.funders_with_programmes(), page, FunderOut.from_model)


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _text(value: Any) -> Any:
    """Dates and times as ISO 8601 text; a bare number (or "0") is no date."""
    if not (isinstance(value, date) or (isinstance(value, str) and ISO_DATE.match(value))):
        raise ValueError(_("a date or a time as text (ISO 8601)"))
    return value


# Python's lenient coercion would accept false as 0 and 0 as a date; the API does not.
Amount = Annotated[int, BeforeValidator(not_a_boolean), Field(ge=0)]
Percent = Annotated[float, BeforeValidator(not_a_boolean), Field(ge=0, le=100)]
Moment = Annotated[datetime, BeforeValidator(_text)]
Day = Annotated[date, BeforeValidator(_text)]


class CallIn(Schema):
    """A call registered through the API; the same rules as the form on the calls page."""

    title: str = Field(min_length=1, max_length=300)
    closes: Moment
    opens: Moment | None = None
    funder: str | None = Field(None, description=gettext_noop("The funder's short name (slug)"))
    programme: str | None = Field(
        None, description=gettext_noop("The programme's short name (slug)")
    )
    description: str = ""
    url: str = ""
    decision_date: Day | None = None
    min_amount_sek: Amount | None = None
    max_amount_sek: Amount | None = None
    cofinancing_percent: Percent | None = None
    eligible_applicants: list[Applicant] = []
    themes: list[str] = []
    target_groups: list[str] = []


@router.post(
    "/calls",
    response={201: CallOut, **WRITE},
    operation_id="call_create",
    summary=gettext_noop("Register a call (coordinators and administrators)"),
)
def call_create(request: AuthenticatedHttpRequest, payload: CallIn) -> Status[CallOut]:
    data = payload.dict()
    funder_slug, programme_slug = data.pop("funder"), data.pop("programme")
    themes, groups = data.pop("themes"), data.pop("target_groups")
    data["funder"] = selectors.funder_by_slug(funder_slug) if funder_slug else None
    data["programme"] = selectors.programme_by_slug(programme_slug) if programme_slug else None
    data["eligible_applicants"] = [str(a) for a in data["eligible_applicants"]]
    if data["cofinancing_percent"] is not None:
        data["cofinancing_percent"] = Decimal(str(data["cofinancing_percent"])).quantize(
            Decimal("0.01")
        )
    for name in ("opens", "closes"):
        moment = data[name]
        if moment is None:
            continue
        if timezone.is_naive(moment):  # a time without a zone is Stockholm time
            moment = timezone.make_aware(moment)
        if not FIRST_YEAR <= moment.year <= LAST_YEAR:
            raise DomainError(
                _("%(name)s has an unlikely year: %(year)d.") % {"name": name, "year": moment.year}
            )
        # In UTC: PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 allows.
        data[name] = moment.astimezone(UTC)
    call = services.call_save(actor=request.user, themes=themes, target_groups=groups, **data)
    return Status(201, CallOut.from_model(selectors.call_get(call.pk), timezone.now()))


class SourceOut(Schema):
    id: int
    name: str
    format: str
    url: str
    schedule: str
    active: bool
    latest_run_status: str | None


class RunOut(Schema):
    id: int
    status: str
    created: int
    updated: int
    unchanged: int
    failed: int
    message: str

    @staticmethod
    def from_model(run: ImportRun) -> "RunOut":
        return RunOut(
            id=run.pk,
            status=run.status,
            created=run.created,
            updated=run.updated,
            unchanged=run.unchanged,
            failed=run.failed,
            message=run.message,
        )


def _source_out(source: Source) -> SourceOut:
    latest = getattr(source, "latest_run", None)
    return SourceOut(
        id=source.pk,
        name=source.name,
        format=source.format,
        url=source.url,
        schedule=source.schedule,
        active=source.active,
        latest_run_status=latest.status if latest else None,
    )


class SourceIn(Schema):
    name: str = Field(min_length=1, max_length=150)
    format: Source.Format
    url: str = Field(min_length=1, max_length=500)
    schedule: Source.Schedule = Source.Schedule.DAILY
    funder: str | None = Field(
        None, description=gettext_noop("The short name (slug) of the funder of the source's calls")
    )
    active: bool = True


@router.get(
    "/sources",
    response={200: Page[SourceOut], **INVALID},
    operation_id="source_list",
    summary=gettext_noop("Sources of calls and their latest run"),
)
def source_list(request: AuthenticatedHttpRequest, page: Query[PageQuery]) -> Page[SourceOut]:
    return paged(request, selectors.sources(), page, _source_out)


@router.post(
    "/sources",
    response={201: SourceOut, **WRITE},
    operation_id="source_create",
    summary=gettext_noop("Add a source (coordinators and administrators)"),
)
def source_create(request: AuthenticatedHttpRequest, payload: SourceIn) -> Status[SourceOut]:
    data = payload.dict()
    funder_slug = data.pop("funder")
    source = services.source_save(
        actor=request.user,
        default_funder=selectors.funder_by_slug(funder_slug) if funder_slug else None,
        **{**data, "format": str(data["format"]), "schedule": str(data["schedule"])},
    )
    return Status(201, _source_out(source))


class SourcePatch(Schema):
    """Only the settings sent are changed."""

    name: str | None = Field(None, min_length=1, max_length=150)
    format: Source.Format | None = None
    url: str | None = Field(None, min_length=1, max_length=500)
    schedule: Source.Schedule | None = None
    funder: str | None = Field(
        None, description=gettext_noop("The funder's short name (slug); empty removes it")
    )
    active: bool | None = None


@router.patch(
    "/sources/{source_id}",
    response={200: SourceOut, **WRITE},
    operation_id="source_update",
    summary=gettext_noop(
        "Change a source; only the settings sent change (coordinators and administrators)"
    ),
)
def source_update(
    request: AuthenticatedHttpRequest, source_id: int, payload: SourcePatch
) -> SourceOut:
    source = selectors.source_get(source_id)
    changes = payload.dict(exclude_unset=True)
    for required in ("name", "format", "url", "schedule", "active"):
        if required in changes and changes[required] is None:
            raise DomainError(_("The setting %(name)s cannot be emptied.") % {"name": required})
    if "funder" in changes:
        slug = changes.pop("funder")
        changes["default_funder"] = selectors.funder_by_slug(slug) if slug else None
    for name in ("format", "schedule"):
        if name in changes:
            changes[name] = str(changes[name])
    services.source_update(actor=request.user, source=source, **changes)
    return _source_out(next(s for s in selectors.sources() if s.pk == source.pk))


@router.delete(
    "/sources/{source_id}",
    response={204: None, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    operation_id="source_delete",
    summary=gettext_noop(
        "Remove a source and its runs; the calls it brought stay (coordinators and administrators)"
    ),
)
def source_delete(request: AuthenticatedHttpRequest, source_id: int) -> Status[None]:
    services.source_delete(actor=request.user, source=selectors.source_get(source_id))
    return Status(204, None)


@router.post(
    "/sources/{source_id}/runs",
    response={202: RunOut, **WRITE},
    operation_id="source_run_start",
    summary=gettext_noop("Fetch a source now; the background worker does the run"),
)
def source_run(request: AuthenticatedHttpRequest, source_id: int) -> Status[RunOut]:
    can_manage_calls(request.user).require()
    run = services.source_run_start(actor=request.user, source=selectors.source_get(source_id))
    return Status(202, RunOut.from_model(run))


@router.get(
    "/runs/{run_id}",
    response={200: RunOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    operation_id="run_get",
    summary=gettext_noop("A run's progress and outcome"),
)
def run_get(request: AuthenticatedHttpRequest, run_id: int) -> RunOut:
    can_manage_calls(request.user).require()
    return RunOut.from_model(selectors.run_get(run_id))
