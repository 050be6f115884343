from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "navet.projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        from navet.projects import audit  # noqa: F401, PLC0415  (registers audited models)
