from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from navet.demo.scale import SIZES, GeneratedError, generate
from navet.demo.scale.parts import PASSWORD


class Command(BaseCommand):
    help = (
        "Fyll en tom databas med påhittade men realistiska data för mätningar: 'county' = "
        "Stockholms län (26 kommuner, 1 000 utlysningar), 'national' = hela landet (290 kommuner "
        "i 30 samverkan, 10 000 utlysningar, 40 000 behov, 20 000 projekt med ansökningar, "
        "5 000 möten och ärenden). Samma --seed ger samma data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SIZES), required=True)
        parser.add_argument("--seed", type=int, default=1, help="slumpfrö (standard 1)")

    def handle(self, *args: object, scale: str, seed: int, **options: object) -> None:
        if settings.PRODUCTION:
            raise CommandError("Genererade data laddas aldrig i produktionsläge.")
        try:
            report = generate(SIZES[scale], seed=seed, today=timezone.localdate())
        except GeneratedError as error:
            raise CommandError(str(error)) from error
        for label, count in sorted(report.counts.items()):
            self.stdout.write(f"{count:>9} {label}")
        self.stdout.write(
            f"Inloggningar: scale-samordnare.<id>, scale-kontakt.<kod> (lösenord {PASSWORD})."
        )
