from django.core.management.base import CommandError, CommandParser
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from navet.core.errors import DomainError
from navet.core.management.base import NavetCommand
from navet.core.models import ApiToken, User, hash_token
from navet.core.tokens import MAX_DAYS, api_token_create


class Command(NavetCommand):
    help = gettext_noop(
        "Create an API token for a user and print it (shown only once). It is valid for "
        "NAVET_API_TOKEN_DAYS days (90 unless set otherwise), or for --days days."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--days",
            type=int,
            help=_("how many days the token is valid (1–%(max)d)") % {"max": MAX_DAYS},
        )
        parser.add_argument(
            "--name", default="", help=_("what the token is used for, e.g. 'The finance system'")
        )

    def handle(
        self, *args: object, username: str, days: int | None, name: str, **options: object
    ) -> None:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(
                _("There is no active user named %(username)s.") % {"username": repr(username)}
            )
        try:
            raw = api_token_create(user=user, name=name, days=days)
        except DomainError as error:
            raise CommandError(error.message) from error
        expires = ApiToken.objects.get(digest=hash_token(raw)).expires_at
        # The token alone on standard output, so that a script can take it as it is.
        self.stdout.write(raw)
        self.stderr.write(
            _("Valid until %(moment)s.") % {"moment": f"{localtime(expires):%Y-%m-%d %H:%M}"}
        )
