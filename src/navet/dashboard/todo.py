"""A role's to-do list: what needs doing, each with where it is done and how urgent it is.

Pure: plain dataclasses in, plain data out. The home page lists the groups that hold anything,
in the order of their most urgent item; nothing that needs no action is shown.
"""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Todo:
    text: str
    url: str
    due: date | None = None  # when it must be done; None: as soon as possible
    detail: str = ""


@dataclass
class Group:
    key: str
    title: str
    items: list[Todo] = field(default_factory=list)
    more_url: str = ""  # where the whole list is, when the group shows only some

    @property
    def first_due(self) -> date | None:
        dated = [item.due for item in self.items if item.due is not None]
        return min(dated) if dated else None


def ordered(groups: list[Group]) -> list[Group]:
    """The groups that hold anything, the one with the soonest item first; in each group, the
    soonest item first (undated items keep their place after the dated ones)."""
    kept = [g for g in groups if g.items]
    for group in kept:
        group.items.sort(key=lambda item: (item.due is None, item.due or date.max))
    return sorted(kept, key=lambda g: (g.first_due is None, g.first_due or date.max))


def count(groups: list[Group]) -> int:
    return sum(len(g.items) for g in groups)
