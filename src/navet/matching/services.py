"""Keeping the stored suggestions up to date, and the facts the engine reads from the database.

The engine (`engine.py`) is pure; this module turns calls and needs into its dataclasses and
stores what it finds. A refresh is incremental: on the same day only the needs and calls changed
since the last refresh are ranked again; a new day (calls open and close) ranks everything.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from navet.calls.models import Call
from navet.core.errors import PermissionDenied
from navet.core.models import User
from navet.matching import engine
from navet.matching.models import Match, MatchesVisit, Refresh
from navet.matching.selectors import (
    MATCHED_STATUSES,
    MIN_SCORE,
    OpenCalls,
    matcher_for,
    need_facts,
    needs_for_matching,
)
from navet.needs.models import Need
from navet.organisations.models import Consortium
from navet.organisations.permissions import permissions_for

SUGGESTIONS_PER_NEED = 20


@dataclass(frozen=True)
class RefreshReport:
    day: date
    full: bool
    needs_ranked: int
    calls_rescored: int


def matches_refresh(*, now: datetime | None = None, full: bool = False) -> RefreshReport:
    """Bring the stored suggestions up to date; safe to run as often as wanted."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        last = Refresh.objects.select_for_update().first()
        full = full or last is None or last.day != today
        open_calls = matcher_for(now)
        matcher, calls = open_calls.matcher, open_calls.pks
        Match.objects.exclude(need__status__in=MATCHED_STATUSES).delete()
        needs = needs_for_matching()
        if full:
            changed_needs = list(needs)
            changed_calls: set[str] = set()
        else:
            assert last is not None  # noqa: S101  (full is True when there is no refresh yet)
            changed_needs = list(needs.filter(updated_at__gt=last.finished_at))
            changed_calls = set(
                Call.objects.filter(updated_at__gt=last.finished_at).values_list(
                    "external_id", flat=True
                )
            )
        for need in changed_needs:
            _store(need, matcher.rank(need_facts(need), today, SUGGESTIONS_PER_NEED), calls)
        if changed_calls:
            ranked = {need.pk for need in changed_needs}
            for need in needs.exclude(pk__in=ranked):
                _merge(need, matcher, changed_calls, today, calls)
        Refresh.objects.all().delete()
        Refresh.objects.create(finished_at=now, day=today)
    return RefreshReport(today, full, len(changed_needs), len(changed_calls))


def need_matches_refresh(need: Need, *, open_calls: OpenCalls, today: date) -> None:
    """Rank one need again (its page asks when the stored list is older than the need)."""
    with transaction.atomic():
        if need.status in MATCHED_STATUSES:
            _store(
                need,
                open_calls.matcher.rank(need_facts(need), today, SUGGESTIONS_PER_NEED),
                open_calls.pks,
            )
        else:
            need.matches.all().delete()


def _store(need: Need, suggestions: list[engine.Suggestion], calls: Mapping[str, int]) -> None:
    """Keep the need's best suggestions; a pair already stored keeps its first-seen time."""
    best = [s for s in suggestions if s.score >= MIN_SCORE][:SUGGESTIONS_PER_NEED]
    stored = {m.call_id: m for m in need.matches.all()}
    keep, create = [], []
    for rank, suggestion in enumerate(best, start=1):
        call_pk = calls[suggestion.call]
        match = stored.pop(call_pk, None)
        if match is None:
            create.append(_match(need, call_pk, suggestion, rank))
            continue
        match.score, match.rank, match.reasons = suggestion.score, rank, list(suggestion.reasons)
        keep.append(match)
    Match.objects.filter(pk__in=[m.pk for m in stored.values()]).delete()
    Match.objects.bulk_update(keep, ["score", "rank", "reasons"])
    Match.objects.bulk_create(create)


def _merge(
    need: Need,
    matcher: engine.Matcher,
    changed: set[str],
    today: date,
    calls: Mapping[str, int],
) -> None:
    """Score only the changed calls for a need and fold them into its stored list."""
    stored = [
        engine.Suggestion(m.call.external_id, m.score, tuple(m.reasons))
        for m in need.matches.select_related("call")
        if m.call.external_id not in changed and m.call.external_id in calls
    ]
    fresh = matcher.score(need_facts(need), changed, today)
    merged = sorted(stored + fresh, key=lambda s: (-s.score, s.call))
    _store(need, merged, calls)


def _match(need: Need, call_pk: int, suggestion: engine.Suggestion, rank: int) -> Match:
    return Match(
        need=need,
        call_id=call_pk,
        score=suggestion.score,
        rank=rank,
        reasons=list(suggestion.reasons),
    )


def matches_mark_seen(*, actor: User, consortium: Consortium, seen_at: datetime) -> MatchesVisit:
    """The user has looked through the consortium's matches first suggested up to `seen_at`
    (when the page they looked at was made): later ones stay new to them.

    Never moves back, and never past now. A personal bookmark, like a read marker: it changes
    no shared record, so it writes no audit entry.
    """
    decision = permissions_for(actor).can_view_consortium(consortium)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    seen_at = min(seen_at, timezone.now())
    with transaction.atomic():
        visit, created = MatchesVisit.objects.select_for_update().get_or_create(
            user=actor, consortium=consortium, defaults={"seen_at": seen_at}
        )
        if not created and seen_at > visit.seen_at:
            visit.seen_at = seen_at
            visit.save(update_fields=["seen_at"])
    return visit
