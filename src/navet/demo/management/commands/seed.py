from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from navet.calls.services import funders_seed, sources_seed
from navet.core.management.base import NavetCommand
from navet.demo.content import DEMO_PASSWORD, demo_seed
from navet.organisations.services import county_seed


class Command(NavetCommand):
    help = gettext_noop(
        "Load data: 'county' = Stockholm County's 26 municipalities, consortia and neighbours; "
        "'funders' = funders and funding programmes with their rules; 'sources' = the sources "
        "of calls (the EU portal, Vinnova and watched pages; not fetched now); 'demo' = all "
        "this and also demo users for every role, sample calls and sample needs from three "
        "municipalities in Koordination Norrort. Running 'county' again changes nothing; "
        "'funders' resets the funders' facts to the bundled ones; 'sources' leaves sources "
        "that a user has changed alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["county", "funders", "sources", "demo"])

    def handle(self, *args: object, what: str, **options: object) -> None:
        if what == "county":
            created = county_seed()
            self.stdout.write(
                _(
                    "Stockholm County: %(municipalities)d new municipalities, %(consortia)d new "
                    "consortia, %(memberships)d new memberships, %(borders)d new neighbourships."
                )
                % created
            )
            return
        if what == "funders":
            counts = funders_seed()
            self.stdout.write(
                _("Funders: %(funders)d new; funding programmes: %(programmes)d new.") % counts
            )
            return
        if what == "sources":
            counts = sources_seed()
            self.stdout.write(
                _(
                    "Sources: %(created)d new, %(updated)d updated, %(kept)d changed by users and "
                    "left as they are."
                )
                % counts
            )
            return
        if settings.PRODUCTION:
            raise CommandError(
                _("Demo data is never loaded in production mode (NAVET_PRODUCTION=1).")
            )
        users = demo_seed()
        self.stdout.write(
            _("Demo logins (password for all: %(password)s):") % {"password": DEMO_PASSWORD}
        )
        for demo in users:
            self.stdout.write(f"  {demo.role.label:<28} {demo.username}")
