from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from navet.core.models import ApiToken, User

admin.site.site_header = "Navet – administration"
admin.site.site_title = "Navet"


@admin.register(User)
class NavetUserAdmin(UserAdmin):
    actions = ["erase_personal_data"]

    @admin.action(description=gettext_lazy("Erase personal data (pseudonymise)"))
    def erase_personal_data(
        self, request: HttpRequest, queryset: QuerySet[User]
    ) -> HttpResponse | None:
        """One user at a time, on Navet's page that asks for confirmation and keeps records."""
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one user to erase."), messages.WARNING)
            return None
        return redirect("privacy-user", queryset.get().pk)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "revoked_at"]
    readonly_fields = ["user", "digest", "created_at"]
    list_filter = ["revoked_at"]

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        # Tokens are created with `navet token USERNAME`, which shows the secret once.
        return False
