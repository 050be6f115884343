from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from navet.core.backup import backup


class Command(BaseCommand):
    help = (
        "Spara en säkerhetskopia av hela databasen och alla uppladdade filer i FILE "
        "(.tar.gz). Läs tillbaka med 'navet restore FILE'."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: object, file: Path, **options: object) -> None:
        summary = backup(file)
        self.stdout.write(f"{file}: {summary.rows} rader och {summary.files} filer sparade.")
