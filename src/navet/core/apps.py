from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from navet.core.text import install_translations


class CoreConfig(AppConfig):
    name = "navet.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from navet.core import audit  # noqa: F401, PLC0415  (registers audited models)
        from navet.core.ordering import register_sqlite_collation  # noqa: PLC0415
        from navet.core.search import ensure_sqlite_indexes  # noqa: PLC0415

        install_translations(gettext=gettext, ngettext=ngettext)
        connection_created.connect(register_sqlite_collation)
        post_migrate.connect(ensure_sqlite_indexes)
