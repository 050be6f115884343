"""Background work of the core: remove the exports kept longer than `exports.KEPT_FOR`.
Idempotent; `navet schedule` queues it hourly."""

from django.utils import timezone

from navet.core import exports
from navet.core.taskqueue import background_task


@background_task
def remove_old_exports() -> None:
    exports.exports_remove_old(timezone.now())
