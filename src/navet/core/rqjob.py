"""The Redis queue's job class, for `navet rqworker --with-scheduler --job-class
navet.core.rqjob.Job default`: django-tasks-rq's job, with RQ's own retries for a task that failed
with a passing error. django-tasks-rq enqueues without RQ's `Retry`, so the job sets its retry
when the failure happens: one more try after the back-off, until NAVET_TASK_RETRIES are used.
Imported only with the `redis` extra installed."""

import logging
from typing import Any

from django_tasks_rq.backend import Job as TasksJob

from navet.core.taskqueue import TransientTaskError, retries_left, retry_delay

logger = logging.getLogger(__name__)


class Job(TasksJob):
    def _execute(self) -> Any:
        try:
            return super()._execute()
        except TransientTaskError:
            attempts = int(self.meta.get("navet_attempts", 0)) + 1
            self.meta["navet_attempts"] = attempts
            log = {"task": self.func_name, "task_id": self.id, "attempts": attempts}
            if retries_left(attempts):
                # What RQ's Retry(max=1, interval=…) sets; the worker's failure handling reads it.
                self.retries_left = 1
                self.retry_intervals = [int(retry_delay(attempts).total_seconds())]
                logger.warning("Uppgiften %s görs om", self.func_name, extra=log)
            else:
                self.retries_left = None
                logger.error(
                    "Uppgiften %s gav upp efter %s försök", self.func_name, attempts, extra=log
                )
            raise
