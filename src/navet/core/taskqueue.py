"""Navet's background tasks: the one decorator every task uses (`background_task`), their
retries with back-off after a passing error, and the queue seen from operations: is it reachable,
how much waits in it, how much failed, and putting back the tasks of a database worker that died
in the middle of one.

Navet's tasks run on the database backend (django-tasks-db, `navet worker`) unless
`NAVET_REDIS_URL` chooses the Redis backend (django-tasks-rq, `navet rqworker`); see
docs/deploy.md. Every task is safe to run twice, so a task put back after a crash, or retried
after an error, is run again without doing anything twice (ADR 0004).
"""

import functools
import importlib
import logging
import os
import smtplib
import socket
from collections.abc import Callable
from datetime import timedelta
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone, translation
from django_tasks import default_task_backend, task
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)
DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
P = ParamSpec("P")
T = TypeVar("T")


class TransientTaskError(Exception):
    """A task failed for a passing reason (the database, the network, the mail server) and is
    worth running again later. Raise it from a task for a passing failure it caught itself."""


def is_transient(error: BaseException) -> bool:
    """Database connection and lock errors, network errors and the mail server's temporary
    refusals (4xx) pass; anything else (a bug, bad data, a permanent 5xx refusal) does not."""
    if isinstance(error, TransientTaskError | OperationalError | InterfaceError):
        return True
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError)


def retry_delay(attempt: int) -> timedelta:
    """Exponential back-off: the base delay doubled for each attempt made, up to the cap."""
    base = float(settings.NAVET_TASK_RETRY_DELAY)
    return timedelta(seconds=min(base * 2 ** max(attempt - 1, 0), settings.NAVET_TASK_RETRY_MAX))


def background_task(function: Callable[P, T]) -> Task[P, T]:
    """`@task()` for Navet: a passing error becomes a `TransientTaskError`, which the queue
    retries with back-off up to NAVET_TASK_RETRIES times; any other error fails the task at once.
    Either way the failure is logged with the task's name, so that it shows in the JSON logs.
    The task runs in the installation's language (`LANGUAGE_CODE`)."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            # What a task writes for people to read later – notifications, e-mails, files – is
            # in the installation's language, whatever the worker's thread had active.
            with translation.override(settings.LANGUAGE_CODE):
                return function(*args, **kwargs)
        except TransientTaskError:
            raise
        except Exception as error:
            if is_transient(error):
                raise TransientTaskError(f"{type(error).__name__}: {error}") from error
            logger.exception(
                "Uppgiften %s misslyckades och görs inte om",
                function.__name__,
                extra={"task": function.__name__, "transient": False},
            )
            raise

    return task()(run)


def retries_left(attempts: int) -> bool:
    return attempts <= int(settings.NAVET_TASK_RETRIES)


@receiver(task_finished)
def _retry_on_database(sender: object, task_result: TaskResult[Any], **kwargs: object) -> None:
    """The database queue's retries: a task failed with a passing error goes back in the queue,
    as the same task, to run after the back-off; its `worker_ids` count the attempts. (On Redis,
    RQ's own retries do this: navet.core.rqjob.)"""
    if (
        not uses_database_queue()
        or task_result.status != TaskResultStatus.FAILED
        or not task_result.errors
        or task_result.errors[-1].exception_class_path != _TRANSIENT_PATH
    ):
        return
    attempts, name = task_result.attempts, task_result.task.name
    log = {"task": name, "task_id": str(task_result.id), "attempts": attempts}
    if not retries_left(attempts):
        logger.error("Uppgiften %s gav upp efter %s försök", name, attempts, extra=log)
        return
    delay = retry_delay(attempts)
    try:
        DBTaskResult.objects.filter(pk=task_result.id, status=TaskResultStatus.FAILED).update(
            status=TaskResultStatus.READY, run_after=timezone.now() + delay, finished_at=None
        )
    except DatabaseError:  # the database is what failed: the worker must not die of it
        logger.exception("Uppgiften %s kunde inte läggas tillbaka i kön", name, extra=log)
        return
    logger.warning(
        "Uppgiften %s görs om om %s sekunder", name, int(delay.total_seconds()), extra=log
    )


_TRANSIENT_PATH = f"{TransientTaskError.__module__}.{TransientTaskError.__qualname__}"


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


def failed(since: timedelta = timedelta(days=1)) -> int | None:
    """Tasks of the database queue that ended as failed (a permanent error, or retries used up)
    in the last day; None on the Redis queue, whose failed registry `navet rqstats` shows."""
    if not uses_database_queue():
        return None
    try:
        return DBTaskResult.objects.filter(
            status=TaskResultStatus.FAILED, finished_at__gte=timezone.now() - since
        ).count()
    except Exception:  # noqa: BLE001
        return None


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
    or the machine restarted), so that the next worker runs them again. Returns how many. A task
    whose workers died more often than NAVET_TASK_RETRIES allows (one that kills its worker,
    say by running out of memory) ends as failed instead of being put back for ever."""
    host = worker_id().rsplit(":", 1)[0]
    abandoned: list[Any] = []
    given_up: list[Any] = []
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    for result in running.filter(~Q(worker_ids=[])):
        last = str(result.worker_ids[-1])
        name, _, pid = last.rpartition(":")
        if name == host and pid.isdigit() and not _alive(int(pid)):
            retry = retries_left(len(result.worker_ids))
            (abandoned if retry else given_up).append(result.pk)
    now = timezone.now()
    count = DBTaskResult.objects.filter(pk__in=abandoned, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY, started_at=None, run_after=now
    )
    if count:
        logger.warning("%s avbrutna uppgifter lades tillbaka i kön", count)
    dead = DBTaskResult.objects.filter(pk__in=given_up, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path=f"{WorkerDied.__module__}.{WorkerDied.__qualname__}",
        traceback=str(WorkerDied.__doc__),
    )
    if dead:
        logger.error("%s uppgifter avbröts för många gånger och gavs upp", dead)
    return count


class WorkerDied(Exception):
    """The worker running this task died every time it tried; the task was given up."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True
