"""Filters of the follow-up pages: a share as a percentage, an amount with öre."""

from decimal import Decimal

from django import template

from navet.core.text import group_thousands

register = template.Library()


@register.filter
def percent(value: Decimal | None) -> str:
    """0.805 → `81 %`."""
    if value is None:
        return "–"
    return f"{round(Decimal(value) * 100)}\u00a0%"


@register.filter
def money(value: Decimal | None) -> str:
    """Decimal('-1234.5') → `−1 234,50 kr`; whole kronor without öre."""
    if value is None:
        return "–"
    amount = Decimal(value).quantize(Decimal("0.01"))
    whole = int(abs(amount))
    ore = int((abs(amount) - whole) * 100)
    sign = "\u2212" if amount < 0 else ""
    text = group_thousands(whole) + (f",{ore:02d}" if ore else "")
    return f"{sign}{text}\u00a0kr"
