from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from navet.core import calendar
from navet.core.contributions import register


class ProjectsConfig(AppConfig):
    name = "navet.projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        register("need.detail", "projects/_need_placeholder.html", order=20)
        register("need.suggestion", "projects/_suggestion_idea.html", order=10)
        register("municipality.detail", "projects/_municipality_link.html", order=10)
        from navet.projects import audit  # noqa: F401, PLC0415  (registers audited models)
        from navet.projects.calendar_entries import project_entries  # noqa: PLC0415

        calendar.register(calendar.PROJECT, project_entries)
