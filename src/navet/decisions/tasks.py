"""Background work for decisions: close motions whose window has passed, and tell the
municipalities that have not voted that a vote is open and, near its end, remind them. All are
idempotent; `navet schedule` queues them hourly."""

from django.utils import timezone

from navet.core.taskqueue import background_task
from navet.decisions import services


@background_task
def close_due_motions() -> None:
    services.motions_close_due(timezone.now())


@background_task
def send_vote_reminders() -> None:
    now = timezone.now()
    services.vote_openings_send(now)
    services.vote_reminders_send(now)
