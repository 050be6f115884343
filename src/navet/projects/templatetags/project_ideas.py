"""`{% may_start_idea need as allowed %}`: whether the user may make a project idea of a need,
for the button other apps' pages show on its suggestions (`projects/_suggestion_idea.html`)."""

from django import template

from navet.needs.models import Need
from navet.projects.permissions import idea_owner_ids

register = template.Library()


@register.simple_tag(takes_context=True)
def may_start_idea(context: template.Context, need: Need) -> bool:
    return need.municipality_id in idea_owner_ids(context["request"].user)
