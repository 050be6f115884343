from decimal import Decimal

from django import template

from navet.decisions.progress import format_value

register = template.Library()


@register.filter
def indicator(value: Decimal | None) -> str:
    """An indicator's value: `1 250 000`, `2,5`."""
    return "" if value is None else format_value(value)
