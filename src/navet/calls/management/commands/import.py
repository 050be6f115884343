from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from navet.calls.services import calls_import_file
from navet.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Importera utlysningar i Navets utbytesformat: JSON, .xlsx eller svensk CSV med samma "
        "kolumnnamn. Att importera samma fil igen ändrar ingenting; felaktiga poster "
        "rapporteras med position och orsak, och de korrekta importeras ändå."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: object, file: Path, **options: object) -> None:
        try:
            content = file.read_bytes()
        except FileNotFoundError as error:
            raise CommandError(f"Filen {file} finns inte.") from error
        if file.suffix.lower() == ".json" and b'"needs"' in content:
            self.stderr.write("Behov (needs) kan ännu inte importeras; de hoppas över.")
        try:
            report = calls_import_file(actor=None, filename=file.name, content=content)
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"Utlysningar: {len(report.created)} nya, {len(report.updated)} ändrade, "
            f"{len(report.unchanged)} oförändrade, {report.failed} med fel."
        )
        for problem in report.problems:
            kind = "FEL" if problem.fatal else "obs"
            label = problem.external_id or "(utan external_id)"
            self.stdout.write(f"  {kind} post {problem.position} {label}: {problem.message}")
        if report.failed:
            raise CommandError(f"{report.failed} poster kunde inte importeras.", returncode=1)
