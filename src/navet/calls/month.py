"""A month of deadlines as weeks of days, Monday first (Swedish calendars). No Django here."""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class Day(Generic[T]):
    day: date
    in_month: bool
    items: list[T] = field(default_factory=list)


def month_grid(first: date, dated_items: Iterable[tuple[date, T]]) -> list[list[Day[T]]]:
    """Weeks (Monday–Sunday) covering the month of `first`, each day with its items."""
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        first.year, first.month
    )
    days: dict[date, Day[T]] = {d: Day(d, d.month == first.month) for week in weeks for d in week}
    for day, item in dated_items:
        if day in days:
            days[day].items.append(item)
    return [[days[d] for d in week] for week in weeks]


def parse_month(text: str, default: date) -> date:
    """`2027-01` → 2027-01-01; anything else gives the month of `default`."""
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1)
    except ValueError:
        return default.replace(day=1)


def shift_month(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
