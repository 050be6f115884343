"""Background work for risks: tell owners about overdue reviews. Idempotent; `navet schedule`
queues it hourly."""

from django.utils import timezone
from django_tasks import task

from navet.risks import services


@task()
def send_review_reminders() -> None:
    services.review_reminders_send(timezone.localdate())
