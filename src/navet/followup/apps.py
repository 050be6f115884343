from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "navet.followup"
    verbose_name = _("Follow-up")

    def ready(self) -> None:
        from navet.followup import audit  # noqa: F401, PLC0415  (registers audited models)
