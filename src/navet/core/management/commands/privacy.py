from pathlib import Path

from auditlog.models import LogEntry
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from navet.core.errors import DomainError
from navet.core.management.base import NavetCommand
from navet.core.models import User
from navet.core.privacy.erasure import user_erase
from navet.core.privacy.export import export_json, personal_data_export


class Command(NavetCommand):
    help = gettext_noop(
        "Personal data: `export USERNAME FILE` writes everything Navet holds about a user as "
        "JSON; `erase USERNAME` removes the user (pseudonymises, after confirmation); "
        "`forget-addresses` empties the IP addresses in the log's older entries."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        export = commands.add_parser("export", help=_("Write a user's data to FILE."))
        export.add_argument("username")
        export.add_argument("file", type=Path)
        erase = commands.add_parser("erase", help=_("Remove (pseudonymise) a user."))
        erase.add_argument("username")
        erase.add_argument(
            "--yes", action="store_true", help=_("Do not ask: the user name is already checked.")
        )
        commands.add_parser(
            "forget-addresses",
            help=_(
                "Empty the IP addresses in the log's entries from before Navet stopped "
                "storing them."
            ),
        )

    def handle(self, *args: object, action: str, **options: object) -> None:
        if action == "forget-addresses":
            count = LogEntry.objects.exclude(remote_addr=None).update(
                remote_addr=None, remote_port=None
            )
            removed = ngettext(
                "The IP address was removed from %(number)d entry of the log.",
                "The IP address was removed from %(number)d entries of the log.",
                count,
            )
            self.stdout.write(removed % {"number": count})
            return
        username = str(options["username"])
        subject = User.objects.filter(username=username).first()
        if subject is None:
            raise CommandError(
                _("There is no user named %(username)s.") % {"username": repr(username)}
            )
        if action == "export":
            path = Path(str(options["file"]))
            path.write_bytes(export_json(personal_data_export(actor=None, subject=subject)))
            self.stdout.write(
                _("The data about %(username)s was written to %(path)s.")
                % {"username": username, "path": path}
            )
            return
        if not options["yes"]:
            self.stdout.write(
                _(
                    "%(name)s (%(username)s) is closed and gets a new name; roles, watches, "
                    "feeds and notifications are removed. Decisions, votes and the log are kept."
                )
                % {"name": subject, "username": username}
            )
            answer = input(_("Type the user name to confirm: "))
            if answer.strip() != username:
                raise CommandError(_("Nothing was removed: the user name did not match."))
        try:
            user_erase(actor=None, subject=subject)
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            _("%(username)s is removed and is now shown as %(name)s.")
            % {"username": username, "name": subject}
        )
