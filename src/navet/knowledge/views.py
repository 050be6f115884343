"""The knowledge pages: the bank with its search and filters, an entry (with its files, its
reuses and "start a project idea"), the form, the download of a file, and the related entries
on a need's and a project's page (loaded there by htmx)."""

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from navet.core.errors import DomainError
from navet.core.http import AuthenticatedHttpRequest
from navet.knowledge import selectors, services
from navet.knowledge.forms import EntryFilterForm, EntryForm, ReuseForm
from navet.knowledge.permissions import (
    can_add_entries,
    can_create_entry,
    can_edit_entry,
    creatable_consortia,
    creatable_owners,
)
from navet.needs.selectors import need_get
from navet.projects.permissions import can_start_projects
from navet.projects.selectors import project_get


def entry_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    themes, municipalities = selectors.filter_choices()
    form = EntryFilterForm(request.GET or None, themes=themes, municipalities=municipalities)
    criteria = selectors.EntryFilter(**form.criteria())
    entries = list(selectors.entries_matching(request.user, criteria)[: selectors.LIST_LIMIT + 1])
    return render(
        request,
        "knowledge/entry_list.html",
        {
            "form": form,
            "entries": entries[: selectors.LIST_LIMIT],
            "truncated": len(entries) > selectors.LIST_LIMIT,
            "can_add": can_add_entries(request.user),
        },
    )


def entry_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = selectors.entry_get(request.user, pk)
    reuse_form = None
    if can_start_projects(request.user):
        reuse_form = ReuseForm(needs=selectors.reusable_needs(request.user))
    return render(
        request,
        "knowledge/entry_detail.html",
        {
            "entry": entry,
            "can_edit": can_edit_entry(request.user, entry),
            "reuse_form": reuse_form,
            "history": selectors.entry_history(entry),
        },
    )


def _form_data(form: EntryForm) -> dict[str, object]:
    data = dict(form.cleaned_data)
    for name in ("consortium", "file"):
        data.pop(name, None)
    return data


def entry_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A new entry; /kunskap/ny/?projekt=<id> fills it in from a finished project."""
    can_add_entries(request.user).require()
    initial: dict[str, object] = {}
    project = None
    project_pk = request.GET.get("projekt", "")
    if project_pk.isdigit() and len(project_pk) < 18:
        project = project_get(request.user, int(project_pk))
        initial = selectors.prefill_from_project(project)
    form = EntryForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        consortia=creatable_consortia(request.user),
        owners=creatable_owners(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = _form_data(form)
        try:
            entry = services.entry_create(
                actor=request.user,
                consortium=form.cleaned_data["consortium"],
                project=project,
                **data,  # type: ignore[arg-type]
            )
            if form.cleaned_data["file"]:
                services.attachment_add(
                    actor=request.user, entry=entry, upload=form.cleaned_data["file"]
                )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The entry was added to the knowledge bank."))
            return redirect("knowledge:entry-detail", pk=entry.pk)
    return render(
        request, "knowledge/entry_form.html", {"form": form, "entry": None, "project": project}
    )


def entry_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = selectors.entry_get(request.user, pk)
    can_edit_entry(request.user, entry).require()
    owners = creatable_owners(request.user).filter(memberships__consortium=entry.consortium)
    form = EntryForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "owner": entry.owner,
            "kind": entry.kind,
            "title": entry.title,
            "description": entry.description,
            "results": entry.results,
            "themes": [t.slug for t in entry.themes.all()],
            "target_groups": [g.slug for g in entry.target_groups.all()],
            "contact_name": entry.contact_name,
            "contact_email": entry.contact_email,
            "links": entry.links,
        },
        consortia=None,
        owners=owners,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_update(actor=request.user, entry=entry, **_form_data(form))
            if form.cleaned_data["file"]:
                services.attachment_add(
                    actor=request.user, entry=entry, upload=form.cleaned_data["file"]
                )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The entry was saved."))
            return redirect("knowledge:entry-detail", pk=entry.pk)
    return render(
        request, "knowledge/entry_form.html", {"form": form, "entry": entry, "project": None}
    )


def attachment_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """A file, only for those who may read its entry, always as a download."""
    attachment = selectors.attachment_get(request.user, pk)
    response = FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_POST
def entry_reuse(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Start a project idea from the entry, for one of the user's municipalities' needs."""
    entry = selectors.entry_get(request.user, pk)
    can_start_projects(request.user).require()
    form = ReuseForm(request.POST, needs=selectors.reusable_needs(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose one of your municipality's needs."))
        return redirect("knowledge:entry-detail", pk=pk)
    try:
        project = services.entry_reuse(
            actor=request.user, entry=entry, need=form.cleaned_data["need"]
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("knowledge:entry-detail", pk=pk)
    messages.success(request, _("A project idea was started from the knowledge entry."))
    return redirect("projects:project-detail", pk=project.pk)


def _related(request: AuthenticatedHttpRequest, context: dict[str, object]) -> HttpResponse:
    template = "knowledge/related.html"
    if request.htmx:
        template += "#related-entries"
    return render(request, template, context)


def related_to_need(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Entries with the need's themes, for the need's page."""
    need = need_get(request.user, pk)
    entries = selectors.related_entries(request.user, selectors.need_theme_ids(need))
    return _related(
        request,
        {
            "entries": entries,
            "back": need,
            "back_url": reverse("needs:need-detail", args=[need.pk]),
        },
    )


def related_to_project(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Entries with the themes of the project's needs, for the project's page; a finished
    project also offers "add to the knowledge bank"."""
    project = project_get(request.user, pk)
    entries = selectors.related_entries(request.user, selectors.project_theme_ids(project))
    may_add = project.status in selectors.FINISHED and can_create_entry(
        request.user, project.consortium, project.owner
    )
    return _related(
        request,
        {
            "entries": entries,
            "back": project,
            "back_url": reverse("projects:project-detail", args=[project.pk]),
            "add_from_project": project if may_add else None,
        },
    )
