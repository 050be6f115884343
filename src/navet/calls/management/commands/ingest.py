from django.core.management.base import CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from navet.calls.models import Source
from navet.calls.services import import_run_execute, source_run_start, sources_due
from navet.core.management.base import NavetCommand


class Command(NavetCommand):
    help = gettext_noop(
        "Fetch calls from the sources. With --due: the scheduled sources whose turn it is "
        "(run this every hour from a systemd timer or cron). Without --now the fetches are "
        "queued for the background worker; with --now they run in this command at once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source_ids", nargs="*", type=int, help=_("the sources' ids"))
        parser.add_argument("--due", action="store_true", help=_("every source whose turn it is"))
        parser.add_argument(
            "--now", action="store_true", help=_("run at once, not through the queue")
        )

    def handle(
        self, *args: object, source_ids: list[int], due: bool, now: bool, **o: object
    ) -> None:
        sources = list(Source.objects.filter(pk__in=source_ids, active=True))
        if due:
            sources += [s for s in sources_due(timezone.now()) if s not in sources]
        if not sources:
            self.stdout.write(_("No sources to fetch."))
            return
        for source in sources:
            run = source_run_start(actor=None, source=source)
            if now:
                run = import_run_execute(run.pk)
                outcome = _(
                    "%(source)s: %(status)s; %(created)d new, %(updated)d changed, "
                    "%(unchanged)d unchanged, %(failed)d with errors."
                ) % {
                    "source": source.name,
                    "status": run.get_status_display(),
                    "created": run.created,
                    "updated": run.updated,
                    "unchanged": run.unchanged,
                    "failed": run.failed,
                }
                self.stdout.write(f"{outcome} {run.message}" if run.message else outcome)
            else:
                self.stdout.write(
                    _("%(source)s: queued (run %(run)d).") % {"source": source.name, "run": run.pk}
                )
