"""API for matching: a need's best calls and partner municipalities, and the coordinator's list
of good matches, with the same rules as the pages."""

from datetime import UTC, datetime
from typing import Annotated

from django.utils import timezone
from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import Field as Bounds

from navet.calls.api import Moment
from navet.calls.models import Call
from navet.core.api import NOT_FOUND, WRITE, Page, PageQuery, Problem, Text, paged
from navet.core.http import AuthenticatedHttpRequest
from navet.core.text import Message
from navet.matching import selectors, services
from navet.matching.engine import fit_label
from navet.matching.models import Dismissal
from navet.needs.models import Need
from navet.needs.selectors import need_get
from navet.organisations.selectors import consortium_chosen

router = Router(tags=[gettext_noop("matching")])


class CallRef(Schema):
    id: int
    external_id: str
    title: str
    funder: str | None
    closes: datetime
    days_left: int = Field(
        description=gettext_noop("Whole days until the last day to apply (Swedish time)")
    )

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
    score: float = Field(description=gettext_noop("0–1, higher is better"))
    label: str | None = Field(
        description=gettext_noop(
            "The fit in words: Very good, Good or Possible; null below the cut-off"
        )
    )
    rank: int = Field(description=gettext_noop("1 is the need's best call"))
    reasons: list[str]


class PartnerOut(Schema):
    municipality: str = Field(description=gettext_noop("Municipality code (SCB)"))
    municipality_name: str
    reasons: list[str]


class NeedSuggestionsOut(Schema):
    need: int
    suggestions: list[SuggestionOut]
    partners: list[PartnerOut]


class SuggestionQuery(Schema):
    limit: int = Bounds(10, ge=1, le=20, description=gettext_noop("At most this many calls"))


class NeedRef(Schema):
    id: int
    external_id: str
    title: str
    municipality: str = Field(description=gettext_noop("Municipality code (SCB)"))
    municipality_name: str
    status: str


class MatchOut(Schema):
    need: NeedRef
    call: CallRef
    score: float
    label: str | None = Field(
        description=gettext_noop("The fit in words: Very good, Good or Possible")
    )
    rank: int
    reasons: list[str]
    first_seen_at: datetime = Field(
        description=gettext_noop("When the call was first suggested for the need")
    )
    new: bool = Field(
        description=gettext_noop("Suggested after `since` (or after last marked as seen)")
    )


class MatchQuery(Schema):
    consortium: Text = Field(
        "", description=gettext_noop("The consortium's short name (slug); empty: the first")
    )
    since: Moment | None = Field(
        None,
        description=gettext_noop(
            "New = suggested after this moment; empty: when last marked as seen"
        ),
    )
    new: bool = Field(False, description=gettext_noop("Only the new ones"))


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
                label=_text(fit_label(s.score)),
                rank=s.rank,
                reasons=[str(reason) for reason in s.reasons],
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
        need=_need_ref(match.need),
        call=CallRef.from_model(match.call, now),
        score=match.score,
        label=_text(match.label),
        rank=match.rank,
        reasons=[str(reason) for reason in match.reason_messages],
        first_seen_at=match.first_seen_at,
        new=row.new,
    )


Id = Annotated[int, Bounds(ge=1, le=2**63 - 1)]


class DismissalIn(Schema):
    need: Id = Field(description=gettext_noop("The need's id"))
    call: Id = Field(
        description=gettext_noop("The call's id; it must be among the need's suggestions")
    )
    reason: Dismissal.Reason
    note: Text = Field(
        "",
        max_length=Dismissal.NOTE_LIMIT,
        description=gettext_noop("Why, in a few words; required when the reason is other"),
    )


class DismissalOut(Schema):
    id: int
    need: NeedRef
    call: CallRef
    reason: Dismissal.Reason
    reason_label: str = Field(description=gettext_noop("The reason in words"))
    note: str
    dismissed_by: str | None = Field(description=gettext_noop("The user name of who dismissed it"))
    dismissed_at: datetime


class DismissalQuery(Schema):
    consortium: Text = Field(
        "", description=gettext_noop("The consortium's short name (slug); empty: the first")
    )


@router.post(
    "/matches/dismissals",
    response={201: DismissalOut, **WRITE},
    operation_id="match_dismiss",
    summary=gettext_noop(
        "Dismiss a suggested call for a need, with a reason (those who may change the need)"
    ),
)
def match_dismiss(request: AuthenticatedHttpRequest, payload: DismissalIn) -> Status[DismissalOut]:
    match = selectors.match_get(request.user, payload.need, payload.call)
    dismissal = services.match_dismiss(
        actor=request.user,
        need=match.need,
        call=match.call,
        reason=payload.reason,
        note=payload.note,
    )
    return Status(201, _dismissal_out(dismissal, timezone.now()))


@router.get(
    "/matches/dismissals",
    response={200: Page[DismissalOut], **NOT_FOUND},
    operation_id="match_dismissal_list",
    summary=gettext_noop("The dismissed suggestions of the consortium's needs, latest first"),
)
def match_dismissal_list(
    request: AuthenticatedHttpRequest, query: Query[DismissalQuery], page: Query[PageQuery]
) -> Page[DismissalOut]:
    now = timezone.now()
    consortium = consortium_chosen(request.user, query.consortium)
    if consortium is None:
        return paged(request, [], page, DismissalOut.model_validate)
    rows = selectors.dismissed_matches(request.user, consortium, now)
    return paged(request, rows, page, lambda dismissal: _dismissal_out(dismissal, now))


@router.delete(
    "/matches/dismissals/{dismissal_id}",
    response={204: None, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    operation_id="match_restore",
    summary=gettext_noop("Restore a dismissed suggestion to the matches"),
)
def match_restore(request: AuthenticatedHttpRequest, dismissal_id: int) -> Status[None]:
    dismissal = selectors.dismissal_get(request.user, dismissal_id)
    services.match_restore(actor=request.user, dismissal=dismissal)
    return Status(204, None)


def _need_ref(need: Need) -> NeedRef:
    return NeedRef(
        id=need.pk,
        external_id=need.external_id,
        title=need.title,
        municipality=need.municipality.code,
        municipality_name=need.municipality.name,
        status=need.status,
    )


def _dismissal_out(dismissal: Dismissal, now: datetime) -> DismissalOut:
    by = dismissal.dismissed_by
    return DismissalOut(
        id=dismissal.pk,
        need=_need_ref(dismissal.need),
        call=CallRef.from_model(dismissal.call, now),
        reason=Dismissal.Reason(dismissal.reason),
        reason_label=str(Dismissal.Reason(dismissal.reason).label),
        note=dismissal.note,
        dismissed_by=by.username if by is not None else None,
        dismissed_at=dismissal.dismissed_at,
    )


def _text(message: Message | None) -> str | None:
    """A message in the request's language, at the edge of the API."""
    return None if message is None else str(message)


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
