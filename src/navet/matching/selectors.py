"""Reads for matching: the facts the engine reads from the database, partners, reports."""

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.calls.geography import county_of_funder
from navet.calls.models import Call, Funder, Programme
from navet.core.errors import NotFound
from navet.core.models import User
from navet.core.text import Message, swedish_sort_key
from navet.matching import engine
from navet.matching.models import Dismissal, Match, MatchesVisit, Refresh
from navet.needs.models import Need
from navet.needs.permissions import editable_municipalities, needs_for
from navet.organisations.models import Consortium, Municipality
from navet.organisations.permissions import permissions_for

MATCHED_STATUSES = (Need.Status.DRAFT, Need.Status.OPEN)
# A call is stored for a need at any fit (the engine suggests only calls that fit for a topical
# reason); a "good" match, the kind the matches page and GET /api/v1/matches list, is among the
# need's five best calls with a fit of at least "Möjlig" (`engine.GOOD_FIT`).
MIN_SCORE = 0.0
GOOD_RANK = 5
GOOD_SCORE = engine.GOOD_FIT
MATCHES_LIMIT = 300  # rows the matches page or the API shows at most
# Days an application usually takes to write, by kind of funder: EU calls need partners abroad
# and long forms; a county board's call is a few pages.
PREPARATION_DAYS: dict[str, int] = {
    Funder.Kind.EU: 60,
    Funder.Kind.STATE_AGENCY: 21,
    Funder.Kind.FOUNDATION: 21,
    Funder.Kind.COUNTY_BOARD: 14,
}


def call_facts(call: Call) -> engine.Call:
    """A call as the engine reads it; what the call leaves out, its programme's rules supply."""
    programme, funder = call.programme, call.funder
    cofinancing = call.cofinancing_percent
    if cofinancing is None and programme is not None:
        cofinancing = programme.cofinancing_percent
    classified = call.classification != Call.Classification.INFERRED
    return engine.Call(
        id=call.external_id,
        title=call.title,
        description=call.description,
        language=call.language if call.language in ("sv", "en") else "sv",
        opens=timezone.localdate(call.opens) if call.opens else None,
        closes=timezone.localdate(call.closes),
        funder=funder.name if funder else "",
        funder_county=(funder.county_code or county_of_funder(funder.name)) if funder else "",
        eligible_applicants=tuple(
            call.eligible_applicants or (programme.eligible_applicants if programme else [])
        ),
        cofinancing_percent=float(cofinancing) if cofinancing is not None else None,
        min_amount_sek=call.min_amount_sek,
        max_amount_sek=call.max_amount_sek,
        preparation_days=PREPARATION_DAYS.get(funder.kind, 21) if funder else 21,
        themes=tuple(t.slug for t in call.themes.all()) if classified else (),
        target_groups=tuple(t.slug for t in call.target_groups.all()) if classified else (),
        programme=programme.slug if programme else "",
        expected=call.expected,
    )


def need_facts(need: Need) -> engine.Need:
    return engine.Need(
        id=need.external_id,
        municipality=need.municipality.code,
        title=need.title,
        description=need.description,
        themes=tuple(t.slug for t in need.themes.all()),
        target_groups=tuple(t.slug for t in need.target_groups.all()),
        cofinancing_capacity_percent=float(need.cofinancing_capacity_percent),
        estimated_cost_sek=need.estimated_cost_sek,
    )


def calls_for_matching(now: datetime) -> QuerySet[Call]:
    return (
        Call.objects.open_or_expected_on(now)
        .select_related("funder", "programme")
        .prefetch_related("themes", "target_groups")
    )


def needs_for_matching() -> QuerySet[Need]:
    return (
        Need.objects.filter(status__in=MATCHED_STATUSES)
        .select_related("municipality")
        .prefetch_related("themes", "target_groups")
    )


@dataclass(frozen=True)
class OpenCalls:
    """The engine over the calls open at a moment, and their database ids by external id."""

    matcher: engine.Matcher
    pks: Mapping[str, int]


