"""Background work for the follow-up: tell people about the alerts of running projects.
Idempotent; `navet schedule` queues it hourly."""

from django.utils import timezone
from django_tasks import task

from navet.followup import services


@task()
def send_followup_alerts() -> None:
    services.alerts_send(timezone.localdate())
