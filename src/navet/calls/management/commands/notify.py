from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from navet.calls.expected import expected_calls_refresh
from navet.calls.services import reminders_generate
from navet.core.management.base import NavetCommand
from navet.core.notifications import digests_send


class Command(NavetCommand):
    help = gettext_noop(
        "Create reminders (14, 7 and 2 days before the deadline of followed calls, new calls "
        "in watched themes), renew the expected calls and send e-mail digests. Run every "
        "hour; nobody gets the same thing twice."
    )

    def handle(self, *args: object, **options: object) -> None:
        now = timezone.now()
        expected_calls_refresh(now)
        created = reminders_generate(now)
        sent = digests_send(now, base_url=settings.NAVET_BASE_URL)
        self.stdout.write(
            _("New notifications: %(created)d. E-mail digests sent: %(sent)d.")
            % {"created": created, "sent": sent}
        )
