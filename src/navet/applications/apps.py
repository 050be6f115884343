from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "navet.applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        from navet.applications import audit  # noqa: F401, PLC0415  (registers audited models)
