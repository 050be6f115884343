"""Background work for the follow-up: tell people about the alerts of running projects
(idempotent; `navet schedule` queues it hourly), and write long exports of expenditures."""

from django.utils import timezone
from django.utils.translation import gettext as _

from navet.core.exports import export_deliver
from navet.core.models import User
from navet.core.taskqueue import background_task
from navet.followup import exports, services
from navet.projects.models import Project


@background_task
def send_followup_alerts() -> None:
    services.alerts_send(timezone.localdate())


@background_task
def export_expenditures(user_id: int, project_id: int, token: str) -> None:
    """A project's long list of expenditures as .xlsx, told to the one who asked."""
    project = Project.objects.get(pk=project_id)
    export_deliver(
        user=User.objects.get(pk=user_id),
        token=token,
        export=exports.expenditures_export(project),
        title=_("The expenditures of %(title)s are ready to download.") % {"title": project.title},
    )