class _OpenCallsCache:
    """Reading thousands of calls into the engine takes seconds, and every need page asks for
    it; what was read is kept, per process, while the open calls stay the same calls, none of
    them changed since, and their funders and programmes say what they said."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[tuple[Any, ...], ...] | None = None
        self._value: OpenCalls | None = None

    def get(self, now: datetime) -> OpenCalls:
        calls = calls_for_matching(now)
        key = (
            tuple(calls.order_by("pk").values_list("pk", "updated_at")),
            # What `call_facts` reads of funders and programmes (a few dozen rows, changed in
            # the admin, with no time of change).
            tuple(Funder.objects.order_by("pk").values_list("pk", "name", "county_code", "kind")),
            tuple(
                Programme.objects.order_by("pk").values_list(
                    "pk", "slug", "cofinancing_percent", "eligible_applicants"
                )
            ),
        )
        with self._lock:
            if self._value is None or key != self._key:
                read = list(calls)
                self._value = OpenCalls(
                    engine.Matcher(call_facts(call) for call in read),
                    {call.external_id: call.pk for call in read},
                )
                self._key = key
            return self._value


_open_calls = _OpenCallsCache()


def matcher_for(now: datetime) -> OpenCalls:
    """The engine over the calls open at `now`."""
    return _open_calls.get(now)


def partners_for(need: Need, matcher: engine.Matcher) -> list[tuple[Municipality, list[str]]]:
    """Municipalities to do this need with, neighbours first, each with why.

    Those that endorsed the need, and those with a similar need of their own; only
    municipalities that share a consortium with the need's municipality are suggested.
    """
    own = need.municipality
    endorsers = {e.municipality_id: e for e in need.endorsements.select_related("municipality")}
    reasons: dict[int, list[str]] = {pk: [_("has this need too")] for pk in endorsers}
    # Another municipality's draft is its own until shared: it suggests no partner.
    others = list(
        needs_for_matching()
        .filter(municipality__consortia__members=own)
        .exclude(municipality=own)
        .exclude(status=Need.Status.DRAFT)
        .distinct()
    )
    by_id = {other.external_id: other for other in others}
    for found in matcher.similar(need_facts(need), [need_facts(o) for o in others]):
        other = by_id[found.call]
        reason = _similar(_("similar need: %(title)s") % {"title": other.title}, found.reasons)
        reasons.setdefault(other.municipality_id, []).append(reason)
    neighbours = set(own.neighbours.values_list("pk", flat=True))
    municipalities = Municipality.objects.in_bulk(list(reasons))
    ordered = sorted(
        municipalities.values(),
        key=lambda m: (m.pk not in neighbours, m.pk not in endorsers, m.code),
    )
    neighbour = _("neighbour")
    return [(m, ([neighbour] if m.pk in neighbours else []) + reasons[m.pk]) for m in ordered]


def _similar(said: str, reasons: Iterable[Message]) -> str:
    """ "liknande behov: … (tema: …; gemensamma ord: …)" """
    detail = "; ".join(str(reason) for reason in reasons)
    return f"{said} ({detail})" if detail else said


@dataclass(frozen=True)
class Overlap:
    """A project of the consortium that already answers a need like this one."""

    project: Any  # navet.projects.models.Project (a later app: read through the need's relation)
    score: float
    reasons: list[str]


def overlapping_projects(need: Need, matcher: engine.Matcher, user: User) -> list[Overlap]:
    """The projects – planned, running or finished, not refused or withdrawn – of the need's
    consortia that the user may see and that answer a similar need, or say in their own words
    what this need says; most alike first. Projects that already answer this need are shown with
    it, not here."""
    project_model = need.projects.model
    status = project_model.Status
    projects = (
        project_model.objects.filter(consortium__members=need.municipality)
        .exclude(status__in=(status.REFUSED, status.WITHDRAWN))
        .exclude(needs=need)
        .select_related("owner")
        .prefetch_related("needs__municipality", "needs__themes", "needs__target_groups")
        .distinct()
    )
    visible = permissions_for(user).visible_consortium_ids()
    if visible is not None:
        projects = projects.filter(consortium_id__in=visible)
    mine = need_facts(need)
    found = []
    for project in projects:
        answered = [n for n in project.needs.all() if n.status != Need.Status.DRAFT]
        own = engine.Need(
            id="",
            municipality=project.owner.code,
            title=project.title,
            description=project.description,
            themes=tuple(dict.fromkeys(t.slug for n in answered for t in n.themes.all())),
        )
        alike = matcher.similar(mine, [own, *(need_facts(n) for n in answered)])
        if alike:
            best = alike[0]
            titles = {n.external_id: n.title for n in answered}
            said = (
                _("similar need: %(title)s") % {"title": titles[best.call]}
                if best.call
                else _("similar project")
            )
            found.append(Overlap(project, best.score, [_similar(said, best.reasons)]))
    return sorted(found, key=lambda o: (-o.score, o.project.pk))


def suggestions_report(
    *, today: date, need_id: str | None = None, limit: int = 10
) -> dict[str, Any]:
    """What `navet match --json` prints: each need's best calls on `today`, with partners; the
    label and reasons in the active language."""
    calls = Call.objects.select_related("funder", "programme").prefetch_related(
        "themes", "target_groups"
    )
    matcher = engine.Matcher(call_facts(call) for call in calls)
    needs = needs_for_matching().order_by("external_id")
    if need_id is not None:
        needs = needs.filter(external_id=need_id)
    report = []
    for need in needs:
        facts = need_facts(need)
        partners = partners_for(need, matcher)
        suggestions = []
        for suggestion in matcher.rank(facts, today, limit):
            call = matcher.calls[suggestion.call]
            able = [
                m.code
                for m, _ in partners
                if engine.exclusion(_as(facts, m.code), call, today) is None
            ]
            suggestions.append(
                {
                    "call": suggestion.call,
                    "score": suggestion.score,
                    "label": _text(engine.fit_label(suggestion.score)),
                    "reasons": [str(reason) for reason in suggestion.reasons],
                    "partners": able,
                }
            )
        report.append({"need": need.external_id, "suggestions": suggestions})
    return {"needs": report}


def _text(message: Message | None) -> str | None:
    return None if message is None else str(message)


def _as(need: engine.Need, municipality: str) -> engine.Need:
    """The same need, as if another municipality had it (may that one apply too?)."""
    return engine.Need(
        id=need.id,
        municipality=municipality,
        title=need.title,
        cofinancing_capacity_percent=need.cofinancing_capacity_percent,
    )


def need_suggestions(need: Need, now: datetime) -> list[Match] | None:
    """The need's stored suggestions, or None when they are older than the need or the day."""
    refresh = Refresh.objects.first()
    fresh = (
        refresh is not None
        and refresh.day == timezone.localdate(now)
        and refresh.finished_at >= need.updated_at
    )
    return stored_suggestions(need) if fresh else None


