"""The project pages: the portfolio (with its timeline, export and import), a municipality's
portfolio, a project, the idea made from a need's suggestion, the form, the status moves and the
steering group's decision; and the projects on a need's page."""

from typing import Any

from django.contrib import messages
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from navet.calls.models import Call
from navet.core.errors import DomainError, NotFound, PermissionDenied
from navet.core.exports import export_answer
from navet.core.http import AuthenticatedHttpRequest
from navet.core.paging import page_of
from navet.needs.selectors import need_get
from navet.organisations.models import Municipality
from navet.organisations.selectors import municipality_get
from navet.projects import lifecycle, selectors, services, sheet
from navet.projects.exports import export_projects, filter_form, projects_export
from navet.projects.forms import (
    PHASES,
    ProjectFilterForm,
    ProjectForm,
    ProjectImportForm,
    StatusForm,
)
from navet.projects.models import Project
from navet.projects.permissions import (
    can_edit_project,
    can_start_projects,
    importable_consortia,
)
from navet.projects.selectors import preparation as readiness
from navet.projects.selectors.next_step import project_next_step

IMPORT_MAX_AGE = 60 * 60  # seconds a preview may wait for its confirmation


def _filter_form(
    request: AuthenticatedHttpRequest, municipality: Municipality | None
) -> ProjectFilterForm:
    return filter_form(request.user, request.GET, of_municipality=municipality is not None)


def project_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The portfolio: past, present and future projects, filtered, with totals and a timeline."""
    return _portfolio(request, None)


def municipality_projects(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """A municipality's own portfolio: the projects it owns or takes part in."""
    return _portfolio(request, municipality_get(code))


def _portfolio(
    request: AuthenticatedHttpRequest, municipality: Municipality | None
) -> HttpResponse:
    form = _filter_form(request, municipality)
    criteria = form.criteria(municipality=municipality.code if municipality else "")
    listing = selectors.project_list(request.user, criteria)
    page = page_of(request, listing.projects, count=listing.count)
    query = request.GET.copy()
    query.pop("phase", None)
    tabs = [
        (value, label, listing.phases[value] if value else sum(listing.phases.values()))
        for value, label in PHASES
    ]
    return render(
        request,
        "projects/project_list.html",
        {
            "form": form,
            "listing": listing,
            "municipality": municipality,
            "phase": criteria.phase,
            "tabs": tabs,
            "tab_query": query.urlencode(),
            "export_query": _export_query(request, municipality),
            "page": page,
            "timeline": selectors.project_timeline(page.object_list),
            "undated": sum(1 for p in page.object_list if not (p.starts_on and p.ends_on)),
            "can_start": can_start_projects(request.user),
            "can_import": importable_consortia(request.user).exists(),
            "checklist_size": readiness.CHECKLIST_SIZE,
        },
    )


def _export_query(request: AuthenticatedHttpRequest, municipality: Municipality | None) -> str:
    query = request.GET.copy()
    if municipality:
        query["municipality"] = municipality.code
    return query.urlencode()


def project_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The portfolio, with its filters, as `.xlsx` (`projects.exports`)."""
    return export_answer(
        request,
        projects_export(request.user, request.GET),
        task=export_projects,
        arguments=(request.GET.urlencode(),),
        back=f"{reverse('projects:project-list')}?{request.GET.urlencode()}",
    )


def _salt(request: AuthenticatedHttpRequest) -> str:
    return f"navet.projects.import:{request.user.pk}"


def project_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upload a project list (.xlsx) and see every row as it would be imported."""
    consortia = importable_consortia(request.user)
    if not consortia.exists():
        raise PermissionDenied(_("Only the consortium's coordinators import project lists."))
    form = ProjectImportForm(request.POST or None, request.FILES or None, consortia=consortia)
    preview = None
    token = ""
    if request.method == "POST" and form.is_valid():
        try:
            rows = sheet.read_workbook(form.cleaned_data["file"].read())
        except sheet.SpreadsheetError as error:
            form.add_error("file", str(error))
        else:
            consortium = form.cleaned_data["consortium"]
            preview = services.projects_import_preview(
                actor=request.user, consortium=consortium, rows=rows
            )
            token = (
                ""
                if preview.wrong
                else signing.dumps(
                    {"consortium": consortium.pk, "rows": sheet.to_plain(rows)},
                    salt=_salt(request),
                    compress=True,
                )
            )
    return render(
        request,
        "projects/project_import.html",
        {"form": form, "preview": preview, "token": token},
    )


