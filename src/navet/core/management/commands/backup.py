from pathlib import Path

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from navet.core.backup import backup
from navet.core.management.base import NavetCommand


class Command(NavetCommand):
    help = (
        "Spara en säkerhetskopia av hela databasen och alla uppladdade filer i FILE "
        "(.tar.gz). Läs tillbaka med 'navet restore FILE'."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: object, file: Path, **options: object) -> None:
        summary = backup(file)
        self.stdout.write(
            _("%(file)s: %(rows)d rows and %(files)d files saved.")
            % {"file": file, "rows": summary.rows, "files": summary.files}
        )
