from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "navet.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from navet.core import audit  # noqa: F401, PLC0415  (registers audited models)