@require_POST
def project_import_confirm(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Store the previewed rows, all or none."""
    try:
        data = signing.loads(
            request.POST.get("rows", ""), salt=_salt(request), max_age=IMPORT_MAX_AGE
        )
    except signing.BadSignature:
        messages.error(request, _("The preview is too old or was changed. Upload the file again."))
        return redirect("projects:project-import")
    consortium = importable_consortia(request.user).filter(pk=data["consortium"]).first()
    if consortium is None:
        raise PermissionDenied(_("Only the consortium's coordinators import project lists."))
    rows = sheet.from_plain(data["rows"])
    try:
        projects = services.projects_import(actor=request.user, consortium=consortium, rows=rows)
    except services.ImportRefused as refused:
        form = ProjectImportForm(consortia=importable_consortia(request.user))
        messages.error(request, refused.message)
        return render(
            request,
            "projects/project_import.html",
            {"form": form, "preview": refused.preview, "token": ""},
        )
    messages.success(
        request,
        ngettext(
            "%(count)s project was imported into %(consortium)s.",
            "%(count)s projects were imported into %(consortium)s.",
            len(projects),
        )
        % {"count": len(projects), "consortium": consortium.name},
    )
    return redirect("projects:project-list")


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 18 else None


def project_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A project idea from a need and (optionally) a call:
    /projekt/ny/?behov=<id>&utlysning=<id>."""
    can_start_projects(request.user).require()
    need_pk = _int(request.GET.get("behov", ""))
    if need_pk is None:
        return render(request, "projects/project_start.html")
    start = selectors.idea_start(request.user, need_pk, _int(request.GET.get("utlysning", "")))
    if not start.consortia:
        raise NotFound(_("You may not start a project idea for this need."))
    need = start.need
    candidates = [need.municipality, *start.partners]
    municipalities = Municipality.objects.filter(pk__in=[m.pk for m in candidates]).order_by("name")
    form = ProjectForm(
        request.POST or None,
        initial={
            "consortium": start.consortia[0],
            "title": need.title,
            "owner": need.municipality,
            "participants": [
                need.municipality,
                *(m for m in start.partners if m.pk in start.endorsers),
            ],
            "needs": [need],
            "call": start.call,
        },
        consortia=start.consortia,
        owners=municipalities,
        # Every member may take part, as on the edit form; the suggested partners come ticked.
        participants=Municipality.objects.filter(memberships__consortium__in=start.consortia)
        .distinct()
        .order_by("name"),
        needs=need.__class__.objects.filter(pk=need.pk).select_related("municipality"),
        calls=Call.objects.filter(pk__in=[start.call.pk] if start.call else []),
        contacts=None,
        granted=False,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            project = services.project_create(
                actor=request.user,
                consortium=data["consortium"],
                title=data["title"],
                description=data["description"],
                owner=data["owner"],
                participants=data["participants"],
                scope=data["scope"] or None,
                needs=list(data["needs"]),
                call=data["call"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                requested_sek=data["requested_sek"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The project idea was saved."))
            return redirect("projects:project-detail", pk=project.pk)
    return render(
        request, "projects/project_form.html", {"form": form, "project": None, "start": start}
    )


def project_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get(request.user, pk)
    can_edit_project(request.user, project).require()
    members = Municipality.objects.filter(memberships__consortium=project.consortium).order_by(
        "name"
    )
    linked = list(project.needs.all())
    form = ProjectForm(
        request.POST or None,
        initial={
            "title": project.title,
            "description": project.description,
            "owner": project.owner,
            "participants": list(project.participants.all()),
            "scope": project.scope,
            "needs": linked,
            "call": project.call,
            "starts_on": project.starts_on,
            "ends_on": project.ends_on,
            "requested_sek": project.requested_sek,
            "granted_sek": project.granted_sek,
            "contacts": list(project.contacts.all()),
        },
        consortia=None,
        owners=members,
        participants=members,
        needs=selectors.linkable_needs(request.user, project.consortium, linked),
        calls=Call.objects.filter(pk__in=[project.call_id] if project.call_id else []),
        contacts=selectors.contact_choices(project.consortium),
        granted=project.status not in lifecycle.EARLY,
    )
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = dict(form.cleaned_data)
        data["scope"] = data["scope"] or None
        data["needs"] = list(data["needs"])
        try:
            services.project_update(actor=request.user, project=project, **data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The project was saved."))
            return redirect("projects:project-detail", pk=project.pk)
    return render(
        request, "projects/project_form.html", {"form": form, "project": project, "start": None}
    )


def project_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get(request.user, pk)
    return _detail(request, project)


def _detail(request: AuthenticatedHttpRequest, project: Project) -> HttpResponse:
    next_step = project_next_step(request.user, project, timezone.localdate())
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "answered_needs": selectors.answered_needs(request.user, project),
            "can_edit": can_edit_project(request.user, project),
            "next_step": next_step,
            # The next step's move is the panel's; the others (back, aside, out) stay below.
            "moves": [
                move
                for move in selectors.project_moves(request.user, project)
                if move.status != next_step.step.target
            ],
            "history": selectors.project_history(request.user, project),
            "checklist": readiness.checklist_progress(readiness.needs_analysis(project)),
            "partners": readiness.confirmation_progress(readiness.confirmations(project)),
        },
    )


@require_POST
def project_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get(request.user, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A project cannot move to that status from its status."))
        return redirect("projects:project-detail", pk=pk)
    try:
        services.project_move(actor=request.user, project=project, to=form.cleaned_data["to"])
    except services.TransitionRefused as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The project is now: %(status)s.") % {"status": project.get_status_display()},
        )
    return redirect("projects:project-detail", pk=pk)


def need_projects(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The projects that answer a need, for the need's page (loaded there by htmx)."""
    need = need_get(request.user, pk)
    context = {"need": need, "projects": selectors.projects_answering(request.user, need)}
    template = "projects/need_projects.html"
    if request.htmx:
        template += "#need-projects"
    return render(request, template, context)
