"""Faults, with real processes: a worker killed in the middle of a task, a full queue shared by
two workers one of which is killed, and PostgreSQL restarted in the middle of an import. After
recovery nothing is lost and nothing is done twice. Nothing here waits on a clock: the tests wait
on named pipes, on the workers' exit and on PostgreSQL's notifications, each with an upper bound
so a broken run fails instead of hanging."""

import importlib.util
import json
import os
import secrets
import select
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from navet.calls.services import BATCH
from navet.demo.scale.bench import ingest_records

ROOT = Path(__file__).resolve().parents[2]
NAVET = str(Path(sys.executable).with_name("navet"))
BOUND = 300  # seconds a step may take before the test gives up (never reached when it works)


def _with_postgres() -> object:
    spec = importlib.util.spec_from_file_location(
        "with_postgres", ROOT / "scripts/with_postgres.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def database(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of a migrated database of this test's own: a SQLite file, or a new
    database on the suite's PostgreSQL server."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NAVET_VAR_DIR": str(tmp_path)}
    url = os.environ.get("DATABASE_URL", "")
    admin, name = "", ""
    if url:
        parts = urlsplit(url)
        name = f"navet_fault_{secrets.token_hex(4)}"
        admin = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    else:
        env.pop("DATABASE_URL", None)
    run(env, "migrate", "--verbosity", "0")
    yield env
    if admin:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [NAVET, *args], env=env, capture_output=True, text=True, cwd=ROOT, timeout=BOUND
    )
    assert done.returncode == 0, done.stderr
    return done


def shell(env: dict[str, str], code: str) -> str:
    return run(env, "shell", "--verbosity", "0", "-c", code).stdout.strip().splitlines()[-1]


def wait_for_line(fd: int) -> str:
    """Wait until the task writes to the pipe (the test holds a writer open too, so the pipe
    never reads as closed)."""
    readable, _, _ = select.select([fd], [], [], BOUND)
    assert readable, "the task never reached the pipe"
    return os.read(fd, 100).decode()


def test_a_worker_killed_in_the_middle_of_a_task_loses_and_repeats_nothing(
    database: dict[str, str], tmp_path: Path
) -> None:
    started, release = tmp_path / "started", tmp_path / "release"
    os.mkfifo(started)
    os.mkfifo(release)
    user_id = shell(
        database,
        "from navet.core.models import User; "
        "from tests.scale.fault_tasks import notify_then_wait; "
        "u = User.objects.create(username='drift', email='drift@example.se'); "
        f"notify_then_wait.enqueue(u.pk, {str(started)!r}, {str(release)!r}); print(u.pk)",
    )
    listener = os.open(started, os.O_RDONLY | os.O_NONBLOCK)
    keep_open = os.open(started, os.O_WRONLY)
    first = subprocess.Popen([NAVET, "worker", "--interval", "0.2"], env=database, cwd=ROOT)
    try:
        assert wait_for_line(listener) == "started\n"  # the notification is stored by now
        first.kill()  # SIGKILL: no chance to clean up
        first.wait(BOUND)

        second = subprocess.Popen([NAVET, "worker", "--batch"], env=database, cwd=ROOT)
        assert wait_for_line(listener) == "started\n"  # the task runs again
        with open(release, "w"):
            pass  # let it finish
        assert second.wait(BOUND) == 0
    finally:
        first.kill()
        os.close(listener)
        os.close(keep_open)

    outcome = json.loads(
        shell(
            database,
            "import json; from navet.core.models import Notification; "
            "from django_tasks_db.models import DBTaskResult; "
            f"print(json.dumps({{'notifications': Notification.objects.filter(user_id={user_id})"
            ".count(), 'tasks': list(DBTaskResult.objects.values_list('status', flat=True))}))",
        )
    )
    assert outcome == {"notifications": 1, "tasks": ["SUCCESSFUL"]}


FILL = 2000  # cheap tasks in the queue
FLAKY_EVERY = 40  # every 40th fails once with a lost database connection


