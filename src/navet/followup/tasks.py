"""Background work for the follow-up: tell people about the alerts of running projects.
Idempotent; `navet schedule` queues it hourly."""

from django.utils import timezone

from navet.core.taskqueue import background_task
from navet.followup import services


@background_task
def send_followup_alerts() -> None:
    services.alerts_send(timezone.localdate())
