"""Keeping the stored suggestions up to date, and the facts the engine reads from the database.

The engine (`engine.py`) is pure; this module turns calls and needs into its dataclasses and
stores what it finds. A refresh is incremental: on the same day only the needs and calls changed
since the last refresh are ranked again; a new day (calls open and close) ranks everything.
"""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.calls.models import Call
from navet.core.audit import acting_as
from navet.core.errors import DomainError, PermissionDenied, full_clean
from navet.core.models import User
from navet.matching import engine
from navet.matching.models import (
    Dismissal,
    Match,
    MatchesVisit,
    Refresh,
    reason_json,
    reason_message,
)
from navet.matching.selectors import (
    MATCHED_STATUSES,
    MIN_SCORE,
    OpenCalls,
    matcher_for,
    need_facts,
    needs_for_matching,
)
from navet.needs.models import Need
from navet.needs.permissions import can_edit_need
from navet.organisations.models import Consortium
from navet.organisations.permissions import permissions_for

SUGGESTIONS_PER_NEED = 20
BATCH = 500  # needs whose matches are read and written together


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
        for batch in _batches(changed_needs):
            _store(
                [(n, matcher.rank(need_facts(n), today, SUGGESTIONS_PER_NEED)) for n in batch],
                calls,
            )
        if changed_calls:
            ranked = {need.pk for need in changed_needs}
            for batch in _batches(needs.exclude(pk__in=ranked).order_by("pk")):
                _merge(batch, matcher, changed_calls, today, calls)
        Refresh.objects.all().delete()
        Refresh.objects.create(finished_at=now, day=today)
    return RefreshReport(today, full, len(changed_needs), len(changed_calls))


def need_matches_refresh(need: Need, *, open_calls: OpenCalls, today: date) -> None:
    """Rank one need again (its page asks when the stored list is older than the need)."""
    with transaction.atomic():
        if need.status in MATCHED_STATUSES:
            ranked = open_calls.matcher.rank(need_facts(need), today, SUGGESTIONS_PER_NEED)
            _store([(need, ranked)], open_calls.pks)
        else:
            need.matches.all().delete()


def _batches(needs: Iterable[Need]) -> Iterator[list[Need]]:
    """The needs a few hundred at a time: each batch's matches are read and written in a few
    statements, not a few per need (the national refresh ranks tens of thousands)."""
    batch: list[Need] = []
    for need in needs:
        batch.append(need)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class _Stored:
    pk: int
    call: str  # external id
    score: float
    rank: int
    reasons: list[dict[str, Any]]  # as `reason_json` stores them


def _stored(needs: list[Need]) -> dict[int, dict[int, _Stored]]:
    """The matches stored for these needs, by need and call (one query, no model objects:
    a national refresh reads hundreds of thousands)."""
    stored: dict[int, dict[int, _Stored]] = {need.pk: {} for need in needs}
    rows = Match.objects.filter(need__in=needs).values_list(
        "need_id", "call_id", "pk", "call__external_id", "score", "rank", "reasons"
    )
    for need_pk, call_pk, *facts in rows:
        stored[need_pk][call_pk] = _Stored(*facts)
    return stored


def _store(ranked: list[tuple[Need, list[engine.Suggestion]]], calls: Mapping[str, int]) -> None:
    """Keep each need's best suggestions; a pair already stored keeps its first-seen time."""
    stored = _stored([need for need, _ in ranked])
    changed, create, gone = [], [], []
    for need, suggestions in ranked:
        mine = stored[need.pk]
        best = [s for s in suggestions if s.score >= MIN_SCORE][:SUGGESTIONS_PER_NEED]
        for rank, suggestion in enumerate(best, start=1):
            call_pk = calls[suggestion.call]
            old = mine.pop(call_pk, None)
            reasons = [reason_json(reason) for reason in suggestion.reasons]
            if old is None:
                create.append(_match(need, call_pk, suggestion, rank))
            elif (old.score, old.rank, old.reasons) != (suggestion.score, rank, reasons):
                # Most stay as they were, and are not written again.
                changed.append(Match(pk=old.pk, score=suggestion.score, rank=rank, reasons=reasons))
        gone += [old.pk for old in mine.values()]
    Match.objects.filter(pk__in=gone).delete()
    Match.objects.bulk_update(changed, ["score", "rank", "reasons"], batch_size=BATCH)
    Match.objects.bulk_create(create, batch_size=BATCH)


def _merge(
    needs: list[Need],
    matcher: engine.Matcher,
    changed: set[str],
    today: date,
    calls: Mapping[str, int],
) -> None:
    """Score only the changed calls for each need and fold them into its stored list."""
    stored = _stored(needs)
    ranked = []
    for need in needs:
        kept = [
            engine.Suggestion(m.call, m.score, tuple(reason_message(r) for r in m.reasons))
            for m in stored[need.pk].values()
            if m.call not in changed and m.call in calls
        ]
        fresh = matcher.score(need_facts(need), changed, today)
        ranked.append((need, sorted(kept + fresh, key=lambda s: (-s.score, s.call))))
    _store(ranked, calls)


def _match(need: Need, call_pk: int, suggestion: engine.Suggestion, rank: int) -> Match:
    return Match(
        need=need,
        call_id=call_pk,
        score=suggestion.score,
        rank=rank,
        reasons=[reason_json(reason) for reason in suggestion.reasons],
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


def match_dismiss(*, actor: User, need: Need, call: Call, reason: str, note: str = "") -> Dismissal:
    """Set a suggested call aside for the need, saying why: it leaves the lists of matches until
    it is restored, whatever later refreshes rank. Those who may change the need may do it."""
    can_edit_need(actor, need).require()
    if not Match.objects.filter(need=need, call=call).exists():
        raise DomainError(_("This call is not among the need's suggestions."))
    already = DomainError(_("This suggestion has already been dismissed."))
    if Dismissal.objects.filter(need=need, call=call).exists():
        raise already
    dismissal = Dismissal(
        need=need, call=call, reason=reason, note=note.strip(), dismissed_by=actor
    )
    try:
        with transaction.atomic(), acting_as(actor):
            full_clean(dismissal)
            dismissal.save()
    except IntegrityError as error:  # a second click that raced the first
        raise already from error
    return dismissal


def match_restore(*, actor: User, dismissal: Dismissal) -> None:
    """Bring a dismissed suggestion back to the lists of matches (the audit trail keeps who
    dismissed it and why)."""
    can_edit_need(actor, dismissal.need).require()
    with transaction.atomic(), acting_as(actor):
        dismissal.delete()
