from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from navet.calls.services import ImportReport
from navet.core.errors import DomainError
from navet.needs.services import interchange_import_file

KINDS = {"calls": "Utlysningar", "needs": "Behov"}


class Command(BaseCommand):
    help = (
        "Importera utlysningar och behov i Navets utbytesformat: JSON (listorna calls och needs), "
        ".xlsx eller svensk CSV med samma kolumnnamn – ett kalkylblad med kolumnen municipality "
        "är behov, annars utlysningar. Att importera samma fil igen ändrar ingenting; felaktiga "
        "poster rapporteras med position och orsak, och de korrekta importeras ändå."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: object, file: Path, **options: object) -> None:
        try:
            content = file.read_bytes()
        except FileNotFoundError as error:
            raise CommandError(f"Filen {file} finns inte.") from error
        try:
            reports = interchange_import_file(actor=None, filename=file.name, content=content)
        except DomainError as error:
            raise CommandError(error.message) from error
        if not reports:
            self.stdout.write("Filen innehåller varken utlysningar (calls) eller behov (needs).")
        for kind, report in reports.items():
            self._write(KINDS[kind], report)
        failed = sum(report.failed for report in reports.values())
        if failed:
            raise CommandError(f"{failed} poster kunde inte importeras.", returncode=1)

    def _write(self, label: str, report: ImportReport) -> None:
        self.stdout.write(
            f"{label}: {len(report.created)} nya, {len(report.updated)} ändrade, "
            f"{len(report.unchanged)} oförändrade, {report.failed} med fel."
        )
        for problem in report.problems:
            kind = "FEL" if problem.fatal else "obs"
            name = problem.external_id or "(utan external_id)"
            self.stdout.write(f"  {kind} post {problem.position} {name}: {problem.message}")
