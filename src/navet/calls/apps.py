from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "navet.calls"
    verbose_name = _("Funding calls")

    def ready(self) -> None:
        from navet.calls import audit  # noqa: F401, PLC0415  (registers audited models)
