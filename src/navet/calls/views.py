from datetime import datetime, time, timedelta
from itertools import groupby
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_POST

from navet.calls import selectors, services
from navet.calls.exports import calls_export, export_calls
from navet.calls.forms import (
    CalendarFilterForm,
    CallClassifyForm,
    CallFilterForm,
    CallForm,
    CallImportForm,
    SourceForm,
    WatchForm,
)
from navet.calls.ical import entries_calendar
from navet.calls.models import Call
from navet.calls.month import month_grid, parse_month, shift_month
from navet.calls.permissions import can_manage_calls
from navet.core import calendar
from navet.core.audit import history_for
from navet.core.errors import DomainError, PermissionDenied
from navet.core.exports import export_answer
from navet.core.http import AuthenticatedHttpRequest
from navet.core.paging import page_of
from navet.organisations.selectors import consortia_for, municipality_get


def call_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CallFilterForm(request.GET or None, choices=selectors.filter_choices())
    criteria = form.criteria()
    now = timezone.now()
    page = page_of(request, selectors.calls_matching(criteria, now))
    rows = [{"call": call} for call in page]
    return render(
        request,
        "calls/call_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "can_manage": can_manage_calls(request.user),
        },
    )


def call_export(request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
    """The calls page's list, with its filters, as Excel or Swedish CSV (`calls.exports`)."""
    return export_answer(
        request,
        calls_export(request.GET, kind),
        task=export_calls,
        arguments=(request.GET.urlencode(), kind),
        back=f"{reverse('calls:call-list')}?{request.GET.urlencode()}",
    )


def call_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upload a file of calls (JSON, .xlsx, CSV) and see what was imported and what was not."""
    can_manage_calls(request.user).require()
    form = CallImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = services.calls_import_file(
                actor=request.user, filename=upload.name, content=upload.read()
            )
        except DomainError as error:
            form.add_error("file", error.message)
    return render(request, "calls/call_import.html", {"form": form, "report": report})


def call_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    call = selectors.call_get(pk)
    can_manage = can_manage_calls(request.user)
    form = CallClassifyForm(
        request.POST or None,
        initial={
            "themes": [t.slug for t in call.themes.all()],
            "target_groups": [g.slug for g in call.target_groups.all()],
        },
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(can_manage.reason)
        if form.is_valid():
            try:
                services.call_classify(actor=request.user, call=call, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The themes and target groups were saved."))
                return redirect("calls:call-detail", pk=call.pk)
    now = timezone.now()
    return render(
        request,
        "calls/call_detail.html",
        {
            "call": call,
            "status": call.status_on(now),
            "following": call.pk in selectors.followed_call_ids(request.user),
            "can_manage": can_manage,
            "classify_form": form,
            "evidence": _evidence_rows(call),
            "history": history_for(call),
        },
    )


def _evidence_rows(call: Call) -> list[tuple[str, str]]:
    """(label, the words behind it) for each suggested theme and target group."""
    if call.classification != Call.Classification.INFERRED:
        return []
    themes = call.evidence.get("themes", {})
    groups = call.evidence.get("target_groups", {})
    return [(t.sv, ", ".join(themes.get(t.slug, []))) for t in call.themes.all()] + [
        (g.sv, ", ".join(groups.get(g.slug, []))) for g in call.target_groups.all()
    ]


@require_POST
def call_follow(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    call = selectors.call_get(pk)
    following = services.call_follow(actor=request.user, call=call)
    if request.htmx:
        return render(
            request,
            "calls/call_detail.html#follow-button",
            {"call": call, "following": following},
        )
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=False):
        if following:
            messages.success(request, _("You follow %(title)s.") % {"title": call.title})
        else:
            messages.success(request, _("You no longer follow %(title)s.") % {"title": call.title})
        return redirect(back)
    return redirect("calls:call-detail", pk=call.pk)


WEEKDAYS = [
    _lazy("Monday"),
    _lazy("Tuesday"),
    _lazy("Wednesday"),
    _lazy("Thursday"),
    _lazy("Friday"),
    _lazy("Saturday"),
    _lazy("Sunday"),
]


def deadline_calendar_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The one calendar – call deadlines and what the higher apps register – as a list of what is
    coming, or one month as a grid (`?visa=manad`), filtered by kind and consortium."""
    consortia = list(consortia_for(request.user))
    form = CalendarFilterForm(
        request.GET or None,
        kinds=[calendar.CALL, *calendar.providers()],
        consortia=[(c.slug, c.name) for c in consortia],
    )
    kinds = form.kinds()
    consortium_id = next((c.pk for c in consortia if c.slug == form.consortium()), None)
    grid_view = request.GET.get("visa") == "manad"
    filters = urlencode(
        [(key, value) for key in ("typ", "samverkan") for value in request.GET.getlist(key)]
    )
    context: dict[str, object] = {
        "form": form,
        "filters": filters,
        "grid_view": grid_view,
        "weekday_names": WEEKDAYS,
        "several_consortia": len(consortia) > 1,
        "today": timezone.localdate(),
    }
    if grid_view:
        first = parse_month(request.GET.get("manad", ""), timezone.localdate())
        start = timezone.make_aware(datetime.combine(first, time.min))
        end = timezone.make_aware(datetime.combine(shift_month(first, 1), time.min))
        window = calendar.Window(start, end, selectors.MONTH_LIMIT, consortium_id)
        entries, more = selectors.calendar_entries(request.user, window, kinds)
        context.update(
            more=more,
            limit=selectors.MONTH_LIMIT,
            month=first,
            previous=shift_month(first, -1),
            next=shift_month(first, 1),
            weeks=month_grid(first, ((entry.day, entry) for entry in entries)),
        )
    else:
        window = calendar.Window(timezone.now(), None, selectors.LIST_LIMIT, consortium_id)
        entries, more = selectors.calendar_entries(request.user, window, kinds)
        page = page_of(request, entries)
        context.update(
            more=more,
            limit=selectors.LIST_LIMIT,
            page=page,
            months=[
                (month, list(rows))
                for month, rows in groupby(page, key=lambda entry: entry.day.replace(day=1))
            ],
        )
    feeds = selectors.calendar_feeds_of(request.user)
    subscriptions = [
        {
            "label": _("Your calendar") if municipality is None else municipality.name,
            "municipality": municipality.code if municipality else "",
            "url": (
                request.build_absolute_uri(reverse("calls:calendar-feed", args=[feed.token]))
                if feed
                else ""
            ),
        }
        for municipality, feed in feeds
    ]
    context["subscriptions"] = subscriptions
    return render(request, "calls/calendar.html", context)


@require_POST
def calendar_feed_address(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Create the secret address of a calendar feed, or replace it with a new one."""
    code = request.POST.get("municipality", "")
    municipality = municipality_get(code) if code else None
    feed = services.calendar_feed_get_or_create(actor=request.user, municipality=municipality)
    if request.POST.get("renew"):
        services.calendar_feed_renew(actor=request.user, feed=feed)
        messages.success(request, _("The calendar has a new address; the old one no longer works."))
    return redirect("calls:calendar")


FEED_PAST_DAYS = 31  # entries that passed this recently stay in a feed
FEED_LIMIT = 2000  # entries a feed holds at most


@login_not_required  # the secret address is the key
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The secret-address feed Outlook subscribes to; no login, the token is the key. A user's
    feed holds the calls the user follows and everything else of the calendar the user may read;
    a municipality's the calls its people follow."""
    feed = selectors.calendar_feed_by_token(token)
    now = timezone.now()
    window = calendar.Window(now - timedelta(days=FEED_PAST_DAYS), None, FEED_LIMIT)
    entries, _more = selectors.calendar_entries(
        feed.user, window, followers=selectors.feed_followers(feed)
    )
    name = f"Navet: {feed.user or feed.municipality}"
    body = entries_calendar(
        name, entries, base=request.build_absolute_uri("/").rstrip("/"), generated=now
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="navet.ics"'
    response["Cache-Control"] = "private, max-age=3600"
    return response


def funder_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request, "calls/funder_list.html", {"funders": selectors.funders_with_programmes()}
    )


def source_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The sources Navet watches, their last run, and a form to add one."""
    can_manage_calls(request.user).require()
    form = SourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            source = services.source_save(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The source was added."))
            return redirect("calls:source-detail", pk=source.pk)
    return render(request, "calls/source_list.html", {"sources": selectors.sources(), "form": form})


def source_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    can_manage_calls(request.user).require()
    source = selectors.source_get(pk)
    form = SourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        try:
            services.source_save(actor=request.user, source=source, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The source was saved."))
            return redirect("calls:source-detail", pk=source.pk)
    return render(
        request,
        "calls/source_detail.html",
        {"source": source, "form": form, "runs": selectors.runs_of(source)},
    )


@require_POST
def source_run(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    source = selectors.source_get(pk)
    run = services.source_run_start(actor=request.user, source=source)
    return redirect("calls:run-detail", pk=run.pk)


def run_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A run's progress (the page polls itself until the run has finished) and its report."""
    can_manage_calls(request.user).require()
    run = selectors.run_get(pk)
    template = "calls/run_detail.html#run-status" if request.htmx else "calls/run_detail.html"
    return render(request, template, {"run": run})


def run_register(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Register the call a changed page tells of: the form prefilled from the added text."""
    can_manage_calls(request.user).require()
    run = selectors.run_get(pk)
    form = CallForm(request.POST or None, initial=selectors.review_draft(run))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        themes, groups = data.pop("themes"), data.pop("target_groups")
        try:
            call = services.page_review_register(
                actor=request.user, run=run, themes=themes, target_groups=groups, **data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The call was saved."))
            return redirect("calls:call-detail", pk=call.pk)
    return render(request, "calls/call_form.html", {"form": form, "call": None, "review": run})


@require_POST
def run_reviewed(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The change of a page was reviewed and told of no new call."""
    run = selectors.run_get(pk)
    try:
        services.page_review_done(actor=request.user, run=run)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The change is marked as reviewed."))
    return redirect("calls:run-detail", pk=run.pk)


def watch(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The themes the user watches: new calls with them become notifications."""
    form = WatchForm(
        request.POST or None, initial={"themes": selectors.watched_theme_slugs(request.user)}
    )
    if request.method == "POST" and form.is_valid():
        services.themes_watch(actor=request.user, slugs=form.cleaned_data["themes"])
        messages.success(request, _("Your watched themes were saved."))
        return redirect("calls:watch")
    return render(request, "calls/watch.html", {"form": form})


def call_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    """Register a call by hand (e.g. one found on a watched page), or correct one."""
    can_manage_calls(request.user).require()
    call = selectors.call_get(pk) if pk else None
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        themes, groups = data.pop("themes"), data.pop("target_groups")
        try:
            call = services.call_save(
                actor=request.user, call=call, themes=themes, target_groups=groups, **data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The call was saved."))
            return redirect("calls:call-detail", pk=call.pk)
    return render(request, "calls/call_form.html", {"form": form, "call": call})
