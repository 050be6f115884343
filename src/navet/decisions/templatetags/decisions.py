from typing import Any

from django import template

from navet.decisions.selectors.boards import project_steering
from navet.projects.models import Project

register = template.Library()


@register.inclusion_tag("decisions/_project_steering_step.html", takes_context=True)
def project_steering_step(context: template.Context, project: Project) -> dict[str, Any]:
    """The steering group's part of a project's next step: its motion out to vote, or the way
    to write one from the project."""
    return project_steering(context["request"].user, project)
