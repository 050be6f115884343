from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from navet.core import calendar
from navet.core.contributions import register


class FollowupConfig(AppConfig):
    name = "navet.followup"
    verbose_name = _("Follow-up")

    def ready(self) -> None:
        register("project.detail", "followup/_project_placeholder.html", order=40)
        register("project.next_step.follow_up", "followup/_project_next_step.html", order=10)
        from navet.followup import audit  # noqa: F401, PLC0415  (registers audited models)
        from navet.followup.calendar_entries import report_entries  # noqa: PLC0415

        calendar.register(calendar.REPORT, report_entries)
