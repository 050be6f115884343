"""Operations: /healthz with the queue, JSON logs, the Redis queue's settings, putting back
the tasks of a dead worker, and tasks that do nothing twice when they run again."""

import json
import logging
import os
import socket
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from navet.calls.models import CallFollow
from navet.calls.tasks import send_reminders_and_digests
from navet.core.jsonlog import JsonFormatter
from navet.core.models import Notification
from navet.core.taskqueue import requeue_abandoned, worker_id
from tests.factories import CallFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
NAVET = str(Path(sys.executable).with_name("navet"))


def navet(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`navet …` in a process of its own, on a database of its own (no tables needed)."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "navet.settings", **env}
    environment.pop("DATABASE_URL", None)
    return subprocess.run(
        [NAVET, *args], capture_output=True, text=True, env=environment, check=False, cwd=ROOT
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_healthz_counts_the_tasks_waiting_for_a_worker(client) -> None:
    send_reminders_and_digests.enqueue()
    send_reminders_and_digests.enqueue()

    answer = client.get("/healthz").json()

    assert answer["checks"] == {"database": "ok", "tasks": "ok"}
    assert answer["waiting"] == 2


def test_with_a_redis_url_tasks_go_to_redis_and_healthz_tells_when_it_does_not_answer(
    tmp_path: Path,
) -> None:
    script = (
        "from django.conf import settings; from django.test import Client; "
        "r = Client().get('/healthz'); "
        "print(settings.TASKS['default']['BACKEND']); print(r.status_code); "
        "print(r.content.decode())"
    )
    done = navet(
        "shell",
        "-c",
        script,
        NAVET_REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
        NAVET_VAR_DIR=str(tmp_path),
        ALLOWED_HOSTS="testserver",
    )

    backend, status, body = done.stdout.strip().splitlines()[-3:]
    assert backend == "django_tasks_rq.RQBackend"
    assert status == "503"
    assert json.loads(body)["checks"] == {"database": "ok", "tasks": "error: ConnectionError"}


def test_json_logs_are_one_object_per_line_with_the_exception() -> None:
    try:
        raise ValueError("trasig rad")
    except ValueError:
        record = logging.getLogger("navet.test").makeRecord(
            "navet.test",
            logging.ERROR,
            __file__,
            1,
            "Import av %s misslyckades",
            ("fil.csv",),
            sys.exc_info(),
            extra={"run": 7},
        )
    entry = json.loads(JsonFormatter().format(record))

    assert entry["level"] == "ERROR"
    assert entry["logger"] == "navet.test"
    assert entry["message"] == "Import av fil.csv misslyckades"
    assert entry["run"] == 7
    assert "ValueError: trasig rad" in entry["exception"]


def test_navet_log_format_json_turns_the_log_into_json(tmp_path: Path) -> None:
    done = navet(
        "shell",
        "-c",
        "import logging; logging.getLogger('navet.prov').warning('Hej %s', 'världen')",
        NAVET_LOG_FORMAT="json",
        NAVET_VAR_DIR=str(tmp_path),
    )
    line = json.loads(done.stderr.strip().splitlines()[-1])
    assert (line["logger"], line["message"]) == ("navet.prov", "Hej världen")


@pytest.mark.django_db
def test_the_tasks_of_a_dead_worker_on_this_host_go_back_to_the_queue() -> None:
    dead = worker_id(pid=_pid_of_finished_process())
    alive = worker_id()
    elsewhere = "en-annan-server:1"

    def running(worker: str) -> DBTaskResult:
        result = DBTaskResult.objects.get(pk=send_reminders_and_digests.enqueue().id)
        result.claim(worker)
        return result

    orphan, busy, remote = running(dead), running(alive), running(elsewhere)

    assert requeue_abandoned() == 1
    statuses = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert statuses[orphan.pk] == TaskResultStatus.READY
    assert statuses[busy.pk] == TaskResultStatus.RUNNING
    assert statuses[remote.pk] == TaskResultStatus.RUNNING
    assert requeue_abandoned() == 0


@pytest.mark.django_db
def test_a_retried_reminders_task_tells_and_mails_each_thing_once(settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = UserFactory(email="kontakt@example.se")
    call = CallFactory(closes=timezone.now() + timedelta(days=5))
    CallFollow.objects.create(user=user, call=call)

    send_reminders_and_digests.call()
    send_reminders_and_digests.call()  # the retry

    assert Notification.objects.filter(user=user).count() == 1
    assert len(mail.outbox) == 1
    assert Notification.objects.get(user=user).emailed_at is not None


def _pid_of_finished_process() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid
