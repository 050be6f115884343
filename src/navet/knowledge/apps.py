from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "navet.knowledge"
    verbose_name = _("Knowledge bank")

    def ready(self) -> None:
        from navet.knowledge import audit  # noqa: F401, PLC0415  (registers audited models)
