"""Domain errors: raised by services, shown to users in Swedish by views and the API."""

from django.core.exceptions import ValidationError
from django.db.models import Model


class DomainError(Exception):
    """A rule of the domain was broken; the message is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @classmethod
    def from_validation(cls, error: ValidationError) -> "DomainError":
        return cls(" ".join(error.messages))


class PermissionDenied(DomainError):
    """The actor may not do this. Also raised for records the actor may not see."""


class NotFound(DomainError):
    """No such record, or none the actor may see: the two answer the same."""


def full_clean(instance: Model) -> None:
    """Validate a record before a service saves it; what is wrong reaches the user in Swedish."""
    try:
        instance.full_clean()
    except ValidationError as error:
        raise DomainError.from_validation(error) from error
