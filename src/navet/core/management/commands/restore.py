from pathlib import Path

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from navet.core.backup import BackupError, restore
from navet.core.management.base import NavetCommand


class Command(NavetCommand):
    help = (
        "Läs tillbaka en säkerhetskopia från 'navet backup' i en databas som är migrerad till "
        "samma version. Vägrar om databasen redan innehåller data, utom med --replace."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="ersätt allt som finns: databasens innehåll och de uppladdade filerna",
        )

    def handle(self, *args: object, file: Path, replace: bool, **options: object) -> None:
        if not file.is_file():
            raise CommandError(_("The file %(file)s does not exist.") % {"file": file})
        try:
            summary = restore(file, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("%(file)s: %(rows)d rows and %(files)d files restored.")
            % {"file": file, "rows": summary.rows, "files": summary.files}
        )
