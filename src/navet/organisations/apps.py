from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "navet.organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from navet.organisations import audit  # noqa: F401, PLC0415  (registers audited models)
