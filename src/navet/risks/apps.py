from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from navet.core.contributions import register


class RisksConfig(AppConfig):
    name = "navet.risks"
    verbose_name = _("Risks")

    def ready(self) -> None:
        register("project.detail", "risks/_project_placeholder.html", order=20)
        from navet.risks import audit  # noqa: F401, PLC0415  (registers audited models)
