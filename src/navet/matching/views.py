"""The need's best calls and partner municipalities, and the coordinator's matches page."""

from datetime import UTC, datetime

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from navet.calls.selectors import followed_call_ids
from navet.core.errors import DomainError
from navet.core.http import AuthenticatedHttpRequest
from navet.matching.forms import DismissForm
from navet.matching.selectors import (
    GOOD_RANK,
    GOOD_SCORE,
    MATCHES_LIMIT,
    dismissable_municipalities,
    dismissal_get,
    dismissed_matches,
    good_matches,
    match_get,
    matcher_for,
    matches_consortia,
    matches_seen_at,
    need_suggestions,
    overlapping_projects,
    partners_for,
    stored_suggestions,
)
from navet.matching.services import (
    match_dismiss,
    match_restore,
    matches_mark_seen,
    need_matches_refresh,
)
from navet.needs.permissions import can_edit_need
from navet.needs.selectors import need_get
from navet.organisations.selectors import consortium_chosen, consortium_for


def need_suggestions_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    need = need_get(request.user, pk)
    now = timezone.now()
    open_calls = matcher_for(now)
    matches = need_suggestions(need, now)
    if matches is None:  # never ranked, or changed since: rank it now
        need_matches_refresh(need, open_calls=open_calls, today=timezone.localdate(now))
        matches = stored_suggestions(need)
    partners = partners_for(need, open_calls.matcher)
    context = {
        "need": need,
        "matches": [match for match in matches if match.label is not None],
        "partners": partners,
        "overlaps": overlapping_projects(need, open_calls.matcher, request.user),
        # Who may start project ideas: municipal contacts and coordinators, as for needs.
    }
    template = "matching/need_suggestions.html"
    if request.htmx:
        template += "#suggestions"
    return render(request, template, context)


# The matches page only reads. What is "new" is new until the user presses "Mark as seen" (a
# POST): a reload, a second tab or a link preview fetching the page does not make the new
# matches old before anybody has looked at them, and the API's GET reads the same marker.
def matches_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The good matches of a consortium's needs; those first suggested since the user last
    marked them as seen come first."""
    consortia = matches_consortia(request.user)
    context: dict[str, object] = {
        "consortia": consortia,
        "good_rank": GOOD_RANK,
        "good_score": GOOD_SCORE,
    }
    consortium = consortium_chosen(request.user, request.GET.get("samverkan", ""))
    if consortium is not None:
        now = timezone.now()
        seen_at = matches_seen_at(request.user, consortium)
        rows = good_matches(request.user, consortium, now, since=seen_at)
        context |= {
            "consortium": consortium,
            "seen_at": seen_at,
            "now": now,
            "new_rows": [row for row in rows if row.new],
            "earlier_rows": [row for row in rows if not row.new],
            "dismissed": list(dismissed_matches(request.user, consortium, now)[:MATCHES_LIMIT]),
            "may_dismiss": dismissable_municipalities(request.user),
            "followed": followed_call_ids(request.user),
            "here": request.get_full_path(),
        }
    return render(request, "matching/matches.html", context)


@require_POST
def matches_seen(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Mark the consortium's matches as seen up to when the page was made."""
    consortium = consortium_for(request.user, request.POST.get("samverkan", ""))
    seen_at = _posted_time(request.POST.get("seen_until", ""), timezone.now())
    matches_mark_seen(actor=request.user, consortium=consortium, seen_at=seen_at)
    messages.success(request, _("The matches are marked as seen."))
    return redirect(_matches_url(consortium.slug))


def match_dismiss_view(request: AuthenticatedHttpRequest, need: int, call: int) -> HttpResponse:
    """Set a suggested call aside for a need, with a reason; back to the matches page."""
    match = match_get(request.user, need, call)
    can_edit_need(request.user, match.need).require()
    slug = request.GET.get("samverkan", "")
    form = DismissForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            match_dismiss(actor=request.user, need=match.need, call=match.call, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(call)s is dismissed for %(need)s.")
                % {"call": match.call.title, "need": match.need.title},
            )
            return redirect(_matches_url(slug))
    context = {"match": match, "form": form, "back": _matches_url(slug)}
    return render(request, "matching/dismiss.html", context)


@require_POST
def match_restore_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Bring a dismissed suggestion back to the matches."""
    dismissal = dismissal_get(request.user, pk)
    match_restore(actor=request.user, dismissal=dismissal)
    messages.success(
        request,
        _("%(call)s is suggested for %(need)s again.")
        % {"call": dismissal.call.title, "need": dismissal.need.title},
    )
    return redirect(_matches_url(request.POST.get("samverkan", "")))


def _matches_url(slug: str) -> str:
    return reverse("matching:matches") + ("?" + urlencode({"samverkan": slug}) if slug else "")


def _posted_time(value: str, now: datetime) -> datetime:
    """The time the page was made, as the form sends it back; now if it is not a usable time."""
    try:
        moment = parse_datetime(value)
        if moment is None:
            return now
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return now
