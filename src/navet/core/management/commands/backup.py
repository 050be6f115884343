from pathlib import Path

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from navet.core.backup import backup
from navet.core.management.base import NavetCommand


class Command(NavetCommand):
    help = gettext_noop(
        "Save a backup of the whole database and every uploaded file in FILE (.tar.gz). Read "
        "it back with 'navet restore FILE'."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: object, file: Path, **options: object) -> None:
        summary = backup(file)
        self.stdout.write(
            _("%(file)s: %(rows)d rows and %(files)d files saved.")
            % {"file": file, "rows": summary.rows, "files": summary.files}
        )
