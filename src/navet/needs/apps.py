from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "navet.needs"
    verbose_name = _("Needs")

    def ready(self) -> None:
        from navet.needs import audit  # noqa: F401, PLC0415  (registers audited models)
