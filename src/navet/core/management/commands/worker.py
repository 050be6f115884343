from django.core.management import call_command
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from navet.core.management.base import NavetCommand
from navet.core.taskqueue import requeue_abandoned, uses_database_queue, worker_id


class Command(NavetCommand):
    help = gettext_noop(
        "Run the background tasks (the database queue). First puts back tasks that an "
        "interrupted worker process on the same computer left half done, so that nothing is lost."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch", action="store_true", help=_("run what is waiting, then stop")
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help=_("seconds between looks into an empty queue"),
        )

    def handle(self, *args: object, batch: bool, interval: float, **options: object) -> None:
        if not uses_database_queue():
            raise CommandError(
                _(
                    "The queue is in Redis (NAVET_REDIS_URL): run 'navet rqworker "
                    "--with-scheduler --job-class navet.core.rqjob.Job default' instead."
                )
            )
        requeued = requeue_abandoned()
        if requeued:
            put_back = ngettext(
                "%(number)d interrupted task was put back in the queue.",
                "%(number)d interrupted tasks were put back in the queue.",
                requeued,
            )
            self.stdout.write(put_back % {"number": requeued})
        call_command(
            "db_worker",
            worker_id=worker_id(),
            batch=batch,
            interval=interval,
            reload=False,
            startup_delay=False,
        )