def stored_suggestions(need: Need) -> list[Match]:
    """The need's stored suggestions, best first, without those dismissed."""
    return list(need.matches.undismissed().select_related("call__funder").order_by("rank"))


@dataclass(frozen=True)
class Suggested:
    """One of a need's best calls, stored or ranked just now."""

    call: Call
    score: float
    rank: int
    reasons: list[Message]


def need_suggested(need: Need, now: datetime, open_calls: OpenCalls, limit: int) -> list[Suggested]:
    """The need's best calls: the stored ones when they are fresh, otherwise ranked now and
    not stored (a read leaves the database as it was)."""
    stored = need_suggestions(need, now)
    if stored is not None:
        return [Suggested(m.call, m.score, m.rank, m.reason_messages) for m in stored[:limit]]
    if need.status not in MATCHED_STATUSES:
        return []
    ranked = open_calls.matcher.rank(need_facts(need), timezone.localdate(now), limit)
    dismissed = set(need.dismissals.values_list("call__external_id", flat=True))
    best = [s for s in ranked if s.score >= MIN_SCORE and s.call not in dismissed]
    calls = Call.objects.select_related("funder").in_bulk([open_calls.pks[s.call] for s in best])
    return [
        Suggested(calls[open_calls.pks[s.call]], s.score, rank, list(s.reasons))
        for rank, s in enumerate(best, start=1)
    ]


# --- the coordinator's matches page -----------------------------------------------------------


