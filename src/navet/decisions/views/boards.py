"""Each participating municipality's own decision on a project: the list on the project's page
(loaded into it), the memo (tjänsteutlåtande) drafted as .docx, and recording the board's
decision."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from navet.core.errors import DomainError
from navet.core.http import AuthenticatedHttpRequest
from navet.core.views import document_response
from navet.decisions import documents
from navet.decisions.forms import BoardDecisionForm
from navet.decisions.models import BoardDecision
from navet.decisions.permissions import can_record_board_decision
from navet.decisions.selectors import boards as selectors
from navet.decisions.services import boards as services
from navet.projects import lifecycle

DEFAULT_BODY = gettext_lazy("Social services board")  # Socialnämnden, the board of the seeds' memo


def project_boards(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The participating municipalities' board decisions, for the project's page."""
    project = selectors.project_get(request.user, pk)
    rows = [
        (row, can_record_board_decision(request.user, project, row.municipality))
        for row in selectors.board_rows(project)
    ]
    template = "decisions/project_boards.html"
    if request.htmx:
        template += "#project-boards"
    return render(request, template, {"project": project, "rows": rows, "body": DEFAULT_BODY})


def project_steering(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The steering group and the project, for the project's page: its decision, the motion
    out to vote, or the way to take the project there."""
    project = selectors.project_get(request.user, pk)
    template = "decisions/project_steering.html"
    context = selectors.project_steering(request.user, project)
    if request.htmx:  # on the project's page
        template += "#project-steering"
        # At *decision* the page's next step offers the motion: not twice.
        context["can_take"] &= project.status != lifecycle.DECISION
    return render(request, template, context)


def board_memo(request: AuthenticatedHttpRequest, pk: int, municipality: int) -> HttpResponse:
    """The draft memo for the municipality's board, as Word (the board finishes it there)."""
    project = selectors.project_get(request.user, pk)
    member = selectors.participant_get(project, municipality)
    body = request.GET.get("namnd", "").strip()[:200] or str(DEFAULT_BODY)
    document = documents.board_memo(project, member, body, timezone.localdate())
    stem = f"tjansteutlatande-{slugify(member.name)}-{project.pk}"
    return document_response(document, stem, "docx")


def board_decision(request: AuthenticatedHttpRequest, pk: int, municipality: int) -> HttpResponse:
    project = selectors.project_get(request.user, pk)
    member = selectors.participant_get(project, municipality)
    can_record_board_decision(request.user, project, member).require()
    stored = BoardDecision.objects.filter(project=project, municipality=member).first()
    fields = ("body", "decided_on", "paragraph", "reference", "outcome", "adjusted_immediately")
    initial = (
        {f: getattr(stored, f) for f in fields}
        if stored
        else {"body": DEFAULT_BODY, "decided_on": timezone.localdate()}
    )
    form = BoardDecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.board_decision_record(
                actor=request.user, project=project, municipality=member, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("%(name)s's decision was recorded.") % {"name": member.name}
            )
            return redirect("projects:project-detail", pk=project.pk)
    return render(
        request,
        "decisions/board_decision_form.html",
        {"project": project, "municipality": member, "form": form},
    )
