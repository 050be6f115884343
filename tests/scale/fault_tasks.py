"""A task for the fault tests: it tells a user once, then waits at two named pipes – one that
says it has started, one that lets it finish – so a test can kill its worker in the middle
without waiting on a clock; and the tasks that fill a queue."""

import os
from uuid import uuid4

from django.db import OperationalError

from navet.core.models import Notification, User
from navet.core.notifications import notify
from navet.core.taskqueue import background_task


@background_task
def notify_then_wait(user_id: int, started: str, release: str) -> None:
    user = User.objects.get(pk=user_id)
    notify(user=user, key="fault:notify-then-wait", title="Ett test", url="/")
    with open(started, "w") as pipe:  # opens when the test listens
        pipe.write("started\n")
    with open(release) as pipe:  # opens when the test lets the task finish
        pipe.read()


# --- filling the queue ---------------------------------------------------------------------


@background_task
def record(number: int, user_id: int) -> None:
    """A cheap task whose every run leaves a row of its own, so a run twice shows as two."""
    Notification.objects.create(user_id=user_id, key=f"fill:{number}:{uuid4().hex}", title="")


@background_task
def record_after_a_lost_connection(number: int, user_id: int) -> None:
    """Fails the first time with a lost database connection (a passing error), then records."""
    user = User.objects.get(pk=user_id)
    if notify(user=user, key=f"fill-try:{number}", title="Första försöket"):
        raise OperationalError("terminating connection due to administrator command")
    record.call(number, user_id)


@background_task
def record_then_wait(user_id: int, started: str, release: str) -> None:
    """Tells once, says which worker process runs it, and waits to be let through."""
    notify(user=User.objects.get(pk=user_id), key="fill:waiting", title="Väntar")
    with open(started, "w") as pipe:
        pipe.write(f"{os.getpid()}\n")
    with open(release) as pipe:
        pipe.read()
