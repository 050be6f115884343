"""The shape of every permission answer in Navet."""

from dataclasses import dataclass

from navet.core.errors import PermissionDenied


@dataclass(frozen=True)
class Decision:
    """Whether an actor may do something, and if not, why (shown beside a disabled button)."""

    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed

    def require(self) -> None:
        """Raise PermissionDenied, with the reason, unless allowed."""
        if not self.allowed:
            raise PermissionDenied(self.reason)


ALLOWED = Decision(True)
