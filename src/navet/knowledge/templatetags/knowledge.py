from django import template
from django.utils.safestring import SafeString, mark_safe

from navet.knowledge import markdown as md

register = template.Library()


@register.filter
def markdown(value: str | None) -> SafeString:
    """Markdown rendered and sanitised (nh3): safe to show as HTML."""
    return mark_safe(md.render(value or ""))  # noqa: S308  (sanitised by nh3 above)
