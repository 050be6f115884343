"""Background work for matching: bring the stored suggestions up to date."""

from navet.core.taskqueue import background_task
from navet.matching import services


@background_task
def refresh_matches() -> None:
    """Incremental and idempotent: the scheduler may queue it as often as it likes."""
    services.matches_refresh()
