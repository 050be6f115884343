from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomicsConfig(AppConfig):
    name = "navet.economics"
    verbose_name = _("Economics")

    def ready(self) -> None:
        from navet.economics import audit  # noqa: F401, PLC0415  (registers audited models)
