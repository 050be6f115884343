"""Reports due to funders in the one calendar (`navet.core.calendar`): each report not yet
submitted, of the projects the actor may read, as an all-day entry on its day."""

from django.urls import reverse

from navet.core import calendar
from navet.core.models import User
from navet.followup.models import ReportDeadline
from navet.projects.permissions import projects_for


def report_entries(actor: User, window: calendar.Window) -> list[calendar.Entry]:
    reports = ReportDeadline.objects.filter(
        project__in=projects_for(actor), submitted_on__isnull=True, due_on__gte=window.start.date()
    )
    if window.end is not None:
        reports = reports.filter(due_on__lt=window.end.date())
    if window.consortium_id is not None:
        reports = reports.filter(project__consortium_id=window.consortium_id)
    reports = reports.select_related("project__consortium").order_by("due_on", "pk")
    return [
        calendar.Entry(
            kind=calendar.REPORT,
            uid=f"report-{report.pk}@navet",
            label=report.get_kind_display(),
            title=report.project.title,
            starts=report.due_on,
            ends=report.due_on,
            day=report.due_on,
            path=reverse("followup:followup", args=[report.project_id]) + "#reports-heading",
            consortium=report.project.consortium.name,
            consortium_id=report.project.consortium_id,
            reminders=(14, 7, 2),
        )
        for report in reports[: window.limit + 1]
    ]
