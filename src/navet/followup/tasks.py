"""Background work for the follow-up: tell people about the alerts of running projects
(idempotent; `navet schedule` queues it hourly), and write long exports of expenditures."""

from django.utils import timezone

from navet.core.models import User
from navet.core.taskqueue import background_task
from navet.followup import exports, services
from navet.projects.models import Project


@background_task
def send_followup_alerts() -> None:
    services.alerts_send(timezone.localdate())


@background_task
def export_expenditures(user_id: int, project_id: int, name: str) -> None:
    """A project's long list of expenditures as .xlsx under `name`, told to the one who asked."""
    user = User.objects.get(pk=user_id)
    project = Project.objects.get(pk=project_id)
    exports.expenditures_export_deliver(user=user, project=project, name=name)
