"""A project's expenditures as .xlsx: at once when the list is short, otherwise written by the
task worker and fetched from the link the user is sent."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from navet.core.errors import NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.followup import exports, selectors, tasks
from navet.projects.selectors import project_get

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=filename) or "attachment"
    )
    return response


@require_POST
def expenditure_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_get(request.user, pk)
    if selectors.expenditures_of(project).count() <= exports.INLINE_ROWS:
        return _download(exports.expenditures_workbook(project), exports.file_name(project))
    name = exports.export_name(request.user, project)
    user_id = request.user.pk
    transaction.on_commit(lambda: tasks.export_expenditures.enqueue(user_id, project.pk, name))
    messages.success(
        request,
        _(
            "The list is long, so it is written in the background. You get a notification with "
            "the download link when it is ready."
        ),
    )
    return redirect("followup:followup", pk=project.pk)


def expenditure_export_file(request: AuthenticatedHttpRequest, pk: int, name: str) -> HttpResponse:
    """An export written in the background, for the one who asked only."""
    project = project_get(request.user, pk)
    content = exports.stored_export(request.user, project, name)
    if content is None:
        raise NotFound(_("No such export."))
    return _download(content, exports.file_name(project))
