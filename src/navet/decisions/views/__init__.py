"""The decision pages: the motions, a motion with its vote buttons and result, the form, closing,
and the attached documents."""

from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from navet.core.errors import DomainError, NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.core.paging import page_of
from navet.core.views import document_response
from navet.decisions import documents, selectors, services
from navet.decisions.forms import DocumentForm, MinutesForm, MotionForm, VoteForm
from navet.decisions.models import Meeting, Motion, MotionDocument, Vote
from navet.decisions.permissions import can_manage_motions, can_start_motions, motions_for
from navet.decisions.selectors import agreement as agreement_selectors
from navet.organisations.models import Consortium
from navet.organisations.permissions import permissions_for


def motion_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    motions = selectors.motion_list(request.user, request.GET.get("samverkan", ""))
    return render(
        request,
        "decisions/motion_list.html",
        {
            "page": page_of(request, motions),
            "can_start": can_start_motions(request.user),
            "consortia": agreement_selectors.visible_consortia(request.user),
        },
    )


def _coordinated(request: AuthenticatedHttpRequest) -> Any:
    coordinated = permissions_for(request.user).coordinated_ids()
    return Consortium.objects.filter(pk__in=coordinated).order_by("name")


def motion_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    can_start_motions(request.user).require()
    consortia = _coordinated(request)
    chosen = consortia.filter(slug=request.GET.get("samverkan", "")).first() or consortia.first()
    projects = selectors.motion_projects(consortia)
    project_pk = request.GET.get("projekt", "")
    project = projects.filter(pk=project_pk).first() if project_pk.isdigit() else None
    if project is not None:
        chosen = project.consortium
    meetings = selectors.coming_meetings([c.pk for c in consortia], timezone.now())
    initial: dict[str, Any] = {
        "consortium": chosen,
        "project": project,
        "quorum_percent": 50,
        "majority": Motion.Majority.SIMPLE,
        "base": Motion.Base.CAST,
        "tie": Motion.Tie.FAILS,
        "meeting": meetings.filter(consortium=chosen, kind=Meeting.Kind.STEERING).first(),
    }
    if project is not None:
        url = request.build_absolute_uri(reverse("projects:project-detail", args=[project.pk]))
        initial.update(selectors.motion_draft(project, url))
    form = MotionForm(
        request.POST or None,
        initial=initial,
        consortia=consortia,
        projects=projects,
        meetings=meetings,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            motion = services.motion_create(actor=request.user, **data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The motion was put to the steering group."))
            return redirect("decisions:motion-detail", pk=motion.pk)
    return render(
        request,
        "decisions/motion_form.html",
        {"form": form, "motion": None, "seating": selectors.seating(chosen) if chosen else None},
    )


def motion_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    motion = selectors.motion_get(request.user, pk)
    can_manage_motions(request.user, motion.consortium).require()
    initial = {name: getattr(motion, name) for name in services.EDITABLE}
    form = MotionForm(
        request.POST or None,
        initial=initial,
        consortia=None,
        projects=selectors.motion_projects(Consortium.objects.filter(pk=motion.consortium_id)),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if data.get("opens_at") is None:
            data["opens_at"] = motion.opens_at
        try:
            services.motion_update(actor=request.user, motion=motion, **data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The motion was saved."))
            return redirect("decisions:motion-detail", pk=pk)
    return render(
        request,
        "decisions/motion_form.html",
        {"form": form, "motion": motion, "seating": selectors.seating(motion.consortium)},
    )


def motion_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    motion = selectors.motion_get(request.user, pk)
    votes = selectors.votes_of(motion)
    manage = can_manage_motions(request.user, motion.consortium)
    return render(
        request,
        "decisions/motion_detail.html",
        {
            "motion": motion,
            "votes": votes,
            "mine": selectors.votable(request.user, motion, votes),
            "choices": Vote.Choice.choices,
            "result": selectors.motion_result(motion, votes),
            "voting_open": selectors.voting_open(motion),
            "can_manage": manage,
            "closable": selectors.closable(motion, votes),
            "deciding_meetings": selectors.deciding_meetings(motion) if manage else [],
            "not_present": {
                row["municipality"]
                for row in motion.result.get("votes", [])
                if row.get("present") is False
            },
            "documents": list(motion.documents.all()),
            "document_form": DocumentForm() if manage and motion.status == "open" else None,
            "history": selectors.motion_history(motion),
            "minutes_form": MinutesForm(
                initial={
                    "paragraph": motion.paragraph,
                    "adjusted_immediately": motion.adjusted_immediately,
                }
            )
            if manage
            else None,
        },
    )


@require_POST
def vote(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    motion = selectors.motion_get(request.user, pk)
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vote yes, no or abstain."))
        return redirect("decisions:motion-detail", pk=pk)
    municipality = next(
        (
            v.municipality
            for v in motion.votes.select_related("municipality")
            if v.municipality_id == form.cleaned_data["municipality"]
        ),
        None,
    )
    if municipality is None:
        raise NotFound(_("The municipality has no vote on this motion."))
    try:
        cast = services.vote_cast(
            actor=request.user,
            motion=motion,
            municipality=municipality,
            choice=form.cleaned_data["choice"],
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s's vote is recorded: %(choice)s.")
            % {"name": municipality.name, "choice": cast.get_choice_display()},
        )
    return redirect("decisions:motion-detail", pk=pk)


@require_POST
def motion_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    motion = selectors.motion_get(request.user, pk)
    try:
        closed = services.motion_close(actor=request.user, motion=motion)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The voting is closed. Outcome: %(outcome)s.")
            % {"outcome": closed.get_outcome_display()},
        )
    return redirect("decisions:motion-detail", pk=pk)


@require_POST
def motion_minutes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    motion = selectors.motion_get(request.user, pk)
    can_manage_motions(request.user, motion.consortium).require()
    form = MinutesForm(request.POST)
    if form.is_valid():
        services.motion_minutes_set(actor=request.user, motion=motion, **form.cleaned_data)
        messages.success(request, _("The paragraph in the minutes was saved."))
    else:
        messages.error(request, " ".join(str(m) for e in form.errors.values() for m in e))
    return redirect("decisions:motion-detail", pk=pk)


def motion_extract(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The minutes extract of a closed motion, as PDF or Word."""
    motion = selectors.motion_get(request.user, pk)
    if motion.status != Motion.Status.CLOSED:
        raise NotFound(_("The extract exists once the voting has closed."))
    stem = "protokollsutdrag-" + motion.number.replace("/", "-")
    return document_response(documents.motion_extract(motion), stem, fmt)


@require_POST
def document_attach(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    motion = selectors.motion_get(request.user, pk)
    can_manage_motions(request.user, motion.consortium).require()
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
        return redirect("decisions:motion-detail", pk=pk)
    try:
        services.document_attach(
            actor=request.user, motion=motion, upload=form.cleaned_data["file"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The document was attached."))
    return redirect("decisions:motion-detail", pk=pk)


def document_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    document = MotionDocument.objects.filter(pk=pk, motion__in=motions_for(request.user)).first()
    if document is None:
        raise NotFound(_("No such document, or none you may see."))
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.name)
