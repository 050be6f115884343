"""The pages of a project's preparation: the needs analysis checklist with its files, and the
partners' confirmations (signed cooperation forms) with the reason to submit without them."""

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from navet.core.errors import DomainError, NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.core.views import document_response
from navet.organisations.models import Municipality
from navet.projects import documents, lifecycle, selectors, services
from navet.projects.forms import ConfirmationForm, NeedsAnalysisItemForm, WaiverForm
from navet.projects.models import Project
from navet.projects.permissions import (
    can_edit_needs_analysis,
    can_record_confirmation,
    can_request_confirmations,
)
from navet.projects.selectors import preparation


def _download(file: object, name: str) -> FileResponse:
    """A stored file, always as a download, never rendered by the browser."""
    response = FileResponse(file, as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- the needs analysis checklist --------------------------------------------------------------


def needs_analysis(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The checklist as one form: a save keeps what was typed in every item, the named item's
    button only says where the page returns to."""
    project = selectors.project_get(request.user, pk)
    may_edit = can_edit_needs_analysis(request.user, project)
    rows = preparation.needs_analysis(project)
    named = request.POST.get("item", "") if request.method == "POST" else ""
    if request.method == "POST":
        may_edit.require()
        if named and named not in {row.kind for row in rows}:
            raise NotFound(_("The needs analysis has no such item."))
    # An item is sent when its notes are (a browser sends every item of the page's form).
    sent = {
        row.kind
        for row in rows
        if request.method == "POST" and (row.kind == named or f"{row.kind}-notes" in request.POST)
    }
    forms = {
        row.kind: NeedsAnalysisItemForm(
            request.POST if row.kind in sent else None,
            request.FILES if row.kind in sent else None,
            prefix=row.kind,
            initial={"done": row.done, "notes": row.notes},
        )
        for row in rows
    }
    if sent:
        valid = [forms[kind].is_valid() for kind in sent]  # each checked: every error shown
        if all(valid):
            entries = [
                services.ChecklistEntry(
                    kind=kind,
                    done=forms[kind].cleaned_data["done"],
                    notes=forms[kind].cleaned_data["notes"],
                    upload=forms[kind].cleaned_data["file"],
                )
                for kind in sorted(sent)
                if forms[kind].has_changed()
            ]
            try:
                services.needs_analysis_save(actor=request.user, project=project, entries=entries)
            except DomainError as error:
                forms[named or min(sent)].add_error(None, error.message)
            else:
                messages.success(request, _("The needs analysis was saved."))
                return redirect(f"{request.path}#item-{named}" if named else request.path)
    return render(
        request,
        "projects/needs_analysis.html",
        {
            "project": project,
            "items": [(row, forms[row.kind]) for row in rows],
            "progress": preparation.checklist_progress(rows),
            "can_edit": may_edit,
            "in_needs_analysis": project.status == lifecycle.NEEDS_ANALYSIS,
        },
    )


def needs_analysis_file(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """A checklist file, only for those who may read its project."""
    attached = preparation.needs_analysis_file_get(request.user, pk)
    return _download(attached.file.open("rb"), attached.name)


# --- the partners' confirmations ---------------------------------------------------------------


def _partner(project: Project, code: str) -> Municipality:
    for row in preparation.confirmations(project):
        if row.municipality.code == code:
            return row.municipality
    raise NotFound(_("The municipality does not take part in the project."))


def _confirmations(
    request: AuthenticatedHttpRequest,
    project: Project,
    *,
    waiver_form: WaiverForm | None = None,
) -> HttpResponse:
    rows = preparation.confirmations(project)
    may_request = can_request_confirmations(request.user, project)
    if may_request and waiver_form is None:
        waiver_form = WaiverForm(initial={"reason": project.confirmations_waiver_reason})
    return render(
        request,
        "projects/confirmations.html",
        {
            "project": project,
            "rows": [
                (row, can_record_confirmation(request.user, project, row.municipality))
                for row in rows
            ],
            "progress": preparation.confirmation_progress(rows),
            "can_request": may_request,
            "waiver_form": waiver_form if may_request else None,
        },
    )


def confirmations(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Each partner's signed cooperation form: asked for, signed by whom and when, the file."""
    return _confirmations(request, selectors.project_get(request.user, pk))


@require_POST
def confirmation_request(request: AuthenticatedHttpRequest, pk: int, code: str) -> HttpResponse:
    project = selectors.project_get(request.user, pk)
    can_request_confirmations(request.user, project).require()
    municipality = _partner(project, code)
    try:
        services.confirmation_request(
            actor=request.user, project=project, municipality=municipality
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s was asked for its signed cooperation form.") % {"name": municipality.name},
        )
    return redirect("projects:project-confirmations", pk=pk)


def confirmation_record(request: AuthenticatedHttpRequest, pk: int, code: str) -> HttpResponse:
    """Record a partner's signed form: the signatory, the date, the board's decision, the file."""
    project = selectors.project_get(request.user, pk)
    municipality = _partner(project, code)
    can_record_confirmation(request.user, project, municipality).require()
    form = ConfirmationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.confirmation_record(
                actor=request.user,
                project=project,
                municipality=municipality,
                signed_by_name=form.cleaned_data["signed_by_name"],
                signed_by_title=form.cleaned_data["signed_by_title"],
                signed_on=form.cleaned_data["signed_on"],
                board_decision_reference=form.cleaned_data["board_decision_reference"],
                upload=form.cleaned_data["file"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The signed cooperation form of %(name)s was recorded.")
                % {"name": municipality.name},
            )
            return redirect("projects:project-confirmations", pk=pk)
    return render(
        request,
        "projects/confirmation_form.html",
        {"project": project, "municipality": municipality, "form": form},
    )


def cooperation_form(
    request: AuthenticatedHttpRequest, pk: int, code: str, fmt: str
) -> HttpResponse:
    """The partner's cooperation form, filled in for printing and signing (.docx or PDF)."""
    project = selectors.project_get(request.user, pk)
    municipality = _partner(project, code)
    return document_response(
        documents.cooperation_form(project, municipality),
        f"samverkansblankett-{municipality.code}-projekt-{project.pk}",
        fmt,
    )


def confirmation_file(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """A signed cooperation form, only for those who may read its project."""
    confirmation = preparation.confirmation_get(request.user, pk)
    return _download(confirmation.file.open("rb"), confirmation.file_name)


@require_POST
def confirmations_waive(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get(request.user, pk)
    can_request_confirmations(request.user, project).require()
    form = WaiverForm(request.POST)
    if form.is_valid():
        try:
            services.confirmations_waive(
                actor=request.user, project=project, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The reason was saved."))
            return redirect("projects:project-confirmations", pk=pk)
    return _confirmations(request, selectors.project_get(request.user, pk), waiver_form=form)
