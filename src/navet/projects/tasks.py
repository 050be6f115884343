"""Background work for projects: remind the partners whose signed cooperation form is missing.
Idempotent; `navet schedule` queues it hourly."""

from django.utils import timezone
from django_tasks import task

from navet.projects import services


@task()
def send_confirmation_reminders() -> None:
    services.confirmation_reminders_send(timezone.localdate())
