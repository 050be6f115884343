from pathlib import Path

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from navet.core.backup import BackupError, restore
from navet.core.management.base import NavetCommand


class Command(NavetCommand):
    help = gettext_noop(
        "Read back a backup from 'navet backup' into a database migrated to the same version. "
        "Refuses if the database already holds data, except with --replace."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--replace",
            action="store_true",
            help=_("replace everything there is: the database's content and the uploaded files"),
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
