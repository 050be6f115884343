from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from navet.core.management.base import NavetCommand
from navet.demo.scale import SIZES, GeneratedError, generate
from navet.demo.scale.parts import PASSWORD


class Command(NavetCommand):
    help = gettext_noop(
        "Fill an empty database with made-up but realistic data for measurements: 'county' = "
        "Stockholm County (26 municipalities, 1,000 calls), 'national' = the whole country (290 "
        "municipalities in 30 consortia, 10,000 calls, 40,000 needs, 20,000 projects with "
        "applications, 5,000 meetings and motions). The same --seed gives the same data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SIZES), required=True)
        parser.add_argument("--seed", type=int, default=1, help=_("random seed (default 1)"))

    def handle(self, *args: object, scale: str, seed: int, **options: object) -> None:
        if settings.PRODUCTION:
            raise CommandError(_("Generated data is never loaded in production mode."))
        try:
            report = generate(SIZES[scale], seed=seed, today=timezone.localdate())
        except GeneratedError as error:
            raise CommandError(str(error)) from error
        for label, count in sorted(report.counts.items()):
            self.stdout.write(f"{count:>9} {label}")
        self.stdout.write(
            _("Logins: scale-samordnare.<id>, scale-kontakt.<kod> (password %(password)s).")
            % {"password": PASSWORD}
        )
