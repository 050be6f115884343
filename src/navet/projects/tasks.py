"""Background work for projects: remind the partners whose signed cooperation form is missing.
Idempotent; `navet schedule` queues it hourly."""

from django.utils import timezone

from navet.core.taskqueue import background_task
from navet.projects import services


@background_task
def send_confirmation_reminders() -> None:
    services.confirmation_reminders_send(timezone.localdate())
