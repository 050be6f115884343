from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from navet.core.contributions import register


class MatchingConfig(AppConfig):
    name = "navet.matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from navet.matching import audit  # noqa: F401, PLC0415  (registers audited models)

        register("need.detail", "matching/_need_placeholder.html", order=10)
