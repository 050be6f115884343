"""Background work for decisions: close motions whose window has passed, and remind the
municipalities that have not voted. Both are idempotent; `navet schedule` queues them hourly."""

from django.utils import timezone
from django_tasks import task

from navet.decisions import services


@task()
def close_due_motions() -> None:
    services.motions_close_due(timezone.now())


@task()
def send_vote_reminders() -> None:
    services.vote_reminders_send(timezone.now())
