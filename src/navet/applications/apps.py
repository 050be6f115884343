from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from navet.core.contributions import register


class ApplicationsConfig(AppConfig):
    name = "navet.applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        register("project.detail", "applications/_project_placeholder.html", order=10)
        register("project.next_step.application", "applications/_project_next_step.html", order=10)
        from navet.applications import audit  # noqa: F401, PLC0415  (registers audited models)
