from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from navet.core.contributions import register


class CallsConfig(AppConfig):
    name = "navet.calls"
    verbose_name = _("Funding calls")

    def ready(self) -> None:
        register("notifications.settings", "calls/_watch_link.html", order=10)
        from navet.calls import audit  # noqa: F401, PLC0415  (registers audited models)
