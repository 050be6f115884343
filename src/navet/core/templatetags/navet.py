from datetime import date, datetime
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from navet.core.text import (
    format_day,
    format_decimal,
    format_moment,
    format_sek,
    group_thousands,
    urgency,
)

register = template.Library()


@register.filter
def thousands(value: int | Decimal | None) -> str:
    """`114 304`: Swedish digit grouping."""
    return "" if value is None else group_thousands(value)


@register.filter
def day(value: date | datetime | None) -> str:
    """`2026-12-07`; a moment by its date in Stockholm."""
    if value is None or value == "":
        return ""
    return format_day(timezone.localdate(value) if isinstance(value, datetime) else value)


@register.filter
def moment(value: datetime | None) -> str:
    """`2026-12-07 14:30`, in Stockholm's time."""
    return "" if value is None or value == "" else format_moment(timezone.localtime(value))


@register.filter
def decimal(value: int | Decimal | None) -> str:
    """`1 250 000`, `2,5`: a number with Swedish grouping and decimal comma."""
    return "" if value is None else format_decimal(value)


@register.filter
def sek(value: int | Decimal | None) -> str:
    """`1 250 000 kr`."""
    return "" if value is None else format_sek(value)


@register.simple_tag
def due(day: date | datetime, today: date | None = None) -> SafeString:
    """When something is due, the same way on every page: the date, the days left in words and
    the urgency in words and colour ("2026-12-09 · om 2 dagar, brådskande"); colour never alone.
    A moment counts by its Swedish date; `today` is Stockholm's today unless a page fixes it."""
    if isinstance(day, datetime):
        day = timezone.localdate(day)
    today = today or timezone.localdate()
    days = (day - today).days
    level = urgency(days)
    if days < 0:
        words = ngettext("%(days)d day late", "%(days)d days late", -days) % {"days": -days}
    elif days == 0:
        words = _("today")
    else:
        words = ngettext("in %(days)d day", "in %(days)d days", days) % {"days": days}
    if level == "urgent":
        words = _("%(when)s, urgent") % {"when": words}
    return format_html(
        '<span class="due due--{}"><time datetime="{}">{}</time> · {}</span>',
        level,
        day.isoformat(),
        day.isoformat(),
        words,
    )
