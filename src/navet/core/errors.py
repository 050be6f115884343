"""Domain errors: raised by services, shown to users in Swedish by views and the API."""


class DomainError(Exception):
    """A rule of the domain was broken; the message is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PermissionDenied(DomainError):
    """The actor may not do this. Also raised for records the actor may not see."""


class NotFound(DomainError):
    """No such record, or none the actor may see: the two answer the same."""