def test_a_full_queue_with_two_workers_one_killed_runs_every_task_once(
    database: dict[str, str], tmp_path: Path
) -> None:
    """Two workers share a queue of a couple of thousand tasks, some failing once with a passing
    error; one worker is killed in the middle of a task. After recovery every task has run to
    success exactly once in effect: one row per task, the retried ones retried."""
    env = {**database, "NAVET_TASK_RETRY_DELAY": "0"}
    started, release = tmp_path / "started", tmp_path / "release"
    os.mkfifo(started)
    os.mkfifo(release)
    user_id = shell(
        env,
        "from django.db import transaction; from navet.core.models import User; "
        "from tests.scale import fault_tasks as t; "
        "u = User.objects.create(username='kö', email='ko@example.se')\n"
        "with transaction.atomic():\n"
        f"    for n in range({FILL}):\n"
        f"        (t.record_after_a_lost_connection if n % {FLAKY_EVERY} == 0 else t.record)"
        ".enqueue(n, u.pk)\n"
        f"        if n == {FILL // 4}: t.record_then_wait.enqueue(u.pk, {str(started)!r}, "
        f"{str(release)!r})\n"
        "print(u.pk)",
    )
    listener = os.open(started, os.O_RDONLY | os.O_NONBLOCK)
    keep_open = os.open(started, os.O_WRONLY)
    workers = [
        subprocess.Popen([NAVET, "worker", "--interval", "0.2"], env=env, cwd=ROOT)
        for _ in range(2)
    ]
    try:
        waiting_in = int(wait_for_line(listener))  # a worker is in the middle of that task
        (killed,) = [w for w in workers if w.pid == waiting_in]
        (survivor,) = [w for w in workers if w is not killed]
        killed.kill()
        killed.wait(BOUND)

        recovery = subprocess.Popen([NAVET, "worker", "--batch"], env=env, cwd=ROOT)
        rerun_in = int(wait_for_line(listener))  # put back, and run again
        assert rerun_in in (survivor.pid, recovery.pid)
        with open(release, "w"):
            pass
        assert recovery.wait(BOUND) == 0  # the queue has nothing ready
        survivor.terminate()  # finishes the task it has, then stops
        assert survivor.wait(BOUND) == 0
        run(env, "worker", "--batch")  # anything retried as the survivor stopped
    finally:
        for worker in workers:
            worker.kill()
        os.close(listener)
        os.close(keep_open)

    outcome = json.loads(
        shell(
            env,
            "import json; from collections import Counter; "
            "from navet.core.models import Notification; "
            "from django_tasks_db.models import DBTaskResult; "
            f"keys = Notification.objects.filter(user_id={user_id}).values_list('key', flat=True); "
            "runs = Counter(k.split(':')[1] for k in keys if k.startswith('fill:') "
            "and k != 'fill:waiting'); "
            "tasks = DBTaskResult.objects.all(); "
            "print(json.dumps({"
            "'runs': sorted(Counter(runs.values()).items()), 'tasks': len(runs), "
            "'first_tries': sum(k.startswith('fill-try:') for k in keys), "
            "'waiting': sum(k == 'fill:waiting' for k in keys), "
            "'statuses': sorted(Counter(tasks.values_list('status', flat=True)).items()), "
            "'attempts': sorted(Counter(len(w) for w in tasks.values_list('worker_ids', flat=True))"
            ".items())}))",
        )
    )
    flaky = len(range(0, FILL, FLAKY_EVERY))
    assert outcome == {
        "runs": [[1, FILL]],  # every task's row once: nothing lost, nothing twice
        "tasks": FILL,
        "first_tries": flaky,
        "waiting": 1,  # the task of the killed worker told once, though it ran twice
        "statuses": [["SUCCESSFUL", FILL + 1]],
        "attempts": [[1, FILL - flaky], [2, flaky + 1]],  # the retried ones and the rerun one
    }


