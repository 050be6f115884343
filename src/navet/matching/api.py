"""API for matching: a need's best calls and partner municipalities, and the coordinator's list
of good matches, with the same rules as the pages."""

from datetime import UTC, datetime

from django.utils import timezone
from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema
from pydantic import Field as Bounds

from navet.calls.api import Moment
from navet.calls.models import Call
from navet.core.api import NOT_FOUND, Page, PageQuery, Text, paged
from navet.core.http import AuthenticatedHttpRequest
from navet.matching import selectors
from navet.matching.engine import fit_label
from navet.needs.selectors import need_get
from navet.organisations.selectors import consortium_chosen

router = Router(tags=["matchning"])


class CallRef(Schema):
    id: int
    external_id: str
    title: str
    funder: str | None
    closes: datetime
    days_left: int = Field(description="Hela dagar till sista ansökningsdagen (svensk tid)")

    @staticmethod
    def from_model(call: Call, now: datetime) -> "CallRef":
        return CallRef(
            id=call.pk,
            external_id=call.external_id,
            title=call.title,
            funder=call.funder.name if call.funder else None,
            closes=call.closes,
            days_left=call.days_left_on(now),
        )


class SuggestionOut(Schema):
    call: CallRef
    score: float = Field(description="0–1, högre är bättre")
    label: str | None = Field(
        description="Matchningen i ord: Mycket god, God eller Möjlig; null under gränsen"
    )
    rank: int = Field(description="1 är behovets bästa utlysning")
    reasons: list[str]


class PartnerOut(Schema):
    municipality: str = Field(description="Kommunkod (SCB)")
    municipality_name: str
    reasons: list[str]


class NeedSuggestionsOut(Schema):
    need: int
    suggestions: list[SuggestionOut]
    partners: list[PartnerOut]


class SuggestionQuery(Schema):
    limit: int = Bounds(10, ge=1, le=20, description="Högst så många utlysningar")


class NeedRef(Schema):
    id: int
    external_id: str
    title: str
    municipality: str = Field(description="Kommunkod (SCB)")
    municipality_name: str
    status: str


class MatchOut(Schema):
    need: NeedRef
    call: CallRef
    score: float
    label: str | None = Field(description="Matchningen i ord: Mycket god, God eller Möjlig")
    rank: int
    reasons: list[str]
    first_seen_at: datetime = Field(description="När utlysningen först föreslogs för behovet")
    new: bool = Field(description="Föreslagen efter `since` (eller efter senast markerat sett)")


class MatchQuery(Schema):
    consortium: Text = Field("", description="Samverkans kortnamn (slug); tomt: den första")
    since: Moment | None = Field(
        None, description="Nya = föreslagna efter denna tidpunkt; tomt: senast markerat sett"
    )
    new: bool = Field(False, description="Bara de nya")


@router.get(
    "/needs/{need_id}/suggestions",
    response={200: NeedSuggestionsOut, **NOT_FOUND},
    operation_id="need_suggestions",
    summary=gettext_noop(
        "The need's best open calls and possible partner municipalities, with reasons"
    ),
)
def need_suggestions(
    request: AuthenticatedHttpRequest, need_id: int, query: Query[SuggestionQuery]
) -> NeedSuggestionsOut:
    need = need_get(request.user, need_id)
    now = timezone.now()
    open_calls = selectors.matcher_for(now)
    suggested = selectors.need_suggested(need, now, open_calls, query.limit)
    return NeedSuggestionsOut(
        need=need.pk,
        suggestions=[
            SuggestionOut(
                call=CallRef.from_model(s.call, now),
                score=s.score,
                label=fit_label(s.score),
                rank=s.rank,
                reasons=s.reasons,
            )
            for s in suggested
        ],
        partners=[
            PartnerOut(municipality=m.code, municipality_name=m.name, reasons=reasons)
            for m, reasons in selectors.partners_for(need, open_calls.matcher)
        ],
    )


@router.get(
    "/matches",
    response={200: Page[MatchOut], **NOT_FOUND},
    operation_id="match_list",
    summary=gettext_noop(
        "Good matches for the consortium's needs, those new since the last visit marked"
    ),
)
def match_list(
    request: AuthenticatedHttpRequest, query: Query[MatchQuery], page: Query[PageQuery]
) -> Page[MatchOut]:
    now = timezone.now()
    consortium = consortium_chosen(request.user, query.consortium)
    if consortium is None:  # no role in any consortium: no needs, so no matches
        return paged(request, [], page, MatchOut.model_validate)
    since = _utc(query.since) if query.since is not None else None
    if since is None:
        since = selectors.matches_seen_at(request.user, consortium)
    rows = selectors.good_match_rows(request.user, consortium, now, since=since, new_only=query.new)
    return paged(
        request, rows, page, lambda match: _match_out(selectors.match_row(match, now, since), now)
    )


def _match_out(row: selectors.MatchRow, now: datetime) -> MatchOut:
    match = row.match
    return MatchOut(
        need=NeedRef(
            id=match.need.pk,
            external_id=match.need.external_id,
            title=match.need.title,
            municipality=match.need.municipality.code,
            municipality_name=match.need.municipality.name,
            status=match.need.status,
        ),
        call=CallRef.from_model(match.call, now),
        score=match.score,
        label=match.label,
        rank=match.rank,
        reasons=list(match.reasons),
        first_seen_at=match.first_seen_at,
        new=row.new,
    )


def _utc(moment: datetime) -> datetime:
    """A time without a zone is Stockholm time; one at the edge of the calendar is kept there."""
    if timezone.is_naive(moment):
        try:
            moment = timezone.make_aware(moment)
        except (OverflowError, ValueError):
            return datetime.min.replace(tzinfo=UTC) if moment.year < 2 else _LATEST
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        return datetime.min.replace(tzinfo=UTC) if moment.year < 2 else _LATEST


_LATEST = datetime.max.replace(tzinfo=UTC)
