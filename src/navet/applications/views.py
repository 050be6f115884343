"""The application pages: a project's applications, an application with its checklist and
review, a section's editor (with reuse, comments and conflicts), its versions, and the
downloads."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from navet.applications import diff, documents, selectors, services
from navet.applications.forms import (
    BasedOnForm,
    CommentForm,
    CompareForm,
    CopyForm,
    RestoreForm,
    SectionForm,
    TypedForm,
)
from navet.applications.models import Section
from navet.applications.permissions import (
    can_review_application,
    can_view_application,
    can_write_application,
)
from navet.core.errors import DomainError, NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.core.paging import page_of
from navet.core.views import document_response
from navet.knowledge.selectors import entry_get
from navet.projects import lifecycle
from navet.projects.selectors import project_get, refusal_message


def application_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every application the user may read, the one whose call closes soonest first."""
    return render(
        request,
        "applications/application_list.html",
        {
            "page": page_of(request, selectors.applications_by_deadline(request.user)),
            "today": timezone.localdate(),
        },
    )


def project_applications(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A project's applications, for the project's page; POST starts one to the project's
    call."""
    project = project_get(request.user, pk)
    if request.method == "POST":
        try:
            application = services.application_create(actor=request.user, project=project)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("projects:project-detail", pk=pk)
        messages.success(request, _("The application was started."))
        return redirect("applications:application-detail", pk=application.pk)
    applications = selectors.project_applications(request.user, project)
    context = {
        "project": project,
        "applications": applications,
        "can_write": can_write_application(request.user, project),
        # One application per call; at *decision* the page's next step starts it, with the move.
        "startable": project.call_id is not None
        and project.status != lifecycle.DECISION
        and not any(a.call_id == project.call_id for a in applications),
        "not_yet": [
            refusal_message(r)
            for r in lifecycle.writing_refusals(project.facts())
            if r != lifecycle.Refusal.NO_CALL
        ],
    }
    template = "applications/project_applications.html"
    if request.htmx:
        template += "#project-applications"
    return render(request, template, context)


def application_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get(request.user, pk)
    sections = selectors.sections_of(application)
    project = application.project
    figures = selectors.budget_figures(project)
    return render(
        request,
        "applications/application_detail.html",
        {
            "application": application,
            "project": project,
            "sections": sections,
            "checklist": selectors.checklist(application, sections, summary=figures.summary),
            "budget_mismatches": selectors.budget_text_mismatches(sections, figures),
            "can_write": can_write_application(request.user, project),
            "can_review": can_review_application(request.user, project),
            "Status": application.ReviewStatus,
        },
    )


def _section_page(
    request: AuthenticatedHttpRequest,
    section: Section,
    form: SectionForm,
    *,
    comment_form: CommentForm | None = None,
    conflict: dict[str, object] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The section's editor; a form that was not saved is shown again as it was sent (200), a
    save after someone else's is a conflict (409)."""
    application = section.application
    project = application.project
    can_write = can_write_application(request.user, project)
    previous, following = selectors.section_neighbours(section)
    context = {
        "application": application,
        "project": project,
        "section": section,
        "form": form,
        "conflict": conflict,
        "can_write": can_write,
        "comments": selectors.section_comments(section),
        "comment_form": comment_form or CommentForm(prefix="comment"),
        "words": len(section.text.split()),
        "suggestions": selectors.reuse_suggestions(request.user, section) if can_write else [],
        "entries": selectors.related_knowledge(request.user, project) if can_write else [],
        "latest": section.versions.select_related("author").order_by("-number").first(),
        "draft": selectors.section_draft(request.user, section) if can_write else None,
        "previous": previous,
        "following": following,
    }
    return render(request, "applications/section_edit.html", context, status=status)


def section_edit(request: AuthenticatedHttpRequest, pk: int, key: str) -> HttpResponse:
    section = selectors.section_get(request.user, pk, key)
    if request.method != "POST":
        draft = selectors.section_draft(request.user, section) if "utkast" in request.GET else None
        if draft is not None:  # opened from the versions page: saved from where it was written
            form = SectionForm(initial={"text": draft.text, "based_on": draft.based_on})
        else:
            form = SectionForm(initial={"text": section.text, "based_on": section.version})
        return _section_page(request, section, form)
    can_write_application(request.user, section.application.project).require()
    form = SectionForm(request.POST)
    if not form.is_valid():
        return _section_page(request, section, form)
    data = form.cleaned_data
    try:
        services.section_save(
            actor=request.user,
            section=section,
            text=data["text"],
            based_on=data["based_on"],
            merged=data["merged"],
        )
    except services.SectionConflict as conflict:
        return _conflict(request, conflict)
    except DomainError as error:
        form.add_error(None, error.message)
        return _section_page(request, section, form)
    messages.success(request, _("The section was saved."))
    return redirect("applications:section-edit", pk=pk, key=key)


@require_POST
def section_draft(request: AuthenticatedHttpRequest, pk: int, key: str) -> HttpResponse:
    """Keep the editor's text as the writer's draft (sent by the editor when the writer pauses);
    answers the line that says when it was kept."""
    section = selectors.section_get(request.user, pk, key)
    form = SectionForm(request.POST)
    draft = None
    if form.is_valid():
        try:
            draft = services.section_draft_keep(
                actor=request.user,
                section=section,
                text=form.cleaned_data["text"],
                based_on=form.cleaned_data["based_on"],
            )
        except DomainError:
            draft = None  # the save itself tells why; the draft keeps its last text
    else:
        can_write_application(request.user, section.application.project).require()
    return render(
        request,
        "applications/section_edit.html#draft-status",
        {"application": section.application, "section": section, "draft": draft, "kept": True},
    )


def _conflict(
    request: AuthenticatedHttpRequest, conflict: services.SectionConflict
) -> HttpResponse:
    """Both texts, what differs, and the form to save a merge on top of the other's version."""
    current = conflict.section
    section = selectors.section_get(request.user, current.application_id, current.key)
    segments = diff.compare(section.text, conflict.attempted)
    form = SectionForm(
        initial={"text": conflict.attempted, "based_on": section.version, "merged": True}
    )
    context: dict[str, object] = {
        "message": conflict.message,
        "theirs": section.text,
        "mine": conflict.attempted,
        "segments": segments,
    }
    return _section_page(request, section, form, conflict=context, status=409)


def _based_on_action(
    request: AuthenticatedHttpRequest, pk: int, key: str, form_class: type[BasedOnForm]
) -> tuple[Section, BasedOnForm]:
    section = selectors.section_get(request.user, pk, key)
    can_write_application(request.user, section.application.project).require()
    return section, form_class(request.POST)


def _typed(request: AuthenticatedHttpRequest, form: BasedOnForm) -> str | None:
    """The text the editor held when one of its other buttons was pressed (None: not sent)."""
    return str(form.cleaned_data["text"]) if "text" in request.POST else None


def _refused(section: Section, form: BasedOnForm, message: str) -> SectionForm:
    """The editor again with the text the writer had typed and why the action was not done."""
    kept = SectionForm(
        {
            "text": form.data.get("text", section.text),
            "based_on": form.data.get("based_on", section.version),
        }
    )
    kept.is_valid()
    kept.add_error(None, message)
    return kept


@require_POST
def section_copy(request: AuthenticatedHttpRequest, pk: int, key: str) -> HttpResponse:
    """Insert an earlier application's section or a knowledge-bank entry, with its source."""
    section, form = _based_on_action(request, pk, key, CopyForm)
    if not form.is_valid():
        return _section_page(request, section, _refused(section, form, _("Choose what to copy.")))
    data = form.cleaned_data
    typed = _typed(request, form)
    try:
        if data["kind"] == "entry":
            entry = entry_get(request.user, data["source"])
            services.section_copy_entry(
                actor=request.user,
                section=section,
                entry=entry,
                based_on=data["based_on"],
                typed=typed,
            )
        else:
            source = selectors.section_by_pk(request.user, data["source"])
            services.section_copy_section(
                actor=request.user,
                section=section,
                source=source,
                based_on=data["based_on"],
                typed=typed,
            )
    except services.SectionConflict as conflict:
        return _conflict(request, conflict)
    except DomainError as error:
        return _section_page(request, section, _refused(section, form, error.message))
    messages.success(request, _("The text was copied into the section, with its source."))
    return redirect("applications:section-edit", pk=pk, key=key)


@require_POST
def section_fill_risks(request: AuthenticatedHttpRequest, pk: int, key: str) -> HttpResponse:
    section, form = _based_on_action(request, pk, key, TypedForm)
    if not form.is_valid():
        raise NotFound(_("No such version."))
    try:
        services.section_fill_from_risks(
            actor=request.user,
            section=section,
            based_on=form.cleaned_data["based_on"],
            typed=_typed(request, form),
        )
    except services.SectionConflict as conflict:
        return _conflict(request, conflict)
    except DomainError as error:
        return _section_page(request, section, _refused(section, form, error.message))
    messages.success(request, _("The section was filled from the risk register."))
    return redirect("applications:section-edit", pk=pk, key=key)


def section_versions(request: AuthenticatedHttpRequest, pk: int, key: str) -> HttpResponse:
    section = selectors.section_get(request.user, pk, key)
    versions = selectors.section_versions(section)
    comparison = None
    form = CompareForm(request.GET or None)
    if form.is_valid():
        comparison = selectors.compare_versions(
            section, form.cleaned_data["old"], form.cleaned_data["new"]
        )
    elif len(versions) >= 2 and not request.GET:  # noqa: PLR2004  (the two newest)
        comparison = selectors.compare_versions(section, versions[1].number, versions[0].number)
        form = CompareForm(initial={"old": versions[1].number, "new": versions[0].number})
    return render(
        request,
        "applications/section_versions.html",
        {
            "application": section.application,
            "project": section.application.project,
            "section": section,
            "versions": versions,
            "comparison": comparison,
            "form": form,
            "can_write": can_write_application(request.user, section.application.project),
            "draft": selectors.section_draft(request.user, section),
        },
    )


@require_POST
def section_restore(request: AuthenticatedHttpRequest, pk: int, key: str) -> HttpResponse:
    section, form = _based_on_action(request, pk, key, RestoreForm)
    if not form.is_valid():
        raise NotFound(_("No such version."))
    try:
        services.section_restore(
            actor=request.user,
            section=section,
            number=form.cleaned_data["number"],
            based_on=form.cleaned_data["based_on"],
        )
    except services.SectionConflict as conflict:
        return _conflict(request, conflict)
    messages.success(
        request,
        _("Version %(number)d is the newest version again.")
        % {"number": form.cleaned_data["number"]},
    )
    return redirect("applications:section-edit", pk=pk, key=key)


@require_POST
def comment_add(request: AuthenticatedHttpRequest, pk: int, key: str) -> HttpResponse:
    section = selectors.section_get(request.user, pk, key)
    can_write_application(request.user, section.application.project).require()
    form = CommentForm(request.POST, prefix="comment")
    if form.is_valid():
        try:
            services.comment_add(
                actor=request.user, section=section, text=form.cleaned_data["text"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The comment was added."))
            return redirect(reverse("applications:section-edit", args=[pk, key]) + "#comments")
    editor = SectionForm(initial={"text": section.text, "based_on": section.version})
    return _section_page(request, section, editor, comment_form=form)


@require_POST
def comment_resolve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    comment = selectors.comment_get(request.user, pk)
    resolved = request.POST.get("resolved", "1") == "1"
    services.comment_resolve(actor=request.user, comment=comment, resolved=resolved)
    section = comment.section
    messages.success(
        request, _("The comment is resolved.") if resolved else _("The comment is open again.")
    )
    return redirect(
        reverse("applications:section-edit", args=[section.application_id, section.key])
        + "#comments"
    )


@require_POST
def review_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get(request.user, pk)
    try:
        services.review_request(actor=request.user, application=application)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The coordinators were asked to review the application."))
    return redirect("applications:application-detail", pk=pk)


@require_POST
def review_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get(request.user, pk)
    approve = request.POST.get("decision") == "approve"
    try:
        services.review_decide(actor=request.user, application=application, approve=approve)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The application is approved.") if approve else _("Changes were requested."),
        )
    return redirect("applications:application-detail", pk=pk)


def application_export(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The application, every section in template order, as .docx or PDF."""
    application = selectors.application_get(request.user, pk)
    can_view_application(request.user, application.project).require()
    sections = selectors.sections_of(application)
    figures = selectors.budget_figures(application.project)
    document = documents.application_document(application, sections, figures)
    stem = f"ansokan-{application.pk}-{timezone.localdate().isoformat()}"
    return document_response(document, stem, fmt)


def summary_export(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    """A one-page summary of the project and its application."""
    application = selectors.application_get(request.user, pk)
    sections = selectors.sections_of(application)
    document = documents.summary_document(
        application, sections, selectors.checklist(application, sections)
    )
    stem = f"projektsammanfattning-{application.pk}-{timezone.localdate().isoformat()}"
    return document_response(document, stem, fmt)
