"""The shape of every permission answer in Navet."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    """Whether an actor may do something, and if not, why (shown beside a disabled button)."""

    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Decision(True)
