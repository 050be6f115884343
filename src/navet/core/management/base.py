"""The base of Navet's commands: they answer in the installation's language."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation
from django.utils.translation import gettext


class NavetCommand(BaseCommand):
    """A command whose help and output are in the installation's language (`LANGUAGE_CODE`).
    Django runs a command in whatever language the process has active – none from a shell, so
    Django's default, but the last request's when called from code (`call_command`) – so the
    command chooses its own. `help` is an English message id (marked with `gettext_noop`);
    `add_arguments` translates with plain `gettext`, as it runs inside `create_parser`."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        with translation.override(settings.LANGUAGE_CODE):
            parser = super().create_parser(prog_name, subcommand, **kwargs)
            parser.description = gettext(self.help) if self.help else None
        return parser

    def execute(self, *args: Any, **options: Any) -> str | None:
        with translation.override(settings.LANGUAGE_CODE):
            return super().execute(*args, **options)
