from django.core.management.base import CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.calls.models import Source
from navet.calls.services import import_run_execute, source_run_start, sources_due
from navet.core.management.base import NavetCommand


class Command(NavetCommand):
    help = (
        "Hämta utlysningar från källorna. Med --due: de schemalagda källor vars tur det är "
        "(kör detta varje timme från systemd-timer eller cron). Utan --now läggs hämtningarna "
        "i kön åt bakgrundsarbetaren; med --now körs de direkt i det här kommandot."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source_ids", nargs="*", type=int, help="källornas id")
        parser.add_argument("--due", action="store_true", help="alla källor vars tur det är")
        parser.add_argument("--now", action="store_true", help="kör direkt, inte via kön")

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