def matches_consortia(user: User) -> list[Consortium]:
    """The consortia whose matches the user may read, in Swedish order of name."""
    visible = permissions_for(user).visible_consortium_ids()
    consortia = Consortium.objects.all()
    if visible is not None:
        consortia = consortia.filter(pk__in=visible)
    return sorted(consortia, key=lambda c: swedish_sort_key(c.name))


def matches_seen_at(user: User, consortium: Consortium) -> datetime | None:
    """Up to when the user has marked the consortium's matches as seen (None: never)."""
    visit = MatchesVisit.objects.filter(user=user, consortium=consortium).first()
    return visit.seen_at if visit is not None else None


@dataclass(frozen=True)
class MatchRow:
    match: Match
    days_left: int
    new: bool


def good_matches(
    user: User,
    consortium: Consortium,
    now: datetime,
    *,
    since: datetime | None = None,
    new_only: bool = False,
) -> list[MatchRow]:
    """The first good matches (`good_match_rows`) for the matches page. One query, however many
    needs and calls."""
    rows = good_match_rows(user, consortium, now, since=since, new_only=new_only)
    return [match_row(match, now, since) for match in rows[:MATCHES_LIMIT]]


def match_row(match: Match, now: datetime, since: datetime | None) -> MatchRow:
    """A match with its days left; "new" when first suggested after `since` (every match when
    `since` is None)."""
    return MatchRow(
        match=match,
        days_left=match.call.days_left_on(now),
        new=since is None or match.first_seen_at > since,
    )


def good_match_rows(
    user: User,
    consortium: Consortium,
    now: datetime,
    *,
    since: datetime | None = None,
    new_only: bool = False,
) -> QuerySet[Match]:
    """The good matches of the consortium's needs that the user may see, on calls still open,
    the soonest deadline first, without those dismissed; with `new_only`, those first suggested
    after `since`."""
    matches = (
        Match.objects.undismissed()
        .filter(
            need__in=_consortium_needs(user, consortium),
            rank__lte=GOOD_RANK,
            score__gte=GOOD_SCORE,
            call__closes__gte=now,
        )
        .select_related("need__municipality", "call__funder")
        .order_by("call__closes", "-score", "pk")
    )
    if new_only and since is not None:
        matches = matches.filter(first_seen_at__gt=since)
    return matches


def _consortium_needs(user: User, consortium: Consortium) -> QuerySet[Need, int]:
    """The ids of the consortium's open needs and drafts the user may see, as a subquery."""
    return (
        needs_for(user)
        .filter(municipality__memberships__consortium=consortium, status__in=MATCHED_STATUSES)
        .values_list("pk", flat=True)
    )


def dismissed_matches(user: User, consortium: Consortium, now: datetime) -> QuerySet[Dismissal]:
    """The suggestions dismissed for the consortium's needs that the user may see, on calls
    still open, the latest dismissed first. One query."""
    return (
        Dismissal.objects.filter(
            need__in=_consortium_needs(user, consortium), call__closes__gte=now
        )
        .select_related("need__municipality", "call__funder", "dismissed_by")
        .order_by("-dismissed_at", "-pk")
    )


def dismissal_get(user: User, pk: int) -> Dismissal:
    """A dismissal of a need the user may see; "not found" and "not allowed" answer the same."""
    dismissal = (
        Dismissal.objects.filter(pk=pk, need__in=needs_for(user))
        .select_related("need__municipality", "call")
        .first()
    )
    if dismissal is None:
        raise NotFound(_("No such suggestion."))
    return dismissal


def match_get(user: User, need_pk: int, call_pk: int) -> Match:
    """A stored suggestion of a need the user may see (dismissed or not)."""
    match = (
        Match.objects.filter(need_id=need_pk, call_id=call_pk, need__in=needs_for(user))
        .select_related("need__municipality", "call__funder")
        .first()
    )
    if match is None:
        raise NotFound(_("No such suggestion."))
    return match


def dismissable_municipalities(user: User) -> set[int]:
    """The municipalities whose suggestions the user may dismiss and restore: those whose
    needs they may change (`can_edit_need`), read once for a whole list."""
    return set(editable_municipalities(user).values_list("pk", flat=True))