@pytest.fixture
def own_postgres() -> Iterator[tuple[str, list[str]]]:
    """A PostgreSQL server of this test's own, to restart: its URL and its pg_ctl command."""
    helpers: object = _with_postgres()
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    workdir = tempfile.mkdtemp(prefix="navet-pgfault-")
    if as_postgres:
        shutil.chown(workdir, "postgres", "postgres")
    data, port = os.path.join(workdir, "data"), helpers.free_port()  # type: ignore[attr-defined]
    initdb = helpers.postgres_bin("initdb")  # type: ignore[attr-defined]
    subprocess.run(
        [*as_postgres, initdb, "-D", data, "-U", "postgres", "--auth=trust", "--locale=C.UTF-8"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    pg_ctl = [
        *as_postgres,
        helpers.postgres_bin("pg_ctl"),  # type: ignore[attr-defined]
        "-D",
        data,
        "-l",
        os.path.join(workdir, "log"),
        "-o",
        f"-h 127.0.0.1 -p {port} -k {workdir} -c fsync=off",
        "-w",
    ]
    subprocess.run([*pg_ctl, "start"], check=True, stdout=subprocess.DEVNULL)
    try:
        url = f"postgres://postgres@127.0.0.1:{port}/postgres"
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("CREATE DATABASE navet")
        yield f"postgres://postgres@127.0.0.1:{port}/navet", pg_ctl
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], check=False, stdout=subprocess.DEVNULL)
        shutil.rmtree(workdir, ignore_errors=True)


def test_postgresql_restarted_during_an_import_loses_and_repeats_nothing(
    own_postgres: tuple[str, list[str]], tmp_path: Path
) -> None:
    url, pg_ctl = own_postgres
    env = {**os.environ, "DATABASE_URL": url, "NAVET_VAR_DIR": str(tmp_path)}
    run(env, "migrate", "--verbosity", "0")
    run(env, "seed", "funders")
    total = 4 * BATCH  # the import stores its records in batches of BATCH, one transaction each
    records = ingest_records(total, seed=11)
    file = tmp_path / "utlysningar.json"
    file.write_text(json.dumps({"calls": records}, ensure_ascii=False))
    with psycopg.connect(url, autocommit=True) as connection:
        # Each stored call says so when its transaction commits.
        connection.execute(
            "CREATE FUNCTION stored_call() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "PERFORM pg_notify('stored_call', NEW.external_id); RETURN NEW; END $$"
        )
        connection.execute(
            "CREATE TRIGGER stored_call AFTER INSERT ON calls_call "
            "FOR EACH ROW EXECUTE FUNCTION stored_call()"
        )
        connection.execute("LISTEN stored_call")
        importing = subprocess.Popen(
            [NAVET, "import", str(file)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        stored = list(connection.notifies(timeout=BOUND, stop_after=1))
        assert len(stored) >= 1  # a batch has been committed
    # Hold the import at its next batch but one: the lock waits for the batch under way, if
    # any, and the batch after it waits for the lock. Then restart the server under it.
    holder = psycopg.connect(url)
    try:
        holder.execute("LOCK TABLE calls_call IN ACCESS EXCLUSIVE MODE")
        subprocess.run([*pg_ctl, "-m", "fast", "restart"], check=True, stdout=subprocess.DEVNULL)
    finally:
        holder.close()
    output, errors = importing.communicate(timeout=BOUND)

    # The interrupted batch either stops the import with the error, or is stored again call by
    # call on a new connection (any call refused while the server was still starting is then
    # reported as failed); either way the next import completes the work.
    stopped = "terminating connection" in errors or "OperationalError" in errors
    stored_one_by_one = "sparas en i taget" in errors
    assert stopped or stored_one_by_one, (output, errors)  # the batch was interrupted
    if importing.returncode == 0:
        assert stored_one_by_one, errors
    again = run(env, "import", str(file))

    assert "Utlysningar:" in again.stdout
    with psycopg.connect(url) as connection:
        calls, distinct = connection.execute(
            "SELECT count(*), count(DISTINCT external_id) FROM calls_call"
        ).fetchone() or (0, 0)
        created = connection.execute(
            "SELECT count(*) FROM auditlog_logentry e JOIN django_content_type t "
            "ON t.id = e.content_type_id WHERE t.app_label = 'calls' AND t.model = 'call' "
            "AND e.action = 0"
        ).fetchone()
    assert (calls, distinct) == (total, total)
    assert created == (total,)  # each call created once, in the audit trail too
