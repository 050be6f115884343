"""`{% contributions "slot" %}`: what higher apps registered for this page."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from navet.core.contributions import contributions as registered

register = template.Library()


@register.simple_tag(takes_context=True)
def contributions(context: template.Context, slot: str) -> SafeString:
    """Render each registered template with the page's own context, as `{% include %}` would."""
    engine = context.template.engine  # type: ignore[union-attr]
    parts = [engine.get_template(name).render(context) for name in registered(slot)]
    return mark_safe("".join(parts))  # noqa: S308  (each part is a template rendered with escaping)
