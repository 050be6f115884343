import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from navet.calls.services import calls_import


class Command(BaseCommand):
    help = (
        "Importera utlysningar i Navets utbytesformat (JSON). Att importera samma fil igen "
        "ändrar ingenting; felaktiga poster rapporteras med position och orsak."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: object, file: Path, **options: object) -> None:
        try:
            data = json.loads(file.read_text(encoding="utf-8-sig"))
        except FileNotFoundError as error:
            raise CommandError(f"Filen {file} finns inte.") from error
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"Filen {file} är inte giltig JSON i UTF-8: {error}") from error
        if not isinstance(data, dict) or not isinstance(data.get("calls", []), list):
            raise CommandError('Filen ska vara ett JSON-objekt med listan "calls".')
        if data.get("needs"):
            self.stderr.write("Behov (needs) kan ännu inte importeras; de hoppades över.")
        report = calls_import(actor=None, records=data.get("calls", []), source=f"fil:{file.name}")
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
