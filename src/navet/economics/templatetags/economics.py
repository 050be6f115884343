from fractions import Fraction

from django import template

from navet.economics.costsharing import format_leverage

register = template.Library()


@register.filter
def leverage(value: Fraction | None) -> str:
    """`1,60`: granted kronor per krona of cost; a dash when there is no cost."""
    return format_leverage(value)
