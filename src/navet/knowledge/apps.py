from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from navet.core.contributions import register


class KnowledgeConfig(AppConfig):
    name = "navet.knowledge"
    verbose_name = _("Knowledge bank")

    def ready(self) -> None:
        register("need.detail", "knowledge/_need_placeholder.html", order=40)
        register("project.detail.related", "knowledge/_project_placeholder.html", order=10)
        from navet.knowledge import audit  # noqa: F401, PLC0415  (registers audited models)
