"""The task queue seen from operations: is it reachable, how much waits in it, and putting back
the tasks of a database worker that died in the middle of one.

Navet's tasks run on the database backend (django-tasks-db, `navet worker`) unless
`NAVET_REDIS_URL` chooses the Redis backend (django-tasks-rq, `navet rqworker`); see
docs/deploy.md. Every task is safe to run twice, so a task put back after a crash is run again
without doing anything twice (ADR 0004).
"""

import importlib
import logging
import os
import socket
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django_tasks import default_task_backend
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)
DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


def uses_database_queue() -> bool:
    return str(settings.TASKS["default"]["BACKEND"]) == DATABASE_BACKEND


def worker_id(pid: int | None = None) -> str:
    """This host and process: another worker on the host can tell whether it is still alive."""
    return f"{socket.gethostname()[:40]}:{pid or os.getpid()}"


def queue_check() -> str:
    """ "ok" when the queue answers, else "error: …" with the reason."""
    errors = list(default_task_backend.check())
    if errors:
        return f"error: {errors[0].msg}"
    try:
        if uses_database_queue():
            DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
        else:
            django_rq: Any = importlib.import_module("django_rq")
            django_rq.get_connection("default").ping()
    except Exception as error:  # noqa: BLE001  (any failure means "not healthy")
        return f"error: {type(error).__name__}"
    return "ok"


def waiting() -> int | None:
    """Tasks waiting for a worker (None when the queue does not answer)."""
    try:
        if uses_database_queue():
            return DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()
        django_rq: Any = importlib.import_module("django_rq")
        return int(django_rq.get_queue("default").count)
    except Exception:  # noqa: BLE001
        return None


def requeue_abandoned() -> int:
    """Put back the running tasks of this host's database workers whose process is gone (killed,
    or the machine restarted), so that the next worker runs them again. Returns how many."""
    host = worker_id().rsplit(":", 1)[0]
    abandoned = []
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    for result in running.filter(~Q(worker_ids=[])):
        last = str(result.worker_ids[-1])
        name, _, pid = last.rpartition(":")
        if name == host and pid.isdigit() and not _alive(int(pid)):
            abandoned.append(result.pk)
    count = DBTaskResult.objects.filter(pk__in=abandoned, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY, started_at=None, run_after=timezone.now()
    )
    if count:
        logger.warning("%s avbrutna uppgifter lades tillbaka i kön", count)
    return count


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True
