"""A task for the fault tests: it tells a user once, then waits at two named pipes – one that
says it has started, one that lets it finish – so a test can kill its worker in the middle
without waiting on a clock."""

from django_tasks import task

from navet.core.models import User
from navet.core.notifications import notify


@task()
def notify_then_wait(user_id: int, started: str, release: str) -> None:
    user = User.objects.get(pk=user_id)
    notify(user=user, key="fault:notify-then-wait", title="Ett test", url="/")
    with open(started, "w") as pipe:  # opens when the test listens
        pipe.write("started\n")
    with open(release) as pipe:  # opens when the test lets the task finish
        pipe.read()
