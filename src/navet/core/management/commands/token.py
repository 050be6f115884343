from django.core.management.base import CommandError, CommandParser
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from navet.core.errors import DomainError
from navet.core.management.base import NavetCommand
from navet.core.models import ApiToken, User, hash_token
from navet.core.tokens import MAX_DAYS, api_token_create


class Command(NavetCommand):
    help = (
        "Skapa en API-token för en användare och skriv ut den (visas bara en gång). Den gäller "
        "i NAVET_API_TOKEN_DAYS dagar (90 om inget annat är inställt), eller i --days dagar."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--days", type=int, help=f"hur många dagar token gäller (1–{MAX_DAYS})")
        parser.add_argument(
            "--name", default="", help="vad token används till, t.ex. 'Ekonomisystemet'"
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
