"""Background work for calls. Arguments are ids; the body loads by id and calls a service."""

from django.conf import settings
from django.utils import timezone

from navet.calls import services
from navet.calls.expected import expected_calls_refresh
from navet.core.notifications import digests_send
from navet.core.taskqueue import background_task


@background_task
def run_source(run_id: int) -> None:
    services.import_run_execute(run_id)


@background_task
def send_reminders_and_digests() -> None:
    """Safe to run as often as the scheduler likes: each event and digest goes out once."""
    now = timezone.now()
    expected_calls_refresh(now)
    services.reminders_generate(now)
    digests_send(now, base_url=settings.NAVET_BASE_URL, retry_passing=True)
