from django.core.management.base import BaseCommand
from django.utils import timezone

from navet.calls.services import source_run_start, sources_due
from navet.calls.tasks import send_reminders_and_digests


class Command(BaseCommand):
    help = (
        "Navets schemaläggare: lägger de periodiska jobben i kön åt bakgrundsarbetaren – "
        "hämtning av källor vars tur det är, påminnelser och e-postsammanfattningar. "
        "Kör varje timme från en systemd-timer eller cron; jobben tål att köras ofta."
    )

    def handle(self, *args: object, **options: object) -> None:
        due = sources_due(timezone.now())
        for source in due:
            source_run_start(actor=None, source=source)
        send_reminders_and_digests.enqueue()
        self.stdout.write(
            f"I kön: {len(due)} hämtningar av källor, påminnelser och sammanfattningar."
        )
