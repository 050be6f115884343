from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from navet.core import calendar
from navet.core.contributions import register


class DecisionsConfig(AppConfig):
    name = "navet.decisions"
    verbose_name = _("Decisions")

    def ready(self) -> None:
        register("need.detail", "decisions/_need_meetings_placeholder.html", order=30)
        register("project.detail", "decisions/_project_steering_placeholder.html", order=5)
        register("project.detail", "decisions/_project_boards_placeholder.html", order=30)
        register("project.next_step.steering", "decisions/_project_next_step.html", order=10)
        from navet.decisions import audit  # noqa: F401  (registers the audited models)
        from navet.decisions.calendar_entries import meeting_entries, motion_entries  # noqa: PLC0415

        calendar.register(calendar.MEETING, meeting_entries)
        calendar.register(calendar.MOTION, motion_entries)
