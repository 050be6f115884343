"""Reads of calls: the call list with its filters, one call, funders and programmes."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.calls.models import (
    CalendarFeed,
    Call,
    CallFollow,
    Funder,
    ImportRun,
    Programme,
    Source,
    TargetGroup,
    Theme,
    ThemeFollow,
)
from navet.calls.permissions import can_manage_calls
from navet.calls.sources.page import call_draft
from navet.core import calendar
from navet.core.errors import NotFound
from navet.core.models import User
from navet.core.ordering import swedish
from navet.core.search import swedish_search
from navet.organisations.models import Municipality, Role
from navet.organisations.selectors import own_municipalities

MONTH_LIMIT = 500  # entries a month grid shows at most
LIST_LIMIT = 500  # entries the list shows at most, 50 a page


@dataclass(frozen=True)
class CallFilter:
    """What the calls page was asked for; every field optional."""

    state: str = "open"  # open | soon | closing | closed | all
    text: str = ""
    funder: str = ""  # slug
    programme: str = ""  # slug
    theme: str = ""  # slug
    target_group: str = ""  # slug
    no_cofinancing: bool = False
    min_amount: int | None = None
    closing_within_days: int = 30


def calls_matching(criteria: CallFilter, now: datetime) -> QuerySet[Call]:
    calls = Call.objects.select_related("funder", "programme").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("sv"))
    )
    if criteria.state == "open":
        calls = calls.open_on(now)
    elif criteria.state == "soon":
        calls = calls.coming_on(now)
    elif criteria.state == "closing":
        calls = calls.open_on(now).filter(
            closes__lte=now + timedelta(days=criteria.closing_within_days)
        )
    elif criteria.state == "closed":
        calls = calls.closed_on(now)
    if criteria.text:
        calls = swedish_search(calls, criteria.text)
    if criteria.funder:
        calls = calls.filter(funder__slug=criteria.funder)
    if criteria.programme:
        calls = calls.filter(programme__slug=criteria.programme)
    if criteria.theme:
        calls = calls.filter(themes__slug=criteria.theme)
    if criteria.target_group:
        calls = calls.filter(target_groups__slug=criteria.target_group)
    if criteria.no_cofinancing:
        calls = calls.filter(
            Q(cofinancing_percent=0)
            | Q(cofinancing_percent__isnull=True, programme__cofinancing_percent=0)
        )
    if criteria.min_amount is not None:
        calls = calls.filter(
            Q(max_amount_sek__gte=criteria.min_amount) | Q(max_amount_sek__isnull=True)
        )
    ordering = ["-closes"] if criteria.state == "closed" else ["closes"]
    if criteria.text:
        ordering.insert(0, "-search_rank")  # the best found first
    return calls.order_by(*ordering, swedish("title"), "pk").distinct()


def call_get(pk: int) -> Call:
    call = (
        Call.objects.select_related("funder", "programme")
        .prefetch_related("themes", "target_groups")
        .filter(pk=pk)
        .first()
    )
    if call is None:
        raise NotFound(_("No such call."))
    return call


Choices = list[tuple[str, str]]


def filter_choices() -> dict[str, Choices]:
    """(value, label) for each filter of the calls page; themes only where some call has them."""
    return {
        "funder": [(f.slug, f.name) for f in Funder.objects.order_by("name")],
        "programme": [
            (p.slug, str(p))
            for p in Programme.objects.select_related("funder").order_by("funder__name", "name")
        ],
        "theme": [
            (t.slug, t.sv)
            for t in Theme.objects.filter(calls__isnull=False).distinct().order_by("sv")
        ],
        "target_group": [
            (g.slug, g.sv)
            for g in TargetGroup.objects.filter(calls__isnull=False).distinct().order_by("sv")
        ],
    }


def funders_with_programmes() -> QuerySet[Funder]:
    return Funder.objects.prefetch_related("programmes").order_by("name")


def followed_call_ids(user: User) -> set[int]:
    return set(CallFollow.objects.filter(user=user).values_list("call_id", flat=True))


def feed_followers(feed: CalendarFeed) -> Q:
    """Whose followed calls a feed holds: its user's, or those of the municipality's contacts and
    steering representatives."""
    if feed.user_id is not None:
        return Q(follows__user_id=feed.user_id)
    return Q(
        follows__user__role_assignments__municipality_id=feed.municipality_id,
        follows__user__role_assignments__role__in=[Role.CONTACT, Role.STEERING],
    )


def calendar_entries(
    actor: User | None,
    window: calendar.Window,
    kinds: Collection[str] = calendar.KINDS,
    *,
    followers: Q | None = None,
) -> tuple[list[calendar.Entry], bool]:
    """The one calendar: the calls' deadlines (only those `followers` follow, when given) and the
    entries the higher apps register, of the `kinds` asked for, soonest first – the first
    `window.limit` of them and whether there are more. Every provider gives at most one more than
    the limit, so the cut leaves no gap: what a provider kept back sorts after what is shown.
    Without an actor (a municipality's feed) only calls."""
    followed = followed_call_ids(actor) if actor is not None else set()
    entries = []
    if calendar.CALL in kinds:
        calls = Call.objects.filter(closes__gte=window.start)
        if window.end is not None:
            calls = calls.filter(closes__lt=window.end)
        if followers is not None:
            calls = calls.filter(followers).distinct()
        calls = calls.select_related("funder").order_by("closes", swedish("title"), "pk")
        entries += [_call_entry(call, call.pk in followed) for call in calls[: window.limit + 1]]
    if actor is not None:
        for kind, provider in calendar.providers().items():
            if kind in kinds:
                entries += provider(actor, window)
    entries.sort(key=lambda entry: entry.sort_key)
    return entries[: window.limit], len(entries) > window.limit


def _call_entry(call: Call, followed: bool) -> calendar.Entry:
    notes = ((_("Expected"),) if call.expected else ()) + ((_("Followed"),) if followed else ())
    lines = [
        f"{_('Expected call')}: {call.expected_note}" if call.expected else "",
        str(call.funder or ""),
    ]
    return calendar.Entry(
        kind=calendar.CALL,
        uid=f"call-{call.pk}-closes@navet",
        label=_("Application deadline"),
        title=f"{call.title} – {call.expected_note}" if call.expected else call.title,
        starts=call.closes - timedelta(minutes=30),
        ends=call.closes,
        day=timezone.localtime(call.closes).date(),
        path=reverse("calls:call-detail", args=[call.pk]),
        link=call.url,
        description="\n".join(line for line in lines if line),
        notes=notes,
        reminders=(14, 7, 2),
        updated=call.updated_at,
    )


def calendar_feed_by_token(token: str) -> CalendarFeed:
    feed = CalendarFeed.objects.select_related("user", "municipality").filter(token=token).first()
    if feed is None or (feed.user is not None and not feed.user.is_active):
        raise NotFound(_("No such calendar."))
    return feed


def calendar_feeds_of(user: User) -> list[tuple[Municipality | None, CalendarFeed | None]]:
    """The user's own feed, then one per municipality the user is a contact for (or None)."""
    municipalities = own_municipalities(user)
    feeds = CalendarFeed.objects.filter(
        Q(user=user) | Q(municipality__in=[m.pk for m in municipalities])
    )
    by_owner = {(feed.user_id, feed.municipality_id): feed for feed in feeds}
    return [(None, by_owner.get((user.pk, None)))] + [
        (municipality, by_owner.get((None, municipality.pk))) for municipality in municipalities
    ]


def sources() -> list[Source]:
    """Every source with its latest run as `latest_run` (two queries, whatever the history)."""
    latest = ImportRun.objects.filter(source=OuterRef("pk")).order_by("-created_at", "-pk")
    all_sources: list[Source] = list(
        Source.objects.select_related("default_funder", "default_programme")
        .annotate(latest_run_id=Subquery(latest.values("pk")[:1]))
        .order_by(swedish("name"), "pk")
    )
    runs = ImportRun.objects.in_bulk([s.latest_run_id for s in all_sources if s.latest_run_id])  # type: ignore[attr-defined]
    for source in all_sources:
        source.latest_run = runs.get(source.latest_run_id)  # type: ignore[attr-defined]
    return all_sources


def source_get(pk: int) -> Source:
    source = Source.objects.filter(pk=pk).first()
    if source is None:
        raise NotFound(_("No such source."))
    return source


def runs_of(source: Source, limit: int = 20) -> list[ImportRun]:
    return list(source.runs.order_by("-created_at", "-pk")[:limit])


def run_get(pk: int) -> ImportRun:
    run = (
        ImportRun.objects.select_related("source", "started_by", "reviewed_by", "registered_call")
        .filter(pk=pk)
        .first()
    )
    if run is None:
        raise NotFound(_("No such run."))
    return run


def page_reviews_pending(actor: User) -> list[ImportRun]:
    """Changed watched pages nobody has reviewed yet, oldest first: a to-do for coordinators
    and administrators. Sources are shared by every consortium, so every coordinator has the
    same list; anyone else has none."""
    if not can_manage_calls(actor):
        return []
    return list(
        ImportRun.objects.filter(reviewed_at__isnull=True, source__isnull=False)
        .filter(~Q(page_changes=[]) | ~Q(page_removed=[]))
        .select_related("source")
        .order_by("created_at", "pk")
    )


def review_draft(run: ImportRun) -> dict[str, Any]:
    """The call form's values from a changed page's added text, for the coordinator to
    confirm: title, dates, the largest amount, and the source's funder and programme."""
    draft = call_draft(run.page_changes)
    source = run.source
    values: dict[str, Any] = {
        "title": draft.title,
        "description": draft.description,
        "max_amount_sek": draft.max_amount_sek,
        "url": source.url if source else "",
        "funder": source.default_funder_id if source else None,
        "programme": source.default_programme_id if source else None,
    }
    if draft.opens:
        values["opens"] = _stockholm(date.fromisoformat(draft.opens), time.min)
    if draft.closes:
        values["closes"] = _stockholm(date.fromisoformat(draft.closes), time(23, 59))
    return values


def _stockholm(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))


def watched_theme_slugs(user: User) -> list[str]:
    return list(ThemeFollow.objects.filter(user=user).values_list("theme_id", flat=True))


def funder_by_slug(slug: str) -> Funder:
    funder = Funder.objects.filter(slug=slug).first()
    if funder is None:
        raise NotFound(_("No such funder: %(slug)s.") % {"slug": slug})
    return funder


def programme_by_slug(slug: str) -> Programme:
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise NotFound(_("No such programme: %(slug)s.") % {"slug": slug})
    return programme
