from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from navet.core.models import ApiToken, User

admin.site.site_header = "Navet – administration"
admin.site.site_title = "Navet"


@admin.register(User)
class NavetUserAdmin(UserAdmin):
    pass


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "revoked_at"]
    readonly_fields = ["user", "digest", "created_at"]
    list_filter = ["revoked_at"]

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        # Tokens are created with `navet token USERNAME`, which shows the secret once.
        return False
