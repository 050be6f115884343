"""The meeting pages: the list, a meeting with its agenda, attendance, minutes and links, the
form, recording attendance, recording a motion's decision by the votes of the members present,
the invitation (sent or downloaded) and the participation of each member over the last twelve
months."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from navet.core.errors import DomainError
from navet.core.http import AuthenticatedHttpRequest
from navet.core.paging import page_of
from navet.decisions import participation, selectors, services
from navet.decisions.forms import AttendanceForm, MeetingForm, MeetingVotesForm
from navet.decisions.permissions import (
    can_manage_meetings,
    can_manage_motions,
    can_plan_meetings,
)
from navet.decisions.views import _coordinated
from navet.needs.selectors import need_get
from navet.organisations.selectors import consortium_for


def meeting_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    slug = request.GET.get("samverkan", "")
    text = request.GET.get("text", "").strip()[:100]
    meetings = selectors.meeting_list(request.user, slug, text)
    now = timezone.now()
    return render(
        request,
        "decisions/meeting_list.html",
        {
            "upcoming": meetings.filter(ends_at__gte=now).order_by("starts_at", "pk"),
            "page": page_of(request, meetings.filter(ends_at__lt=now)),
            "consortia": selectors.meeting_consortia(request.user),
            "can_plan": can_plan_meetings(request.user),
            "text": text,
            "samverkan": slug,
        },
    )


def meeting_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    can_plan_meetings(request.user).require()
    consortia = _coordinated(request)
    chosen = consortia.filter(slug=request.GET.get("samverkan", "")).first() or consortia.first()
    form = MeetingForm(request.POST or None, initial={"consortium": chosen}, consortia=consortia)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The meeting is planned."))
            return redirect("decisions:meeting-detail", pk=meeting.pk)
    return render(request, "decisions/meeting_form.html", {"form": form, "meeting": None})


def meeting_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(request.user, pk)
    can_manage_meetings(request.user, meeting.consortium).require()
    initial = {name: getattr(meeting, name) for name in services.meetings.EDITABLE}
    initial["agenda"] = "\n".join(item.title for item in selectors.agenda_of(meeting))
    initial["needs"] = list(meeting.needs.values_list("pk", flat=True))
    initial["motions"] = list(meeting.motions.values_list("pk", flat=True))
    form = MeetingForm(
        request.POST or None,
        initial=initial,
        consortia=None,
        choices=selectors.meeting_choices(meeting.consortium),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(actor=request.user, meeting=meeting, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect("decisions:meeting-detail", pk=pk)
    return render(request, "decisions/meeting_form.html", {"form": form, "meeting": meeting})


def meeting_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(request.user, pk)
    manage = can_manage_meetings(request.user, meeting.consortium)
    return render(
        request,
        "decisions/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": selectors.agenda_of(meeting),
            "attendance": selectors.attendance_of(meeting),
            "motions": selectors.meeting_motions(meeting),
            "needs": selectors.meeting_needs(request.user, meeting),
            "decidable": selectors.decidable_at(meeting) if manage else [],
            "can_manage": manage,
            "started": meeting.starts_at <= timezone.now(),
            "history": selectors.meeting_history(meeting),
        },
    )


def attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(request.user, pk)
    can_manage_meetings(request.user, meeting.consortium).require()
    form = AttendanceForm(request.POST or None, rows=selectors.attendance_of(meeting))
    if request.method == "POST" and form.is_valid():
        entries = {
            municipality: services.AttendanceEntry(status, by)
            for municipality, (status, by) in form.entries().items()
        }
        try:
            services.attendance_record(actor=request.user, meeting=meeting, entries=entries)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The attendance is recorded."))
            return redirect("decisions:meeting-detail", pk=pk)
    return render(request, "decisions/attendance_form.html", {"form": form, "meeting": meeting})


def meeting_decide(request: AuthenticatedHttpRequest, pk: int, motion: int) -> HttpResponse:
    """Record a motion's decision at the meeting: the vote of each member present."""
    meeting = selectors.meeting_get(request.user, pk)
    decided = selectors.motion_get(request.user, motion)
    can_manage_motions(request.user, decided.consortium).require()
    voting = selectors.meeting_voting(meeting, decided)
    form = MeetingVotesForm(request.POST or None, present=voting.present)
    if request.method == "POST" and form.is_valid():
        try:
            closed = services.motion_decide_at_meeting(
                actor=request.user, motion=decided, meeting=meeting, choices=form.choices()
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(number)s is decided at the meeting. Outcome: %(outcome)s.")
                % {"number": closed.number, "outcome": closed.get_outcome_display()},
            )
            return redirect("decisions:motion-detail", pk=closed.pk)
    return render(
        request,
        "decisions/meeting_decide.html",
        {"form": form, "meeting": meeting, "motion": decided, "voting": voting},
    )


@require_POST
def meeting_invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(request.user, pk)
    try:
        sent = services.meeting_invite(actor=request.user, meeting=meeting)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            ngettext(
                "The invitation was sent to %(count)d person.",
                "The invitation was sent to %(count)d people.",
                sent,
            )
            % {"count": sent},
        )
        missing = selectors.not_invited(meeting)
        if missing:
            messages.warning(
                request, _("Could not be invited: %(names)s.") % {"names": "; ".join(missing)}
            )
    return redirect("decisions:meeting-detail", pk=pk)


def meeting_ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(request.user, pk)
    calendar = services.meeting_calendar(
        meeting,
        organizer=meeting.created_by,
        attendees=selectors.invitees(meeting),
        now=timezone.now(),
    )
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mote-{meeting.pk}.ics"'
    return response


def participation_view(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    consortium = consortium_for(request.user, slug)
    since, rows = selectors.participation_of(consortium)
    return render(
        request,
        "decisions/participation.html",
        {
            "consortium": consortium,
            "since": since,
            "rows": rows,
            "low_percent": round(participation.LOW_ATTENDANCE * 100),
        },
    )


def need_meetings(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The meetings where a need was raised, for the need's page (loaded there by htmx)."""
    need = need_get(request.user, pk)
    context = {"need": need, "meetings": selectors.meetings_of_need(request.user, need)}
    template = "decisions/need_meetings.html"
    if request.htmx:
        template += "#need-meetings"
    return render(request, template, context)
