"""A project's expenditures as .xlsx, by the rule of every list's export (`navet.core.exports`):
at once when the list is short, otherwise written by the task worker and fetched from the link
the user is sent."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from navet.core.exports import export_answer
from navet.core.http import AuthenticatedHttpRequest
from navet.followup import exports, tasks
from navet.projects.selectors import project_get


@require_POST
def expenditure_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_get(request.user, pk)
    return export_answer(
        request,
        exports.expenditures_export(project),
        task=tasks.export_expenditures,
        arguments=(project.pk,),
        back=reverse("followup:followup", args=[project.pk]),
    )
