"""Background tasks: a passing error is retried with back-off a bounded number of times, a
permanent one fails at once, and both show – in the log, in /healthz and in the admin."""

import logging
import smtplib
from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from navet.core.models import Notification, User
from navet.core.notifications import notify
from navet.core.taskqueue import (
    TransientTaskError,
    WorkerDied,
    background_task,
    is_transient,
    requeue_abandoned,
    retry_delay,
    worker_id,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@background_task
def flaky(user_id: int, failures: int) -> None:
    """Notes each attempt; fails with a lost database connection the first `failures` times."""
    user = User.objects.get(pk=user_id)
    attempt = Notification.objects.filter(user=user, key__startswith="try:").count()
    notify(user=user, key=f"try:{attempt}", title="Försök")
    if attempt < failures:
        raise OperationalError("server closed the connection unexpectedly")
    notify(user=user, key="done", title="Klart")


@background_task
def broken(user_id: int) -> None:
    notify(user=User.objects.get(pk=user_id), key="broken", title="Försök")
    raise ValueError("a bug")


def work() -> None:
    """A database worker in this process, until nothing is ready. It keeps the test's
    connection: closing "old" connections would close the test's transaction on PostgreSQL."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        _worker().run()


def _worker() -> Worker:
    return Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id(),
        excluded_queue_names=[],
    )


@pytest.fixture
def no_delay(settings) -> None:
    settings.NAVET_TASK_RETRY_DELAY = 0
    settings.NAVET_TASK_RETRIES = 3


def test_a_passing_error_is_retried_until_the_task_succeeds(no_delay) -> None:
    user = UserFactory()
    result = flaky.enqueue(user.pk, 2)

    work()

    stored = DBTaskResult.objects.get(pk=result.id)
    assert stored.status == TaskResultStatus.SUCCESSFUL
    assert len(stored.worker_ids) == 3  # two failures, then the success
    keys = sorted(Notification.objects.filter(user=user).values_list("key", flat=True))
    assert keys == ["done", "try:0", "try:1", "try:2"]


def test_retries_are_bounded_and_the_task_ends_failed_and_logged(no_delay, caplog) -> None:
    user = UserFactory()
    result = flaky.enqueue(user.pk, 99)

    with caplog.at_level(logging.WARNING, logger="navet.core.taskqueue"):
        work()

    stored = DBTaskResult.objects.get(pk=result.id)
    assert stored.status == TaskResultStatus.FAILED
    assert len(stored.worker_ids) == 4  # the first attempt and three retries
    assert stored.exception_class_path == "navet.core.taskqueue.TransientTaskError"
    assert "server closed the connection" in stored.traceback
    ours = [r for r in caplog.records if r.name == "navet.core.taskqueue"]
    assert [r.levelno for r in ours] == [logging.WARNING] * 3 + [logging.ERROR]
    assert (ours[-1].__dict__["task"], ours[-1].__dict__["attempts"]) == ("flaky", 4)


def test_a_permanent_error_fails_at_once_and_shows_in_healthz(no_delay, client, caplog) -> None:
    user = UserFactory()
    result = broken.enqueue(user.pk)

    with caplog.at_level(logging.ERROR, logger="navet.core.taskqueue"):
        work()

    stored = DBTaskResult.objects.get(pk=result.id)
    assert stored.status == TaskResultStatus.FAILED
    assert len(stored.worker_ids) == 1
    assert stored.exception_class_path == "builtins.ValueError"
    (record,) = [r for r in caplog.records if r.name == "navet.core.taskqueue"]
    assert (record.__dict__["task"], record.__dict__["transient"]) == ("broken", False)
    assert record.exc_info is not None
    assert client.get("/healthz").json()["failed"] == 1


def test_the_back_off_doubles_up_to_the_cap(settings) -> None:
    settings.NAVET_TASK_RETRY_DELAY = 10
    settings.NAVET_TASK_RETRY_MAX = 25
    settings.NAVET_TASK_RETRIES = 5
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [10, 20, 25, 25]

    user = UserFactory()
    result = flaky.enqueue(user.pk, 99)
    delays = []
    for _ in range(3):
        before = timezone.now()
        work()  # one attempt: the retry waits for its back-off
        stored = DBTaskResult.objects.get(pk=result.id)
        assert stored.status == TaskResultStatus.READY
        delays.append(stored.run_after - before)
        DBTaskResult.objects.filter(pk=result.id).update(run_after=timezone.now())  # time passes

    assert [
        timedelta(seconds=s) <= d < timedelta(seconds=s + 5)
        for d, s in zip(delays, [10, 20, 25], strict=True)
    ] == [True] * 3


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (OperationalError("could not connect to server"), True),
        (ConnectionResetError(), True),
        (TimeoutError(), True),
        (smtplib.SMTPServerDisconnected(), True),
        (smtplib.SMTPResponseException(421, b"try again later"), True),
        (smtplib.SMTPRecipientsRefused({"a@example.se": (450, b"mailbox busy")}), True),
        (smtplib.SMTPResponseException(550, b"no such user"), False),
        (smtplib.SMTPRecipientsRefused({"a@example.se": (550, b"no such user")}), False),
        (ValueError("bad data"), False),
        (KeyError("bug"), False),
    ],
)
def test_which_errors_pass(error: Exception, transient: bool) -> None:
    assert is_transient(error) is transient


def test_a_task_whose_worker_dies_every_time_is_given_up(settings) -> None:
    settings.NAVET_TASK_RETRIES = 2
    dead = f"{worker_id().rsplit(':', 1)[0]}:{_finished_pid()}"
    result = DBTaskResult.objects.get(pk=broken.enqueue(1).id)
    result.claim(dead)
    assert requeue_abandoned() == 1  # second attempt
    result.refresh_from_db()
    result.claim(dead)
    assert requeue_abandoned() == 1  # third attempt
    result.refresh_from_db()
    result.claim(dead)

    assert requeue_abandoned() == 0  # the third death: given up
    result.refresh_from_db()
    assert result.status == TaskResultStatus.FAILED
    assert result.exception_class_path == f"{WorkerDied.__module__}.WorkerDied"


def test_the_redis_job_sets_rqs_retry_for_a_passing_error_only(settings, monkeypatch) -> None:
    from django_tasks_rq.backend import Job as TasksJob

    from navet.core.rqjob import Job

    settings.NAVET_TASK_RETRY_DELAY = 30
    settings.NAVET_TASK_RETRIES = 2
    error: list[Exception] = [TransientTaskError("SMTPServerDisconnected")]

    def fail(self: Any) -> None:
        raise error[0]

    monkeypatch.setattr(TasksJob, "_execute", fail)
    monkeypatch.setattr(Job, "func_name", "navet.calls.tasks.send_reminders_and_digests")
    job = Job.__new__(Job)
    job.meta, job._id, job.retries_left, job.retry_intervals = {}, "j1", None, None

    outcomes = []
    for _ in range(3):
        with pytest.raises(TransientTaskError):
            job._execute()
        outcomes.append((job.retries_left, job.retry_intervals))
    assert outcomes == [(1, [30]), (1, [60]), (None, [60])]  # two retries, then no more
    assert job.meta["navet_attempts"] == 3

    error[0] = ValueError("a bug")
    fresh = Job.__new__(Job)
    fresh.meta, fresh._id, fresh.retries_left, fresh.retry_intervals = {}, "j2", None, None
    with pytest.raises(ValueError, match="a bug"):
        fresh._execute()
    assert fresh.retries_left is None  # RQ does not retry it


def _finished_pid() -> int:
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_retry_the_database_refuses_leaves_the_task_failed_and_the_worker_running(
    no_delay, monkeypatch, caplog
) -> None:
    user = UserFactory()
    result = flaky.enqueue(user.pk, 1)

    def refused(*args: Any, **kwargs: Any) -> int:
        raise OperationalError("the database system is starting up")

    monkeypatch.setattr("django.db.models.query.QuerySet.update", refused)
    work()  # returns: the worker survived
    monkeypatch.undo()

    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.FAILED
    assert any("kunde inte läggas tillbaka" in r.getMessage() for r in caplog.records)
