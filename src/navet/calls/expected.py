"""Expected calls: the coming year's window of a programme, foreseen from its earlier calls.

§ 37 has opened each February and closed in May: Navet shows the next one before it opens –
"väntas öppna omkring 2027-02-03 (öppnade 2025-02-03 och 2026-02-02)" – in the calendar, on the
calls page and in the feeds, so that a needs analysis can start in time. An expected call is a
Call (`expected`), so every page, feed and follow reads it as it reads a call; when the real call
of the programme arrives with an overlapping window, the expected one gives way and its followers
follow the real call.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.calls.models import Call, CallFollow, Programme
from navet.core.audit import acting_as
from navet.core.notifications import notify

SOURCE = "väntad"  # the `source` of the calls Navet foresees (Vinnova's announced rounds differ)
RETIRED = "väntad:ersatt"  # an expected call a project or application still names
HISTORY_YEARS = 3  # the earlier years an expectation is drawn from, at most
MIN_YEARS = 2  # a programme needs calls in at least this many years to be foreseen


@dataclass(frozen=True)
class Window:
    opens: date
    closes: date


def expected_window(history: list[Window], year: int) -> Window:
    """The window of `year`: each earlier window's days moved to that year, averaged (half a
    day up), so 2025-02-03 and 2026-02-02 give 2027-02-03."""

    def average(days: list[date]) -> date:
        offsets = [(day - date(day.year, 1, 1)).days for day in days]
        return date(year, 1, 1) + timedelta(days=int(sum(offsets) / len(offsets) + 0.5))

    opens = average([w.opens for w in history])
    closes = max(average([w.closes for w in history]), opens)
    return Window(opens, closes)


def expected_calls_refresh(now: datetime | None = None) -> dict[str, int]:
    """Give way to the real calls that arrived, then foresee each programme's next window.
    Safe to run as often as wanted: an unchanged history changes nothing."""
    now = now or timezone.now()
    counts = {"replaced": 0, "expected": 0}
    with transaction.atomic(), acting_as(None):
        counts["replaced"] = _give_way()
        for programme in Programme.objects.select_related("funder"):
            counts["expected"] += _foresee(programme, now)
    return counts


def _give_way() -> int:
    """Expected calls whose programme now has a real call with an overlapping window: their
    followers follow the real call (and are told), and the expectation is removed."""
    replaced = 0
    for expected in Call.objects.filter(source=SOURCE, programme__isnull=False):
        real = (
            Call.objects.filter(programme=expected.programme, expected=False)
            .filter(closes__gte=expected.opens or expected.closes)
            .exclude(opens__gt=expected.closes)
            .order_by("closes")
            .first()
        )
        if real is None:
            continue
        for follow in expected.follows.select_related("user"):
            CallFollow.objects.get_or_create(user=follow.user, call=real)
            notify(
                user=follow.user,
                key=f"arrived:{real.pk}",
                title=_("The expected call has come: %(title)s") % {"title": real.title},
                url=reverse("calls:call-detail", args=[real.pk]),
            )
        _remove(expected, _("replaced by %(title)s") % {"title": real.title})
        replaced += 1
    return replaced


def _remove(expected: Call, why: str) -> None:
    """Remove an expected call; one that a project or an application names (they protect their
    call) is kept out of the way instead: no longer refreshed, its note saying why."""
    try:
        with transaction.atomic():
            expected.delete()
    except ProtectedError:
        Call.objects.filter(pk=expected.pk).update(
            source=RETIRED,
            external_id=f"{expected.external_id}-{expected.pk}"[:200],
            expected_note=why[:300],
        )


def _foresee(programme: Programme, now: datetime) -> int:
    """Create or move the programme's expected call; remove one no longer foreseen."""
    first_of_year: dict[int, Window] = {}
    calls = Call.objects.filter(programme=programme, expected=False, opens__isnull=False)
    for call in calls.order_by("opens"):
        opens = timezone.localtime(call.opens).date()
        first_of_year.setdefault(opens.year, Window(opens, timezone.localtime(call.closes).date()))
    years = sorted(first_of_year)[-HISTORY_YEARS:]
    stale = Call.objects.filter(programme=programme, source=SOURCE)
    gone = _("no longer expected")
    if len(years) < MIN_YEARS:
        for call in stale:
            _remove(call, gone)
        return 0
    year = years[-1] + 1
    history = [first_of_year[y] for y in years]
    window = expected_window(history, year)
    closes = timezone.make_aware(datetime.combine(window.closes, time(23, 59, 59)))
    if closes < now:
        for call in stale:
            _remove(call, gone)
        return 0
    external_id = f"vantad-{programme.slug}-{year}"
    for call in stale.exclude(external_id=external_id):
        _remove(call, gone)
    note = _("expected to open around %(day)s (opened %(days)s)") % {
        "day": window.opens.isoformat(),
        "days": _(" and ").join(w.opens.isoformat() for w in history),
    }
    values = {
        "funder": programme.funder,
        "programme": programme,
        "title": _("%(programme)s %(year)d (expected)")
        % {"programme": programme.name, "year": year},
        "description": programme.title,
        "opens": timezone.make_aware(datetime.combine(window.opens, time.min)),
        "closes": closes,
        "eligible_applicants": programme.eligible_applicants,
        "expected": True,
        "expected_note": note,
        "source": SOURCE,
    }
    stored = Call.objects.filter(external_id=external_id).first()
    if stored is None:
        call = Call.objects.create(external_id=external_id, **values)
        latest = calls.order_by("-opens").prefetch_related("themes", "target_groups").first()
        if latest is not None:  # matched to needs like the calls it is drawn from
            call.themes.set(latest.themes.all())
            call.target_groups.set(latest.target_groups.all())
        return 1
    changed = [name for name, value in values.items() if getattr(stored, name) != value]
    if changed:
        for name in changed:
            setattr(stored, name, values[name])
        stored.save()
    return 1
