from django.core.management.base import BaseCommand, CommandError, CommandParser

from navet.core.models import User
from navet.core.tokens import api_token_create


class Command(BaseCommand):
    help = "Skapa en API-token för en användare och skriv ut den (visas bara en gång)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: object, username: str, **options: object) -> None:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Det finns ingen aktiv användare med namnet {username!r}.")
        self.stdout.write(api_token_create(user=user))
