from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "navet.risks"
    verbose_name = _("Risks")

    def ready(self) -> None:
        from navet.risks import audit  # noqa: F401, PLC0415  (registers audited models)
