from pathlib import Path

from auditlog.models import LogEntry
from django.core.management.base import BaseCommand, CommandError, CommandParser

from navet.core.errors import DomainError
from navet.core.models import User
from navet.core.privacy.erasure import user_erase
from navet.core.privacy.export import export_json, personal_data_export


class Command(BaseCommand):
    help = (
        "Personuppgifter: `export ANVÄNDARNAMN FIL` skriver allt Navet har om en användare som "
        "JSON; `erase ANVÄNDARNAMN` tar bort användaren (pseudonymiserar, efter bekräftelse); "
        "`forget-addresses` tömmer IP-adresserna i loggens äldre poster."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        export = commands.add_parser("export", help="Skriv en användares uppgifter till FIL.")
        export.add_argument("username")
        export.add_argument("file", type=Path)
        erase = commands.add_parser("erase", help="Ta bort (pseudonymisera) en användare.")
        erase.add_argument("username")
        erase.add_argument(
            "--yes", action="store_true", help="Fråga inte: användarnamnet är redan kontrollerat."
        )
        commands.add_parser(
            "forget-addresses",
            help="Töm IP-adresserna i loggens poster från tiden innan Navet slutade spara dem.",
        )

    def handle(self, *args: object, action: str, **options: object) -> None:
        if action == "forget-addresses":
            count = LogEntry.objects.exclude(remote_addr=None).update(
                remote_addr=None, remote_port=None
            )
            self.stdout.write(f"IP-adressen togs bort ur {count} poster i loggen.")
            return
        username = str(options["username"])
        subject = User.objects.filter(username=username).first()
        if subject is None:
            raise CommandError(f"Det finns ingen användare med namnet {username!r}.")
        if action == "export":
            path = Path(str(options["file"]))
            path.write_bytes(export_json(personal_data_export(actor=None, subject=subject)))
            self.stdout.write(f"Uppgifterna om {username} skrevs till {path}.")
            return
        if not options["yes"]:
            self.stdout.write(
                f"{subject} ({username}) stängs och får ett nytt namn; roller, bevakningar, "
                "flöden och notiser tas bort. Beslut, röster och loggen behålls."
            )
            answer = input("Skriv användarnamnet för att bekräfta: ")
            if answer.strip() != username:
                raise CommandError("Inget togs bort: användarnamnet stämde inte.")
        try:
            user_erase(actor=None, subject=subject)
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"{username} är borttagen och visas nu som {subject}.")
