"""Background work for risks: tell owners about overdue reviews. Idempotent; `navet schedule`
queues it hourly."""

from django.utils import timezone

from navet.core.taskqueue import background_task
from navet.risks import services


@background_task
def send_review_reminders() -> None:
    services.review_reminders_send(timezone.localdate())
