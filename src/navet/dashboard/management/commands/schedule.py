"""`navet schedule`: an entrance above every app, since it queues the periodic work of each step."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from navet.calls.services import source_run_start, sources_due
from navet.calls.tasks import send_reminders_and_digests
from navet.core.tasks import remove_old_exports
from navet.decisions.tasks import close_due_motions, send_vote_reminders
from navet.followup.tasks import send_followup_alerts
from navet.matching.tasks import refresh_matches
from navet.projects.tasks import send_confirmation_reminders
from navet.risks.tasks import send_review_reminders


class Command(BaseCommand):
    help = (
        "Navets schemaläggare: lägger de periodiska jobben i kön åt bakgrundsarbetaren – "
        "hämtning av källor vars tur det är, påminnelser, e-postsammanfattningar och "
        "uppdatering av matchningen mellan behov och utlysningar, stängning av beslutsärenden "
        "vars röstningsfönster har passerat, påminnelser till kommuner som inte har röstat och "
        "till ägare av risker som ska följas upp och till kommuner vars samverkansblankett "
        "saknas, varningar om löpande projekts ekonomi, mål och rapporter, och borttagning av "
        "exporter äldre än en vecka. "
        "Kör varje timme från en systemd-timer eller cron; jobben tål att köras ofta."
    )

    def handle(self, *args: object, **options: object) -> None:
        due = sources_due(timezone.now())
        for source in due:
            source_run_start(actor=None, source=source)
        send_reminders_and_digests.enqueue()
        refresh_matches.enqueue()
        close_due_motions.enqueue()
        send_vote_reminders.enqueue()
        send_review_reminders.enqueue()
        send_confirmation_reminders.enqueue()
        send_followup_alerts.enqueue()
        remove_old_exports.enqueue()
        self.stdout.write(
            f"I kön: {len(due)} hämtningar av källor, påminnelser, sammanfattningar, matchning "
            "beslutsärenden, uppföljning av risker, samverkansblanketter som saknas och "
            "varningar om projektens ekonomi, och borttagning av gamla exporter."
        )
