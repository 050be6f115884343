from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.calls.expected import expected_calls_refresh
from navet.calls.services import reminders_generate
from navet.core.management.base import NavetCommand
from navet.core.notifications import digests_send


class Command(NavetCommand):
    help = (
        "Skapa påminnelser (14, 7 och 2 dagar före sista ansökningsdag för följda utlysningar, "
        "nya utlysningar i bevakade teman), förnya de väntade utlysningarna och skicka "
        "e-postsammanfattningar. Kör varje timme; "
        "ingen får samma sak två gånger."
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
