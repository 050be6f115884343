"""Errors services raise for the user: the domain's own, and Navet's "not found" and "not allowed".

`DomainError` is the user's mistake (a broken rule), shown on the form it came from.
`NotFound` and `PermissionDenied` are Django's `Http404` and `PermissionDenied` with a Swedish
message: no form catches them, and the middleware (pages) and the API answer them with 404 and
403. They are not domain errors, so an `except DomainError` never swallows them.
"""

from django.core import exceptions
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404


class DomainError(Exception):
    """A rule of the domain was broken; the message is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @classmethod
    def from_validation(cls, error: ValidationError) -> "DomainError":
        return cls(" ".join(error.messages))


class PermissionDenied(exceptions.PermissionDenied):
    """The actor may not do this (403); the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(Http404):
    """No such record, or none the actor may see: the two answer the same (404)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def full_clean(instance: Model) -> None:
    """Validate a record before a service saves it; what is wrong reaches the user in Swedish."""
    try:
        instance.full_clean()
    except ValidationError as error:
        raise DomainError.from_validation(error) from error
