from pathlib import Path

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from navet.calls.services import ImportReport
from navet.core.errors import DomainError
from navet.core.management.base import NavetCommand
from navet.needs.services import interchange_import_file

KINDS = {"calls": gettext_lazy("Calls"), "needs": gettext_lazy("Needs")}


class Command(NavetCommand):
    help = gettext_noop(
        "Import calls and needs in Navet's interchange format: JSON (the lists calls and needs), "
        ".xlsx or Swedish CSV with the same column names – a spreadsheet with the column "
        "municipality holds needs, otherwise calls. Importing the same file again changes "
        "nothing; faulty records are reported with position and reason, and the correct ones "
        "are imported all the same."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: object, file: Path, **options: object) -> None:
        try:
            content = file.read_bytes()
        except FileNotFoundError as error:
            raise CommandError(_("The file %(file)s does not exist.") % {"file": file}) from error
        try:
            reports = interchange_import_file(actor=None, filename=file.name, content=content)
        except DomainError as error:
            raise CommandError(error.message) from error
        if not reports:
            self.stdout.write(_("The file holds neither calls (calls) nor needs (needs)."))
        for kind, report in reports.items():
            self._write(KINDS[kind], report)
        failed = sum(report.failed for report in reports.values())
        if failed:
            refused = ngettext(
                "%(number)d record could not be imported.",
                "%(number)d records could not be imported.",
                failed,
            )
            raise CommandError(refused % {"number": failed}, returncode=1)

    def _write(self, label: object, report: ImportReport) -> None:
        self.stdout.write(
            _(
                "%(kind)s: %(created)d new, %(updated)d changed, %(unchanged)d unchanged, "
                "%(failed)d with errors."
            )
            % {
                "kind": label,
                "created": len(report.created),
                "updated": len(report.updated),
                "unchanged": len(report.unchanged),
                "failed": report.failed,
            }
        )
        for problem in report.problems:
            self.stdout.write(
                "  "
                + (
                    _("ERROR record %(position)d %(name)s: %(reason)s")
                    if problem.fatal
                    else _("note record %(position)d %(name)s: %(reason)s")
                )
                % {
                    "position": problem.position,
                    "name": problem.external_id or _("(no external_id)"),
                    "reason": problem.message,
                }
            )
