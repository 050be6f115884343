"""Project periods in the one calendar (`navet.core.calendar`): the day each project the actor may
read starts and the day it ends, as two all-day entries – a year-long band would hide the rest."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from navet.core import calendar
from navet.core.models import User
from navet.projects.permissions import projects_for


def project_entries(actor: User, window: calendar.Window) -> list[calendar.Entry]:
    first = window.start.date()
    last = window.end.date() if window.end is not None else None
    projects = projects_for(actor)
    if window.consortium_id is not None:
        projects = projects.filter(consortium_id=window.consortium_id)
    entries = []
    for edge, field, label in (
        ("start", "starts_on", _("Project starts")),
        ("end", "ends_on", _("Project ends")),
    ):
        rows = projects.filter(**{f"{field}__gte": first})
        if last is not None:
            rows = rows.filter(**{f"{field}__lt": last})
        for project in rows.select_related("consortium").order_by(field, "pk")[: window.limit + 1]:
            day: date = getattr(project, field)
            entries.append(
                calendar.Entry(
                    kind=calendar.PROJECT,
                    uid=f"project-{project.pk}-{edge}@navet",
                    label=label,
                    title=project.title,
                    starts=day,
                    ends=day,
                    day=day,
                    path=reverse("projects:project-detail", args=[project.pk]),
                    consortium=project.consortium.name,
                    consortium_id=project.consortium_id,
                )
            )
    return sorted(entries, key=lambda entry: entry.sort_key)[: window.limit + 1]
