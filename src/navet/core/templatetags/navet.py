from decimal import Decimal

from django import template

from navet.core.text import format_sek, group_thousands

register = template.Library()


@register.filter
def thousands(value: int | Decimal | None) -> str:
    """`114 304`: Swedish digit grouping."""
    return "" if value is None else group_thousands(value)


@register.filter
def sek(value: int | Decimal | None) -> str:
    """`1 250 000 kr`."""
    return "" if value is None else format_sek(value)
