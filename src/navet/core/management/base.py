"""The base of Navet's commands: they answer in the installation's language."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation


class NavetCommand(BaseCommand):
    """A command whose output is in the installation's language (`LANGUAGE_CODE`). Django runs a
    command in whatever language the process has active – none from a shell, so Django's
    default, but the last request's when called from code (`call_command`) – so the command
    chooses its own."""

    def execute(self, *args: Any, **options: Any) -> str | None:
        with translation.override(settings.LANGUAGE_CODE):
            return super().execute(*args, **options)
