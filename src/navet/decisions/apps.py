from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "navet.decisions"
    verbose_name = _("Decisions")

    def ready(self) -> None:
        from navet.decisions import audit  # noqa: F401  (registers the audited models)
