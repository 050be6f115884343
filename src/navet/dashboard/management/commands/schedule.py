"""`navet schedule`: an entrance above every app, since it queues the periodic work of each step."""

from django.utils import timezone
from django.utils.translation import gettext_noop, ngettext

from navet.calls.services import source_run_start, sources_due
from navet.calls.tasks import send_reminders_and_digests
from navet.core.management.base import NavetCommand
from navet.core.tasks import remove_old_exports
from navet.decisions.tasks import close_due_motions, send_vote_reminders
from navet.followup.tasks import send_followup_alerts
from navet.matching.tasks import refresh_matches
from navet.projects.tasks import send_confirmation_reminders
from navet.risks.tasks import send_review_reminders


class Command(NavetCommand):
    help = gettext_noop(
        "Navet's scheduler: queues the periodic jobs for the background worker – fetching the "
        "sources whose turn it is, reminders, e-mail digests and refreshing the matching "
        "between needs and calls, closing motions whose voting window has passed, reminders "
        "to municipalities that have not voted, to owners of risks due for review and to "
        "municipalities whose cooperation form is missing, warnings about running projects' "
        "economy, goals and reports, and removing exports older than a week. Run every hour "
        "from a systemd timer or cron; the jobs bear being run often."
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
        queued = ngettext(
            "Queued: %(number)d fetch of sources, reminders, digests, matching, motions, risk "
            "reviews, missing cooperation forms and warnings about the projects' economy, and "
            "removal of old exports.",
            "Queued: %(number)d fetches of sources, reminders, digests, matching, motions, risk "
            "reviews, missing cooperation forms and warnings about the projects' economy, and "
            "removal of old exports.",
            len(due),
        )
        self.stdout.write(queued % {"number": len(due)})
